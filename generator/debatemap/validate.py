"""Validate positioned YAML against a ``Schema`` and return typed ``Record``s.

Every problem becomes a diagnostic at the position of the value at fault; a field with a problem
is left out of the record, so later stages only ever see well-typed values.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Union
from urllib.parse import urlsplit

from . import rules
from .dates import partial_date_problem
from .diagnostics import Diagnostic, Position
from .load import YMap, YNode, YScalar, YSeq
from .schema import CLAIM, ID_MAX, ID_RE, REF, RESERVED_IDS, SCHEMAS, Field, Kind, Schema

# How YAML 1.1 (PyYAML's default) would read a plain scalar; we keep the text but refuse it
# where a string is required, so `no` never becomes False and `1.10` never becomes 1.1.
_YAML11 = (
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$")),
    ("a boolean", re.compile(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")),
    ("a number", re.compile(r"^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$")),
    ("a number", re.compile(r"^[-+]?(?:(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")),
)  # fmt: skip
_NULL = _YAML11[0][1]
# Enum members bound to module names, compared by identity in the hot path (an Enum's hash is a
# Python-level function).
_ID, _TEXT, _INLINE, _MARKDOWN = Kind.ID, Kind.TEXT, Kind.INLINE, Kind.MARKDOWN
_RECORD, _CLAIM = Kind.RECORD, Kind.CLAIM
_TEXT_KINDS = frozenset({Kind.TEXT, Kind.INLINE, Kind.MARKDOWN, Kind.ID})
"""Kinds whose values must be text: `no` or `1.10` there needs quotes."""
_NUMBER_START = frozenset("-+.0123456789")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT_RE = re.compile(r"-?[0-9]{1,9}")
_URL_BAD = re.compile(r"[\s<>\"\\^`{|}]")

Value = Union[str, int, "Record", list[tuple[str, Position]], list["Record"]]


@dataclass(slots=True)
class Record:
    """A validated mapping: values of the declared types, each with the position it was read at."""

    schema: Schema
    pos: Position
    values: dict[str, Value] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def integer(self, name: str) -> int | None:
        value = self.values.get(name)
        return value if isinstance(value, int) else None

    # A list field holds only texts or only records (its schema kind says which), so looking
    # at the first item is enough; these run for every claim of every build.
    def texts(self, name: str) -> list[tuple[str, Position]]:
        value = self.values.get(name)
        return value if isinstance(value, list) and (not value or isinstance(value[0], tuple)) else []  # type: ignore[return-value]

    def records(self, name: str) -> list[Record]:
        value = self.values.get(name)
        if isinstance(value, Record):
            return [value]
        return value if isinstance(value, list) and (not value or isinstance(value[0], Record)) else []  # type: ignore[return-value]

    def pos_of(self, name: str) -> Position:
        return self.positions.get(name, self.pos)


def validate(node: YNode | None, schema: Schema, diags: list[Diagnostic], where: Position) -> Record | None:
    """Check ``node`` against ``schema``; ``where`` locates an empty or missing document."""
    if node is None:
        diags.append(rules.EMPTY_VALUE.at(where, f"the file is empty; expected a {schema.name} mapping"))
        return None
    if not isinstance(node, YMap):
        diags.append(rules.WRONG_TYPE.at(node.pos, f"expected a {schema.name} mapping of `key: value` lines"))
        return None
    return _record(node, schema, diags)


def _record(node: YMap, schema: Schema, diags: list[Diagnostic]) -> Record:
    record = Record(schema, node.pos)
    values, positions, fields = record.values, record.positions, schema.by_name
    for key_text, (key, value) in node.items.items():
        spec = fields.get(key_text)
        if spec is None:
            diags.append(_unknown_key(key, schema))
            continue
        positions[key_text] = value.pos
        kind = spec.kind
        if kind is not _RECORD and kind is not _CLAIM and not spec.many and isinstance(value, YScalar):
            converted: Value | None = _scalar(value, spec, diags)  # most values: skip two calls
        else:
            converted = _value(value, spec, diags)
        if converted is not None:
            values[key_text] = converted
    for spec in schema.required:
        if spec.name not in node.items:
            diags.append(
                rules.MISSING_FIELD.at(
                    node.pos, f"{schema.name} is missing the required field '{spec.name}'", hint=f"add `{spec.name}:`: {spec.doc}"
                )
            )
    return record


def _unknown_key(key: YScalar, schema: Schema) -> Diagnostic:
    names = [f.name for f in schema.fields]
    close = difflib.get_close_matches(key.value, names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"{schema.name} keys are: {', '.join(names)}"
    return rules.UNKNOWN_KEY.at(key.pos, f"unknown key '{key.value}' in {schema.name}", hint=hint)


def _value(node: YNode, spec: Field, diags: list[Diagnostic]) -> Value | None:
    if not spec.many:
        return _single(node, spec, diags)
    if isinstance(node, YScalar) and node.plain and _NULL.match(node.value):
        diags.append(rules.EMPTY_VALUE.at(node.pos, f"'{spec.name}' is empty", hint="remove the key or give it a list"))
        return None
    if not isinstance(node, YSeq):
        diags.append(
            rules.WRONG_TYPE.at(
                node.pos, f"'{spec.name}' must be a list", hint=f"write `{spec.name}: [a, b]` or one `- item` per line"
            )
        )
        return None
    if spec.max_items and len(node.items) > spec.max_items:
        diags.append(rules.TOO_LONG.at(node.pos, f"'{spec.name}' has {len(node.items)} items; the limit is {spec.max_items}"))
        return None
    if spec.kind is _RECORD or spec.kind is _CLAIM:
        out_records: list[Record] = []
        nested = SCHEMAS[spec.record] if spec.kind is _RECORD else None
        for item in node.items:
            if isinstance(item, YMap):  # the usual case, without the detour through _single
                out_records.append(_record(item, nested, diags) if nested is not None else _claim(item, diags))
            else:
                _single(item, spec, diags)  # reports the wrong type
        return out_records
    out: list[tuple[str, Position]] = []
    for item in node.items:
        text = _scalar(item, spec, diags) if isinstance(item, YScalar) else _single(item, spec, diags)
        if isinstance(text, str):
            out.append((text, item.pos))
    return out


def _single(node: YNode, spec: Field, diags: list[Diagnostic]) -> Value | None:
    if spec.kind is Kind.RECORD or spec.kind is Kind.CLAIM:
        if not isinstance(node, YMap):
            what = "a claim (`id:` and `claim:`) or `ref: <claim-id>`" if spec.kind is Kind.CLAIM else f"a {spec.record} mapping"
            diags.append(rules.WRONG_TYPE.at(node.pos, f"expected {what} in '{spec.name}'"))
            return None
        if spec.kind is Kind.CLAIM:
            return _claim(node, diags)
        return _record(node, SCHEMAS[spec.record], diags)
    if not isinstance(node, YScalar):
        diags.append(rules.WRONG_TYPE.at(node.pos, f"'{spec.name}' must be a single value, not a list or mapping"))
        return None
    return _scalar(node, spec, diags)


def _claim(node: YMap, diags: list[Diagnostic]) -> Record:
    if "ref" not in node.items:
        return _record(node, CLAIM, diags)
    extra = [key for name, (key, _) in node.items.items() if name != "ref"]
    for key in extra:
        diags.append(
            rules.UNKNOWN_KEY.at(
                key.pos,
                f"a `ref:` takes no other keys, found '{key.value}'",
                hint="edit the claim where it is defined, or give this one its own id",
            )
        )
    return _record(YMap(node.pos, {"ref": node.items["ref"]}), REF, diags)


def yaml11_meaning(text: str) -> str | None:
    """What YAML 1.1 reads the plain scalar ``text`` as ('null', 'a boolean', 'a number'), or None
    for text: a value the validator refuses unquoted where text is due, so writers quote it."""
    for meaning, pattern in _YAML11:
        if pattern.match(text):
            return meaning
    return None


def _scalar(node: YScalar, spec: Field, diags: list[Diagnostic]) -> str | int | None:
    value = node.value
    text = value.strip()
    # Only a plain scalar can mean null, a boolean or a number, and only if it is at most five
    # characters long (`false`) or starts like a number: the test that skips the regexes for
    # nearly every value.
    if node.plain and (len(text) <= 5 or text[0] in _NUMBER_START):
        for meaning, pattern in _YAML11:
            if pattern.match(text):
                if meaning == "null":
                    diags.append(
                        rules.EMPTY_VALUE.at(node.pos, f"'{spec.name}' is empty", hint="give it a value or remove the key")
                    )
                    return None
                if spec.kind in _TEXT_KINDS:
                    diags.append(
                        rules.WRONG_TYPE.at(
                            node.pos,
                            f"'{spec.name}' must be text, but YAML reads `{text}` as {meaning}",
                            hint=f'put it in quotes: "{text}"',
                        )
                    )
                    return None
                break  # dates, URLs, choices and whole numbers get their own, more precise message
    if not text:
        diags.append(rules.EMPTY_VALUE.at(node.pos, f"'{spec.name}' is empty", hint="give it a value or remove the key"))
        return None
    kind = spec.kind
    if kind is _ID:
        return _check_id(text, node, spec, diags)
    if kind is _TEXT or kind is _INLINE or kind is _MARKDOWN:
        if spec.max_length and len(text) > spec.max_length:
            diags.append(
                rules.TOO_LONG.at(node.pos, f"'{spec.name}' is {len(text)} characters long; the limit is {spec.max_length}")
            )
            return None
        if kind is _MARKDOWN:
            # Keep the first line's indentation: in Markdown four spaces start a code block.
            return value.strip("\n").rstrip()
        if "\n" in text:
            text = " ".join(text.split())
        return text
    return _CHECKERS[kind](text, node, spec, diags)


def _check_id(text: str, node: YScalar, spec: Field, diags: list[Diagnostic]) -> str | None:
    problem = check_id(text)
    if problem is not None:
        diags.append(rules.INVALID_ID.at(node.pos, f"invalid id '{text}': {problem}", hint=id_hint(text)))
        return None
    return text


def check_id(text: str) -> str | None:
    """Why ``text`` cannot be an id, or None when it can."""
    if len(text) > ID_MAX:
        return f"ids are at most {ID_MAX} characters"
    if not ID_RE.fullmatch(text):
        return "ids use lowercase ASCII letters, digits and single hyphens"
    if text in RESERVED_IDS:
        return "this name is reserved"
    return None


def id_hint(text: str) -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:ID_MAX].strip("-")
    if suggestion and suggestion != text and check_id(suggestion) is None:
        return f"try '{suggestion}'"
    return "use lowercase letters, digits and hyphens, e.g. open-weights-speed-innovation"


def _check_date(text: str, node: YScalar, spec: Field, diags: list[Diagnostic]) -> str | None:
    if _DATE_RE.fullmatch(text):
        try:
            datetime.date.fromisoformat(text)
        except ValueError as exc:
            diags.append(rules.INVALID_DATE.at(node.pos, f"'{text}' is not a real date: {exc}"))
            return None
        return text
    diags.append(rules.INVALID_DATE.at(node.pos, f"'{text}' is not a date in the form YYYY-MM-DD", hint="e.g. 2024-07-23"))
    return None


def _check_partial_date(text: str, node: YScalar, spec: Field, diags: list[Diagnostic]) -> str | None:
    problem = partial_date_problem(text)
    if problem is None:
        return text
    message, hint = problem
    diags.append(rules.INVALID_DATE.at(node.pos, message, hint=hint))
    return None


def _check_url(text: str, node: YScalar, spec: Field, diags: list[Diagnostic]) -> str | None:
    problem = None
    if len(text) > 2000:
        problem = "it is longer than 2000 characters"
    elif _URL_BAD.search(text):
        problem = "it contains spaces or characters that must be percent-encoded"
    else:
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as exc:
            problem = str(exc)
        else:
            if parts.scheme not in ("http", "https"):
                problem = "only http and https links are allowed"
            elif not parts.hostname or ("." not in parts.hostname and parts.hostname != "localhost") or port == 0:
                problem = "it has no valid host name"
    if problem is not None:
        diags.append(
            rules.INVALID_URL.at(node.pos, f"'{spec.name}' is not a valid URL: {problem}", hint="e.g. https://example.org/page")
        )
        return None
    return text


def _check_choice(text: str, node: YScalar, spec: Field, diags: list[Diagnostic]) -> str | None:
    if text in spec.choices:
        return text
    close = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"choose one of: {', '.join(spec.choices)}"
    diags.append(rules.INVALID_CHOICE.at(node.pos, f"'{text}' is not a valid value for '{spec.name}'", hint=hint))
    return None


def _check_int(text: str, node: YScalar, spec: Field, diags: list[Diagnostic]) -> int | None:
    if _INT_RE.fullmatch(text):
        return int(text)
    diags.append(rules.WRONG_TYPE.at(node.pos, f"'{spec.name}' must be a whole number, not '{text}'"))
    return None


_CHECKERS = {
    Kind.ID: _check_id,
    Kind.DATE: _check_date,
    Kind.PARTIAL_DATE: _check_partial_date,
    Kind.URL: _check_url,
    Kind.CHOICE: _check_choice,
    Kind.INT: _check_int,
}


def scalar_problems(text: str, spec: Field) -> list[Diagnostic]:
    """What validation says of ``text`` as the (quoted) value of ``spec``: writers of content
    (``debatemap import``) ask before they write, so what they write passes ``check``."""
    diags: list[Diagnostic] = []
    _scalar(YScalar(text, Position("", 0, 0), False), spec, diags)
    return diags
