"""Where a claim stands when it is shown out of its tree: what it answers, and which side of
each thesis it ends up on.

PRO and CON are relative to the parent: a con of a con supports the thesis. Inside a map the
tree says so, but a search result, a tag page or a source's backlinks list claims on their
own, and there a CON badge read alone misleads (the "Con" filter returned rebuttals that help the
thesis). So wherever a claim appears out of its tree it carries a ``Standing``: its parents with
its stance to each, and per map its side of the thesis, 'pro', 'con', or 'both' when paths of
both parities lead up to it (a claim reused under a pro and a con).

Sides are worked out upwards over the claim's ancestors only (``parity.side_masks``): a claim page
or a tag page reads (and, under serve's tracking, depends on) the ancestors of the claims it
shows, nothing else. ``Sides`` keeps what it worked out, so the search index, which needs every
claim, walks each ancestor once; pages make a fresh one each, so that every page records its
own reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..graph import Site
from ..model import Claim, DebateMap, ParentLink
from ..parity import Masks, side_masks, side_name, walk_up
from .caps import balanced, more_label

MAX_PARENTS = 2
"""Parents named out of the tree; more are counted by side (``caps.balanced``)."""
PARENT_NOUNS = {"pro": ("claim it supports", "claims it supports"), "con": ("claim it opposes", "claims it opposes")}
"""What a parent is, by a claim's stance towards it, in the count of those left out."""
ANSWER_VERBS = {"pro": "Supports", "con": "Opposes"}
"""How a claim shown out of its tree names what it answers: 'Opposes <the claim>'."""


@dataclass(frozen=True, slots=True)
class Standing:
    parents: tuple[tuple[str, Claim], ...]
    """(this claim's stance towards the parent, the parent), at most MAX_PARENTS, both sides alike."""
    more_parents: dict[str, int]
    """How many parents were not named, by this claim's stance towards them."""
    sides: tuple[tuple[DebateMap, str], ...]
    """Per map the claim is in, by map id: 'thesis' (it is the map's thesis), 'pro', 'con' or 'both'."""

    @property
    def more_text(self) -> str:
        """'and 2 more claims it supports': the parents not named, by side; or ''."""
        return more_label(self.more_parents, PARENT_NOUNS)


class Sides:
    """Side masks of claims towards the theses above them, worked out once per claim."""

    def __init__(self, site: Site, by_thesis: Mapping[str, Sequence[DebateMap]]) -> None:
        """``by_thesis``: thesis id -> the maps with that thesis (``views.maps_by_thesis``)."""
        self.site = site
        self.by_thesis = by_thesis
        self._masks: Masks = {}
        self._paths: dict[str, tuple[int, int]] = {}

    def masks(self, claim_id: str) -> dict[str, int]:
        """Thesis id -> side mask, for every thesis reachable upwards from ``claim_id``."""
        return side_masks(claim_id, self.site.parents, self.by_thesis, self._masks)

    def path_counts(self, claim_id: str) -> dict[str, int]:
        """How many paths lead up from the claim to a thesis (or to a claim that answers nothing),
        by the side of it they leave the claim on: the trails a claim page lists, all counted,
        however many there are (a count per ancestor, not a walk of every path)."""
        counts = self._paths

        def combine(current: str, links: Sequence[ParentLink]) -> tuple[int, int]:
            even, odd = (1, 0) if current in self.by_thesis or not links else (0, 0)
            for link in links:
                up_even, up_odd = counts.get(link.parent_id, (0, 0))
                if link.stance == "con":
                    up_even, up_odd = up_odd, up_even
                even, odd = even + up_even, odd + up_odd
            return even, odd

        even, odd = walk_up(claim_id, self.site.parents, counts, combine)
        return {"pro": even, "con": odd}

    def sides(self, claim_id: str) -> tuple[tuple[DebateMap, str], ...]:
        """Per map, sorted by map id: 'thesis', or the side of its thesis the claim ends up on."""
        found: list[tuple[DebateMap, str]] = []
        for thesis_id, mask in self.masks(claim_id).items():
            side = "thesis" if thesis_id == claim_id else side_name(mask)
            found.extend((debate, side) for debate in self.by_thesis.get(thesis_id, ()))
        return tuple(sorted(found, key=lambda item: item[0].id))

    def standing(self, claim: Claim, within_map: str | None = None) -> Standing:
        """The claim's standing; with ``within_map`` (a map id), naming only the parents in that map.

        Membership is asked of each parent (``claim_maps``), not of a set of the map's claims:
        a source's page made that set for every map of every claim citing it, which grew with
        the sources times the map's size (a 20,000-claim map: 2,500 sets of 20,000)."""
        claims, claim_maps = self.site.claims, self.site.claim_maps
        links = [
            p
            for p in self.site.parents.get(claim.id, ())
            if p.parent_id in claims and (within_map is None or within_map in claim_maps.get(p.parent_id, ()))
        ]
        shown, hidden = balanced(links, MAX_PARENTS, lambda p: str(p.stance))
        return Standing(tuple((str(p.stance), claims[p.parent_id]) for p in shown), hidden, self.sides(claim.id))
