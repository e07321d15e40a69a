"""Geometry of the drawn map: boxes with wrapped text and a tidy left-to-right tree layout.

Debate maps are wide and shallow (a thesis with a dozen or more pros and cons, chains of
rebuttals a few levels deep) and their boxes hold whole sentences. Depth therefore runs left to
right in columns, and siblings stack downwards, so the drawing grows down the page like the
outline instead of into a very wide strip. The layout rules:

1. A box's column is its depth: ``x = depth * pitch``.
2. A box is top-aligned with its first child, so the tree reads from the top-left corner.
3. Siblings stack in content order. Each subtree moves up as far as it can while clearing the
   subtrees above it at every depth (by ``sibling_gap`` at its own depth, ``cousin_gap`` below),
   and a box also stays below the last edge of the sibling above it, so the edges fanning out of
   two siblings never share a stretch of the gap between columns.

This is the contour idea of Reingold and Tilford. Contours are merged smaller-into-larger, so a
layout takes time linear in the number of boxes however deep the tree, and nothing recurses, so
a chain thousands of claims deep lays out without touching Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .drawing_font import wrap


@dataclass(frozen=True, slots=True)
class BoxStyle:
    """Sizes of a box and its text, in CSS pixels at 100 % zoom."""

    width: int
    font_size: int
    line_height: int
    pad_x: int
    pad_y: int
    max_lines: int

    @property
    def text_width(self) -> int:
        return self.width - 2 * self.pad_x


@dataclass(frozen=True, slots=True)
class TreeStyle:
    """Spacing of the tree layout."""

    pitch: int
    """Distance between the left edges of two columns (box width plus the gap for edges)."""
    sibling_gap: int
    """Vertical space between two sibling boxes."""
    cousin_gap: int
    """Vertical space between boxes of neighbouring subtrees at deeper levels."""
    port: int
    """Where edges leave and enter a box, measured down from its top (the first line of text)."""


@dataclass(slots=True)
class Box:
    """One appearance of a claim in a drawing; ``x`` and ``y`` are set by the layout."""

    claim_id: str
    text: str
    """The claim as plain text (the full sentence, shown on hover)."""
    stance: str
    """'thesis', 'pro' or 'con' (towards the parent box)."""
    first: bool
    """False for a claim met again: drawn without its subtree, linking to the full appearance."""
    is_ref: bool
    depth: int
    lines: tuple[str, ...]
    shortened: bool
    width: int
    height: int
    hidden: int = 0
    """For a repeat: how many pros and cons are drawn at the full appearance instead."""
    children: list[Box] = field(default_factory=list)
    x: int = 0
    y: int = 0


def make_box(
    claim_id: str,
    text: str,
    stance: str,
    depth: int,
    style: BoxStyle,
    *,
    first: bool = True,
    is_ref: bool = False,
    extra: int = 0,
) -> Box:
    """A box sized to its wrapped text; ``extra`` adds room below the text (a marker row)."""
    lines, shortened = wrap(text, style.text_width, style.font_size, style.max_lines, bold=stance == "thesis")
    height = 2 * style.pad_y + style.line_height * max(len(lines), 1) + extra
    return Box(claim_id, text, stance, first, is_ref, depth, lines, shortened, style.width, height)


def walk(root: Box) -> Iterator[Box]:
    """Every box in document (depth-first, pre-) order, without recursion."""
    stack = [root]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(reversed(box.children))


class _Contour:
    """The top and bottom of a subtree at each depth, deepest level first.

    Level ``j`` (0 is the subtree's root) is stored at index ``len - 1 - j`` so that a parent
    adds its own level with an append; stored values are relative to ``shift``.
    """

    __slots__ = ("bottoms", "shift", "tops")

    def __init__(self, tops: list[int], bottoms: list[int], shift: int) -> None:
        self.tops = tops
        self.bottoms = bottoms
        self.shift = shift

    def __len__(self) -> int:
        return len(self.tops)

    def top(self, level: int) -> int:
        return self.tops[-1 - level] + self.shift

    def bottom(self, level: int) -> int:
        return self.bottoms[-1 - level] + self.shift


def _place(acc: _Contour, child: _Contour, tree: TreeStyle) -> int:
    """How far below the siblings' top the next subtree must start to clear them at every depth."""
    offset = 0
    for level in range(min(len(acc), len(child))):
        gap = tree.sibling_gap if level == 0 else tree.cousin_gap
        offset = max(offset, acc.bottom(level) + gap - child.top(level))
    return offset


def _merge(acc: _Contour, child: _Contour, offset: int) -> _Contour:
    """The contour of ``acc`` with ``child`` placed ``offset`` below, reusing the longer one's lists."""
    common = min(len(acc), len(child))
    if len(child) > len(acc):
        shift = child.shift + offset
        for level in range(common):
            child.tops[-1 - level] = acc.top(level) - shift
        child.shift = shift
        return child
    for level in range(common):
        acc.bottoms[-1 - level] = child.bottom(level) + offset - acc.shift
    return acc


def tidy_layout(root: Box, tree: TreeStyle) -> tuple[int, int]:
    """Set ``x`` and ``y`` of every box under ``root``; return the drawing's width and height."""
    order = list(walk(root))
    contours: dict[int, _Contour] = {}
    offsets: dict[int, int] = {}
    for box in reversed(order):  # children before parents
        acc: _Contour | None = None
        for child in box.children:
            contour = contours.pop(id(child))
            offset = 0 if acc is None else _place(acc, contour, tree)
            offsets[id(child)] = offset
            acc = contour if acc is None else _merge(acc, contour, offset)
        if acc is None:
            contours[id(box)] = _Contour([0], [box.height], 0)
            continue
        # Keep the next sibling below this box's last edge: no two fans share the gap.
        bottom = max(box.height, offsets[id(box.children[-1])] + tree.port)
        acc.tops.append(-acc.shift)
        acc.bottoms.append(bottom - acc.shift)
        contours[id(box)] = acc
    width = height = 0
    root.x = root.y = 0
    for box in order:
        box.x = box.depth * tree.pitch
        for child in box.children:
            child.y = box.y + offsets[id(child)]
        width = max(width, box.x + box.width)
        height = max(height, box.y + box.height)
    return width, height
