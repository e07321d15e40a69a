"""Ids must be unique: claims across all maps, maps and sources each in their own namespace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .. import rules
from ..content import Content
from ..diagnostics import Diagnostic, Position
from ..graph import Site


def duplicate_ids(content: Content, site: Site) -> Iterable[Diagnostic]:
    yield from _duplicates("claim", [(c.id, c.pos) for c in content.claims])
    # Map and source ids are file names; they can only clash by case (Open.yaml vs open.yaml).
    yield from _duplicates("map", [(m.id, m.pos) for m in content.maps])
    yield from _duplicates("source", [(s.id, s.pos) for s in content.sources])


def _duplicates(kind: str, items: Sequence[tuple[str, Position]]) -> Iterable[Diagnostic]:
    if len({item_id.casefold() for item_id, _ in items}) == len(items):
        return  # no clash: the usual case, found without sorting every definition by position
    first: dict[str, Position] = {}
    for item_id, pos in sorted(items, key=lambda item: item[1]):
        key = item_id.casefold()
        if key in first:
            where = first[key]
            yield rules.DUPLICATE_ID.at(
                pos,
                f"the {kind} id '{item_id}' is already defined at {where}",
                hint="give one of them a new id, or reuse the first with `ref:`" if kind == "claim" else "rename one file",
                related=(where,),
            )
        else:
            first[key] = pos
