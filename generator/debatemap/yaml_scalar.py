"""Write a text as a YAML scalar that the loader and the validator read back as the very same text.

Both writers of content use it: ``debatemap new`` (a claim's text inserted into a curator's
file) and ``debatemap import`` (whole files from untrusted text). A scalar stays plain only where
nothing can be misread: it starts with a letter or ``(``, holds no ``: `` or `` #``, does not end
in a space or ``:``, is no word that YAML 1.1 reads as null, a boolean or a number (which the
validator refuses unquoted: ``no``, ``null``; its own table decides), and every character is
printable. Anything else is single-quoted (only ``'`` is doubled), or, when it has a line break
or a character that single quotes cannot carry, written as a JSON string, which is a valid YAML
double-quoted scalar (JSON's escapes are a subset of YAML's). Inside brackets, a text that would
be plain but holds a comma, a bracket or ``#`` is a JSON string too. A regular expression
decides, not PyYAML's emitter, which quotes the same words but took about 176 µs a scalar
against 2 µs here, and an import writes tens of thousands.

The text must be one the loader can hold (no control characters: ``interop.yaml_out`` strips
them from imported text, and ``debatemap new`` re-reads every edit and refuses one that reads
back different). ``tests/test_yaml_scalar.py`` property-tests all three forms.
"""

from __future__ import annotations

import json
import re

from .validate import yaml11_meaning

_PLAIN = re.compile(r"[A-Za-z\u00c0-\U0010ffff(][^\n\t]*")
"""Text that may stay unquoted: starts with a letter (or a parenthesis), has no tab or newline."""
_FLOW_UNSAFE = frozenset(",[]{}#")
"""What may end a plain scalar inside brackets (``#`` only after a space, but plain is not worth the risk)."""


def scalar(text: str) -> str:
    """One line of text as a YAML scalar in block context (``key: <here>``, ``- <here>``)."""
    if _plain_safe(text):
        return text
    return quoted(text)


def flow_scalar(text: str) -> str:
    """One line of text as a YAML scalar inside brackets (``[<here>, ...]``, ``{key: <here>}``):
    as in block context, and a JSON string where a bracket, comma or ``#`` would end it."""
    written = scalar(text)
    if written != text or _FLOW_UNSAFE.isdisjoint(text):
        return written
    return json.dumps(text, ensure_ascii=False)


def quoted(text: str) -> str:
    """``text`` single-quoted when single quotes can carry it, else as a JSON (double-quoted) string."""
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def block_scalar(text: str, indent: str) -> str:
    """Markdown on several lines as a literal block (``|``) under ``indent``; one line stays a scalar."""
    if "\n" not in text:
        return scalar(text)
    lines = text.split("\n")
    if not all(line.isprintable() or line == "" for line in (line.replace("\t", " ") for line in lines)):
        return json.dumps(text, ensure_ascii=False)
    # An indentation indicator when the first line starts with a space, which would else be
    # taken for the block's indentation.
    head = "|2" if lines[0].startswith(" ") else "|"
    body = "\n".join(indent + "  " + line if line else "" for line in lines)
    return f"{head}\n{body}"


def _plain_safe(text: str) -> bool:
    return (
        _PLAIN.fullmatch(text) is not None
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and yaml11_meaning(text) is None
        and text.isprintable()
    )
