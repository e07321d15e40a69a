"""The units of work a build records reads for (a page with its files, the extra files), the
index from each read to its readers, and what makes the theme itself change."""

from __future__ import annotations

import os
from collections import defaultdict

from ..render.renderer import Renderer
from ..render.routes import Route
from ..render.theme import Theme
from .reads import ReadLog
from .tracking import Key, Recorder


def render_page(renderer: Renderer, recorder: Recorder, route: Route) -> tuple[dict[str, bytes], frozenset[Key]]:
    """A page (with the files made with it, a map's download) and what they read, each key shared
    with equal ones already held (serve keeps every page's reads)."""
    files = _render_page(renderer, recorder, route)
    return files, recorder.take()


def render_page_hashed(renderer: Renderer, recorder: Recorder, route: Route, log: ReadLog) -> tuple[dict[str, bytes], bytes]:
    """``render_page`` with its reads as ``log`` keeps them (``ReadLog.taken``), for the build cache."""
    files = _render_page(renderer, recorder, route)
    return files, log.taken(recorder)


def render_page_numbered(renderer: Renderer, recorder: Recorder, route: Route) -> tuple[dict[str, bytes], set[Key]]:
    """``render_page`` for a worker that numbers the keys read and keeps none (serve's first build)."""
    files = _render_page(renderer, recorder, route)
    return files, recorder.take_unshared()


def _render_page(renderer: Renderer, recorder: Recorder, route: Route) -> dict[str, bytes]:
    """Each page starts from fresh contexts: a lookup that an earlier page computed and cached
    (map memberships, say) would otherwise be read by the first page only."""
    renderer.fresh_contexts()
    recorder.clear()  # the contexts' set-up, the same for every page, is the INIT unit's
    return dict(renderer.render_files(route))


def make_extras(renderer: Renderer, recorder: Recorder) -> tuple[dict[str, bytes], frozenset[Key]]:
    """The extra files but the search index (``search_units`` makes it, document by document), and what they read."""
    files = _make_extras(renderer, recorder)
    return files, recorder.take()


def make_extras_hashed(renderer: Renderer, recorder: Recorder, log: ReadLog) -> tuple[dict[str, bytes], bytes]:
    """``make_extras`` with the reads as ``log`` keeps them, for the build cache."""
    files = _make_extras(renderer, recorder)
    return files, log.taken(recorder)


def _make_extras(renderer: Renderer, recorder: Recorder) -> dict[str, bytes]:
    renderer.fresh_contexts()
    recorder.clear()
    return renderer.extra_files(search=False)


def readers_index(deps: dict[str, frozenset[Key]]) -> dict[Key, list[str]]:
    """Who reads what, inverted: a save changes a few dozen keys, and looking each up beats
    testing every page's reads against them (16 ms at 10,000 claims)."""
    readers: defaultdict[Key, list[str]] = defaultdict(list)
    for name, reads in deps.items():
        for key in reads:
            readers[key].append(name)
    return dict(readers)


def theme_signature(theme: Theme) -> tuple[object, ...]:
    """What the theme is made of: any template or static file added, removed or saved changes it."""
    stats: list[tuple[str, int, int]] = []
    for path in theme.files:
        try:
            stat = path.stat()
        except OSError:
            stats.append((str(path), -1, -1))
        else:
            stats.append((str(path), stat.st_size, stat.st_mtime_ns))
    return (theme.name, theme.template_dirs, theme.static_dir, tuple(stats))


def touches_theme(changed_files: list[str], theme: Theme) -> bool:
    """Whether the watcher saw a theme file change (caught even when its size and time look the same)."""
    folders = [os.path.realpath(d) for d in (*theme.template_dirs, *([theme.static_dir] if theme.static_dir else []))]
    for name in changed_files:
        real = os.path.realpath(name)
        if any(real == folder or real.startswith(folder + os.sep) for folder in folders):
            return True
    return False
