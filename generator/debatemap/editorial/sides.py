"""Which side of its map's thesis each claim ends up on, at what depth, and how deep each side goes.

A pro supports its parent and a con opposes it, so a claim's side towards the thesis is the
parity of the cons on its way up: a con of a con supports the thesis. A claim reused in a map
can be reached by several ways; when they disagree the claim argues on both sides. The walk is
over (claim, side) states, at most two per claim, so it is linear in the map and safe on any
graph the checks let through (and on cycles they report, which it does not follow twice).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..model import Claim

Side = Literal["supporting", "opposing"]
SIDES: tuple[Side, ...] = ("supporting", "opposing")
BOTH = "both"


def flip(side: Side, stance: str) -> Side:
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
class Sides:
    """The claims of one map (the thesis aside) by side, in the order they are first met."""

    placements: tuple[Placement, ...]
    chains: Mapping[str, tuple[str, ...]]
    """Side -> the longest chain of replies from the thesis that ends on that side (claim ids,
    thesis first); empty when the side has no claim."""


def place(thesis_id: str, claims: Mapping[str, Claim]) -> Sides:
    """Every claim under ``thesis_id`` with its side and level, and the deepest chain per side."""
    if thesis_id not in claims:
        return Sides((), dict.fromkeys(SIDES, ()))
    levels: dict[tuple[str, Side], int] = {}
    order: list[str] = []
    queue: deque[tuple[str, Side, int]] = deque()
    for link in claims[thesis_id].children:
        if link.claim_id in claims:
            queue.append((link.claim_id, flip("supporting", link.stance), 1))
    while queue:
        claim_id, side, level = queue.popleft()
        if (claim_id, side) in levels or claim_id == thesis_id:
            continue
        if not any((claim_id, s) in levels for s in SIDES):
            order.append(claim_id)
        levels[(claim_id, side)] = level
        for link in claims[claim_id].children:
            if link.claim_id in claims:
                queue.append((link.claim_id, flip(side, link.stance), level + 1))
    placements = []
    for claim_id in order:
        found = [(s, levels[(claim_id, s)]) for s in SIDES if (claim_id, s) in levels]
        leaf = not any(link.claim_id in claims for link in claims[claim_id].children)
        placements.append(Placement(claim_id, found[0][0] if len(found) == 1 else BOTH, min(level for _, level in found), leaf))
    return Sides(tuple(placements), _chains(thesis_id, claims))


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
