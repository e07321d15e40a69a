"""What a set of claims rests on: citations per source, publisher and author shares, kinds, ages.

The same figures serve one map (its claims) and the whole site (every claim in some map, each
once), so a claim reused in two maps counts in both maps and once in the site.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..dates import last_day
from ..model import Claim, Source
from .parties import Parties, self_sourced

ADVOCACY_KINDS = frozenset({"op-ed", "announcement"})
"""Source kinds that argue a party's own case: a claim resting only on them is flagged."""


@dataclass(frozen=True, slots=True)
class Share:
    name: str
    citations: int
    share: float
    """Of all citations of known sources in the set."""


@dataclass(frozen=True, slots=True)
class Sourcing:
    claims: int
    citations: int
    """Citations of known sources (an unknown source is the checker's business)."""
    unsourced: tuple[str, ...]
    single: tuple[str, ...]
    """Claims citing exactly one source."""
    per_source: tuple[tuple[str, int], ...]
    """Source id -> citations, most cited first."""
    publishers: tuple[Share, ...]
    """Citations by publishing party, largest first (sources without a publisher left out)."""
    authors: tuple[Share, ...]
    self_cited: int
    """Citations whose publisher is a party the citing claim names."""
    self_sourced: tuple[tuple[str, tuple[str, ...]], ...]
    """Claims all of whose sources come from a party they name, with those parties."""
    kinds: tuple[tuple[str, int], ...]
    """Sources cited, by kind ('unknown' when the source gives none), most first."""
    advocacy_only: tuple[str, ...]
    """Claims whose sources are all op-eds or announcements."""
    old: tuple[tuple[str, int], ...]
    """Sources published ``older_than`` years or more before the reference date, with their age in years."""
    undated: tuple[str, ...]

    @property
    def self_share(self) -> float:
        return self.self_cited / self.citations if self.citations else 0.0


def sourcing(
    claim_ids: Iterable[str],
    claims: Mapping[str, Claim],
    sources: Mapping[str, Source],
    parties: Parties,
    *,
    as_of: str,
    older_than: int,
) -> Sourcing:
    members = [claims[c] for c in claim_ids if c in claims]
    per_source: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    authors: Counter[str] = Counter()
    unsourced, single, advocacy, self_only = [], [], [], []
    self_cited = 0
    for claim in members:
        cited = [c.source_id for c in claim.citations if c.source_id in sources]
        if not claim.citations:
            unsourced.append(claim.id)
        elif len({c.source_id for c in claim.citations}) == 1:
            single.append(claim.id)
        per_source.update(cited)
        for source_id in cited:
            source = sources[source_id]
            party = parties.of(source)
            if party:
                publishers[party] += 1
            authors.update(dict.fromkeys(source.authors, 1))
        subjects = parties.named_in(claim.text)
        own = self_sourced(subjects, cited, sources, parties)
        self_cited += len(own)
        if cited and len(own) == len(cited):
            self_only.append((claim.id, tuple(sorted({parties.of(sources[s]) or "" for s in own}))))
        if cited and all(sources[s].kind in ADVOCACY_KINDS for s in cited):
            advocacy.append(claim.id)
    total = sum(per_source.values())
    used = [sources[s] for s in sorted(per_source)]
    kinds = Counter(s.kind or "unknown" for s in used)
    old = []
    for source in used:
        age = years_between(source.published, as_of) if source.published else None
        if age is not None and age >= older_than:
            old.append((source.id, age))
    return Sourcing(
        claims=len(members),
        citations=total,
        unsourced=tuple(unsourced),
        single=tuple(single),
        per_source=_most(per_source),
        publishers=tuple(Share(name, n, n / total) for name, n in _most(publishers)),
        authors=tuple(Share(name, n, n / total) for name, n in _most(authors)),
        self_cited=self_cited,
        self_sourced=tuple(self_only),
        kinds=_most(kinds),
        advocacy_only=tuple(advocacy),
        old=tuple(sorted(old, key=lambda item: (-item[1], item[0]))),
        undated=tuple(s.id for s in used if not s.published),
    )


def _most(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def years_between(earlier: str, later: str) -> int | None:
    """Whole years from one ISO date to another (negative when ``earlier`` is later); None if either is not a date.

    ``earlier`` may be a month or a year (a source's date): it counts from its last day, so a
    source dated '2023' is not called older than it may be.
    """
    start = last_day(earlier)
    try:
        end = datetime.date.fromisoformat(later)
    except ValueError:
        return None
    if start is None:
        return None
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
