"""How fast `debatemap serve` rebuilds after a save, and how many requests it answers.

    python benchmarks/bench_serve.py [--sizes 1000 10000] [--edits 20] [--clients 200] [--seconds 10]

For each corpus size (benchmarks/corpus.py): one full `debatemap build` as the baseline, the
preview's first build, then ``--edits`` one-claim edits (a word appended to a random claim of a
random map), each timed from "these files changed" to "the pages are on disk", and the deferred
extra files (search index, drawings' downloads) that follow when saving pauses. Then a load test
on loopback only: a `debatemap serve` process and ``--clients`` threads requesting its pages over
keep-alive connections for ``--seconds`` seconds; requests per second and errors.
"""

from __future__ import annotations

import argparse
import http.client
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from debatemap.build import build
from debatemap.incremental import IncrementalBuild

CLAIM_LINE = re.compile(r"^( *claim: )(.+)$", re.MULTILINE)


def one_claim_edit(maps: list[Path], rng: random.Random, n: int) -> Path:
    """Append a word to one claim's sentence in one map file; return the file."""
    path = rng.choice(maps)
    text = path.read_text(encoding="utf-8")
    lines = list(CLAIM_LINE.finditer(text))
    line = rng.choice(lines)
    edited = text[: line.end()] + f" Edit{n}." + text[line.end() :]
    path.write_text(edited, encoding="utf-8")
    return path


@dataclass(frozen=True)
class TimedEdit:
    seconds: float
    """From the save to the pages on disk."""
    rendered: int
    extras_seconds: float
    """The deferred extra files that follow when saving pauses (not part of the edit's time)."""


def time_edits(builder: IncrementalBuild, content: Path, edits: int, seed: int) -> list[TimedEdit]:
    """``edits`` one-claim edits of the maps in ``content``, each rebuilt by ``builder`` and timed."""
    maps = sorted((content / "maps").glob("*.yaml"))
    rng = random.Random(seed)
    timed = []
    for n in range(edits):
        path = one_claim_edit(maps, rng, n)
        started = time.perf_counter()
        outcome = builder.rebuild([str(path)], complete=True)  # as serve does for every watcher batch but the first
        seconds = time.perf_counter() - started
        assert outcome.ok, outcome.diagnostics[:3]
        started = time.perf_counter()
        builder.refresh_extras()
        timed.append(TimedEdit(seconds, outcome.rendered, time.perf_counter() - started))
    return timed


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}"


def p90_ms(values: list[float]) -> str:
    return f"{sorted(values)[int(len(values) * 0.9) - 1] * 1000:.0f}" if values else "-"


def bench_rebuilds(size: int, edits: int, work: Path, seed: int) -> dict[str, str]:
    content = generate(work / f"content-{size}", size)
    started = time.perf_counter()
    build(content, work / f"full-{size}")
    full = time.perf_counter() - started

    builder = IncrementalBuild(content, work / f"live-{size}")
    started = time.perf_counter()
    first = builder.rebuild(defer_extras=False)
    initial = time.perf_counter() - started
    assert first.ok, first.diagnostics[:3]

    timed = time_edits(builder, content, edits, seed)
    pages = [edit.seconds for edit in timed]
    extras = [edit.extras_seconds for edit in timed]
    rendered = [edit.rendered for edit in timed]
    return {
        "claims": f"{size:,}",
        "full build s": f"{full:.2f}",
        "serve first build s": f"{initial:.2f}",
        "edit -> pages ms (median)": median_ms(pages),
        "p90 ms": p90_ms(pages),
        "pages rendered (median)": f"{statistics.median(rendered):.0f}",
        "then extra files ms (median)": median_ms(extras),
        "full build / edit": f"{full / statistics.median(pages):.0f}x",
    }


def load_test(content: Path, clients: int, seconds: float) -> dict[str, str]:
    """A `debatemap serve` process on a free loopback port and ``clients`` keep-alive clients."""
    process = subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-m", "debatemap", "serve", str(content), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    said: list[str] = []
    try:
        assert process.stdout is not None
        url = ""
        while not url:
            line = process.stdout.readline()
            if not line:
                raise RuntimeError("debatemap serve stopped before serving")
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            url = found.group(0) if found else ""
        port = int(url.rsplit(":", 1)[1].strip("/"))
        said.clear()  # read the server's output as it comes, so a full pipe never blocks it
        threading.Thread(target=lambda: said.extend(iter(process.stdout.readline, "")), daemon=True).start()
        paths = ["/", "/maps/", "/sources/", "/tags/", "/assets/style.css", "/no-such-page/"]
        maps = sorted((content / "maps").glob("*.yaml"))[:20]
        paths += [f"/maps/{p.stem}/" for p in maps]
        counts = [0] * clients
        errors = [0] * clients
        deadline = time.monotonic() + seconds

        def client(index: int) -> None:
            rng = random.Random(index)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            while time.monotonic() < deadline:
                path = rng.choice(paths)
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200 or (response.status == 404 and "no-such" in path)
                    counts[index] += 1
                    errors[index] += 0 if ok else 1
                except (OSError, http.client.HTTPException):
                    errors[index] += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        stopping = time.monotonic()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack: why it hung
            process.wait()
            time.sleep(0.5)
            print("debatemap serve did not stop within 15 s; its threads:", *said[-80:], sep="\n")
        stopped = time.monotonic() - stopping
    total = sum(counts)
    complaints = [line.rstrip() for line in said if "error" in line.lower()]
    if complaints:
        print(f"server said ({len(complaints)} lines):", *complaints[:5], sep="\n  ")
    return {
        "clients": str(clients),
        "seconds": f"{elapsed:.1f}",
        "requests": f"{total:,}",
        "requests/s": f"{total / elapsed:,.0f}",
        "errors": str(sum(errors)),
        "Ctrl-C to exit s": f"{stopped:.1f}",
        "exit code": str(process.returncode),
    }


def table(rows: list[dict[str, str]]) -> str:
    heads = list(rows[0])
    widths = [max(len(h), *(len(r[h]) for r in rows)) for h in heads]
    lines = [" | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(r[h].rjust(w) for h, w in zip(heads, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        rows = [bench_rebuilds(size, args.edits, work, args.seed) for size in args.sizes]
        print(f"\nOne-claim edits ({args.edits} per size; medians):\n")
        print(table(rows))
        load = load_test(work / f"content-{args.sizes[0]}", args.clients, args.seconds)
        print(f"\nLoad test on loopback ({args.sizes[0]:,}-claim site, keep-alive clients):\n")
        print(table([load]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
