"""Every place that says which side of a thesis a claim ends up on says the same, and says it right.

The report and the balance page (``editorial.sides``), the standing of a claim shown out of its
tree (``render.standing``: search, tags, backlinks) and a map's history (``history.changes``) all
place claims with ``parity.side_masks``. Here each is held, on random sites, against the
definition itself, worked out by the most direct means there is: every path from the thesis
down to the claim, enumerated, and the parity of its cons. The sites reuse claims (a claim
answering several parents, on one side or both), nest a thesis under another map's, and let
two maps share a thesis.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap.editorial import site_figures
from debatemap.graph import Site
from debatemap.history.changes import _Places
from debatemap.history.versions import Version
from debatemap.pipeline import load_site
from debatemap.render import views
from debatemap.render.standing import Sides

from .helpers import SITE, SOURCE, write_tree

Edges = dict[int, list[tuple[int, str]]]
"""Claim index -> its replies (index, stance), only to later indices: the graph is acyclic."""
REPORT_WORDS = {"pro": "supporting", "con": "opposing", "both": "both"}


@st.composite
def debates(draw: Any) -> tuple[int, Edges, list[int]]:
    """A number of claims, the replies between them, and each map's thesis (repeats share one)."""
    count = draw(st.integers(min_value=2, max_value=8))
    edges: Edges = {i: [] for i in range(count)}
    for parent in range(count):
        for child in range(parent + 1, count):
            stance = draw(st.sampled_from([None, None, "pro", "con"]))
            if stance is not None:
                edges[parent].append((child, stance))
    theses = draw(st.lists(st.integers(min_value=0, max_value=count - 1), min_size=1, max_size=3))
    return count, edges, theses


def paths(edges: Edges, top: int) -> Iterator[tuple[int, int]]:
    """(claim, number of cons on the way down from ``top``) for every path from ``top``."""
    stack = [(top, 0)]
    while stack:
        claim, cons = stack.pop()
        yield claim, cons
        stack.extend((child, cons + (stance == "con")) for child, stance in edges[claim])


def expected_sides(edges: Edges, thesis: int) -> dict[str, str]:
    """Claim id -> 'pro', 'con' or 'both': the parities of every path from the thesis, enumerated."""
    parities: dict[int, set[int]] = {}
    for claim, cons in paths(edges, thesis):
        if claim != thesis:
            parities.setdefault(claim, set()).add(cons % 2)
    names = {frozenset({0}): "pro", frozenset({1}): "con", frozenset({0, 1}): "both"}
    return {f"c{claim}": names[frozenset(found)] for claim, found in parities.items()}


def write_site(root: Path, edges: Edges, theses: list[int]) -> Site:
    """A content folder with one map per thesis; each claim is written out once, then reused by ``ref``."""
    defined: set[int] = set()

    def tree(claim: int) -> dict[str, Any]:
        if claim in defined:
            return {"ref": f"c{claim}"}
        defined.add(claim)
        node: dict[str, Any] = {"id": f"c{claim}", "claim": f"Claim {claim}.", "sources": [{"source": "report"}]}
        for key, stance in (("pros", "pro"), ("cons", "con")):
            replies = [tree(child) for child, s in edges[claim] if s == stance]
            if replies:
                node[key] = replies
        return node

    files: dict[str, str | bytes] = {"site.yaml": SITE.replace(", about]", "]"), "sources/report.yaml": SOURCE}
    for n, thesis in enumerate(theses):
        debate = {"title": f"Question {n}?", "updated": "2024-01-01", "thesis": tree(thesis)}
        files[f"maps/m{n}.yaml"] = yaml.safe_dump(debate, sort_keys=False)
    checked = load_site(write_tree(root, files))
    assert checked.ok, checked.diagnostics
    return checked.site


@settings(max_examples=60, deadline=None)
@given(debates())
def test_every_placement_of_a_claim_agrees_with_the_paths_from_the_thesis(debate: tuple[int, Edges, list[int]]) -> None:
    count, edges, theses = debate
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(Path(tmp), edges, theses)
    expected = {f"m{n}": expected_sides(edges, thesis) for n, thesis in enumerate(theses)}
    thesis_of = {f"m{n}": f"c{thesis}" for n, thesis in enumerate(theses)}

    # The report and the balance page: each map's claims by side.
    for figures in site_figures(site).maps:
        placed = {p.claim_id: p.side for p in figures.sides.placements}
        assert placed == {claim: REPORT_WORDS[side] for claim, side in expected[figures.debate.id].items()}

    # Out of the tree (search, tags, backlinks): per claim, every map it is in, and its side there.
    standing = Sides(site, views.maps_by_thesis(site))
    for claim in site.claims:
        wanted = {m: side[claim] for m, side in expected.items() if claim in side}
        wanted |= {m: "thesis" for m, thesis in thesis_of.items() if thesis == claim}
        assert {debate.id: side for debate, side in standing.sides(claim)} == wanted

    # A map's history: where a claim stood in a version of the map.
    for m, thesis in thesis_of.items():
        places = _Places(Version(thesis, {c.id: c.text for c in site.claims.values()}, dict(site.parents)))
        for claim in site.claims:
            side = places.edit(claim).side
            assert side == ("thesis" if claim == thesis else expected[m].get(claim, ""))
    assert len(site.claims) <= count
