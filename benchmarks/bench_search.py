"""Search: index build time, bytes a browser downloads for its first query, and result quality.

    python benchmarks/bench_search.py [--runs 5] [--sizes 1000 10000] [--pagefind BIN] [--minisearch DIR]

For each size it writes a synthetic corpus (``corpus.generate``, seed 1) and prints:

- ``search_files`` time, cold (a fresh process's first build) and warm (serve's rebuild after
  an edit: the per-field term cache is full), medians of ``--runs``;
- the compressed bytes (gzip level 6, what static hosts serve) a browser fetches for a first
  query, measured in Chromium with the real ``search.js``: every URL the page requested after
  the HTML, summed from the files on disk. The baseline is the same index as one file (all
  shards and documents), which is what a one-file engine such as lunr.js or MiniSearch loads.

``--pagefind BIN`` (the binary from the ``pagefind_bin`` wheel) and ``--minisearch DIR`` (a
folder with ``node_modules/minisearch``) add the two alternatives the README compares, each fed
the same documents: Pagefind's CLI over one generated HTML file per document (its Python API
needs a 0.1 s round trip per record), and a MiniSearch index serialised with Node. The quality
table runs a fixed set of reader questions on the real content through each engine and reports
the rank of the expected page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from debatemap.graph import Site
from debatemap.pipeline import load_site
from debatemap.render import search, search_index, search_records, search_text
from debatemap.render.renderer import Renderer
from debatemap.render.routes import Route
from debatemap.render.theme import find_theme

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
BUDGET = 300 * 1024
"""The issue's limit for the first query at 10,000 claims, compressed."""

SYNTHETIC_QUERIES = [
    ("one word", "?q=misuse"),
    ("two words", "?q=safety+regulation"),
    ("typing a prefix", "?q=transpar"),
    ("word + stance filter", "?q=risk&stance=con"),
    ("filters only", "?stance=con&tag=security"),
]

QUALITY = [
    ("fraudsters", {"claims/misuse-by-bad-actors/"}),
    ("NTIA report", {"sources/ntia-open-model-weights-report/"}),
    ("open-washing", {"claims/open-washing-charge/"}),
    ("700 million users", {"claims/mau-clause-700m/", "claims/user-threshold-hits-few/"}),
    ("wrong side of history", {"claims/altman-wrong-side-of-history/"}),
    ("DeepSeek MIT licence", {"claims/deepseek-gave-back/", "claims/mit-licence-contrast/"}),
    ("fine-tuning API data", {"claims/api-tuning-sends-data-out/"}),
    ("misus", {"claims/misuse-by-bad-actors/", "claims/closed-models-misused-too/"}),
]
"""Reader questions on the real content, and the pages that answer them."""


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


# -- build time ------------------------------------------------------------------------------


def clear_caches() -> None:
    search_index._term_counts.cache_clear()
    search_text.block_text.cache_clear()
    search_text._TERM.clear()


def time_build(site: Site, runs: int) -> tuple[float, float, dict[str, bytes]]:
    cold, warm = [], []
    files: dict[str, bytes] = {}
    for _ in range(runs):
        clear_caches()
        start = time.perf_counter()
        files = search.search_files(site)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        search.search_files(site)
        warm.append(time.perf_counter() - start)
    return statistics.median(cold), statistics.median(warm), files


# -- serving and measuring in Chromium -------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(root: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when a browser is wanted

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def fetched_bytes(browser: Any, root: Path, url: str, ready: Callable[[Any], None]) -> dict[str, int]:
    """Compressed size of every file the page at ``url`` requested, by site path."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    ready(page)
    context.close()
    sizes: dict[str, int] = {}
    for address in requested:
        path = urlsplit(address).path.lstrip("/")
        file = root / (path + "index.html" if path.endswith("/") or not path else path)
        if file.is_file():
            sizes[path or "index.html"] = gz(file.read_bytes())
    return sizes


def write_search_site(site: Site, files: dict[str, bytes], out: Path) -> None:
    """Just what the search page needs: the page, the theme's assets and the index."""
    renderer = Renderer(site, find_theme(site.config, site.root))
    pages = {"search/index.html": renderer.render(Route("search/", "search", ""))}
    for name, data in {**pages, **renderer.assets, **files}.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def wait_for_results(page: Any) -> None:
    page.wait_for_selector("#search-status:not(:empty)")
    page.wait_for_load_state("networkidle")


def first_query_table(browser: Any, site: Site, files: dict[str, bytes], claims: int) -> None:
    with tempfile.TemporaryDirectory(prefix="debatemap-search-site-") as tmp:
        root = Path(tmp)
        write_search_site(site, files, root)
        one_file = gz(b"".join(files[name] for name in sorted(files)))
        print(f"\nFirst query at {claims:,} claims (gzip -6; baseline: the same index as one file, {kb(one_file)})")
        print(f"{'query':24} {'page+css+js':>12} {'index':>10} {'total':>10} {'requests':>9} {'vs one file':>12}")
        with served(root) as url:
            for label, query in SYNTHETIC_QUERIES:
                sizes = fetched_bytes(browser, root, url + "search/" + query, wait_for_results)
                index = sum(v for k, v in sizes.items() if k.startswith(search.INDEX_DIR))
                page = sum(sizes.values()) - index
                total = sum(sizes.values())
                flag = "" if total <= BUDGET else "  OVER BUDGET"
                print(
                    f"{label:24} {kb(page):>12} {kb(index):>10} {kb(total):>10} {len(sizes):>9} {index / one_file:>11.1%}{flag}"
                )


# -- the alternatives ------------------------------------------------------------------------


def pagefind_html(record: search.Record) -> str:
    """One page per document with Pagefind's attributes: the same fields, weights and filters."""
    weights = {search_records.TITLE: 10.0, search_records.TAGS: 5.0, search_records.BODY: 2.5, search_records.CITED: 1.25}
    top = weights[search_records.TITLE]
    parts = [f"<h1 data-pagefind-meta='title' data-pagefind-weight='{top}'>{html.escape(record.title)}</h1>"]
    parts += [f"<p data-pagefind-weight='{weights[w]}'>{html.escape(text)}</p>" for text, w in record.fields[1:] if text]
    for name, values in record.facets:
        parts += [f"<span data-pagefind-filter='{name}'>{html.escape(v)}</span>" for v in values]
    parts.append(f"<span data-pagefind-filter='type'>{record.kind}</span>")
    return f"<!doctype html><html lang='en'><body data-pagefind-body>{''.join(parts)}</body></html>"


def build_pagefind(binary: str, docs: list[search.Record], root: Path) -> float:
    for record in docs:
        target = root / record.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pagefind_html(record), encoding="utf-8")
    (root / "index.html").write_text(PAGEFIND_HARNESS, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([binary, "--site", str(root), "--silent"], check=True)
    return time.perf_counter() - start


PAGEFIND_HARNESS = """<!doctype html><html lang="en"><body><script type="module">
const pagefind = await import("./pagefind/pagefind.js");
const params = new URLSearchParams(location.search);
const filters = params.get("stance") ? {stance: params.get("stance")} : {};
const search = await pagefind.search(params.get("q") || null, {filters});
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.results = data.map(d => d.url.replace(/^\\//, ""));
document.body.dataset.done = "1";
</script></body></html>"""


def tree_digest(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def pagefind_rows(binary: str, browser: Any | None, site: Site, claims: int) -> None:
    docs = search.records(site)
    with tempfile.TemporaryDirectory(prefix="debatemap-pagefind-") as tmp:
        first, second = Path(tmp) / "a", Path(tmp) / "b"
        seconds = build_pagefind(binary, docs, first)
        build_pagefind(binary, docs, second)
        same = tree_digest(first / "pagefind") == tree_digest(second / "pagefind")
        line = f"Pagefind at {claims:,} claims: index {seconds:.2f} s, byte-identical across builds: {'yes' if same else 'no'}"
        if browser is not None:
            with served(first) as url:
                for label, query in SYNTHETIC_QUERIES[:1] + SYNTHETIC_QUERIES[3:4]:
                    sizes = fetched_bytes(
                        browser, first, url + query, lambda p: p.wait_for_selector("body[data-done]", state="attached")
                    )
                    index = sum(v for k, v in sizes.items() if k.startswith("pagefind/"))
                    line += f"; first query ({label}): {kb(index)} in {len(sizes) - 1} requests"
        print(line)


MINISEARCH_SCRIPT = """
const loaded = require(process.argv[1]);
const MiniSearch = loaded.default || loaded;
const docs = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const queries = JSON.parse(process.argv[3]);
const start = process.hrtime.bigint();
const ms = new MiniSearch({fields: ["t", "g", "b", "x"], storeFields: ["u", "k", "t", "b", "x", "s", "m"],
  searchOptions: {boost: {t: 8, g: 4, b: 2, x: 1}, prefix: true, fuzzy: 0.2, combineWith: "AND"}});
ms.addAll(docs);
const json = JSON.stringify(ms);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const ranked = queries.map(q => ms.search(q).slice(0, 10).map(r => r.u));
process.stdout.write(JSON.stringify({seconds, bytes: json.length, json, ranked}));
"""


def minisearch_run(folder: Path, docs: list[search.Record], queries: list[str]) -> dict[str, Any]:
    rows = [
        {
            "id": i,
            "u": r.url,
            "k": r.kind,
            "t": r.title,
            "b": r.body,
            "x": "; ".join(r.extra),
            "g": " ".join(dict(r.facets).get("tag", ())),
        }
        for i, r in enumerate(docs)
    ]
    with tempfile.TemporaryDirectory(prefix="debatemap-minisearch-") as tmp:
        data = Path(tmp) / "docs.json"
        data.write_text(json.dumps(rows), encoding="utf-8")
        module = str(folder / "node_modules" / "minisearch" / "dist" / "cjs" / "index.cjs")
        done = subprocess.run(
            ["node", "-e", MINISEARCH_SCRIPT, module, str(data), json.dumps(queries)], check=True, capture_output=True, text=True
        )
    result: dict[str, Any] = json.loads(done.stdout)
    library = folder / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
    result["library_gz"] = gz(library.read_bytes())
    result["index_gz"] = gz(result.pop("json").encode("utf-8"))
    return result


# -- quality on the real content -------------------------------------------------------------


def ours_ranked(browser: Any, content_site: Path, queries: list[str]) -> list[list[str]]:
    out = []
    with served(content_site) as url:
        context = browser.new_context()
        page = context.new_page()
        for query in queries:
            page.goto(url + "search/?q=" + query.replace(" ", "+"))
            wait_for_results(page)
            links = page.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.getAttribute('href'))")
            out.append([str(link).removeprefix("../") for link in links])
        context.close()
    return out


def pagefind_ranked(binary: str, browser: Any, site: Site, queries: list[str]) -> list[list[str]]:
    out = []
    with tempfile.TemporaryDirectory(prefix="debatemap-pagefind-real-") as tmp:
        root = Path(tmp)
        build_pagefind(binary, search.records(site), root)
        with served(root) as url:
            context = browser.new_context()
            page = context.new_page()
            for query in queries:
                page.goto(url + "?q=" + query.replace(" ", "+"))
                page.wait_for_selector("body[data-done]", state="attached")
                out.append(list(page.evaluate("window.results")))
            context.close()
    return out


def quality_table(engines: dict[str, list[list[str]]]) -> None:
    print("\nResult quality on the real content: rank of the first expected page (top 10, the first page; '-' = not found)")
    names = list(engines)
    print(f"{'query':26}" + "".join(f"{n:>12}" for n in names))
    reciprocal: dict[str, list[float]] = {n: [] for n in names}
    for i, (query, expected) in enumerate(QUALITY):
        cells = []
        for name in names:
            ranked = engines[name][i]
            rank = next((r for r, url in enumerate(ranked, 1) if url in expected), None)
            reciprocal[name].append(1 / rank if rank else 0.0)
            cells.append(f"{rank or '-':>12}")
        print(f"{query:26}" + "".join(cells))
    print(f"{'mean reciprocal rank':26}" + "".join(f"{statistics.mean(reciprocal[n]):>12.2f}" for n in names))


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark debatemap's search index.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--pagefind", help="the pagefind binary (from the pagefind_bin wheel), to compare")
    parser.add_argument("--minisearch", type=Path, help="a folder with node_modules/minisearch, to compare")
    args = parser.parse_args(argv)
    have_browser = Path(CHROMIUM).exists()
    if not have_browser:
        print("(Chromium not found: byte counts per query and the quality table are skipped)")

    with tempfile.TemporaryDirectory(prefix="debatemap-bench-search-") as tmp, contextmanager_or_none(have_browser) as browser:
        builds = []
        for claims in args.sizes:
            root = generate(Path(tmp) / f"c{claims}", claims)
            site = load_site(root).site
            cold, warm, files = time_build(site, args.runs)
            builds.append((claims, site, files, cold, warm))
        print(f"search_files, median of {args.runs} runs")
        print(f"{'claims':>8} {'documents':>10} {'files':>7} {'cold':>8} {'warm':>8} {'all files, gzip':>16}")
        for claims, site, files, cold, warm in builds:
            docs = len(site.maps) + len(site.claims) + len(site.sources)
            total = sum(gz(v) for v in files.values())
            print(f"{claims:>8,} {docs:>10,} {len(files):>7,} {cold:>7.3f}s {warm:>7.3f}s {kb(total):>16}")
        for claims, site, files, _, _ in builds:
            if browser is not None:
                first_query_table(browser, site, files, claims)
        if args.minisearch:
            print()
            for claims, site, _, _, _ in builds:
                result = minisearch_run(args.minisearch, search.records(site), [])
                print(
                    f"MiniSearch at {claims:,} claims: index {result['seconds']:.2f} s in Node, whole index on first query: "
                    f"{kb(result['index_gz'])} + {kb(result['library_gz'])} library"
                )
        if args.pagefind:
            print()
            for claims, site, _, _, _ in builds:
                pagefind_rows(args.pagefind, browser, site, claims)
        if browser is not None:
            real = load_site(REPO / "content").site
            content_site = Path(tmp) / "real-site"
            from debatemap.build import build  # noqa: PLC0415 - the full build only for the quality table

            build(REPO / "content", content_site)
            queries = [q for q, _ in QUALITY]
            engines = {"debatemap": ours_ranked(browser, content_site, queries)}
            if args.minisearch:
                engines["MiniSearch"] = minisearch_run(args.minisearch, search.records(real), queries)["ranked"]
            if args.pagefind:
                engines["Pagefind"] = pagefind_ranked(args.pagefind, browser, real, queries)
            quality_table(engines)
    return 0


@contextmanager
def contextmanager_or_none(wanted: bool) -> Iterator[Any]:
    if not wanted:
        yield None
        return
    with chromium() as browser:
        yield browser


if __name__ == "__main__":
    sys.exit(main())
