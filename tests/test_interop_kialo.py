"""Kialo's text export imports as a map that passes check, with reuse, sources and every loss reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from debatemap.cli import main
from debatemap.diagnostics import UsageError
from debatemap.interop.importer import import_file
from debatemap.interop.kialo_in import read_kialo
from debatemap.interop.layout import lay_out
from debatemap.interop.writer import Planner, existing_content, write_plan
from debatemap.pipeline import load_site
from debatemap.validate import check_id

FIXTURE = Path(__file__).parent / "fixtures" / "kialo-car-free-centres.txt"


def imported(tmp_path: Path, text: str, name: str = "debate.txt") -> tuple[Path, list[str]]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = import_file("kialo", source, tmp_path / "content", today="2024-05-01")
    return tmp_path / "content", [f"{note.line}: {note.message}" for note in result.notes]


def test_a_kialo_discussion_imports_as_a_map_that_passes_check(tmp_path: Path) -> None:
    content, notes = imported(tmp_path, FIXTURE.read_text(encoding="utf-8"))
    assert notes == []
    checked = load_site(content)
    assert checked.errors == 0, [str(d) for d in checked.diagnostics]
    assert {d.code for d in checked.diagnostics} == {"unsourced-claim"}
    site = checked.site
    (debate,) = site.maps.values()
    assert debate.title == "Should cities make their centres car-free?"
    assert debate.updated == "2024-05-01"
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line[:1].isdigit() and "-> See" not in line and "[" not in line[:4]]
    assert len(site.claims) == len(entries) == 38
    thesis = site.claims[debate.thesis_id]
    assert thesis.text == "Cities should ban private cars from their historic centres."
    assert [link.stance for link in thesis.children].count("con") == 3
    reused = [(parent.id, link.claim_id) for parent in site.claims.values() for link in parent.children if link.is_ref]
    assert len(reused) == FIXTURE.read_text(encoding="utf-8").count("-> See") == 5
    assert all(check_id(claim_id) is None for claim_id in site.claims)
    depth = {debate.thesis_id: 0}
    for claim_id in site.map_claims[debate.id]:
        for link in site.claims[claim_id].children:
            depth.setdefault(link.claim_id, depth[claim_id] + 1)
    assert max(depth.values()) == 5
    wrapped = next(c for c in site.claims.values() if c.text.startswith("Traffic pushed out"))
    assert wrapped.text == "Traffic pushed out of the centre jams the roads around it and the neighbourhoods that line them."
    madrid = next(c for c in site.claims.values() if "NO₂" in c.text)
    assert madrid.text == "Madrid's *Madrid Central* zone cut NO₂ on its busiest street by almost half."  # footnote marker gone
    assert [site.sources[c.source_id].title for c in madrid.citations] == [
        "Madrid Central air quality study (Ecologistas en Acción)"
    ]
    assert len(site.sources) == 7  # six footnotes and one link
    ghent = next(c for c in site.claims.values() if "Ghent's circulation plan" in c.text)
    assert site.sources[ghent.citations[0].source_id].url == "https://example.org/ghent-circulation-plan"
    assert "(https://example.org/ghent-circulation-plan)" in ghent.text  # the link stays in the text


KIALO_PROBLEMS = (
    """\
Discussion Title: A: "quoted" question # with a hash?

1. Thesis: A thesis, with a colon: and 'quotes'.
1.1. Pro: A pro with a [link](https://example.org/a-source) and a [relative one](/elsewhere).
1.1.1. Con: -> See 1.9.
1.1.2. Con: -> See 1.1.
1.2. Con: A con citing a footnote that is missing.[7]
1.3. A claim without a label.
1.4. Con: """
    + "Long words. " * 100
    + """

Sources:
[1] A source with no web address at all
"""
)


def test_what_a_kialo_export_holds_that_content_cannot_is_reported_with_its_line(tmp_path: Path) -> None:
    content, notes = imported(tmp_path, KIALO_PROBLEMS)
    assert "5: '-> See 1.9.' names no claim of this discussion: left out" in notes
    assert any(n.startswith("6: ") and "leads back to it" in n for n in notes)  # 1.1 under itself
    assert "7: footnote [7] is not in the Sources list: kept as text" in notes
    assert "8: claim 1.3. has no Pro: or Con: label: taken as a pro" in notes
    assert any(n.startswith("9: ") and "longer than 1000 characters" in n for n in notes)
    checked = load_site(content)
    assert checked.errors == 0, [str(d) for d in checked.diagnostics]
    site = checked.site
    (debate,) = site.maps.values()
    assert debate.title == 'A: "quoted" question # with a hash?'
    assert site.claims[debate.thesis_id].text == "A thesis, with a colon: and 'quotes'."
    long = next(c for c in site.claims.values() if c.text.startswith("Long words."))
    assert len(long.text) <= 1000 and long.text.endswith("…")
    assert long.details is not None and long.details.count("Long words.") == 100
    assert [s.url for s in site.sources.values()] == ["https://example.org/a-source"]


def test_a_multi_thesis_discussion_becomes_one_map_per_thesis(tmp_path: Path) -> None:
    text = (
        "Discussion Title: Which energy for the town?\n\n1. Which energy should the town invest in?\n"
        "1.1. Thesis: Solar.\n1.1.1. Pro: Panels are cheap.\n1.1.2. Con: Winters are dark.\n"
        "1.2. Thesis: Wind.\n1.2.1. Pro: It blows all year.\n1.2.2. Con: -> See 1.1.2.\n"
    )
    content, notes = imported(tmp_path, text)
    assert notes == []
    site = load_site(content).site
    assert sorted((m.title, site.claims[m.thesis_id].text) for m in site.maps.values()) == [
        ("Which energy should the town invest in?", "Solar."),
        ("Which energy should the town invest in?", "Wind."),
    ]
    assert len(site.maps) == 2 and len(set(site.maps)) == 2


def test_import_never_overwrites_a_file_even_one_that_appears_while_it_runs(tmp_path: Path) -> None:
    source = tmp_path / "d.txt"
    source.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    graph = read_kialo(source.read_text(encoding="utf-8"))
    root = tmp_path / "content"
    plan = Planner(graph, lay_out(graph), root, existing_content(root), today="2024-05-01", origin="d.txt").plan()
    late = plan.files[3][0]
    late.parent.mkdir(parents=True)
    late.write_text("mine\n", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        write_plan(plan)
    assert late.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p for p in root.rglob("*") if p.is_file()) == [late]


def test_an_input_with_a_control_character_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(b"1. Fine.\n1.1. Pro: Not \x07 fine.\n")
    with pytest.raises(UsageError, match=r"bad.txt:2:15: the file contains the control character U\+0007"):
        import_file("kialo", source, tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_the_import_command_lists_what_it_made_and_each_note_by_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("d.txt").write_text("1. A thesis.\n1.1. Pro: A pro.\n1.2. Con: -> See 3.1.\n", encoding="utf-8")
    assert main(["import", "kialo", "d.txt", "--content", "site-content"]) == 0
    out, err = capsys.readouterr()
    assert err == "d.txt:3: note: '-> See 3.1.' names no claim of this discussion: left out\n"
    assert out.splitlines() == [
        "created site-content/site.yaml",
        "created site-content/maps/a-thesis.yaml",
        "Imported 1 map(s), 2 claim(s) and 0 new source(s); 1 note(s) on what did not come over as it was.",
        "Next: debatemap check site-content",
    ]
    assert main(["check", "site-content"]) == 0
    assert main(["import", "kialo", "missing.txt"]) == 2
    Path("prose.argdown").write_text("Only a paragraph of prose,\nwith no relation.\n", encoding="utf-8")
    assert main(["import", "argdown", "prose.argdown"]) == 2
    assert "found no debate to import" in capsys.readouterr().err
