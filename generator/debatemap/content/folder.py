"""What a content folder holds once read, and which of its files make the site."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Claim, DebateMap, LinkCheck, Page, SiteConfig, Source
from ..text_files import display_path

LINKS_FILE = "links.yaml"
"""``debatemap links --save`` keeps the last check of every source's links here, beside site.yaml."""


@dataclass(slots=True)
class Content:
    """Everything read from the folder, before the graph is resolved."""

    root: Path
    config: SiteConfig | None = None
    maps: list[DebateMap] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    """Every claim definition in file order, duplicates included (the checks report them)."""
    sources: list[Source] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    links: list[LinkCheck] = field(default_factory=list)
    """The last link check (content/links.yaml), when there is one."""
    complete: bool = True
    """False when a file could not be parsed at all, so cross-file checks would mislead."""
    files: list[Path] = field(default_factory=list)
    """Every file read, for the watcher and for incremental builds."""


def add_part(content: Content, diags: list[Diagnostic], part: Content, found: Iterable[Diagnostic]) -> None:
    """Append one file's part of the content (in file order, so the result never depends on timing)."""
    if part.config is not None:
        content.config = part.config
    content.maps += part.maps
    content.claims += part.claims
    content.sources += part.sources
    content.pages += part.pages
    content.links += part.links
    content.complete = content.complete and part.complete
    diags += found


UNREADABLE_FOLDER = "unreadable-folder"
"""The kind ``content_files`` gives a folder it could not list."""


def content_files(root: Path) -> list[tuple[str, Path, Path, bool]]:
    """The files a site is made of, as (kind, folder, path, is a symbolic link), in a stable order.

    A folder that cannot be listed comes as kind ``UNREADABLE_FOLDER``, for ``read_content`` to report.

    One ``scandir`` per folder: it tells links apart without a system call per file, which
    matters to serve, which lists the folder again after every save. Each folder is one shared
    object, so ``Places`` looks it up without hashing a new path per file.
    """
    site = root / "site.yaml"
    found: list[tuple[str, Path, Path, bool]] = [("site", root, site, site.is_symlink())]
    for kind, folder, suffix in (("map", "maps", ".yaml"), ("source", "sources", ".yaml"), ("page", "pages", ".md")):
        directory = root / folder
        try:
            with os.scandir(directory) as entries:
                listed = [(e.name, e.is_symlink()) for e in entries if e.name.endswith(suffix) and not e.name.startswith(".")]
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:  # unreadable (permissions), or a link loop: read_content reports it
            found.append((UNREADABLE_FOLDER, root, directory, directory.is_symlink()))
            continue
        # normcase: the order Path's own comparison gives (case-insensitive on Windows).
        listed.sort(key=lambda entry: os.path.normcase(entry[0]))
        found.extend((kind, directory, directory / name, link) for name, link in listed)
    links = root / LINKS_FILE
    if links.is_file() or links.is_symlink():
        found.append(("links", root, links, links.is_symlink()))
    return found


class Places:
    """Where each file really is: the name shown to the curator, and whether it is inside the root.

    Folders are resolved once and files only when they are links (``content_files`` says which),
    so a file that is not a link costs no system call here instead of a ``realpath`` walk.
    """

    def __init__(self, root: Path) -> None:
        self.real_root = root.resolve()
        self.folders: dict[Path, tuple[str, bool]] = {}

    def place(self, folder: Path, path: Path, link: bool) -> tuple[str, bool]:
        """``path`` is a file directly in ``folder``."""
        if link:
            return display_path(path), _inside(path, self.real_root)
        known = self.folders.get(folder)
        if known is None:
            known = self.folders[folder] = (display_path(folder), _inside(folder, self.real_root))
        shown, inside = known
        return (path.name if shown == "." else shown + os.sep + path.name), inside


def _inside(path: Path, real_root: Path) -> bool:
    try:
        path.resolve().relative_to(real_root)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop (Python before 3.13)
        return False
    return True
