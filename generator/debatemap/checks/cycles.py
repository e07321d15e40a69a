"""The argument graph must be a DAG: a claim cannot end up supporting or opposing itself."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rules
from ..content import Content
from ..diagnostics import Diagnostic
from ..graph import Site

_WHITE, _GREY, _BLACK = 0, 1, 2


def cycles(content: Content, site: Site) -> Iterable[Diagnostic]:
    """Iterative depth-first search (no recursion limit at 100,000 claims); one error per cycle."""
    colour: dict[str, int] = dict.fromkeys(site.claims, _WHITE)
    for start in site.claims:
        if colour[start] != _WHITE:
            continue
        path: list[str] = [start]
        iterators = [iter(site.claims[start].children)]
        colour[start] = _GREY
        while iterators:
            link = next(iterators[-1], None)
            if link is None:
                colour[path.pop()] = _BLACK
                iterators.pop()
                continue
            target = link.claim_id
            state = colour.get(target)
            if state is None or state == _BLACK:
                continue
            if state == _GREY:
                loop = [*path[path.index(target) :], target]
                yield rules.CYCLE.at(
                    link.pos,
                    "the argument loops back on itself: " + " -> ".join(loop),
                    hint=f"remove the `ref: {target}` or restructure so no claim is its own ancestor",
                )
                continue
            colour[target] = _GREY
            path.append(target)
            iterators.append(iter(site.claims[target].children))
