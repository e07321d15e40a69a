"""Render pages on every core: a pool of forked workers, each rendering an interleaved slice.

Rendering is pure (the same route always gives the same bytes), so which process renders a page
cannot change its bytes; results are gathered by route and written in sorted order, making a
parallel build byte-identical to a serial one. Forked workers share the loaded site and compiled
templates copy-on-write, so nothing large is pickled on the way in.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool

from .renderer import Renderer
from .routes import Route

PARALLEL_THRESHOLD = 400
"""Below this many pages a pool costs more than it saves."""

_worker_renderer: Renderer | None = None


def worker_count() -> int:
    """Cores this process may use (respecting CPU affinity and DEBATEMAP_WORKERS)."""
    configured = os.environ.get("DEBATEMAP_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    # fork is only safe and available on Linux; elsewhere render serially.
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _render_slice(routes: Sequence[Route]) -> list[tuple[str, bytes]]:
    assert _worker_renderer is not None
    return [(route.output_path, _worker_renderer.render(route)) for route in routes]


def _extra_files() -> dict[str, bytes]:
    assert _worker_renderer is not None
    return _worker_renderer.extra_files()


def _awaited(result: AsyncResult[dict[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    yield from result.get().items()


HEAVY_KINDS = ("map", "home", "maps", "sources", "tags", "search", "sitemap", "feed")
"""Pages that cost many claim pages each (a map draws its whole tree): scheduled first, one per
task, so they spread over the workers instead of landing together at the end of one."""


class RenderPool:
    """Render routes on every core; use as a context manager around the write.

    The worker processes are forked on entry, before the writer starts its threads: forking a
    process that already runs threads can deadlock (and Python 3.12+ warns about it).
    """

    def __init__(self, renderer: Renderer, pages: int, workers: int | None = None) -> None:
        self.renderer = renderer
        count = worker_count() if workers is None else workers
        self.workers = count if count > 1 and pages >= PARALLEL_THRESHOLD and _can_fork() else 1
        self._pool: Pool | None = None

    def __enter__(self) -> RenderPool:
        if self.workers > 1:
            global _worker_renderer  # noqa: PLW0603 - handed to forked workers by inheritance, never pickled
            _worker_renderer = self.renderer
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        global _worker_renderer  # noqa: PLW0603
        if self._pool is not None:
            self._pool.terminate() if exc[0] is not None else self._pool.close()
            self._pool.join()
            self._pool = None
        _worker_renderer = None

    def extra_files(self) -> Iterator[tuple[str, bytes]]:
        """The renderer's extra files (search index, downloads, assets).

        With a pool they are made on a worker while the others render pages: call this before
        ``stream``; the task is submitted now and its result awaited only when iterated.
        """
        if self._pool is None:
            return iter(self.renderer.extra_files().items())
        return _awaited(self._pool.apply_async(_extra_files))

    def stream(self, routes: Sequence[Route], progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[str, bytes]]:
        """Yield (output path, bytes) for ``routes`` in order.

        A stream rather than a dict: the writer puts pages on disk while later ones still
        render, and a 100,000-claim site never sits in memory whole.
        """
        total = len(routes)
        if self._pool is None:
            for done, route in enumerate(routes, 1):
                yield route.output_path, self.renderer.render(route)
                if progress is not None and (done % 200 == 0 or done == total):
                    progress(done, total)
            return
        heavy = [route for route in routes if route.kind in HEAVY_KINDS]
        light = [route for route in routes if route.kind not in HEAVY_KINDS]
        # Small chunks balance the rest and let the progress display advance.
        chunk = max(20, min(400, len(light) // (self.workers * 16) or 1))
        slices = [[route] for route in heavy] + [light[i : i + chunk] for i in range(0, len(light), chunk)]
        done = 0
        for part in self._pool.imap(_render_slice, slices):
            yield from part
            done += len(part)
            if progress is not None:
                progress(done, total)
