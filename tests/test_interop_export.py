"""Exports: the graph JSON against its schema, AIF's structure, Argdown's layout, the command and the build."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from debatemap.cli import main
from debatemap.graph import Site
from debatemap.interop.argdown_lines import data_end
from debatemap.interop.argdown_text import escape, unescape
from debatemap.interop.export import export_maps
from debatemap.jsonschema import json_schema
from debatemap.pipeline import load_site
from debatemap.render import routes

from .helpers import MAP, minimal_site
from .interop_helpers import CONTENT, GOLDEN


@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    return {name: load_site(root).site for name, root in (("content", CONTENT), ("golden", GOLDEN))}


def edges(site: Site, map_ids: list[str]) -> list[tuple[str, str, str]]:
    """(parent, child, stance) of every link among the claims of the maps."""
    members = {c for m in map_ids for c in site.map_claims[m]}
    return [(c, link.claim_id, link.stance) for c in members for link in site.claims[c].children if link.claim_id in members]


# -- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["content", "golden"])
def test_the_json_export_is_valid_against_the_schema_debatemap_schema_prints(sites: dict[str, Site], name: str) -> None:
    site = sites[name]
    document = json.loads(export_maps(site, list(site.maps), "json"))
    schema = json_schema("graph")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["format"] == "debatemap-graph" and document["version"] == 1
    assert [c["id"] for c in document["claims"]] == list(dict.fromkeys(c for m in site.maps for c in site.map_claims[m]))
    assert {s["id"] for s in document["sources"]} == {s for m in site.maps for s in site.map_sources[m]}


def test_the_schema_refuses_a_document_with_a_wrong_stance(sites: dict[str, Site]) -> None:
    document = json.loads(export_maps(sites["golden"], ["city-cycling"], "json"))
    document["claims"][0]["children"][0]["stance"] = "neutral"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema("graph"))


def test_the_json_export_lists_a_reused_claim_once_with_each_link_marked(sites: dict[str, Site]) -> None:
    document = json.loads(export_maps(sites["golden"], ["city-cycling"], "json"))
    claims = {c["id"]: c for c in document["claims"]}
    assert [c["id"] for c in document["claims"]].count("scale-needs-budget") == 1
    links = [
        (c["id"], child["ref"]) for c in document["claims"] for child in c["children"] if child["id"] == "scale-needs-budget"
    ]
    assert sorted(links) == [("costs-fall-with-scale", False), ("lanes-slow-buses", True)]
    assert claims["costs-fall-with-scale"]["sources"] == [
        {"source": "cost-handbook", "note": "Unit costs fall by *a third* after ten builds."}
    ]
    assert document["maps"][0]["claims"][0] == "build-protected-lanes"


# -- AIF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["content", "golden"])
def test_aif_links_claims_only_through_one_ra_or_ca_node_per_pro_or_con(sites: dict[str, Site], name: str) -> None:
    site = sites[name]
    document = json.loads(export_maps(site, list(site.maps), "aif"))
    nodes = {node["nodeID"]: node for node in document["nodes"]}
    assert len(nodes) == len(document["nodes"]), "node ids are unique"
    assert document["locutions"] == []
    outgoing: Counter[str] = Counter(edge["fromID"] for edge in document["edges"])
    incoming: dict[str, list[str]] = {}
    for edge in document["edges"]:
        assert edge["fromID"] in nodes and edge["toID"] in nodes
        assert {nodes[edge["fromID"]]["type"], nodes[edge["toID"]]["type"]} != {"I"}, "I-nodes never link directly"
        incoming.setdefault(edge["toID"], []).append(edge["fromID"])
    middles = [n for n in nodes.values() if n["type"] in ("RA", "CA")]
    for node in middles:
        assert outgoing[node["nodeID"]] == 1
        target = next(e["toID"] for e in document["edges"] if e["fromID"] == node["nodeID"])
        assert nodes[target]["type"] == "I"
        assert incoming.get(node["nodeID"]) and all(nodes[i]["type"] == "I" for i in incoming[node["nodeID"]])
    claims = document["debatemap"]["claims"]
    i_nodes = [n for n in nodes.values() if n["type"] == "I"]
    assert sorted(claims[n["nodeID"]]["id"] for n in i_nodes) == sorted({c for m in site.maps for c in site.map_claims[m]})
    stances = Counter("pro" if n["type"] == "RA" else "con" for n in middles)
    expected = Counter(stance for _, _, stance in edges(site, list(site.maps)))
    assert stances == expected


def test_aif_gives_a_reused_claim_one_i_node_and_its_citations_in_the_extension(sites: dict[str, Site]) -> None:
    document = json.loads(export_maps(sites["golden"], list(sites["golden"].maps), "aif"))
    extension = document["debatemap"]
    by_id = {entry["id"]: node_id for node_id, entry in extension["claims"].items()}
    reused = by_id["lanes-slow-buses"]  # in both maps
    assert sum(1 for n in document["nodes"] if n["nodeID"] == reused) == 1
    assert extension["claims"][by_id["build-protected-lanes"]]["sources"][0] == {
        "source": "lane-safety-study", "locator": "Table 2", "note": "Injury rates on protected and painted lanes compared.",
    }  # fmt: skip
    assert {s["id"] for s in extension["sources"]} >= {"lane-safety-study", "hostile-source"}
    hostile = extension["claims"][by_id["hostile-pro"]]
    assert hostile["claim"].startswith("A claim with a [javascript: link]")  # the Markdown, where the I-node has text
    i_node = next(n for n in document["nodes"] if n["nodeID"] == by_id["hostile-pro"])
    assert i_node["text"] == "A claim with a [javascript: link](javascript:alert(9)) and <code>"  # not a link, so it stays text


# -- Argdown ------------------------------------------------------------------------------------


@given(text=st.text(max_size=300).map(lambda t: " ".join(t.split())))
def test_argdown_escaping_reads_back_as_the_text(text: str) -> None:
    assert unescape(escape(text)) == text


def test_argdown_escapes_only_what_argdown_would_not_read_as_text() -> None:
    assert (
        escape("Open weights, e.g. Llama 3.1: über-fast — 10 % (NO₂)") == "Open weights, e.g. Llama 3.1: über-fast — 10 % (NO₂)"
    )
    assert (
        escape("a *b* _c_ [d](https://x.org) <b> #t {x} \\")
        == "a \\*b\\* \\_c\\_ \\[d\\](https:\\//x.org) \\<b\\> \\#t \\{x\\} \\\\"
    )
    assert escape("so :happy: and .A. but not :other:") == "so \\:happy: and \\.A. but not :other:"


def argdown_lines(site: Site, map_ids: list[str]) -> list[str]:
    return export_maps(site, map_ids, "argdown").decode().splitlines()


def test_argdown_writes_a_reused_claim_once_and_refers_to_it_by_title(sites: dict[str, Site]) -> None:
    lines = argdown_lines(sites["golden"], ["city-cycling"])
    defined = [
        line for line in lines if line.lstrip().removeprefix("<+ ").removeprefix("<- ").startswith("[scale-needs-budget]:")
    ]
    assert len(defined) == 1
    assert "    <+ [scale-needs-budget]" in lines  # the ref under lanes-slow-buses, a pro of it
    assert "  <- [junction-designs-costly]" in lines


def test_argdown_nests_the_golden_sites_deepest_chain_one_level_per_reply(sites: dict[str, Site]) -> None:
    lines = argdown_lines(sites["golden"], ["city-cycling"])
    chain = ["lanes-cut-injuries", "injuries-move-to-junctions", "junction-designs-exist", "junction-designs-costly",
             "costs-fall-with-scale", "scale-needs-budget"]  # fmt: skip
    for depth, claim_id in enumerate(chain, start=1):
        assert any(line.startswith("  " * depth + "<") and f"[{claim_id}]: " in line for line in lines), claim_id
    deepest = next(line for line in lines if "[scale-needs-budget]: " in line)
    assert deepest.startswith("  " * 6 + "<- ")


def test_argdown_writes_a_claim_out_in_its_own_maps_section_when_both_are_exported(sites: dict[str, Site]) -> None:
    """lanes-slow-buses is defined in city-cycling and reused by hostile-input: exported alone, the
    hostile map writes it out; exported together, it is written out only under city-cycling."""
    alone = argdown_lines(sites["golden"], ["hostile-input"])
    assert any("[lanes-slow-buses]: Lanes take road space" in line for line in alone)
    both = argdown_lines(sites["golden"], ["hostile-input", "city-cycling"])
    section = both.index(next(line for line in both if line.startswith("# Should cities")))
    written = next(n for n, line in enumerate(both) if "[lanes-slow-buses]: " in line)
    assert written > section


def test_argdown_keeps_markdown_unicode_and_hostile_text_as_escaped_text(sites: dict[str, Site]) -> None:
    text = export_maps(sites["golden"], list(sites["golden"].maps), "argdown").decode()
    assert "# Should cities build \\*protected\\* bike lanes? {" in text
    assert "[hostile-con]: \\]\\]\\>\\</summary\\>\\<script\\>" in text
    summary = load_site(GOLDEN).site.sources["lane-safety-study"].summary
    assert summary is not None and "\n\n## Method" in summary
    assert json.dumps(summary, ensure_ascii=False) in text


# -- the command and the build ------------------------------------------------------------------


def test_export_prints_to_standard_output_or_writes_a_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(GOLDEN), "--map", "city-cycling", "--format", "argdown"]) == 0
    printed = capsysbinary.readouterr().out
    assert printed == export_maps(load_site(GOLDEN).site, ["city-cycling"], "argdown")
    out = tmp_path / "out" / "all.aif.json"
    assert main(["export", str(GOLDEN), "--format", "aif", "--out", str(out)]) == 0
    assert len(json.loads(out.read_bytes())["debatemap"]["maps"]) == 2


def test_export_of_an_unknown_map_or_of_content_with_errors_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(GOLDEN), "--map", "no-such-map"]) == 2
    assert "no map 'no-such-map'" in capsys.readouterr().err
    broken = minimal_site(tmp_path / "c", {"maps/open.yaml": MAP.replace("id: misuse-risk", "id: Misuse Risk")})
    out = tmp_path / "x.json"
    assert main(["export", str(broken), "--out", str(out)]) == 1
    assert "invalid id" in capsys.readouterr().err
    assert not out.exists()


def test_the_build_writes_each_maps_exports_beside_its_page_as_export_makes_them() -> None:
    expected = GOLDEN.parent / "expected"
    site = load_site(GOLDEN).site
    for map_id in site.maps:
        page = (expected / routes.map_url(map_id) / "index.html").read_text(encoding="utf-8")
        for download in routes.MAP_EXPORTS:
            written = (expected / routes.map_url(map_id) / download.file).read_bytes()
            assert written == export_maps(site, [map_id], download.format), (map_id, download.format)
            assert f'href="../../{routes.map_url(map_id)}{download.file}" download="{map_id}{download.suffix}"' in page


ARGDOWN_DATA = re.compile(r"{((?!}\s[^,}])(.|\n))*}(?!\s*(,|}))")
"""@argdown/core 1.7's own pattern for a data block, which ``data_end`` must agree with."""


@given(body=st.text(alphabet='{} ,a\n:"x\\', max_size=30))
def test_data_blocks_end_where_argdowns_own_pattern_ends_them(body: str) -> None:
    text = "{" + body
    found = ARGDOWN_DATA.match(text)
    assert data_end(text, 0) == (found.end() if found else None)
