"""Turn a map file's versions into what a reader wants to know: which claims came, changed or went.

Only the claims each version defines (an ``id`` with a ``claim``, from ``versions``) are
compared, by id: a claim whose text differs was reworded, an
id that appears was added, one that disappears was removed. Layout, comments, sources and
details do not count as changes to the debate. Each changed claim carries where it stood in the
version the change made (the version before, for a removed claim): what it answered there and its
side of the thesis, as search and tag pages show it for the claims of today: the map page's list
and the feed show claims out of their tree, where a CON badge alone would not say whom it helps.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from ..model import Answered, ClaimEdit, MapChange
from ..parity import Masks, side_masks, side_name
from .git import NO_BLOB, FileChange
from .versions import Version

MAX_CHANGES = 10
"""Changes kept per map: the map page shows the newest few, its feed all of these. Each costs a
version of the map to parse, so this bounds the history's share of a build."""
NO_VERSION = Version("", {}, {})
"""What came before a map file was created."""
MAX_VERSIONS = 200
"""Commits looked at per map, at most: enough to find its last changes, bounded however long the history."""


def map_history(changes: Iterable[FileChange], read: Callable[[str], Version | None]) -> tuple[MapChange, ...]:
    """The newest changes to one map's claims (``changes`` newest first), up to ``MAX_CHANGES``.

    A version that cannot be read (a commit that broke the YAML) is stepped over: the commit
    that mended it is compared with the last version before it that can be read. The history
    stops at the commit that last created the file: what came before belongs to an earlier map
    of the same name.
    """
    found: list[MapChange] = []
    waiting: tuple[FileChange, Version] | None = None
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
        before: Version | None = NO_VERSION if created else read(change.old)
        if before is None:
            continue
        entry = _compare(waiting[0], before, waiting[1], created=created)
        waiting = None
        if entry is not None:
            found.append(entry)
        if created:
            break
    return tuple(found)


def _compare(change: FileChange, before: Version, after: Version, *, created: bool) -> MapChange | None:
    old, new = before.texts, after.texts
    added = [i for i in new if i not in old]
    reworded = [i for i, text in new.items() if i in old and old[i] != text]
    removed = [i for i in old if i not in new]
    if not (created or added or reworded or removed):
        return None
    now, then = _Places(after), _Places(before)
    when = datetime.datetime.fromtimestamp(change.timestamp, tz=datetime.timezone.utc)
    return MapChange(
        change.commit,
        when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        created,
        tuple(now.edit(i) for i in added),
        tuple(now.edit(i, old[i]) for i in reworded),
        tuple(then.edit(i) for i in removed),
    )


class _Places:
    """Where the claims of one version stand: what each answers there, and its side of the thesis."""

    def __init__(self, version: Version) -> None:
        self.version = version
        self.masks: Masks = {}

    def edit(self, claim_id: str, before: str | None = None) -> ClaimEdit:
        version = self.version
        texts = version.texts
        answers = tuple(
            Answered(link.stance, link.parent_id, texts[link.parent_id])
            for link in version.parents.get(claim_id, ())
            if link.parent_id in texts
        )
        if claim_id == version.thesis:
            side = "thesis"
        else:
            mask = side_masks(claim_id, version.parents, (version.thesis,), self.masks).get(version.thesis, 0)
            side = side_name(mask) if mask else ""
        return ClaimEdit(claim_id, texts[claim_id], before, answers, side)
