"""Argdown source as lines: front matter, comments and data taken out, escapes kept, line numbers kept.

Argdown's lexer reads comments (``//``, ``/* */``, ``<!-- -->``) and data (``{...}``, which may
run over several lines) anywhere; both are found here with Argdown's own patterns, scanning
left to right as its lexer does (so a ``//`` inside data is data and a ``{`` inside a comment is
comment), and escaped characters are skipped. What is left is one ``Line`` per line of the
input, with each data block replaced by a placeholder that points into ``Source.data``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..load import parse_yaml, plain

DATA_MARK = "\x00"
"""Stands for a data block in a line: ``\\x00<n>\\x00``. The input cannot hold NUL (it is refused)."""
_FRONT_MATTER = re.compile(r"\s*(===+)([\s\S]*?)===+")
_DATA_STOP = re.compile(r"}\s[^,}]")
_DATA_NOT_AFTER = re.compile(r"\s*[,}]")
"""Argdown 1.x matches data with ``{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))``; ``data_end`` finds the
same end without the backtracking, which took a regex engine 50 µs and more per block."""
_COMMENT = re.compile(r"<!--[\s\S]*?-->|/\*[\s\S]*?\*/|//[^\n]*")
_SPECIAL = re.compile(r"[\\\n/<{]")
"""Where an escape, a line end, a comment or data may start."""


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


def split(text: str, shown: str) -> Source:  # noqa: PLR0915 (one scanning loop, kept whole)
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
        # Jump to the next character that can start something; plain text is copied in one piece.
        found = _SPECIAL.search(text, position)
        stop = found.start() if found is not None else n
        if stop > position:
            current.append(text[position:stop])
            position = stop
            if found is None:
                break
        char = text[position]
        if char == "\\":
            if position + 1 < n and text[position + 1] != "\n":
                current.append(text[position : position + 2])
                position += 2
            else:
                current.append(char)
                position += 1
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
            end = data_end(text, position)
            if end is not None:
                raw = text[position:end]
                source.data.append(_data(raw, shown, line, source))
                current.append(f"{DATA_MARK}{len(source.data) - 1}{DATA_MARK}")
                line += raw.count("\n")
                position = end
                continue
        current.append(char)
        position += 1
    source.lines.append(Line(start_line, "".join(current)))
    return source


def data_end(text: str, start: int) -> int | None:
    """Where the data block opening at ``start`` ends (after its ``}``), as Argdown's pattern has it.

    The body runs up to (not over) the first ``}`` followed by a space and a character other than
    ``,`` or ``}``; the block closes at the last ``}`` within that reach that is not followed by
    optional space and ``,`` or ``}``.
    """
    stop = _DATA_STOP.search(text, start + 1)
    reach = stop.start() if stop is not None else len(text) - 1
    close = text.rfind("}", start + 1, reach + 1)
    while close > start:
        if _DATA_NOT_AFTER.match(text, close + 1) is None:
            return close + 1
        close = text.rfind("}", start + 1, close)
    return None


def _data(raw: str, shown: str, line: int, source: Source) -> object:
    try:  # debatemap's own exports write data as JSON, which reads far faster than YAML
        return _plain_json(json.loads(raw))
    except ValueError:
        pass
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


def _plain_json(value: object) -> object:
    """JSON values as the YAML reading gives them: every scalar as text."""
    if isinstance(value, dict):
        return {str(k): _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)
