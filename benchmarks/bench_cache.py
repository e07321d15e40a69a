"""Cold and warm ``debatemap build`` and ``debatemap check`` with the build cache, as a user runs them.

    python benchmarks/bench_cache.py [--large] [--runs 3] [--dir DIR]

For each size it writes a corpus (``corpus.generate``, seed 1) in a git repository, then times
separate ``debatemap`` processes (Python's start and imports included, with compiled modules as
after a pip install), each through ``timed.py``:

- cold build: ``--no-cache`` into an empty output folder (the median of ``runs``);
- cold build with the cache: the first build, which renders everything and records what each
  page reads (one run: each run after it is warm);
- warm build: one claim's text edited, then a build with the cache (the median of ``runs``,
  each after its own edit);
- check, cold (``--no-cache``) and warm (reading the cache): medians of ``runs``.

Before each timed run, what earlier runs wrote is flushed to the disk (``os.sync``), outside the
timing: a warm build right after a cold one otherwise pays for flushing the cold build's 1 GB.

The target of issue 19: a warm build and a warm check at 10,000 claims in 1.0 s or less.
``--large`` adds 100,000 claims, one run each.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from trash import Trash

SIZES = (1_000, 10_000)
LARGE = 100_000
TARGET = 1.0
TIMED = Path(__file__).resolve().parent / "timed.py"
_CLAIM = re.compile(r"^(\s+claim: )(.*)$", re.MULTILINE)


ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""As a user runs debatemap: Python's compiled modules are written once and used (pip does so at install)."""


def timed(*args: str) -> float:
    # What earlier runs wrote (a cold build: 13,000 files at 10,000 claims) reaches the disk first,
    # as it has long before a curator's next edit; otherwise the kernel's flushing lands in this run.
    os.sync()
    command = [sys.executable, str(TIMED), "--", sys.executable, "-m", "debatemap", *args]
    done = subprocess.run(command, capture_output=True, check=True, env=ENV)
    result = json.loads(done.stdout)
    if not result["ok"]:
        raise SystemExit(f"debatemap {' '.join(args)} failed: {result['error']}")
    return float(result["seconds"])


def edit_one_claim(content: Path, run: int) -> None:
    """Reword one claim of the middle map (its first pro or con, not the thesis): the edit a curator makes most."""
    maps = sorted((content / "maps").glob("*.yaml"))
    path = maps[len(maps) // 2]
    text = path.read_text(encoding="utf-8")
    found = list(_CLAIM.finditer(text))[1]
    path.write_text(f"{text[: found.end(1)]}Edited {run} {text[found.end(1) :]}", encoding="utf-8")


def git(root: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    command += ["-C", str(root)]
    subprocess.run([*command, *args], check=True, capture_output=True)


def bench(claims: int, runs: int, workdir: Path | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"debatemap-cache-{claims}-", dir=workdir) as tmp:
        base = Path(tmp)
        content = generate(base / "content", claims)
        git(content, "init", "-q")
        git(content, "add", "-A")
        git(content, "commit", "-qm", "corpus")
        c, out, cache = str(content), str(base / "site"), str(base / "cache")
        cold = []
        trash = Trash(base / "trash")  # emptied with the temporary folder, after the timing
        for _ in range(runs):
            trash.set_aside(base / "cold")
            cold.append(timed("build", c, "--out", str(base / "cold"), "--no-cache"))
        first = timed("build", c, "--out", out, "--cache-dir", cache)
        timed("build", c, "--out", out, "--cache-dir", cache)  # keeps the first site as the spare
        warm = []
        for run in range(runs):
            edit_one_claim(content, run)
            warm.append(timed("build", c, "--out", out, "--cache-dir", cache))
        check_cold = [timed("check", c, "--no-cache") for _ in range(runs)]
        check_warm = [timed("check", c, "--cache-dir", cache) for _ in range(runs)]
        return {
            "cold": statistics.median(cold),
            "first": first,
            "warm": statistics.median(warm),
            "check cold": statistics.median(check_cold),
            "check warm": statistics.median(check_warm),
        }


def table(results: list[tuple[int, dict[str, float]]]) -> str:
    """The cold/warm table (``run.py`` prints it too): one row per size."""
    lines = [
        "| claims | cold build | first build with cache | warm build (one claim edited) | warm/cold | check cold | check warm |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for claims, r in results:
        mark = f" (target {TARGET:.1f} s: {'met' if r['warm'] <= TARGET else 'missed'})" if claims == 10_000 else ""
        lines.append(
            f"| {claims:,} | {r['cold']:.2f} s | {r['first']:.2f} s | {r['warm']:.2f} s{mark} | {r['warm'] / r['cold']:.3f} "
            f"| {r['check cold']:.2f} s | {r['check warm']:.2f} s |"
        )
    return "\n".join(lines)


def compile_once() -> None:
    """Run debatemap once so that Python writes its compiled modules, as pip does at install."""
    subprocess.run([sys.executable, "-m", "debatemap", "--version"], check=True, capture_output=True, env=ENV)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark debatemap's build cache: cold and warm builds and checks.")
    parser.add_argument("--large", action="store_true", help=f"also {LARGE:,} claims (one run)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--dir", type=Path, help="where to write the corpora (default: the system's temporary folder)")
    args = parser.parse_args(argv)
    sizes = [(n, args.runs) for n in args.sizes] + ([(LARGE, 1)] if args.large else [])
    compile_once()
    results = []
    for claims, runs in sizes:
        results.append((claims, bench(claims, runs, args.dir)))
        print(table(results[-1:]), flush=True)
    print("\n" + table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
