"""A warm build's stale pages, rendered on two cores when there are enough of them.

One claim edited at 10,000 claims makes about 60 pages stale: its own, its replies' (their
trails show it), its map's, the sources it cites, and the pages of each of its tags' listings
that show it, each as heavy as a map page. In one process they took 0.27-0.44 s of a 1.2 s
build. Here a forked child (``forked.ForkedCall``) renders about half of them, by the size each
page had last time (a page's size follows the work of rendering it), while this process renders
the rest and then updates the search index. The child takes the heaviest pages (a map's, the
tag listings'), which cost it more per byte than claim pages cost this process; measured at
10,000 claims, that about offsets the search index, and both sides finish within 20 ms of each
other. The child sends back each page's files and the hashes of what it read, never the keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..forked import ForkedCall
from ..render.renderer import Renderer
from ..render.routes import Route
from .reads import ReadLog
from .tracking import Recorder
from .units import render_page_hashed

Rendered = dict[str, tuple[dict[str, bytes], bytes]]
"""Output path of a page -> (the files its rendering made, the hashes of what it read: ``ReadLog.taken``)."""

FORK_FROM_BYTES = 600_000
"""Below this many bytes of stale pages (about 60 ms of rendering) a child costs more than it saves."""
UNKNOWN_BYTES = 20_000
"""The weight of a page that did not exist last time."""


def render_stale(
    renderer: Renderer, recorder: Recorder, routes: Sequence[Route], sizes: Mapping[str, int], log: ReadLog, *, parallel: bool
) -> tuple[Rendered, Callable[[], Rendered]]:
    """Render ``routes``: (what this process rendered, a function waiting for the rest). ``sizes``:
    each page's bytes last time; ``log``: whose memo hashes the reads."""
    weights = {route.output_path: sizes.get(route.output_path, UNKNOWN_BYTES) for route in routes}
    total = sum(weights.values())
    if not parallel or total < FORK_FROM_BYTES:
        return _render(renderer, recorder, routes, log), dict
    here, there = _split(routes, weights)
    child = ForkedCall(lambda: _render(renderer, recorder, there, log))
    try:
        done = _render(renderer, recorder, here, log)
    except BaseException:
        child.close()
        raise
    return done, child.result


def _split(routes: Sequence[Route], weights: Mapping[str, int]) -> tuple[list[Route], list[Route]]:
    """(this process's routes, the child's): the heaviest first, each to the side with less so far."""
    here: list[Route] = []
    there: list[Route] = []
    load_here = load_there = 0
    for route in sorted(routes, key=lambda r: (-weights[r.output_path], r.output_path)):
        if load_there <= load_here:
            there.append(route)
            load_there += weights[route.output_path]
        else:
            here.append(route)
            load_here += weights[route.output_path]
    return here, there


def _render(renderer: Renderer, recorder: Recorder, routes: Sequence[Route], log: ReadLog) -> Rendered:
    done: Rendered = {}
    for route in routes:
        done[route.output_path] = render_page_hashed(renderer, recorder, route, log)
    return done
