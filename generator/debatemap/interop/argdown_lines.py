"""Argdown source as lines: front matter, comments and data taken out, escapes kept, line numbers kept.

Argdown's lexer reads comments (``//``, ``/* */``, ``<!-- -->``) and data (``{...}``, which may
run over several lines) anywhere; both are found here with Argdown's own patterns, scanning
left to right as its lexer does (so a ``//`` inside data is data and a ``{`` inside a comment is
comment), and escaped characters are skipped. What is left is one ``Line`` per line of the
input, with each data block replaced by a placeholder that points into ``Source.data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..load import YMap, YNode, YScalar, YSeq, parse_yaml

DATA_MARK = "\x00"
"""Stands for a data block in a line: ``\\x00<n>\\x00``. The input cannot hold NUL (it is refused)."""
_FRONT_MATTER = re.compile(r"\s*(===+)([\s\S]*?)===+")
_DATA = re.compile(r"{((?!}\s[^,}])(.|\n))*}(?!\s*(,|}))")
"""Argdown 1.x's own pattern for data."""
_COMMENT = re.compile(r"<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//[^\n]*")


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    """1-based, in the input."""
    text: str


@dataclass(slots=True)
class Source:
    lines: list[Line] = field(default_factory=list)
    data: list[object] = field(default_factory=list)
    """Each data block as plain Python values (None where it was not valid YAML)."""
    front_matter: object = None
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(line, message) for data that could not be read."""


def split(text: str, shown: str) -> Source:
    source = Source()
    position = 0
    line = 1
    front = _FRONT_MATTER.match(text)
    if front is not None:
        source.front_matter = _yaml(front.group(2), shown, line + front.group(0)[: front.start(2)].count("\n"), source)
        line += front.group(0).count("\n")
        position = front.end()
    current: list[str] = []
    start_line = line
    n = len(text)
    while position < n:
        char = text[position]
        if char == "\\" and position + 1 < n and text[position + 1] != "\n":
            current.append(text[position : position + 2])
            position += 2
            continue
        if char == "\n":
            source.lines.append(Line(start_line, "".join(current)))
            current = []
            line += 1
            start_line = line
            position += 1
            continue
        if char in "/<":
            comment = _COMMENT.match(text, position)
            if comment is not None:
                skipped = comment.group(0)
                line += skipped.count("\n")  # a block comment's lines join the line it starts on
                current.append(" ")
                position = comment.end()
                continue
        if char == "{":
            block = _DATA.match(text, position)
            if block is not None:
                raw = block.group(0)
                source.data.append(_data(raw, shown, line, source))
                current.append(f"{DATA_MARK}{len(source.data) - 1}{DATA_MARK}")
                line += raw.count("\n")
                position = block.end()
                continue
        current.append(char)
        position += 1
    source.lines.append(Line(start_line, "".join(current)))
    return source


def _data(raw: str, shown: str, line: int, source: Source) -> object:
    body = raw
    if re.match(r"{[ \t]*\n", raw):  # Argdown's block format: YAML between braces on their own lines
        body = raw[raw.index("\n") + 1 : raw.rindex("}")]
    return _yaml(body, shown, line, source)


def _yaml(text: str, shown: str, line: int, source: Source) -> object:
    """YAML read through the content loader (no aliases, tags or bombs), as plain Python values."""
    diags: list[Diagnostic] = []
    tree = parse_yaml(text, shown, diags, line_offset=line - 1)
    if diags:
        first = diags[0]
        source.problems.append((first.position.line or line, f"data that is not valid YAML: {first.message}"))
        return None
    return plain(tree)


def plain(node: YNode | None) -> object:
    if node is None:
        return None
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [plain(item) for item in node.items]
    assert isinstance(node, YMap)
    return {key: plain(value) for key, (_, value) in node.items.items()}
