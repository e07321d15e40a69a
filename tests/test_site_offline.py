"""The built site read from disk (file://) in Chromium, as someone who was sent the folder reads it.

A folder link would show a file listing there, so site.js points relative folder links (and
forms, and links added later, such as search results) at the folder's index.html, and only
there: over HTTP the links stay clean. Search loads its index as scripts, which a page opened
from disk may do, so it finds the same results there as over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import StaticServer

pytestmark = pytest.mark.browser

FOLDER_LINKS = """() => [...document.querySelectorAll('a[href], form[action]')]
  .map(e => e.getAttribute(e.tagName === 'FORM' ? 'action' : 'href'))
  .filter(v => !/^([a-z][a-z0-9+.-]*:|#|\\/)/i.test(v) && /\\/([?#]|$)/.test(v))"""
"""Relative links that still end at a folder (the 404 page links from the site's root: not these)."""


@pytest.fixture(scope="module")
def disk(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_from_disk_every_link_opens_a_page_not_a_folder_listing(disk: Any, content_site: Path) -> None:
    disk.goto((content_site / "index.html").as_uri())
    assert disk.evaluate(FOLDER_LINKS) == []
    disk.locator(".map-entry h2 a").first.click()
    disk.wait_for_url("**/maps/*/index.html")
    assert disk.locator("h1#question").is_visible()
    assert disk.evaluate(FOLDER_LINKS) == [], "links in the drawings too"
    disk.locator("#outline .node-con .node-claim").first.click()
    disk.wait_for_url("**/claims/*/index.html")
    disk.locator(".breadcrumbs a").first.click()  # "Maps": the maps index
    disk.wait_for_url("**/maps/index.html")


def test_from_disk_search_finds_what_it_finds_over_http(disk: Any, content_site: Path, content_server: StaticServer) -> None:
    disk.goto((content_site / "tags" / "index.html").as_uri())
    disk.fill("#header-search-q", "licence")
    disk.press("#header-search-q", "Enter")
    disk.wait_for_url("**/search/index.html?q=licence")
    disk.wait_for_selector("#search-results .search-result")
    from_disk = disk.inner_text("#search-status")
    links = disk.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.getAttribute('href'))")
    assert links and all(link.endswith("/index.html") for link in links), links
    disk.goto(content_server.url + "search/?q=licence")
    disk.wait_for_selector("#search-results .search-result")
    assert disk.inner_text("#search-status") == from_disk
    over_http = disk.eval_on_selector_all("#search-results h2 a", "links => links.map(a => a.getAttribute('href'))")
    assert [link.removesuffix("index.html") for link in links] == over_http, "over HTTP the links stay clean"
    assert disk.evaluate(FOLDER_LINKS), "and nothing is rewritten over HTTP"
