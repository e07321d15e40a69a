"""How fast `debatemap serve` rebuilds after a save, and how many requests it answers.

    python benchmarks/bench_serve.py [--sizes 1000 10000] [--edits 20] [--clients 200] [--seconds 10]
                                     [--starts 3] [--baseline OTHER-CHECKOUT/generator]

For each corpus size (benchmarks/corpus.py): one full `debatemap build` as the baseline, the
preview's first build, then ``--edits`` one-claim edits (a word appended to a random claim of a
random map), each timed from "these files changed" to "the pages are on disk", and the deferred
extra files (search index, drawings' downloads) that follow when saving pauses. Then the time a
`debatemap serve` process takes to start on the largest corpus, from its launch to its address
printed (its first build done), ``--starts`` times, alternating with the baseline's when given.
Then a load test
on loopback only: a `debatemap serve` process and ``--clients`` threads requesting its pages over
keep-alive connections for ``--seconds`` seconds; requests per second and errors. Before it, one
client's request time on one keep-alive connection and with a new connection per request, and
the double save: a one-claim edit, the page showing it, a second edit at once, and the time
until the page shows the second.
"""

from __future__ import annotations

import argparse
import http.client
import os
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

    builder = IncrementalBuild(content, work / f"live-{size}", parallel=True)  # as serve's first build
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


class Served:
    """A `debatemap serve` process on a free loopback port, its output read as it comes."""

    def __init__(self, content: Path, source: Path | None = None) -> None:
        """``source``: another checkout's ``generator`` folder to run instead of this one (a baseline)."""
        env = dict(os.environ, PYTHONPATH=str(source)) if source is not None else None
        self.process = subprocess.Popen(
            [sys.executable, "-X", "faulthandler", "-m", "debatemap", "serve", str(content), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        self.said: list[str] = []
        self.url = ""
        while not self.url:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("debatemap serve stopped before serving")
            found = re.search(r"http://127\.0\.0\.1:\d+/\S*", line)
            self.url = found.group(0) if found else ""
        self.port = int(self.url.split(":")[2].split("/")[0])
        self.base = "/" + self.url.split("/", 3)[3]
        """The path the site is served under (its base_url's)."""
        stdout = self.process.stdout  # read as it comes, so a full pipe never blocks the server
        self._reader = threading.Thread(target=lambda: self.said.extend(iter(stdout.readline, "")), daemon=True)
        self._reader.start()
        self.stopped = 0.0

    def stop(self) -> None:
        stopping = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack: why it hung
            self.process.wait()
            time.sleep(0.5)
            print("debatemap serve did not stop within 15 s; its threads:", *self.said[-80:], sep="\n")
        self.stopped = time.monotonic() - stopping
        self._reader.join(timeout=5)  # the process is gone: its output ends
        if self.process.stdout is not None:
            self.process.stdout.close()


def time_starts(content: Path, runs: int, sources: list[Path | None]) -> list[dict[str, str]]:
    """Seconds from launching `debatemap serve` to its address printed, each checkout in turn run by run."""
    seconds: list[list[float]] = [[] for _ in sources]
    for _ in range(runs):
        for index, source in enumerate(sources):
            started = time.perf_counter()
            served = Served(content, source)
            seconds[index].append(time.perf_counter() - started)
            served.stop()
    return [
        {
            "serve code": "baseline" if source is not None else "this checkout",
            "start s (median)": f"{statistics.median(times):.2f}",
            "each run s": " ".join(f"{t:.2f}" for t in times),
        }
        for source, times in zip(sources, seconds, strict=True)
    ]


def latency(served: Served, paths: list[str], requests: int, *, keep_alive: bool) -> list[float]:
    """One client's requests one after another, on one connection or a new one each."""
    seconds = []
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    for n in range(requests + 1):
        started = time.perf_counter()
        connection.request("GET", paths[n % len(paths)])
        connection.getresponse().read()
        if n:  # the first opens the connection either way
            seconds.append(time.perf_counter() - started)
        if not keep_alive:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    connection.close()
    return seconds


def double_saves(served: Served, content: Path, saves: int) -> list[float]:
    """A one-claim edit, its page showing it, then a second edit of it at once: seconds until the
    second shows (``inf``: never within 10 s)."""
    path = sorted((content / "maps").glob("*.yaml"))[0]
    original = path.read_text(encoding="utf-8")
    claim = re.search(r"^( *)id: (\S+)\n\1claim: .+$", original, re.MULTILINE)
    assert claim, "the corpus's first map has no claim"
    page = f"{served.base}claims/{claim[2]}/"
    seconds = []

    def shows(marker: str) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        try:
            connection.request("GET", page)
            return marker in connection.getresponse().read().decode("utf-8")
        finally:
            connection.close()

    def wait(marker: str) -> float:
        started = time.perf_counter()
        while not shows(marker):
            if time.perf_counter() - started > 10:
                return float("inf")
            time.sleep(0.005)
        return time.perf_counter() - started

    for n in range(saves):
        first = original[: claim.end()] + f" First{n}." + original[claim.end() :]
        path.write_text(first, encoding="utf-8")
        wait(f"First{n}.")
        path.write_text(first.replace(f" First{n}.", f" Second{n}."), encoding="utf-8")
        seconds.append(wait(f"Second{n}."))
    path.write_text(original, encoding="utf-8")
    return seconds


def serve_tests(content: Path, clients: int, seconds: float, source: Path | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Latency of one client, a double save, then ``clients`` keep-alive clients for ``seconds``."""
    served = Served(content, source)
    code = {"code": str(source) if source is not None else "this checkout"}
    try:
        paths = [f"{served.base}{p}" for p in ("", "maps/", "sources/", "tags/", "assets/style.css", "no-such-page/")]
        paths += [f"{served.base}maps/{p.stem}/" for p in sorted((content / "maps").glob("*.yaml"))[:20]]
        kept = latency(served, paths, 200, keep_alive=True)
        fresh = latency(served, paths, 200, keep_alive=False)
        twice = double_saves(served, content, 10)
        one = code | {
            "keep-alive request ms (median)": f"{statistics.median(kept) * 1000:.1f}",
            "p90 ms": f"{sorted(kept)[int(len(kept) * 0.9)] * 1000:.1f}",
            "mean ms": f"{statistics.fmean(kept) * 1000:.1f}",
            "new connection ms (median)": f"{statistics.median(fresh) * 1000:.1f}",
            "double save: second shows ms (median)": median_ms(twice),
            "max ms": "never" if max(twice) == float("inf") else f"{max(twice) * 1000:.0f}",
        }
        load = code | load_test(served, paths, clients, seconds)
    finally:
        served.stop()
    load["Ctrl-C to exit s"] = f"{served.stopped:.1f}"
    load["exit code"] = str(served.process.returncode)
    complaints = [line.rstrip() for line in served.said if "error" in line.lower()]
    if complaints:
        print(f"server said ({len(complaints)} lines):", *complaints[:5], sep="\n  ")
    return one, load


def load_test(served: Served, paths: list[str], clients: int, seconds: float) -> dict[str, str]:
    """``clients`` threads requesting pages over keep-alive connections for ``seconds``."""
    counts = [0] * clients
    errors = [0] * clients
    waits: list[list[float]] = [[] for _ in range(clients)]
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(index)
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200 or (response.status == 404 and "no-such" in path)
                counts[index] += 1
                errors[index] += 0 if ok else 1
                waits[index].append(time.perf_counter() - started)
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    total = sum(counts)
    every = sorted(w for each in waits for w in each)
    return {
        "clients": str(clients),
        "seconds": f"{elapsed:.1f}",
        "requests": f"{total:,}",
        "requests/s": f"{total / elapsed:,.0f}",
        "p50 ms": f"{every[len(every) // 2] * 1000:.0f}" if every else "-",
        "errors": str(sum(errors)),
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
    parser.add_argument("--starts", type=int, default=3, help="times serve is started on the largest corpus (0: none)")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout's generator/ folder: serve it too, for a before/after in one run"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        rows = [bench_rebuilds(size, args.edits, work, args.seed) for size in args.sizes]
        print(f"\nOne-claim edits ({args.edits} per size; medians):\n")
        print(table(rows))
        sources = [*([args.baseline] if args.baseline else []), None]
        if args.starts:
            print(f"\nStarting `debatemap serve` on the {args.sizes[-1]:,}-claim site ({args.starts} runs):\n")
            print(table(time_starts(work / f"content-{args.sizes[-1]}", args.starts, sources)))
        results = [serve_tests(work / f"content-{args.sizes[0]}", args.clients, args.seconds, source) for source in sources]
        print(f"\nOne client on loopback ({args.sizes[0]:,}-claim site; 200 requests each way), and a double save:\n")
        print(table([one for one, _ in results]))
        print(f"\nLoad test on loopback ({args.sizes[0]:,}-claim site, keep-alive clients):\n")
        print(table([load for _, load in results]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
