"""``debatemap build`` with a build cache: serve's incremental rebuild, made to last across processes.

The story: under the cache's lock, read what the last build saved (``store``): each content
file's parse, the content and site it made, the checks' findings, the git history read for a
HEAD, what each page read when it was rendered, and the output folders as they were left
(``trees``). Lock the output folder; a forked child checks the spare site against its record
meanwhile (``forked``). Make the model again, read the content again, re-parsing only files
whose status changed, and check it whole, as a cold build does. If the cache vouches for the
live site and the spare one it replaced, and nothing every page reads changed (settings, theme,
the set-up), render only the pages whose recorded reads changed (a child renders about half:
``stale_pages``), write the differences into the spare and swap it in. Otherwise render
everything, recording what each page reads. Either way, save the new state for the next build.

The site is byte for byte what a build without a cache writes: tests build both after every
kind of edit and compare them.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..build import BuildResult, build
from ..checks import CheckMemo
from ..content import FileCache
from ..diagnostics import ContentError
from ..forked import ForkedCall
from ..graph import Site
from ..history import GitHistory
from ..pipeline import load_site
from ..render.parallel import PARALLEL_THRESHOLD
from ..render.renderer import Renderer
from ..render.routes import Route
from ..render.theme import Theme, find_theme
from ..staging import WriteError, adopt_staging, locked_output, new_staging, remove_folder, removed_meanwhile, swap_in
from ..write import check_output_dir
from . import snapshot, store, trees
from .delta import changed_keys
from .everything import SearchJob, render_everything
from .graph import GraphUpdater
from .output import digest
from .reads import HashingRecorder, ReadLog
from .saved import Saved, SavedIndex, load_saved, unpack
from .search_units import SEARCH, Indexed, document_units, forget_documents, index_changes
from .stale_pages import render_stale
from .state import EXTRAS, INIT, ROUTES
from .tracking import Recorder, ReplayedLookups, tracked_site
from .units import make_extras_hashed, theme_signature

PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(slots=True)
class _Rendered:
    full: bool
    rendered: int
    routes: list[Route]
    deps: ReadLog
    made_by: dict[str, tuple[str, ...]]
    extras: frozenset[str]
    search: SavedIndex
    digests: dict[str, bytes]


def spare_path(out: Path) -> Path:
    """Where the site a build replaced is kept, to become the next one: beside the output folder."""
    return out.parent / f".{out.name}.spare"


def cached_build(
    content_root: Path,
    out: Path,
    cache_dir: Path,
    *,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    waiting: Callable[[str], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildResult:
    """``build.build`` with the cache in ``cache_dir``; the same site, the same errors."""
    check_output_dir(out, content_root)
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(store.locked(cache_dir))
        except OSError as exc:
            if warn is not None:
                warn(f"cannot use the build cache in {cache_dir} ({exc.strerror or exc}); building without it")
            return build(content_root, out, strict=strict, progress=progress, waiting=waiting)
        return _cached_build(content_root, out, cache_dir, strict=strict, progress=progress, waiting=waiting, warn=warn)


def _cached_build(
    content_root: Path,
    out: Path,
    cache_dir: Path,
    *,
    strict: bool,
    progress: Callable[[int, int], None] | None,
    waiting: Callable[[str], None] | None,
    warn: Callable[[str], None] | None,
) -> BuildResult:
    started = time.perf_counter()
    saved = load_saved(cache_dir, content_root, warn)
    with contextlib.ExitStack() as stack:
        try:
            real = stack.enter_context(locked_output(out, waiting))
        except OSError as exc:
            raise _write_error(out, exc) from None
        # Whether the spare site is as the cache recorded it (25,000 stats at 10,000 claims) is
        # found out by a forked child while this process makes the model again and reads the content.
        spare_tree = saved.spare if saved is not None and saved.out == os.fspath(real) else None
        spare_ok = stack.enter_context(ForkedCall(lambda: _holds(spare_tree, spare_path(real)), parallel=spare_tree is not None))
        files, history, checks = FileCache(parallel=True), GitHistory(parallel=True), CheckMemo()
        graph = GraphUpdater(history=history)
        loaded, routes = unpack(saved, content_root)
        if loaded is not None:
            loaded.restore(files, graph, checks, history)
        checked = load_site(content_root, strict=strict, cache=files, graph=graph, checks=checks)
        if not checked.ok:
            raise ContentError(list(checked.diagnostics))
        theme = checked.theme or find_theme(checked.site.config, content_root)
        signature = (theme_signature(theme), os.environ.get("SOURCE_DATE_EPOCH"))
        previous = loaded.site if loaded is not None else None
        compiled = dict(saved.templates) if saved is not None else {}
        touched = graph.touched if previous is not None and graph.patched_from is previous else None
        try:
            rendered, live, spare = _publish(
                real,
                saved,
                compiled,
                checked.site,
                routes=routes,
                previous=previous,
                touched=touched,
                theme=theme,
                signature=signature,
                progress=progress,
                spare_ok=spare_ok,
            )
        except OSError as exc:
            raise _write_error(out, exc) from None
    model = snapshot.save(files, graph, checks, history, loaded)
    routes_blob = saved.routes if saved is not None and rendered.routes is routes else pickle.dumps(rendered.routes, PROTOCOL)
    after = Saved(
        os.fspath(real), model, signature, routes_blob, rendered.deps, rendered.made_by, rendered.extras, rendered.search,
        live, spare, compiled,
    )  # fmt: skip
    try:
        store.write(cache_dir, content_root, after)
    except OSError as exc:  # the site is built; only the next build is slower
        if warn is not None:
            warn(f"cannot save the build cache in {cache_dir} ({exc.strerror or exc}); the next build renders everything")
    pages = sum(1 for route in rendered.routes if route.output_path.endswith(".html"))
    size = sum(status[1] for status in live.files.values())
    seconds = time.perf_counter() - started
    partly = None if rendered.full else rendered.rendered
    return BuildResult(checked, pages, len(live.files), size, seconds, out, history.note, partly)


def _publish(
    out: Path,
    saved: Saved | None,
    compiled: dict[str, bytes],
    site: Site,
    *,
    routes: list[Route] | None,
    previous: Site | None,
    touched: dict[str, set[str]] | None,
    theme: Theme,
    signature: tuple[object, ...],
    progress: Callable[[int, int], None] | None,
    spare_ok: ForkedCall[bool],
) -> tuple[_Rendered, trees.Tree, trees.Tree | None]:
    """Write the new site into ``out`` (its lock held); return what was rendered and the trees left.
    ``spare_ok`` tells whether the spare site holds what the cache recorded.
    ``compiled`` holds the templates compiled so far (``render.environment.CompiledTemplates``)
    and takes those compiled now."""
    live_ok = saved is not None and saved.out == os.fspath(out) and trees.is_live(saved.live, out)
    spare = spare_path(out)
    if saved is not None and routes is not None and live_ok and previous is not None and saved.signature == signature:
        changed = changed_keys(previous, site, touched)
        if changed is not None:
            recorder = HashingRecorder()
            renderer = Renderer(tracked_site(site, recorder), theme, compiled=compiled, lookups=ReplayedLookups(recorder))
            init = saved.deps.taken(recorder)
            hashes = saved.deps.hashes(changed)
            if not saved.deps.read_any(INIT, hashes):
                done = _incremental(out, saved, renderer, recorder, routes=routes, init=init, changed=hashes, spare_ok=spare_ok)
                if done is not None:
                    return done
    with removed_meanwhile(spare, out):
        return _full(out, site, theme, compiled, progress, live=saved.live if saved is not None and live_ok else None)


def _incremental(
    out: Path,
    saved: Saved,
    renderer: Renderer,
    recorder: Recorder,
    *,
    routes: list[Route],
    init: bytes,
    changed: frozenset[int],
    spare_ok: ForkedCall[bool],
) -> tuple[_Rendered, trees.Tree, trees.Tree | None] | None:
    """Render what the change touches and turn the spare site into the new one; None when the
    folders on disk are not what the cache recorded (then everything is rendered)."""
    rendered, made = _render_changes(saved, renderer, recorder, routes=routes, init=init, changed=changed)
    spare = spare_path(out)
    try:
        if saved.spare is not None and spare_ok.result():
            staging, stamp = adopt_staging(spare, out)
            base = saved.spare
        else:
            with removed_meanwhile(spare, out):
                staging, stamp = new_staging(out)
                try:
                    base = trees.clone(saved.live, out, staging)
                except BaseException:
                    remove_folder(staging)
                    raise
        try:
            tree = trees.update(base, staging, rendered.digests, made=made, live=saved.live, out=out)
        except BaseException:
            remove_folder(staging)
            raise
    except trees.NotVouched:
        return None
    swap_in(staging, stamp, out, keep=spare)
    trees.mark_live(tree, out)
    return rendered, tree, saved.live


def _write_error(out: Path, exc: OSError) -> WriteError:
    where = f" ({exc.filename})" if exc.filename else ""
    return WriteError(f"cannot write the site into {out}: {exc.strerror or exc}{where}; {out} is unchanged")


def _holds(spare: trees.Tree | None, folder: Path) -> bool:
    return spare is not None and trees.holds(spare, folder)


def _render_changes(
    saved: Saved, renderer: Renderer, recorder: Recorder, *, routes: list[Route], init: bytes, changed: frozenset[int]
) -> tuple[_Rendered, dict[str, bytes]]:
    """Render the pages whose recorded reads changed (and the extra files, if theirs did);
    ``changed`` holds the hashes of the keys that changed (``reads``)."""
    deps = saved.deps.copy()
    deps.units[INIT] = init
    made_by = dict(saved.made_by)
    pages = {route.output_path: route for route in routes}
    fresh: set[str] = set()
    gone: set[str] = set()
    if deps.read_any(ROUTES, changed):
        routes, pages, fresh = _routes_again(renderer, recorder, deps, made_by=made_by, before=pages, gone=gone)
    extras = saved.extras
    search = saved.search
    indexed: Indexed | None = None
    # An index made anew (what every document shares changed) is made in a forked process meanwhile.
    anew = search is None or deps.read_any(SEARCH, changed)
    # Pages and search documents are found stale in one search of the reads (``ReadLog.stale``).
    stale = deps.stale(changed, [*pages, *([] if anew else document_units(deps))])
    stale_documents = stale - pages.keys()
    stale -= stale_documents
    made: dict[str, bytes] = {}
    indexed_before = search.names if search is not None else frozenset()
    with (
        SearchJob(renderer.site, recorder, indexed_before, parallel=len(pages) >= PARALLEL_THRESHOLD)
        if anew
        else contextlib.nullcontext() as job
    ):
        names = sorted(fresh | stale)
        sizes = {name: saved.live.files[name][1] for name in names if name in saved.live.files}
        here, rest = render_stale(renderer, recorder, [pages[name] for name in names], sizes, deps, parallel=job is None)
        if deps.read_any(EXTRAS, changed):
            files, deps.units[EXTRAS] = make_extras_hashed(renderer, recorder, deps)
            made.update(files)
            gone.update(extras - files.keys())
            extras = frozenset(files)
        if job is not None:
            indexed = job.result()
            forget_documents(deps)
        elif search is not None:
            indexed = index_changes(renderer.site, recorder, search, stale_documents)
        pages_done = {**here, **rest()}
    for name in names:
        files, hashed = pages_done[name]
        deps.units[name] = hashed
        made.update(files)
        _note_files(made_by, name, files, gone)
    if indexed is not None:
        deps.units.update(indexed.reads)
        made.update(indexed.files)
        gone.update(indexed.gone)
        search = SavedIndex(indexed.state, indexed.names)
    assert search is not None
    digests = dict(saved.live.digests)
    for name in gone - made.keys():
        digests.pop(name, None)
    for name, data in made.items():
        digests[name] = digest(data)
    return _Rendered(False, len(stale | fresh), routes, deps, made_by, extras, search, digests), made


def _routes_again(
    renderer: Renderer,
    recorder: Recorder,
    deps: ReadLog,
    *,
    made_by: dict[str, tuple[str, ...]],
    before: dict[str, Route],
    gone: set[str],
) -> tuple[list[Route], dict[str, Route], set[str]]:
    """The routes listed again (what they read changed): (the routes, by output path, the new or
    changed ones); the pages that went are forgotten and their files added to ``gone``."""
    routes = renderer.routes()
    deps.take(ROUTES, recorder)
    pages = {route.output_path: route for route in routes}
    for name in before.keys() - pages.keys():
        deps.pop(name)
        gone.update(made_by.pop(name, (name,)))
    return routes, pages, {name for name, route in pages.items() if before.get(name) != route}


def _note_files(made_by: dict[str, tuple[str, ...]], name: str, files: dict[str, bytes], gone: set[str]) -> None:
    """Remember what a page's rendering made when it is more than the page; what it made before and no longer makes goes."""
    before = made_by.pop(name, (name,))
    now = tuple(sorted(files))
    if now != (name,):
        made_by[name] = now
    gone.update(set(before) - files.keys())


def _full(
    out: Path,
    site: Site,
    theme: Theme,
    compiled: dict[str, bytes],
    progress: Callable[[int, int], None] | None,
    *,
    live: trees.Tree | None,
) -> tuple[_Rendered, trees.Tree, trees.Tree | None]:
    """Render every page, recording what each reads, into a new folder, and swap it in. The
    previous site is kept as the spare when the cache vouches for it, else deleted."""
    recorder = HashingRecorder()
    renderer = Renderer(tracked_site(site, recorder), theme, compiled=compiled, lookups=ReplayedLookups(recorder))
    deps = ReadLog()
    deps.take(INIT, recorder)
    routes = renderer.routes()
    deps.take(ROUTES, recorder)
    staging, stamp = new_staging(out)
    try:
        made, extras, extra_reads, indexed = render_everything(renderer, recorder, routes, staging, progress)
        deps.units.update(made.reads)
        deps.units.update(extra_reads.units)
        tree = trees.record(staging, made.digests)
    except BaseException:
        remove_folder(staging)
        raise
    swap_in(staging, stamp, out, keep=spare_path(out) if live is not None else None)
    trees.mark_live(tree, out)
    search = SavedIndex(indexed.state, indexed.names)
    return _Rendered(True, len(routes), routes, deps, made.made_by, extras, search, made.digests), tree, live
