"""Render every page while recording what each reads, on every core: the build cache's full build.

Like ``render.parallel``, forked workers inherit the loaded site and the compiled templates and
write the pages they render straight into the staging folder; each also records what its pages
read (through its own copy of the recorder) and sends back only the hashes (``reads``), the
digests of the files and which files each page made, so little travels between processes. The
extra files and the search index (``search_units``) are the first task, on a worker like the
pages (made here beside the workers, they made three busy processes on two cores). Without a
pool (a small site, one core) the same work runs here, page by page.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from ..cores import can_fork, worker_count
from ..graph import Site
from ..render.parallel import HEAVY_KINDS, PARALLEL_THRESHOLD
from ..render.renderer import Renderer
from ..render.routes import Route
from ..write import write_file
from .output import digest
from .reads import ReadLog
from .search_units import Indexed, index_everything
from .state import EXTRAS
from .tracking import Key, Recorder
from .units import make_extras, render_page

_worker: tuple[Renderer, Recorder] | None = None
_hashes: dict[Key, int] = {}
"""Each key's hash, kept across the tasks of one process (pages read many keys alike)."""


@dataclass(slots=True)
class Made:
    """What rendering some pages left: their reads, the digest of each file, the files each page made."""

    reads: dict[str, bytes] = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)
    made_by: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def merge(self, other: Made) -> None:
        self.reads.update(other.reads)
        self.digests.update(other.digests)
        self.made_by.update(other.made_by)


def _render(renderer: Renderer, recorder: Recorder, routes: Iterable[Route], root: str) -> Made:
    made = Made()
    log = ReadLog(memo=_hashes)
    for route in routes:
        files, reads = render_page(renderer, recorder, route)
        log.record(route.output_path, reads)
        for name, data in files.items():
            write_file(root, name, data)
            made.digests[name] = digest(data)
        if tuple(files) != (route.output_path,):
            made.made_by[route.output_path] = tuple(sorted(files))
    made.reads = log.units
    return made


def _extras(renderer: Renderer, recorder: Recorder, root: str, total: Made) -> tuple[dict[str, bytes], frozenset[Key], Indexed]:
    """The extra files and the search index, written; (the extra files, their reads, the index)."""
    extras, reads = make_extras(renderer, recorder, search=False)
    indexed = index_everything(renderer.site, recorder)
    for name, data in (*extras.items(), *indexed.files.items()):
        write_file(root, name, data)
        total.digests[name] = digest(data)
    return extras, reads, indexed


def _task(task: tuple[str, Sequence[Route]]) -> Made:
    assert _worker is not None
    return _render(*_worker, task[1], task[0])


def _extras_task(root: str) -> tuple[Made, frozenset[str], frozenset[Key], Indexed]:
    """``_extras`` on a worker: what it wrote goes back as digests, not bytes."""
    assert _worker is not None
    made = Made()
    extras, reads, indexed = _extras(*_worker, root, made)
    indexed.files = {}
    return made, frozenset(extras), reads, indexed


def render_everything(
    renderer: Renderer, recorder: Recorder, routes: list[Route], staging: Path, progress: Callable[[int, int], None] | None
) -> tuple[Made, frozenset[str], ReadLog, Indexed]:
    """Render and write every page, the extra files and the search index; (the pages' results,
    the names of the extra files, the reads of the extras and of each search document, the index)."""
    global _worker  # noqa: PLW0603 - handed to forked workers by inheritance, never pickled
    workers = worker_count()
    total = Made()
    root = str(staging)
    if workers < 2 or len(routes) < PARALLEL_THRESHOLD or not can_fork():
        for done, route in enumerate(routes, 1):
            total.merge(_render(renderer, recorder, [route], root))
            if progress is not None:
                progress(done, len(routes))
    else:
        heavy = [route for route in routes if route.kind in HEAVY_KINDS]
        light = [route for route in routes if route.kind not in HEAVY_KINDS]
        chunk = max(20, min(400, len(light) // (workers * 16) or 1))
        tasks = [(root, [route]) for route in heavy] + [(root, light[i : i + chunk]) for i in range(0, len(light), chunk)]
        renderer.compile_templates({route.kind for route in routes})
        _worker = (renderer, recorder)
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(workers)
        try:
            # The extra files and the search index first, on a worker: this process would make
            # them beside the workers, three processes on as many cores as there are workers.
            extra_job = pool.apply_async(_extras_task, (root,))
            results = pool.imap_unordered(_task, tasks)
            done = 0
            for part in results:
                total.merge(part)
                done += len(part.reads)
                if progress is not None:
                    progress(done, len(routes))
            extra_made, extra_names, reads, indexed = extra_job.get()
            total.merge(extra_made)
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
            gc.unfreeze()
            _worker = None
        return _finish(total, extra_names, reads, indexed)
    extras, reads, indexed = _extras(renderer, recorder, root, total)
    return _finish(total, frozenset(extras), reads, indexed)


def _finish(
    total: Made, extras: frozenset[str], reads: frozenset[Key], indexed: Indexed
) -> tuple[Made, frozenset[str], ReadLog, Indexed]:
    log = ReadLog(dict(indexed.reads))
    log.record(EXTRAS, reads)
    return total, extras, log, indexed


_search_worker: tuple[Site, Recorder, frozenset[str]] | None = None


def _search_task(_: object) -> Indexed:
    assert _search_worker is not None
    return index_everything(*_search_worker)


class SearchJob:
    """The whole search index made anew, in a forked process while this one renders pages (it
    takes longer than a warm build's pages); in this process when not ``parallel``. Use as a
    context manager: leaving it early stops the process."""

    def __init__(self, site: Site, recorder: Recorder, before: frozenset[str], *, parallel: bool) -> None:
        self._task = (site, recorder, before)
        self._parallel = parallel and worker_count() > 1 and can_fork()
        self._pool: Pool | None = None
        self._pending: AsyncResult[Indexed] | None = None

    def __enter__(self) -> SearchJob:
        global _search_worker  # noqa: PLW0603 - handed to the forked process by inheritance
        if self._parallel:
            _search_worker = self._task
            self._pool = multiprocessing.get_context("fork").Pool(1)
            self._pending = self._pool.apply_async(_search_task, (None,))
            _search_worker = None
        return self

    def result(self) -> Indexed:
        if self._pending is None:
            return index_everything(*self._task)
        return self._pending.get()

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate() if exc[0] is not None else self._pool.close()
            self._pool.join()
