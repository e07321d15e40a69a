"""A debate deeper than Python's recursion limit renders: the outline is a flat walk, not a recursive loop."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from debatemap.pipeline import load_site
from debatemap.render.renderer import Renderer
from debatemap.render.routes import Route
from debatemap.render.theme import find_theme
from debatemap.render.views import outline

from .helpers import SITE, SOURCE, write_tree

MAPS, LEVELS = 8, 45
"""Eight maps of 45 levels, each ending in a ref to the next map's thesis: 360 levels in the first
map's outline, which passed check and crashed build with a RecursionError (review D4)."""


def chain_site(root: Path) -> Path:
    files: dict[str, str | bytes] = {"site.yaml": SITE.replace("nav: [maps, sources, tags, about]", "nav: [maps]")}
    files["sources/report.yaml"] = SOURCE
    for m in range(MAPS):
        lines = [f"title: Chain {m}", "updated: 2026-01-01", "thesis:"]
        indent = "  "
        for level in range(LEVELS):
            lines += [f"{indent}id: m{m}-l{level}", f"{indent}claim: M{m} L{level}.", f"{indent}pros:", f"{indent}  -"]
            indent += "    "
        lines += [f"{indent}ref: m{m + 1}-l0"] if m + 1 < MAPS else [f"{indent}id: chain-end", f"{indent}claim: End."]
        files[f"maps/chain{m}.yaml"] = "\n".join(lines) + "\n"
    return write_tree(root, files)


class _Depth(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = self.deepest = 0
        self.items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li" and (("class", "node node-pro") in attrs or ("class", "node node-thesis") in attrs):
            self.items += 1
        if tag == "ul":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth -= 1


def test_a_map_outline_hundreds_of_levels_deep_renders_nested_and_balanced(tmp_path: Path) -> None:
    root = chain_site(tmp_path / "content")
    checked = load_site(root)
    assert checked.ok
    renderer = Renderer(checked.site, find_theme(checked.site.config, root))
    html = renderer.render(Route("maps/chain0/", "map", "chain0")).decode()
    parser = _Depth()
    parser.feed(html.split('id="outline-heading"', 1)[1].split('id="sources-heading"', 1)[0])
    assert parser.items == MAPS * LEVELS + 1, "every claim of the chain once, and its end"
    assert parser.deepest == MAPS * LEVELS + 1, "each claim nested inside the one it answers"
    assert parser.depth == 0, "every list closed"


def test_the_flat_walk_opens_and_closes_each_node_around_its_replies(tmp_path: Path) -> None:
    site = load_site(chain_site(tmp_path / "content")).site
    tree = outline(site, site.maps["chain6"])
    assert tree is not None
    steps = [(s.node.claim.id, s.depth, s.opens) for s in tree.steps()]
    ids = [f"m6-l{i}" for i in range(LEVELS)] + [f"m7-l{i}" for i in range(LEVELS)] + ["chain-end"]
    assert steps == [(c, d, True) for d, c in enumerate(ids)] + [(c, d, False) for d, c in reversed(list(enumerate(ids)))]
