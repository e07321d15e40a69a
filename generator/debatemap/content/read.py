"""Read a whole content folder: list its files, parse each (on every core for a large site, or
only the saved ones with serve's cache), and join the parts in file order."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from .. import rules
from ..cores import can_fork, forked_pool, worker_count
from ..diagnostics import Diagnostic, Position
from .cache import FileCache, Looked
from .files import parse_file
from .folder import UNREADABLE_FOLDER, Content, Places, add_part, content_files


def read_content(root: Path, diags: list[Diagnostic], cache: FileCache | None = None, *, site_optional: bool = False) -> Content:
    """Read every content file; with a ``cache``, files unchanged since the last call are not parsed again.
    ``site_optional``: a missing site.yaml is no problem (the MkDocs plugin's folders).

    Without a cache (a build or a check) a large site is parsed on every core: see ``_parse_all``.
    """
    content = Content(root)
    places = Places(root)
    todo: list[tuple[str, Path, str]] = []
    for kind, folder, path, link in cache.files(root) if cache is not None else content_files(root):
        shown, inside = places.place(folder, path, link)
        if kind == UNREADABLE_FOLDER:
            message, hint = _unlistable(path)
            diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), message, hint=hint))
            content.complete = False
            continue
        if kind == "site" and not path.exists():
            if site_optional:
                continue
            diags.append(
                rules.NO_CONTENT.at(
                    Position(shown, 0, 0), "there is no site.yaml", hint="run `debatemap new site DIR` for a starter"
                )
            )
            content.complete = False
            continue
        if not inside:
            where = "to outside the content folder" if path.exists() else "that leads back to itself (a loop)"
            diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), f"the file is a link {where}"))
            content.complete = False
            continue
        content.files.append(path)
        todo.append((kind, path, shown))
    if cache is not None:
        _read_with(cache, root, todo, content, diags)
        return content
    for part, found in _parse_all(root, todo):
        add_part(content, diags, part, found)
    return content


def _read_with(
    cache: FileCache, root: Path, todo: list[tuple[str, Path, str]], content: Content, diags: list[Diagnostic]
) -> None:
    """Each file's kept parse, or a new one: the files to parse go through ``_parse_all`` together
    when the cache allows forking (a first read parses them all), else one by one."""
    looked = [cache.look_up(path) for _, path, _ in todo]
    stale = [file for file, found in zip(todo, looked, strict=True) if isinstance(found, Looked)]
    parses = _parse_all(root, stale) if cache.parallel else (parse_file(root, *file) for file in stale)
    for (_, path, _), found in zip(todo, looked, strict=True):
        parsed = cache.keep(path, found, *next(parses)) if isinstance(found, Looked) else found
        add_part(content, diags, parsed.part, parsed.diags)
    next(parses, None)  # past the last file: a pool closes, and its workers end on their own


PARALLEL_FILES = 200
"""From this many files a build parses them on every core (below, a pool costs more than it saves)."""
_BATCH = 16
"""Files per task: enough to amortise sending results back, few enough to balance the cores."""


def _parse_all(root: Path, todo: list[tuple[str, Path, str]]) -> Iterator[tuple[Content, list[Diagnostic]]]:
    """Each file's part and problems, in ``todo`` order, parsed in forked workers when worthwhile.

    Parsing is the costly half of loading (a 100-claim map takes about a millisecond) and each
    file parses on its own, so workers parse batches and send back the model objects they made;
    the order, and so every result, is the same as a one-process read.
    """
    workers = worker_count()
    if workers < 2 or len(todo) < PARALLEL_FILES or not can_fork():
        for kind, path, shown in todo:
            yield parse_file(root, kind, path, shown)
        return
    batches = [(root, todo[i : i + _BATCH]) for i in range(0, len(todo), _BATCH)]
    pool = forked_pool(workers)
    try:
        for parsed in pool.imap(_parse_batch, batches):
            yield from parsed
        pool.close()  # the workers end on their own (coverage and other exit handlers run)
    except BaseException:
        pool.terminate()  # an error, or a reader that stopped early
        raise
    finally:
        pool.join()


def _parse_batch(task: tuple[Path, list[tuple[str, Path, str]]]) -> list[tuple[Content, list[Diagnostic]]]:
    root, files = task
    return [parse_file(root, kind, path, shown) for kind, path, shown in files]


def _unlistable(folder: Path) -> tuple[str, str]:
    """Why ``folder`` could not be listed, and what to do, in words."""
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "the folder is a link that leads back to itself", "replace the link with a folder"
        return f"cannot read the folder: {exc.strerror or exc}", "check the folder's permissions"
    return "cannot read the folder", "check the folder's permissions"
