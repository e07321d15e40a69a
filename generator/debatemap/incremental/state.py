"""What an incremental build keeps between rebuilds, and what each rebuild reports."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..graph import Site
from ..render.renderer import Renderer
from ..render.routes import Route
from ..render.theme import Theme
from .search_units import LiveIndex
from .tracking import Key, Recorder

DEFERRED_KINDS = frozenset({"sitemap", "feed"})
"""Pages made with the extra files, when saving pauses, rather than at every save."""
INIT, ROUTES, EXTRAS = "\x00init", "\x00routes", "\x00extras"
"""The units that are not a route's page (which go by output path): the renderer's set-up, the
route list, the extra files. No output path starts with a NUL."""


class Interrupted(Exception):
    """The rebuild was stopped midway (serve is shutting down); nothing more is written."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one rebuild did, for the terminal, the overlay and the browser tabs."""

    ok: bool
    diagnostics: tuple[Diagnostic, ...] = ()
    problem: str | None = None
    """A failure that is not a content diagnostic: a broken template, a missing theme."""
    written: tuple[str, ...] = ()
    """Output paths whose bytes changed (or appeared)."""
    removed: tuple[str, ...] = ()
    rendered: int = 0
    """Units rendered: pages, plus the extra files as one."""
    full: bool = False
    seconds: float = 0.0


def timed(outcome: Outcome, started: float) -> Outcome:
    return Outcome(
        outcome.ok, outcome.diagnostics, outcome.problem, outcome.written, outcome.removed, outcome.rendered,
        outcome.full, time.perf_counter() - started,
    )  # fmt: skip


def merged(first: Outcome, second: Outcome) -> Outcome:
    return Outcome(
        first.ok and second.ok, first.diagnostics, first.problem or second.problem,
        tuple(sorted({*first.written, *second.written})), tuple(sorted({*first.removed, *second.removed})),
        first.rendered + second.rendered, first.full, first.seconds + second.seconds,
    )  # fmt: skip


@dataclass(slots=True)
class BuildState:
    """The last good build: what is on disk and what each unit read to make it."""

    site: Site
    theme: Theme
    signature: tuple[object, ...]
    renderer: Renderer
    recorder: Recorder
    routes: list[Route]
    pages: dict[str, Route]
    """The routes by output path."""
    deps: dict[str, frozenset[Key]]
    """What each unit read, by output path (a page) or INIT, ROUTES, EXTRAS."""
    digests: dict[str, bytes]
    extras: frozenset[str]
    """Output paths the extra files unit wrote."""
    readers: dict[Key, list[str]]
    """Key -> the pages that read it (or once did: ``deps`` has the last word)."""
    extras_pending: bool = False
    deferred: frozenset[str] = frozenset()
    """Pages of DEFERRED_KINDS due again, made with the extra files (``extras_pending`` is then set)."""
    search: LiveIndex | None = None
    """The search index, updated with the extra files for the documents the saves since changed."""
