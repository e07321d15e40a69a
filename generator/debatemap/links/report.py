"""What ``debatemap links`` prints: each dead link at its source's line, with what to do."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import Position
from ..model import Source

if TYPE_CHECKING:  # the site's pages import WAYBACK: a build need not load HTTP and TLS
    from .probe import Probe

WAYBACK = "https://web.archive.org/web/*/"
"""The Wayback Machine's list of snapshots of an address: where to look for an ``archived`` copy."""


@dataclass(frozen=True, slots=True)
class Use:
    """A place an address is written: a source's ``url`` or ``archived`` field."""

    source: Source
    field: str
    position: Position


def uses(sources: Mapping[str, Source]) -> dict[str, list[Use]]:
    """Every address the sources give, with where each is written, sorted by address."""
    found: dict[str, list[Use]] = {}
    for source in sources.values():
        for field in ("url", "archived"):
            url = getattr(source, field)
            if url:
                position = source.url_pos if field == "url" else source.archived_pos
                found.setdefault(url, []).append(Use(source, field, position or source.pos))
    return dict(sorted(found.items()))


def advice(use: Use, results: Mapping[str, Probe]) -> str:
    source = use.source
    if use.field == "archived":
        return "the snapshot no longer answers: check the address, or take a new snapshot and update `archived:`"
    if source.archived:
        archived = results.get(source.archived)
        if archived is not None and not archived.ok:
            return "its `archived:` copy is dead too: find another snapshot at " + WAYBACK + source.url
        return "readers are offered the `archived:` copy first; update `url:` if the page moved"
    return f"look for a snapshot at {WAYBACK}{source.url} and add it as `archived:`, or update `url:` if the page moved"


def _describe(result: Probe) -> str:
    where = f" (via {len(result.redirects)} redirect{'s' if len(result.redirects) != 1 else ''}, last {result.final_url})"
    return (result.problem or f"HTTP {result.status}") + (where if result.redirects else "")


def format_text(by_url: Mapping[str, list[Use]], results: Mapping[str, Probe], *, every: bool = False) -> str:
    lines = []
    for url, places in by_url.items():
        result = results[url]
        for use in places:
            if not result.ok:
                lines.append(f"{use.position}: dead[{use.field}]: {url}: {_describe(result)}")
                lines.append(f"  = do: {advice(use, results)}")
            elif every:
                moved = f" -> {result.final_url}" if result.redirects else ""
                lines.append(f"{use.position}: ok[{use.field}]: {url}{moved} ({result.status}, {result.seconds:.2f} s)")
    return "\n".join(lines)


def summary(results: Mapping[str, Probe], seconds: float) -> str:
    dead = sum(1 for r in results.values() if not r.ok)
    moved = sum(1 for r in results.values() if r.ok and r.redirects)
    hosts = len({r.url.split("/")[2].lower() for r in results.values() if r.url.count("/") >= 2})
    return (
        f"Checked {len(results)} link{'s' if len(results) != 1 else ''} on {hosts} host{'s' if hosts != 1 else ''} "
        f"in {seconds:.1f} s: {len(results) - dead} answered ({moved} after redirects), {dead} dead."
    )


def format_json(by_url: Mapping[str, list[Use]], results: Mapping[str, Probe]) -> str:
    out: list[dict[str, Any]] = []
    for url, places in by_url.items():
        r = results[url]
        out.append(
            {
                "url": url,
                "ok": r.ok,
                "status": r.status,
                "problem": r.problem,
                "final_url": r.final_url,
                "redirects": list(r.redirects),
                "method": r.method,
                "seconds": round(r.seconds, 3),
                "used_by": [
                    {
                        "source": u.source.id,
                        "field": u.field,
                        "file": u.position.path,
                        "line": u.position.line,
                        "column": u.position.column,
                    }
                    for u in places
                ],
                "do": None if r.ok else advice(places[0], results),
            }
        )
    return json.dumps({"links": out}, indent=2, ensure_ascii=False)
