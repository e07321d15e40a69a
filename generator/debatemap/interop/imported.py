"""What an import reads, before it becomes content: a graph of claims with the input's line numbers.

Both readers (Argdown, Kialo) fill a ``Graph``; ``layout`` turns it into map trees and
``writer`` into files. Every node, edge and map keeps the line it was read from, so anything
that cannot be carried over is reported where the curator can find it (``Note``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from ..model import Stance
from ..schema import ID_MAX, RESERVED_IDS


@dataclass(frozen=True, slots=True)
class Note:
    """Something in the input that the content does not carry, or carries changed."""

    line: int
    message: str


@dataclass(slots=True)
class Cite:
    source: str
    """The key of a ``SourceSpec`` in the graph."""
    locator: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Edge:
    child: str
    stance: Stance
    line: int
    defines: bool
    """The input writes the child out in full here (else it only refers to it)."""


@dataclass(slots=True)
class Node:
    key: str
    title: str
    """What the input calls it: the seed of its id."""
    text: str
    line: int
    details: str | None = None
    tags: list[str] = field(default_factory=list)
    cites: list[Cite] = field(default_factory=list)
    children: list[Edge] = field(default_factory=list)


@dataclass(slots=True)
class MapSpec:
    title: str
    thesis: str
    """The key of the thesis node."""
    line: int
    id_hint: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    updated: str | None = None
    defines_thesis: bool = True
    """The thesis is written out in full at the top of this map (else only referred to)."""


@dataclass(slots=True)
class SourceSpec:
    key: str
    title: str
    url: str
    line: int
    id_hint: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    kind: str | None = None
    archived: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    maps: list[MapSpec] = field(default_factory=list)
    sources: dict[str, SourceSpec] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    title: str | None = None
    """A title for the whole input (a site title when the import makes a new site)."""

    def note(self, line: int, message: str) -> None:
        self.notes.append(Note(line, message))


_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a hyphen to at most ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_ID.sub("-", ascii_text.lower()).strip("-")
    if len(words) > limit:
        words = words[: limit + 1].rsplit("-", 1)[0] if "-" in words[: limit + 1] else words[:limit]
    return words.strip("-")


def unique_id(seed: str, taken: Collection[str], fallback: str) -> str:
    """A valid id made from ``seed`` (kept as is when already valid and free), unique within ``taken``."""
    base = seed if _valid(seed) else slug(seed)
    if not base:
        base = fallback
    if base in RESERVED_IDS:
        base = f"{base}-{fallback}"
    candidate = base
    number = 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def _valid(text: str) -> bool:
    return len(text) <= ID_MAX and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) is not None and text not in RESERVED_IDS
