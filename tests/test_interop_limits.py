"""Inputs larger or deeper than one map file holds still import into content that passes check."""

from __future__ import annotations

from pathlib import Path

from debatemap.interop.importer import import_file
from debatemap.interop.layout import MAX_LEVELS
from debatemap.pipeline import load_site


def kialo_chain(levels: int) -> str:
    lines = ["1. The root claim of a very deep chain."]
    number = "1."
    for level in range(1, levels + 1):
        number += "1."
        lines.append(f"{number} {'Pro' if level % 2 else 'Con'}: Reply number {level} in the chain.")
    return "\n".join(lines) + "\n"


def test_a_chain_deeper_than_a_map_file_nests_continues_in_a_map_of_its_own(tmp_path: Path) -> None:
    source = tmp_path / "deep.txt"
    source.write_text(kialo_chain(MAX_LEVELS + 7), encoding="utf-8")
    result = import_file("kialo", source, tmp_path / "content", today="2024-05-01")
    assert [note.line for note in result.notes] == [MAX_LEVELS + 2]
    assert "more than 48 levels below its thesis" in result.notes[0].message
    checked = load_site(tmp_path / "content")
    assert checked.errors == 0, [str(d) for d in checked.diagnostics][:3]
    assert len(checked.site.maps) == 2
    assert len(checked.site.claims) == MAX_LEVELS + 8
    first = next(m for m in checked.site.maps.values() if m.thesis_id == "the-root-claim-of-a-very-deep-chain")
    assert len(checked.site.map_claims[first.id]) == MAX_LEVELS + 8  # the rest is reused in place


def test_a_discussion_too_large_for_one_file_becomes_several_maps_that_reuse_each_other(tmp_path: Path) -> None:
    words = "A long claim that fills the file with words, one after the other, to test the size limit. " * 9
    lines = ["1. The thesis."]
    for branch in range(1, 41):
        lines.append(f"1.{branch}. Pro: Branch {branch}. {words}")
        lines += [f"1.{branch}.{leaf}. Con: Leaf {branch}.{leaf}. {words}" for leaf in range(1, 71)]
    source = tmp_path / "large.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert source.stat().st_size > 2 * 1024 * 1024
    result = import_file("kialo", source, tmp_path / "content", today="2024-05-01")
    assert result.plan.maps > 1
    assert all("too large for one file" in note.message for note in result.notes)
    checked = load_site(tmp_path / "content")
    assert checked.errors == 0, [str(d) for d in checked.diagnostics][:3]
    thesis_map = next(m for m in checked.site.maps.values() if checked.site.claims[m.thesis_id].text == "The thesis.")
    assert len(checked.site.map_claims[thesis_map.id]) == 1 + 40 * 71
