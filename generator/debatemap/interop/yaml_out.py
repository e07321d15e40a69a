"""Write content YAML that reads back as exactly the values written, whatever the text holds.

Imported text is untrusted: quotes, colons, ``#``, leading dashes, ``yes``, ``1.10``,
Unicode and many lines must all come back as the same string through ``load`` and
``validate``. Values are first normalised the way the loader normalises them (an inline text on
one line, a block without edge blank lines, no control characters), then written by
``yaml_scalar`` (plain only where nothing can be misread, else quoted; block Markdown as a literal
block), so what is written is what a load gives back. No anchors, aliases or tags are ever written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..yaml_scalar import block_scalar, flow_scalar, scalar

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
"""What the loader refuses in a file (``text_files._CONTROL``, plus lone surrogates)."""


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
                out.append(f"{lead}{key}: [{', '.join(flow_scalar(item) for item in value)}]")
            else:
                out.append(f"{lead}{key}:")
                deeper, dash = indent + "    ", indent + "  - "
                for item in value:
                    _mapping(item, deeper, out, first_prefix=dash)
        lead = indent
