"""What the hardening of issue 14 costs, and what a very large map costs.

    python benchmarks/bench_hardening.py [--sizes 1000 10000] [--runs 3] [--map-sizes 2000 20000]

**The sandbox.** Templates from the content folder render in a stricter Jinja2 sandbox
(``render/sandbox.py``); the installed theme does not. Each size's corpus is built twice per
run, interleaved: as it is (every page trusted), and with a ``theme_dir`` holding a byte copy of
the default ``base.html``, which every page extends, so every page renders in the sandbox and
the output is the same. It also renders a sample of claim and map pages in this process with
each environment, for the per-page cost without the build's fixed costs.

**One large map.** A map of ``--map-sizes`` claims in one file (the loader's old 2 MB limit
refused 20,000 claims): `check` and `build` times, each size built in turn run by run, and the
ratio of each build to the smallest.

Every build is a fresh process started through ``timed.py``; figures are medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from debatemap.pipeline import load_site
from debatemap.render.renderer import Renderer
from debatemap.render.theme import REPO_THEMES

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str]) -> float:
    done = subprocess.run([sys.executable, str(HERE / "timed.py"), "--", *cmd], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    if not result["ok"]:
        raise SystemExit(f"{' '.join(cmd)} failed: {result['error']}")
    return float(result["seconds"])


def debatemap(*args: str) -> list[str]:
    return [sys.executable, "-m", "debatemap", *args]


def sandboxed_copy(content: Path, target: Path) -> Path:
    """``content`` with a theme_dir whose base.html is the default one: every page renders sandboxed."""
    shutil.copytree(content, target)
    (target / "overrides").mkdir()
    shutil.copy(REPO_THEMES / "default" / "templates" / "base.html", target / "overrides" / "base.html")
    with (target / "site.yaml").open("a", encoding="utf-8") as stream:
        stream.write("theme_dir: overrides\n")
    return target


def page_times(content: Path, sample: int) -> dict[str, float]:
    """Median ms to render a claim and a map page, trusted and sandboxed (same process, same pages)."""
    checked = load_site(content)
    assert checked.theme is not None
    renderer = Renderer(checked.site, checked.theme)
    routes = renderer.routes()
    result: dict[str, float] = {}
    for kind in ("claim", "map"):
        chosen = [r for r in routes if r.kind == kind][: sample if kind == "claim" else max(3, sample // 10)]
        for label, env in (("trusted", renderer.env), ("sandboxed", renderer.sandbox)):
            assert env is not None
            template = env.get_template(f"{kind}.html")
            for route in chosen:  # warm caches
                template.render(renderer.contexts.context(route))
            times = []
            for route in chosen:
                context = renderer.contexts.context(route)
                started = time.perf_counter()
                template.render(context)
                times.append((time.perf_counter() - started) * 1000)
            result[f"{kind} {label}"] = statistics.median(times)
    return result


def bench_sandbox(sizes: list[int], runs: int) -> None:
    columns = ["claims", "pages", "build, installed theme", "build, every page sandboxed", "ratio"]
    columns += ["claim page (trusted / sandboxed)", "map page (trusted / sandboxed)"]
    print("| " + " | ".join(columns) + " |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for claims in sizes:
        with tempfile.TemporaryDirectory(prefix=f"debatemap-sandbox-{claims}-") as tmp:
            base = Path(tmp)
            plain = generate(base / "plain", claims)
            boxed = sandboxed_copy(plain, base / "boxed")
            timed(debatemap("build", str(plain), "--out", str(base / "warm"), "--no-cache"))  # disk cache, page count
            pages = sum(1 for _ in (base / "warm").rglob("index.html"))
            times: dict[str, list[float]] = {"plain": [], "boxed": []}
            for _ in range(runs):
                for name, content in (("plain", plain), ("boxed", boxed)):
                    times[name].append(timed(debatemap("build", str(content), "--out", str(base / f"out-{name}"), "--no-cache")))
            same = all(
                (base / "out-plain" / p.relative_to(base / "out-boxed")).read_bytes() == p.read_bytes()
                for p in (base / "out-boxed").rglob("*.html")
            )
            assert same, "the sandboxed build differs from the trusted one"
            per_page = page_times(boxed, 200)
            plain_s, boxed_s = statistics.median(times["plain"]), statistics.median(times["boxed"])
            print(
                f"| {claims:,} | {pages:,} | {plain_s:.2f} s | {boxed_s:.2f} s | {boxed_s / plain_s:.2f}x "
                f"| {per_page['claim trusted']:.2f} / {per_page['claim sandboxed']:.2f} ms "
                f"| {per_page['map trusted']:.1f} / {per_page['map sandboxed']:.1f} ms |"
            )


def bench_big_map(sizes: list[int], runs: int) -> None:
    """Every size's corpus is written first, then built run by run in turn (2,000, 20,000, 2,000, ...),
    so the machine's noise falls on every size alike; the ratio is of medians in the same run."""
    print()
    print("| claims in one map | file size | check | build | build / smallest build |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="debatemap-bigmap-") as tmp:
        base = Path(tmp)
        contents = {claims: generate(base / f"content-{claims}", claims, maps=1) for claims in sizes}
        checks: dict[int, list[float]] = {claims: [] for claims in sizes}
        builds: dict[int, list[float]] = {claims: [] for claims in sizes}
        for _ in range(runs):
            for claims, content in contents.items():
                checks[claims].append(timed(debatemap("check", str(content))))
                builds[claims].append(
                    timed(debatemap("build", str(content), "--out", str(base / f"site-{claims}"), "--no-cache"))
                )
        smallest = statistics.median(builds[sizes[0]])
        for claims, content in contents.items():
            size = sum(p.stat().st_size for p in (content / "maps").iterdir())
            check_s, build_s = statistics.median(checks[claims]), statistics.median(builds[claims])
            each = ", ".join(f"{b:.2f}" for b in builds[claims])
            print(
                f"| {claims:,} | {size / 1e6:.1f} MB | {check_s:.2f} s | {build_s:.2f} s ({each}) | {build_s / smallest:.1f}x |"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes for the sandbox (claims)")
    parser.add_argument("--map-sizes", type=int, nargs="+", default=[2000, 20000], help="claims in the one large map")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-sandbox", action="store_true")
    parser.add_argument("--skip-map", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_sandbox:
        bench_sandbox(args.sizes, args.runs)
    if not args.skip_map:
        bench_big_map(args.map_sizes, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
