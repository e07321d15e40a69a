"""What an export holds: some maps, every claim they reach (each once), the sources those cite."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..graph import Site
from ..model import Claim, DebateMap, Source


@dataclass(frozen=True, slots=True)
class Selection:
    maps: tuple[DebateMap, ...]
    claims: tuple[Claim, ...]
    """Every claim reachable from the maps' theses, each once: map by map, in outline order."""
    sources: tuple[Source, ...]
    """The known sources the claims cite, by id."""

    @property
    def map_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.maps)


def select(site: Site, map_ids: Sequence[str]) -> Selection:
    """The maps ``map_ids`` (in that order) with their claims and sources.

    Reads only the maps named, their claims and their sources (``Site.map_claims`` and
    ``Site.map_sources`` are indices), so serve re-renders a map's exports only when one of them
    changes.
    """
    maps = tuple(site.maps[m] for m in map_ids)
    seen: set[str] = set()
    claims: list[Claim] = []
    source_ids: set[str] = set()
    for debate in maps:
        for claim_id in site.map_claims.get(debate.id, ()):
            if claim_id not in seen:
                seen.add(claim_id)
                claims.append(site.claims[claim_id])
        source_ids.update(site.map_sources.get(debate.id, ()))
    return Selection(maps, tuple(claims), tuple(site.sources[s] for s in sorted(source_ids)))


def children_in(claim: Claim, chosen: Collection[str]) -> list[tuple[str, str, bool]]:
    """The claim's (child id, stance, is_ref) links to claims in ``chosen``, in the order written."""
    return [(link.claim_id, link.stance, link.is_ref) for link in claim.children if link.claim_id in chosen]
