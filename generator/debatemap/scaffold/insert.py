"""Append an item to a list under a mapping's key, by inserting text where the loader says it goes.

The item is written in the file's own style: a block list item at the indentation of its
siblings, a new ``key:`` list at the indentation the file uses elsewhere, or ``{...}`` inside a
list or mapping written in brackets. The result is parsed again and compared with the intended
change before it is returned, so an edit that would change anything else is refused instead of
written.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator
from typing import Any, Union

from ..diagnostics import ContentError, DebatemapError, Position, UsageError
from ..load import YMap, YNode, YScalar, YSeq, plain
from ..yaml_scalar import flow_scalar, scalar
from .yaml_text import YamlText, indent_of

Item = tuple[tuple[str, Union[str, list["Item"]]], ...]
"""A mapping to add, as (key, text) or (key, list of items) pairs in the order to write them."""


class EditRefused(DebatemapError):
    """The file's shape does not allow a safe insertion; the message says where and what to do."""


def append_item(doc: YamlText, owner: YMap, key: str, item: Item, *, before: tuple[str, ...] = ()) -> tuple[bytes, YNode]:
    """The file's new bytes with ``item`` appended to ``owner[key]`` (a list made if missing), and the new item's node.

    ``before`` names keys that a new ``key:`` is written above when the mapping has them (a
    claim's ``pros`` goes above its ``cons``), so the file keeps the order curators expect.
    """
    path = _path_to(doc.tree, owner)
    lines, ends = _insert(doc, owner, key, item, before)
    data = doc.encode(lines, ends)
    try:
        new = YamlText.parse(doc.path, doc.shown, data)
    except ContentError:
        new = None
    expected = copy.deepcopy(plain(doc.tree))
    target = expected
    for step in path:
        target = target[step]
    existing = target.get(key)
    if isinstance(existing, list):
        existing.append(_plain_item(item))
    else:
        target[key] = [_plain_item(item)]
    if new is None or plain(new.tree) != expected:
        where = Position(doc.shown, owner.pos.line, owner.pos.column)
        raise EditRefused(f"{where}: cannot add to `{key}` here without changing the rest of the file; add it by hand")
    node: Any = new.tree
    for step in path:
        node = node.items[step][1] if isinstance(step, str) else node.items[step]
    added: YNode = node.items[key][1].items[-1]
    return data, added


def _insert(doc: YamlText, owner: YMap, key: str, item: Item, before: tuple[str, ...]) -> tuple[list[str], list[str]]:
    lines, ends = list(doc.lines), list(doc.ends)
    style = _Style.of(doc)
    if doc.is_flow(owner):
        if key in owner.items:
            value = owner.items[key][1]
            if not isinstance(value, YSeq):
                raise _not_a_list(doc, key, value)
            return _into_brackets(doc, value, _flow_item(item), lines, ends)
        return _into_brackets(doc, owner, f"{key}: [{_flow_item(item)}]", lines, ends)
    key_indent = owner.pos.column - 1
    if key in owner.items:
        key_node, value = owner.items[key]
        if isinstance(value, YSeq) and doc.is_flow(value):
            end = doc.end(value)
            opening = lines[value.pos.line - 1]
            if value.items or end.line != value.pos.line - 1 or end.line != key_node.pos.line - 1:
                return _into_brackets(doc, value, _flow_item(item), lines, ends)
            # `pros: []` on the key's line becomes a block list, like the rest of a claim.
            lines[end.line] = opening[: value.pos.column - 1].rstrip() + opening[end.column + 1 :]
            new = style.block(item, key_indent + style.offset)
            return _lines_after(lines, ends, key_node.pos.line - 1, new, doc.newline)
        if isinstance(value, YSeq):
            dash = value.pos.column - 1
            step = _item_step(doc, value, dash) or style.step
            after = doc.after_comments(doc.last_line(value), dash + 1)
            return _lines_after(lines, ends, after, _Style(style.offset, step).block(item, dash), doc.newline)
        if isinstance(value, YScalar) and value.plain and value.value == "" and value.pos.line == key_node.pos.line:
            new = style.block(item, key_indent + style.offset)
            return _lines_after(lines, ends, key_node.pos.line - 1, new, doc.newline)
        raise _not_a_list(doc, key, value)
    new = [" " * key_indent + f"{key}:", *style.block(item, key_indent + style.offset)]
    for name in before:
        if name in owner.items and owner.items[name][0].pos.line > owner.pos.line:
            at = owner.items[name][0].pos.line - 1
            while at - 1 > owner.pos.line - 1 and _is_comment_at(lines[at - 1], key_indent):
                at -= 1
            return _lines_after(lines, ends, at - 1, new, doc.newline)
    after = doc.after_comments(doc.last_line(owner), key_indent)
    return _lines_after(lines, ends, after, new, doc.newline)


def _item_step(doc: YamlText, seq: YSeq, dash: int) -> int | None:
    """How far the last item's keys sit past its dash (``-   id:`` is 4), when it is a mapping on the dash's line."""
    last = seq.items[-1]
    if not isinstance(last, YMap):
        return None
    line = doc.lines[last.pos.line - 1]
    if line[dash : dash + 1] != "-" or line[dash + 1 : last.pos.column - 1].strip():
        return None
    return max(last.pos.column - 1 - dash, 2)


def _is_comment_at(line: str, indent: int) -> bool:
    return line.lstrip(" ").startswith("#") and indent_of(line) == indent


def _lines_after(lines: list[str], ends: list[str], after: int, new: list[str], newline: str) -> tuple[list[str], list[str]]:
    """Insert ``new`` after line ``after``; a last line with no line end keeps having none."""
    new_ends = [newline] * len(new)
    if not ends[after]:
        ends[after], new_ends[-1] = newline, ""
    return lines[: after + 1] + new + lines[after + 1 :], ends[: after + 1] + new_ends + ends[after + 1 :]


def _into_brackets(doc: YamlText, node: YMap | YSeq, text: str, lines: list[str], ends: list[str]) -> tuple[list[str], list[str]]:
    """Insert ``text`` as the last entry of a collection written in brackets, before its closing bracket."""
    end = doc.end(node)
    line = lines[end.line]
    head = line[: end.column].rstrip()
    if head.strip():  # `[a, b]` -> `[a, b, new]`
        separator = "" if head.endswith(("[", "{")) else " " if head.endswith(",") else ", "
        lines[end.line] = head + separator + text + line[end.column :]
        return lines, ends
    # The closing bracket stands on a line of its own: the entry goes on a line above it.
    previous = end.line - 1
    while previous > node.pos.line - 1 and not lines[previous].strip():
        previous -= 1
    last = lines[previous].rstrip()
    if not last.endswith(("[", "{", ",")):
        lines[previous] = last + "," + lines[previous][len(last) :]
    indent = indent_of(lines[previous]) if previous > node.pos.line - 1 else indent_of(line) + 2
    return _lines_after(lines, ends, previous, [" " * indent + text], doc.newline)


def _not_a_list(doc: YamlText, key: str, value: YNode) -> EditRefused:
    what = "a mapping" if isinstance(value, YMap) else "a text" if isinstance(value, YScalar) else "something else"
    where = Position(doc.shown, value.pos.line, value.pos.column)
    return EditRefused(f"{where}: `{key}` holds {what}, not a list; fix it (`debatemap check` shows how), then try again")


def _path_to(tree: YNode, target: YNode) -> list[str | int]:
    """The keys and indexes that lead from the root to ``target`` (found by identity)."""
    stack: list[tuple[YNode, list[str | int]]] = [(tree, [])]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, YMap):
            stack.extend((value, [*path, name]) for name, (_, value) in node.items.items())
        elif isinstance(node, YSeq):
            stack.extend((value, [*path, index]) for index, value in enumerate(node.items))
    raise UsageError("internal error: the claim's mapping is not in its file's tree")


def _plain_item(item: Item) -> dict[str, Any]:
    return {key: value if isinstance(value, str) else [_plain_item(sub) for sub in value] for key, value in item}


def _flow_item(item: Item) -> str:
    parts = [
        f"{key}: {flow_scalar(value)}" if isinstance(value, str) else f"{key}: [{', '.join(_flow_item(sub) for sub in value)}]"
        for key, value in item
    ]
    return "{" + ", ".join(parts) + "}"


class _Style:
    """How the file indents: a list's dashes past its key (``offset``), an item's keys past its dash (``step``)."""

    def __init__(self, offset: int, step: int) -> None:
        self.offset = offset
        self.step = step

    @classmethod
    def of(cls, doc: YamlText) -> _Style:
        """The most common indentation of the file's block lists; two and two when it has none."""
        offsets: Counter[int] = Counter()
        steps: Counter[int] = Counter()
        for key, value in _block_lists(doc):
            offsets[value.pos.column - key.pos.column] += 1
            first = value.items[0]
            if isinstance(first, YMap) and first.pos.line == value.pos.line:
                steps[first.pos.column - value.pos.column] += 1
        offset = offsets.most_common(1)[0][0] if offsets else 2
        step = steps.most_common(1)[0][0] if steps else 2
        return cls(max(offset, 0), max(step, 2))

    def block(self, item: Item, dash: int) -> list[str]:
        """``item`` as a block list entry whose dash is at column ``dash`` (0-based)."""
        out: list[str] = []
        for index, (key, value) in enumerate(item):
            prefix = " " * dash + "-" + " " * (self.step - 1) if index == 0 else " " * (dash + self.step)
            if isinstance(value, str):
                out.append(f"{prefix}{key}: {scalar(value)}")
                continue
            out.append(f"{prefix}{key}:")
            for sub in value:
                out += self.block(sub, dash + self.step + self.offset)
        return out


def _block_lists(doc: YamlText) -> Iterator[tuple[YScalar, YSeq]]:
    stack: list[YNode] = [doc.tree]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            for key, value in node.items.values():
                if isinstance(value, YSeq) and value.items and not doc.is_flow(value) and value.pos.line > key.pos.line:
                    yield key, value
                stack.append(value)
        elif isinstance(node, YSeq):
            stack.extend(node.items)
