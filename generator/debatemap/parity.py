"""Which side of a thesis a claim ends up on: the parity of the cons on its way up.

A pro supports its parent and a con opposes it, so a con of a con is for the thesis, and a claim
reused under a pro and under a con of the same claim ends up on both sides. The walk goes upwards
over the claim's ancestors only, without recursion (a chain of replies may run hundreds deep),
and keeps what it found, so claims that share ancestors share the work. Every side shown is
worked out by this one walk: the site's claims out of their tree (``render/standing.py``:
search, tags, backlinks), a map's claims by side (``editorial/sides.py``: ``debatemap report``
and the balance pages, over the parent links inside the map) and the claims of one version of
a map file (``history``: where a changed claim stood in that commit). ``tests/test_sides_agree.py``
holds all three against every path from the thesis, enumerated, on random sites.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from typing import TypeVar

from .model import ParentLink

V = TypeVar("V")
Combine = Callable[[str, Sequence[ParentLink]], V]
"""A claim's value from its id, its parent links and (through the memo) its parents' values."""

PRO, CON = 1, 2
"""Bits of a side mask: reaching the thesis with an even number of cons (for it) or an odd one."""
SIDE_NAMES = {PRO: "pro", CON: "con", PRO | CON: "both"}

Parents = Mapping[str, Sequence[ParentLink]]
"""Claim id -> the claims it answers (``Site.parents``, or one version's in ``history``)."""
Masks = dict[str, dict[str, int]]
"""Claim id -> (thesis id -> side mask): the walk's results, kept across calls."""


def side_masks(claim_id: str, parents: Parents, theses: Container[str], masks: Masks) -> dict[str, int]:
    """Thesis id -> side mask, for every thesis in ``theses`` reachable upwards from ``claim_id``.

    ``masks`` holds what earlier calls worked out and gets what this one works out; under serve's
    tracking, ``parents`` records a read of each ancestor and nothing else.
    """

    def combine(current: str, links: Sequence[ParentLink]) -> dict[str, int]:
        own = {current: PRO} if current in theses else {}
        for link in links:
            flip = link.stance == "con"
            for thesis, mask in masks.get(link.parent_id, {}).items():
                own[thesis] = own.get(thesis, 0) | (_swap(mask) if flip else mask)
        return own

    return walk_up(claim_id, parents, masks, combine)


def walk_up(claim_id: str, parents: Parents, memo: dict[str, V], combine: Combine[V]) -> V:
    """``memo[claim_id]``, working out each ancestor's value first (post-order, each once, without
    recursion): ``combine(claim, its parent links)`` reads its parents' values from ``memo``. A
    parent on a cycle (which ``check`` reports) is left out of the way round, so has no value yet."""
    if claim_id in memo:
        return memo[claim_id]
    entered: set[str] = set()
    stack: list[tuple[str, bool]] = [(claim_id, False)]
    while stack:
        current, ready = stack.pop()
        if current in memo:
            continue
        links = parents.get(current, ())
        if not ready:
            if current in entered:  # a cycle: leave the way round out
                continue
            entered.add(current)
            stack.append((current, True))
            stack.extend((link.parent_id, False) for link in links if link.parent_id not in memo)
            continue
        memo[current] = combine(current, links)
    return memo[claim_id]


def side_name(mask: int) -> str:
    """'pro', 'con' or 'both'."""
    return SIDE_NAMES[mask]


def _swap(mask: int) -> int:
    return ((mask & PRO) and CON) | ((mask & CON) and PRO)
