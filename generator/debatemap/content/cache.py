"""Parsed files kept between rebuilds, so ``debatemap serve`` parses only what was saved."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic
from ..pickling import by_fields
from .folder import Content, content_files


@by_fields
@dataclass(frozen=True, slots=True)
class _Parsed:
    """What one file added to the content, and the problems found in it."""

    stat: tuple[int, int, int, int]
    part: Content
    diags: tuple[Diagnostic, ...]
    read_at: int
    """The clock (ns) when ``stat`` was taken."""

    def still_valid(self, stat: tuple[int, int, int, int]) -> bool:
        """Whether ``stat`` vouches for this parse: the same status, and a file not saved so near the
        read that a second save within the same tick of the file system's clock (a second on some
        file systems) could have kept every field of it (git's "racily clean" entries)."""
        return stat == self.stat and stat[2] < self.read_at - RACY_NS


RACY_NS = 2_000_000_000
"""How close to its read a file's modification time makes its status untrustworthy: FAT
stores times to 2 s, HFS+ and some network file systems to 1 s."""


class FileCache:
    """Each file's parsed result, reused while the file is unchanged (``debatemap serve``).

    Keyed by the file's inode, size, and modification and change times, so a rebuild parses
    only the files saved since the last one. ``forget`` drops the files a watcher saw change,
    which also catches two saves of the same size within one tick of the file system's clock;
    without a watcher's word, a file saved within ``RACY_NS`` of its read is parsed again.
    """

    def __init__(self, *, parallel: bool = False) -> None:
        self.parallel = parallel
        """Files to parse may be parsed on forked workers (``read_content``): a command's process,
        or serve before its threads start. A first read parses every file: 1,352 at 10,000 claims."""
        self._parsed: dict[str, _Parsed] = {}
        self._names: dict[str, str] = {}
        """Real path -> the name the file was read under."""
        self._listing: tuple[Path, list[tuple[str, Path, Path, bool]]] | None = None
        self._trusted = False

    def saved(self) -> tuple[dict[str, _Parsed], dict[str, str]]:
        """Each file's parse, for the build cache: a later process checks every file by its status."""
        return self._parsed, self._names

    def restore(self, saved: tuple[dict[str, _Parsed], dict[str, str]]) -> None:
        self._parsed, self._names = saved
        self._listing, self._trusted = None, False

    def forget(self, paths: Iterable[str]) -> None:
        for path in paths:
            name = self._names.pop(os.path.realpath(path), None)
            if name is not None:
                self._parsed.pop(name, None)

    def begin(self, changed: Iterable[str], *, complete: bool = False) -> None:
        """Start a read after ``changed`` files were saved.

        With ``complete`` the caller vouches that ``changed`` names every file added, saved or
        deleted since the last read (a file watcher's batch): the other files are then taken
        as they were, without a system call each, and the folders are listed again only when a
        file came or went. Otherwise every file is checked by its status, as on a first read.
        """
        changed = [os.path.realpath(path) for path in changed]
        came_or_went = any(path not in self._names or not Path(path).is_file() for path in changed)
        self.forget(changed)
        self._trusted = complete
        if not complete or came_or_went:
            self._listing = None

    def files(self, root: Path) -> list[tuple[str, Path, Path, bool]]:
        """``content_files(root)``, listed again unless ``begin`` vouched that no file came or went."""
        if self._trusted and self._listing is not None and self._listing[0] == root:
            return self._listing[1]
        listing = content_files(root)
        self._listing = (root, listing)
        # A file gone from the folder leaves the cache too: kept, its return would not count as a
        # file that came, and the listing without it would be trusted (a restored file unseen).
        present = {os.fspath(path) for _, _, path, _ in listing}
        for real, name in list(self._names.items()):
            if name not in present:
                del self._names[real]
                self._parsed.pop(name, None)
        return listing

    def look_up(self, path: Path) -> _Parsed | Looked:
        """The file's kept parse while still valid; else its status and the clock when it was
        taken, under which ``keep`` stores the new parse (the status is taken before the parse:
        a save during the read shows at the next one)."""
        name = os.fspath(path)
        if self._trusted and (kept := self._parsed.get(name)) is not None:
            return kept
        read_at = time.time_ns()
        try:
            info = path.stat()
        except OSError:
            return Looked(None, read_at)
        stat = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        parsed = self._parsed.get(name)
        if parsed is not None and parsed.still_valid(stat):
            return parsed
        return Looked(stat, read_at)

    def keep(self, path: Path, looked: Looked, part: Content, found: Iterable[Diagnostic]) -> _Parsed:
        """The new parse of the file ``look_up`` found stale or unknown, kept if its status was read."""
        name = os.fspath(path)
        parsed = _Parsed(looked.stat or (-1, -1, -1, -1), part, tuple(found), looked.read_at)
        if looked.stat is not None:
            self._parsed[name] = parsed
            self._names[os.path.realpath(name)] = name
        return parsed


@dataclass(frozen=True, slots=True)
class Looked:
    """A file to parse: its status (None when it could not be read) and the clock when it was taken."""

    stat: tuple[int, int, int, int] | None
    read_at: int
