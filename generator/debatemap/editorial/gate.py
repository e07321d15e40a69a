"""The report's gate for CI: ``--min-balance`` and friends, each failing on any map that misses it."""

from __future__ import annotations

from dataclasses import dataclass

from .figures import SiteFigures


@dataclass(frozen=True, slots=True)
class Limits:
    """What CI requires of every map; ``None`` leaves a figure unchecked."""

    min_balance: float | None = None
    max_publisher_share: float | None = None
    max_author_share: float | None = None
    max_single_source: float | None = None
    """The largest share of a map's claims that may cite only one source."""


def failures(figures: SiteFigures, limits: Limits) -> list[str]:
    """One line per map and limit it misses, naming the map's file."""
    out = []
    for m in figures.maps:
        where = f"{m.debate.pos.path}: map '{m.debate.id}'"
        found = m.sourcing
        if limits.min_balance is not None and m.counts.balance < limits.min_balance:
            out.append(f"{where}: balance {m.counts.balance:.2f} is under --min-balance {limits.min_balance:g}")
        for limit, shares, option in (
            (limits.max_publisher_share, found.publishers, "--max-publisher-share"),
            (limits.max_author_share, found.authors, "--max-author-share"),
        ):
            if limit is not None and shares and shares[0].share > limit:
                out.append(f"{where}: {shares[0].name} has {shares[0].share:.2f} of the citations, over {option} {limit:g}")
        single = len(found.single) / found.claims if found.claims else 0.0
        if limits.max_single_source is not None and single > limits.max_single_source:
            out.append(
                f"{where}: {single:.2f} of the claims cite one source, over --max-single-source {limits.max_single_source:g}"
            )
    return out
