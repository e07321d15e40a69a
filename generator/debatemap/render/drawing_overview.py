"""The shape of a whole debate at a glance: an icicle chart of the map's tree.

Each row is a depth (the thesis on top), each segment a claim whose width is the share of the
debate under it, coloured and patterned by stance (pros plain, cons hatched, so colour is never
the only cue) and linked to the claim's page. A reader sees where the argument runs deep and
where one side has no answer. An icicle rather than a sunburst: segments are rectangles, so the
wide ones carry readable labels and the chart scales to the page width.

Segments narrower than ``MIN_WIDTH`` pixels are not drawn (their parent's width still counts
them), so the markup stays small for a map of any size: at most ``WIDTH / MIN_WIDTH`` segments
per row. What is left out is counted by side (``left_out``) and said under the chart, so the
cap never hides one side silently. On a phone the chart is dropped (drawing.css): at 390 px
it is a strip too thin to read or to tap.
"""

from __future__ import annotations

from dataclasses import dataclass

from .caps import more_label
from .drawing_font import shorten, text_width
from .drawing_layout import Box, walk
from .drawing_svg import Href, esc

WIDTH = 960
ROW = 26
FONT_SIZE = 11
MIN_WIDTH = 2.0
LABEL_MIN_WIDTH = 14.0
"""Narrower segments carry no label; a little wider, only the stance's glyph."""
LABEL_MIN_CHARS = 5
"""A label shows words only when at least this many letters of them fit (a minus and "Th…" says less than the minus alone)."""
MAX_ROWS = 12
"""Deeper levels are left out of the overview (the drawing and the outline still show them)."""
ICONS = {"thesis": "◆", "pro": "+", "con": "\u2212"}
"""The stance as a glyph before a label; a minus sign (U+2212), not a hyphen, for cons."""
HATCH = (
    '<defs><pattern id="ov-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<path d="M0 0v6" class="ov-hatch"/></pattern></defs>'
)


@dataclass(frozen=True, slots=True)
class Segment:
    box: Box
    x: float
    y: int
    width: float
    size: int
    """How many claim appearances the segment stands for (itself and everything under it)."""


def subtree_sizes(root: Box) -> dict[int, int]:
    """Box id -> the number of boxes in its subtree, in one pass from the leaves up."""
    sizes: dict[int, int] = {}
    for box in reversed(list(walk(root))):
        sizes[id(box)] = 1 + sum(sizes[id(child)] for child in box.children)
    return sizes


def segments(root: Box) -> list[Segment]:
    """The segments to draw, in document order: children share their parent's width by size."""
    sizes = subtree_sizes(root)
    out: list[Segment] = []
    stack = [(root, 0.0, float(WIDTH), 0)]
    while stack:
        box, x, width, row = stack.pop()
        out.append(Segment(box, x, row * ROW, width, sizes[id(box)]))
        if row + 1 >= MAX_ROWS or not box.children:
            continue
        total = sum(sizes[id(child)] for child in box.children)
        placed: list[tuple[Box, float, float, int]] = []
        cursor = x
        for child in box.children:
            share = width * sizes[id(child)] / total
            if share >= MIN_WIDTH:
                placed.append((child, cursor, share, row + 1))
            cursor += share
        stack.extend(reversed(placed))
    return out


def left_out(root: Box, drawn: list[Segment]) -> dict[str, int]:
    """How many pros and cons the chart leaves out (slivers and levels past MAX_ROWS)."""
    hidden: dict[str, int] = {}
    for box in walk(root):
        hidden[box.stance] = hidden.get(box.stance, 0) + 1
    for seg in drawn:
        hidden[seg.box.stance] -= 1
    return {stance: count for stance, count in hidden.items() if count > 0}


def left_out_note(hidden: dict[str, int]) -> str:
    """'3 claims (2 pros and 1 con) are too small or too deep to show here.', or ''."""
    total = sum(hidden.values())
    if not total:
        return ""
    sides = more_label(hidden, lead="").replace(" more", "")
    verb = "is" if total == 1 else "are"
    return f"{total} claim{'s' if total != 1 else ''} ({sides}) {verb} too small or too deep to show here."


def overview_svg(root: Box, href: Href, *, title: str) -> tuple[str, str]:
    """The icicle as an inline ``<svg>`` that scales to the width of the page, and the sentence
    saying what it leaves out (empty when nothing is)."""
    drawn = segments(root)
    note = left_out_note(left_out(root, drawn))
    rows = 1 + max(s.y for s in drawn) // ROW
    height = rows * ROW
    parts = []
    for seg in drawn:
        box = seg.box
        w = f"{seg.width:.2f}".rstrip("0").rstrip(".")
        x = f"{seg.x:.2f}".rstrip("0").rstrip(".")
        below = f" ({seg.size} claims in this branch)" if seg.size > 1 else ""
        label = ""
        if seg.width >= LABEL_MIN_WIDTH:
            icon = ICONS[box.stance]
            text = shorten(f"{icon} {box.text}", seg.width - 8, FONT_SIZE, bold=box.stance == "thesis")
            words = text[len(icon) :].rstrip("…").strip()
            if len(words) < min(LABEL_MIN_CHARS, len(box.text)):  # a stub of a word says less than the glyph alone
                text = icon
            length = f"{text_width(text, FONT_SIZE, bold=box.stance == 'thesis'):.1f}"
            label = f'<text x="{x}" y="{seg.y + 17}" dx="4" textLength="{length}">{esc(text)}</text>'
        hatch = f'<rect class="ov-h" x="{x}" y="{seg.y}" width="{w}" height="{ROW - 2}"/>' if box.stance == "con" else ""
        name = esc(f"{box.stance.capitalize()}: {box.text}{below}")
        parts.append(
            f'<a href="{esc(href(box.claim_id))}" class="ov-{box.stance}"><title>{name}</title>'
            f'<rect x="{x}" y="{seg.y}" width="{w}" height="{ROW - 2}"/>{hatch}{label}</a>'
        )
    desc = (
        "Each row is one level of the debate, the thesis on top. Each segment is a claim, as wide as the part of the "
        "debate under it; pros are plain, cons hatched. Every segment links to its claim."
    ) + (f" {note}" if note else "")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ov-svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' role="group" aria-labelledby="ov-title ov-desc" font-size="{FONT_SIZE}">'
        f'<title id="ov-title">{esc(title)}</title><desc id="ov-desc">{desc}</desc>{HATCH}{"".join(parts)}</svg>'
    )
    return svg, note
