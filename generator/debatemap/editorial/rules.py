"""The flags of one map, each a small rule over its figures, in the order of ``FLAG_CODES``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..graph import Site
from .flags import Flag

if TYPE_CHECKING:
    from .figures import MapFigures, Thresholds

MIN_CITATIONS_FOR_SHARES = 5
"""Below this many citations a map's shares say little (two citations from one publisher are 100 %)."""


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def map_flags(site: Site, figures: MapFigures, thresholds: Thresholds) -> Iterator[Flag]:
    debate, counts, found = figures.debate, figures.counts, figures.sourcing
    if counts.balance < thresholds.min_balance:
        short = "opposing" if counts.opposing < counts.supporting else "supporting"
        yield Flag(
            "lopsided",
            f"{counts.supporting} claims support the thesis and {counts.opposing} oppose it "
            f"(balance {counts.balance:.2f}, under {thresholds.min_balance:.2f})",
            f"add the strongest {short} claims the debate has, or answer the other side's",
            debate.pos,
            debate.id,
        )
    if found.citations >= MIN_CITATIONS_FOR_SHARES:
        for code, shares, limit, who in (
            ("one-publisher", found.publishers, thresholds.max_publisher_share, "publisher"),
            ("one-author", found.authors, thresholds.max_author_share, "author"),
        ):
            if shares and shares[0].share > limit:
                top = shares[0]
                yield Flag(
                    code,
                    f"{top.citations} of the map's {found.citations} citations ({_percent(top.share)}) come from "
                    f"{who} {top.name}",
                    f"look for other {who}s' sources on the claims that cite {top.name}",
                    debate.pos,
                    debate.id,
                )
    claims = site.claims
    for claim_id, parties in found.self_sourced:
        names = " and ".join(parties)
        yield Flag(
            "self-sourced",
            f"claim '{claim_id}' names {names}, and every source it cites is published by {names}",
            f"add a source independent of {names} that bears the claim out",
            claims[claim_id].pos,
            debate.id,
        )
    for claim_id in found.advocacy_only:
        yield Flag(
            "advocacy-only",
            f"claim '{claim_id}' rests only on op-eds or announcements",
            "add a report, paper, news article or legal text that bears it out",
            claims[claim_id].pos,
            debate.id,
        )
    for claim_id in found.single:
        source_id = claims[claim_id].citations[0].source_id
        yield Flag(
            "single-source",
            f"claim '{claim_id}' cites one source ('{source_id}')",
            "add a second source, ideally from another publisher",
            claims[claim_id].pos,
            debate.id,
        )
    for claim_id in found.unsourced:
        yield Flag(
            "unsourced",
            f"claim '{claim_id}' cites no source",
            "add the source it rests on",
            claims[claim_id].pos,
            debate.id,
        )
    for source_id, age in found.old:
        source = site.sources[source_id]
        yield Flag(
            "old-source",
            f"source '{source_id}' ({source.published}) is {age} years older than the map's date "
            f"({thresholds.as_of or debate.updated})",
            "check whether a newer source says the same, or keep it if its age is the point",
            source.pos,
            debate.id,
        )
