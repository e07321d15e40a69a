"""The drawn map: text wrapping, the tidy layout's geometry, the SVG it becomes, the overview,
the local map, and how they reach the built site.

Geometry is checked on generated trees up to 2,000 claims: no two boxes intersect, sibling
subtrees never interleave, edge fans never share a stretch of a gap, every edge joins the boxes
it should, and the same tree always gives the same drawing.
"""

from __future__ import annotations

import gzip
import itertools
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap.build import build
from debatemap.pipeline import load_site
from debatemap.render import drawing, views
from debatemap.render.drawing import BOX, TREE, Drawings, render_tree
from debatemap.render.drawing_font import text_width, wrap
from debatemap.render.drawing_layout import Box, TreeStyle, make_box, tidy_layout, walk
from debatemap.render.drawing_overview import MIN_WIDTH, WIDTH, overview_svg, segments
from debatemap.render.drawing_svg import ICON_OFFSET, ICON_RADIUS, TRUNK

from .conftest import CONTENT
from .helpers import minimal_site

SVG = "{http://www.w3.org/2000/svg}"
WORDS = [
    "open",
    "weights",
    "model",
    "release",
    "safety",
    "risk",
    "misuse",
    "research",
    "innovation",
    "cost",
    "access",
    "security",
    "developer",
    "policy",
]


# -- generated trees -------------------------------------------------------------------------------


def random_tree(claims: int, seed: int) -> Box:
    """A tree shaped like real debates (wide near the thesis, a few levels deep), with repeats."""
    rng = random.Random(seed)
    root = make_box("c0", "The thesis of a generated debate.", "thesis", 0, BOX)
    boxes = [root]
    for index in range(1, claims):
        parent = boxes[int(index * rng.random() ** 2)]
        while not parent.first or parent.depth >= 8:
            parent = boxes[rng.randrange(len(boxes))] if parent.depth >= 8 else root
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40)))
        first = rng.random() > 0.03
        style = BOX if first else drawing.REPEAT_BOX
        box = make_box(f"c{index}", words, rng.choice(("pro", "con")), parent.depth + 1, style, first=first)
        parent.children.append(box)
        boxes.append(box)
    return root


def columns(root: Box) -> dict[int, list[Box]]:
    by_x: dict[int, list[Box]] = defaultdict(list)
    for box in walk(root):
        by_x[box.x].append(box)
    return by_x


SIZES = [(1, 1), (2, 2), (3, 3), (40, 4), (200, 5), (500, 6), (2000, 7), (2000, 8)]


@pytest.mark.parametrize(("claims", "seed"), SIZES)
def test_no_two_boxes_intersect(claims: int, seed: int) -> None:
    root = random_tree(claims, seed)
    tidy_layout(root, TREE)
    assert TREE.pitch > BOX.width  # columns never overlap, so only boxes of one column can meet
    for column in columns(root).values():
        column.sort(key=lambda b: b.y)
        for upper, lower in itertools.pairwise(column):
            assert lower.y >= upper.y + upper.height + TREE.sibling_gap, (upper.claim_id, lower.claim_id)


@pytest.mark.parametrize(("claims", "seed"), SIZES)
def test_sibling_subtrees_never_interleave(claims: int, seed: int) -> None:
    """At every depth, all of an earlier sibling's subtree lies above all of a later one's."""
    root = random_tree(claims, seed)
    tidy_layout(root, TREE)
    for parent in walk(root):
        previous: dict[int, int] = {}  # depth -> lowest bottom of the siblings so far
        for child in parent.children:
            extent: dict[int, tuple[int, int]] = {}
            for box in walk(child):
                top, bottom = extent.get(box.depth, (box.y, box.y + box.height))
                extent[box.depth] = (min(top, box.y), max(bottom, box.y + box.height))
            for depth, (top, bottom) in extent.items():
                if depth in previous:
                    assert top > previous[depth], (parent.claim_id, child.claim_id, depth)
                previous[depth] = max(previous.get(depth, bottom), bottom)


@pytest.mark.parametrize(("claims", "seed"), SIZES)
def test_edge_fans_never_share_a_stretch_of_a_gap(claims: int, seed: int) -> None:
    """Each parent's trunk runs down its own stretch of the gap, so no edge can be mistaken."""
    root = random_tree(claims, seed)
    tidy_layout(root, TREE)
    trunks: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for box in walk(root):
        if box.children:
            trunks[box.x].append((box.y + TREE.port, box.children[-1].y + TREE.port))
    for spans in trunks.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start > end


@pytest.mark.parametrize(("claims", "seed"), SIZES[:6])
def test_a_box_sits_in_its_depths_column_level_with_its_first_child(claims: int, seed: int) -> None:
    root = random_tree(claims, seed)
    width, height = tidy_layout(root, TREE)
    for box in walk(root):
        assert box.x == box.depth * TREE.pitch
        assert box.y >= 0 and box.y + box.height <= height and box.x + box.width <= width
        if box.children:
            assert box.children[0].y == box.y


def test_layout_is_identical_across_runs() -> None:
    first, second = random_tree(2000, 9), random_tree(2000, 9)
    assert tidy_layout(first, TREE) == tidy_layout(second, TREE)
    assert [(b.x, b.y) for b in walk(first)] == [(b.x, b.y) for b in walk(second)]


def test_drawing_is_identical_in_processes_with_different_hash_seeds() -> None:
    script = (
        "from tests.test_drawing import random_tree;"
        "from debatemap.render.drawing import TREE, render_tree;"
        "from debatemap.render.drawing_layout import tidy_layout;"
        "import hashlib, sys;"
        "r = random_tree(500, 3); s = tidy_layout(r, TREE);"
        "sys.stdout.write(hashlib.sha256(render_tree(r, s, lambda c: c, title='t', standalone=True).encode()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[1]
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_a_chain_thousands_deep_lays_out_without_recursion() -> None:
    root = make_box("c0", "Thesis.", "thesis", 0, BOX)
    box = root
    for index in range(1, 5000):
        child = make_box(f"c{index}", "A reply to the claim before.", "con", index, BOX)
        box.children.append(child)
        box = child
    width, height = tidy_layout(root, TREE)
    assert all(b.y == 0 for b in walk(root))
    assert width == 4999 * TREE.pitch + BOX.width and height == max(b.height for b in walk(root))
    svg = render_tree(root, (width, height), lambda c: c, title="chain", standalone=True)
    ET.fromstring(svg.split("\n", 1)[1])  # well-formed, however deep


# -- text measurement --------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300), st.integers(min_value=40, max_value=400), st.integers(min_value=1, max_value=6))
def test_wrapped_lines_never_exceed_the_width_or_line_count(text: str, width: int, max_lines: int) -> None:
    lines, shortened = wrap(text, width, 13, max_lines)
    assert len(lines) <= max_lines
    assert all(text_width(line, 13) <= width + 1e-9 for line in lines)
    if not shortened:  # every character is kept, in order (a word longer than a line is split)
        assert "".join("".join(lines).split()) == "".join(text.split())


def test_text_that_fits_is_kept_whole_and_longer_text_ends_with_an_ellipsis() -> None:
    sentence = "Open weights let anyone build on a model, which speeds up innovation across the field."
    lines, shortened = wrap(sentence, BOX.text_width, 13, 5)
    assert not shortened and " ".join(lines) == sentence
    lines, shortened = wrap(sentence * 3, BOX.text_width, 13, 2)
    assert shortened and len(lines) == 2 and lines[-1].endswith("…")
    assert " ".join(lines)[:-1] in (sentence * 3)


def test_wider_characters_measure_wider() -> None:
    assert text_width("WWWW", 13) > text_width("iiii", 13) > 0
    assert text_width("Ab", 13, bold=True) > text_width("Ab", 13)
    assert text_width("漢字", 13) == pytest.approx(26)  # wide characters count as one em


# -- the SVG --------------------------------------------------------------------------------------------


def parse_svg(markup: str) -> ET.Element:
    return ET.fromstring(markup.split("\n", 1)[1] if markup.startswith("<?xml") else markup)


def translate(node: ET.Element) -> tuple[int, int]:
    match = re.fullmatch(r"translate\((-?\d+) (-?\d+)\)", node.get("transform", ""))
    assert match, node.attrib
    return int(match[1]), int(match[2])


def check_edges(sub: ET.Element, claim_of: dict[str, str]) -> int:
    """Walk the subtree groups; every branch must run from its parent's trunk to its own box."""
    checked = 0
    stack: list[tuple[ET.Element, tuple[int, int, int] | None]] = [(sub, None)]
    while stack:
        group, parent = stack.pop()
        node = group.find(f"{SVG}g[@class]")
        assert node is not None and node.get("class", "").startswith("dm-n")
        x, y = translate(node)
        rect = node.find(f".//{SVG}rect[@class='dm-box']")
        assert rect is not None
        width = int(rect.get("width", "0"))
        link = node.find(f"{SVG}a")
        assert link is not None
        claim_of[link.get("href", "")] = link.findtext(f"{SVG}title", "")
        if parent is not None:
            px, _, pw = parent
            edge = group.find(f"{SVG}path[@class='dm-e']")
            assert edge is not None
            assert edge.get("d") == f"M{px + pw + TRUNK} {y + TREE.port}H{x - ICON_OFFSET - ICON_RADIUS}"
            checked += 1
        kids_group = group.find(f"{SVG}g[@class='dm-kids']")
        assert kids_group is not None
        kids = [g for g in kids_group if g.get("class", "").startswith("dm-sub")]
        if kids:
            trunk = kids_group.find(f"{SVG}path[@class='dm-trunk']")
            assert trunk is not None
            last_node = kids[-1].find(f"{SVG}g[@class]")
            assert last_node is not None
            last_y = translate(last_node)[1] + TREE.port
            tail = f"V{last_y}" if last_y != y + TREE.port else ""
            assert trunk.get("d") == f"M{x + width} {y + TREE.port}H{x + width + TRUNK}{tail}"
        stack.extend((kid, (x, y, width)) for kid in kids)
    return checked


@pytest.mark.parametrize(("claims", "seed"), [(2, 1), (60, 2), (2000, 3)])
def test_every_edge_joins_the_right_boxes(claims: int, seed: int) -> None:
    root = random_tree(claims, seed)
    extent = tidy_layout(root, TREE)
    svg = parse_svg(render_tree(root, extent, lambda c: f"claims/{c}/", title="t", standalone=True))
    top = svg.find(f"{SVG}g[@class='dm-sub dm-thesis']")
    assert top is not None
    claim_of: dict[str, str] = {}
    assert check_edges(top, claim_of) == claims - 1
    expected = {f"claims/{b.claim_id}/": f"{b.stance.capitalize()}: {b.text}" for b in walk(root)}
    assert claim_of == expected


def test_content_is_escaped_and_the_svg_stays_well_formed(tmp_path: Path) -> None:
    nasty = "Weights <script>alert(1)</script> & \"quotes\" 'too' ]]> <a href=x>"
    root = make_box("x", nasty, "thesis", 0, BOX)
    root.children.append(make_box("y", nasty, "con", 1, BOX))
    extent = tidy_layout(root, TREE)
    markup = render_tree(root, extent, lambda c: f'"/><script>{c}', title=nasty, standalone=True)
    svg = parse_svg(markup)
    assert not list(svg.iter(f"{SVG}script")) and "<script" not in markup
    assert svg.findtext(f"{SVG}title") == f"{nasty}"
    assert all(a.get("href", "").startswith('"/><script>') for a in svg.iter(f"{SVG}a") if a.get("class") is None)


def test_every_box_is_a_link_named_by_its_stance_and_full_text() -> None:
    root = random_tree(80, 4)
    svg = parse_svg(render_tree(root, tidy_layout(root, TREE), lambda c: c, title="t", standalone=False))
    assert svg.get("role") == "group" and svg.get("aria-labelledby") == "dm-title dm-desc"
    links = [a for a in svg.iter(f"{SVG}a") if a.get("class") is None]
    assert len(links) == 80
    for link in links:
        name = link.findtext(f"{SVG}title", "")
        assert re.match(r"(Thesis|Pro|Con): \S", name)


def test_shortened_boxes_keep_the_full_text_in_their_title() -> None:
    long = " ".join(["argument"] * 60)
    root = make_box("x", long, "thesis", 0, BOX)
    svg = parse_svg(render_tree(root, tidy_layout(root, TREE), lambda c: c, title="t", standalone=False))
    shown = "".join(t.text or "" for t in svg.iter(f"{SVG}tspan"))
    assert shown.endswith("…") and len(shown) < len(long)
    assert svg.findtext(f".//{SVG}a/{SVG}title") == f"Thesis: {long}"


REUSE_MAP = """\
title: Reuse
updated: 2024-08-01
thesis:
  id: thesis
  claim: The thesis.
  sources: [{source: report}]
  pros:
    - id: shared
      claim: A claim used twice.
      sources: [{source: report}]
      cons:
        - id: rebuttal
          claim: A rebuttal of the shared claim.
          sources: [{source: report}]
  cons:
    - id: other
      claim: Another claim.
      sources: [{source: report}]
      pros:
        - ref: shared
"""


def test_a_reused_claim_is_drawn_once_per_appearance_and_points_to_its_full_box(tmp_path: Path) -> None:
    site = load_site(minimal_site(tmp_path / "c", {"maps/open.yaml": REUSE_MAP})).site
    debate = site.maps["open"]
    markup = Drawings(site).for_map(debate, views.outline(site, debate))
    assert markup is not None and markup.inline is not None
    svg = parse_svg(str(markup.inline))
    hrefs = [a.get("href") for a in svg.iter(f"{SVG}a") if a.get("class") is None]
    assert hrefs.count("../../claims/shared/") == 2
    repeats = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "dm-n dm-repeat"]
    assert len(repeats) == 1
    marker = repeats[0].find(f"{SVG}a[@class='dm-see']")
    assert marker is not None
    anchors = [g for g in svg.iter(f"{SVG}g") if g.get("id") == "dm-shared"]
    assert marker.get("href") == "#dm-shared" and len(anchors) == 1
    assert "1 pros and cons" in marker.findtext(f"{SVG}title", "")


def test_the_standalone_svg_has_its_own_styles_and_absolute_links(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(minimal_site(tmp_path / "c", {"maps/open.yaml": REUSE_MAP}), out)
    data = (out / "maps" / "open" / "map.svg").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    svg = parse_svg(data.decode())
    assert svg.find(f"{SVG}style") is not None
    hrefs = {a.get("href") for a in svg.iter(f"{SVG}a") if a.get("class") is None}
    assert hrefs == {f"https://example.org/debates/claims/{c}/" for c in ("thesis", "shared", "rebuttal", "other")}


def test_build_writes_byte_identical_drawings(tmp_path: Path) -> None:
    content = minimal_site(tmp_path / "c", {"maps/open.yaml": REUSE_MAP})
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    for name in ("maps/open/map.svg", "maps/open/index.html", "claims/shared/index.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("inline_limit", [drawing.INLINE_LIMIT, 45])
def test_a_build_lays_each_map_out_once_for_its_page_and_its_download(
    inline_limit: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The download is made with the map's page, from the page's layout (it used to be drawn again
    in another worker); a map too big to draw in its page is laid out once, for the download."""
    laid_out: list[str] = []

    def counting(root: Box, style: TreeStyle) -> tuple[int, int]:
        laid_out.append(root.claim_id)
        return tidy_layout(root, style)

    monkeypatch.setattr(drawing, "tidy_layout", counting)
    monkeypatch.setattr(drawing, "INLINE_LIMIT", inline_limit)
    monkeypatch.setenv("DEBATEMAP_WORKERS", "1")  # render in this process, where the count sees it
    out = tmp_path / "site"
    build(CONTENT, out)
    maps = load_site(CONTENT).site.maps
    assert sorted(laid_out) == sorted(m.thesis_id for m in maps.values())
    inline = [(out / "maps" / m / "index.html").read_text(encoding="utf-8").count('class="dm-svg"') for m in maps]
    if inline_limit < drawing.INLINE_LIMIT:
        assert 0 in inline and any(inline), "the real content should have maps on both sides of the limit"
    for map_id in maps:
        assert (out / "maps" / map_id / "map.svg").is_file()


# -- the overview ---------------------------------------------------------------------------------------


def test_overview_segments_share_their_parents_width_by_subtree_size() -> None:
    root = random_tree(300, 5)
    drawn = segments(root)
    by_box = {id(s.box): s for s in drawn}
    assert drawn[0].box is root and drawn[0].width == WIDTH and drawn[0].size == 300
    for seg in drawn:
        kids = [by_box[id(c)] for c in seg.box.children if id(c) in by_box]
        for kid in kids:
            assert seg.x - 1e-6 <= kid.x and kid.x + kid.width <= seg.x + seg.width + 1e-6
            assert kid.y == seg.y + 26
            assert kid.width == pytest.approx(seg.width * kid.size / (seg.size - 1))  # all children's sizes add to size - 1


def test_overview_of_a_huge_map_leaves_out_slivers_and_stays_small() -> None:
    root = random_tree(2000, 6)
    markup, note = overview_svg(root, lambda c: c, title="t")
    svg = parse_svg(markup)
    rects = list(svg.iter(f"{SVG}a"))
    rows = len({s.y for s in segments(root)})
    # what it leaves out is said, side by side, and adds up to the map
    drawn = {side: sum(1 for link in rects if link.get("class") == f"ov-{side}") for side in ("pro", "con")}
    told = {side: int(m.group(1)) if (m := re.search(rf"(\d+) {side}s?\b", note)) else 0 for side in ("pro", "con")}
    every = {side: sum(1 for box in walk(root) if box.stance == side) for side in ("pro", "con")}
    assert told["pro"] and told["con"], note
    assert {side: drawn[side] + told[side] for side in told} == every
    sides = f"{told['pro']} pros and {told['con']} cons"
    assert note == f"{told['pro'] + told['con']} claims ({sides}) are too small or too deep to show here."
    assert note in (svg.findtext(f"{SVG}desc") or "")
    assert len(rects) <= rows * WIDTH / MIN_WIDTH
    assert len(rects) < 2000
    assert all(float(r.get("width", "0")) >= MIN_WIDTH for r in svg.iter(f"{SVG}rect") if r.get("class") is None and r.get("x"))
    for link in rects:
        assert re.match(r"(Thesis|Pro|Con): ", link.findtext(f"{SVG}title", ""))


# -- the local map -----------------------------------------------------------------------------------------


LOCAL_MAP = """\
title: Local
updated: 2024-08-01
thesis:
  id: thesis
  claim: The thesis.
  sources: [{source: report}]
  pros:
    - id: middle
      claim: A claim with two parents & <three> children.
      sources: [{source: report}]
      pros:
        - {id: kid-a, claim: First child., sources: [{source: report}]}
        - {id: kid-b, claim: Second child., sources: [{source: report}]}
      cons:
        - {id: kid-c, claim: Third child., sources: [{source: report}]}
  cons:
    - id: other
      claim: Another parent.
      sources: [{source: report}]
      cons:
        - ref: middle
"""


def test_local_map_draws_the_parents_the_claim_and_its_children(tmp_path: Path) -> None:
    site = load_site(minimal_site(tmp_path / "c", {"maps/open.yaml": LOCAL_MAP})).site
    markup = Drawings(site).local_map(site.claims["middle"])
    assert markup is not None
    svg = parse_svg(str(markup))
    links = {a.get("href"): a.findtext(f"{SVG}title") for a in svg.iter(f"{SVG}a")}
    assert links == {
        "../../claims/thesis/": "Supported by this claim: The thesis.",
        "../../claims/other/": "Opposed by this claim: Another parent.",
        "../../claims/kid-a/": "Pro: First child.",
        "../../claims/kid-b/": "Pro: Second child.",
        "../../claims/kid-c/": "Con: Third child.",
    }
    current = [g for g in svg.iter(f"{SVG}g") if g.get("aria-current") == "page"]
    assert len(current) == 1 and current[0].findtext(f"{SVG}title") == "This claim: A claim with two parents & <three> children."
    icons = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "dm-i"]
    assert len(icons) == 5


def many_children(tmp_path: Path, pros: int, cons: int) -> ET.Element:
    """The thesis's local map when it has ``pros`` pros and ``cons`` cons."""

    def kids(side: str, count: int) -> str:
        rows = "\n".join(f"    - {{id: {side}-{i}, claim: {side} {i}., sources: [{{source: report}}]}}" for i in range(count))
        return f"  {side}s:\n{rows}\n" if count else ""

    head = "title: Many\nupdated: 2024-08-01\nthesis:\n  id: thesis\n  claim: The thesis.\n  sources: [{source: report}]\n"
    site = load_site(minimal_site(tmp_path / "c", {"maps/open.yaml": head + kids("pro", pros) + kids("con", cons)})).site
    markup = Drawings(site).local_map(site.claims["thesis"])
    assert markup is not None
    return parse_svg(str(markup))


def drawn_sides(svg: ET.Element) -> list[str]:
    return [a.get("href", "").split("/")[-2].split("-")[0] for a in svg.iter(f"{SVG}a")]


def box_texts(svg: ET.Element) -> str:
    return " ".join(t.text or "" for t in svg.iter(f"{SVG}tspan"))


def test_local_map_shows_the_first_few_children_and_counts_the_rest(tmp_path: Path) -> None:
    svg = many_children(tmp_path, 0, 25)
    assert len(list(svg.iter(f"{SVG}a"))) == drawing.MAX_CHILDREN
    assert "and 15 more cons" in box_texts(svg)
    assert "Not drawn: 15 more cons." in (svg.findtext(f"{SVG}desc") or "")


def test_local_map_draws_as_many_cons_as_pros_and_names_the_side_it_leaves_out(tmp_path: Path) -> None:
    """The thesis of the real map had all 8 pros drawn, 2 of 8 cons, and "6 more pros and cons"."""
    svg = many_children(tmp_path, 8, 8)
    assert drawn_sides(svg) == ["pro"] * 5 + ["con"] * 5
    assert "and 3 more pros and 3 more cons" in box_texts(svg)
    svg = many_children(tmp_path / "b", 12, 3)
    assert drawn_sides(svg) == ["pro"] * 7 + ["con"] * 3, "a side's unused share goes to the other"
    assert "and 5 more pros" in box_texts(svg) and "cons" not in box_texts(svg).split("and 5 more pros")[1]


def test_a_claim_with_no_parents_or_children_has_no_local_map(tmp_path: Path) -> None:
    content = "title: Alone\nupdated: 2024-08-01\nthesis:\n  id: alone\n  claim: Alone.\n  sources: [{source: report}]\n"
    site = load_site(minimal_site(tmp_path / "c", {"maps/open.yaml": content})).site
    assert Drawings(site).local_map(site.claims["alone"]) is None


# -- in the built site ------------------------------------------------------------------------------------


def test_every_map_page_has_its_drawing_overview_and_downloads(content_site: Path) -> None:
    for page in sorted((content_site / "maps").glob("*/index.html")):
        html = page.read_text()
        assert html.count('class="dm-svg"') == 1, page
        assert 'class="ov-svg"' in html
        assert 'href="#outline-heading"' in html  # the outline is the drawing's text alternative
        assert f'href="../../maps/{page.parent.name}/map.svg" download="{page.parent.name}.svg"' in html
        assert (page.parent / "map.svg").is_file()


def test_a_map_too_large_to_inline_links_its_drawing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drawing, "INLINE_LIMIT", 2)
    out = tmp_path / "site"
    build(minimal_site(tmp_path / "c"), out)
    html = (out / "maps" / "open" / "index.html").read_text()
    assert 'class="dm-svg"' not in html
    assert (
        'This map has 3 claims, too many to draw inside the page: <a href="../../maps/open/map.svg">open the whole drawing</a>'
        in html
    )


def test_claim_pages_with_their_local_map_stay_within_30_kb_compressed(content_site: Path) -> None:
    def compressed(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), 9))

    pages = sorted((content_site / "claims").glob("*/index.html"))
    assert sum('class="dm-svg lm-svg"' in p.read_text() for p in pages) == len(pages)
    worst = max(pages, key=compressed)
    assets = re.findall(r'(?:href|src)="\.\./\.\./(assets/[^"?]+)', worst.read_text())
    total = compressed(worst) + sum(compressed(content_site / a) for a in set(assets))
    assert total <= 30 * 1024, (worst, total)
