"""Recording what a page reads: the reads a rebuild relies on, whichever way they are recorded.

The incremental tests check whole builds against full ones; these pin down the recorder's own
shortcuts: an id read for free, lookups that miss kept, reads recorded as their hashes, and
results kept across pages that replay what making them read.
"""

from __future__ import annotations

import pytest

from debatemap.incremental.reads import HashingRecorder, ReadLog, hash_set, key_hash
from debatemap.incremental.tracking import KEYS, LENGTH, Recorder, ReplayedLookups, tracked, tracked_site
from debatemap.incremental.units import render_page, render_page_hashed
from debatemap.pipeline import CheckedSite, load_site
from debatemap.render import routes
from debatemap.render.renderer import Renderer
from debatemap.render.routes import all_routes
from debatemap.render.theme import find_theme

from .conftest import CONTENT

CLAIM = "innovation-gains-concentrate"


@pytest.fixture(scope="module")
def checked() -> CheckedSite:
    checked = load_site(CONTENT)
    assert checked.ok
    return checked


def test_reading_an_id_records_nothing_beyond_the_lookup_that_gave_the_object(checked: CheckedSite) -> None:
    recorder = Recorder()
    site = tracked_site(checked.site, recorder)
    claim = site.claims[CLAIM]
    assert recorder.take() == {("claims", CLAIM)}
    assert claim.id == CLAIM
    assert recorder.take() == frozenset()
    assert claim.text == checked.site.claims[CLAIM].text
    assert recorder.take() == {("claims", CLAIM, "text")}


def test_an_id_that_is_not_the_key_it_was_looked_up_by_is_recorded_like_any_field(checked: CheckedSite) -> None:
    recorder = Recorder()
    claim = tracked(checked.site.claims[CLAIM], ("elsewhere", "another-key"), recorder)
    assert claim.id == CLAIM
    assert recorder.take() == {("elsewhere", "another-key", "id")}


def test_comparing_a_proxy_records_every_field_it_compares(checked: CheckedSite) -> None:
    recorder = Recorder()
    site = tracked_site(checked.site, recorder)
    claim = site.claims[CLAIM]
    recorder.take()
    assert claim == checked.site.claims[CLAIM]
    fields = {"text", "details", "citations", "tags", "children", "map_id", "pos"}
    assert recorder.take() == {("claims", CLAIM, name) for name in fields}


def test_a_missing_key_is_recorded_each_time_a_page_looks_it_up(checked: CheckedSite) -> None:
    """Misses are kept (the site is frozen), but every page that looks one up still reads it."""
    recorder = Recorder()
    site = tracked_site(checked.site, recorder)
    missing = ("claims", "no-such-claim")
    for _ in range(2):  # the second page finds the miss kept from the first
        assert site.claims.get("no-such-claim") is None
        assert recorder.take() == {missing}
        assert "no-such-claim" not in site.claims
        assert recorder.take() == {missing}
        with pytest.raises(KeyError):
            site.claims["no-such-claim"]
        assert recorder.take() == {missing}


def test_walking_and_counting_a_mapping_are_recorded_each_time(checked: CheckedSite) -> None:
    recorder = Recorder()
    site = tracked_site(checked.site, recorder)
    for _ in range(2):
        assert list(site.maps) == list(checked.site.maps)
        assert len(site.maps) == len(checked.site.maps)
        assert recorder.take() == {("maps", KEYS), ("maps", LENGTH)}


def test_the_build_caches_recorder_keeps_for_every_page_the_hashes_of_what_it_reads_made_afresh(
    checked: CheckedSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build cache records hashes, keeps lookups across pages and replays their reads; the
    ground truth renders each page from nothing, recording keys. The same files and the same
    reads, page by page, with listings split small so that lookups serve many pages."""
    monkeypatch.setattr(routes, "LISTING_PAGE_SIZE", 2)  # the bibliography, in each order, over many pages
    monkeypatch.setattr(routes, "SITEMAP_LIMIT", 40)  # a sitemap index and its parts
    theme = find_theme(checked.site.config, CONTENT)
    compiled = Renderer(checked.site, theme)
    by_keys, by_hashes = Recorder(), HashingRecorder()
    keys_renderer = Renderer(tracked_site(checked.site, by_keys), theme, reuse=compiled)
    lookups = ReplayedLookups(by_hashes)
    hashes_renderer = Renderer(tracked_site(checked.site, by_hashes), theme, reuse=compiled, lookups=lookups)
    log = ReadLog()
    pages = all_routes(checked.site)
    assert sum(1 for route in pages if route.kind == "sources") > 10
    assert sum(1 for route in pages if route.kind == "sitemap") > 2
    for route in pages:
        files, keys = render_page(keys_renderer, by_keys, route)
        same_files, hashes = render_page_hashed(hashes_renderer, by_hashes, route, log)
        assert same_files == files, route.output_path
        assert hash_set(hashes) == hash_set(log.hashed(keys)), route.output_path
        assert hashes  # every page reads something


def test_a_replayed_lookup_is_made_once_and_adds_what_making_it_read_to_every_page_that_uses_it(
    checked: CheckedSite,
) -> None:
    recorder = Recorder()
    site = tracked_site(checked.site, recorder)
    lookups = ReplayedLookups(recorder)
    made: list[str] = []

    def text() -> str:
        made.append(CLAIM)
        return site.claims[CLAIM].text

    def shout() -> str:  # a lookup made from another
        return lookups.get("text", text).upper()

    read = {("claims", CLAIM), ("claims", CLAIM, "text")}
    assert lookups.get("text", text) == checked.site.claims[CLAIM].text
    assert recorder.take() == read
    assert site.maps  # the page reads something else too
    assert lookups.get("text", text) == checked.site.claims[CLAIM].text
    assert recorder.take() == {*read, ("maps", LENGTH)}
    assert lookups.get("shout", shout) == checked.site.claims[CLAIM].text.upper()
    assert recorder.take() == read
    assert lookups.get("shout", shout) == checked.site.claims[CLAIM].text.upper()
    assert recorder.take() == read
    assert made == [CLAIM]


def test_a_hashing_recorder_records_the_hash_of_each_key(checked: CheckedSite) -> None:
    recorder = HashingRecorder()
    site = tracked_site(checked.site, recorder)
    assert site.claims[CLAIM].text
    assert recorder.take_unshared() == {key_hash(("claims", CLAIM)), key_hash(("claims", CLAIM, "text"))}
    with pytest.raises(TypeError):
        recorder.take()
