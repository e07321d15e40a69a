"""Rebuild a site in place after a change, rendering only the files the change touches.

The first build renders everything, recording what each unit of work read (``tracking``): each
route's page, the route list itself, the renderer's set-up, and the extra files (drawings'
downloads, the search index, theme assets). A rebuild re-reads only the content files that
changed (``content.FileCache``), checks the whole site as a build does, compares the new site
with the last good one (``delta``) and renders again the units that read something that
changed. A new theme or new site settings render everything. The files on disk are then
exactly those a full ``debatemap build`` writes: tests compare the two byte for byte.

Pages come first and the extra files second (``refresh_extras``, ``extras``): they are
whole-site work (a search index over every claim), so ``serve`` makes them when the curator
pauses rather than after every keystroke-save. The sitemap and the feed wait with them: nobody
reads them in a preview, and they list every page, so they would otherwise be rendered again
for every claim added (150 ms at 10,000 claims).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from ..checks import CheckMemo
from ..collector import collector_paused
from ..content import FileCache
from ..diagnostics import DebatemapError, Diagnostic
from ..graph import Site
from ..history import GitHistory
from ..pipeline import load_site
from ..render.renderer import Renderer
from ..render.routes import Route
from ..render.theme import Theme, find_theme
from ..staging import staged_site
from ..write import write_files, write_site
from .delta import changed_keys
from .everything import pool_pays, render_pages_keeping_keys
from .extras import ExtrasJob
from .graph import GraphUpdater
from .output import digest, write_changes
from .search_units import Indexed, LiveIndex, live_index
from .state import DEFERRED_KINDS, EXTRAS, INIT, ROUTES, BuildState, Interrupted, Outcome, merged, timed
from .tracking import Key, Recorder, ReplayedLookups, tracked_site
from .units import make_extras, readers_index, render_page, theme_signature, touches_theme

__all__ = ["ExtrasJob", "IncrementalBuild", "Interrupted", "Outcome"]


class IncrementalBuild:
    """A site kept up to date in ``out`` while its content changes (``debatemap serve``)."""

    def __init__(self, content_root: Path, out: Path, *, strict: bool = False, parallel: bool = False) -> None:
        self.root = content_root
        self.out = out
        self.strict = strict
        self.cache = FileCache()
        self._history = GitHistory()
        self.graph = GraphUpdater(history=self._history)
        self.checks = CheckMemo()
        self._state: BuildState | None = None
        self._stopping = False
        self.parallel = parallel

    @property
    def parallel(self) -> bool:
        """Whether a build may fork workers to parse the files, the maps' old versions and render the
        pages. ``serve`` allows it for its first build, before its threads start, and then turns it
        off: a later full build (a theme or settings change) runs among the server's threads."""
        return self._parallel

    @parallel.setter
    def parallel(self, value: bool) -> None:
        self._parallel = self.cache.parallel = self._history.parallel = value

    def stop(self) -> None:
        """Make a rebuild running in another thread end at its next page (raising ``Interrupted``)."""
        self._stopping = True

    @property
    def built(self) -> bool:
        return self._state is not None

    @property
    def site(self) -> Site | None:
        """The site of the last good build (None before one)."""
        return self._state.site if self._state is not None else None

    @property
    def extras_pending(self) -> bool:
        return self._state is not None and self._state.extras_pending

    def reads(self, output_path: str) -> frozenset[Key]:
        """What the page at ``output_path`` read when it was last rendered (tests, debugging)."""
        return self._state.deps.get(output_path, frozenset()) if self._state is not None else frozenset()

    def watched(self) -> list[Path]:
        """The folders whose changes matter: the content and the theme's templates and static files."""
        paths = [self.root]
        if self._state is not None:
            theme = self._state.theme
            paths += [*theme.template_dirs, *([theme.static_dir] if theme.static_dir else [])]
        unique: dict[str, Path] = {}
        for path in paths:
            unique.setdefault(os.path.realpath(path), path)
        return [unique[key] for key in sorted(unique)]

    def rebuild(self, changed_files: Iterable[str] = (), *, defer_extras: bool = True, complete: bool = False) -> Outcome:
        """Bring ``out`` up to date; on any error leave it as it was and say why.

        ``complete``: ``changed_files`` names every file added, saved or deleted since the last
        rebuild (a watcher's batch), so the other files need no check (``FileCache.begin``).
        """
        # promote: the new site and pages live until the next save; moved to the oldest generation
        # unwalked, rather than all scanned by the first young collection after the block.
        with collector_paused(promote=True):
            return self._rebuild(changed_files, defer_extras=defer_extras, complete=complete)

    def _rebuild(self, changed_files: Iterable[str], *, defer_extras: bool, complete: bool) -> Outcome:
        started = time.perf_counter()
        changed_files = list(changed_files)
        self.cache.begin(changed_files, complete=complete)
        checked = load_site(self.root, strict=self.strict, cache=self.cache, graph=self.graph, checks=self.checks)
        if not checked.ok:
            return Outcome(False, checked.diagnostics, seconds=time.perf_counter() - started)
        try:
            theme = find_theme(checked.site.config, self.root)
            signature = theme_signature(theme)
            state = self._state
            changed: set[Key] | None = None
            if state is not None and signature == state.signature and not touches_theme(changed_files, theme):
                patched = self.graph.patched_from is state.site
                changed = changed_keys(state.site, checked.site, self.graph.touched if patched else None)
            if state is None or changed is None or not state.deps[INIT].isdisjoint(changed):
                outcome = self._full(checked.site, theme, signature, checked.diagnostics)
            else:
                outcome = self._incremental(state, checked.site, changed, checked.diagnostics, defer_extras=defer_extras)
        except DebatemapError as exc:
            return Outcome(False, checked.diagnostics, problem=str(exc), seconds=time.perf_counter() - started)
        return timed(outcome, started)

    def refresh_extras(self) -> Outcome:
        """Make the extra files that the last rebuilds left for later; nothing when none are due."""
        job = self.extras_job()
        if job is None:
            return Outcome(True)
        job.run()
        return self.finish_extras(job) or Outcome(True)

    def extras_job(self) -> ExtrasJob | None:
        """The deferred extra files as a job that may run in another thread (``serve``), or None."""
        state = self._state
        return ExtrasJob(state) if state is not None and state.extras_pending else None

    def finish_extras(self, job: ExtrasJob) -> Outcome | None:
        """Write what ``job`` made, unless the site moved on meanwhile (then a later pause makes them again)."""
        state = self._state
        if state is not job.state:
            return None
        if job.problem is not None:
            state.extras_pending = False  # tried again after the next save, not at every pause
            return Outcome(False, problem=job.problem, seconds=job.seconds)
        started = time.perf_counter() - job.seconds
        state.deps[EXTRAS] = job.reads
        removed = set(state.extras - job.extras) | job.search_gone
        state.extras = job.extras
        state.search = job.search
        state.extras_pending = False
        files = dict(job.files)
        for name, (made, reads) in job.pages.items():
            files.update(made)
            for key in reads - state.deps.get(name, frozenset()):
                state.readers.setdefault(key, []).append(name)
            state.deps[name] = reads
        state.deferred = frozenset()
        rendered = 1 + len(job.pages)
        return timed(write_changes(self.out, state, files, removed, rendered=rendered, full=False, diagnostics=()), started)

    # -- the two kinds of build -----------------------------------------------------------

    def _full(self, site: Site, theme: Theme, signature: tuple[object, ...], diagnostics: tuple[Diagnostic, ...]) -> Outcome:
        recorder = Recorder()
        renderer = Renderer(tracked_site(site, recorder), theme, lookups=ReplayedLookups(recorder))
        deps: dict[str, frozenset[Key]] = {INIT: recorder.take()}
        routes = renderer.routes()
        deps[ROUTES] = recorder.take()
        if self._state is None and self.parallel and pool_pays(routes):
            return self._first_on_every_core(
                renderer, recorder, routes, deps, site=site, theme=theme, signature=signature, diagnostics=diagnostics
            )
        files: dict[str, bytes] = {}
        for route in routes:
            self._check_stop()
            made, deps[route.output_path] = render_page(renderer, recorder, route)
            files.update(made)
        extras, deps[EXTRAS], indexed, search = _extras_and_index(renderer, recorder)
        files.update(extras)
        files.update(indexed.files)
        previous = self._state
        pages = {route.output_path: route for route in routes}
        # The readers' index is made here, where it is a few per cent of a whole-site render,
        # rather than at the first save, which would wait for it (0.8 s at 10,000 claims).
        state = BuildState(
            site, theme, signature, renderer, recorder, routes, pages, deps, {}, frozenset(extras), readers_index(deps),
            search=search,
        )  # fmt: skip
        if previous is None:
            write_site(files, self.out)
            state.digests = {name: digest(data) for name, data in files.items()}
            self._state = state
            return Outcome(True, diagnostics, written=tuple(sorted(files)), rendered=len(routes) + 1, full=True)
        state.digests = previous.digests
        removed = set(previous.digests) - files.keys()
        self._state = state
        return write_changes(self.out, state, files, removed, rendered=len(routes) + 1, full=True, diagnostics=diagnostics)

    def _first_on_every_core(
        self, renderer: Renderer, recorder: Recorder, routes: list[Route], deps: dict[str, frozenset[Key]], *, site: Site,
        theme: Theme, signature: tuple[object, ...], diagnostics: tuple[Diagnostic, ...],
    ) -> Outcome:  # fmt: skip
        """The first build, its pages rendered by forked workers (``everything``) while this process
        makes the extra files and the search index: what ``_full`` makes, in the same files."""
        with staged_site(self.out) as staging:
            digests, keys, (extras, deps[EXTRAS], indexed, search) = render_pages_keeping_keys(
                renderer, recorder, routes, staging, meanwhile=lambda: _extras_and_index(renderer, recorder),
                stopping=lambda: self._stopping,
            )  # fmt: skip
            made = {**extras, **indexed.files}
            write_files(staging, made.items(), fresh=True)
        deps.update(keys)
        digests.update((name, digest(data)) for name, data in made.items())
        state = BuildState(
            site, theme, signature, renderer, recorder, routes, {route.output_path: route for route in routes}, deps,
            digests, frozenset(extras), readers_index(deps), search=search,
        )  # fmt: skip
        self._state = state
        return Outcome(True, diagnostics, written=tuple(sorted(state.digests)), rendered=len(routes) + 1, full=True)

    def _incremental(
        self, state: BuildState, site: Site, changed: set[Key], diagnostics: tuple[Diagnostic, ...], *, defer_extras: bool
    ) -> Outcome:
        recorder = state.recorder
        recorder.take()
        renderer = Renderer(tracked_site(site, recorder), state.theme, reuse=state.renderer, lookups=ReplayedLookups(recorder))
        deps = dict(state.deps)
        deps[INIT] = recorder.take()
        routes, pages = state.routes, state.pages
        fresh: set[str] = set()
        removed: set[str] = set()
        if not deps[ROUTES].isdisjoint(changed):
            routes = renderer.routes()
            deps[ROUTES] = recorder.take()
            pages = {route.output_path: route for route in routes}
            fresh = {name for name, route in pages.items() if state.pages.get(name) != route}
            removed = state.pages.keys() - pages.keys()
            # A map's download goes with its page without a word here: removing a map changes the
            # set-up (its thesis), which renders everything, and that deletes what it no longer makes.
            for name in removed:
                deps.pop(name, None)  # a deferred page may have come and gone unrendered
        # Routes go by output path here: a str hashes once, a Route dataclass at every lookup.
        readers = state.readers
        maybe = {name for key in changed for name in readers.get(key, ())}
        stale = {name for name in maybe if name in pages and not deps[name].isdisjoint(changed)}
        later = {name for name in fresh | stale if pages[name].kind in DEFERRED_KINDS}
        files: dict[str, bytes] = {}
        for name in sorted((fresh | stale) - later):
            self._check_stop()
            before = deps.get(name, frozenset())
            made, deps[name] = render_page(renderer, recorder, pages[name])
            files.update(made)
            for key in deps[name] - before:
                readers.setdefault(key, []).append(name)
        deferred = (state.deferred | later) & pages.keys()
        # The search index takes the change when saving pauses (``live_index``): which documents
        # it touches is found then, once for all the saves since.
        search = state.search.after(changed) if state.search is not None else None
        search_due = search is None or bool(search.changed)
        pending = state.extras_pending or bool(deferred) or search_due or not deps[EXTRAS].isdisjoint(changed)
        new = BuildState(
            site, state.theme, state.signature, renderer, recorder, routes, pages, deps, state.digests, state.extras, readers,
            pending, frozenset(deferred), search,
        )  # fmt: skip
        self._state = new
        outcome = write_changes(self.out, new, files, removed, rendered=len(files), full=False, diagnostics=diagnostics)
        if pending and not defer_extras:
            extras = self.refresh_extras()
            outcome = merged(outcome, extras)
        return outcome

    def _check_stop(self) -> None:
        if self._stopping:
            raise Interrupted


def _extras_and_index(renderer: Renderer, recorder: Recorder) -> tuple[dict[str, bytes], frozenset[Key], Indexed, LiveIndex]:
    """A full build's extra files with what they read, and its search index made whole."""
    extras, reads = make_extras(renderer, recorder)
    return (extras, reads, *live_index(renderer.site, recorder, None))
