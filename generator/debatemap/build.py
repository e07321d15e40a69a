"""The story of a build: check the content, render every page in memory, swap the site in."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .diagnostics import ContentError
from .graph import build_graph
from .history import GitHistory
from .pipeline import CheckedSite, load_site
from .render.parallel import RenderPool
from .render.renderer import Renderer
from .render.theme import find_theme
from .staging import WriteError, staged_site
from .write import check_output_dir


@dataclass(frozen=True, slots=True)
class BuildResult:
    checked: CheckedSite
    pages: int
    files: int
    bytes: int
    seconds: float
    out: Path
    note: str | None = None
    """Something the curator should know that is no problem in the content (why maps show no changes)."""
    rendered: int | None = None
    """Pages rendered, when the build cache rendered only some (None: every page was rendered)."""


def build(
    content_root: Path,
    out: Path,
    *,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    waiting: Callable[[str], None] | None = None,
    cache_dir: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the site; raise ContentError (with every diagnostic) and leave ``out`` untouched on errors.

    ``waiting`` is told when another build holds the output folder and this one waits for it.
    A file system that refuses a write (full, read-only) raises WriteError, ``out`` unchanged.
    With ``cache_dir`` the build starts from what the last one saved there and renders only what
    changed (``incremental.cached``); ``warn`` is told when a cache there cannot be trusted.
    """
    if cache_dir is not None:
        from .incremental.cached import cached_build  # noqa: PLC0415 - it imports this module

        return cached_build(content_root, out, cache_dir, strict=strict, progress=progress, waiting=waiting, warn=warn)
    started = time.perf_counter()
    check_output_dir(out, content_root)
    history = GitHistory(parallel=True)
    checked = load_site(content_root, strict=strict, graph=partial(build_graph, history=history))
    if not checked.ok:
        raise ContentError(list(checked.diagnostics))
    theme = checked.theme or find_theme(checked.site.config, content_root)
    renderer = Renderer(checked.site, theme)
    routes = renderer.routes()
    # The pool sits inside the staging block: on an error its workers stop before staging is deleted.
    try:
        with staged_site(out, waiting) as staging, RenderPool(renderer, len(routes), kinds={r.kind for r in routes}) as pool:
            extra = pool.write_extra_files(staging)  # first: one worker makes them while the others render pages
            files, size = pool.write_pages(routes, staging, progress)
            extra_files, extra_size = extra()
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise WriteError(f"cannot write the site into {out}: {exc.strerror or exc}{where}; {out} is unchanged") from None
    pages = sum(1 for route in routes if route.output_path.endswith(".html"))
    seconds = time.perf_counter() - started
    return BuildResult(checked, pages, files + extra_files, size + extra_size, seconds, out, history.note)
