"""Render every page while recording what each reads, on every core: the build cache's full build.

Like ``render.parallel``, forked workers inherit the loaded site and the compiled templates and
write the pages they render straight into the staging folder; each also records what its pages
read (through its own copy of the recorder) and sends back only the hashes (``reads``), the
digests of the files and which files each page made, so little travels between processes. The
extra files (the search index) are made in this process meanwhile. Without a pool (a small
site, one core) the same work runs here, page by page.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path

from ..cores import can_fork, worker_count
from ..render.parallel import HEAVY_KINDS, PARALLEL_THRESHOLD
from ..render.renderer import Renderer
from ..render.routes import Route
from ..write import write_file
from .output import digest
from .reads import ReadLog
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


def _extras(renderer: Renderer, recorder: Recorder, root: str, total: Made) -> tuple[dict[str, bytes], frozenset[Key]]:
    extras, reads = make_extras(renderer, recorder)
    for name, data in extras.items():
        write_file(root, name, data)
        total.digests[name] = digest(data)
    return extras, reads


def _task(task: tuple[str, Sequence[Route]]) -> Made:
    assert _worker is not None
    return _render(*_worker, task[1], task[0])


def render_everything(
    renderer: Renderer, recorder: Recorder, routes: list[Route], staging: Path, progress: Callable[[int, int], None] | None
) -> tuple[Made, frozenset[str], ReadLog]:
    """Render and write every page and the extra files; (the pages' results, the extra files' names, the extras' reads)."""
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
            results = pool.imap_unordered(_task, tasks)  # the workers start at once
            extras, reads = _extras(renderer, recorder, root, total)  # made here meanwhile
            done = 0
            for part in results:
                total.merge(part)
                done += len(part.reads)
                if progress is not None:
                    progress(done, len(routes))
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
            gc.unfreeze()
            _worker = None
        log = ReadLog()
        log.record(EXTRAS, reads)
        return total, frozenset(extras), log
    extras, reads = _extras(renderer, recorder, root, total)
    log = ReadLog()
    log.record(EXTRAS, reads)
    return total, frozenset(extras), log


_extras_worker: tuple[Renderer, Recorder] | None = None


def _extras_task(_: object) -> tuple[dict[str, bytes], bytes]:
    assert _extras_worker is not None
    files, reads = make_extras(*_extras_worker)
    log = ReadLog()
    log.record(EXTRAS, reads)
    return files, log.units[EXTRAS]


class ExtrasJob:
    """The extra files and the hashes of their reads, made in a forked process while this one
    renders pages (a warm build's search index takes longer than its pages); in this process
    when not ``parallel``. Use as a context manager: leaving it early stops the process."""

    def __init__(self, renderer: Renderer, recorder: Recorder, *, parallel: bool) -> None:
        self._renderer, self._recorder = renderer, recorder
        self._parallel = parallel and worker_count() > 1 and can_fork()
        self._pool: Pool | None = None
        self._pending: AsyncResult[tuple[dict[str, bytes], bytes]] | None = None

    def __enter__(self) -> ExtrasJob:
        global _extras_worker  # noqa: PLW0603 - handed to the forked process by inheritance
        if self._parallel:
            _extras_worker = (self._renderer, self._recorder)
            self._pool = multiprocessing.get_context("fork").Pool(1)
            self._pending = self._pool.apply_async(_extras_task, (None,))
            _extras_worker = None
        return self

    def result(self) -> tuple[dict[str, bytes], bytes]:
        if self._pending is None:
            global _extras_worker  # noqa: PLW0603
            _extras_worker = (self._renderer, self._recorder)
            try:
                return _extras_task(None)
            finally:
                _extras_worker = None
        return self._pending.get()

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate() if exc[0] is not None else self._pool.close()
            self._pool.join()
