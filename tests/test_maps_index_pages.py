"""The index of all maps goes on over pages, and the home page shows its first page.

A 100,000-claim site of 1,000 maps had a home page and a maps index of about 1 MB each.
"""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.pipeline import load_site
from debatemap.render.routes import maps_url

from .conftest import CONTENT, PAGED_SIZE


def _listed(html: str) -> list[str]:
    return re.findall(r'<h2 id="map-([^"]+)">', html)


def _expected_order() -> list[str]:
    """Most recently updated first, then by id, worked out here from the content."""
    maps = load_site(CONTENT).site.maps.values()
    by_id = sorted(maps, key=lambda m: m.id)
    return [m.id for m in sorted(by_id, key=lambda m: m.updated, reverse=True)]


def test_every_map_is_on_exactly_one_page_of_the_index_in_order(paged_site: Path) -> None:
    expected = _expected_order()
    parts = -(-len(expected) // PAGED_SIZE)
    assert parts > 1, "the content should have more maps than a test page holds"
    pages = [(paged_site / maps_url(n) / "index.html").read_text(encoding="utf-8") for n in range(1, parts + 1)]
    assert not (paged_site / maps_url(parts + 1)).exists()
    assert [m for html in pages for m in _listed(html)] == expected
    assert 'rel="next"' in pages[0] and 'rel="prev"' in pages[-1]
    assert f"Page 2 of {parts}" in pages[1]


def test_the_home_page_shows_the_first_page_and_links_to_the_rest(paged_site: Path, content_site: Path) -> None:
    home = (paged_site / "index.html").read_text(encoding="utf-8")
    assert _listed(home) == _expected_order()[:PAGED_SIZE]
    assert '<a href="maps/page/2/">More maps</a>' in home and 'class="pager"' not in home
    whole = (content_site / "index.html").read_text(encoding="utf-8")
    assert _listed(whole) == _expected_order() and "More maps" not in whole
    assert not (content_site / "maps" / "page").exists()
