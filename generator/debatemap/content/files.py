"""One file becomes its part of the content: read, split, parsed with positions, validated."""

from __future__ import annotations

from pathlib import Path

from .. import rules
from ..diagnostics import Diagnostic, Position
from ..load import parse_yaml
from ..schema import LINKS, MAP, MAP_RESERVED, PAGE, PAGE_RESERVED, SITE, SOURCE, SOURCE_RESERVED
from ..text_files import read_text
from ..validate import Record, check_id, id_hint, validate
from .folder import Content
from .records import add_map, link_checks, page, site_config, source

_TAKEN_NAMES = {
    "page": (PAGE_RESERVED, "a section of the site"),
    "source": (SOURCE_RESERVED, "a page of the bibliography"),
    "map": (MAP_RESERVED, "a page of the maps index"),
}
"""File names (ids) a kind of file may not have, because the site's own pages live there."""


def parse_file(root: Path, kind: str, path: Path, shown: str) -> tuple[Content, list[Diagnostic]]:
    """What one file adds to the content of the folder ``root``, and the problems found in it."""
    part = Content(root)
    found: list[Diagnostic] = []
    _read_file(kind, path, shown, part, found)
    return part, found


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
    problem = check_id(file_id) if kind not in ("site", "links") else None
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
            add_map(file_id, record, content)
    elif kind == "source":
        record = validate(tree, SOURCE, diags, where)
        if record is not None:
            content.sources.append(source(file_id, record))
    elif kind == "links":
        record = validate(tree, LINKS, diags, where)
        if record is not None:
            content.links += link_checks(record)
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
