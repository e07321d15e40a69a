"""Output folders the build cache can vouch for, and bringing one up to date by its differences.

A warm build does not write the whole site again, nor copy it: it keeps the site it replaced
(the *spare*, beside the output folder) and turns it into the new one by writing only the files
that differ, then swaps it in. That is only right if the spare holds exactly what the cache
recorded, so each folder is recorded as a ``Tree``: every file's digest and status (inode, size,
modification time) and every subfolder's status (a file added or removed by hand changes its
folder's time). Any difference, a folder deleted or edited by hand, means the cache cannot vouch
for it and the build renders everything. Files are never written in place: a new file is
created and renamed over the old, so a file shared with the live site by a hard link (a spare
made by linking) is never changed under it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..staging import KEEP, MARKER
from ..write import safe_relative, write_file

Status = tuple[int, int, int]
"""(inode, size, modification time in ns) of a file."""


@dataclass(slots=True)
class Tree:
    """An output folder as a build left it."""

    root: tuple[int, int]
    """The folder's (device, inode): a folder deleted and made again is another folder."""
    digests: dict[str, bytes]
    """Output path -> digest of its bytes (``output.digest``)."""
    files: dict[str, Status]
    folders: dict[str, tuple[int, int]]
    """Subfolder (relative, POSIX) -> (inode, modification time in ns); the root itself is listed instead."""
    marker: Status | None = None
    """The marker file's status once the folder is swapped in (the live site)."""


class NotVouched(Exception):
    """A file the update needs from the live site is not what the cache recorded."""


def _status(path: str) -> Status:
    info = os.lstat(path)
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _folder_status(path: str) -> tuple[int, int]:
    info = os.lstat(path)
    return (info.st_ino, info.st_mtime_ns)


def _parents(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def record(root: Path, digests: dict[str, bytes]) -> Tree:
    """The tree a full build just wrote under ``root`` (the files in ``digests``)."""
    base = os.fspath(root) + os.sep
    files = {name: _status(base + name) for name in digests}
    folders: dict[str, tuple[int, int]] = {}
    for name in digests:
        for folder in _parents(name):
            if folder not in folders:
                folders[folder] = _folder_status(base + folder)
    info = os.lstat(root)
    return Tree((info.st_dev, info.st_ino), dict(digests), files, folders)


def mark_live(tree: Tree, out: Path) -> None:
    """Note the marker that ``swap_in`` wrote: a live site is vouched for by its folder and marker."""
    tree.marker = _status(os.fspath(out / MARKER))


def is_live(tree: Tree, out: Path) -> bool:
    """Whether ``out`` is still the folder the cache recorded (not deleted, replaced or rebuilt by another build)."""
    try:
        info = os.lstat(out)
        return (info.st_dev, info.st_ino) == tree.root and _status(os.fspath(out / MARKER)) == tree.marker
    except OSError:
        return False


def holds(tree: Tree, root: Path, allowed: frozenset[str] = frozenset((MARKER, *KEEP))) -> bool:
    """Whether the folder at ``root`` holds exactly the recorded files, unchanged, and nothing else."""
    base = os.fspath(root) + os.sep
    try:
        info = os.lstat(root)
        if (info.st_dev, info.st_ino) != tree.root:
            return False
        top = {name.split("/", 1)[0] for name in tree.digests}
        if any(name not in top and name not in allowed for name in os.listdir(root)):
            return False
        for folder, status in tree.folders.items():
            if _folder_status(base + folder) != status:
                return False
        for name, file_status in tree.files.items():
            if _status(base + name) != file_status:
                return False
    except OSError:
        return False
    return True


def clone(live: Tree, out: Path, staging: Path) -> Tree:
    """Fill the empty ``staging`` with hard links to the live site's recorded files (no bytes copied)."""
    source, target = os.fspath(out) + os.sep, os.fspath(staging) + os.sep
    made: set[str] = set()
    for name in live.digests:
        for folder in _parents(name):
            if folder not in made:
                os.mkdir(target + folder, 0o755)
                made.add(folder)
        if _status(source + name) != live.files[name]:
            raise NotVouched(name)
        os.link(source + name, target + name)
    info = os.lstat(staging)
    folders = {folder: _folder_status(target + folder) for folder in made}
    return Tree((info.st_dev, info.st_ino), dict(live.digests), dict(live.files), folders)


def update(base: Tree, staging: Path, digests: dict[str, bytes], *, made: dict[str, bytes], live: Tree, out: Path) -> Tree:
    """Turn ``staging`` (holding ``base``) into the site of ``digests``: each file that differs is
    written from ``made`` (this build's pages) or else linked from the live site, which holds it
    unchanged since the last build; files that went are deleted, and the folders they leave empty.
    """
    target = os.fspath(staging) + os.sep
    source = os.fspath(out) + os.sep
    files, folders = dict(base.files), dict(base.folders)
    touched: set[str] = set()
    for name, digest in digests.items():
        if base.digests.get(name) == digest:
            continue
        path = target + os.fspath(safe_relative(name))
        temp = f"{name.rsplit('/', 1)[0]}/.tmp-{os.getpid()}" if "/" in name else f".tmp-{os.getpid()}"
        if name in made:
            write_file(staging, temp, made[name])
        else:
            if live.digests.get(name) != digest or _status(source + name) != live.files.get(name):
                raise NotVouched(name)
            os.makedirs(os.path.dirname(path), 0o755, exist_ok=True)
            os.link(source + name, target + temp)
        os.replace(target + temp, path)
        files[name] = _status(path)
        touched.add(name)
    gone = sorted(base.digests.keys() - digests.keys(), reverse=True)
    for name in gone:
        os.unlink(target + name)
        files.pop(name, None)
        touched.add(name)
    for name in gone:
        for folder in reversed(_parents(name)):
            try:
                os.rmdir(target + folder)
            except OSError:
                break
            folders.pop(folder, None)
    for name in touched:
        for folder in _parents(name):
            if os.path.isdir(target + folder):
                folders[folder] = _folder_status(target + folder)
    info = os.lstat(staging)
    return Tree((info.st_dev, info.st_ino), dict(digests), files, folders)
