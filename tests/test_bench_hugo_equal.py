"""The equal-content Hugo peer shows what our pages show, and run.py prints both Hugo ratios."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from debatemap.pipeline import load_site

from .conftest import require
from .test_benchmarks import corpus, load_module


@pytest.fixture(scope="module", autouse=True)
def _hugo() -> None:
    """Hugo runs these tests: skipped on a laptop without it, a failure in CI (.ci/run installs it)."""
    require(shutil.which("hugo") is not None, "Hugo (apt-get install hugo)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content folder, the equal-content peer's built site) for a 300-claim corpus."""
    root = tmp_path_factory.mktemp("equal")
    content = corpus.generate(root / "content", 300)
    site = load_site(content).site
    source = load_module("hugo_equal").write_hugo_equal(site, root / "hugo")
    subprocess.run(["hugo", "--quiet", "--source", str(source), "--destination", str(root / "out")], check=True)
    return content, root / "out"


def text_of(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_equal_peer_claim_pages_show_trail_parent_cards_citations_and_tags(built: tuple[Path, Path]) -> None:
    content, out = built
    site = load_site(content).site
    # A claim three levels down, with pros or cons, a tag and a located citation.
    claim = next(
        c
        for c in site.claims.values()
        if c.children and c.tags and any(x.locator for x in c.citations) and (p := site.parents.get(c.id))
        and site.parents.get(p[0].parent_id)
    )  # fmt: skip
    shown = text_of(out / "claims" / claim.id / "index.html")
    parent = site.claims[site.parents[claim.id][0].parent_id]
    grandparent = site.claims[site.parents[parent.id][0].parent_id]
    assert parent.text in shown  # the parent in full
    assert grandparent.text[:30] in shown  # the trail, shortened
    for link in claim.children:
        assert site.claims[link.claim_id].text in shown
    for citation in claim.citations:
        source = site.sources[citation.source_id]
        assert source.title in shown and (source.publisher or "") in shown
        assert (citation.note or "") in shown and (citation.locator or "") in shown
    assert all(f"#{tag}" in shown for tag in claim.tags)


def test_equal_peer_map_pages_outline_every_claim_and_source_pages_list_citers(built: tuple[Path, Path]) -> None:
    content, out = built
    site = load_site(content).site
    debate = next(iter(site.maps.values()))
    shown = text_of(out / "maps" / debate.id / "index.html")
    assert all(site.claims[c].text in shown for c in site.map_claims[debate.id])
    source = next(iter(site.sources.values()))
    listed = text_of(out / "sources" / source.id / "index.html")
    assert all(site.claims[c].text in listed for c in site.citing[source.id])


def test_runner_prints_both_hugo_ratios_and_each_builds_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_module("bench_search")
    load_module("bench_serve")
    run = load_module("run")
    monkeypatch.setattr(run, "first_query_kb", lambda site, row: None)  # the browser's share is tested elsewhere
    assert run.main(["--sizes", "300", "--runs", "1", "--no-mkdocs", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"debatemap speed / Hugo, bare pages: [0-9.]+x \(without drawings: [0-9.]+x\)", out)
    assert re.search(r"debatemap speed / Hugo, equal content: [0-9.]+x \(without drawings: [0-9.]+x\)", out)
    paired = r"debatemap speed / Hugo, equal content, paired by round: median [0-9.]+x \(rounds [0-9.]+x to [0-9.]+x\)"
    assert re.search(paired + r"; in CPU time [0-9.]+x \([0-9.]+x to [0-9.]+x\)", out)
    for label in ("debatemap", "debatemap, no drawings", "Hugo, bare pages", "Hugo, equal content"):
        row = next(line for line in out.splitlines() if line.startswith(f"| 300 | {label} |"))
        pages, size, _wall, cpu = (cell.strip() for cell in row.split("|")[3:7])
        assert int(pages.replace(",", "")) > 300 and size.endswith(" KB")
        assert cpu.endswith(" s") and float(cpu[:-2]) > 0  # every process and thread of the build
