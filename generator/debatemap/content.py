"""Read a content folder (site.yaml, maps/, sources/, pages/) into model objects.

This is where files become the model: each file is loaded with positions, validated against
its schema, and turned into frozen dataclasses. Cross-file rules (refs, duplicates, cycles)
belong to ``graph`` and ``checks``, which see the whole site.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import rules
from .cores import can_fork, worker_count
from .diagnostics import Diagnostic, Position
from .load import display_path, parse_yaml, read_text
from .model import ChildLink, Citation, Claim, DebateMap, Page, SiteConfig, Source, Stance
from .schema import MAP, MAP_RESERVED, PAGE, PAGE_RESERVED, REF, SITE, SOURCE, SOURCE_RESERVED
from .validate import Record, check_id, id_hint, validate


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
    complete: bool = True
    """False when a file could not be parsed at all, so cross-file checks would mislead."""
    files: list[Path] = field(default_factory=list)
    """Every file read, for the watcher and for incremental builds."""


def content_files(root: Path) -> list[tuple[str, Path, Path, bool]]:
    """The files a site is made of, as (kind, folder, path, is a symbolic link), in a stable order.

    One ``scandir`` per folder: it tells links apart without a system call per file, which
    matters to serve, which lists the folder again after every save. Each folder is one shared
    object, so ``_Places`` looks it up without hashing a new path per file.
    """
    site = root / "site.yaml"
    found: list[tuple[str, Path, Path, bool]] = [("site", root, site, site.is_symlink())]
    for kind, folder, suffix in (("map", "maps", ".yaml"), ("source", "sources", ".yaml"), ("page", "pages", ".md")):
        directory = root / folder
        if not directory.is_dir():
            continue
        with os.scandir(directory) as entries:
            listed = [(e.name, e.is_symlink()) for e in entries if e.name.endswith(suffix) and not e.name.startswith(".")]
        # normcase: the order Path's own comparison gives (case-insensitive on Windows).
        listed.sort(key=lambda entry: os.path.normcase(entry[0]))
        found.extend((kind, directory, directory / name, link) for name, link in listed)
    return found


_TAKEN_NAMES = {
    "page": (PAGE_RESERVED, "a section of the site"),
    "source": (SOURCE_RESERVED, "a page of the bibliography"),
    "map": (MAP_RESERVED, "a page of the maps index"),
}
"""File names (ids) a kind of file may not have, because the site's own pages live there."""


def read_content(root: Path, diags: list[Diagnostic], cache: FileCache | None = None) -> Content:
    """Read every content file; with a ``cache``, files unchanged since the last call are not parsed again.

    Without a cache (a build or a check) a large site is parsed on every core: see ``_parse_all``.
    """
    content = Content(root)
    places = _Places(root)
    todo: list[tuple[str, Path, str]] = []
    for kind, folder, path, link in cache.files(root) if cache is not None else content_files(root):
        shown, inside = places.place(folder, path, link)
        if kind == "site" and not path.exists():
            diags.append(
                rules.NO_CONTENT.at(
                    Position(shown, 0, 0), "there is no site.yaml", hint="run `debatemap new site DIR` for a starter"
                )
            )
            content.complete = False
            continue
        if not inside:
            diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), "the file is a link to outside the content folder"))
            content.complete = False
            continue
        content.files.append(path)
        todo.append((kind, path, shown))
    if cache is not None:
        for kind, path, shown in todo:
            cache.read(path, content, diags, partial(_parse_one, root, kind, path, shown))
        return content
    for part, found in _parse_all(root, todo):
        _add_part(content, diags, part, found)
    return content


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
            yield _parse_one(root, kind, path, shown)
        return
    batches = [(root, todo[i : i + _BATCH]) for i in range(0, len(todo), _BATCH)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for parsed in pool.imap(_parse_batch, batches):
            yield from parsed


def _parse_one(root: Path, kind: str, path: Path, shown: str) -> tuple[Content, list[Diagnostic]]:
    part = Content(root)
    found: list[Diagnostic] = []
    _read_file(kind, path, shown, part, found)
    return part, found


def _parse_batch(task: tuple[Path, list[tuple[str, Path, str]]]) -> list[tuple[Content, list[Diagnostic]]]:
    root, files = task
    return [_parse_one(root, kind, path, shown) for kind, path, shown in files]


def _add_part(content: Content, diags: list[Diagnostic], part: Content, found: Iterable[Diagnostic]) -> None:
    """Append one file's part of the content (in file order, so the result never depends on timing)."""
    if part.config is not None:
        content.config = part.config
    content.maps += part.maps
    content.claims += part.claims
    content.sources += part.sources
    content.pages += part.pages
    content.complete = content.complete and part.complete
    diags += found


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What one file added to the content, and the problems found in it."""

    stat: tuple[int, int, int, int]
    part: Content
    diags: tuple[Diagnostic, ...]


class FileCache:
    """Each file's parsed result, reused while the file is unchanged (``debatemap serve``).

    Keyed by the file's inode, size, and modification and change times, so a rebuild parses
    only the files saved since the last one. ``forget`` drops the files a watcher saw change,
    which also catches two saves of the same size within one tick of the file system's clock.
    """

    def __init__(self) -> None:
        self._parsed: dict[str, _Parsed] = {}
        self._names: dict[str, str] = {}
        """Real path -> the name the file was read under."""
        self._listing: tuple[Path, list[tuple[str, Path, Path, bool]]] | None = None
        self._trusted = False

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
        return listing

    def read(
        self, path: Path, content: Content, diags: list[Diagnostic], parse: Callable[[], tuple[Content, list[Diagnostic]]]
    ) -> None:
        """Add the file's part to ``content``: ``parse``d unless a still-valid result is kept."""
        name = os.fspath(path)
        if self._trusted and (kept := self._parsed.get(name)) is not None:
            _add_part(content, diags, kept.part, kept.diags)
            return
        try:
            info = path.stat()
        except OSError:
            stat = None
        else:
            stat = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        parsed = self._parsed.get(name)
        if parsed is None or stat is None or parsed.stat != stat:
            part, found = parse()  # stat was taken first: a save during the read shows at the next call
            parsed = _Parsed(stat or (-1, -1, -1, -1), part, tuple(found))
            if stat is not None:
                self._parsed[name] = parsed
                self._names[os.path.realpath(name)] = name
        _add_part(content, diags, parsed.part, parsed.diags)


class _Places:
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
    except (ValueError, OSError):
        return False
    return True


def _read_file(kind: str, path: Path, shown: str, content: Content, diags: list[Diagnostic]) -> None:
    text = read_text(path, shown, diags)
    if text is None:
        content.complete = False
        return
    body, line_offset, body_line = "", 0, 0
    if kind == "page":
        split = split_front_matter(text, shown, diags)
        if split is None:
            content.complete = False
            return
        text, body, body_line = split
        line_offset = 1
    before = len(diags)
    tree = parse_yaml(text, shown, diags, line_offset)
    if tree is None and len(diags) > before:
        content.complete = False
        return
    where = Position(shown, 1, 1)
    file_id = path.stem
    problem = check_id(file_id) if kind != "site" else None
    hint = None
    reserved, owner = _TAKEN_NAMES.get(kind, (frozenset(), ""))
    if problem is None and file_id in reserved:
        problem = f"this name is taken by {owner}"
        hint = f"rename the file, for example to {file_id}-{kind}{path.suffix}"
    if problem is not None:
        diags.append(
            rules.INVALID_ID.at(
                Position(shown, 0, 0), f"invalid file name '{path.name}': {problem}", hint=hint or id_hint(file_id)
            )
        )
    if kind == "site":
        record = validate(tree, SITE, diags, where)
        if record is not None:
            content.config = site_config(record)
    elif kind == "map":
        record = validate(tree, MAP, diags, where)
        if record is not None:
            _add_map(file_id, record, content)
    elif kind == "source":
        record = validate(tree, SOURCE, diags, where)
        if record is not None:
            content.sources.append(source(file_id, record))
    else:
        # A page whose front matter is empty or no mapping still exists (its error is reported),
        # so that `nav` naming it does not also report it as missing.
        record = validate(tree, PAGE, diags, where) or Record(PAGE, where)
        content.pages.append(page(file_id, record, body, Position(shown, body_line, 1)))


def split_front_matter(text: str, shown: str, diags: list[Diagnostic]) -> tuple[str, str, int] | None:
    """Split ``---`` front matter from a Markdown page: (yaml, body, first body line)."""
    if not text.startswith("---\n"):
        diags.append(
            rules.FRONT_MATTER.at(
                Position(shown, 1, 1), "a page must start with `---` front matter", hint="start with ---, title: ..., ---"
            )
        )
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            diags.append(
                rules.FRONT_MATTER.at(Position(shown, 1, 1), "the front matter is not closed", hint="add a line `---` after it")
            )
            return None
    yaml_text = text[4 : end + 1]
    body = text[end + 5 :]
    return yaml_text, body, yaml_text.count("\n") + 3


def _tuple(record: Record, name: str) -> tuple[str, ...]:
    return tuple(value for value, _ in record.texts(name))


def site_config(record: Record) -> SiteConfig:
    base_url = record.text("base_url")
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    return SiteConfig(
        title=record.text("title") or "",
        description=record.text("description"),
        base_url=base_url,
        language=record.text("language") or "en",
        theme=record.text("theme") or "default",
        theme_dir=record.text("theme_dir"),
        nav=_tuple(record, "nav") if "nav" in record.values else ("maps", "sources", "tags", "search"),
        author=record.text("author"),
        footer=record.text("footer"),
        pos=record.pos,
        nav_pos=tuple(pos for _, pos in record.texts("nav")),
    )


def source(source_id: str, record: Record) -> Source:
    return Source(
        id=source_id,
        title=record.text("title") or source_id,
        url=record.text("url") or "",
        publisher=record.text("publisher"),
        authors=_tuple(record, "authors"),
        published=record.text("published"),
        kind=record.text("kind"),
        archived=record.text("archived"),
        summary=record.text("summary"),
        tags=_tuple(record, "tags"),
        pos=record.pos,
    )


def page(slug: str, record: Record, body: str, body_pos: Position) -> Page:
    return Page(
        slug=slug,
        title=record.text("title") or slug,
        nav_title=record.text("nav_title"),
        order=record.integer("order") or 0,
        description=record.text("description"),
        body=body,
        pos=body_pos,
    )


def _add_map(map_id: str, record: Record, content: Content) -> None:
    theses = record.records("thesis")
    thesis_id = _claim_tree(theses[0], map_id, content) if theses else None
    if thesis_id is None:
        return
    content.maps.append(
        DebateMap(
            id=map_id,
            title=record.text("title") or map_id,
            summary=record.text("summary"),
            tags=_tuple(record, "tags"),
            updated=record.text("updated") or "",
            thesis_id=thesis_id,
            pos=record.pos,
        )
    )


_STANCES: tuple[tuple[str, Stance], ...] = (("pros", "pro"), ("cons", "con"))


def _claim_tree(record: Record, map_id: str, content: Content) -> str | None:
    """Add the claim defined by ``record`` and all claims nested in it; return its id."""
    if record.schema is REF:
        return record.text("ref")
    children: list[ChildLink] = []
    for key, stance in _STANCES:
        for child in record.records(key):
            child_id = _claim_tree(child, map_id, content)
            if child_id is not None:
                is_ref = child.schema is REF
                children.append(ChildLink(child_id, stance, is_ref, child.pos_of("ref") if is_ref else child.pos))
    claim_id = record.text("id")
    if claim_id is None:
        return None
    citations = tuple(
        Citation(source_id, c.text("locator"), c.text("note"), c.pos_of("source"))
        for c in record.records("sources")
        if (source_id := c.text("source")) is not None
    )
    content.claims.append(
        Claim(
            id=claim_id,
            # A claim whose text has an error is kept (the error is reported already), so that
            # refs to it do not also report it as missing.
            text=record.text("claim") or "",
            details=record.text("details"),
            citations=citations,
            tags=_tuple(record, "tags"),
            children=tuple(children),
            map_id=map_id,
            pos=record.pos_of("id"),
        )
    )
    return claim_id
