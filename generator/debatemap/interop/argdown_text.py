"""Argdown's lexical rules, both ways: text escaped so Argdown reads it as text, and read back.

Argdown (1.x, as @argdown/cli 1.7 lexes it) gives meaning to characters anywhere on a line:
``[..]`` and ``<..>`` are statements and arguments, ``#word`` a tag, ``{..}`` data, ``*`` and
``_`` emphasis that must be closed, ``//``, ``/*`` and ``<!--`` comments, ``:name:`` and
``.name.`` shortcodes. A backslash escapes any character. ``escape`` puts one before each of
those and no other character, so claims keep reading as sentences; ``unescape`` reverses it.
Data (``{...}``) is written as JSON, which Argdown's YAML reader accepts, with ``{``, ``}`` and
``==`` inside strings spelled as escapes so the lexer's data and front-matter patterns cannot
end early.
"""

from __future__ import annotations

import json
import re
from typing import Any

_ALWAYS = frozenset("\\[]<>{}#*_")
"""Characters escaped wherever they stand."""
_SHORTCODE_NAMES = (
    "A E O P -> <-> ~ ^ v v_ <> [] happy smile smiley laugh lol rofl joy heart ? question love wink "
    "shush meh eye-roll sad disappointed scream +1 up -1 down think star y agree n disagree"
)
SHORTCODES = frozenset(_SHORTCODE_NAMES.split())
"""The names @argdown/core 1.7 turns into symbols between dots or colons (``:happy:``, ``.A.``)."""


_ESCAPE = re.compile(
    r"[\\\[\]<>{}#*_]|/(?=[/*])|([.:])(?=(?:"
    + "|".join(re.escape(name) for name in sorted(SHORTCODES, key=len, reverse=True))
    + r")\1)"
)
"""One pass over the text: an always-escaped character, a slash that starts a comment, or the
dot or colon that opens a shortcode (Argdown's ``\\.[^\\s]+?\\.`` read lazily is exactly a name
between two equal delimiters, since no name holds a dot, a colon or a space)."""


def escape(text: str) -> str:
    """``text`` (one line) with a backslash before every character Argdown would not read as text."""
    return _ESCAPE.sub(r"\\\g<0>", text)


def unescape(text: str) -> str:
    """Drop each escaping backslash (``\\x`` reads as ``x``), as Argdown does."""
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


_encode = json.JSONEncoder(ensure_ascii=False).encode


def data(value: Any) -> str:
    """``value`` as one line of JSON that Argdown's data and front-matter patterns read whole."""
    if not _needs_escapes(value):
        return _encode(value)  # the C encoder, for the usual case
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string(str(k))}: {data(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(data(v) for v in value) + "]"
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)


def _needs_escapes(value: Any) -> bool:
    """Whether a text anywhere in ``value`` holds a brace or ``==`` (keys are ids and words)."""
    if isinstance(value, str):
        return "{" in value or "}" in value or "==" in value
    if isinstance(value, dict):
        return any(_needs_escapes(v) for v in value.values())
    if isinstance(value, list):
        return any(_needs_escapes(v) for v in value)
    return False


def _string(text: str) -> str:
    # JSON never leaves a backslash unpaired before a character, so these replacements cannot
    # split an escape: a brace or a run of '=' in the output is always the text's own.
    quoted = _encode(text)
    return quoted.replace("{", "\\u007b").replace("}", "\\u007d").replace("==", "=\\u003d")
