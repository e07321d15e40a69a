"""Flags: what the balance report asks a curator to look at, each with the place to look and what to do.

A flag is advice, not an error: ``debatemap check`` decides what may be published, the report
only points at where a map leans. Each code is stable and documented in docs/report.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Position

FLAG_CODES = {
    "lopsided": "one side of the thesis has far fewer claims than the other",
    "one-publisher": "a large share of the map's citations come from one publisher",
    "one-author": "a large share of the map's citations come from one author",
    "self-sourced": "every source of the claim is published by a party the claim is about",
    "advocacy-only": "the claim rests only on op-eds or announcements",
    "single-source": "the claim cites one source",
    "unsourced": "the claim cites no source",
    "old-source": "a source is older than the threshold",
}
"""Every flag code with what it means, in the order the report lists them."""


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    message: str
    hint: str
    """What to do about it."""
    position: Position
    """Where to do it: the claim, the map or the source, as ``file:line:column``."""
    map_id: str

    def sort_key(self) -> tuple[int, str, int, int, str]:
        p = self.position
        return (list(FLAG_CODES).index(self.code), p.path, p.line, p.column, self.message)
