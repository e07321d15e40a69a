"""Derived views of the graph that pages show: counts, the outline, trails up to each thesis.

Each is computed from the indices in ``Site`` and touches only the part of the graph it shows,
so rendering one page costs about as much as that page's size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..graph import Site
from ..model import Claim, DebateMap, Source
from .caps import balanced
from .standing import Sides, Standing

MAX_TRAILS = 12
"""A claim reused in many places could have very many paths to a thesis; show a few, as many
leaving it for the thesis as against it (``caps.balanced``), and count the rest by side."""


@dataclass(frozen=True, slots=True)
class Counts:
    pros: int
    cons: int
    claims: int
    sources: int


@dataclass(slots=True)
class OutlineNode:
    claim: Claim
    stance: str
    """'thesis', 'pro' or 'con' (towards its parent in the outline)."""
    first: bool
    """The first appearance in this outline carries the anchor and the subtree; later ones link to it."""
    is_ref: bool
    children: list[OutlineNode] = field(default_factory=list)

    @property
    def pros(self) -> int:
        return sum(1 for child in self.children if child.stance == "pro")

    @property
    def cons(self) -> int:
        return sum(1 for child in self.children if child.stance == "con")

    def steps(self) -> list[OutlineStep]:
        """The tree as a flat walk: each node opened, its replies, then the node closed.

        Templates loop over this instead of recursing (a Jinja ``recursive`` loop costs several
        Python frames per level, and refs can chain maps into debates hundreds of levels deep).
        """
        steps: list[OutlineStep] = []
        stack: list[tuple[OutlineNode, int, bool]] = [(self, 0, True)]
        while stack:
            node, depth, opens = stack.pop()
            steps.append(OutlineStep(node, depth, opens))
            if opens:
                stack.append((node, depth, False))
                stack.extend((child, depth + 1, True) for child in reversed(node.children))
        return steps


@dataclass(frozen=True, slots=True)
class OutlineStep:
    node: OutlineNode
    depth: int
    """0 for the thesis."""
    opens: bool
    """True where the node starts, False where it ends (after its replies)."""


@dataclass(frozen=True, slots=True)
class Step:
    claim: Claim
    stance: str
    """How this claim relates to the step before it: 'thesis', 'pro' or 'con'."""


@dataclass(frozen=True, slots=True)
class Trail:
    """A path from a thesis down to a claim, as breadcrumbs."""

    debate: DebateMap | None
    steps: tuple[Step, ...]
    overall: str
    """Whether the claim ends up arguing for ('pro') or against ('con') the thesis."""


def map_counts(site: Site, debate: DebateMap) -> Counts:
    thesis = site.claims.get(debate.thesis_id)
    pros = sum(1 for link in thesis.children if link.stance == "pro") if thesis else 0
    cons = sum(1 for link in thesis.children if link.stance == "con") if thesis else 0
    members = site.map_claims.get(debate.id, ())
    return Counts(pros, cons, len(members), len(map_sources(site, debate.id)))


def by_title(source: Source) -> tuple[str, str]:
    """A to Z by title, as a reference list is: the order a reader scans for a source by name.
    (By id, a map's sources read in an order that looks random; dates stand beside each title.)"""
    return source.title.casefold(), source.id


def map_sources(site: Site, map_id: str) -> list[str]:
    """Ids of the sources cited anywhere in a map, sorted."""
    return list(site.map_sources.get(map_id, ()))


def outline(site: Site, debate: DebateMap) -> OutlineNode | None:
    """The map's tree; a claim met again (a DAG) is shown once in full and then as a link."""
    thesis = site.claims.get(debate.thesis_id)
    return None if thesis is None else subtree(site, thesis, "thesis")


def subtree(site: Site, top: Claim, stance: str) -> OutlineNode:
    """The tree of the claims answering ``top`` (shown with ``stance``), as ``outline`` draws a map's."""
    root = OutlineNode(top, stance, True, False)
    seen = {top.id}
    stack = [root]
    while stack:
        node = stack.pop()
        for link in node.claim.children:
            child = site.claims.get(link.claim_id)
            if child is None:
                continue
            first = child.id not in seen
            seen.add(child.id)
            child_node = OutlineNode(child, link.stance, first, link.is_ref)
            node.children.append(child_node)
            if first:
                stack.append(child_node)
    return root


def thesis_maps(site: Site) -> dict[str, DebateMap]:
    return {m.thesis_id: m for m in site.maps.values()}


def maps_by_thesis(site: Site) -> dict[str, tuple[DebateMap, ...]]:
    """Thesis id -> every map with that thesis (two maps may share one, the second by ``ref``)."""
    found: dict[str, tuple[DebateMap, ...]] = {}
    for debate in site.maps.values():
        found[debate.thesis_id] = (*found.get(debate.thesis_id, ()), debate)
    return found


def trails(site: Site, claim: Claim, by_thesis: Mapping[str, DebateMap]) -> list[Trail]:
    """Paths from a thesis down to ``claim``, shortest first: up to MAX_TRAILS, both sides alike.

    A path ends at each thesis it meets, even one that another map reuses as a claim, so a
    claim always shows the way up to the thesis of its own map.
    """
    found: list[Trail] = []
    # Depth-first upwards; each partial path is (claim ids from the claim upwards, stances).
    stack: list[tuple[tuple[str, ...], tuple[str, ...]]] = [((claim.id,), ())]
    while stack and len(found) < MAX_TRAILS * 4:
        ids, stances = stack.pop()
        parents = site.parents.get(ids[-1], ())
        if ids[-1] in by_thesis or not parents:
            found.append(_trail(site, ids, stances, by_thesis))
        for parent in reversed(parents):
            if parent.parent_id not in ids:
                stack.append(((*ids, parent.parent_id), (*stances, parent.stance)))
    found.sort(key=lambda t: (t.debate is None, len(t.steps), t.debate.id if t.debate else "", [s.claim.id for s in t.steps]))
    return balanced(found, MAX_TRAILS, lambda t: t.overall)[0]


def _trail(site: Site, ids: tuple[str, ...], stances: tuple[str, ...], by_thesis: Mapping[str, DebateMap]) -> Trail:
    top_down = list(reversed(ids))
    stance_down = ["thesis", *reversed(stances)]
    steps = tuple(Step(site.claims[i], s) for i, s in zip(top_down, stance_down, strict=True))
    overall = "pro" if sum(1 for s in stances if s == "con") % 2 == 0 else "con"
    return Trail(by_thesis.get(top_down[0]), steps, overall)


def trails_by_map(site: Site, claim: Claim, found: list[Trail]) -> list[tuple[DebateMap, list[Trail]]]:
    """Every map the claim is in, each with the trails that start at its thesis."""
    return [
        (site.maps[map_id], [t for t in found if t.debate is not None and t.debate.id == map_id])
        for map_id in site.claim_maps.get(claim.id, ())
    ]


def backlinks(site: Site, source_id: str, sides: Sides) -> list[tuple[DebateMap, list[tuple[str, list[tuple[Claim, Standing]]]]]]:
    """The claims citing a source, grouped by map, then by the side of that map's thesis each ends
    up on ('thesis', 'pro', 'con'; a claim on both sides is listed under each), each with its
    standing, so the page can say what it answers. Grouping by the stance towards the parent
    put a rebuttal of a con among the "opposing" claims, although it helps the thesis."""
    grouped: dict[str, dict[str, list[tuple[Claim, Standing]]]] = {}
    for claim_id in site.citing.get(source_id, ()):
        claim = site.claims.get(claim_id)
        if claim is None:
            continue
        for debate, side in sides.sides(claim_id):
            in_map = sides.standing(claim, debate.id)  # under a map, the claim answers the claims of that map
            for group in ("pro", "con") if side == "both" else (side,):
                grouped.setdefault(debate.id, {}).setdefault(group, []).append((claim, in_map))
    order = ("thesis", "pro", "con")
    return [
        (site.maps[map_id], [(s, groups[s]) for s in order if s in groups])
        for map_id, groups in sorted(grouped.items(), key=lambda item: site.maps[item[0]].title)
    ]


def sorted_maps(maps: Iterable[DebateMap]) -> list[DebateMap]:
    """Most recently updated first, then by id: the order readers see on the home page."""
    return sorted(maps, key=lambda m: (_neg_date(m.updated), m.id))


def _neg_date(iso: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in iso.split("-")) if iso else (0,)
