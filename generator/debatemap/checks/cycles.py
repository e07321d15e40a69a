"""The argument graph must be a DAG: a claim cannot end up supporting or opposing itself."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rules
from ..content import Content
from ..diagnostics import Diagnostic
from ..graph import Site
from ..model import ChildLink

_WHITE, _GREY, _BLACK = 0, 1, 2


def cycles(content: Content, site: Site) -> Iterable[Diagnostic]:
    """Iterative depth-first search (no recursion limit at 100,000 claims); one error per cycle."""
    colour: dict[str, int] = dict.fromkeys(site.claims, _WHITE)
    for start in site.claims:
        if colour[start] != _WHITE:
            continue
        path: list[str] = [start]
        via: list[ChildLink | None] = [None]
        """The link each claim on ``path`` was reached by."""
        iterators = [iter(site.claims[start].children)]
        colour[start] = _GREY
        while iterators:
            link = next(iterators[-1], None)
            if link is None:
                colour[path.pop()] = _BLACK
                via.pop()
                iterators.pop()
                continue
            target = link.claim_id
            state = colour.get(target)
            if state is None or state == _BLACK:
                continue
            if state == _GREY:
                first = path.index(target)
                yield _report(path[first:], [*via[first + 1 :], link])
                continue
            colour[target] = _GREY
            path.append(target)
            via.append(link)
            iterators.append(iter(site.claims[target].children))


def _report(loop: list[str], links: list[ChildLink | None]) -> Diagnostic:
    """One error for the loop ``loop[0] -> loop[1] -> ... -> loop[0]``, where ``links[k]`` leads to ``loop[k + 1]``.

    Claims written inline form a tree, so every loop has a ``ref:`` in it: the error points at
    one (the last, as the search found them), and the loop is printed so that it ends there.
    """
    size = len(loop)
    chosen = max((k for k, link in enumerate(links) if link is not None and link.is_ref), default=size - 1)
    ref = links[chosen]
    assert ref is not None
    start = (chosen + 1) % size
    names = [loop[(start + k) % size] for k in range(size)]
    names.append(names[0])
    return rules.CYCLE.at(
        ref.pos,
        "the argument loops back on itself: " + " -> ".join(names),
        hint=f"remove the `ref: {ref.claim_id}` under '{loop[chosen]}', so that no claim supports or opposes itself",
    )
