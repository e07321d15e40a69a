"""A YAML file as lines of text, with the loader's tree and where each node ends.

Edits to a curator's file are made as a person makes them, by inserting lines or a few
characters, never by dumping the YAML again (which would drop comments, quoting and layout, and
turn a one-line change into a diff of the whole file). The loader records where every node
starts; libyaml's events also say where each one ends, which is what an insertion needs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev

from ..diagnostics import ContentError, Diagnostic, Position
from ..load import YMap, YNode, YScalar, YSeq, parse_yaml
from ..text_files import decode_text

_LINE_END = re.compile(r"\r\n|\r|\n")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class End:
    """Where a node ends (0-based line and column, as libyaml's marks count them)."""

    line: int
    column: int
    style: str | None = None
    """A scalar's style: '|' or '>' for block scalars, whose end mark is past their last line."""
    flow: bool = False
    """A collection written in brackets; it ends at its closing bracket."""


@dataclass(slots=True)
class YamlText:
    """One YAML file, split into lines that keep their own line ends."""

    path: Path
    shown: str
    data: bytes
    """The bytes as read, to notice a save made while the edit was prepared."""
    lines: list[str]
    ends: list[str]
    """Each line's end as written: the edit keeps CRLF, LF or no final newline as they were."""
    bom: bool
    tree: YNode
    _ends: dict[tuple[int, int, bool], End] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path, shown: str) -> YamlText:
        """Read and parse; raise ContentError with the loader's diagnostics if the file is not clean YAML."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ContentError([_unreadable(shown, exc)]) from None
        return cls.parse(path, shown, data)

    @classmethod
    def parse(cls, path: Path, shown: str, data: bytes) -> YamlText:
        diags: list[Diagnostic] = []
        text = decode_text(data, shown, diags)
        tree = parse_yaml(text, shown, diags) if text is not None else None
        if text is None or tree is None or diags:
            raise ContentError(diags or [_empty(shown)])
        raw = data.decode("utf-8")
        bom = raw.startswith(_BOM)
        if bom:
            raw = raw[1:]
        lines = _LINE_END.split(raw)
        # A file that ends with a line end has an empty last "line" here, with no end of its own.
        ends = [match.group() for match in _LINE_END.finditer(raw)] + [""]
        return cls(path, shown, data, lines, ends, bom, tree)

    @property
    def newline(self) -> str:
        """The file's most common line end, for the lines an edit adds."""
        counts = Counter(end for end in self.ends if end)
        return counts.most_common(1)[0][0] if counts else "\n"

    def text(self) -> str:
        """The text as the loader reads it (LF line ends, no byte order mark)."""
        return "\n".join(self.lines)

    def encode(self, lines: list[str], ends: list[str]) -> bytes:
        return ((_BOM if self.bom else "") + "".join(line + end for line, end in zip(lines, ends, strict=True))).encode("utf-8")

    def end(self, node: YNode) -> End:
        """Where ``node`` ends, from libyaml's events (parsed once, on first use)."""
        if not self._ends:
            self._ends.update(_end_marks(self.text()))
        return self._ends[(node.pos.line, node.pos.column, not isinstance(node, YScalar))]

    def is_flow(self, node: YMap | YSeq) -> bool:
        return self.end(node).flow

    def last_line(self, node: YNode) -> int:
        """The 0-based index of the last line holding any of ``node``'s text."""
        while True:
            if isinstance(node, YScalar):
                end = self.end(node)
                if end.style in ("|", ">") and end.column == 0:
                    line = end.line - 1
                    if not _keeps_trailing_lines(self.lines[node.pos.line - 1][node.pos.column - 1 :]):
                        while line > node.pos.line - 1 and not self.lines[line].strip():
                            line -= 1
                    return line
                return end.line if end.column > 0 or end.line == node.pos.line - 1 else end.line - 1
            if self.is_flow(node) or not node.items:
                return self.end(node).line
            node = node.items[-1] if isinstance(node, YSeq) else next(reversed(node.items.values()))[1]

    def after_comments(self, line: int, indent: int) -> int:
        """``line``, or the last of the comment lines right after it indented at least ``indent``.

        A comment under a claim, indented with it, is read as part of it: an addition goes after it.
        """
        while line + 1 < len(self.lines):
            following = self.lines[line + 1]
            stripped = following.lstrip(" \t")
            if not stripped.startswith("#") or len(following) - len(stripped) < indent:
                break
            line += 1
        return line


def _keeps_trailing_lines(header: str) -> bool:
    """Whether a block scalar's header (``|+``, ``>2+``...) keeps its trailing blank lines."""
    indicator = header.split("#", 1)[0].strip()
    return "+" in indicator


def _end_marks(text: str) -> dict[tuple[int, int, bool], End]:
    """Each node's end, keyed by its start as the loader records it (1-based) and whether it is a collection."""
    ends: dict[tuple[int, int, bool], End] = {}
    open_collections: list[tuple[tuple[int, int, bool], bool]] = []
    event: Any  # libyaml's and PyYAML's event classes differ; both have these attributes
    for event in yaml.parse(text, Loader=_Loader):
        kind = event.__class__
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if kind is ev.ScalarEvent:
            ends[(line, column, False)] = End(event.end_mark.line, event.end_mark.column, event.style)
        elif kind in (ev.MappingStartEvent, ev.SequenceStartEvent):
            open_collections.append(((line, column, True), bool(event.flow_style)))
        elif kind in (ev.MappingEndEvent, ev.SequenceEndEvent):
            key, flow = open_collections.pop()
            ends[key] = End(event.start_mark.line, event.start_mark.column, flow=flow)
    return ends


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unreadable(shown: str, exc: OSError) -> Diagnostic:
    from .. import rules  # noqa: PLC0415 - only on this error path

    return rules.FILE_UNREADABLE.at(Position(shown, 0, 0), f"cannot read the file: {exc.strerror or exc}")


def _empty(shown: str) -> Diagnostic:
    from .. import rules  # noqa: PLC0415 - only on this error path

    return rules.EMPTY_VALUE.at(Position(shown, 0, 0), "the file is empty")
