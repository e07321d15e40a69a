"""What changed in each map, from the content's git history: claims added, reworded, removed.

The history is read at build time, with one ``git log`` and one ``git cat-file`` for the whole
site (``git``), and compared version by version (``changes``). It is another input, like the
content files: the site carries it as ``Site.history`` (map id -> its newest changes), so pages
read it through serve's recorded reads like any other part of the model.

There is no history, and no note about it, when the content is not in a git repository or
``site.yaml`` says ``history: off``; when git is missing or the clone is shallow or partial
there is none either, and ``note`` says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model import MapChange
from .changes import MAX_CHANGES, map_history
from .git import NO_BLOB, Blobs, FileChange, GitUnavailable, Repository
from .versions import Version, claims_of, read_versions

__all__ = ["MAX_CHANGES", "GitHistory", "History"]

History = Mapping[str, tuple[MapChange, ...]]
"""Map id -> its newest changes, newest first; maps with none are left out."""


class GitHistory:
    """Reads the maps' history, once per state of the repository's HEAD.

    A build calls it once. ``serve`` calls it before each rebuild: the repository is found
    once, and the history read again only when HEAD moved (a commit, checkout or pull), which
    a few small file reads tell; the maps' pages then render again through their recorded reads.
    """

    def __init__(self, *, parallel: bool = False) -> None:
        self.parallel = parallel
        """May parse versions in forked workers (a build; not serve, whose server threads must not be forked)."""
        self.note: str | None = None
        """Why there is no history although the content seems to want one (git missing, a shallow clone)."""
        self._repo: Repository | None = None
        self._root: Path | None = None
        self._head: tuple[object, ...] | None = None
        self._log: dict[str, list[FileChange]] = {}
        self._made: Mapping[str, tuple[MapChange, ...]] = {}
        """Each map's changes; read-only as the build cache restores it (its values load as read)."""
        self._asked: tuple[str, ...] | None = None
        self._answer: History | None = None
        """The last answer, given again while HEAD stays and the same maps are asked for: the
        same object, so that a caller comparing it with the last one reads none of its values."""
        self._versions: dict[str, Version | None] = {}
        self._blobs: Blobs | None = None

    def __call__(self, root: Path, map_ids: Iterable[str]) -> History:
        repo = self._repository(root)
        if repo is None:
            return {}
        head = repo.head()
        if head != self._head:
            self._head, self._made, self._versions, self._answer = head, {}, {}, None
            self._log = defaultdict(list)
            try:
                for change in repo.map_changes():
                    self._log[change.map_id].append(change)
            except GitUnavailable as exc:
                self.note = str(exc) or None
                self._log = {}
        asked = tuple(sorted(map_ids))
        if self._answer is not None and asked == self._asked:
            return self._answer
        todo = [m for m in asked if m in self._log and m not in self._made]
        # The versions the newest changes of every map compare, parsed together (on every core in
        # a build); a map whose changes leave its claims alone reads older ones as it goes.
        wanted = {b for m in todo for c in self._log[m][: MAX_CHANGES + 1] for b in (c.new, c.old) if b != NO_BLOB}
        self._versions.update(read_versions(repo.root, sorted(wanted - self._versions.keys()), parallel=self.parallel))
        made = self._made
        if todo:
            grown = dict(made)  # a copy: what the build cache restored is read-only
            for map_id in todo:
                grown[map_id] = map_history(self._log[map_id], lambda blob: self._claims(repo, blob))
            made = self._made = grown
        if self._blobs is not None:
            self._blobs.close()
            self._blobs = None
        self._asked, self._answer = asked, {m: made[m] for m in asked if made.get(m)}
        return self._answer

    def saved(self) -> tuple[object, ...]:
        """What a later build may start from (the build cache): the repository found, the HEAD it
        read, the log, each map's changes, the note and the last answer with the maps it was for.
        Parsed versions are left out: they are only needed again when HEAD moves, and then
        everything is read again."""
        return (self._root, self._repo, self._head, dict(self._log), self._made, self.note, self._asked, self._answer)

    def restore(self, saved: tuple[object, ...]) -> None:
        """Start from what ``saved`` gave; the next call reads git again only if HEAD moved since."""
        (self._root, self._repo, self._head, self._log, self._made, self.note, self._asked, self._answer) = saved  # type: ignore[assignment]

    def _repository(self, root: Path) -> Repository | None:
        if root != self._root:
            self._root, self._repo, self._head, self.note, self._answer = root, None, None, None, None
            try:
                self._repo = Repository.find(root)
            except GitUnavailable as exc:
                self.note = str(exc) or None
        return self._repo

    def _claims(self, repo: Repository, blob: str) -> Version | None:
        """A version's claims, parsed once however many changes it is the before or after of."""
        if blob not in self._versions:
            if self._blobs is None:
                self._blobs = repo.blobs()
            data = self._blobs.get(blob)
            self._versions[blob] = claims_of(data) if data is not None else None
        return self._versions[blob]
