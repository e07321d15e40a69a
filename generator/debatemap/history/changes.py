"""Turn a map file's versions into what a reader wants to know: which claims came, changed or went.

Only the claims each version defines (an ``id`` with a ``claim``, from ``versions``) are
compared, by id: a claim whose text differs was reworded, an
id that appears was added, one that disappears was removed. Layout, comments, sources and
details do not count as changes to the debate.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from ..model import ClaimEdit, MapChange
from .git import NO_BLOB, FileChange
from .versions import Claims

MAX_CHANGES = 10
"""Changes kept per map: the map page shows the newest few, its feed all of these. Each costs a
version of the map to parse, so this bounds the history's share of a build."""
MAX_VERSIONS = 200
"""Commits looked at per map, at most: enough to find its last changes, bounded however long the history."""


def map_history(changes: Iterable[FileChange], read: Callable[[str], Claims | None]) -> tuple[MapChange, ...]:
    """The newest changes to one map's claims (``changes`` newest first), up to ``MAX_CHANGES``.

    A version that cannot be read (a commit that broke the YAML) is stepped over: the commit
    that mended it is compared with the last version before it that can be read. The history
    stops at the commit that last created the file: what came before belongs to an earlier map
    of the same name.
    """
    found: list[MapChange] = []
    waiting: tuple[FileChange, Claims] | None = None
    """A change whose result is known, looking for the last readable version before it."""
    for looked, change in enumerate(changes):
        if looked >= MAX_VERSIONS or len(found) >= MAX_CHANGES or change.new == NO_BLOB:
            break
        if waiting is None:
            after = read(change.new)
            if after is None:
                continue
            waiting = (change, after)
        created = change.old == NO_BLOB
        before: Claims | None = {} if created else read(change.old)
        if before is None:
            continue
        entry = _compare(waiting[0], before, waiting[1], created=created)
        waiting = None
        if entry is not None:
            found.append(entry)
        if created:
            break
    return tuple(found)


def _compare(change: FileChange, before: Claims, after: Claims, *, created: bool) -> MapChange | None:
    added = tuple(ClaimEdit(i, text) for i, text in after.items() if i not in before)
    reworded = tuple(ClaimEdit(i, text, before[i]) for i, text in after.items() if i in before and before[i] != text)
    removed = tuple(ClaimEdit(i, text) for i, text in before.items() if i not in after)
    if not (created or added or reworded or removed):
        return None
    when = datetime.datetime.fromtimestamp(change.timestamp, tz=datetime.timezone.utc)
    return MapChange(change.commit, when.strftime("%Y-%m-%dT%H:%M:%SZ"), created, added, reworded, removed)
