"""Time ``load_site`` (read, validate, resolve the graph, run every check) on synthetic corpora.

    python benchmarks/bench_check.py [--large] [--runs 5] [--dir DIR] [--profile]

For each size it writes a corpus with ``corpus.generate`` (seed 1) into a temporary folder,
checks once to warm the page cache and make sure the corpus is clean under ``--strict``, then
times ``runs`` more loads in this process and prints the median and the fastest. The target of
issue 2 is a median under 1 s for 10,000 claims.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from debatemap.pipeline import load_site

SIZES = (1_000, 10_000)
LARGE = 100_000
TARGET = {10_000: 1.0}
"""Median seconds not to exceed, per size."""


def bench(claims: int, runs: int, workdir: Path | None) -> tuple[int, list[float]]:
    """(files read, seconds per run) for a fresh corpus of ``claims`` claims."""
    with tempfile.TemporaryDirectory(prefix=f"debatemap-bench-{claims}-", dir=workdir) as tmp:
        root = generate(Path(tmp) / "content", claims)
        checked = load_site(root, strict=True)
        if not checked.ok:
            first = checked.diagnostics[0]
            raise SystemExit(f"the corpus of {claims} claims does not pass check --strict: {first.position}: {first.message}")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            load_site(root, strict=True)
            times.append(time.perf_counter() - start)
        return len(checked.content.files), times


def profile(claims: int, workdir: Path | None) -> None:
    from pyinstrument import Profiler  # noqa: PLC0415 (a dev tool, needed only with --profile)

    with tempfile.TemporaryDirectory(prefix="debatemap-profile-", dir=workdir) as tmp:
        root = generate(Path(tmp) / "content", claims)
        load_site(root)
        profiler = Profiler()
        with profiler:
            load_site(root)
        print(profiler.output_text(unicode=True, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark debatemap's load and check on synthetic content.")
    parser.add_argument("--large", action="store_true", help=f"also run {LARGE:,} claims")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (default: 5)")
    parser.add_argument("--dir", type=Path, help="where to write the corpora (default: the system temp folder)")
    parser.add_argument("--profile", type=int, metavar="CLAIMS", help="print a pyinstrument profile of one load instead")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.dir)
        return 0

    sizes = (*SIZES, LARGE) if args.large else SIZES
    print(f"{'claims':>8} {'files':>7} {'median s':>9} {'min s':>8} {'claims/s':>10}")
    failed = False
    for claims in sizes:
        files, times = bench(claims, args.runs, args.dir)
        median = statistics.median(times)
        verdict = ""
        if claims in TARGET:
            ok = median < TARGET[claims]
            failed |= not ok
            verdict = f"  (target < {TARGET[claims]:g} s: {'met' if ok else 'MISSED'})"
        print(f"{claims:>8,} {files:>7,} {median:>9.3f} {min(times):>8.3f} {claims / median:>10,.0f}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
