"""In Chromium: a tab on a claim page reloads by itself after the YAML is saved, and stays on that page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debatemap.serve import Preview

from .helpers import minimal_site

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    served = Preview(minimal_site(tmp_path / "content"), port=0, log=io.StringIO())
    served.start()
    yield served
    served.close()


def test_claim_page_reloads_itself_after_a_save(preview: Preview, page: Any) -> None:
    url = preview.url + "claims/faster-innovation/"
    page.goto(url)
    assert "Open weights speed up innovation." in page.inner_text("h1")
    page.evaluate("window.notReloaded = true")
    page.wait_for_function("() => document.querySelector('script[src=\"/__debatemap/live.js\"]') !== null")
    page.wait_for_timeout(300)  # the event stream connects

    map_file = preview.content_root / "maps" / "open.yaml"
    map_file.write_text(
        map_file.read_text().replace("Open weights speed up innovation.", "Open weights speed up <em>science</em>.")
    )

    page.wait_for_function(
        "() => document.querySelector('h1').textContent.includes('speed up')"
        " && !document.querySelector('h1').textContent.includes('innovation')",
        timeout=20_000,
    )
    assert page.evaluate("window.notReloaded === undefined")  # a real reload, not a patch of the old page
    assert page.url == url
    assert "Open weights speed up <em>science</em>." in page.inner_text("h1")  # escaped, shown as typed


def test_errors_show_over_the_page_and_go_away_when_fixed(preview: Preview, page: Any) -> None:
    page.goto(preview.url + "claims/misuse-risk/")
    page.wait_for_timeout(300)
    map_file = preview.content_root / "maps" / "open.yaml"
    good = map_file.read_text()
    map_file.write_text(good.replace("  cons:\n", "  cons:\n    - ref: misuse-rsk\n", 1))
    page.wait_for_selector("#debatemap-errors", timeout=20_000)
    panel = page.inner_text("#debatemap-errors")
    assert "unknown-ref" in panel and "maps/open.yaml:" in panel and "did you mean 'misuse-risk'?" in panel
    page.screenshot(path=str(preview.content_root.parent / "overlay.png"))
    map_file.write_text(good)
    page.wait_for_selector("#debatemap-errors", state="detached", timeout=20_000)
    assert "Open weights enable misuse." in page.inner_text("h1")
