"""Render pages on every core: a pool of forked workers, each rendering an interleaved slice.

Rendering is pure (the same route always gives the same bytes), so which process renders a page
cannot change its bytes, and each page is its own file, so a parallel build is byte-identical to
a serial one. Forked workers share the loaded site and compiled templates copy-on-write and write
the pages they render themselves, so nothing large is pickled either way.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from multiprocessing.pool import Pool
from pathlib import Path
from types import TracebackType

from ..cores import can_fork, forked_pool, worker_count
from ..graph import Site
from ..write import write_files
from .renderer import Renderer
from .routes import Route

PARALLEL_THRESHOLD = 400
"""Below this many pages a pool costs more than it saves."""

_worker_renderer: Renderer | None = None


def write_pages(renderer: Renderer, routes: Sequence[Route], root: str) -> tuple[int, int]:
    """Render ``routes`` and write each page under ``root``, a fresh staging folder; return (files, bytes)."""
    return write_files(root, (file for route in routes for file in renderer.render_files(route)), fresh=True)


def write_extra_files(renderer: Renderer, root: str) -> tuple[int, int]:
    """Make and write the renderer's extra files (assets, search index) under ``root``, a fresh staging folder."""
    return write_files(root, renderer.extra_files().items(), fresh=True)


def _worker_pages(task: tuple[str, Sequence[Route]]) -> tuple[int, int]:
    assert _worker_renderer is not None
    return write_pages(_worker_renderer, task[1], task[0])


def _worker_extra_files(root: str) -> tuple[int, int]:
    assert _worker_renderer is not None
    return write_extra_files(_worker_renderer, root)


HEAVY_KINDS = ("map", "home", "maps", "sources", "tags", "search", "sitemap", "feed")
"""Pages that cost many claim pages each (a map draws its whole tree): scheduled first, one per
task, so they spread over the workers instead of landing together at the end of one."""


def neighbours_together(routes: Sequence[Route], site: Site) -> list[Route]:
    """``routes`` with the claim pages in outline order (each map's, depth first), the rest as they were.

    Routes come sorted by URL, which scatters a claim's parent and children over the whole site.
    A claim page reads and draws its parent and children, so a slice of neighbours finds them in
    what its worker has just used: the boxes it wrapped, and memory it touched (claims load next
    to the claims of their file): less time for about as many instructions (docs/performance.md).
    The order changes no page's bytes.
    """
    rank: dict[str, int] = {}
    for claim_ids in site.map_claims.values():
        for claim_id in claim_ids:
            rank.setdefault(claim_id, len(rank))
    last = len(rank)
    claims = sorted((route for route in routes if route.kind == "claim"), key=lambda route: rank.get(route.key, last))
    return [route for route in routes if route.kind != "claim"] + claims


def page_slices(routes: Sequence[Route], site: Site, workers: int) -> list[list[Route]]:
    """The pages as the workers take them: the expensive ones one per task and first (``HEAVY_KINDS``),
    the others in chunks of neighbours (``neighbours_together``). Small chunks balance the rest
    and let the progress display advance."""
    heavy = [route for route in routes if route.kind in HEAVY_KINDS]
    light = neighbours_together([route for route in routes if route.kind not in HEAVY_KINDS], site)
    chunk = max(20, min(400, len(light) // (workers * 16) or 1))
    return [[route] for route in heavy] + [light[i : i + chunk] for i in range(0, len(light), chunk)]


@contextmanager
def forked_renderers(renderer: Renderer, kinds: Iterable[str], workers: int) -> Iterator[Pool]:
    """A pool of ``workers`` processes forked with ``renderer`` (its templates of ``kinds``, and
    every other one, compiled first, so the workers share them); closed at the end of the block,
    or terminated on an error, and joined. Whatever the workers need besides, the caller puts
    where they inherit it before entering."""
    renderer.compile_templates(kinds)
    # The loaded site is read-only from here on: frozen, the workers' cycle collections skip it
    # instead of walking (and so copying) every inherited object.
    gc.freeze()
    pool = forked_pool(workers)
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        gc.unfreeze()


class RenderPool:
    """Render and write pages on every core; use as a context manager inside ``staged_site``,
    whose fresh folder is the only one it writes into.

    Each worker writes the pages it renders straight into the staging folder, so page bytes never
    travel between processes. The worker processes are forked on entry; the pool is closed (or
    terminated on error) on exit, before the staging folder is swapped in or deleted.
    """

    def __init__(self, renderer: Renderer, pages: int, workers: int | None = None, kinds: Iterable[str] = ()) -> None:
        """``kinds``: the page kinds the pool will render, whose templates are compiled before forking."""
        self.renderer = renderer
        self.kinds = kinds
        count = worker_count() if workers is None else workers
        self.workers = count if count > 1 and pages >= PARALLEL_THRESHOLD and can_fork() else 1
        self._pool: Pool | None = None
        self._workers = ExitStack()

    def __enter__(self) -> RenderPool:
        if self.workers > 1:
            global _worker_renderer  # noqa: PLW0603 - handed to forked workers by inheritance, never pickled
            _worker_renderer = self.renderer
            self._pool = self._workers.enter_context(forked_renderers(self.renderer, self.kinds, self.workers))
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        global _worker_renderer  # noqa: PLW0603
        try:
            self._workers.__exit__(kind, error, trace)
        finally:
            self._pool = None
            _worker_renderer = None

    def write_extra_files(self, root: Path) -> Callable[[], tuple[int, int]]:
        """Start writing the renderer's extra files; the returned function waits for (files, bytes).

        With a pool they are made on one worker while the others render pages: call this before
        ``write_pages``.
        """
        if self._pool is None:
            counts = write_extra_files(self.renderer, str(root))
            return lambda: counts
        return self._pool.apply_async(_worker_extra_files, (str(root),)).get

    def write_pages(
        self, routes: Sequence[Route], root: Path, progress: Callable[[int, int], None] | None = None
    ) -> tuple[int, int]:
        """Render ``routes`` and write them under ``root``; return (files, bytes)."""
        slices = page_slices(routes, self.renderer.site, self.workers)
        tasks = [(str(root), part) for part in slices]
        if self._pool is None:
            done_each: Iterable[tuple[int, int]] = (write_pages(self.renderer, part, where) for where, part in tasks)
        else:
            done_each = self._pool.imap_unordered(_worker_pages, tasks)
        files = size = 0
        for done, written in done_each:
            files, size = files + done, size + written
            if progress is not None:
                progress(files, len(routes))
        return files, size
