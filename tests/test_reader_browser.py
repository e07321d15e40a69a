"""What a reader sees of the drawings on a phone and a desktop, in Chromium.

The local map opens on the claim it is about; the map's drawing opens on a phone at a zoom that
shows whole boxes and can fit the page's width; the overview is left out where it would be an
unreadable strip; the legend explains every mark the drawing uses. Screenshots at 390 and 1280 px
in both schemes go to tests/artifacts/reader-*.png (git-ignored) for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, StaticServer

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
THESIS = "claims/release-frontier-weights/"
"""The real map's thesis: 8 pros and 8 cons, the local map that drew all pros and 2 cons."""
DEEP_CLAIM = "claims/llama-licence-not-osi-open/"
"""A claim with parents and a reply, reported cut off mid-word at 390 px."""
MAP = "maps/open-weights/"


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_the_local_map_opens_centred_on_its_claim_on_a_phone(phone: Any, content_server: StaticServer) -> None:
    phone.goto(content_server.url + DEEP_CLAIM)
    where = phone.locator(".lm-scroll").evaluate(
        """box => { const me = box.querySelector('.dm-current').getBoundingClientRect(), outer = box.getBoundingClientRect();
        return {scrollable: box.scrollWidth > box.clientWidth, left: me.left - outer.left - box.clientLeft,
                right: outer.left + box.clientLeft + box.clientWidth - me.right}; }"""
    )
    assert where["scrollable"], "the test needs a local map wider than the phone"
    assert where["left"] >= 0 and where["right"] >= 0, f"the claim is cut off: {where}"
    assert abs(where["left"] - where["right"]) <= 4, f"the claim is not centred: {where}"


def test_the_drawing_opens_on_a_phone_with_whole_boxes_and_fits_the_width(phone: Any, content_server: StaticServer) -> None:
    phone.goto(content_server.url + MAP)
    phone.wait_for_selector("[data-drawing-tools]:not([hidden])")
    scroll = phone.locator("[data-drawing-scroll]")
    # the thesis and its first reply are both inside the box, whole
    cut = scroll.evaluate(
        """s => { const outer = s.getBoundingClientRect(), right = outer.left + s.clientLeft + s.clientWidth;
        const thesis = s.querySelector('.dm-sub > .dm-n rect'), reply = s.querySelector('.dm-kids > .dm-sub > .dm-n rect');
        return [thesis, reply].map(r => r.getBoundingClientRect()).filter(b => b.right > right + 0.5).length; }"""
    )
    assert cut == 0, "a box is cut at the right edge of the drawing"
    scale = scroll.evaluate("s => (svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)(s.querySelector('svg'))")
    assert 0.5 <= scale < 1
    phone.click("button[data-zoom=width]")
    width = scroll.evaluate("s => [s.querySelector('svg').getBoundingClientRect().width, s.clientWidth]")
    assert width[0] <= width[1], "fit width makes the drawing as wide as its box"
    assert scroll.evaluate("s => [s.scrollLeft, s.scrollTop]") == [0, 0]


def test_the_overview_is_left_out_on_a_phone_and_the_legend_explains_the_reuse_mark(
    phone: Any, content_server: StaticServer
) -> None:
    phone.goto(content_server.url + MAP)
    assert phone.locator(".ov-figure").count() == 1
    assert not phone.locator(".ov-figure").is_visible()
    legend = phone.locator(".dm-legend").inner_text()
    assert "↻" in legend and "reused claim" in legend
    assert phone.locator("svg.dm-svg .dm-ref").count() >= 1, "the mark the legend explains is in the drawing"


def test_fit_width_on_a_desktop_fills_the_width_and_keeps_boxes_readable(browser: Any, content_server: StaticServer) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(content_server.url + MAP)
    page.wait_for_selector("[data-drawing-tools]:not([hidden])")
    scroll = page.locator("[data-drawing-scroll]")
    assert scroll.evaluate("s => s.querySelector('svg').style.width") == scroll.evaluate(
        "s => s.querySelector('svg').viewBox.baseVal.width + 'px'"
    ), "a desktop opens the drawing at 100 %"
    page.click("button[data-zoom=width]")
    svg_width, room = scroll.evaluate("s => [s.querySelector('svg').getBoundingClientRect().width, s.clientWidth]")
    page.click("button[data-zoom=fit]")
    all_width = scroll.evaluate("s => s.querySelector('svg').getBoundingClientRect().width")
    context.close()
    assert room - 40 <= svg_width <= room
    assert all_width < svg_width, "fit all shrinks a tall tree further than fit width"


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_local_map_and_the_drawing(browser: Any, content_server: StaticServer, width: int) -> None:
    """For a person to look at: tests/artifacts/reader-<what>-<width>-<scheme>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    written: list[Path] = []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for name, path, selector in (
            ("local-map", THESIS, ".lm-section"),
            ("local-map-deep", DEEP_CLAIM, ".lm-section"),
            ("drawing", MAP, ".dm-section"),
            ("tag", "tags/security/", "#tag-claims + ul"),
            ("backlinks", "sources/badllama/", ".backlink-map"),
            ("search", "search/?q=misuse&side=con", "#search-results"),
        ):
            page.goto(content_server.url + path)
            if name == "search":
                page.wait_for_selector("#search-status:not(:empty)")
            target = ARTIFACTS / f"reader-{name}-{width}-{scheme}.png"
            page.locator(selector).first.screenshot(path=str(target), timeout=120_000)  # slow on a busy machine
            written.append(target)
        context.close()
    assert all(p.stat().st_size > 3000 for p in written)
