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
from multiprocessing.pool import Pool

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
        # Small chunks balance cheap and expensive pages and let the progress display advance.
        chunk = max(20, min(400, total // (self.workers * 16) or 1))
        slices = [routes[i : i + chunk] for i in range(0, total, chunk)]
        done = 0
        for part in self._pool.imap(_render_slice, slices):
            yield from part
            done += len(part)
            if progress is not None:
                progress(done, total)
