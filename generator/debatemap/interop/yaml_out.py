"""Write content YAML that reads back as exactly the values written, whatever the text holds.

Imported text is untrusted: quotes, colons, ``#``, leading dashes, ``yes``, ``1.10``,
Unicode and many lines must all come back as the same string through ``load`` and
``validate``. Plain scalars are used only where nothing can be misread; everything else is a
JSON string, which is also a valid YAML double-quoted scalar (JSON escapes are a subset of
YAML's), and block Markdown is a literal block. Values are first normalised the way the loader
normalises them (an inline text on one line, a block without edge blank lines), so what is
written is what a load gives back. No anchors, aliases or tags are ever written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

_PLAIN = re.compile(r"[A-Za-z\u00c0-\U0010ffff(][^\n\t]*")
"""Text that may stay unquoted: starts with a letter (or a parenthesis), has no tab or newline."""
_LOOKS_TYPED = re.compile(r"(?i)(y|yes|n|no|true|false|on|off|null|~|[-+]?[0-9][0-9_:.,eE+-]*|[-+]?\.[0-9]+|\.(inf|nan))")
"""Plain words that YAML 1.1 reads as something other than text, which the validator refuses."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
"""What the loader refuses in a file (``load._CONTROL``, plus lone surrogates)."""


def strip_controls(text: str) -> str:
    """``text`` without the characters a content file may not hold; CR line ends become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def has_controls(text: str) -> bool:
    return _CONTROL.search(text.replace("\r", "")) is not None


def inline(text: str) -> str:
    """A one-line text as the validator gives it back: trimmed, and on one line if it had several."""
    text = strip_controls(text).strip()
    return " ".join(text.split()) if "\n" in text else text


def block(text: str) -> str:
    """Block Markdown as the validator gives it back: no blank lines at the ends, no trailing space."""
    return strip_controls(text).strip("\n").rstrip()


def scalar(text: str) -> str:
    """One line of text as a YAML scalar: plain when unambiguous, else a JSON (double-quoted) string."""
    if (
        _PLAIN.fullmatch(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and not _LOOKS_TYPED.fullmatch(text)
        and text.isprintable()
    ):
        return text
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


@dataclass(frozen=True, slots=True)
class Raw:
    """A value written as is: ids, dates and URLs already checked to be plain-safe."""

    text: str


class Node:
    """An ordered mapping to write, built by the importer; values are text, Raw, lists or Nodes."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[tuple[str, object]] = ()) -> None:
        self.items: list[tuple[str, object]] = list(items)

    def add(self, key: str, value: object) -> Node:
        self.items.append((key, value))
        return self


_BLOCK_KEYS = frozenset({"summary", "details"})
"""Keys whose text is block Markdown."""


def dump(node: Node, header: str = "") -> str:
    """The YAML document for ``node``, with an optional comment line first."""
    out: list[str] = [header] if header else []
    _mapping(node, "", out)
    return "\n".join(out) + "\n"


def _mapping(node: Node, indent: str, out: list[str], first_prefix: str | None = None) -> None:
    """Append the lines of ``node``; lists hold values of one kind (the importer builds them so)."""
    lead = indent if first_prefix is None else first_prefix
    for key, value in node.items:
        if value.__class__ is str:
            text = block_scalar(value, indent) if key in _BLOCK_KEYS else scalar(value)
            out.append(f"{lead}{key}: {text}")
        elif value.__class__ is Raw:
            out.append(f"{lead}{key}: {value.text}")
        elif isinstance(value, Node):
            out.append(f"{lead}{key}:")
            _mapping(value, indent + "  ", out)
        else:
            assert isinstance(value, list)
            first = value[0] if value else None
            if first is None:
                out.append(f"{lead}{key}: []")
            elif first.__class__ is Raw:
                out.append(f"{lead}{key}: [{', '.join(item.text for item in value)}]")
            elif first.__class__ is str:
                out.append(f"{lead}{key}: [{', '.join(json.dumps(item, ensure_ascii=False) for item in value)}]")
            else:
                out.append(f"{lead}{key}:")
                deeper, dash = indent + "    ", indent + "  - "
                for item in value:
                    _mapping(item, deeper, out, first_prefix=dash)
        lead = indent
