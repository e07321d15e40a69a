"""The content's ``static/`` folder: files published as they are, at the same path in the site.

Static hosts read files that no generator makes: ``CNAME`` and ``.nojekyll`` for GitHub Pages,
``_redirects`` for Netlify, ``favicon.ico``, a search engine's verification page, PDFs to link
to. A build replaces the whole output folder, so such files live in ``static/`` and are copied
into every build. They are content like the rest: a link out of the content folder, a pipe or
an unreadable file is reported, not followed, and a file may not take the place of a page.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import rules
from .diagnostics import Diagnostic, Position
from .text_files import display_path

FOLDER = "static"
MAX_STATIC_BYTES = 100 * 1024 * 1024
"""Per file: larger files belong on a file host, not in a repository of text."""
MAX_STATIC_FILES = 20_000
SKIPPED = frozenset({".git", ".hg", ".svn", ".DS_Store", "Thumbs.db", "desktop.ini"})
"""Version control folders and the files operating systems leave behind: never published."""
RESERVED = ("assets/", "search/")
"""Folders the build fills as a whole (the theme's files, the search index)."""


@dataclass(frozen=True, slots=True)
class StaticFile:
    output: str
    """Where it goes in the site: its path under static/, with '/' separators."""
    path: Path
    """Where it is read from (inside the content folder)."""
    shown: str
    """The path as diagnostics show it."""


def skipped(name: str) -> bool:
    """Editor backups and swap files (``x~``, ``.x.swp``, ``#x#``, ``.#x``) and ``SKIPPED``."""
    swap = name.startswith(".") and name.endswith((".swp", ".swo", ".swx"))
    return name in SKIPPED or swap or name.endswith("~") or name.startswith((".#", "#"))


def static_files(root: Path) -> tuple[list[StaticFile], list[Diagnostic]]:
    """Every file to copy from ``root/static``, sorted by output path, and the problems found."""
    folder = root / FOLDER
    if not os.path.lexists(folder):
        return [], []
    real_root = Path(os.path.realpath(root))
    found: list[StaticFile] = []
    problems: list[Diagnostic] = []
    todo: list[tuple[Path, str]] = [(folder, "")]
    seen: set[str] = set()
    while todo:
        directory, prefix = todo.pop()
        real = os.path.realpath(directory)
        if not _inside(real, real_root):
            problems.append(_at(directory, rules.FILE_UNREADABLE, "the folder is a link to outside the content folder"))
            continue
        if real in seen:  # a link back to a folder above: a loop
            continue
        seen.add(real)
        try:
            with os.scandir(directory) as listing:
                entries = sorted((e.name, e.is_symlink()) for e in listing)
        except NotADirectoryError:
            problems.append(_at(directory, rules.FILE_UNREADABLE, "static must be a folder"))
            continue
        except OSError as exc:
            problems.append(_at(directory, rules.FILE_UNREADABLE, f"cannot read the folder: {exc.strerror or exc}"))
            continue
        for name, link in entries:
            if not skipped(name):
                kind = _classify(directory / name, link, real_root)
                if isinstance(kind, Diagnostic):
                    problems.append(kind)
                elif kind == "folder":
                    todo.append((directory / name, f"{prefix}{name}/"))
                else:
                    found.append(StaticFile(prefix + name, directory / name, display_path(directory / name)))
        if len(found) > MAX_STATIC_FILES:
            problems.append(_at(folder, rules.FILE_TOO_LARGE, f"static/ holds more than {MAX_STATIC_FILES} files"))
            return [], problems
    found.sort(key=lambda f: f.output)
    return found, problems


def _classify(path: Path, link: bool, real_root: Path) -> str | Diagnostic:
    """'file' or 'folder' to publish, or the problem that keeps ``path`` out of the site."""
    try:
        info = path.stat()  # follows a link: where it leads is checked next
    except (OSError, RuntimeError):
        return _at(path, rules.FILE_UNREADABLE, "the link leads nowhere (or in a loop)")
    if link and not _inside(os.path.realpath(path), real_root):
        return _at(path, rules.FILE_UNREADABLE, "the file is a link to outside the content folder")
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode):
        return _at(path, rules.FILE_UNREADABLE, "this is not a regular file (a pipe, socket or device)")
    if info.st_size > MAX_STATIC_BYTES:
        return _at(path, rules.FILE_TOO_LARGE, f"the file is larger than {MAX_STATIC_BYTES // (1024 * 1024)} MB")
    if "\\" in path.name:
        return _at(path, rules.STATIC_PATH, "a file name with a backslash cannot be published")
    return "file"


def collisions(files: list[StaticFile], generated: set[str]) -> list[Diagnostic]:
    """A static file may not replace a page or file that the build makes."""
    problems = []
    for item in files:
        if item.output in generated or item.output.startswith(RESERVED) or item.output == ".debatemap-build":
            problems.append(
                rules.STATIC_PATH.at(
                    Position(item.shown, 0, 0),
                    f"static/{item.output} would replace the site's own {item.output}",
                    hint="rename or move it; assets/ and search/ belong to the build",
                )
            )
    return problems


def _inside(real: str, real_root: Path) -> bool:
    return Path(real).is_relative_to(real_root)


def _at(path: Path, rule: rules.Rule, message: str) -> Diagnostic:
    return rule.at(Position(display_path(path), 0, 0), message)
