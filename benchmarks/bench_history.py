"""Time reading the maps' change history from git, against the build it is part of.

    .venv/bin/python benchmarks/bench_history.py [--sizes 1000 10000] [--commits 300] [--runs 5]

For each size it writes a corpus (``corpus.generate``, seed 1) into a temporary git repository,
commits it, then makes ``commits`` more commits at fixed dates, each rewording a claim in two
maps and, one commit in three, adding a claim under another (with ``debatemap new claim``'s
editor). It then times, in this process:

- the history pass a build makes (``GitHistory``: one ``git log --raw`` and one
  ``git cat-file --batch`` for the whole site, each version of a map parsed once);
- one ``git log -p`` process per map, what reading each map's history on its own would start
  with (its patches still to be applied and parsed), as the alternative;
- a whole ``debatemap build`` with the history and with ``history: off``, interleaved run by run.

Medians of ``runs``, as wall-clock seconds and as CPU seconds (this process and the processes
it waited for: git, the build's workers), which a busy shared machine disturbs much less; the
history's share is that of the CPU time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from debatemap.build import build
from debatemap.history import GitHistory
from debatemap.scaffold.insert import append_item
from debatemap.scaffold.yaml_text import YamlText

_CLAIM_LINE = re.compile(r"^(\s*)claim: (.*)$", re.MULTILINE)
_ID = re.compile(r"^\s*-?\s*id: ([a-z0-9-]+)$", re.MULTILINE)


def git(root: Path, *args: str, when: int = 1_700_000_000) -> None:
    stamp = f"{when} +0000"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def with_history(root: Path, commits: int, rng: random.Random) -> int:
    """Commit the corpus, then ``commits`` edits; returns the number of map versions committed."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Corpus")
    maps = sorted((root / "maps").glob("*.yaml"))
    versions = len(maps)
    for number in range(1, commits + 1):
        for path in rng.sample(maps, min(2, len(maps))):
            text = path.read_text(encoding="utf-8")
            lines = list(_CLAIM_LINE.finditer(text))
            line = rng.choice(lines)
            text = text[: line.start(2)] + f"A claim reworded in commit {number} of {commits}" + text[line.end(2) :]
            path.write_text(text, encoding="utf-8")
            if number % 3 == 0:
                doc = YamlText.read(path, path.name)
                owners = _claim_mappings(doc.tree)
                owner = rng.choice(owners)
                item = (("id", f"added-{number}-{path.stem}"), ("claim", f"A claim added in commit {number}."))
                data, _ = append_item(doc, owner, "cons", item, before=())
                path.write_bytes(data)
            versions += 1
        git(root, "commit", "-q", "-am", f"Edit {number}", when=1_700_000_000 + number * 3600)
    return versions


def _claim_mappings(tree: object) -> list[object]:
    from debatemap.load import YMap, YSeq  # noqa: PLC0415

    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            if "id" in node.items and "claim" in node.items:
                found.append(node)
            stack.extend(value for _, value in node.items.values())
        elif isinstance(node, YSeq):
            stack.extend(node.items)
    return found


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(action: object) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    action()  # type: ignore[operator]
    return time.perf_counter() - wall, cpu_seconds() - cpu


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def bench(claims: int, commits: int, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"debatemap-history-{claims}-") as tmp:
        root = generate(Path(tmp) / "content", claims)
        made = time.perf_counter()
        versions = with_history(root, commits, random.Random(1))
        made = time.perf_counter() - made
        map_ids = sorted(p.stem for p in (root / "maps").glob("*.yaml"))
        found = GitHistory()(root, map_ids)
        changes = sum(len(v) for v in found.values())

        def one_pass() -> None:
            GitHistory()(root, map_ids)

        def per_map() -> None:
            for map_id in map_ids:
                subprocess.run(
                    ["git", "-C", str(root), "log", "-p", "--first-parent", "--", f"maps/{map_id}.yaml"],
                    check=True,
                    capture_output=True,
                )

        history_pass = medians([measure(one_pass) for _ in range(runs)])
        per_map_logs = medians([measure(per_map) for _ in range(runs)])
        site = root / "site.yaml"
        text = site.read_text(encoding="utf-8")
        builds: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
        for _ in range(runs):
            for mode in ("on", "off"):
                site.write_text(text + ("history: off\n" if mode == "off" else ""), encoding="utf-8")
                out = Path(tmp) / f"site-{mode}"
                builds[mode].append(measure(lambda out=out: build(root, out)))
        site.write_text(text, encoding="utf-8")
        return {
            "claims": claims,
            "maps": len(map_ids),
            "commits": commits + 1,
            "versions": versions,
            "changes": changes,
            "setup": made,
            "pass": history_pass,
            "per_map": per_map_logs,
            "on": medians(builds["on"]),
            "off": medians(builds["off"]),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(
        "| claims | maps | commits | map versions | changes kept | history pass (one log, one cat-file) "
        "| one `git log -p` per map | build with history | build, `history: off` | history's share of the build's CPU |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for claims in args.sizes:
        r = bench(claims, args.commits, args.runs)
        on, off, one, logs = r["on"], r["off"], r["pass"], r["per_map"]
        share = one[1] / on[1]  # type: ignore[index]
        print(
            f"| {r['claims']:,} | {r['maps']} | {r['commits']} | {r['versions']:,} | {r['changes']:,} "
            f"| {one[0]:.2f} s ({one[1]:.2f} s CPU) | {logs[0]:.2f} s ({logs[1]:.2f} s CPU) "  # type: ignore[index]
            f"| {on[0]:.2f} s ({on[1]:.2f} s CPU) | {off[0]:.2f} s ({off[1]:.2f} s CPU) | {share:.1%} |",  # type: ignore[index]
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
