"""SVG markup for laid-out boxes: every piece of content escaped, every box a named link.

The markup is written by hand rather than through a template because a map has thousands of
near-identical fragments; ``esc`` (``html.escape`` with quotes) is applied to every text and
attribute value that comes from content, which is valid XML as well as HTML.

Structure, which drawing.js relies on for collapsing and relayout::

    <g class="dm-sub dm-pro">            one subtree
      <path class="dm-e" d="..."/>       the edge from the parent (none for the root)
      <g class="dm-n" transform="...">   the box: a link, its stance icon, a repeat marker
      <g class="dm-kids">...</g>         the children's subtrees
    </g>
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache

from .drawing_font import FONT_FAMILY, text_width
from .drawing_layout import Box, BoxStyle, TreeStyle

Href = Callable[[str], str]
"""Claim id -> the link to its page, relative to where the SVG is shown."""

STANCE_NAMES = {"thesis": "Thesis", "pro": "Pro", "con": "Con"}
ICON_RADIUS = 8
ICON_OFFSET = 12
"""The stance icon's centre sits this far left of the child box, on the edge."""
TRUNK = 16
"""How far right of a parent box its trunk runs down; each child's branch leaves the trunk."""
MARKER_ROW = 16
"""Room under a repeated claim's text for the link to its full appearance."""

STANDALONE_CSS = (
    ".dm-bg{fill:#fff}"
    ".dm-box{fill:#fff;stroke:#8a8578;stroke-width:1.2}"
    ".dm-thesis>.dm-n .dm-box{fill:#ebecfa;stroke:#3a3f8f;stroke-width:2}"
    ".dm-pro>.dm-n .dm-box{stroke:#2f8f57}.dm-con>.dm-n .dm-box{stroke:#c84a3c}"
    ".dm-repeat .dm-box{stroke-dasharray:5 3}"
    ".dm-t{fill:#1d1f23}.dm-thesis>.dm-n .dm-t{font-weight:700}"
    ".dm-trunk{fill:none;stroke:#8a8578;stroke-width:1.6}.dm-e{fill:none;stroke-width:2}"
    ".dm-pro>.dm-e{stroke:#2f8f57}.dm-con>.dm-e{stroke:#c84a3c;stroke-dasharray:5 3}"
    ".dm-i circle{fill:#fff;stroke-width:1.6}.dm-i path{stroke-width:2}"
    ".dm-pro>.dm-n .dm-i *{stroke:#17663a}.dm-con>.dm-n .dm-i *{stroke:#a3261b}"
    ".dm-see text,.dm-ref{fill:#1f4fa8;font-size:11px}"
)
"""Colours for a downloaded SVG, which has no page stylesheet (the light theme's palette)."""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _num(value: float) -> str:
    """A coordinate without a needless '.0', so the markup stays small and stable."""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def trunk_path(x: int, y: int, y_last: int) -> str:
    """The neutral line out of a parent: right to the trunk, then down to its last child's branch."""
    return f"M{x} {y}H{x + TRUNK}" + (f"V{y_last}" if y_last != y else "")


def branch_path(x_trunk: int, y: int, x_child: int) -> str:
    """A child's own edge, from the trunk to its stance icon: it carries the stance's colour and dash."""
    return f"M{x_trunk} {y}H{x_child - ICON_OFFSET - ICON_RADIUS}"


def stance_icon(stance: str, cx: int, cy: int) -> str:
    """A circled plus (pro) or minus (con): the stance without relying on colour."""
    bar = f"M{cx - 4} {cy}h8" + (f"M{cx} {cy - 4}v8" if stance == "pro" else "")
    return f'<g class="dm-i" aria-hidden="true"><circle cx="{cx}" cy="{cy}" r="{ICON_RADIUS}"/><path d="{bar}"/></g>'


def text_lines(box: Box, style: BoxStyle) -> str:
    """The wrapped lines; ``textLength`` pins each to its measured width whatever font is used."""
    return _text_lines(box.lines, style, box.stance == "thesis")


@lru_cache(maxsize=131072)
def _text_lines(lines: tuple[str, ...], style: BoxStyle, bold: bool) -> str:
    """Cached: a claim's box is drawn on its map, its own page and its neighbours' pages."""
    ascent = (style.line_height - style.font_size) // 2 + round(style.font_size * 0.93)
    spans = []
    for index, line in enumerate(lines):
        y = style.pad_y + index * style.line_height + ascent
        length = _num(round(text_width(line, style.font_size, bold), 1))
        spans.append(f'<tspan x="{style.pad_x}" y="{y}" textLength="{length}">{esc(line)}</tspan>')
    return f'<text class="dm-t">{"".join(spans)}</text>'


def box_svg(box: Box, style: BoxStyle, href: Href | None, *, prefix: str, icon_port: int | None, label: str = "") -> str:
    """A box as a group at its position: the link to the claim, its icon, a repeat marker.

    ``href`` None draws the box without a link (the claim whose page this is); ``icon_port``
    None leaves out the stance icon (the thesis, or where the edge carries it elsewhere).
    """
    stance = STANCE_NAMES.get(box.stance, "")
    name = label or f"{stance}: {box.text}"
    anchor = f' id="{esc(prefix + box.claim_id)}"' if box.first and prefix else ""
    repeat = "" if box.first else " dm-repeat"
    rect = f'<rect class="dm-box" width="{box.width}" height="{box.height}" rx="6"/>'
    body = f"<title>{esc(name)}</title>{rect}{text_lines(box, style)}"
    if href is None:
        link = f'<g class="dm-self" aria-current="page">{body}</g>'
    else:
        link = f'<a href="{esc(href(box.claim_id))}">{body}</a>'
    parts = [f'<g class="dm-n{repeat}"{anchor} transform="translate({box.x} {box.y})">', link]
    if icon_port is not None and box.stance in ("pro", "con"):
        parts.append(stance_icon(box.stance, -ICON_OFFSET, icon_port))
    if box.is_ref and box.first:
        reused = "<title>Reused: this claim also answers other claims</title>↻"
        parts.append(f'<text class="dm-ref" x="{box.width - 6}" y="{box.height - 5}" text-anchor="end">{reused}</text>')
    if not box.first and prefix:
        more = f", with {box.hidden} pros and cons" if box.hidden else ""
        y = box.height - style.pad_y + 1
        parts.append(
            f'<a class="dm-see" href="#{esc(prefix + box.claim_id)}"><title>Go to where this claim is drawn in full{more}</title>'
            f'<text x="{style.pad_x}" y="{y}">↪ shown in full elsewhere</text></a>'
        )
    parts.append("</g>")
    return "".join(parts)


def tree_body(root: Box, style: BoxStyle, tree: TreeStyle, href: Href, prefix: str) -> str:
    """The nested subtree groups of a laid-out tree, in document order, without recursion."""
    out: list[str] = []
    # Boxes to open with the trunk x of their parent; None closes the groups of a finished box.
    stack: list[tuple[Box, int] | None] = [(root, -1)]
    while stack:
        item = stack.pop()
        if item is None:
            out.append("</g></g>")
            continue
        box, x_trunk = item
        out.append(f'<g class="dm-sub dm-{box.stance}">')
        if x_trunk >= 0:
            out.append(f'<path class="dm-e" d="{branch_path(x_trunk, box.y + tree.port, box.x)}"/>')
        out.append(box_svg(box, style, href, prefix=prefix, icon_port=tree.port if x_trunk >= 0 else None))
        out.append('<g class="dm-kids">')
        if box.children:
            trunk = trunk_path(box.x + box.width, box.y + tree.port, box.children[-1].y + tree.port)
            out.append(f'<path class="dm-trunk" d="{trunk}"/>')
        stack.append(None)
        stack.extend((child, box.x + box.width + TRUNK) for child in reversed(box.children))
    return "".join(out)


def svg_document(
    body: str,
    width: int,
    height: int,
    *,
    ident: str,
    title: str,
    desc: str,
    css_class: str,
    standalone: bool,
    data: str = "",
    font_size: int = 13,
) -> str:
    """The ``<svg>`` element around ``body``; ``standalone`` makes it a file with its own colours."""
    pad = 4
    view = f"{-pad} {-pad} {width + 2 * pad} {height + 2 * pad}"
    left, _, vw, vh = view.split()
    attrs = (
        f'xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="{view}" width="{vw}" height="{vh}"'
        f' role="group" aria-labelledby="{ident}-title {ident}-desc" font-family="{esc(FONT_FAMILY)}" font-size="{font_size}"'
    )
    if data:
        attrs += f' data-layout="{esc(data)}"'
    head = f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>'
    if standalone:
        head += f'<style>{STANDALONE_CSS}</style><rect class="dm-bg" x="{left}" y="{-pad}" width="{vw}" height="{vh}"/>'
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<svg {attrs}>{head}{body}</svg>\n'
    return f"<svg {attrs}>{head}{body}</svg>"
