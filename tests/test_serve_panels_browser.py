"""In Chromium at 1280 and 390 px: the errors panel minimises from the keyboard and stays so,
a long source line scrolls sideways with the caret under its column, the warnings wait in a
closed panel, and "fixed" shows when the errors go. Screenshots of each state go to
tests/artifacts/serve-*.png (git-ignored) for a person to look at."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debatemap.serve import Preview

from .helpers import minimal_site

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
UNUSED = "title: Unused {n}\nurl: https://example.org/unused-{n}\npublished: 2024-01-01\n"
LONG_LINE = "said at such length that this line is far wider than a phone held upright. key: value"
"""A plain scalar with ': ' in it: an error at a column well off a phone's screen."""
WAIT = 20_000


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    extra = {f"sources/unused-{n}.yaml": UNUSED.format(n=n) for n in range(3)}
    served = Preview(minimal_site(tmp_path / "content", extra), port=0, log=io.StringIO())
    served.start()
    yield served
    served.close()


def _shot(page: Any, name: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"serve-{name}-{width}.png"))


def _break(preview: Preview) -> str:
    map_file = preview.content_root / "maps" / "open.yaml"
    good = map_file.read_text()
    map_file.write_text(good.replace("Open weights enable misuse.", f"Open weights enable misuse, {LONG_LINE}", 1))
    return good


@pytest.mark.parametrize("width", [1280, 390])
def test_the_panels_at_each_width(preview: Preview, browser: Any, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        page.goto(preview.url + "claims/misuse-risk/")
        summary = page.locator("#debatemap-warnings summary")
        assert "3 warnings" in summary.inner_text()
        assert not page.evaluate("document.getElementById('debatemap-warnings').open")
        assert page.locator("#debatemap-warnings").bounding_box()["height"] < 60  # out of the page's way
        _shot(page, "warnings-closed", width)
        summary.click()
        assert "unused-source" in page.inner_text("#debatemap-warnings .dm-list")
        _shot(page, "warnings-open", width)
        summary.click()
        page.wait_for_timeout(300)  # the event stream connects

        good = _break(preview)
        page.wait_for_selector("#debatemap-errors", timeout=WAIT)
        panel = page.locator("#debatemap-errors")
        assert "yaml-syntax" in panel.inner_text()
        _shot(page, "errors", width)

        # The caret stays under its column: the source line scrolls rather than wraps.
        geometry = page.evaluate(
            """() => {
              const pre = document.querySelector('#debatemap-errors pre');
              const text = pre.firstChild;
              const lines = text.data.split('\\n');
              const at = (line, column) => {
                let offset = 0;
                for (let i = 0; i < line; i++) offset += lines[i].length + 1;
                const range = document.createRange();
                range.setStart(text, offset + column);
                range.setEnd(text, offset + column + 1);
                return range.getBoundingClientRect();
              };
              const source = lines.findIndex(l => l.includes('key: value'));
              const caret = lines[source + 1].indexOf('^');
              return {
                wraps: getComputedStyle(pre).whiteSpace !== 'pre',
                scrolls: pre.scrollWidth > pre.clientWidth,
                caretX: at(source + 1, caret).left, columnX: at(source, caret).left,
                caretUnder: lines[source].slice(caret - 3, caret + 1),
                caretShown: (r => r.left >= pre.getBoundingClientRect().left && r.right <= pre.getBoundingClientRect().right)(
                  at(source + 1, caret)),
              };
            }"""
        )
        assert not geometry["wraps"] and geometry["caretUnder"] == "key:" and geometry["caretShown"]
        assert abs(geometry["caretX"] - geometry["columnX"]) < 1
        if width == 390:
            assert geometry["scrolls"]

        # Minimised from the keyboard, and still minimised on the next page.
        tall = panel.bounding_box()["height"]
        page.focus("#debatemap-errors summary")
        page.keyboard.press("Enter")
        assert not page.evaluate("document.querySelector('#debatemap-errors details').open")
        assert panel.bounding_box()["height"] < min(tall, 90)
        assert "Show" in page.inner_text("#debatemap-errors summary")
        _shot(page, "errors-minimised", width)
        page.goto(preview.url + "claims/faster-innovation/")
        assert not page.evaluate("document.querySelector('#debatemap-errors details').open")
        page.wait_for_timeout(300)

        (preview.content_root / "maps" / "open.yaml").write_text(good)
        page.wait_for_selector("#debatemap-fixed", timeout=WAIT)
        assert "Fixed" in page.inner_text("#debatemap-fixed")
        assert page.locator("#debatemap-errors").count() == 0
        _shot(page, "fixed", width)
    finally:
        context.close()
