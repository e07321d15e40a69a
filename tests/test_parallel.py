"""Rendering on several cores gives the same bytes as rendering on one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.render.parallel import PARALLEL_THRESHOLD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker pool forks, which only Linux does safely")
def test_a_parallel_build_is_byte_identical_to_a_serial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = corpus.generate(tmp_path / "content", 500)
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    parallel = build(content, tmp_path / "parallel")
    monkeypatch.setenv("DEBATEMAP_WORKERS", "1")
    serial = build(content, tmp_path / "serial")
    assert parallel.pages >= PARALLEL_THRESHOLD  # large enough that the pool is really used
    assert _tree(tmp_path / "parallel") == _tree(tmp_path / "serial")
    assert (parallel.files, parallel.bytes) == (serial.files, serial.bytes)


def test_worker_count_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from debatemap.cores import worker_count  # noqa: PLC0415

    monkeypatch.setenv("DEBATEMAP_WORKERS", "3")
    assert worker_count() == 3
    monkeypatch.setenv("DEBATEMAP_WORKERS", "zero")
    assert worker_count() >= 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker pool forks, which only Linux does safely")
def test_a_worker_failing_mid_build_leaves_the_previous_site_and_no_half_written_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from debatemap.render.renderer import ThemeError  # noqa: PLC0415

    content = corpus.generate(tmp_path / "content", 500)
    out = tmp_path / "site"
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    first = build(content, out)
    before = _tree(out)
    # One claim page, late in the build, fails in a worker while the other worker is writing.
    victim = sorted(p.name for p in (out / "claims").iterdir())[-3]
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "theme_dir: overrides\n")
    (content / "overrides").mkdir()
    (content / "overrides" / "claim.html").write_text(
        '{% extends "base.html" %}{% block main %}'
        "{% if route.url.endswith('/" + victim + "/') %}{{ no_such_value }}{% endif %}"
        "<p>{{ claim.id }}</p>{% endblock %}\n"
    )
    with pytest.raises(ThemeError, match=victim):
        build(content, out)
    assert first.pages >= PARALLEL_THRESHOLD
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker pool forks, which only Linux does safely")
def test_parsing_on_several_cores_gives_the_same_site_and_problems_as_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from debatemap.content import PARALLEL_FILES  # noqa: PLC0415
    from debatemap.pipeline import load_site  # noqa: PLC0415

    content = corpus.generate(tmp_path / "content", 2_000)
    # Problems in two files, found while parsing (a bad date) and across files (an unknown source).
    first_map = sorted((content / "maps").glob("*.yaml"))[0]
    first_map.write_text(first_map.read_text().replace("source: ", "source: no-such-", 1))
    last_source = sorted((content / "sources").glob("*.yaml"))[-1]
    text = last_source.read_text()
    date = text.split("published: ", 1)[1].split("\n", 1)[0]
    last_source.write_text(text.replace(f"published: {date}", "published: 2024-02-30"))
    assert len(list(content.rglob("*.yaml"))) >= PARALLEL_FILES

    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    parallel = load_site(content)
    monkeypatch.setenv("DEBATEMAP_WORKERS", "1")
    serial = load_site(content)
    assert parallel.diagnostics == serial.diagnostics
    assert sorted(d.code for d in serial.diagnostics) == ["invalid-date", "unknown-source"]
    assert parallel.site.claims == serial.site.claims
    assert list(parallel.site.claims) == list(serial.site.claims)
    assert parallel.site.sources == serial.site.sources
    assert parallel.site.maps == serial.site.maps
    assert parallel.content.files == serial.content.files


def test_workers_get_claim_pages_with_their_parents_and_children_in_outline_order(tmp_path: Path) -> None:
    """A worker's slice holds a claim's neighbours, whose drawn boxes it then wraps once; every
    page is still in exactly one slice, and the expensive pages come first, one each."""
    from debatemap.pipeline import load_site  # noqa: PLC0415
    from debatemap.render.parallel import HEAVY_KINDS, page_slices  # noqa: PLC0415
    from debatemap.render.routes import all_routes  # noqa: PLC0415

    site = load_site(corpus.generate(tmp_path / "content", 500)).site
    routes = all_routes(site)
    slices = page_slices(routes, site, 2)
    flat = [route for part in slices for route in part]
    assert sorted(flat, key=lambda r: r.output_path) == sorted(routes, key=lambda r: r.output_path)
    heavy = [route for route in routes if route.kind in HEAVY_KINDS]
    assert slices[: len(heavy)] == [[route] for route in heavy]
    outline = list(dict.fromkeys(claim_id for ids in site.map_claims.values() for claim_id in ids))
    claims = [route.key for route in flat if route.kind == "claim"]
    assert claims[: len(outline)] == outline
    assert claims != sorted(claims)  # the URL order this replaces
