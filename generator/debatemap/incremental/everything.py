"""Render every page while recording what each reads, on every core: the full builds of the
build cache and of ``serve``.

Like ``render.parallel``, forked workers inherit the loaded site and the compiled templates and
write the pages they render straight into the staging folder; each also records what its pages
read (through its own copy of the recorder) and sends back what the caller keeps of it (the
build cache: the hashes, ``reads``; serve: the keys), the digests of the files and which files
each page made, so no page travels between processes. In the build cache's full build the extra
files and the search index (``search_units``) are the first task, on a worker like the pages
(made here beside the workers, they made three busy processes on two cores). Without a pool (a
small site, one core) the same work runs here, page by page.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TypeVar

from ..cores import can_fork, forked_pool, worker_count
from ..graph import Site
from ..render.parallel import PARALLEL_THRESHOLD, forked_renderers, page_slices
from ..render.renderer import Renderer
from ..render.routes import Route
from ..write import write_files
from .output import digest
from .reads import UINT32, ReadLog
from .search_units import Indexed, index_everything
from .state import EXTRAS, Interrupted
from .tracking import Key, Recorder
from .units import make_extras_hashed, render_page_hashed, render_page_numbered

_T = TypeVar("_T")

_worker: tuple[Renderer, Recorder, bool] | None = None
"""What the forked workers render with: the renderer, its recorder, whether to send back the keys read."""


@dataclass(slots=True)
class Made:
    """What rendering some pages left: their reads, the digest of each file, the files each page made."""

    reads: dict[str, bytes] = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)
    made_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numbered: dict[str, bytes] = field(default_factory=dict)
    """Each page's reads as the numbers of its keys, as a worker sends them (``_KeyNumbers``)."""
    new_keys: list[Key] = field(default_factory=list)
    """The keys this worker numbered for the first time in this batch, in the order of their numbers."""
    worker: int = 0
    """The process id of the worker that rendered the batch: whose numbers these are."""

    def merge(self, other: Made) -> None:
        self.reads.update(other.reads)
        self.digests.update(other.digests)
        self.made_by.update(other.made_by)


class _KeyNumbers:
    """Keys numbered in the order a worker first read them, so that a batch of pages sends each key
    once for the whole pool's life and then 4 bytes a read. Sent as sets of key tuples, serve's
    first build pickled 120 MB of reads at 10,000 claims, most of it keys sent again batch after
    batch. A worker's batches reach the parent in the order the worker made them (one queue), so
    the parent learns the keys in the order they were numbered."""

    def __init__(self) -> None:
        self.numbers: dict[Key, int] = {}

    def encode(self, reads: set[Key] | frozenset[Key], new: list[Key]) -> bytes:
        numbers = self.numbers
        for key in reads.difference(numbers):
            numbers[key] = len(numbers)
            new.append(key)
        return array(UINT32, map(numbers.__getitem__, reads)).tobytes()


_numbers = _KeyNumbers()
"""This worker's numbering (each forked worker starts from an empty one)."""


def _render(renderer: Renderer, recorder: Recorder, routes: Iterable[Route], root: str, keep_keys: bool = False) -> Made:
    made = Made()
    log = ReadLog()  # the build cache's HashingRecorder needs no memo; a key recorder's hashes are memoised per batch
    made.worker = os.getpid()
    for route in routes:
        if keep_keys:
            files, reads = render_page_numbered(renderer, recorder, route)
            made.numbered[route.output_path] = _numbers.encode(reads, made.new_keys)
        else:
            files, made.reads[route.output_path] = render_page_hashed(renderer, recorder, route, log)
        write_files(root, files.items(), fresh=True)
        for name, data in files.items():
            made.digests[name] = digest(data)
        if tuple(files) != (route.output_path,):
            made.made_by[route.output_path] = tuple(sorted(files))
    return made


def _extras(renderer: Renderer, recorder: Recorder, root: str, total: Made) -> tuple[dict[str, bytes], bytes, Indexed]:
    """The extra files and the search index, written; (the extra files, their reads as a
    ``ReadLog`` keeps them, the index)."""
    extras, reads = make_extras_hashed(renderer, recorder, ReadLog())
    indexed = index_everything(renderer.site, recorder)
    written = {**extras, **indexed.files}
    write_files(root, written.items(), fresh=True)
    for name, data in written.items():
        total.digests[name] = digest(data)
    return extras, reads, indexed


def _task(task: tuple[str, Sequence[Route]]) -> Made:
    assert _worker is not None
    renderer, recorder, keep_keys = _worker
    return _render(renderer, recorder, task[1], task[0], keep_keys)


def _extras_task(root: str) -> tuple[Made, frozenset[str], bytes, Indexed]:
    """``_extras`` on a worker: what it wrote goes back as digests, not bytes."""
    assert _worker is not None
    made = Made()
    extras, reads, indexed = _extras(_worker[0], _worker[1], root, made)
    indexed.files = {}
    return made, frozenset(extras), reads, indexed


def pool_pays(routes: Sequence[Route]) -> bool:
    """Whether forked workers render ``routes`` sooner than this process alone."""
    return worker_count() > 1 and len(routes) >= PARALLEL_THRESHOLD and can_fork()


def _tasks(renderer: Renderer, routes: Sequence[Route], root: str) -> list[tuple[str, list[Route]]]:
    return [(root, part) for part in page_slices(routes, renderer.site, worker_count())]


@contextmanager
def _render_pool(renderer: Renderer, recorder: Recorder, routes: Sequence[Route], *, keep_keys: bool) -> Iterator[Pool]:
    """``forked_renderers`` whose workers also inherit the recorder (``_worker``)."""
    global _worker  # noqa: PLW0603 - handed to forked workers by inheritance, never pickled
    _worker = (renderer, recorder, keep_keys)
    try:
        with forked_renderers(renderer, {route.kind for route in routes}, worker_count()) as pool:
            yield pool
    finally:
        _worker = None


def render_everything(
    renderer: Renderer, recorder: Recorder, routes: list[Route], staging: Path, progress: Callable[[int, int], None] | None
) -> tuple[Made, frozenset[str], ReadLog, Indexed]:
    """Render and write every page, the extra files and the search index; (the pages' results,
    the names of the extra files, the reads of the extras and of each search document, the index)."""
    total = Made()
    root = str(staging)
    if not pool_pays(routes):
        for done, route in enumerate(routes, 1):
            total.merge(_render(renderer, recorder, [route], root))
            if progress is not None:
                progress(done, len(routes))
        extras, reads, indexed = _extras(renderer, recorder, root, total)
        return _finish(total, frozenset(extras), reads, indexed)
    with _render_pool(renderer, recorder, routes, keep_keys=False) as pool:
        # The extra files and the search index first, on a worker: this process would make
        # them beside the workers, three processes on as many cores as there are workers.
        extra_job = pool.apply_async(_extras_task, (root,))
        done = 0
        for part in pool.imap_unordered(_task, _tasks(renderer, routes, root)):
            total.merge(part)
            done += len(part.reads)
            if progress is not None:
                progress(done, len(routes))
        extra_made, extra_names, reads, indexed = extra_job.get()
        total.merge(extra_made)
    return _finish(total, extra_names, reads, indexed)


def render_pages_keeping_keys(
    renderer: Renderer, recorder: Recorder, routes: Sequence[Route], staging: Path, *, meanwhile: Callable[[], _T],
    stopping: Callable[[], bool],
) -> tuple[dict[str, bytes], dict[str, frozenset[Key]], _T]:  # fmt: skip
    """Render and write every page of ``routes`` into ``staging`` on forked workers (``pool_pays``
    first); (each file's digest, each page's reads as keys interned by ``recorder``, what
    ``meanwhile`` gave). ``meanwhile`` runs here while the workers render (serve's extra files and
    search index). ``stopping`` is asked as each batch of pages comes back: when it says so, the
    workers are stopped and ``Interrupted`` raised.

    Serve's first build rendered its 11,551 pages at 10,000 claims in this process alone (20 s).
    """
    digests: dict[str, bytes] = {}
    keys: dict[str, frozenset[Key]] = {}
    root = str(staging)
    known: dict[int, list[Key]] = {}
    """Each worker's keys by their numbers, each key the recorder's own where it holds an equal one
    (serve keeps every page's reads until it stops: keys alike from different workers are made one)."""
    with _render_pool(renderer, recorder, routes, keep_keys=True) as pool:
        parts = pool.imap_unordered(_task, _tasks(renderer, routes, root))
        done = meanwhile()
        for part in parts:
            if stopping():
                raise Interrupted
            numbered = known.setdefault(part.worker, [])
            numbered.extend(recorder.shared(part.new_keys))
            for name, blob in part.numbered.items():
                numbers = array(UINT32)
                numbers.frombytes(blob)
                keys[name] = frozenset(map(numbered.__getitem__, numbers))
            digests.update(part.digests)
    return digests, keys, done


def _finish(total: Made, extras: frozenset[str], reads: bytes, indexed: Indexed) -> tuple[Made, frozenset[str], ReadLog, Indexed]:
    log = ReadLog(dict(indexed.reads))
    log.units[EXTRAS] = reads
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
            self._pool = forked_pool(1)
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
