"""Incremental rebuilds: after any edit, the site on disk equals a full build byte for byte.

Each step edits the real content (a copy), rebuilds incrementally and compares every file
with what ``debatemap build`` writes from scratch; it also checks that a small edit renders
only a few pages, which is the point of rebuilding incrementally.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from debatemap.build import build
from debatemap.content import FileCache, read_content
from debatemap.content import read as content_read
from debatemap.incremental import IncrementalBuild, Interrupted, everything, search_units
from debatemap.incremental import builder as builder_module
from debatemap.incremental.tracking import Recorder, tracked_site
from debatemap.pipeline import load_site
from debatemap.render import routes, views
from debatemap.render.renderer import Renderer
from debatemap.render.routes import all_routes
from debatemap.render.theme import find_theme

from .conftest import CONTENT

MAP = "maps/open-weights.yaml"
ANSWERED = "a handful of large companies.\n          tags: [concentration-of-power, business]\n          cons:\n"
"""Where the claim ``innovation-gains-concentrate`` lists its cons: a new con goes here."""
OVERRIDE = '{{% extends "base.html" %}}{{% block main %}}<h1>{}</h1>{{% endblock %}}\n'


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (the build marker aside) by relative path."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".debatemap-build")
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def assert_same_as_full_build(content: Path, live: Path, scratch: Path) -> None:
    full = scratch / "full"
    shutil.rmtree(full, ignore_errors=True)
    build(content, full)
    expected, actual = tree(full), tree(live)
    assert sorted(actual) == sorted(expected), (sorted(actual.keys() - expected.keys()), sorted(expected.keys() - actual.keys()))
    differing = [name for name in expected if expected[name] != actual[name]]
    assert differing == []
    empty = [p for p in live.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == [], "folders left behind by removed pages"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def live(tmp_path: Path) -> tuple[Path, IncrementalBuild]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    builder = IncrementalBuild(content, tmp_path / "live")
    outcome = builder.rebuild(defer_extras=False)
    assert outcome.ok and outcome.full
    return content, builder


def rebuild(builder: IncrementalBuild, *changed: Path) -> int:
    """As serve rebuilds after a watcher's batch: ``changed`` are all the files that changed."""
    outcome = builder.rebuild([str(p) for p in changed], defer_extras=False, complete=True)
    assert outcome.ok, (outcome.diagnostics, outcome.problem)
    return outcome.rendered


def test_first_build_equals_a_full_build(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_the_first_build_on_forked_workers_reads_and_writes_what_the_one_process_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve's first build renders its pages on forked workers (``parallel``): the same files, the
    same reads for every page, the same readers, so every later save renders what it would have."""
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    monkeypatch.setattr(everything, "PARALLEL_THRESHOLD", 1)  # the real site has fewer pages than a pool needs
    forked_calls: list[int] = []
    real = builder_module.render_pages_keeping_keys
    monkeypatch.setattr(builder_module, "render_pages_keeping_keys", lambda *a, **k: forked_calls.append(1) or real(*a, **k))
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    forked = IncrementalBuild(content, tmp_path / "forked", parallel=True)
    alone = IncrementalBuild(content, tmp_path / "alone")
    assert forked.rebuild(defer_extras=False).ok and alone.rebuild(defer_extras=False).ok
    assert forked_calls == [1]
    assert tree(tmp_path / "forked") == tree(tmp_path / "alone")
    a, b = forked._state, alone._state
    assert a is not None and b is not None and a.search is not None and b.search is not None
    assert a.deps == b.deps and a.digests == b.digests and a.extras == b.extras
    assert {k: sorted(v) for k, v in a.readers.items()} == {k: sorted(v) for k, v in b.readers.items()}
    assert a.search.index == b.search.index and a.search.reads.units == b.search.reads.units
    keys = [key for reads in a.deps.values() for key in reads]
    assert len({id(key) for key in keys}) == len(set(keys)), "keys from the workers are shared, as one process's are"
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds up research everywhere.")
    assert 0 < rebuild(forked, content / MAP) < 30
    assert_same_as_full_build(content, forked.out, tmp_path)


def test_a_first_build_on_forked_workers_told_to_stop_stops_them_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    monkeypatch.setattr(everything, "PARALLEL_THRESHOLD", 1)
    forked = IncrementalBuild(CONTENT, tmp_path / "forked", parallel=True)
    forked.stop()  # serve closing while its first build runs
    with pytest.raises(Interrupted):
        forked.rebuild(defer_extras=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no site and no staging folder left behind"
    assert not forked.built


def test_a_first_read_with_a_forking_file_cache_parses_on_workers_and_keeps_every_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve's first build and a build with an empty build cache parse every file: on workers,
    as a build without the cache does, each parse then kept for the next read."""
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    monkeypatch.setattr(content_read, "PARALLEL_FILES", 1)
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    an_hour_ago = time.time() - 3600  # not saved so recently that a status could not vouch for a parse
    for path in content.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    parsed_here: list[Path] = []
    real_parse = content_read.parse_file

    def parse_file(root: Path, kind: str, path: Path, shown: str) -> Any:
        parsed_here.append(path)  # in this process only: a worker's list is its own copy
        return real_parse(root, kind, path, shown)

    monkeypatch.setattr(content_read, "parse_file", parse_file)
    forking = FileCache(parallel=True)
    first = load_site(content, cache=forking)
    assert parsed_here == [], "every file was parsed in a worker"
    assert first.site == load_site(content).site and first.diagnostics == load_site(content).diagnostics
    forking.begin([])
    assert load_site(content, cache=forking).site == first.site
    assert parsed_here == [], "the second read parsed nothing: every parse was kept"
    alone = FileCache()
    load_site(content, cache=alone)
    assert len(parsed_here) == len(list(content.rglob("*.yaml"))) + len(list((content / "pages").glob("*.md")))


def test_claim_text_edit_renders_few_pages_and_equals_a_full_build(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds up <innovation> & research everywhere.")
    rendered = rebuild(builder, content / MAP)
    assert 0 < rendered < 30  # of about 200 pages: the claim, its neighbours, its maps, sources and tags
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_a_new_map_date_renders_only_the_pages_that_show_dates(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    """Curators move ``updated`` with every edit: it must not render the whole site."""
    content, builder = live
    edit(content / MAP, "updated: 2026-12-06\n", "updated: 2026-12-07\n")
    outcome = builder.rebuild([str(content / MAP)], defer_extras=False, complete=True)
    assert outcome.ok and not outcome.full
    # The map and its pages (balance, exports), its claims and sources (their sitemap dates), home,
    # maps index, feed, sitemap: bounded by the map's size, not the site's.
    site = load_site(content).site
    own = sum(1 for maps in site.claim_maps.values() if "open-weights" in maps)
    shown = own + len(views.map_sources(site, "open-weights")) + 15
    assert 0 < outcome.rendered < shown
    assert {"sitemap.xml", "feed.xml", "index.html", "maps/open-weights/index.html"} <= set(outcome.written)
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_edit_that_shifts_lines_renders_only_what_shows_the_change(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    # A new details paragraph moves every later claim of the file down by two lines.
    edit(
        content / MAP,
        "    - id: open-weights-cut-costs\n",
        "    - id: open-weights-cut-costs\n      details: |\n        A new paragraph.\n",
    )
    rendered = rebuild(builder, content / MAP)
    assert rendered < 30
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_structural_edits_equal_a_full_build(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    # A new claim, answering an existing one and citing an existing source.
    edit(
        content / MAP,
        ANSWERED,
        ANSWERED + "            - id: a-brand-new-rebuttal\n"
        "              claim: A brand new rebuttal, tagged with a brand new tag.\n"
        "              sources: [{source: deepseek-r1-release, note: Added in a test.}]\n"
        "              tags: [brand-new-tag]\n",
    )
    rebuild(builder, content / MAP)
    assert_same_as_full_build(content, builder.out, tmp_path)
    # Reuse it elsewhere with a ref, then take the definition away again (and the ref).
    edit(
        content / MAP,
        "    - id: open-weights-cut-costs\n",
        "    - ref: a-brand-new-rebuttal\n    - id: open-weights-cut-costs\n",
    )
    rebuild(builder, content / MAP)
    assert_same_as_full_build(content, builder.out, tmp_path)
    edit(content / MAP, "    - ref: a-brand-new-rebuttal\n", "")
    edit(
        content / MAP,
        "            - id: a-brand-new-rebuttal\n"
        "              claim: A brand new rebuttal, tagged with a brand new tag.\n"
        "              sources: [{source: deepseek-r1-release, note: Added in a test.}]\n"
        "              tags: [brand-new-tag]\n",
        "",
    )
    rebuild(builder, content / MAP)
    assert_same_as_full_build(content, builder.out, tmp_path)
    assert not (builder.out / "claims" / "a-brand-new-rebuttal").exists()
    assert not (builder.out / "tags" / "brand-new-tag").exists()


def test_a_tag_gaining_and_losing_a_page_equals_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim that overflows its tag's last page adds a page; taking it away removes the page."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    entry = load_site(content).site.tags["business"]
    monkeypatch.setattr(routes, "LISTING_PAGE_SIZE", max(len(entry.claims), len(entry.sources)))
    builder = IncrementalBuild(content, tmp_path / "live")
    assert builder.rebuild(defer_extras=False).ok
    assert not (builder.out / "tags" / "business" / "page").exists()
    new_claim = (
        "            - id: one-claim-too-many\n"
        "              claim: One more business claim than the tag's first page holds.\n"
        "              sources: [{source: deepseek-r1-release}]\n"
        "              tags: [business]\n"
    )
    edit(content / MAP, ANSWERED, ANSWERED + new_claim)
    rebuild(builder, content / MAP)
    assert (builder.out / "tags" / "business" / "page" / "2" / "index.html").is_file()
    assert_same_as_full_build(content, builder.out, tmp_path)
    edit(content / MAP, new_claim, "")
    rebuild(builder, content / MAP)
    assert not (builder.out / "tags" / "business" / "page").exists()
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_a_new_source_that_adds_a_bibliography_page_equals_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every order of the bibliography gains a page for one source too many, and loses it again."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    monkeypatch.setattr(routes, "LISTING_PAGE_SIZE", len(list((content / "sources").glob("*.yaml"))))
    builder = IncrementalBuild(content, tmp_path / "live")
    assert builder.rebuild(defer_extras=False).ok
    assert not (builder.out / "sources" / "page").exists()
    added = content / "sources" / "aaa-one-source-too-many.yaml"
    added.write_text("title: A source one too many\nurl: https://example.org/one-too-many\npublished: 2099-01-01\n")
    rebuild(builder, added)
    for order in routes.SOURCE_ORDERS:
        assert (builder.out / routes.sources_url(order, 2) / "index.html").is_file(), order
    assert_same_as_full_build(content, builder.out, tmp_path)
    added.unlink()
    rebuild(builder, added)
    assert not (builder.out / "sources" / "page").exists()
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_citing_a_source_the_map_already_cites_leaves_the_home_page_maps_index_and_feed_alone(
    live: tuple[Path, IncrementalBuild], tmp_path: Path
) -> None:
    """They count each map's sources through one index entry per map, not every claim's citations,
    so adding a citation renders them again only when it changes a map's set of sources."""
    content, builder = live
    overview = ("index.html", "maps/index.html", "feed.xml")
    for page in overview:
        reads = builder.reads(page)
        assert any(key[0] == "map_sources" for key in reads), page
        assert not [key for key in reads if key[0] == "claims" and key[-1] == "citations"], page
    cited = "            - source: widder-west-whittaker-open-for-business\n              note: Argues that even"
    again = "            - source: deepseek-r1-release\n"  # cited elsewhere in the same map
    edit(content / MAP, cited, again + cited)
    rendered = rebuild(builder, content / MAP)
    assert_same_as_full_build(content, builder.out, tmp_path)
    # The claim, its map, the newly cited source, the bibliography's five orders (its counts), the
    # balance pages of the two maps the claim is in (they count citations), and the extra files
    # (the search index) as one; and with the two maps' pages, their drawings and their three
    # exports each, since the exports carry the claim's citations.
    assert rendered == 11 + 10


def test_the_sitemap_and_feed_wait_for_the_pause_after_a_save(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    """They list every page, so a new claim would render them again at every save; serve makes them
    with the extra files instead, when saving pauses, and the site then equals a full build."""
    content, builder = live
    new_claim = (
        "            - id: a-claim-for-the-sitemap\n"
        "              claim: A claim added while the curator keeps typing.\n"
        "              sources: [{source: deepseek-r1-release}]\n"
    )
    edit(content / MAP, ANSWERED, ANSWERED + new_claim)
    outcome = builder.rebuild([str(content / MAP)], complete=True)  # as serve: extras deferred
    assert outcome.ok and "claims/a-claim-for-the-sitemap/index.html" in outcome.written
    assert "sitemap.xml" not in outcome.written and "feed.xml" not in outcome.written
    assert "a-claim-for-the-sitemap" not in (builder.out / "sitemap.xml").read_text(encoding="utf-8")
    assert builder.extras_pending
    later = builder.refresh_extras()
    assert later.ok and "sitemap.xml" in later.written
    assert "a-claim-for-the-sitemap" in (builder.out / "sitemap.xml").read_text(encoding="utf-8")
    assert_same_as_full_build(content, builder.out, tmp_path)
    # The sitemap's reads were recorded when it was made late: the next change to them renders it again.
    edit(content / MAP, new_claim, "")
    rebuild(builder, content / MAP)
    assert "a-claim-for-the-sitemap" not in (builder.out / "sitemap.xml").read_text(encoding="utf-8")
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_a_new_map_that_adds_a_page_to_the_maps_index_equals_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    monkeypatch.setattr(routes, "LISTING_PAGE_SIZE", len(list((content / "maps").glob("*.yaml"))))
    builder = IncrementalBuild(content, tmp_path / "live")
    assert builder.rebuild(defer_extras=False).ok
    added = content / "maps" / "one-map-too-many.yaml"
    added.write_text(
        "title: One map too many?\nupdated: 2000-01-01\nthesis:\n  id: one-map-too-many-thesis\n"
        "  claim: The oldest map goes to the second page.\n  pros:\n    - ref: open-weights-speed-innovation\n",
        encoding="utf-8",
    )
    rebuild(builder, added)
    assert "one-map-too-many" in (builder.out / "maps" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert "More maps" in (builder.out / "index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(content, builder.out, tmp_path)
    added.unlink()
    rebuild(builder, added)
    assert not (builder.out / "maps" / "page").exists()
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_source_page_and_map_edits_equal_a_full_build(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    source = content / "sources" / "deepseek-r1-release.yaml"
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edit(source, title + "\n", "title: A renamed source\n")
    rebuild(builder, source)
    assert_same_as_full_build(content, builder.out, tmp_path)

    about = content / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    rendered = rebuild(builder, about)
    assert rendered <= 3
    assert_same_as_full_build(content, builder.out, tmp_path)

    edit(content / MAP, "title: Should frontier AI model weights be released openly?", "title: Should *any* weights be open?")
    rebuild(builder, content / MAP)
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_settings_and_theme_changes_render_everything(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    edit(content / "site.yaml", "title: Open Weights, Open Question", "title: Open Weights, Still Open")
    outcome = builder.rebuild([str(content / "site.yaml")], defer_extras=False)
    assert outcome.ok and outcome.full
    assert_same_as_full_build(content, builder.out, tmp_path)

    # A site's own template folder overrides the theme; adding one changes every page.
    overrides = content / "overrides"
    overrides.mkdir()
    (overrides / "404.html").write_text(OVERRIDE.format("Lost?"), encoding="utf-8")
    edit(content / "site.yaml", "theme: default\n", "theme: default\ntheme_dir: overrides\n")
    outcome = builder.rebuild([str(content / "site.yaml")], defer_extras=False)
    assert outcome.ok and outcome.full
    assert b"Lost?" in (builder.out / "404.html").read_bytes()
    assert_same_as_full_build(content, builder.out, tmp_path)

    (overrides / "404.html").write_text(OVERRIDE.format("Gone."), encoding="utf-8")
    outcome = builder.rebuild([str(overrides / "404.html")], defer_extras=False)
    assert outcome.ok and outcome.full
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_broken_content_leaves_the_last_good_site_until_fixed(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    before = tree(builder.out)
    edit(content / MAP, "    - id: open-weights-cut-costs\n", "    - ref: no-such-claim\n    - id: open-weights-cut-costs\n")
    outcome = builder.rebuild([str(content / MAP)])
    assert not outcome.ok
    assert [d.code for d in outcome.diagnostics if d.severity.value == "error"] == ["unknown-ref"]
    assert tree(builder.out) == before
    edit(content / MAP, "    - ref: no-such-claim\n", "")
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds things up.")
    rebuild(builder, content / MAP)
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_extra_files_wait_until_asked_for_and_then_match(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds up zyzzyva research.")
    outcome = builder.rebuild([str(content / MAP)])
    assert outcome.ok and builder.extras_pending
    assert not any(name.startswith("search/index/") for name in outcome.written)
    extras = builder.refresh_extras()
    assert extras.ok and not builder.extras_pending
    assert any(name.startswith("search/index/") for name in extras.written)
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_file_cache_parses_only_changed_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = FileCache()
    first = read_content(content, [], cache)
    again = read_content(content, [], cache)
    assert [id(c) for c in again.claims] == [id(c) for c in first.claims]  # reused, not parsed again
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds things up.")
    cache.forget([str(content / MAP)])
    third = read_content(content, [], cache)
    reused = {id(c) for c in first.claims} & {id(c) for c in third.claims}
    assert len(reused) == len(first.claims) - sum(1 for c in first.claims if c.map_id == "open-weights")
    assert read_content(content, []).claims == third.claims


def test_a_complete_batch_is_trusted_and_any_other_read_checks_every_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = FileCache()
    first = read_content(content, [], cache)
    unsaid = content / "maps" / "regulating-open-models.yaml"
    edit(unsaid, "title: ", "title: Unsaid ")
    cache.begin([], complete=True)  # the watcher vouches nothing changed: the file is not looked at
    assert read_content(content, [], cache).maps == first.maps
    cache.begin([])  # not vouched for: every file is checked, and the edit is seen
    assert [m.title for m in read_content(content, [], cache).maps] != [m.title for m in first.maps]

    new_source = content / "sources" / "a-new-source.yaml"
    new_source.write_text("title: A new source\nurl: https://example.org/new\npublished: 2025-05-01\n", encoding="utf-8")
    cache.begin([str(new_source)], complete=True)  # a file came: the folder is listed again
    assert "a-new-source" in {s.id for s in read_content(content, [], cache).sources}
    new_source.unlink()
    cache.begin([str(new_source)], complete=True)  # and went
    assert "a-new-source" not in {s.id for s in read_content(content, [], cache).sources}


def test_a_save_that_keeps_every_field_of_the_status_is_read_again_when_it_came_near_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system that keeps times to the second, two saves of the same size within that
    second leave the same status; a check without the watcher's word (the first pause of a watch)
    must still see the second one."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    tick = time.time_ns()
    real_stat = Path.stat

    def same_second(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        info = real_stat(self, follow_symlinks=follow_symlinks)
        return os.stat_result((*info[:8], tick // 10**9, tick // 10**9), {"st_mtime_ns": tick, "st_ctime_ns": tick})

    monkeypatch.setattr(Path, "stat", same_second)
    cache = FileCache()
    first = read_content(content, [], cache)
    path = content / MAP
    text = path.read_text(encoding="utf-8")
    saved = re.sub(r"^title: .", "title: \N{LATIN CAPITAL LETTER Q}", text, count=1, flags=re.MULTILINE)
    assert saved != text and len(saved.encode()) == len(text.encode())
    path.write_text(saved, encoding="utf-8")
    cache.begin([])
    titles = [m.title for m in read_content(content, [], cache).maps]
    assert titles != [m.title for m in first.maps] and any(title.startswith("Q") for title in titles)


def test_new_and_deleted_files_equal_a_full_build(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    source = content / "sources" / "a-new-source.yaml"
    source.write_text("title: A new source\nurl: https://example.org/new\npublished: 2025-05-01\n", encoding="utf-8")
    new_map = content / "maps" / "a-new-map.yaml"
    new_map.write_text(
        "title: A new question?\nupdated: 2026-01-02\nthesis:\n  id: a-new-thesis\n  claim: A new thesis.\n"
        "  sources: [{source: a-new-source}]\n  pros:\n    - ref: open-weights-speed-innovation\n"
        "  cons:\n    - id: a-new-con\n      claim: A new con.\n      sources: [{source: a-new-source}]\n",
        encoding="utf-8",
    )
    rebuild(builder, source, new_map)
    assert (builder.out / "maps" / "a-new-map" / "index.html").is_file()
    assert_same_as_full_build(content, builder.out, tmp_path)
    new_map.unlink()
    source.unlink()
    rebuild(builder, source, new_map)
    assert not (builder.out / "maps" / "a-new-map").exists()
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_extra_files_made_for_an_older_save_are_dropped(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds up zyzzyva research.")
    assert builder.rebuild([str(content / MAP)]).ok
    job = builder.extras_job()
    assert job is not None
    job.run()  # as serve does, in a thread of its own, while...
    edit(content / MAP, "which speeds up zyzzyva research.", "which speeds up quokka research.")
    assert builder.rebuild([str(content / MAP)]).ok  # ...a later save is rebuilt
    assert builder.finish_extras(job) is None  # made for the older save: dropped
    assert builder.extras_pending
    assert builder.refresh_extras().ok
    assert any(b"quokka" in f.read_bytes() for f in (builder.out / "search").rglob("*.js"))
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_what_a_page_read_does_not_depend_on_the_pages_rendered_before_it(live: tuple[Path, IncrementalBuild]) -> None:
    """A lookup cached by one page (map memberships...) must count as read by every page using it."""
    content, builder = live
    checked = load_site(content)
    theme = find_theme(checked.site.config, content)
    compiled = Renderer(checked.site, theme)
    for route in reversed(all_routes(checked.site)):
        recorder = Recorder()
        alone = Renderer(tracked_site(checked.site, recorder), theme, reuse=compiled)
        recorder.take()
        alone.render_files(route)  # the page with the files made with it (a map's drawing and exports)
        assert recorder.take() == builder.reads(route.output_path), route.output_path


def test_link_health_coming_changing_and_going_renders_only_its_source_pages(
    live: tuple[Path, IncrementalBuild], tmp_path: Path
) -> None:
    content, builder = live
    links = content / "links.yaml"
    url = load_site(content).site.sources["deepseek-r1-release"].url
    links.write_text(f'links:\n  - url: "{url}"\n    checked: 2026-11-27\n    status: 200\n', encoding="utf-8")
    outcome = builder.rebuild([str(links)], defer_extras=False, complete=True)
    assert outcome.ok
    assert set(outcome.written) == {"sources/deepseek-r1-release/index.html"}
    assert_same_as_full_build(content, builder.out, tmp_path)

    edit(links, "    status: 200\n", '    status: 404\n    problem: "HTTP 404"\n')
    assert rebuild(builder, links) == 1
    assert_same_as_full_build(content, builder.out, tmp_path)

    links.unlink()
    assert rebuild(builder, links) == 1
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_a_map_edit_renders_its_balance_page_and_equals_a_full_build(live: tuple[Path, IncrementalBuild], tmp_path: Path) -> None:
    content, builder = live
    edit(content / MAP, ANSWERED, ANSWERED + "            - id: a-new-con\n              claim: A new con.\n")
    outcome = builder.rebuild([str(content / MAP)], defer_extras=False, complete=True)
    assert outcome.ok
    assert "maps/open-weights/balance/index.html" in outcome.written
    assert "maps/regulating-open-models/balance/index.html" not in outcome.written
    assert_same_as_full_build(content, builder.out, tmp_path)


def test_a_file_deleted_before_a_check_and_saved_again_is_read(tmp_path: Path) -> None:
    """Deleted without the watcher's word (a check of every file found it gone), then saved
    again: the watcher names it, and it must count as a file that came, not one long known."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = FileCache()
    first = read_content(content, [], cache)
    source = next((content / "sources").glob("*.yaml"))
    kept = source.read_bytes()
    source.unlink()
    cache.begin([])
    assert source.stem not in {s.id for s in read_content(content, [], cache).sources}
    source.write_bytes(kept)
    cache.begin([str(source)], complete=True)
    assert {s.id for s in read_content(content, [], cache).sources} == {s.id for s in first.sources}


def test_the_search_index_takes_a_wording_edit_document_by_document_and_a_new_claim_whole(
    live: tuple[Path, IncrementalBuild], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serve updates the index as the build cache does: only the documents whose reads changed
    are made again, and only the index files they touch are written; a claim added changes every
    later document's place, and the index is made whole. Either way the site is a full build's."""
    content, builder = live
    whole: list[int] = []
    real = search_units.index_everything

    def index_everything(*args: Any) -> Any:
        whole.append(1)
        return real(*args)

    monkeypatch.setattr(search_units, "index_everything", index_everything)
    index_files = {p.relative_to(builder.out).as_posix() for p in (builder.out / "search" / "index").rglob("*.js")}
    edit(content / MAP, "which speeds up innovation across the field.", "which speeds up zyzzyva research.")
    outcome = builder.rebuild([str(content / MAP)], complete=True)
    assert outcome.ok and builder.extras_pending
    extras = builder.refresh_extras()
    written = {name for name in extras.written if name.startswith("search/index/")}
    assert whole == []
    assert 0 < len(written) < len(index_files) / 2, (len(written), len(index_files))
    assert any(b"zyzzyva" in (builder.out / name).read_bytes() for name in written)
    assert_same_as_full_build(content, builder.out, tmp_path)

    edit(content / MAP, ANSWERED, ANSWERED + "            - id: a-searchable-con\n              claim: A quokka con.\n")
    assert builder.rebuild([str(content / MAP)], complete=True).ok
    assert builder.refresh_extras().ok
    assert whole == [1]
    assert any(b"quokka" in p.read_bytes() for p in (builder.out / "search").rglob("*.js"))
    assert_same_as_full_build(content, builder.out, tmp_path)
