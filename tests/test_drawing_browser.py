"""The drawn map in Chromium: the text fits as measured, it works with JavaScript off, and
drawing.js zooms, pans, folds branches (laying the tree out again), moves focus with the arrow
keys and exports a PNG.

Screenshots of the biggest map's drawing at desktop and phone widths, with and without
JavaScript, go to tests/artifacts/drawing-*.png (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debatemap.render.drawing import BOX
from debatemap.render.drawing_font import FONT_FAMILY, text_width

from .conftest import REPO, StaticServer

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"

BOXES_JS = """() => Array.from(document.querySelectorAll('figure[data-drawing] svg.dm-svg .dm-n'))
  .filter(n => n.getClientRects().length)
  .map(n => { const t = n.transform.baseVal.consolidate().matrix, r = n.querySelector('rect');
              return {id: n.querySelector('a').getAttribute('href'), x: t.e, y: t.f,
                      w: r.width.baseVal.value, h: r.height.baseVal.value}; })"""
"""Every visible box in the drawing's own coordinates (independent of zoom and scrolling)."""


def biggest_map(site: Path) -> str:
    maps = sorted(p.parent.name for p in site.glob("maps/*/index.html"))
    return max(maps, key=lambda m: ((site / "maps" / m / "map.svg").stat().st_size, m))


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def open_map(tab: Any, server: StaticServer, site: Path) -> None:
    tab.goto(f"{server.url}maps/{biggest_map(site)}/")
    tab.wait_for_selector("[data-drawing-tools]:not([hidden])")


def overlapping(boxes: list[dict[str, float]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] < b["x"] + b["w"] - 0.5
                and b["x"] < a["x"] + a["w"] - 0.5
                and a["y"] < b["y"] + b["h"] - 0.5
                and b["y"] < a["y"] + a["h"] - 0.5
            ):
                found.append((str(a["id"]), str(b["id"])))
    return found


def test_chromium_measures_text_as_the_width_table_does(browser: Any) -> None:
    """Wrapping is computed without a browser; Chromium with DejaVu Sans must agree with it."""
    samples = [
        "Open weights let anyone build on a model, which speeds up innovation.",
        "Meta's Llama 3.1 licence (700M MAU) — “open” or not? Ünïcödé & ΣΩ, Кириллица.",
        "WWWWWWWWWW iiiiiiiiii 0123456789",
    ]
    context = browser.new_context()
    page = context.new_page()
    texts = "".join(f'<text id="t{i}" y="{20 * i + 20}">{s.replace("&", "&amp;")}</text>' for i, s in enumerate(samples))
    bold = "".join(
        f'<text id="b{i}" y="{20 * i + 100}" font-weight="700">{s.replace("&", "&amp;")}</text>' for i, s in enumerate(samples)
    )
    page.set_content(f"<svg xmlns='http://www.w3.org/2000/svg' font-family='{FONT_FAMILY}' font-size='13'>{texts}{bold}</svg>")
    for i, sample in enumerate(samples):
        measured = page.evaluate(f"document.getElementById('t{i}').getComputedTextLength()")
        assert measured == pytest.approx(text_width(sample, 13), rel=0.015), sample
        measured = page.evaluate(f"document.getElementById('b{i}').getComputedTextLength()")
        assert measured == pytest.approx(text_width(sample, 13, bold=True), rel=0.015), sample
    context.close()


def test_the_drawing_works_with_javascript_off(browser: Any, content_server: StaticServer, content_site: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{content_server.url}maps/{biggest_map(content_site)}/")
        assert page.locator("[data-drawing-tools]").is_hidden()
        assert page.locator(".dm-toggle").count() == 0
        scroll = page.locator("[data-drawing-scroll]")
        sizes = scroll.evaluate("s => [s.scrollWidth, s.clientWidth]")
        assert sizes[0] > sizes[1]  # the drawing keeps its size (readable) and scrolls in its box
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page itself does not
        size = page.locator(".dm-t").first.evaluate("t => getComputedStyle(t).fontSize")
        assert size == f"{BOX.font_size}px"
        scroll.evaluate("s => s.scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / f"drawing-{width}-nojs.png"))
        first = page.locator("figure[data-drawing] .dm-pro .dm-n > a").first
        href = first.get_attribute("href")
        first.click()
        page.wait_for_url(f"**/{href.removeprefix('../../')}")
        context.close()


def test_screenshots_of_the_biggest_map_at_desktop_and_phone_widths(
    browser: Any, content_server: StaticServer, content_site: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        open_map(page, content_server, content_site)
        page.locator(".dm-section").evaluate("s => s.scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / f"drawing-{width}.png"))
        page.click("button[data-zoom=fit]")
        page.locator("figure[data-drawing]").evaluate("f => f.scrollIntoView()")
        page.screenshot(path=str(ARTIFACTS / f"drawing-{width}-fit.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()


def test_zoom_buttons_and_ctrl_wheel_resize_the_drawing(tab: Any, content_server: StaticServer, content_site: Path) -> None:
    open_map(tab, content_server, content_site)
    svg = tab.locator("figure[data-drawing] svg.dm-svg")
    natural = svg.evaluate("s => s.viewBox.baseVal.width")
    assert svg.evaluate("s => s.getBoundingClientRect().width") == pytest.approx(natural, abs=0.5)
    tab.click("button[data-zoom=in]")
    assert svg.evaluate("s => s.getBoundingClientRect().width") == pytest.approx(natural * 1.25, abs=0.5)
    tab.click("button[data-zoom=out]")
    tab.click("button[data-zoom=out]")
    assert svg.evaluate("s => s.getBoundingClientRect().width") == pytest.approx(natural / 1.25, abs=0.5)
    tab.click("button[data-zoom=reset]")
    tab.locator("[data-drawing-scroll]").scroll_into_view_if_needed()
    box = tab.locator("[data-drawing-scroll]").bounding_box()
    tab.mouse.move(box["x"] + 200, box["y"] + 200)
    tab.keyboard.down("Control")
    tab.mouse.wheel(0, -100)
    tab.keyboard.up("Control")
    assert svg.evaluate("s => s.getBoundingClientRect().width") == pytest.approx(natural * 1.25, abs=0.5)
    tab.click("button[data-zoom=fit]")
    fitted = svg.evaluate("s => s.getBoundingClientRect().width")
    assert fitted < natural and fitted <= tab.locator("[data-drawing-scroll]").evaluate("s => s.clientWidth")


def test_dragging_pans_the_drawing(tab: Any, content_server: StaticServer, content_site: Path) -> None:
    open_map(tab, content_server, content_site)
    scroll = tab.locator("[data-drawing-scroll]")
    scroll.scroll_into_view_if_needed()
    box = scroll.bounding_box()
    start = (box["x"] + box["width"] - 60, box["y"] + box["height"] - 40)  # empty space under the thesis
    tab.mouse.move(*start)
    tab.mouse.down()
    tab.mouse.move(start[0] - 150, start[1] - 200, steps=8)
    tab.mouse.up()
    left, top = scroll.evaluate("s => [s.scrollLeft, s.scrollTop]")
    assert left == pytest.approx(150, abs=2) and top == pytest.approx(200, abs=2)
    assert tab.url.endswith(f"maps/{biggest_map(content_site)}/")  # a drag is not a click on a box


def test_collapsing_a_branch_hides_it_and_closes_the_gap_and_expanding_restores_the_layout(
    tab: Any, content_server: StaticServer, content_site: Path
) -> None:
    open_map(tab, content_server, content_site)
    before = tab.evaluate(BOXES_JS)
    assert overlapping(before) == []
    # drawing.js lays the tree out again on load: exactly where the build put every box.
    page_html = (content_site / "maps" / biggest_map(content_site) / "index.html").read_text()
    drawn = page_html[page_html.index('<svg xmlns="http://www.w3.org/2000/svg" class="dm-svg"') :]
    built = re.findall(r'class="dm-n[^"]*"(?: id="[^"]*")? transform="translate\((\d+) (\d+)\)"><a href="([^"]+)"', drawn)
    assert [(href, int(x), int(y)) for x, y, href in built] == [(b["id"], b["x"], b["y"]) for b in before]
    height = tab.locator("figure[data-drawing] svg.dm-svg").evaluate("s => s.viewBox.baseVal.height")
    # The thesis's first reply with replies of its own.
    toggle = tab.locator("figure[data-drawing] .dm-thesis > .dm-kids > .dm-sub > .dm-n > .dm-toggle").first
    assert toggle.get_attribute("aria-expanded") == "true"
    hidden = int(toggle.evaluate("t => t.closest('.dm-sub').querySelectorAll(':scope > .dm-kids .dm-n').length"))
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-label", timeout=1000).startswith("Expand the ")
    folded = tab.evaluate(BOXES_JS)
    assert len(folded) == len(before) - hidden
    assert overlapping(folded) == []
    assert tab.locator("figure[data-drawing] svg.dm-svg").evaluate("s => s.viewBox.baseVal.height") < height
    toggle.click()
    assert tab.evaluate(BOXES_JS) == before
    tab.click("button[data-branches=collapse]")
    top_level = tab.evaluate(BOXES_JS)
    assert len(top_level) == 1 + tab.locator("figure[data-drawing] .dm-thesis > .dm-kids > .dm-sub").count()
    assert overlapping(top_level) == []
    tab.click("button[data-branches=expand]")
    assert sorted(map(str, tab.evaluate(BOXES_JS))) == sorted(map(str, before))


def test_the_keyboard_folds_branches_and_arrow_keys_move_between_boxes(
    tab: Any, content_server: StaticServer, content_site: Path
) -> None:
    open_map(tab, content_server, content_site)
    thesis = tab.locator("figure[data-drawing] .dm-thesis > .dm-n > a")
    thesis.focus()

    def focused() -> str:
        return str(tab.evaluate("document.activeElement.getAttribute('href')"))

    kids = tab.locator("figure[data-drawing] .dm-thesis > .dm-kids > .dm-sub > .dm-n > a")
    tab.keyboard.press("ArrowRight")
    assert focused() == kids.nth(0).get_attribute("href")
    tab.keyboard.press("ArrowDown")
    assert focused() == kids.nth(1).get_attribute("href")
    tab.keyboard.press("ArrowUp")
    tab.keyboard.press("ArrowLeft")
    assert focused() == thesis.get_attribute("href")
    tab.keyboard.press("Tab")  # the thesis's own toggle comes after its box
    assert tab.evaluate("document.activeElement.getAttribute('class')") == "dm-toggle"
    tab.keyboard.press("Enter")
    assert tab.locator("figure[data-drawing] .dm-thesis").evaluate("s => s.classList.contains('dm-collapsed')")
    assert len(tab.evaluate(BOXES_JS)) == 1
    tab.keyboard.press(" ")
    assert len(tab.evaluate(BOXES_JS)) > 1


def test_a_repeat_marker_opens_and_focuses_the_full_appearance(
    tab: Any, content_server: StaticServer, content_site: Path
) -> None:
    open_map(tab, content_server, content_site)
    marker = tab.locator("figure[data-drawing] .dm-see").first
    target = str(marker.get_attribute("href"))
    tab.click("button[data-branches=collapse]")
    tab.goto(f"{tab.url.split('#')[0]}{target}")
    full = tab.locator(f"figure[data-drawing] {target}")
    assert full.evaluate("n => n.getClientRects().length") > 0
    assert tab.evaluate("document.activeElement.closest('.dm-n') && document.activeElement.closest('.dm-n').id") == target[1:]


def test_the_png_export_downloads_a_picture_of_the_drawing(tab: Any, content_server: StaticServer, content_site: Path) -> None:
    open_map(tab, content_server, content_site)
    button = tab.locator("[data-png-export] button")
    assert button.is_visible()
    with tab.expect_download() as info:
        button.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width > 1000 and info.value.suggested_filename == f"{biggest_map(content_site)}.png"
