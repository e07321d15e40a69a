"""Load: bytes on disk -> YAML trees whose every value remembers file, line and column.

YAML is parsed at the event level (libyaml's C parser when present), not with ``yaml.load``:
events are flat, so hostile nesting cannot overflow a stack; anchors, aliases and tags are seen
as written, so alias bombs and ``!!python/...`` are refused before anything is built; and every
scalar stays the text the curator typed, so ``no``, ``012`` and ``1.10`` are never silently
turned into a boolean or a number. Whether a value may be such a thing is the schema's call.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, Union

import yaml
from yaml import events as ev

from . import rules
from .diagnostics import Diagnostic, Position

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are refused. A 20,000-claim map is about 15 MB; the loader is event-based and
never recurses, so the limit only bounds memory (a file's tree takes about 20 times its size)."""
MAX_DEPTH = 100
"""Nesting limit for mappings and sequences (a claim level uses two: its mapping and a list)."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ORDINARY_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_HIGH_BYTES = bytes(range(0x80, 0x100))
_REFUSED_SEQUENCES = ("\ufffe".encode(), "\uffff".encode())
"""The refused characters above U+00FF in UTF-8; those below start with byte C2 (as do some
harmless ones, such as a no-break space), which sends the file to the full search."""
_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
"""What double-quoted escapes may not produce: control characters (tab and newline are fine,
carriage return is not) and lone surrogates (PyYAML's pure-Python parser lets "\\ud800" through).
The line and paragraph separators ("\\L", "\\P", "\\u2028") are matched too, to become spaces."""
_SEPARATORS = ("\u2028".encode(), "\u2029".encode())
"""Unicode's line and paragraph separators, which text pasted from PDFs and word processors
carries. They are not control characters, but libyaml counts them as line breaks (YAML 1.1)
and JavaScript before ES2019 ends a string at them: each becomes a space as the file is read."""
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: invisible, they can make text display in
another order than it is stored (the "Trojan Source" attack), so they are reported."""
_BIDI_LEADS = (b"\xe2\x80\xaa", b"\xe2\x80\xab", b"\xe2\x80\xac", b"\xe2\x80\xad", b"\xe2\x80\xae", b"\xe2\x81")
_BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_ALLOWED_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR, _ALIAS = ev.ScalarEvent, ev.AliasEvent
_MAPPING_START, _MAPPING_END = ev.MappingStartEvent, ev.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = ev.SequenceStartEvent, ev.SequenceEndEvent
_DOCUMENT_START = ev.DocumentStartEvent


class YScalar(NamedTuple):
    """A scalar exactly as written."""

    value: str
    pos: Position
    plain: bool
    """True when unquoted: only plain scalars can mean null, true, 12 or 1.5 in YAML."""


class YSeq(NamedTuple):
    """A sequence; the list is filled while the file is read."""

    items: list[YNode]
    pos: Position


class YMap(NamedTuple):
    """A mapping; the dict is filled while the file is read."""

    pos: Position
    items: dict[str, tuple[YScalar, YNode]]
    """Key text -> (key scalar, value), in the order written; duplicates are refused on load."""


# Tree nodes are named tuples, not dataclasses: a large site has hundreds of thousands of them,
# and the hot loop below builds them with ``tuple.__new__``, skipping a Python-level __init__.
YNode = Union[YScalar, YSeq, YMap]


def plain(node: YNode | None) -> Any:
    """The tree as plain lists, dicts and texts, without positions: to compare two versions of a
    file (``debatemap new`` checks its edits so), or to hand data on (Argdown's ``{...}``)."""
    if node is None:
        return None
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [plain(item) for item in node.items]
    return {key: plain(value) for key, (_, value) in node.items.items()}


def display_path(path: Path) -> str:
    """The path as a curator would type it: relative to the working folder when inside it.

    Links are not followed: a diagnostic about ``maps/x.yaml`` names ``maps/x.yaml`` even
    when it is a link, and only the folders above are resolved if needed to relate it to the
    working folder.
    """
    cwd = Path.cwd()
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 (resolve() would follow the link)
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)


def read_text(path: Path, shown: str, diags: list[Diagnostic]) -> str | None:
    """Read a content file as UTF-8 text, refusing oversized, mis-encoded or control-laden files.

    Only regular files are opened: opening a named pipe (FIFO) for reading waits for a writer,
    which would hang `check` and `build` for good, so the kind is checked before opening (and
    again on the open file).
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), _not_regular(path), hint="remove it from the folder"))
            return None
        with path.open("rb", buffering=0) as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                diags.append(
                    rules.FILE_UNREADABLE.at(Position(shown, 0, 0), _not_regular(path), hint="remove it from the folder")
                )
                return None
            data = _read_up_to(stream.fileno(), info.st_size)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop, on some Pythons
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        diags.append(rules.FILE_UNREADABLE.at(Position(shown, 0, 0), f"cannot read the file: {reason}"))
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


def _read_up_to(handle: int, size: int) -> bytes:
    """The file's bytes, at most MAX_FILE_BYTES + 1 of them (one more tells it is too large).

    Reads the size the file had when opened, so no buffer is allocated for the whole limit;
    a file that grows meanwhile (an editor saving) is read on to its end or past the limit.
    """
    chunks = [os.read(handle, min(size, MAX_FILE_BYTES) + 1)]
    total = len(chunks[0])
    while chunks[-1] and total <= MAX_FILE_BYTES:  # to the end: a short read or a growing file
        chunks.append(os.read(handle, max(size - total, 0) + 65536))
        total += len(chunks[-1])
    return b"".join(chunks)


def _not_regular(path: Path) -> str:
    mode = path.stat().st_mode
    kind = "a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
    return f"this is {kind}, not a regular file"


def decode_text(data: bytes, shown: str, diags: list[Diagnostic]) -> str | None:
    """Decode UTF-8 and refuse control characters.

    A UTF-8 byte order mark is dropped and line ends are normalised to LF (CRLF from Windows
    editors, lone CR from old Macs), so positions count lines as every editor does.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = max(data.rfind(b"\n", 0, exc.start), data.rfind(b"\r", 0, exc.start)) + 1
        line = data.count(b"\n", 0, line_start) + data.count(b"\r", 0, line_start) - data.count(b"\r\n", 0, line_start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1  # in characters, as editors count
        diags.append(
            rules.ENCODING.at(
                Position(shown, line, column),
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                hint="save the file as UTF-8 in your editor",
            )
        )
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(separator in data for separator in _SEPARATORS):
        text = text.replace("\u2028", " ").replace("\u2029", " ")
    if any(lead in data for lead in _BIDI_LEADS):
        _warn_bidi(text, shown, diags)
    bad = _CONTROL.search(text) if _may_hold_control(data) else None
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


def _warn_bidi(text: str, shown: str, diags: list[Diagnostic]) -> None:
    """One warning per line holding a bidirectional control, at the first of them."""
    line_seen = -1
    for found in _BIDI.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        if line == line_seen:
            continue
        line_seen = line
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        char = found.group()
        diags.append(
            rules.BIDI_CONTROL.at(
                Position(shown, line, column),
                f"invisible bidirectional control U+{ord(char):04X} ({_BIDI_NAMES[char]}): "
                "the text may display in another order than it is written",
                hint="delete it; right-to-left words display correctly without it",
            )
        )


def _may_hold_control(data: bytes) -> bool:
    """A fast screen for ``_CONTROL`` on valid UTF-8: False means there is surely none.

    The regex costs about 50 instructions a character; deleting the ordinary ASCII bytes and
    looking for the bytes that start the refused non-ASCII characters runs at memory speed, so
    only files that fail the screen are searched.
    """
    rest = data.translate(None, _ORDINARY_ASCII)  # ASCII control bytes and non-ASCII bytes
    if not rest:
        return False
    if rest.translate(None, _HIGH_BYTES):  # an ASCII control byte
        return True
    return b"\xc2" in rest or any(sequence in data for sequence in _REFUSED_SEQUENCES)


def parse_yaml(text: str, shown: str, diags: list[Diagnostic], line_offset: int = 0) -> YNode | None:
    """Build the positioned tree of one YAML document, or return None when it cannot be trusted.

    Problems that leave the tree usable (a duplicate key, an anchor, a tag) are reported and
    loading goes on, so a curator sees them all; an alias, a syntax error or a second document
    stops this file.
    """
    parser = _Loader(text)
    try:
        return _build(parser.get_event, shown, diags, line_offset + 1)
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in problem:
            # An unclosed quote or bracket runs to the end of the file: point where it opens.
            mark = exc.context_mark
            problem = f"{_OPENER.get(exc.context or '', 'this')} is never closed"
            exc.context = None
        where = Position(shown, mark.line + 1 + line_offset, mark.column + 1) if mark else Position(shown, 0, 0)
        if "maximum nesting depth" in problem:  # libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) stops at 1000 levels
            diags.append(rules.TOO_DEEP.at(where, f"nesting is deeper than {MAX_DEPTH} levels", hint="flatten the structure"))
            return None
        context = f" ({exc.context})" if exc.context else ""
        line = text.split("\n")[mark.line] if mark and 0 <= mark.line < text.count("\n") + 1 else ""
        diags.append(rules.YAML_SYNTAX.at(where, f"{problem}{context}", hint=_syntax_hint(problem, line)))
        return None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        diags.append(rules.YAML_SYNTAX.at(Position(shown, 0, 0), str(exc).splitlines()[0]))
        return None
    finally:
        parser.dispose()


_OPENER = {
    "while scanning a quoted scalar": "the quoted text that starts here",
    "while parsing a flow sequence": "the list '[' that starts here",
    "while parsing a flow mapping": "the mapping '{' that starts here",
}


def _syntax_hint(problem: str, line: str) -> str:
    """What to try, from libyaml's (or PyYAML's) wording and the line the error is on."""
    if "quoted text" in problem:
        return "add the closing quote; inside double quotes write a quote as \\\", inside single quotes as ''"
    if "never closed" in problem:
        return "add the closing bracket"
    if "mapping values are not allowed" in problem:
        return "quote the text if it contains ': ' (a colon followed by a space)"
    if "tab" in problem or "\\t" in problem or "\t" in line[: len(line) - len(line.lstrip())]:
        return "indent with spaces; YAML does not allow tabs"
    return "check indentation and quoting on this line and the one before"


def _build(next_event: Callable[[], Any], shown: str, diags: list[Diagnostic], first_line: int) -> YNode | None:  # noqa: PLR0915 (one hot loop, kept whole)
    """Turn the flat event stream into YNodes with an explicit stack (no recursion).

    This loop runs once per scalar, key and bracket of every file (about 26 events per claim),
    so it is written for speed: one function, globals bound to locals, classes compared by
    identity, nodes built with ``tuple.__new__``. Events are typed ``Any`` because libyaml's
    and PyYAML's event and mark classes differ.
    """
    new = tuple.__new__
    scalar_event, mapping_start, sequence_start = _SCALAR, _MAPPING_START, _SEQUENCE_START
    mapping_end, sequence_end = _MAPPING_END, _SEQUENCE_END
    allowed, escaped = _ALLOWED_TAGS, _ESCAPED.search
    root: YNode | None = None
    stack: list[YMap | YSeq] = []
    in_map = False
    """Whether the innermost open collection is a mapping (else a sequence, or none yet)."""
    mapping: dict[str, tuple[YScalar, YNode]] = {}
    sequence: list[YNode] = []
    """The items of the innermost open collection (one of the two is in use)."""
    key: YScalar | None = None
    """In a mapping, the key whose value comes next."""
    documents = 0
    node: YNode
    while (event := next_event()) is not None:
        kind = event.__class__
        if kind is scalar_event:
            mark = event.start_mark
            pos = new(Position, (shown, mark.line + first_line, mark.column + 1))
            value = event.value
            tag = event.tag
            if tag is None:
                plain = event.implicit[0]
                if event.anchor is not None:
                    _props(event, pos, diags)
            else:
                plain = False
                if tag not in allowed or event.anchor is not None:
                    _props(event, pos, diags)
            if event.style == '"' and escaped(value):
                value = value.replace("\u2028", " ").replace("\u2029", " ")  # "\L", "\P": see _SEPARATORS
                if escaped(value):
                    _escaped(value, pos, diags)
                    return None
            if in_map:
                if key is None:
                    if plain and value == "<<":
                        diags.append(rules.YAML_ALIAS.at(pos, "YAML merge keys (<<) are not allowed", hint="write the keys out"))
                        return None
                    key = new(YScalar, (value, pos, plain))
                    continue
                pair: tuple[YScalar, YNode] = (key, new(YScalar, (value, pos, plain)))
                if mapping.setdefault(key.value, pair) is not pair:
                    _duplicate(key, mapping[key.value][0], diags)
                key = None
            elif stack:
                sequence.append(new(YScalar, (value, pos, plain)))
            else:
                root = new(YScalar, (value, pos, plain))
            continue
        if kind is mapping_end or kind is sequence_end:
            stack.pop()
            if stack:
                top = stack[-1]
                in_map = top.__class__ is YMap
                if in_map:
                    mapping = top.items  # type: ignore[assignment]
                else:
                    sequence = top.items  # type: ignore[assignment]
            key = None  # a collection is never a key (refused below), so its parent awaits a new key
            continue
        if kind is mapping_start or kind is sequence_start:
            mark = event.start_mark
            pos = new(Position, (shown, mark.line + first_line, mark.column + 1))
            if event.anchor is not None or event.tag not in allowed:
                _props(event, pos, diags)
            if len(stack) >= MAX_DEPTH:
                diags.append(rules.TOO_DEEP.at(pos, f"nesting is deeper than {MAX_DEPTH} levels", hint="flatten the structure"))
                return None
            node = new(YMap, (pos, {})) if kind is mapping_start else new(YSeq, ([], pos))
            if in_map:
                if key is None:
                    diags.append(rules.WRONG_TYPE.at(pos, "a mapping key must be plain text", hint="use a simple `key: value`"))
                    return None
                pair = (key, node)
                if mapping.setdefault(key.value, pair) is not pair:
                    _duplicate(key, mapping[key.value][0], diags)
                key = None
            elif stack:
                sequence.append(node)
            else:
                root = node
            stack.append(node)
            in_map = kind is mapping_start
            if in_map:
                mapping = node.items  # type: ignore[assignment]
            else:
                sequence = node.items  # type: ignore[assignment]
            continue
        if kind is _ALIAS:
            diags.append(
                rules.YAML_ALIAS.at(
                    Position(shown, event.start_mark.line + first_line, event.start_mark.column + 1),
                    f"YAML aliases (*{event.anchor}) are not allowed",
                    hint="write the value out, or reuse a claim with `ref: <claim-id>`",
                )
            )
            return None
        if kind is _DOCUMENT_START:
            documents += 1
            if documents > 1:
                diags.append(
                    rules.MULTIPLE_DOCUMENTS.at(
                        Position(shown, event.start_mark.line + first_line, event.start_mark.column + 1),
                        "the file holds a second YAML document",
                        hint="remove the `---` line; put each map or source in its own file",
                    )
                )
                return None
        # Anything else is the start or end of the stream or a document end: nothing to build.
    return root


def _duplicate(key: YScalar, first: YScalar, diags: list[Diagnostic]) -> None:
    """Report ``key`` as a repeat of ``first`` (the first is kept, as the mapping already holds it)."""
    diags.append(
        rules.DUPLICATE_KEY.at(
            key.pos,
            f"duplicate key '{key.value}' (first at line {first.pos.line})",
            hint="remove one of them; YAML would silently keep only the last",
            related=(first.pos,),
        )
    )


def _props(event: Any, pos: Position, diags: list[Diagnostic]) -> None:
    """Report an anchor or a tag; both leave the tree usable, so loading goes on."""
    if event.anchor is not None:
        diags.append(
            rules.YAML_ALIAS.at(
                pos,
                f"YAML anchors (&{event.anchor}) are not allowed",
                hint="remove the anchor; reuse a claim with `ref: <claim-id>`",
            )
        )
    if event.tag not in _ALLOWED_TAGS:
        diags.append(
            rules.YAML_TAG.at(
                pos, f"the YAML tag '{_written_tag(event.tag)}' is not allowed", hint="remove the tag and write plain text"
            )
        )


def _written_tag(tag: str) -> str:
    """A tag as the curator wrote it: ``!!binary`` rather than ``tag:yaml.org,2002:binary``."""
    return "!!" + tag[len(_YAML_TAG_PREFIX) :] if tag.startswith(_YAML_TAG_PREFIX) else tag


def _escaped(value: str, pos: Position, diags: list[Diagnostic]) -> None:
    """Refuse a control character written as an escape ("\\x1b", "\\0") in a double-quoted string.

    The file itself was clean, but the value would carry the character into pages, feeds and
    terminal output all the same.
    """
    bad = _ESCAPED.search(value)
    assert bad is not None
    diags.append(
        rules.CONTROL_CHARACTER.at(
            pos,
            f"the quoted text contains the control character U+{ord(bad.group()):04X}, written as an escape",
            hint="remove the backslash escape",
        )
    )
