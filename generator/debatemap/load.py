"""Load: bytes on disk -> YAML trees whose every value remembers file, line and column.

YAML is parsed at the event level (libyaml's C parser when present), not with ``yaml.load``:
events are flat, so hostile nesting cannot overflow a stack; anchors, aliases and tags are seen
as written, so alias bombs and ``!!python/...`` are refused before anything is built; and every
scalar stays the text the curator typed, so ``no``, ``012`` and ``1.10`` are never silently
turned into a boolean or a number. Whether a value may be such a thing is the schema's call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml
from yaml import events as ev

from . import rules
from .diagnostics import Diagnostic, Position

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Larger files are refused: a debate map of that size is a mistake or an attack."""
MAX_DEPTH = 100
"""Nesting limit for mappings and sequences (a claim level uses two: its mapping and a list)."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ALLOWED_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(slots=True)
class YScalar:
    """A scalar exactly as written."""

    value: str
    pos: Position
    plain: bool
    """True when unquoted: only plain scalars can mean null, true, 12 or 1.5 in YAML."""


@dataclass(slots=True)
class YSeq:
    items: list[YNode]
    pos: Position


@dataclass(slots=True)
class YMap:
    pos: Position
    items: dict[str, tuple[YScalar, YNode]] = field(default_factory=dict)
    """Key text -> (key scalar, value), in the order written; duplicates are refused on load."""


YNode = Union[YScalar, YSeq, YMap]


def display_path(path: Path) -> str:
    """The path as a curator would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read_text(path: Path, shown: str, diags: list[Diagnostic]) -> str | None:
    """Read a content file as UTF-8 text, refusing oversized, mis-encoded or control-laden files."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), f"cannot read the file: {exc.strerror}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        diags.append(
            rules.FILE_TOO_LARGE.at(
                Position(shown, 0, 0),
                f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                hint="split it into several files (one map per file, one source per file)",
            )
        )
        return None
    return decode_text(data, shown, diags)


def decode_text(data: bytes, shown: str, diags: list[Diagnostic]) -> str | None:
    """Decode UTF-8 (a BOM is accepted and dropped; CRLF is normalised) and refuse control characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.append(
            rules.ENCODING.at(
                Position(shown, line, column),
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                hint="save the file as UTF-8 in your editor",
            )
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        diags.append(
            rules.CONTROL_CHARACTER.at(
                Position(shown, line, column),
                f"the file contains the control character U+{ord(bad.group()):04X}",
                hint="delete it; it is invisible in most editors",
            )
        )
        return None
    return text


def parse_yaml(text: str, shown: str, diags: list[Diagnostic], line_offset: int = 0) -> YNode | None:
    """Build the positioned tree of one YAML document, or return None when it cannot be trusted.

    Problems that leave the tree usable (a duplicate key, an anchor, a tag) are reported and
    loading goes on, so a curator sees them all; an alias, a syntax error or a second document
    stops this file.
    """
    builder = _TreeBuilder(shown, diags, line_offset)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Position(shown, mark.line + 1 + line_offset, mark.column + 1) if mark else Position(shown, 0, 0)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        diags.append(rules.YAML_SYNTAX.at(where, f"{problem}{context}", hint=_syntax_hint(problem)))
        return None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        diags.append(rules.YAML_SYNTAX.at(Position(shown, 0, 0), str(exc).splitlines()[0]))
        return None
    return builder.root


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "quote the text if it contains ': ' (a colon followed by a space)"
    if "found character '\\t'" in problem:
        return "indent with spaces; YAML does not allow tabs"
    return "check indentation and quoting on this line and the one before"


class _TreeBuilder:
    """Turns a flat event stream into YNodes with an explicit stack (no recursion)."""

    def __init__(self, shown: str, diags: list[Diagnostic], line_offset: int) -> None:
        self.shown = shown
        self.diags = diags
        self.line_offset = line_offset
        self.stack: list[YMap | YSeq] = []
        self.pending_key: list[YScalar | None] = []
        self.root: YNode | None = None
        self.documents = 0

    def pos(self, mark: Any) -> Position:  # libyaml's and PyYAML's Mark types differ
        return Position(self.shown, mark.line + 1 + self.line_offset, mark.column + 1)

    def feed(self, event: ev.Event) -> bool:
        kind = type(event)
        if kind is ev.ScalarEvent:
            assert isinstance(event, ev.ScalarEvent)
            pos = self.pos(event.start_mark)
            self._check_props(event, pos, _ALLOWED_TAGS)
            return self._add(YScalar(event.value, pos, bool(event.implicit[0]) and event.tag is None))
        if kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            assert isinstance(event, ev.CollectionStartEvent)
            pos = self.pos(event.start_mark)
            self._check_props(event, pos, _ALLOWED_TAGS)
            if len(self.stack) >= MAX_DEPTH:
                self.diags.append(
                    rules.TOO_DEEP.at(pos, f"nesting is deeper than {MAX_DEPTH} levels", hint="flatten the structure")
                )
                return False
            node: YMap | YSeq = YMap(pos) if kind is ev.MappingStartEvent else YSeq([], pos)
            if not self._add(node):
                return False
            self.stack.append(node)
            self.pending_key.append(None)
            return True
        if kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            self.stack.pop()
            self.pending_key.pop()
            return True
        if kind is ev.AliasEvent:
            self.diags.append(
                rules.YAML_ALIAS.at(
                    self.pos(event.start_mark),
                    "YAML aliases (*name) are not allowed",
                    hint="write the value out, or reuse a claim with `ref: <claim-id>`",
                )
            )
            return False
        if kind is ev.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.diags.append(
                    rules.MULTIPLE_DOCUMENTS.at(
                        self.pos(event.start_mark),
                        "the file holds a second YAML document",
                        hint="remove the `---` line; put each map or source in its own file",
                    )
                )
                return False
        return True

    def _check_props(self, event: ev.NodeEvent, pos: Position, allowed: set[str | None]) -> None:
        if event.anchor is not None:
            self.diags.append(
                rules.YAML_ALIAS.at(
                    pos,
                    f"YAML anchors (&{event.anchor}) are not allowed",
                    hint="remove the anchor; reuse a claim with `ref: <claim-id>`",
                )
            )
        tag = getattr(event, "tag", None)
        if tag not in allowed:
            self.diags.append(
                rules.YAML_TAG.at(pos, f"the YAML tag {tag!r} is not allowed", hint="remove the tag and write plain text")
            )

    def _add(self, node: YNode) -> bool:
        if not self.stack:
            self.root = node
            return True
        parent = self.stack[-1]
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return True
        key = self.pending_key[-1]
        if key is None:
            if not isinstance(node, YScalar):
                self.diags.append(
                    rules.WRONG_TYPE.at(node.pos, "a mapping key must be plain text", hint="use a simple `key: value`")
                )
                return False
            if node.plain and node.value == "<<":
                self.diags.append(
                    rules.YAML_ALIAS.at(node.pos, "YAML merge keys (<<) are not allowed", hint="write the keys out")
                )
                return False
            self.pending_key[-1] = node
            return True
        self.pending_key[-1] = None
        first = parent.items.get(key.value)
        if first is not None:
            self.diags.append(
                rules.DUPLICATE_KEY.at(
                    key.pos,
                    f"duplicate key '{key.value}' (first at line {first[0].pos.line})",
                    hint="remove one of them; YAML would silently keep only the last",
                    related=(first[0].pos,),
                )
            )
            return True
        parent.items[key.value] = (key, node)
        return True
