"""The drawn map: what the map and claim pages show, and the SVG files written beside them.

Each map gets a drawing of its whole tree (the outline's shape: a claim met again is drawn
once in full and then as a dashed box pointing to it), an icicle overview of the debate's
shape, and a standalone ``maps/<id>/map.svg`` to download. Each claim page gets a local map.
Everything is drawn at build time, so it works with JavaScript off; drawing.js only adds pan,
zoom, collapsing and keyboard moves.

Geometry lives in ``drawing_layout``, text measurement in ``drawing_font``, markup in
``drawing_svg``, ``drawing_overview`` and ``drawing_local``; this module chooses the sizes and
ties them to the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..graph import Site
from ..model import Claim, DebateMap
from . import routes, views
from .caps import balanced
from .drawing_layout import Box, BoxStyle, TreeStyle, make_box, tidy_layout, walk
from .drawing_local import MAX_CHILDREN, MAX_PARENTS, local_map_svg
from .drawing_overview import overview_svg
from .drawing_svg import ICON_OFFSET, ICON_RADIUS, MARKER_ROW, TRUNK, Href, svg_document, tree_body
from .markdown import plain_text

BOX = BoxStyle(width=256, font_size=13, line_height=17, pad_x=10, pad_y=8, max_lines=5)
"""About 34 characters a line, five lines: most claims fit whole, longer ones end with '…'."""
REPEAT_BOX = BoxStyle(width=256, font_size=13, line_height=17, pad_x=10, pad_y=8, max_lines=2)
TREE = TreeStyle(pitch=256 + 72, sibling_gap=12, cousin_gap=28, port=16)
LOCAL_BOX = BoxStyle(width=220, font_size=13, line_height=17, pad_x=10, pad_y=8, max_lines=5)
INLINE_LIMIT = 400
"""Maps with more boxes than this link to their drawing instead of putting it in the page."""
OVERVIEW_MIN = 20
"""Smaller maps are taken in at a glance without an overview."""
PRINT_PAGE = (680, 940)
"""The room a printed page gives the drawing, in CSS pixels: A4 less the theme's 15 mm margins,
less the heading and legend. (US Letter is a little wider and shorter: about the same.)"""
PRINT_MIN_SCALE = 0.6
"""Below this the drawing's 13 px text prints under 6 pt: the drawing is then left out of print
(with a note), since the outline prints the same debate in full."""


def printable(width: float, height: float) -> bool:
    """Whether a drawing of this size stays legible scaled down to one printed page."""
    return min(PRINT_PAGE[0] / width, PRINT_PAGE[1] / height) >= PRINT_MIN_SCALE


@dataclass(frozen=True, slots=True)
class MapDrawing:
    """What a map page shows of its drawing."""

    inline: Markup | None
    """The drawing for the page, or None when the map is too large to put in the page."""
    overview: Markup | None
    overview_note: str
    """What the overview leaves out, by side ('3 claims (2 pros and 1 con) are too small...'), or ''."""
    reused: bool
    """Whether a box carries the mark of a reused claim (the legend then explains it)."""
    printable: bool
    """Whether the drawing prints, scaled to the page (``printable``); if not, print says where it is."""
    boxes: int
    export_path: str
    """Site-relative path of the standalone SVG."""


def build_tree(outline: views.OutlineNode, site: Site) -> Box:
    """Boxes in the outline's shape: repeats become childless boxes that point to the full one."""
    root = make_box(outline.claim.id, plain_text(outline.claim.text), "thesis", 0, BOX, is_ref=outline.is_ref)
    stack = [(outline, root)]
    while stack:
        node, box = stack.pop()
        for child in node.children:
            text = plain_text(child.claim.text)
            if child.first:
                child_box = make_box(child.claim.id, text, child.stance, box.depth + 1, BOX, is_ref=child.is_ref)
                stack.append((child, child_box))
            else:
                child_box = make_box(child.claim.id, text, child.stance, box.depth + 1, REPEAT_BOX, first=False, extra=MARKER_ROW)
                child_box.hidden = sum(1 for link in child.claim.children if link.claim_id in site.claims)
            box.children.append(child_box)
    return root


def layout_data() -> str:
    """The layout constants drawing.js needs to lay the tree out again after a collapse."""
    return f"{TREE.sibling_gap} {TREE.cousin_gap} {TREE.port} {TRUNK} {ICON_OFFSET + ICON_RADIUS}"


def render_tree(root: Box, size: tuple[int, int], href: Href, *, title: str, standalone: bool, ident: str = "dm") -> str:
    """A laid-out tree (``size`` from ``tidy_layout``) as an inline or a standalone SVG.

    ``ident`` starts every id in it: a page showing two drawings (MkDocs embeds) gives each its own.
    """
    count = sum(1 for _ in walk(root))
    where = "on the map's page" if standalone else "in the outline below"
    desc = (
        f"{count} claims, from the thesis on the left to replies on the right. A solid green line with a plus joins a "
        "claim to the claim it supports; a dashed red line with a minus, to the claim it opposes. A dashed box is a "
        f"claim drawn in full elsewhere in the drawing. The same debate as text is {where}."
    )
    return svg_document(
        tree_body(root, BOX, TREE, href, ident + "-"), *size, ident=ident, title=title, desc=desc,
        css_class="dm-svg", standalone=standalone, data=layout_data(), font_size=BOX.font_size,
    )  # fmt: skip


class Drawings:
    """Draws the maps and local maps of one site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._laid_out: tuple[str, Box, tuple[int, int]] | None = None
        """The last map laid out (id, boxes, size): its page and its download share one layout."""

    def _href(self, from_url: str) -> Href:
        def href(claim_id: str) -> str:
            return routes.relative(from_url, routes.claim_url(claim_id))

        return href

    def _export_href(self, map_id: str) -> Href:
        base = self.site.config.base_url
        if not base:  # served beside the map page, so the page's relative links work
            return self._href(routes.map_url(map_id))

        def href(claim_id: str) -> str:
            return base + routes.claim_url(claim_id)

        return href

    def for_map(
        self, debate: DebateMap, outline: views.OutlineNode | None, *, href: Href | None = None, ident: str = "dm"
    ) -> MapDrawing | None:
        """The drawing and overview for the map's page (links relative to the page), or for another
        page: ``href`` then makes its links and ``ident`` starts its ids."""
        if outline is None:
            return None
        root = build_tree(outline, self.site)
        boxes = sum(1 for _ in walk(root))
        href = href or self._href(routes.map_url(debate.id))
        inline, fits = None, False
        if boxes <= INLINE_LIMIT:  # a larger map's page only links to its drawing: no layout needed here
            size = tidy_layout(root, TREE)
            self._laid_out = (debate.id, root, size)
            fits = printable(*size)
            inline = Markup(render_tree(root, size, href, title=self._title(debate), standalone=False, ident=ident))  # noqa: S704 - built with esc() throughout
        overview, note = None, ""
        if boxes >= OVERVIEW_MIN:
            svg, note = overview_svg(root, href, title=f"The shape of the debate: {plain_text(debate.title)}")
            overview = Markup(svg)  # noqa: S704 - built with esc() throughout
        reused = any(box.is_ref and box.first for box in walk(root))
        return MapDrawing(inline, overview, note, reused, fits, boxes, routes.map_url(debate.id) + routes.MAP_DRAWING)

    def _title(self, debate: DebateMap) -> str:
        return f"Drawing of the debate: {plain_text(debate.title)}"

    def export(self, map_id: str) -> tuple[str, bytes] | None:
        """``maps/<id>/map.svg``: the map's drawing as a file that stands on its own, or None for a
        map without a thesis. Made right after the map's page, from the layout the page made."""
        debate = self.site.maps[map_id]
        if self._laid_out is not None and self._laid_out[0] == map_id:
            _, root, size = self._laid_out
        else:
            outline = views.outline(self.site, debate)
            if outline is None:
                return None
            root = build_tree(outline, self.site)
            size = tidy_layout(root, TREE)
        self._laid_out = None
        svg = render_tree(root, size, self._export_href(map_id), title=self._title(debate), standalone=True)
        return routes.map_url(map_id) + routes.MAP_DRAWING, svg.encode("utf-8")

    def local_map(self, claim: Claim, *, href: Href | None = None, ident: str = "lm") -> Markup | None:
        """The claim with the claims it answers and its pros and cons (a few of each side); ``href``
        and ``ident`` as for ``for_map``."""
        claims = self.site.claims
        links, hidden_parents = balanced(
            [p for p in self.site.parents.get(claim.id, ()) if p.parent_id in claims], MAX_PARENTS, lambda p: str(p.stance)
        )
        parents = [(str(p.stance), p.parent_id, plain_text(claims[p.parent_id].text)) for p in links]
        resolved, hidden_children = balanced(
            [link for link in claim.children if link.claim_id in claims], MAX_CHILDREN, lambda c: str(c.stance)
        )
        children = [(str(c.stance), c.claim_id, plain_text(claims[c.claim_id].text)) for c in resolved]
        svg = local_map_svg(
            claim.id, plain_text(claim.text), parents=parents, children=children, hidden=(hidden_parents, hidden_children),
            style=LOCAL_BOX, port=TREE.port, href=href or self._href(routes.claim_url(claim.id)), ident=ident,
        )  # fmt: skip
        return Markup(svg) if svg is not None else None  # noqa: S704 - built with esc() throughout
