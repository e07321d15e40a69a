"""The local map on a claim page: the claims it answers, the claim itself, and its pros and cons.

Three columns, left to right as in the map drawing: parents, the claim, its children. Each
column is centred on the tallest. A claim reused under many parents, or with very many
children, shows a few of each side (``caps.balanced``: as many pros as cons, as fit) and a box
saying exactly what was left out, "and 3 more cons" (the page lists them all), so the drawing
costs the same on every page whatever the size of the site and never makes a side look smaller.
"""

from __future__ import annotations

from collections.abc import Sequence

from .caps import more_label
from .drawing_layout import Box, BoxStyle, make_box
from .drawing_svg import TRUNK, Href, box_svg, branch_path, stance_icon, svg_document
from .standing import PARENT_NOUNS

MAX_PARENTS = 6
MAX_CHILDREN = 10
GAP = 10
COLUMN_GAP = 72
"""Room between columns for the edges and the stance icons on them."""
RELATION = {"pro": "Supported by this claim", "con": "Opposed by this claim"}


def _column(boxes: list[Box], x: int, height: int) -> None:
    """Stack ``boxes`` at ``x``, centred vertically in ``height``."""
    total = sum(b.height for b in boxes) + GAP * (len(boxes) - 1)
    y = (height - total) // 2
    for box in boxes:
        box.x, box.y = x, y
        y += box.height + GAP


def _more(hidden: dict[str, int], nouns: dict[str, tuple[str, str]] | None, style: BoxStyle) -> list[Box]:
    """A box saying what was left out of a column, side by side, in a list so it can be added to
    the column; or none."""
    label = more_label(hidden, nouns)
    return [make_box("", label, "more", 0, style)] if label else []


def local_map_svg(
    claim_id: str,
    text: str,
    *,
    parents: Sequence[tuple[str, str, str]],
    children: Sequence[tuple[str, str, str]],
    hidden: tuple[dict[str, int], dict[str, int]],
    style: BoxStyle,
    port: int,
    href: Href,
    ident: str = "lm",
) -> str | None:
    """The local map, or None for a claim with neither parents nor children.

    ``parents`` are (stance of this claim towards the parent, parent id, parent text);
    ``children`` are (stance, child id, child text), in page order: those to draw, chosen by
    ``caps.balanced``; ``hidden`` says how many of each side were left out, of the parents and
    of the children.
    """
    if not parents and not children:
        return None
    hidden_parents, hidden_children = hidden
    parent_total = len(parents) + sum(hidden_parents.values())
    child_total = len(children) + sum(hidden_children.values())
    parent_boxes = [make_box(pid, ptext, "parent", 0, style) for _, pid, ptext in parents]
    child_boxes = [make_box(cid, ctext, stance, 2, style) for stance, cid, ctext in children]
    more_parents = _more(hidden_parents, PARENT_NOUNS, style)
    more_children = _more(hidden_children, None, style)
    me = make_box(claim_id, text, "current", 1, style)
    columns = [parent_boxes + more_parents] if parents else []
    columns += [[me]] + ([child_boxes + more_children] if children else [])
    height = max(sum(b.height for b in col) + GAP * (len(col) - 1) for col in columns)
    pitch = style.width + COLUMN_GAP
    for index, column in enumerate(columns):
        _column(column, index * pitch, height)

    parts: list[str] = []
    if parent_boxes:  # the parents' branches meet on a trunk left of the claim
        x_trunk = me.x - TRUNK
        ports = [b.y + port for b in parent_boxes] + [me.y + port]
        parts.append(f'<path class="dm-trunk" d="M{x_trunk} {min(ports)}V{max(ports)}M{x_trunk} {me.y + port}H{me.x}"/>')
    for (stance, _, ptext), box in zip(parents, parent_boxes, strict=False):
        x1, y = box.x + box.width, box.y + port
        icon = stance_icon(stance, (x1 + me.x - TRUNK) // 2, y)
        drawn = box_svg(box, style, href, prefix="", icon_port=None, label=f"{RELATION[stance]}: {ptext}")
        parts.append(f'<g class="dm-sub dm-{stance}"><path class="dm-e" d="M{x1} {y}H{me.x - TRUNK}"/>{icon}{drawn}</g>')
    for box in more_parents + more_children:
        parts.append(f'<g class="dm-sub dm-more">{box_svg(box, style, None, prefix="", icon_port=None, label=box.text)}</g>')
    current = box_svg(me, style, None, prefix="", icon_port=None, label=f"This claim: {text}")
    parts.append(f'<g class="dm-sub dm-current">{current}</g>')
    if child_boxes:
        ports = [me.y + port] + [b.y + port for b in child_boxes]
        x_trunk = me.x + me.width + TRUNK
        parts.append(
            f'<path class="dm-trunk" d="M{me.x + me.width} {me.y + port}H{x_trunk}M{x_trunk} {min(ports)}V{max(ports)}"/>'
        )
    for box in child_boxes:
        path = branch_path(me.x + me.width + TRUNK, box.y + port, box.x)
        drawn = box_svg(box, style, href, prefix="", icon_port=port)
        parts.append(f'<g class="dm-sub dm-{box.stance}"><path class="dm-e" d="{path}"/>{drawn}</g>')
    width = (len(columns) - 1) * pitch + style.width
    answers = f"the {_count(parent_total, 'claim')} it answers, " if parents else ""
    replies = ""
    if children:
        pros = sum(1 for stance, _, _ in children if stance == "pro") + hidden_children.get("pro", 0)
        replies = f", and its {_count(pros, 'pro')} and {_count(child_total - pros, 'con')}"
    caps = ((hidden_parents, PARENT_NOUNS), (hidden_children, None))
    left_out = " ".join(f"{more_label(h, nouns, lead='Not drawn: ')}." for h, nouns in caps if h)
    desc = f"Left to right: {answers}this claim{replies}. Solid lines with a plus support; dashed lines with a minus oppose." + (
        f" {left_out} The page lists them all." if left_out else ""
    )
    return svg_document(
        "".join(parts), width, height, ident=ident, title=f"Where this claim sits: {text}", desc=desc,
        css_class="dm-svg lm-svg", standalone=False,
    )  # fmt: skip


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
