"""Benchmark the drawn map: layout and drawing of generated 500- and 2,000-claim maps.

Prints two tables:

1. Time (median of several runs, in ms): debatemap's tidy-tree layout alone, and layout plus
   every SVG the map needs (the page's drawing, the overview, the standalone file); the same
   tree laid out by python-igraph's Reingold-Tilford and by grandalf's Sugiyama layout, where
   installed (``pip install igraph grandalf``); and the same debate drawn by the Argdown CLI
   (``argdown map --format svg``), where Node and ``benchmarks/.node`` have it (see below).
2. Quality of each layout on the same boxes: the drawing's area against ours, and how many
   pairs of boxes overlap (point layouts must space every row for the tallest box to avoid
   overlaps, which is where their area goes).

    python benchmarks/bench_drawing.py [--sizes 500 2000] [--runs 5]

The Argdown CLI is installed only for this benchmark, into a git-ignored folder:

    npm install --prefix benchmarks/.node @argdown/cli@1.7.5

(@argdown/cli 2.0.0 needs Node >= 22.11 and names a @argdown/markdown-it-plugin release that
the npm registry does not have, so it does not install; 1.7.5 runs on Node 20.)
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from debatemap.pipeline import load_site
from debatemap.render import views
from debatemap.render.drawing import BOX, TREE, build_tree, render_tree
from debatemap.render.drawing_font import text_units, wrap
from debatemap.render.drawing_layout import Box, tidy_layout, walk
from debatemap.render.drawing_overview import overview_svg

HERE = Path(__file__).resolve().parent
ARGDOWN = HERE / ".node" / "node_modules" / ".bin" / "argdown"
ARGDOWN_TIMEOUT = 300
WORDS = [
    "open", "weights", "model", "release", "safety", "risk", "misuse", "research", "innovation", "cost", "access",
    "security", "developer", "government", "policy", "licence", "audit", "data", "compute", "market", "rival",
    "state", "law", "evidence", "public", "benefit", "harm",
]  # fmt: skip


# -- a generated debate -------------------------------------------------------------------------


def generate(claims: int, seed: int = 1) -> tuple[list[tuple[int, int, str]], list[str]]:
    """A debate shaped like real ones: a wide thesis, shallow branches, 3 % of claims reused.

    Returns edges (parent, child, stance) in content order and each claim's text. Every edge
    goes from a lower to a higher index, so reuse never makes a cycle.
    """
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 28))).capitalize() + "." for _ in range(claims)]
    depth = [0]
    edges: list[tuple[int, int, str]] = []
    for child in range(1, claims):
        while True:  # shallow claims get most replies, as in real maps
            parent = int(child * rng.random() ** 2)
            if depth[parent] < 7:
                break
        depth.append(depth[parent] + 1)
        edges.append((parent, child, "pro" if rng.random() < 0.55 else "con"))
    existing = {(p, c) for p, c, _ in edges}
    for _ in range(claims * 3 // 100):
        parent, child = sorted(rng.sample(range(1, claims), 2))
        if (parent, child) not in existing:
            existing.add((parent, child))
            edges.append((parent, child, "pro" if rng.random() < 0.5 else "con"))
    return edges, texts


def children_of(edges: list[tuple[int, int, str]], claims: int) -> list[list[tuple[int, str, bool]]]:
    first_parent: dict[int, int] = {}
    for parent, child, _ in edges:
        first_parent.setdefault(child, parent)
    kids: list[list[tuple[int, str, bool]]] = [[] for _ in range(claims)]
    for parent, child, stance in edges:
        kids[parent].append((child, stance, first_parent[child] != parent))
    return kids


def write_content(root: Path, edges: list[tuple[int, int, str]], texts: list[str]) -> None:
    """The debate as a debatemap content folder (one map), written without recursion."""
    kids = children_of(edges, len(texts))
    lines = ["title: A generated debate", "updated: 2026-01-01", "thesis:"]
    # Items: a literal line, or a claim (index, indent level, written as a reference).
    stack: list[str | tuple[int, int, bool]] = [(0, 1, False)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            lines.append(item)
            continue
        claim, level, is_ref = item
        pad = "  " * level
        lead = pad if claim == 0 else "  " * (level - 1) + "- "
        if is_ref:
            lines.append(f"{lead}ref: c{claim:05d}")
            continue
        lines += [f"{lead}id: c{claim:05d}", f"{pad}claim: {texts[claim]}"]
        pending: list[str | tuple[int, int, bool]] = []
        for stance in ("pro", "con"):
            group = [(child, ref) for child, s, ref in kids[claim] if s == stance]
            if group:
                pending.append(f"{pad}{stance}s:")
                pending += [(child, level + 1, ref) for child, ref in group]
        stack.extend(reversed(pending))
    (root / "maps").mkdir(parents=True)
    (root / "maps" / "generated.yaml").write_text("\n".join(lines) + "\n")
    (root / "site.yaml").write_text("title: Bench\nnav: [maps]\n")


def write_argdown(path: Path, edges: list[tuple[int, int, str]], texts: list[str]) -> None:
    """The same debate in Argdown: statements with titles, supports (+) and attacks (-)."""
    kids = children_of(edges, len(texts))
    lines: list[str] = []
    stack: list[tuple[int, int, str, bool]] = [(0, 0, "", False)]
    while stack:
        claim, indent, stance, is_ref = stack.pop()
        mark = {"pro": "+ ", "con": "- ", "": ""}[stance]
        body = "" if is_ref else f": {texts[claim]}"
        lines.append(f"{'    ' * indent}{mark}[c{claim:05d}]{body}")
        if not is_ref:
            stack.extend((child, indent + 1, s, ref) for child, s, ref in reversed(kids[claim]))
    path.write_text("\n".join(lines) + "\n")


# -- layouts compared ----------------------------------------------------------------------------


def boxes_of(root: Box) -> list[Box]:
    return list(walk(root))


def ours(root: Box) -> list[tuple[float, float, Box]]:
    tidy_layout(root, TREE)
    return [(b.x, b.y, b) for b in walk(root)]


def igraph_rt(root: Box) -> list[tuple[float, float, Box]]:
    """Reingold-Tilford on points; rows spaced for the tallest box so no two boxes overlap."""
    import igraph  # noqa: PLC0415 - optional, benchmark only

    boxes = boxes_of(root)
    index = {id(b): i for i, b in enumerate(boxes)}
    edges = [(index[id(b)], index[id(c)]) for b in boxes for c in b.children]
    coords = igraph.Graph(n=len(boxes), edges=edges, directed=True).layout_reingold_tilford(root=[0]).coords
    unit = max(b.height for b in boxes) + TREE.sibling_gap
    low = min(x for x, _ in coords)
    return [((y * TREE.pitch), (x - low) * unit, b) for (x, y), b in zip(coords, boxes, strict=True)]


def grandalf_sugiyama(root: Box) -> list[tuple[float, float, Box]]:
    """Sugiyama layering (ranks become columns), with each box's real size."""
    from grandalf.graphs import Edge, Graph, Vertex  # noqa: PLC0415 - optional, benchmark only
    from grandalf.layouts import SugiyamaLayout  # noqa: PLC0415

    boxes = boxes_of(root)
    vertices = [Vertex(b) for b in boxes]
    index = {id(b): v for b, v in zip(boxes, vertices, strict=True)}
    graph = Graph(vertices, [Edge(index[id(b)], index[id(c)]) for b in boxes for c in b.children])

    class View:
        def __init__(self, box: Box) -> None:  # rotated: grandalf layers top-down, we go left-right
            self.w, self.h, self.xy = box.height + TREE.sibling_gap, TREE.pitch, (0.0, 0.0)

    for v in vertices:
        v.view = View(v.data)
    layout = SugiyamaLayout(graph.C[0])
    layout.init_all(roots=[index[id(root)]])
    layout.draw()
    placed = [(v.view.xy[1], v.view.xy[0] - v.data.height / 2, v.data) for v in vertices]
    low_x, low_y = min(p[0] for p in placed), min(p[1] for p in placed)
    return [(x - low_x, y - low_y, b) for x, y, b in placed]


def overlaps(placed: list[tuple[float, float, Box]]) -> int:
    """Pairs of boxes that intersect: a sweep over x, then y within each band."""
    items = sorted(placed, key=lambda p: p[0])
    count = 0
    for i, (x1, y1, b1) in enumerate(items):
        for x2, y2, b2 in items[i + 1 :]:
            if x2 >= x1 + b1.width:
                break
            if y1 < y2 + b2.height and y2 < y1 + b1.height:
                count += 1
    return count


def area(placed: list[tuple[float, float, Box]]) -> float:
    width = max(x + b.width for x, _, b in placed) - min(x for x, _, _ in placed)
    height = max(y + b.height for _, y, b in placed) - min(y for _, y, _ in placed)
    return width * height


# -- timing ----------------------------------------------------------------------------------------


def median_ms(runs: int, work: Callable[[Any], Any], setup: Callable[[], Any] = lambda: None) -> float:
    """The median time of ``work(setup())``; ``setup`` runs before each run and is not timed."""
    times = []
    for _ in range(runs):
        given = setup()
        started = time.perf_counter()
        work(given)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def argdown_ms(edges: list[tuple[int, int, str]], texts: list[str], runs: int) -> tuple[float | None, str]:
    if shutil.which("node") is None:
        return None, "skipped: no node"
    if not ARGDOWN.exists():
        return None, "skipped: run npm install --prefix benchmarks/.node @argdown/cli@1.7.5"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "debate.argdown"
        write_argdown(source, edges, texts)
        command = [str(ARGDOWN), "map", "--format", "svg", "--silent", str(source), str(Path(tmp) / "out")]
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            try:
                subprocess.run(command, check=True, capture_output=True, timeout=ARGDOWN_TIMEOUT)
            except subprocess.TimeoutExpired:
                return None, f"timed out after {ARGDOWN_TIMEOUT} s"
            except subprocess.CalledProcessError as exc:
                return None, f"failed: {exc.stderr.decode(errors='replace').strip()[:120]}"
            times.append((time.perf_counter() - started) * 1000)
        if not (Path(tmp) / "out" / "debate.svg").exists():
            return None, "failed: no SVG written"
        return statistics.median(times), "node startup included"


def bench(size: int, runs: int) -> tuple[list[str], list[list[str]]]:
    """One row of the timing table and the quality rows for a generated map of ``size`` claims."""
    edges, texts = generate(size)
    with tempfile.TemporaryDirectory() as tmp:
        write_content(Path(tmp), edges, texts)
        site = load_site(Path(tmp)).site
    outline = views.outline(site, next(iter(site.maps.values())))
    assert outline is not None

    def href(claim_id: str) -> str:
        return f"../../claims/{claim_id}/"

    def cold() -> None:
        """Each build wraps a map's claims once: time that, not a warm cache's lookups."""
        wrap.cache_clear()
        text_units.cache_clear()

    def fresh() -> Box:
        return build_tree(outline, site)

    def draw_all() -> None:
        root = fresh()
        extent = tidy_layout(root, TREE)
        render_tree(root, extent, href, title="t", standalone=False)
        render_tree(root, extent, href, title="t", standalone=True)
        overview_svg(root, href, title="t")

    boxes = len(boxes_of(fresh()))
    build_only = median_ms(runs, lambda _: fresh(), cold)
    layout_only = median_ms(runs, ours, fresh)
    everything = median_ms(runs, lambda _: draw_all(), cold)
    row = [f"{size}", f"{boxes}", f"{build_only:.0f}", f"{layout_only:.1f}", f"{everything:.0f}"]
    placed_ours = ours(fresh())
    quality = [[f"{size}", "debatemap tidy tree", "1.00", str(overlaps(placed_ours))]]
    for name, engine in (("igraph Reingold-Tilford", igraph_rt), ("grandalf Sugiyama", grandalf_sugiyama)):
        try:
            placed = engine(fresh())  # also the warm-up: imports and first-call costs are not timed
        except ImportError:
            row.append("not installed")
            continue
        ms = median_ms(max(1, runs // 2), engine, fresh)
        row.append(f"{ms:.1f} ({ms / layout_only:.1f}x ours)")
        quality.append([f"{size}", name, f"{area(placed) / area(placed_ours):.2f}", str(overlaps(placed))])
    peer, note = argdown_ms(edges, texts, max(1, runs // 2))
    row.append(f"{peer:.0f} ({peer / everything:.0f}x ours; {note})" if peer is not None else note)
    return row, quality


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    timing: list[list[str]] = []
    quality: list[list[str]] = []
    for size in args.sizes:
        row, rows = bench(size, args.runs)
        timing.append(row)
        quality += rows
    print(f"Boxes {BOX.width} px wide, {BOX.font_size} px text, up to {BOX.max_lines} lines; medians of {args.runs} runs.\n")
    _table(
        [
            "claims",
            "boxes",
            "boxes ms",
            "our layout ms",
            "boxes + layout + all SVG ms",
            "igraph RT ms",
            "grandalf ms",
            "Argdown ms",
        ],
        timing,
    )
    print()
    _table(["claims", "layout", "area vs ours", "overlapping box pairs"], quality)


def _table(head: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
