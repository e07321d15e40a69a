"""The built site in a real browser (Debian's Chromium through Playwright), as a reader uses it.

A reader goes home -> map -> claim -> source and back, folds and unfolds the outline and follows
a deep link into it; no page scrolls sideways on a 360 px phone; the skip link and the focus
ring work from the keyboard; everything works with JavaScript off. Screenshots of each page kind
at 1280 and 390 px, light and dark, go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from debatemap.pipeline import load_site

from .conftest import CONTENT, REPO, StaticServer

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def page_kinds(site: Path) -> dict[str, str]:
    """One URL of every page kind, each a demanding example (the most claims, the longest trails)."""
    maps = sorted(p.parent.name for p in site.glob("maps/*/index.html"))
    biggest = max(maps, key=lambda m: (site / "maps" / m / "index.html").stat().st_size)
    claims = sorted(site.glob("claims/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    sources = sorted(site.glob("sources/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    tags = sorted(site.glob("tags/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    return {
        "home": "",
        "maps": "maps/",
        "map": f"maps/{biggest}/",
        "balance": f"maps/{biggest}/balance/",
        "claim": f"claims/{claims[0].parent.name}/",
        "sources": "sources/",
        "source": f"sources/{sources[0].parent.name}/",
        "tags": "tags/",
        "tag": f"tags/{tags[0].parent.name}/",
        "page": "about/",
        "404": "404.html",
    }


@pytest.fixture(scope="module")
def site_url(content_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served under its base_url's path (/open-weights/), as its host serves it.

    The 404 page links by that path, because a host shows it at any missing address.
    """
    base_path = urlsplit(load_site(CONTENT).site.config.base_url or "/").path.strip("/")
    host_root = tmp_path_factory.mktemp("host")
    (host_root / base_path).parent.mkdir(parents=True, exist_ok=True)
    (host_root / base_path).symlink_to(content_site, target_is_directory=True)
    server = StaticServer(host_root)
    yield server.url + base_path + "/"
    server.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def test_reader_goes_home_map_claim_source_and_back(tab: Any, site_url: str) -> None:
    tab.goto(site_url)
    assert tab.locator("h1").first.inner_text()
    tab.locator(".map-entry h2 a").first.click()
    tab.wait_for_url("**/maps/*/")
    map_url = tab.url
    assert tab.locator("#outline").is_visible()

    # the outline folds and unfolds, by the buttons and by each toggle
    details = tab.locator("#outline details")
    count = details.count()
    assert count > 5
    tab.locator('[data-outline="close"]').click()
    assert tab.locator("#outline details[open]").count() == 0
    tab.locator('[data-outline="open"]').click()
    assert tab.locator("#outline details[open]").count() == count
    first_toggle = tab.locator("#outline details > summary").first
    first_toggle.click()
    assert tab.locator("#outline details[open]").count() == count - 1
    first_toggle.click()

    # a claim from the outline, then its first source
    tab.locator("#outline .node-pro .node-claim").first.click()
    tab.wait_for_url("**/claims/*/")
    claim_url = tab.url
    assert tab.locator("#claim-title").is_visible()
    assert tab.locator(".breadcrumbs a").count() >= 2
    tab.locator(".citation-source a").first.click()
    tab.wait_for_url("**/sources/*/")
    assert tab.locator(".backlink-map").count() >= 1

    tab.go_back()
    assert tab.url == claim_url
    tab.go_back()
    assert tab.url == map_url


def test_a_deep_link_opens_the_folded_branch_that_holds_it(tab: Any, site_url: str, content_site: Path) -> None:
    url = site_url + page_kinds(content_site)["map"]
    tab.goto(url)
    deepest = tab.evaluate(
        """() => { let best = null, depth = -1;
        for (const li of document.querySelectorAll('#outline li[id]')) {
          let d = 0; for (let n = li; n; n = n.parentElement) if (n.tagName === 'DETAILS') d++;
          if (d > depth) { depth = d; best = li.id; } }
        return best; }"""
    )
    tab.locator('[data-outline="close"]').click()
    tab.evaluate("id => { location.hash = id; }", deepest)
    closed_ancestors = tab.evaluate(
        """id => { let n = document.getElementById(id), closed = 0;
        for (; n; n = n.parentElement) if (n.tagName === 'DETAILS' && !n.open) closed++;
        return closed; }""",
        deepest,
    )
    assert closed_ancestors == 0
    assert tab.locator(f"#{deepest} > .node-row").is_visible()


@pytest.mark.parametrize("width", [360, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site_url: str, content_site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
    page = context.new_page()
    wide = []
    for kind, path in page_kinds(content_site).items():
        page.goto(site_url + path)
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
            )
            wide.append(f"{kind} ({path}): {scroll}px > {client}px, e.g. {culprits}")
    context.close()
    assert not wide, "\n".join(wide)


def test_skip_link_and_focus_ring_work_from_the_keyboard(tab: Any, site_url: str, content_site: Path) -> None:
    tab.goto(site_url + page_kinds(content_site)["claim"])
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {cls: e.className, text: e.textContent, top: r.top, height: r.height,
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )
    assert focused["cls"] == "skip-link" and focused["text"] == "Skip to content"
    assert focused["top"] >= 0 and focused["height"] > 10, "the skip link shows when focused"
    assert focused["outline"] != "none" and focused["width"] >= 2, "a visible focus ring"
    tab.keyboard.press("Enter")
    assert tab.url.endswith("#main")
    assert tab.evaluate("document.activeElement.id") == "main"
    tab.keyboard.press("Tab")
    ring = tab.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
        return {inMain: !!e.closest('main'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )
    assert ring["inMain"], "the next Tab lands in the main content"
    assert ring["outline"] != "none" and ring["width"] >= 2


def test_everything_works_with_javascript_off(browser: Any, site_url: str, content_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    kinds = page_kinds(content_site)
    page.goto(site_url + kinds["map"])
    assert page.locator("[data-outline-tools]").is_hidden(), "buttons that need JavaScript stay hidden"
    assert page.locator("#outline details").count() == page.locator("#outline details[open]").count()
    page.locator("#outline details > summary").first.click()
    assert page.locator("#outline details:not([open])").count() == 1, "folding needs no script"
    page.locator("#outline .node-claim").first.click()  # the thesis row stays visible when folded
    page.wait_for_url("**/claims/*/")
    page.goto(site_url + kinds["sources"])
    assert page.locator("table.bibliography tbody tr").count() >= 10
    page.locator("table.bibliography th a", has_text="Title").click()  # sorting is a link to a sorted page
    page.wait_for_url("**/sources/by-title/")
    titles = page.locator("table.bibliography tbody td:first-child > a").all_inner_texts()
    assert len(titles) >= 10 and titles == sorted(titles, key=str.casefold)
    assert page.locator('th[aria-sort="ascending"]').inner_text().startswith("Title")
    page.goto(site_url + kinds["claim"])  # a claim page reads in full: claim, map, sources, replies
    assert page.locator("h1#claim-title").is_visible()
    assert page.locator(".lm-svg").is_visible()
    assert page.locator(".citation").count() >= 1 and page.locator(".citation").first.is_visible()
    assert page.locator(".column-pro, .column-con").count() == 2
    context.close()


def test_colour_schemes_follow_the_system(browser: Any, site_url: str) -> None:
    colours = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url)
        colours[scheme] = page.evaluate("(s => [s.backgroundColor, s.color])(getComputedStyle(document.body))")
        context.close()
    assert colours["light"] != colours["dark"]


def test_screenshots_of_every_page_kind(browser: Any, site_url: str, content_site: Path) -> None:
    """For a person to look at: tests/artifacts/<kind>-<width>-<scheme>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    written = []
    for width in WIDTHS:
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            for kind, path in page_kinds(content_site).items():
                page.goto(site_url + path)
                target = ARTIFACTS / f"{kind}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True, timeout=120_000)  # the biggest map, on a busy machine
                written.append(target)
            context.close()
    assert all(p.stat().st_size > 5000 for p in written)
    assert len(written) == len(WIDTHS) * len(SCHEMES) * len(page_kinds(content_site))


def test_cite_copy_buttons_fill_in_the_readers_date(browser: Any, site_url: str, content_site: Path) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + page_kinds(content_site)["claim"])
    page.locator(".cite-details > summary").click()
    page.locator('[data-copy="cite-mla"]').click()
    page.wait_for_function("document.querySelector('.cite-status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    today = page.evaluate(
        "(() => { const d = new Date(); const m = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.',"
        " 'Oct.', 'Nov.', 'Dec.']; return d.getDate() + ' ' + m[d.getMonth()] + ' ' + d.getFullYear(); })()"
    )
    assert copied.endswith(f"Accessed {today}.")
    page.locator('[data-copy="cite-csl"]').click()
    page.wait_for_function("document.querySelector('[data-copy=\"cite-csl\"]').textContent === 'Copied'")
    assert "accessed" in json.loads(page.evaluate("navigator.clipboard.readText()"))[0]
    context.close()
    quiet = browser.new_context(java_script_enabled=False)
    page = quiet.new_page()
    page.goto(site_url + page_kinds(content_site)["claim"])
    page.locator(".cite-details > summary").click()
    assert page.locator("#cite-apa").is_visible()
    assert not page.locator(".cite-copy").first.is_visible()  # no button without JavaScript; the text is there to select
    quiet.close()
