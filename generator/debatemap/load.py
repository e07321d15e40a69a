"""Load: text (from text_files) -> YAML trees whose every value remembers file, line and column.

YAML is parsed at the event level (libyaml's C parser when present), not with ``yaml.load``:
events are flat, so hostile nesting cannot overflow a stack; anchors, aliases and tags are seen
as written, so alias bombs and ``!!python/...`` are refused before anything is built; and every
scalar stays the text the curator typed, so ``no``, ``012`` and ``1.10`` are never silently
turned into a boolean or a number. Whether a value may be such a thing is the schema's call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple, Union

import yaml
from yaml import events as ev

from . import rules
from .diagnostics import Diagnostic, Position

MAX_DEPTH = 100
"""Nesting limit for mappings and sequences (a claim level uses two: its mapping and a list)."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
"""What double-quoted escapes may not produce: control characters (tab and newline are fine,
carriage return is not) and lone surrogates (PyYAML's pure-Python parser lets "\\ud800" through).
The line and paragraph separators ("\\L", "\\P", "\\u2028") are matched too, to become spaces."""
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
                value = value.replace("\u2028", " ").replace("\u2029", " ")  # "\L", "\P": see text_files._SEPARATORS
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
