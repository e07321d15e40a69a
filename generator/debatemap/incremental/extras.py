"""The whole-site files (search index, drawings' downloads, sitemap, feed), made when saving pauses."""

from __future__ import annotations

import time

from ..collector import collector_paused
from ..diagnostics import DebatemapError
from ..render.renderer import Renderer
from .search_units import live_index
from .state import BuildState
from .tracking import Key, Recorder, ReplayedLookups, tracked_site
from .units import make_extras, render_page


class ExtrasJob:
    """Making the extra files of one state of the site; reads only that frozen state, so it can run
    in a thread of its own while pages of later saves are rebuilt (its result is then dropped)."""

    def __init__(self, state: BuildState) -> None:
        self.state = state
        self.files: dict[str, bytes] = {}
        """The extra files, and the search index's files that changed."""
        self.extras: frozenset[str] = frozenset()
        """The extra files but the search index's."""
        self.reads: frozenset[Key] = frozenset()
        self.search = state.search
        self.search_gone: set[str] = set()
        """Files of the last search index it no longer makes."""
        self.pages: dict[str, tuple[dict[str, bytes], frozenset[Key]]] = {}
        """The deferred pages (sitemap, feed) and what each read."""
        self.problem: str | None = None
        self.seconds = 0.0

    def run(self) -> None:
        started = time.perf_counter()
        recorder = Recorder()  # its own: the pages' recorder may be busy in another thread
        site = tracked_site(self.state.site, recorder)
        renderer = Renderer(site, self.state.theme, reuse=self.state.renderer, lookups=ReplayedLookups(recorder))
        try:
            with collector_paused():
                self.files, self.reads = make_extras(renderer, recorder)
                self.extras = frozenset(self.files)
                indexed, self.search = live_index(renderer.site, recorder, self.state.search)
                self.files.update(indexed.files)
                self.search_gone = indexed.gone
                for name in sorted(self.state.deferred):
                    self.pages[name] = render_page(renderer, recorder, self.state.pages[name])
        except DebatemapError as exc:
            self.problem = str(exc)
        self.seconds = time.perf_counter() - started
