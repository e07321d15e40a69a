"""The content model: plain, frozen, typed data that every later stage reads and none mutates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .diagnostics import Position
from .pickling import by_fields

Stance = Literal["pro", "con"]


@by_fields
@dataclass(frozen=True, slots=True)
class Citation:
    """A claim's reference to a source."""

    source_id: str
    locator: str | None
    """Where in the source (section, page); shown beside the link."""
    note: str | None
    """What in the source supports the claim (inline Markdown)."""
    pos: Position


@by_fields
@dataclass(frozen=True, slots=True)
class ChildLink:
    """An edge of the argument graph: ``claim_id`` supports (pro) or opposes (con) its parent."""

    claim_id: str
    stance: Stance
    is_ref: bool
    """True when written as ``ref:``, reusing a claim defined elsewhere."""
    pos: Position


@by_fields
@dataclass(frozen=True, slots=True)
class ParentLink:
    """The other end of an edge, seen from the child: ``parent_id`` is what the claim answers."""

    parent_id: str
    stance: Stance
    """The stance of the child towards this parent."""


@by_fields
@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    """One sentence of inline Markdown."""
    details: str | None
    citations: tuple[Citation, ...]
    tags: tuple[str, ...]
    children: tuple[ChildLink, ...]
    """Pros and cons, in the order written (pros first)."""
    map_id: str
    """The map whose file defines the claim (it may appear in others through refs)."""
    pos: Position


@by_fields
@dataclass(frozen=True, slots=True)
class DebateMap:
    id: str
    title: str
    """The question (inline Markdown)."""
    summary: str | None
    tags: tuple[str, ...]
    updated: str
    """ISO date of the last change."""
    thesis_id: str
    pos: Position


@by_fields
@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str
    publisher: str | None
    authors: tuple[str, ...]
    published: str | None
    """When known: an ISO 8601 day, month or year (``2024-07-23``, ``2024-01``, ``2023``), as
    written; such texts sort in date order (``dates.py``)."""
    kind: str | None
    archived: str | None
    summary: str | None
    tags: tuple[str, ...]
    pos: Position
    verified: str | None = None
    """'original' or 'copy': what the title, date and other details were checked against, when said."""
    caution: str | None = None
    """Markdown: what readers should keep in mind about the source (shown on its page)."""
    url_pos: Position | None = None
    """Where ``url`` is written (``debatemap links`` points at it)."""
    archived_pos: Position | None = None


@by_fields
@dataclass(frozen=True, slots=True)
class LinkCheck:
    """The last check of one address by ``debatemap links --save`` (content/links.yaml)."""

    url: str
    checked: str
    """ISO date of the check."""
    status: int | None
    """The HTTP status of the last answer; None when none came (a timeout, a DNS failure)."""
    final: str | None
    """Where redirects led, when they led elsewhere."""
    problem: str | None
    """Why the link is dead; None when it answered."""
    pos: Position

    @property
    def dead(self) -> bool:
        return self.problem is not None


@by_fields
@dataclass(frozen=True, slots=True)
class Page:
    slug: str
    title: str
    nav_title: str | None
    order: int
    description: str | None
    body: str
    """Markdown after the front matter."""
    pos: Position


@by_fields
@dataclass(frozen=True, slots=True)
class License:
    """The licence of the site's own text; the sources it cites keep their own."""

    name: str
    url: str | None


@by_fields
@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    description: str | None
    base_url: str | None
    """Always ends with '/' when set."""
    language: str
    theme: str
    theme_dir: str | None
    nav: tuple[str, ...]
    author: str | None
    footer: str | None
    pos: Position
    nav_pos: tuple[Position, ...] = ()
    """Where each ``nav`` entry is written, for diagnostics (empty for the default nav)."""
    license: License | None = None
    history: bool = True
    """Show each map's changes from the content's git history (``history: off`` turns it off)."""
    theme_pos: Position | None = None
    """Where ``theme`` is written (None when it is not, or not known)."""
    theme_dir_pos: Position | None = None
    """Where ``theme_dir`` is written."""


@by_fields
@dataclass(frozen=True, slots=True)
class ClaimEdit:
    """One claim in a change to a map: added, reworded or removed."""

    id: str
    text: str
    """The claim as the change left it (as it was, for a removed claim)."""
    before: str | None = None
    """For a reworded claim, the text it had before."""
    answers: tuple[Answered, ...] = ()
    """The claims it answered in the map file, in the version the change made (the version before,
    for a removed claim), sorted by id: what it is a pro or con of there."""
    side: str = ""
    """Its side of the map's thesis in that version: 'pro', 'con', 'both', or 'thesis'."""


@by_fields
@dataclass(frozen=True, slots=True)
class Answered:
    """A claim that a changed claim answered, as that version of the map file had it."""

    stance: Stance
    """The changed claim's stance towards it."""
    id: str
    text: str


@by_fields
@dataclass(frozen=True, slots=True)
class MapChange:
    """One commit's changes to the claims of a map file, from the content's git history."""

    commit: str
    """The commit's full hash."""
    time: str
    """When it was committed, in UTC: ``2026-11-27T14:03:09Z`` (the commit's date, never the clock)."""
    created: bool
    """The commit created the map file (its claims then count as added)."""
    added: tuple[ClaimEdit, ...]
    reworded: tuple[ClaimEdit, ...]
    removed: tuple[ClaimEdit, ...]

    @property
    def date(self) -> str:
        return self.time[:10]
