"""What changed between two versions of the site, named as the keys that rendering records.

A page must be rendered again exactly when one of the keys it read (``tracking``) is among
these: a key that appeared or went away, a field of a model object whose value differs, an
index entry that differs, or the order or size of a mapping that it walked or counted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from ..graph import Site
from .tracking import KEYS, LENGTH, Key

_MISSING: Any = object()


def changed_keys(old: Site, new: Site, touched: Mapping[str, Collection[str]] | None = None) -> set[Key] | None:
    """The keys whose value differs, or None when something every page reads changed (the settings).

    ``touched`` narrows the comparison to the keys that may differ, per mapping, when the caller
    knows them (the incremental graph does); without it every key is compared, identical
    objects first, which costs about a millisecond per 10,000 keys.
    """
    found: set[Key] = set()
    for field in dataclasses.fields(new):
        name = field.name
        before, after = getattr(old, name), getattr(new, name)
        if before is after:
            continue
        if not isinstance(after, Mapping) or not isinstance(before, Mapping):
            if before != after:
                return None
            continue
        if len(before) != len(after):
            found.add((name, LENGTH))
        if list(before) != list(after):
            found.add((name, KEYS))
        keys = touched.get(name, ()) if touched is not None else before.keys() | after.keys()
        for key in keys:
            _compare(name, key, before.get(key, _MISSING), after.get(key, _MISSING), found)
    return found


def _compare(name: str, key: str, before: Any, after: Any, found: set[Key]) -> None:
    if before is after:
        return
    if before is _MISSING or after is _MISSING:
        found.add((name, key))
    elif type(before) is type(after) and dataclasses.is_dataclass(before):
        for field in dataclasses.fields(before):
            if not _same(getattr(before, field.name), getattr(after, field.name)):
                found.add((name, key, field.name))
    elif before != after:
        found.add((name, key))


def _same(before: Any, after: Any) -> bool:
    """Equal for a page: the positions of values nested in a field (a citation's, a child link's) are left out.

    Positions exist for diagnostics. An object's own ``pos`` is still a field of its own, so a
    page that shows where a claim is written is followed; the nested ones change whenever a
    line is added above them, and comparing them would re-render every claim below an edit.
    """
    if before is after:
        return True
    if isinstance(before, tuple) and isinstance(after, tuple):
        return len(before) == len(after) and all(_same(x, y) for x, y in zip(before, after, strict=True))
    if type(before) is type(after) and dataclasses.is_dataclass(before) and not isinstance(before, type):
        return all(f.name == "pos" or _same(getattr(before, f.name), getattr(after, f.name)) for f in dataclasses.fields(before))
    return bool(before == after)
