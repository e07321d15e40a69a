"""The synthetic corpus behind the benchmarks: valid, deterministic, shaped as documented."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest

from debatemap.model import Claim
from debatemap.pipeline import load_site

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # bench_check imports corpus by name
    spec.loader.exec_module(module)
    return module


corpus = load_module("corpus")


def depth(claims: Mapping[str, Claim], claim_id: str) -> int:
    """Levels of claims written inline under ``claim_id`` (refs not followed), itself included."""
    inline = [link.claim_id for link in claims[claim_id].children if not link.is_ref]
    return 1 + max((depth(claims, child) for child in inline), default=0)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.generate(tmp_path_factory.mktemp("corpus") / "content", 2_000)


def test_corpus_passes_check_strict(small: Path) -> None:
    assert load_site(small, strict=True).diagnostics == ()


def test_corpus_has_exactly_the_claims_maps_and_sources_asked_for(small: Path) -> None:
    site = load_site(small).site
    assert len(site.claims) == 2_000
    assert len(site.maps) == corpus.default_maps(2_000) == 20
    assert len(site.sources) == corpus.default_sources(2_000) == 250
    assert set(site.citing) == set(site.sources)  # every source is cited


def test_corpus_reuses_about_three_percent_of_claims_across_maps(small: Path) -> None:
    site = load_site(small).site
    refs = [(claim, link) for claim in site.claims.values() for link in claim.children if link.is_ref]
    assert len(refs) == round(2_000 * corpus.REF_SHARE)
    assert all(site.claims[link.claim_id].map_id != claim.map_id for claim, link in refs)


def test_corpus_trees_are_three_to_six_claims_deep(small: Path) -> None:
    site = load_site(small).site
    depths = {depth(site.claims, m.thesis_id) - 1 for m in site.maps.values()}
    assert depths <= {3, 4, 5, 6}
    assert len(depths) > 1


def test_corpus_claims_cite_one_or_two_sources_and_read_like_text(small: Path) -> None:
    site = load_site(small).site
    assert {len(c.citations) for c in site.claims.values()} == {1, 2}
    words = sorted(len(c.text.split()) for c in site.claims.values())
    assert (words[0], words[-1]) == (15, 30)
    with_details = [c for c in site.claims.values() if c.details]
    assert 0.1 < len(with_details) / len(site.claims) < 0.3
    assert all(60 <= len(c.details.split()) <= 120 for c in with_details if c.details)


def test_corpus_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    first = corpus.generate(tmp_path / "one", 300, seed=7)
    second = corpus.generate(tmp_path / "two", 300, seed=7)
    other = corpus.generate(tmp_path / "three", 300, seed=8)

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    assert files(first) == files(second)
    assert files(first) != files(other)


def test_corpus_with_explicit_maps_and_sources(tmp_path: Path) -> None:
    root = corpus.generate(tmp_path / "c", 30, maps=10, sources=30)
    checked = load_site(root, strict=True)
    assert checked.diagnostics == ()
    assert (len(checked.site.claims), len(checked.site.maps), len(checked.site.sources)) == (30, 10, 30)


@pytest.mark.parametrize(("claims", "maps", "sources"), [(5, 2, None), (10, 0, None), (10, None, 11), (10, None, 0)])
def test_corpus_refuses_impossible_shapes(tmp_path: Path, claims: int, maps: int | None, sources: int | None) -> None:
    with pytest.raises(ValueError):
        corpus.generate(tmp_path / "c", claims, maps, sources)


def test_corpus_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        corpus.generate(tmp_path / "c", 30)


def test_corpus_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.main([str(tmp_path / "c"), "--claims", "50", "--seed", "3"]) == 0
    assert load_site(tmp_path / "c", strict=True).ok
    assert corpus.main([str(tmp_path / "c"), "--claims", "50"]) == 2
    assert "not empty" in capsys.readouterr().err


def test_bench_check_times_a_clean_corpus(tmp_path: Path) -> None:
    bench_check = load_module("bench_check")
    files, times = bench_check.bench(200, 2, tmp_path)
    assert files == 2 + corpus.default_maps(200) + corpus.default_sources(200)
    assert len(times) == 2 and all(t > 0 for t in times)


def test_runner_prints_every_column_for_a_small_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os  # noqa: PLC0415

    load_module("bench_search")
    load_module("bench_serve")
    run = load_module("run")
    browser = os.path.exists(load_module("bench_search").CHROMIUM)
    if os.environ.get("CI") == "true":
        assert browser, "CI must have Chromium for the first-query column"
    assert run.main(["--sizes", "400", "--runs", "1", "--no-hugo", "--no-mkdocs", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    # The size table's rows (the builds table's rows start with the size too, then a build's name).
    rows = [line for line in out.splitlines() if line.startswith("| 400 | ") and line.split("|")[2].strip()[:1].isdigit()]
    size_rows = [row for row in rows if row.count("|") == 12]
    row = size_rows[-1]  # the final table (each size's table is also printed as it finishes)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 11
    warm_rows = [row for row in rows if row.count("|") == 8]  # the build cache's table
    warm = [cell.strip() for cell in warm_rows[-1].strip("|").split("|")]
    cold_s, first_s, warm_s = (float(cell.split(" s")[0]) for cell in warm[1:4])
    # Times only: which is faster is the benchmark's finding, not something a test run under load can assert.
    assert cold_s > 0 and first_s > 0 and warm_s > 0, warm
    assert cells[2].endswith(" s") and float(cells[2][:-2]) > 0  # the build's median time
    assert cells[7].endswith(" ms") and float(cells[7][:-3]) > 0  # the one-claim edit
    assert cells[8].endswith(" KB")  # the claim page, compressed
    if browser:
        assert cells[9].endswith(" KB") and float(cells[9][:-3]) > 0  # the first search query
    assert cells[10].endswith(" KB") and float(cells[10][:-3]) >= float(cells[8][:-3]) / 2  # the largest page
    assert "note (400 claims): the largest page is " in out


def test_timed_runs_report_the_commands_memory_not_the_benchmarks(tmp_path: Path) -> None:
    import sys  # noqa: PLC0415

    run = load_module("run")
    ballast = bytearray(400 * 1024 * 1024)  # the benchmark holding a big site in memory
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so it is resident
    small = run.run_timed([sys.executable, "-c", "pass"])
    big = run.run_timed([sys.executable, "-c", "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"])
    del ballast
    assert small.ok and big.ok and small.seconds > 0
    assert small.max_rss_mb < 100
    assert 300 <= big.max_rss_mb < 400
    capped = run.run_timed([sys.executable, "-c", "import time; time.sleep(30)"], cap=0.5)
    assert not capped.ok and capped.seconds == 0.5
    with pytest.raises(SystemExit, match="command failed"):
        run.run_timed([sys.executable, "-c", "raise SystemExit(3)"])


def test_timed_runs_count_the_cpu_time_of_the_commands_children_and_not_its_sleep() -> None:
    import sys  # noqa: PLC0415

    run = load_module("run")
    busy = "import time\nwhile time.process_time() < 0.4: pass"
    parent = f"import subprocess, sys, time; subprocess.run([sys.executable, '-c', {busy!r}]); time.sleep(0.4)"
    timed = run.run_timed([sys.executable, "-c", parent])
    assert timed.ok and timed.seconds >= 0.8
    assert 0.4 <= timed.cpu_seconds < 0.4 + 0.35  # the child's loop (and two interpreters' start), not the sleep


def test_paired_ratios_compare_the_builds_of_each_round_and_skip_a_failed_one() -> None:
    run = load_module("run")
    ours = [run.Run(10.0, 1, True, 20.0), run.Run(20.0, 1, True, 20.0), run.Run(20.0, 1, True, 20.0), run.Run(5.0, 1, False, 1.0)]
    peer = [run.Run(12.0, 1, True, 30.0), run.Run(12.0, 1, True, 10.0), run.Run(24.0, 1, True, 20.0), run.Run(50.0, 1, True, 1.0)]
    wall, cpu = run.paired_ratios(ours, peer)
    assert wall == (1.2, 0.6, 1.2)  # rounds 1.2, 0.6, 1.2; the failed fourth round is left out
    assert cpu == (1.0, 0.5, 1.5)


def test_serve_starts_are_timed_from_launch_to_address_for_each_checkout(tmp_path: Path) -> None:
    bench_serve = load_module("bench_serve")
    content = load_module("corpus").generate(tmp_path / "content", 30)
    rows = bench_serve.time_starts(content, 2, [None])
    assert [row["serve code"] for row in rows] == ["this checkout"]
    times = [float(t) for t in rows[0]["each run s"].split()]
    assert len(times) == 2 and all(t > 0 for t in times)
    assert float(rows[0]["start s (median)"]) == pytest.approx(sum(times) / 2, abs=0.006)


def test_trash_sets_outputs_aside_for_the_next_build_and_deletes_them_only_when_emptied(tmp_path: Path) -> None:
    trash = load_module("trash").Trash(tmp_path / "trash")
    out = tmp_path / "out"
    for round_ in range(2):
        (out / "claims" / "a").mkdir(parents=True)
        (out / "claims" / "a" / "index.html").write_text(f"round {round_}")
        trash.set_aside(out)
        assert not out.exists()  # free for the next build, as a deleted one was
    trash.set_aside(out)  # nothing there: nothing to do
    kept = sorted(p.read_text() for p in (tmp_path / "trash").rglob("index.html"))
    assert kept == ["round 0", "round 1"]  # nothing deleted while builds are timed
    trash.empty()
    assert not (tmp_path / "trash").exists()
