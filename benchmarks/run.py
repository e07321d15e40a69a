"""The performance table: debatemap against Hugo and MkDocs, in one run.

    python benchmarks/run.py            # 1,000 and 10,000 claims
    python benchmarks/run.py --large    # and 100,000 claims
    python benchmarks/run.py --sizes 1000 --runs 3

Besides the builds, for each size: the median of 20 one-claim edits rebuilt by serve's
incremental builder (bench_serve.py times more of serve), the compressed bytes Chromium
fetches for a first search query (bench_search.py has the full search tables), and the build
cache's table (bench_cache.py): cold, first and warm builds, and checks with and without it.

Two Hugo peers build from the same corpus: the bare one (``peers.write_hugo``: as many pages of
the same text, through a one-line layout) and the equal-content one (``hugo_equal.py``: layouts
that show what our pages show, from the corpus as data, drawings aside). Our build is timed
with and without its drawings (``build_no_drawings.py``), and each build's pages are counted
and their median size given, so the work on either side can be compared.

Builds run as separate processes (as a user runs them), interleaved run by run so that the
machine's noise falls on every generator alike (each round starts with the next build in turn,
so none is always first); each build writes into a fresh folder. Figures are medians; ratios
compare medians from the same run of this script. The Hugo ratios are also given paired by round
(the median of each round's ratio, whose builds ran minutes apart at most, so a slow phase of the
machine falls on both sides of each), and in CPU time (user and system, every process and thread
of a build), which the disk's and the machine's other load touch least.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cache
import bench_search
import corpus
import hugo_equal
import peers
from bench_serve import time_edits
from debatemap.graph import Site
from debatemap.incremental import IncrementalBuild
from debatemap.pipeline import load_site
from debatemap.render.search import search_files
from trash import Trash

EDITS = 20
"""One-claim edits timed per size (the issue's median of 20)."""
EDIT_LIMIT = 10_000
"""Edits are timed up to this size: serve's first build renders in one process (minutes at 100,000)."""
NO_DRAWINGS = Path(__file__).resolve().parent / "build_no_drawings.py"
LABELS = {
    "debatemap": "debatemap",
    "debatemap-no-drawings": "debatemap, no drawings",
    "hugo": "Hugo, bare pages",
    "hugo-equal": "Hugo, equal content",
    "mkdocs": "MkDocs",
}
"""The builds of the main table, in its order (the plugin and flat MkDocs have a table of their own)."""
MKDOCS_CAP_S = 300.0
"""MkDocs needs minutes at 10,000 pages; a run past this is stopped and reported as capped."""


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    ok: bool
    cpu_seconds: float = float("nan")
    """User and system time of the build's processes and threads (timed.py)."""


@dataclass
class Row:
    claims: int
    pages: int = 0
    output_mb: float = 0.0
    load_check: list[float] = field(default_factory=list)
    runs: dict[str, list[Run]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    claim_page_gzip: int = 0
    edit_ms: float | None = None
    """Median of EDITS one-claim edits rebuilt by serve's incremental builder (None: not measured)."""
    search_first_kb: float | None = None
    """Compressed bytes Chromium fetched for the first query on the search page (None: no browser)."""
    largest_page: tuple[str, int, int] = ("", 0, 0)
    """The biggest HTML page: its path, bytes and gzipped bytes (a listing that grows with the site shows here)."""
    plugin_pages: int = 0
    """HTML pages the MkDocs plugin's build wrote (the host's own and ours)."""
    written: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Build name -> (HTML pages its last run wrote, their median size in bytes)."""
    cache: dict[str, float] | None = None
    """Cold and warm builds and checks with the build cache (``bench_cache.bench``; None: not measured)."""


def run_timed(cmd: list[str], cap: float | None = None) -> Run:
    """Wall time, CPU time and peak RSS of one command, measured by timed.py (see there for why).

    What earlier runs wrote and deleted (13,000 files each at 10,000 claims) is flushed to the
    disk first, outside the timing: otherwise each tool pays for the kernel writing back the
    tool's output before it, and which tool that is depends on the order of the runs."""
    os.sync()
    runner = [sys.executable, str(Path(__file__).resolve().parent / "timed.py")]
    runner += ["--cap", str(cap)] if cap is not None else []
    done = subprocess.run([*runner, "--", *cmd], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    if result["error"]:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{result['error']}")
    return Run(result["seconds"], result["max_rss_mb"], ok=result["ok"], cpu_seconds=result["cpu_seconds"])


def tree_size(root: Path) -> tuple[int, int]:
    files = size = 0
    for path in root.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


def largest_page(site_dir: Path) -> tuple[str, int, int]:
    """The biggest HTML page of a build: (path, bytes, gzipped bytes)."""
    page = max(site_dir.rglob("*.html"), key=lambda p: (p.stat().st_size, str(p)))
    data = page.read_bytes()
    return str(page.relative_to(site_dir)), len(data), len(gzip.compress(data, 9))


def html_pages(site_dir: Path) -> tuple[int, int]:
    """How many HTML pages a build wrote and their median size in bytes."""
    sizes = [page.stat().st_size for page in site_dir.rglob("*.html")]
    return len(sizes), int(statistics.median(sizes)) if sizes else 0


def claim_page_transfer(site_dir: Path) -> int:
    """Gzipped bytes of a median claim page plus the CSS and JS it loads."""
    pages = sorted(site_dir.glob("claims/*/index.html"), key=lambda p: p.stat().st_size)
    page = pages[len(pages) // 2]
    html = page.read_bytes()
    total = len(gzip.compress(html, 9))
    for ref in sorted(set(re.findall(rb'(?:href|src)="([^"?#]+\.(?:css|js))', html))):
        asset = (page.parent / ref.decode()).resolve()
        if asset.is_file():
            total += len(gzip.compress(asset.read_bytes(), 9))
    return total


def bench_size(claims: int, runs: int, work: Path, hugo: bool, mkdocs: bool, trash: Trash) -> Row:
    """``trash``: where each timed build's output from the round before goes."""
    row = Row(claims)
    content = work / f"content-{claims}"
    if not content.exists():
        corpus.generate(content, claims)
    for _ in range(min(runs, 5)):
        started = time.perf_counter()
        checked = load_site(content)
        row.load_check.append(time.perf_counter() - started)
    assert checked.ok, checked.diagnostics[:3]
    site = checked.site

    out = work / "out-debatemap"
    # --no-cache: every timed build renders every page, as a first build does (bench_cache.py
    # times the build cache's warm builds).
    ours = [sys.executable, "-m", "debatemap", "build", str(content), "--out", str(out), "--no-cache"]
    # Page count from a first (untimed) build; it also warms the disk cache for everyone.
    shutil.rmtree(out, ignore_errors=True)
    run_timed(ours)
    _files, size = tree_size(out)
    row.pages = sum(1 for _ in out.rglob("*.html"))
    row.output_mb = size / 1e6
    row.claim_page_gzip = claim_page_transfer(out)
    row.largest_page = largest_page(out)

    commands: dict[str, tuple[list[str], Path, float | None]] = {"debatemap": (ours, out, None)}
    bare = work / "out-debatemap-no-drawings"
    no_drawings = [sys.executable, str(NO_DRAWINGS), str(content), "--out", str(bare), "--no-cache"]
    commands["debatemap-no-drawings"] = (no_drawings, bare, None)
    if hugo and shutil.which("hugo"):
        sources = {
            "hugo": peers.write_hugo(site, work / f"hugo-{claims}", row.pages),
            "hugo-equal": hugo_equal.write_hugo_equal(site, work / f"hugo-equal-{claims}"),
        }
        for name, hugo_src in sources.items():
            hugo_out = work / f"out-{name}"
            commands[name] = (["hugo", "--quiet", "--source", str(hugo_src), "--destination", str(hugo_out)], hugo_out, None)
    elif hugo:
        row.notes.append("hugo skipped: not installed (apt-get install hugo)")
    if mkdocs and importlib.util.find_spec("mkdocs") is not None:
        projects = {
            "mkdocs": peers.write_mkdocs(site, work / f"mkdocs-{claims}", row.pages),
            "mkdocs-flat": peers.write_mkdocs(site, work / f"mkdocs-flat-{claims}", row.pages, in_nav=False),
            "mkdocs-plugin": peers.write_mkdocs_plugin(content, work / f"mkdocs-plugin-{claims}"),
        }
        for name, project in projects.items():
            target = work / f"out-{name}"
            cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(target)]
            commands[name] = (cmd, target, MKDOCS_CAP_S)
    elif mkdocs:
        row.notes.append("mkdocs skipped: not installed (pip install -e '.[mkdocs]')")

    if claims <= EDIT_LIMIT:
        row.edit_ms = median_edit_ms(content, work / f"live-{claims}")
    else:
        row.notes.append(f"one-claim edits: not timed above {EDIT_LIMIT:,} claims (see bench_serve.py)")
    row.search_first_kb = first_query_kb(site, row)

    names = list(commands)
    for round_ in range(runs):
        first = round_ % len(names)
        for name in names[first:] + names[:first]:
            cmd, target, cap = commands[name]
            if name.startswith("mkdocs") and row.runs.get(name) and not row.runs[name][-1].ok:
                continue  # capped once: do not spend another five minutes
            trash.set_aside(target)  # not deleted: see trash.py
            row.runs.setdefault(name, []).append(run_timed(cmd, cap))
    for name, (_cmd, target, _cap) in commands.items():
        if row.runs[name][-1].ok:
            row.written[name] = html_pages(target)
    if "mkdocs-plugin" in commands:
        row.plugin_pages = sum(1 for _ in (work / "out-mkdocs-plugin").rglob("*.html"))
    return row


def median_edit_ms(content: Path, out: Path) -> float:
    """Serve's incremental builder: EDITS edits of one claim each, timed from save to pages on disk."""
    live = out.with_name(out.name + "-content")
    shutil.rmtree(live, ignore_errors=True)
    shutil.copytree(content, live)  # the edits must not change the corpus the builds use
    builder = IncrementalBuild(live, out)
    assert builder.rebuild(defer_extras=False).ok
    timed = time_edits(builder, live, EDITS, seed=7)
    shutil.rmtree(live, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return statistics.median(edit.seconds for edit in timed) * 1000


def first_query_kb(site: Site, row: Row) -> float | None:
    """Bytes (gzip) Chromium fetches for the first query, as bench_search.py measures them."""
    if not Path(bench_search.CHROMIUM).exists():
        row.notes.append("first-query bytes skipped: no Chromium at /usr/bin/chromium")
        return None
    _label, query = bench_search.SYNTHETIC_QUERIES[0]
    with tempfile.TemporaryDirectory(prefix="debatemap-bench-query-") as tmp, bench_search.chromium() as browser:
        root = Path(tmp)
        bench_search.write_search_site(site, search_files(site), root)
        with bench_search.served(root) as url:
            sizes = bench_search.fetched_bytes(browser, root, url + "search/" + query, bench_search.wait_for_results)
    return sum(sizes.values()) / 1024


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(rows: list[Row]) -> str:
    lines = [
        "| claims | pages | debatemap build | pages/s | peak RSS | output | load+check | one-claim edit |"
        " claim page (gzip) | first search query (gzip) | largest page (gzip) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ours = row.runs["debatemap"]
        secs = median([r.seconds for r in ours])
        lines.append(
            f"| {row.claims:,} | {row.pages:,} | {secs:.2f} s | {row.pages / secs:,.0f} | "
            f"{max(r.max_rss_mb for r in ours):,.0f} MB | {row.output_mb:,.1f} MB | {median(row.load_check):.2f} s | "
            f"{'-' if row.edit_ms is None else f'{row.edit_ms:.0f} ms'} | {row.claim_page_gzip / 1024:.1f} KB | "
            f"{'-' if row.search_first_kb is None else f'{row.search_first_kb:.1f} KB'} | "
            f"{row.largest_page[2] / 1024:.1f} KB |"
        )
    lines += [
        "",
        "| claims | build | HTML pages written | median page | build time | CPU time | pages/s | peak RSS"
        " | debatemap speed / this |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ours_s = median([r.seconds for r in row.runs["debatemap"]])
        for name, label in LABELS.items():
            runs = row.runs.get(name)
            if not runs:
                continue
            pages, size = row.written.get(name, (0, 0))
            written = f"{pages:,} | {size / 1024:.1f} KB" if pages else "- | -"
            if not runs[-1].ok:
                lines.append(
                    f"| {row.claims:,} | {label} | {written} | > {MKDOCS_CAP_S:.0f} s (capped) | - | "
                    f"< {row.pages / MKDOCS_CAP_S:,.0f} | "
                    f"{max(r.max_rss_mb for r in runs):,.0f} MB | > {MKDOCS_CAP_S / ours_s:.1f}x |"
                )
                continue
            seconds = median([r.seconds for r in runs])
            lines.append(
                f"| {row.claims:,} | {label} | {written} | {seconds:.2f} s | {median([r.cpu_seconds for r in runs]):.2f} s | "
                f"{(pages or row.pages) / seconds:,.0f} | "
                f"{max(r.max_rss_mb for r in runs):,.0f} MB | {seconds / ours_s:.2f}x |"
            )
    for row in rows:
        lines += [f"note ({row.claims:,} claims): {line}" for line in hugo_ratios(row)]
    warm = [(row.claims, row.cache) for row in rows if row.cache is not None]
    if warm:
        lines += ["", bench_cache.table(warm)]
        for row in rows:
            if row.cache is not None and row.runs.get("hugo-equal"):
                hugo_s = median([r.seconds for r in row.runs["hugo-equal"]])
                lines.append(
                    f"note ({row.claims:,} claims): a warm build takes {row.cache['warm']:.2f} s, "
                    f"{hugo_s / row.cache['warm']:.1f}x as fast as the equal-content Hugo peer's full build ({hugo_s:.2f} s)"
                )
    plugin_rows = [row for row in rows if row.runs.get("mkdocs-plugin")]
    if plugin_rows:
        lines += [
            "",
            "| claims | MkDocs, plain pages in its nav | MkDocs, plain pages out of its nav | debatemap MkDocs plugin"
            " | plugin / plain |",
            "| ---: | ---: | ---: | ---: | ---: |",
        ]
    for row in plugin_rows:
        cells = []
        for name in ("mkdocs", "mkdocs-flat", "mkdocs-plugin"):
            runs = row.runs[name]
            pages = row.plugin_pages if name == "mkdocs-plugin" else row.pages
            seconds = median([r.seconds for r in runs])
            cells.append(f"> {MKDOCS_CAP_S:.0f} s" if not runs[-1].ok else f"{seconds:.2f} s ({pages:,} pages)")
        flat, plugin = (median([r.seconds for r in row.runs[n]]) for n in ("mkdocs-flat", "mkdocs-plugin"))
        lines.append(f"| {row.claims:,} | {' | '.join(cells)} | {plugin / flat:.2f}x |")
    for row in rows:
        path, size, _ = row.largest_page
        lines.append(f"note ({row.claims:,} claims): the largest page is {path}, {size / 1024:,.0f} KB before compression")
        lines += [f"note ({row.claims:,} claims): {note}" for note in row.notes]
    return "\n".join(lines)


def hugo_ratios(row: Row) -> list[str]:
    """The issue's two Hugo ratios (our speed over each peer's, from medians of the same run), with
    and without our drawings (the equal-content peer draws nothing); then the same paired by round
    and in CPU time (``paired_ratios``)."""
    lines = []
    for peer, target in (("hugo", 0.8), ("hugo-equal", 1.0)):
        if not row.runs.get(peer):
            continue
        peer_s = median([r.seconds for r in row.runs[peer]])
        speeds = []
        for ours in ("debatemap", "debatemap-no-drawings"):
            if row.runs.get(ours):
                speeds.append(f"{peer_s / median([r.seconds for r in row.runs[ours]]):.2f}x")
        shown = speeds[0] + (f" (without drawings: {speeds[1]})" if len(speeds) > 1 else "")
        lines.append(f"debatemap speed / {LABELS[peer]}: {shown}; target >= {target:.1f}x")
        if row.runs.get("debatemap"):
            wall, cpu = paired_ratios(row.runs["debatemap"], row.runs[peer])
            lines.append(
                f"debatemap speed / {LABELS[peer]}, paired by round: median {wall[0]:.2f}x "
                f"(rounds {wall[1]:.2f}x to {wall[2]:.2f}x); in CPU time {cpu[0]:.2f}x ({cpu[1]:.2f}x to {cpu[2]:.2f}x)"
            )
    return lines


def paired_ratios(ours: list[Run], peer: list[Run]) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Our speed over the peer's, round by round: (median, lowest, highest) in wall time, then in CPU time.

    The builds of one round ran one after the other, so a phase in which the machine runs at
    half speed for minutes falls on both of them; medians taken apart can pair a slow round of
    one with a fast round of the other."""
    rounds = [(o, p) for o, p in zip(ours, peer, strict=True) if o.ok and p.ok]
    walls = [p.seconds / o.seconds for o, p in rounds]
    cpus = [p.cpu_seconds / o.cpu_seconds for o, p in rounds]
    return _spread(walls), _spread(cpus)


def _spread(ratios: list[float]) -> tuple[float, float, float]:
    return median(ratios), min(ratios, default=float("nan")), max(ratios, default=float("nan"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--large", action="store_true", help="add 100,000 claims (one run)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-mkdocs", action="store_true")
    parser.add_argument("--no-warm", action="store_true", help="leave out the build cache's cold/warm table")
    parser.add_argument("--work", type=Path, help="keep corpora and outputs here (default: a temporary folder)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="debatemap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; work folder {work}", flush=True)
    rows = []
    trash = Trash(work / "trash")
    for claims in args.sizes:
        # MkDocs is quadratic in pages: compare it where it finishes (the 1,000-claim target).
        mkdocs = not args.no_mkdocs and claims <= 10_000
        rows.append(bench_size(claims, args.runs, work, not args.no_hugo, mkdocs, trash))
        if not args.no_warm:
            bench_cache.compile_once()
            rows[-1].cache = bench_cache.bench(claims, min(args.runs, 3), work)
        print(report(rows[-1:]), flush=True)
    if args.large:
        rows.append(bench_size(100_000, 1, work, not args.no_hugo, False, trash))
        if not args.no_warm:
            rows[-1].cache = bench_cache.bench(100_000, 1, work)
    print("\n" + report(rows))
    trash.empty()
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
