"""Argdown: the real Argdown parser accepts every export; an export imports back as the same graph;
Argdown written by hand imports with what it cannot carry reported by line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from debatemap.interop.argdown_in import read_argdown
from debatemap.interop.export import export_maps
from debatemap.interop.importer import import_file
from debatemap.pipeline import load_site

from .conftest import require
from .interop_helpers import CONTENT, GOLDEN, REPO, export_and_import, graph_of

ARGDOWN = REPO / "tests" / ".node" / "node_modules" / ".bin" / "argdown"
"""Installed by .ci/run: npm install --prefix tests/.node @argdown/cli@1.7.5 (2.x needs Node 22)."""


def argdown_cli() -> Path:
    require(ARGDOWN.is_file() and shutil.which("node") is not None, "the Argdown CLI (tests/.node, see .ci/run)")
    return ARGDOWN


def test_the_argdown_parser_reads_every_map_exported_with_no_error_and_the_same_graph(tmp_path: Path) -> None:
    cli = argdown_cli()
    expected: dict[str, tuple[int, int]] = {}
    for name, root in (("content", CONTENT), ("golden", GOLDEN)):
        site = load_site(root).site
        selections = [[m] for m in site.maps] + [list(site.maps)]
        for number, map_ids in enumerate(selections):
            stem = f"{name}-{number}"
            (tmp_path / f"{stem}.argdown").write_bytes(export_maps(site, map_ids, "argdown"))
            members = {c for m in map_ids for c in site.map_claims[m]}
            links = sum(1 for c in members for link in site.claims[c].children if link.claim_id in members)
            expected[stem] = (len(members), links)
    done = subprocess.run(
        [str(cli), "json", str(tmp_path / "*.argdown"), str(tmp_path / "json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    for stem, (claims, links) in expected.items():
        parsed = json.loads((tmp_path / "json" / f"{stem}.json").read_text(encoding="utf-8"))
        relations = [r for r in parsed["relations"] if r["relationType"] in ("support", "attack")]
        assert (len(parsed["statements"]), len(relations)) == (claims, links), stem
        assert not parsed["arguments"], stem


@pytest.mark.parametrize("root", [CONTENT, GOLDEN], ids=["content", "golden"])
def test_an_argdown_export_imports_back_as_the_same_graph(tmp_path: Path, root: Path) -> None:
    original = load_site(root)
    result = export_and_import(original.site, "argdown", tmp_path)
    assert result.notes == []
    again = load_site(tmp_path / "content")
    assert again.errors == 0, [str(d) for d in again.diagnostics]
    assert graph_of(again.site) == graph_of(original.site)


def test_importing_an_export_again_makes_new_ids_reuses_the_sources_and_changes_no_file(tmp_path: Path) -> None:
    site = load_site(GOLDEN).site
    export_and_import(site, "argdown", tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    second = import_file("argdown", tmp_path / "export.argdown", tmp_path / "content", today="2000-01-01")
    assert all(path.read_bytes() == data for path, data in before.items())
    assert second.plan.sources == 0 and second.plan.reused_sources == 5
    assert {p.name for p in second.written} == {"city-cycling-2.yaml", "hostile-input-2.yaml"}
    assert any("map id 'city-cycling' is taken" in note.message for note in second.notes)
    merged = load_site(tmp_path / "content")
    assert merged.errors == 0, [str(d) for d in merged.diagnostics]
    assert "build-protected-lanes-2" in merged.site.claims


HAND_WRITTEN = """\
===
title: Hand-written debate
===

// A comment /* that runs to the end of the line
/* A block
comment */

# Should the city close Main Street to cars? #transport {summary: "A test."}

[Close]: Main Street should be closed to cars. #(main street)
  <+ [Safer]: Closing it makes crossing safe.
    <- [Vans]: Delivery vans still need to come in.
      - <Windows>: Deliveries can use early windows.
  + [Trade]: Shops gain trade
  when streets are calmer.
  - [Cost]: It costs money. #index
    >< [Safer]
  <- [Loop]: A claim that loops.
    <- [Close]

<Windows>

(1) Vans can come before 10 a.m.
(2) [Quiet]: Streets are quiet then.
----
(3) [Trade]

[Lonely]: A statement with no relation at all.
"""


def test_hand_written_argdown_becomes_maps_with_everything_left_out_reported_by_line() -> None:
    graph = read_argdown(HAND_WRITTEN, "hand.argdown")
    texts = {key: node.text for key, node in graph.nodes.items()}
    assert texts["s:Trade"] == "Shops gain trade when streets are calmer."
    assert graph.nodes["s:Close"].tags == ["main street"]
    close = graph.nodes["s:Close"]
    assert [(e.child, e.stance) for e in close.children] == [
        ("s:Safer", "pro"),
        ("s:Trade", "pro"),
        ("s:Cost", "con"),
        ("s:Loop", "con"),
    ]
    assert [m.title for m in graph.maps] == ["Should the city close Main Street to cars?"]
    assert graph.maps[0].tags == ["transport"] and graph.maps[0].summary == "A test."
    notes = {(note.line, note.message.split(":")[0]) for note in graph.notes}
    assert (18, "'><' is a contradiction, which the content format does not have") in notes
    assert any(line == 24 and "premise-conclusion structure of <Windows> is flattened" in text for line, text in notes)
    assert any(line == 29 and "no pros or cons" in text for line, text in notes)


def test_relations_written_from_the_parent_point_the_other_way() -> None:
    graph = read_argdown("[A]: a\n  +> [B]: b\n  -> [C]: c\n  _> [D]: d\n", "x.argdown")
    assert [(e.child, e.stance) for e in graph.nodes["s:B"].children] == [("s:A", "pro")]
    assert [(e.child, e.stance) for e in graph.nodes["s:C"].children] == [("s:A", "con")]
    assert [(e.child, e.stance) for e in graph.nodes["s:D"].children] == [("s:A", "con")]
    assert [note.line for note in graph.notes if "undercut" in note.message] == [4]
    assert sorted(spec.title for spec in graph.maps) == ["B", "C", "D"]


def test_hand_written_argdown_imports_into_content_that_passes_check(tmp_path: Path) -> None:
    source = tmp_path / "hand.argdown"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    result = import_file("argdown", source, tmp_path / "content", today="2024-05-01")
    messages = [f"{note.line}: {note.message}" for note in result.notes]
    assert any(m.startswith("20: ") and "leads back to it" in m for m in messages), messages  # the loop, dropped
    checked = load_site(tmp_path / "content")
    assert checked.errors == 0, [str(d) for d in checked.diagnostics]
    assert {d.code for d in checked.diagnostics} <= {"unsourced-claim"}
    site = checked.site
    assert site.config.title == "Hand-written debate"
    (debate,) = site.maps.values()
    assert debate.thesis_id == "close" and debate.tags == ("transport",)
    assert site.claims["windows"].text == "Deliveries can use early windows."
    assert site.claims["cost"].tags == ("index-tag",)  # 'index' is reserved: the page would collide
    assert [link.claim_id for link in site.claims["windows"].children] == ["vans-can-come-before-10-a-m", "quiet"]
    assert {(p.parent_id, p.stance) for p in site.parents["windows"]} == {("vans", "con"), ("trade", "pro")}


def test_the_argdown_packages_own_example_files_import_or_say_there_is_nothing_to_import(tmp_path: Path) -> None:
    argdown_cli()
    shipped = sorted((REPO / "tests" / ".node" / "node_modules" / "@argdown").rglob("*.argdown"))
    assert shipped, "the package ships .argdown files (its CLI's tests)"
    imported = 0
    for number, path in enumerate(shipped):
        try:
            result = import_file("argdown", path, tmp_path / str(number), today="2024-05-01")
        except Exception as exc:
            assert "found no debate to import" in str(exc), (path, exc)
            continue
        imported += 1
        assert load_site(tmp_path / str(number)).errors == 0, path
        if "@include" in path.read_text(encoding="utf-8"):
            assert any("@include is not followed" in note.message for note in result.notes)
    assert imported >= 1
