"""Cross-file rules on the argument graph: cycles with their path, and what a broken file hides."""

from __future__ import annotations

from pathlib import Path

import pytest

from debatemap.pipeline import load_site
from tests.helpers import minimal_site


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def a_map(thesis: str, pro: str, con: str, *extra: str) -> str:
    """A sourced two-sided map; ``extra`` lines are added under the pro (six spaces of indent)."""
    lines = [
        "title: Q",
        "updated: 2024-01-01",
        "thesis:",
        f"  id: {thesis}",
        "  claim: T.",
        "  sources: [{source: report}]",
        "  pros:",
        f"    - id: {pro}",
        "      claim: P.",
        "      sources: [{source: report}]",
        *extra,
        "  cons:",
        f"    - id: {con}",
        "      claim: C.",
        "      sources: [{source: report}]",
    ]
    return "\n".join(lines) + "\n"


def errors(files: dict[str, str | bytes]) -> list[str]:
    root = minimal_site(Path("content"), files)
    return [f"{d.position}: {d.code}: {d.message}" for d in load_site(root).diagnostics]


def test_cycle_across_three_maps_prints_the_whole_path() -> None:
    files: dict[str, str | bytes] = {
        "maps/open.yaml": a_map("t1", "p1", "c1", "      pros: [{ref: p2}]"),
        "maps/second.yaml": a_map("t2", "p2", "c2", "      cons: [{ref: p3}]"),
        "maps/third.yaml": a_map("t3", "p3", "c3", "      pros: [{ref: p1}]"),
    }
    assert errors(files) == [
        "content/maps/third.yaml:11:20: cycle: the argument loops back on itself: p1 -> p2 -> p3 -> p1",
    ]


def test_claim_that_refs_itself_is_a_cycle() -> None:
    assert errors({"maps/open.yaml": a_map("t1", "p1", "c1", "      cons: [{ref: p1}]")}) == [
        "content/maps/open.yaml:11:20: cycle: the argument loops back on itself: p1 -> p1",
    ]


def test_each_separate_cycle_is_reported_once() -> None:
    files: dict[str, str | bytes] = {
        "maps/open.yaml": a_map("t1", "p1", "c1", "      pros: [{ref: t1}]"),
        "maps/second.yaml": a_map("t2", "p2", "c2", "      pros: [{ref: t2}]"),
    }
    assert errors(files) == [
        "content/maps/open.yaml:11:20: cycle: the argument loops back on itself: t1 -> p1 -> t1",
        "content/maps/second.yaml:11:20: cycle: the argument loops back on itself: t2 -> p2 -> t2",
    ]


def test_a_ref_shared_by_two_maps_is_no_cycle() -> None:
    files: dict[str, str | bytes] = {
        "maps/open.yaml": a_map("t1", "p1", "c1", "      pros: [{ref: p2}]"),
        "maps/second.yaml": a_map("t2", "p2", "c2", "      cons: [{ref: c1}]"),
    }
    checked = load_site(minimal_site(Path("content"), files), strict=True)
    assert checked.diagnostics == ()
    assert checked.site.claim_maps["c1"] == ("open", "second")
    assert {p.parent_id for p in checked.site.parents["c1"]} == {"t1", "p2"}


def test_the_cycle_error_points_at_a_ref_even_when_the_search_closes_the_loop_inline() -> None:
    # The search starts at 'a-thesis' (first in order), reaches 'b-pro' through the ref and comes
    # back to it through the inline edge z-thesis -> b-pro: the error must still name the ref.
    files: dict[str, str | bytes] = {
        "maps/open.yaml": a_map("a-thesis", "a-pro", "a-con", "      pros: [{ref: b-pro}]"),
        "maps/second.yaml": a_map("z-thesis", "b-pro", "b-con", "      cons: [{ref: z-thesis}]"),
    }
    assert errors(files) == [
        "content/maps/second.yaml:11:20: cycle: the argument loops back on itself: z-thesis -> b-pro -> z-thesis",
    ]


def test_warnings_in_a_file_with_errors_wait_for_the_errors_to_be_fixed() -> None:
    # The con's id is invalid, so the map has no con in the graph: "one-sided" would be an echo.
    # The unused source lives in another file and is still reported.
    broken = a_map("t1", "p1", "Bad_Con")
    assert errors({"maps/open.yaml": broken, "sources/extra.yaml": "title: X\nurl: https://example.org/x\n"}) == [
        "content/maps/open.yaml:12:11: invalid-id: invalid id 'Bad_Con': "
        "ids use lowercase ASCII letters, digits and single hyphens",
        "content/sources/extra.yaml:1:1: unused-source: source 'extra' is cited by no claim",
    ]


def test_graph_checks_wait_for_files_that_cannot_be_parsed() -> None:
    # With one map unreadable, refs into it would all look unknown: only the parse error is shown.
    files: dict[str, str | bytes] = {
        "maps/open.yaml": a_map("t1", "p1", "c1", "      pros: [{ref: p2}]"),
        "maps/second.yaml": "title: [\n",
    }
    assert [line.split(": ")[1] for line in errors(files)] == ["yaml-syntax"]


def test_a_page_with_empty_front_matter_is_still_a_page_for_nav() -> None:
    assert errors({"pages/about.md": "---\n---\nBody.\n"}) == [
        "content/pages/about.md:1:1: empty-value: the file is empty; expected a page mapping",
    ]
