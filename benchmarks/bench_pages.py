"""Time rendering one page of each kind, at two site sizes: no page may cost more as the site grows.

    python benchmarks/bench_pages.py [--sizes 1000 10000] [--sample 40] [--runs 3]

For each size it writes a corpus with ``corpus.generate`` (seed 1), loads it, and renders a
sample of every page kind serially in this process (templates compiled and caches warmed by one
untimed pass). It prints the median milliseconds and bytes per page by kind, and the ratio of the
median at the largest size to the median at the smallest: a ratio near 1x means the kind does no
work in proportion to the whole site, which is what lets a build of 100,000 claims scale linearly.
Site-wide pages (home, bibliography, tags index, sitemap, feed) list everything, so they are
expected to grow; each is one page per site.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from debatemap.pipeline import load_site
from debatemap.render.renderer import Renderer
from debatemap.render.routes import Route
from debatemap.render.theme import find_theme

SITE_WIDE = {"home", "maps", "sources", "tags", "sitemap", "feed", "search"}
"""Kinds of which a site has one page that lists everything: they grow with the site by design."""


def sample(routes: list[Route], per_kind: int) -> dict[str, list[Route]]:
    """Up to ``per_kind`` routes of each kind, spread evenly over the sorted list."""
    by_kind: defaultdict[str, list[Route]] = defaultdict(list)
    for route in routes:
        by_kind[route.kind].append(route)
    return {kind: items[:: max(1, len(items) // per_kind)][:per_kind] for kind, items in sorted(by_kind.items())}


def bench(claims: int, per_kind: int, runs: int) -> dict[str, tuple[float, int, int]]:
    """Kind -> (median ms per page, median bytes per page, pages of that kind in the site)."""
    with tempfile.TemporaryDirectory(prefix=f"debatemap-pages-{claims}-") as tmp:
        root = generate(Path(tmp) / "content", claims)
        checked = load_site(root)
        renderer = Renderer(checked.site, find_theme(checked.site.config, root))
        routes = renderer.routes()
        counts = defaultdict(int)
        for route in routes:
            counts[route.kind] += 1
        chosen = sample(routes, per_kind)
        for items in chosen.values():  # warm: compile templates, fill caches
            for route in items:
                renderer.render(route)
        result = {}
        for kind, items in chosen.items():
            times, sizes = [], []
            for _ in range(runs):
                for route in items:
                    started = time.perf_counter()
                    data = renderer.render(route)
                    times.append((time.perf_counter() - started) * 1000)
                    sizes.append(len(data))
            result[kind] = (statistics.median(times), int(statistics.median(sizes)), counts[kind])
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--sample", type=int, default=40, help="pages timed per kind (default 40)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    results = {size: bench(size, args.sample, args.runs) for size in sizes}
    small, large = results[sizes[0]], results[sizes[-1]]
    head = " | ".join(f"{s:,} claims: ms, KB (pages)" for s in sizes)
    print(f"| page kind | {head} | ratio {sizes[-1]:,}/{sizes[0]:,} |")
    print("| --- | " + " | ".join("---" for _ in sizes) + " | --- |")
    for kind in sorted(large):
        cells = []
        for size in sizes:
            ms, size_bytes, pages = results[size].get(kind, (float("nan"), 0, 0))
            cells.append(f"{ms:.2f}, {size_bytes / 1024:.1f} ({pages:,})")
        ratio = large[kind][0] / small[kind][0] if kind in small and small[kind][0] else float("nan")
        note = " (site-wide)" if kind in SITE_WIDE else ""
        print(f"| {kind}{note} | " + " | ".join(cells) + f" | {ratio:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
