"""The balance report's figures for each map and for the whole site, computed from the model alone.

Nothing here reads the clock: ages are measured to each map's ``updated`` date (or a date the
caller gives), so the site's balance pages build to the same bytes every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..graph import Site
from ..model import DebateMap
from .flags import Flag
from .parties import Parties
from .rules import map_flags
from .sides import BOTH, SIDES, MapSides, place
from .sourcing import Sourcing, sourcing


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where a figure starts to be flagged (the CLI's ``--min-balance`` and friends fail on their own values)."""

    older_than: int = 5
    """Years between a source's publication and the map's update that make it old."""
    as_of: str | None = None
    """Measure ages to this ISO date instead of each map's ``updated`` date."""
    min_balance: float = 0.5
    max_publisher_share: float = 0.4
    max_author_share: float = 0.4


@dataclass(frozen=True, slots=True)
class Level:
    level: int
    supporting: int
    opposing: int
    both: int


@dataclass(frozen=True, slots=True)
class SideCounts:
    supporting: int
    opposing: int
    both: int

    @property
    def balance(self) -> float:
        """The smaller side over the larger: 1.0 even, 0.0 one-sided (and 1.0 for a bare thesis)."""
        larger = max(self.supporting, self.opposing)
        return min(self.supporting, self.opposing) / larger if larger else 1.0


@dataclass(frozen=True, slots=True)
class MapFigures:
    debate: DebateMap
    sides: MapSides
    counts: SideCounts
    levels: tuple[Level, ...]
    unanswered: Mapping[str, tuple[str, ...]]
    """Side -> the claims on it that no claim answers, in outline order."""
    sourcing: Sourcing
    flags: tuple[Flag, ...]

    @property
    def deepest(self) -> Mapping[str, int]:
        """Side -> replies in its longest chain (0 when the side is empty)."""
        return {side: max(len(chain) - 1, 0) for side, chain in self.sides.chains.items()}


@dataclass(frozen=True, slots=True)
class SiteFigures:
    maps: tuple[MapFigures, ...]
    counts: SideCounts
    """Summed over maps: a claim reused in two maps counts in each."""
    levels: tuple[Level, ...]
    sourcing: Sourcing
    """Over every claim in some map, each once."""
    flags: tuple[Flag, ...]
    """Every map's flags, a claim flagged in two maps listed once."""


def map_figures(site: Site, debate: DebateMap, thresholds: Thresholds, *, flags: bool = True) -> MapFigures:
    """One map's figures. It reads only the map's claims and the sources they cite (the parties
    too are those of the cited publishers), so the site's balance page of a map depends on
    nothing else, and serve renders it again only when one of those changes. The page leaves out
    the ``flags``, which read positions: a line added above a claim would render it again."""
    sides = place(debate.thesis_id, site.claims)
    parties = Parties(site.sources[s] for s in site.map_sources.get(debate.id, ()) if s in site.sources)
    members = (debate.thesis_id, *(p.claim_id for p in sides.placements))
    found = sourcing(
        members,
        site.claims,
        site.sources,
        parties,
        as_of=thresholds.as_of or debate.updated,
        older_than=thresholds.older_than,
    )
    counts = SideCounts(*(sum(1 for p in sides.placements if p.side == side) for side in (*SIDES, BOTH)))
    unanswered = {side: tuple(p.claim_id for p in sides.placements if p.leaf and p.side == side) for side in (*SIDES, BOTH)}
    figures = MapFigures(debate, sides, counts, _levels([sides]), unanswered, found, ())
    if not flags:
        return figures
    found_flags = tuple(sorted(map_flags(site, figures, thresholds), key=Flag.sort_key))
    return MapFigures(debate, sides, counts, figures.levels, unanswered, found, found_flags)


def site_figures(site: Site, thresholds: Thresholds | None = None) -> SiteFigures:
    thresholds = thresholds or Thresholds()
    maps = tuple(map_figures(site, debate, thresholds) for debate in site.maps.values())
    parties = Parties(site.sources.values())
    members = sorted({c for m in maps for c in (m.debate.thesis_id, *(p.claim_id for p in m.sides.placements))})
    newest = max((m.updated for m in site.maps.values()), default="")  # replaced below: see ``old``
    found = sourcing(
        members, site.claims, site.sources, parties, as_of=thresholds.as_of or newest, older_than=thresholds.older_than
    )
    # A source is old for the site where it is old for a map that cites it (each map has its own date).
    old: dict[str, int] = {}
    for m in maps:
        for source_id, age in m.sourcing.old:
            old[source_id] = max(age, old.get(source_id, age))
    found = replace(found, old=tuple(sorted(old.items(), key=lambda item: (-item[1], item[0]))))
    counts = SideCounts(*(sum(getattr(m.counts, side) for m in maps) for side in ("supporting", "opposing", "both")))
    flags: dict[tuple[str, object, str], Flag] = {}
    for m in maps:
        for flag in m.flags:
            flags.setdefault((flag.code, flag.position, flag.message), flag)
    return SiteFigures(maps, counts, _levels([m.sides for m in maps]), found, tuple(sorted(flags.values(), key=Flag.sort_key)))


def _levels(all_sides: list[MapSides]) -> tuple[Level, ...]:
    rows: dict[int, list[int]] = {}
    for sides in all_sides:
        for p in sides.placements:
            row = rows.setdefault(p.level, [0, 0, 0])
            row[(*SIDES, BOTH).index(p.side)] += 1
    return tuple(Level(level, *row) for level, row in sorted(rows.items()))
