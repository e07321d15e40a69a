"""Which side of its map's thesis each claim ends up on, at what depth, and how deep each side goes.

A pro supports its parent and a con opposes it, so a claim's side towards the thesis is the
parity of the cons on its way up: a con of a con supports the thesis. A claim reused in a map
can be reached by several ways; when they disagree the claim argues on both sides. The side is
``parity.side_masks``, the walk that also places claims shown out of their tree (search, tags,
backlinks) and claims in a map's history, run here over the parent links inside the map, so the
report and the balance page read the map's claims and nothing else. A breadth-first pass from
the thesis finds those links, the order claims are first met and their fewest replies to the
thesis; both are linear in the map and safe on any graph (a cycle, which ``check`` reports, is
not followed twice).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..model import Claim, ParentLink
from ..parity import CON, PRO, Masks, side_masks

Side = Literal["supporting", "opposing"]
SIDES: tuple[Side, ...] = ("supporting", "opposing")
BOTH = "both"
SIDE_OF_MASK = {PRO: "supporting", CON: "opposing", PRO | CON: BOTH}
"""The report's words for a side mask of ``parity``."""


def flip(side: Side, stance: str) -> Side:
    """The side a reply with ``stance`` ends up on, below a claim on ``side``."""
    if stance == "pro":
        return side
    return "opposing" if side == "supporting" else "supporting"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a claim stands in one map."""

    claim_id: str
    side: str
    """'supporting', 'opposing' or 'both' (reached by ways that disagree)."""
    level: int
    """The fewest replies between it and the thesis (1 for the thesis's own pros and cons)."""
    leaf: bool
    """No claim answers it (it has neither pros nor cons)."""


@dataclass(frozen=True, slots=True)
class MapSides:
    """The claims of one map (the thesis aside) by side, in the order they are first met."""

    placements: tuple[Placement, ...]
    chains: Mapping[str, tuple[str, ...]]
    """Side -> the longest chain of replies from the thesis that ends on that side (claim ids,
    thesis first); empty when the side has no claim."""


def place(thesis_id: str, claims: Mapping[str, Claim]) -> MapSides:
    """Every claim under ``thesis_id`` with its side and level, and the deepest chain per side."""
    if thesis_id not in claims:
        return MapSides((), dict.fromkeys(SIDES, ()))
    levels: dict[str, int] = {thesis_id: 0}
    parents: dict[str, list[ParentLink]] = {}
    queue: deque[str] = deque([thesis_id])
    while queue:
        current = queue.popleft()
        for link in claims[current].children:
            if link.claim_id not in claims or link.claim_id == thesis_id:
                continue
            parents.setdefault(link.claim_id, []).append(ParentLink(current, link.stance))
            if link.claim_id not in levels:
                levels[link.claim_id] = levels[current] + 1
                queue.append(link.claim_id)
    masks: Masks = {}
    placements = []
    for claim_id, level in levels.items():
        if claim_id == thesis_id:
            continue
        mask = side_masks(claim_id, parents, (thesis_id,), masks).get(thesis_id, 0)
        leaf = not any(link.claim_id in claims for link in claims[claim_id].children)
        # Only a cycle (which check refuses) leaves a met claim without a side; it counts as both.
        placements.append(Placement(claim_id, SIDE_OF_MASK.get(mask, BOTH), level, leaf))
    return MapSides(tuple(placements), _chains(thesis_id, claims))


def _chains(thesis_id: str, claims: Mapping[str, Claim]) -> dict[str, tuple[str, ...]]:
    """The longest path from the thesis ending on each side, by a depth-first longest-path walk.

    ``below[(claim, side)]`` is the longest chain that starts at that state and ends on each
    side; a state on the current path is not entered again, so a cycle cannot loop.
    """
    below: dict[tuple[str, Side], dict[Side, tuple[str, ...]]] = {}
    on_path: set[tuple[str, Side]] = set()
    start: tuple[str, Side] = (thesis_id, "supporting")
    stack: list[tuple[tuple[str, Side], int]] = [(start, 0)]
    on_path.add(start)
    while stack:
        state, index = stack[-1]
        claim_id, side = state
        children = [link for link in claims[claim_id].children if link.claim_id in claims]
        if index < len(children):
            stack[-1] = (state, index + 1)
            link = children[index]
            child = (link.claim_id, flip(side, link.stance))
            if child not in below and child not in on_path:
                on_path.add(child)
                stack.append((child, 0))
            continue
        stack.pop()
        on_path.discard(state)
        best: dict[Side, tuple[str, ...]] = {} if claim_id == thesis_id else {side: (claim_id,)}
        for link in children:
            for end, chain in below.get((link.claim_id, flip(side, link.stance)), {}).items():
                candidate = (claim_id, *chain)
                if len(candidate) > len(best.get(end, ())):
                    best[end] = candidate
        below[state] = best
    found = below.get(start, {})
    return {side: found.get(side, ()) for side in SIDES}
