"""Accessibility in Chromium: axe-core over every page kind, a keyboard-only walk, visible focus
and reduced motion.

axe-core (bundled by axe-playwright-python, so nothing is fetched) audits one page of every kind
in the light and the dark scheme at 1280 px and in the light scheme at 390 px: no serious or
critical violation may remain. What it finds at any impact is written to
tests/artifacts/axe-report.json, counted by impact and page. A reader then goes home -> map ->
claim -> source -> search with Tab, Shift+Tab and Enter only, and every stop shows a focus
ring. With prefers-reduced-motion nothing moves: no transition, no smooth scrolling.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from debatemap.pipeline import load_site

from .conftest import CONTENT, REPO, StaticServer, require

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
MODES = (("light", 1280), ("dark", 1280), ("light", 390))
BLOCKING = ("serious", "critical")


def audited_pages(site: Path) -> dict[str, str]:
    """One URL of every page kind, each a demanding example (the most content of its kind)."""
    claims = sorted(site.glob("claims/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    sources = sorted(site.glob("sources/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    tags = sorted(site.glob("tags/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    maps = sorted(site.glob("maps/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    pages = {
        "home": "",
        "maps": "maps/",
        "map": f"maps/{maps[0].parent.name}/",
        "claim": f"claims/{claims[0].parent.name}/",
        "sources": "sources/",
        "source": f"sources/{sources[0].parent.name}/",
        "tags": "tags/",
        "tag": f"tags/{tags[0].parent.name}/",
        "search": "search/?q=licence",  # results with highlights (D5: dark marks at 3:1)
        "page": "about/",
        "404": "404.html",
    }
    balances = sorted(site.glob("maps/*/balance/index.html"), key=lambda p: (-p.stat().st_size, p.parent.parent.name))
    if balances:  # a map's balance page
        pages["balance"] = f"maps/{balances[0].parent.parent.name}/balance/"
    return pages


@pytest.fixture(scope="module")
def site_url(content_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site under its base_url's path, as its host serves it (the 404 page links by it)."""
    base_path = urlsplit(load_site(CONTENT).site.config.base_url or "/").path.strip("/")
    host_root = tmp_path_factory.mktemp("a11y-host")
    (host_root / base_path).parent.mkdir(parents=True, exist_ok=True)
    (host_root / base_path).symlink_to(content_site, target_is_directory=True)
    server = StaticServer(host_root)
    yield server.url + base_path + "/"
    server.close()


def axe_script() -> str:
    """axe-core's script as axe-playwright-python bundles it (nothing is fetched)."""
    try:
        from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 - a test dependency
    except ImportError:
        require(False, "axe-playwright-python")
        raise
    return str(Axe().axe_script)


AXE_RUN = "exclude => axe.run(exclude.length ? {exclude: exclude} : document).then(r => r.violations)"


def test_no_page_kind_has_a_serious_or_critical_violation_in_either_scheme_or_on_a_phone(
    browser: Any, site_url: str, content_site: Path
) -> None:
    script = axe_script()
    pages = audited_pages(content_site)
    report: list[dict[str, Any]] = []
    for scheme, width in MODES:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        context.add_init_script(script)  # in every page before its own scripts, injected once
        page = context.new_page()
        for kind, path in pages.items():
            page.goto(site_url + path)
            if kind == "search":
                page.wait_for_selector("#search-results mark")
            # The map's drawing is the same picture at any width: audited at 1280 px in both schemes
            # (it is a third of the whole audit's time), left out at 390.
            exclude = [["svg.dm-svg"]] if width < 1280 else []
            for violation in page.evaluate(AXE_RUN, exclude):
                report.append(
                    {
                        "page": kind,
                        "scheme": scheme,
                        "width": width,
                        "rule": violation["id"],
                        "impact": violation["impact"],
                        "nodes": len(violation["nodes"]),
                        "example": violation["nodes"][0]["target"] if violation["nodes"] else None,
                    }
                )
        context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    by_impact = Counter(v["impact"] for v in report)
    summary = {"audits": len(pages) * len(MODES), "kinds": sorted(pages), "by impact": dict(by_impact), "violations": report}
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    blocking = [v for v in report if v["impact"] in BLOCKING]
    assert not blocking, json.dumps(blocking, indent=1)


# -- the keyboard ------------------------------------------------------------------------------------


FOCUS_JS = """() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  const probe = document.createElement('i'); probe.style.color = 'var(--focus)'; document.body.append(probe);
  const focus = getComputedStyle(probe).color; probe.remove();
  // A ring: an outline, or in a drawing the focused box's own border drawn in the focus colour.
  let ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor === focus;
  if (!ring && e.closest('svg')) ring = [...e.querySelectorAll('rect')].some(
    b => { const bs = getComputedStyle(b); return bs.stroke === focus && parseFloat(bs.strokeWidth) >= 2; });
  return {tag: e.tagName, id: e.id, href: e.getAttribute('href') || '', text: (e.textContent || '').trim().slice(0, 60),
          inMain: !!e.closest('main'), ring: ring, colour: s.outlineColor, visible: r.width > 0 && r.height > 0}; }"""


def tab_until(page: Any, wanted: str, limit: int = 120) -> dict[str, Any]:
    """Press Tab until the focused element matches the CSS selector ``wanted``; every stop on
    the way must show a focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus: dict[str, Any] = page.evaluate(FOCUS_JS)
        assert focus["visible"], f"focus went to something not shown: {focus}"
        assert focus["ring"], f"no visible focus ring on {focus}"
        if page.evaluate("s => document.activeElement.matches(s)", wanted):
            return focus
    raise AssertionError(f"{limit} presses of Tab never reached {wanted}")


def test_a_keyboard_alone_goes_home_map_claim_source_and_search(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    focus = tab_until(page, ".skip-link")
    assert focus["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", "the skip link moves focus to the content"
    tab_until(page, ".map-entry h2 a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/maps/*/")
    tab_until(page, ".dm-skip a")  # past the overview's and the drawing's links, as a keyboard reader would
    page.keyboard.press("Enter")
    tab_until(page, "#outline .node-pro .node-claim", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_url("**/claims/*/")
    tab_until(page, ".citation-source a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sources/*/")
    assert page.locator("#backlinks-heading").is_visible()
    tab_until(page, "#header-search-q", limit=20)
    page.keyboard.type("licence")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=licence")
    page.wait_for_selector("#search-results .search-result")
    page.focus("#search-q")  # where the search page's form puts a reader who typed there
    page.keyboard.press("ArrowDown")
    first = page.evaluate(FOCUS_JS)
    assert first["href"] and "search-result" in page.evaluate("document.activeElement.closest('li').className")
    assert first["ring"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/claims/*/")
    context.close()


def test_focus_rings_use_the_themes_focus_colour_in_both_schemes(browser: Any, site_url: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + "maps/")
        focus = tab_until(page, ".site-nav a")
        variable = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--focus')")
        colours[scheme] = (focus["colour"], variable)
        context.close()
    assert colours["light"][0] != colours["dark"][0], "the ring follows the scheme (its contrast is tested on the palette)"
    for ring, variable in colours.values():
        red, green, blue = (int(variable.strip()[i : i + 2], 16) for i in (1, 3, 5))
        assert ring == f"rgb({red}, {green}, {blue})"


# -- motion ---------------------------------------------------------------------------------------------


MOTION_JS = """() => ({scroll: getComputedStyle(document.documentElement).scrollBehavior,
  moving: [...document.querySelectorAll('*')].filter(e => { const s = getComputedStyle(e);
    return s.transitionDuration.split(',').some(d => parseFloat(d) > 0.001)
        || (s.animationName !== 'none' && s.animationDuration.split(',').some(d => parseFloat(d) > 0.001)); })
    .slice(0, 5).map(e => e.tagName + '.' + e.className)})"""


def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(browser: Any, site_url: str, content_site: Path) -> None:
    found = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        page.goto(site_url + audited_pages(content_site)["map"])
        found[motion] = page.evaluate(MOTION_JS)
        page.hover(".map-entry h2 a, .site-nav a")  # a hover must not start anything either
        found[motion + " hovered"] = page.evaluate(MOTION_JS)
        context.close()
    assert found["no-preference"]["scroll"] == "smooth", "in-page jumps glide when motion is welcome"
    assert found["reduce"]["scroll"] == "auto"
    assert found["reduce"]["moving"] == [] and found["reduce hovered"]["moving"] == []
