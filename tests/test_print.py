"""Printing in Chromium (page.pdf, A4): a map page prints its outline, with no blank page and
nothing cut at the margin; the drawing is scaled to the page when it stays legible there and
otherwise left out with a note saying where it is; a claim page prints its local map whole.

The PDFs are read with pypdf: each page's text (a page with none is blank) and where each
glyph starts (one that starts in the right margin is cut off). They are kept in
tests/artifacts/print-*.pdf for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debatemap.build import build
from debatemap.render import drawing

from .conftest import REPO, StaticServer
from .helpers import minimal_site

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
MARGIN_PT = 15 / 25.4 * 72
"""The theme's @page margin, 15 mm, in PDF points."""


def read_pdf(path: Path) -> list[tuple[str, float, float]]:
    """Each page's text, the right-most start of a glyph on it and the page's width (points)."""
    from pypdf import PdfReader  # noqa: PLC0415 - a test dependency

    pages = []
    for page in PdfReader(path).pages:
        starts: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any, starts: list[float] = starts) -> None:
            if text.strip():
                starts.append(tm[4] * cm[0] + cm[4])

        text = page.extract_text(visitor_text=visit)
        pages.append((text, max(starts, default=0.0), float(page.mediabox.width)))
    return pages


@pytest.fixture(scope="module")
def printer(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def print_pdf(printer: Any, url: str, name: str) -> list[tuple[str, float, float]]:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"print-{name}.pdf"
    printer.goto(url)
    printer.pdf(path=str(target), format="A4")
    return read_pdf(target)


def assert_prints_cleanly(pages: list[tuple[str, float, float]], what: str) -> None:
    blank = [n + 1 for n, (text, _, _) in enumerate(pages) if len(text.strip()) < 20]
    assert not blank, f"{what}: pages {blank} of {len(pages)} are blank"
    cut = [n + 1 for n, (_, right, width) in enumerate(pages) if right > width - MARGIN_PT / 2]
    assert not cut, f"{what}: text runs into the right margin on pages {cut}"


def test_a_big_map_prints_its_outline_without_blank_pages_and_leaves_the_drawing_out_with_a_note(
    printer: Any, content_server: StaticServer
) -> None:
    pages = print_pdf(printer, content_server.url + "maps/open-weights/", "map")
    assert_prints_cleanly(pages, "the map page")
    text = " ".join(page for page, _, _ in pages)
    assert "too wide to print" in text and "maps/open-weights/map.svg" in text
    assert "The whole debate" in text
    assert printer.locator("figure[data-drawing]").evaluate("f => getComputedStyle(f).display") != "none", "on screen it stays"
    # the drawing's section (overview and note) costs at most a page: it cost three, one blank
    printer.locator(".dm-section").evaluate("s => s.remove()")
    printer.pdf(path=str(ARTIFACTS / "print-map-without-drawing.pdf"), format="A4")
    without = read_pdf(ARTIFACTS / "print-map-without-drawing.pdf")
    assert len(pages) <= len(without) + 1, f"{len(pages)} pages, {len(without)} without the drawing"


def test_a_claim_page_prints_its_local_map_whole(printer: Any, content_server: StaticServer) -> None:
    pages = print_pdf(printer, content_server.url + "claims/release-frontier-weights/", "claim")
    assert_prints_cleanly(pages, "the claim page")
    assert "Where this claim sits" in pages[0][0] or "Where this claim sits" in pages[1][0]


def test_a_small_map_prints_its_drawing_scaled_to_the_page(printer: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = minimal_site(tmp_path_factory.mktemp("small") / "content")
    out = root.parent / "site"
    build(root, out)
    server = StaticServer(out)
    try:
        pages = print_pdf(printer, server.url + "maps/open/", "small-map")
    finally:
        server.close()
    assert_prints_cleanly(pages, "the small map page")
    text = " ".join(page for page, _, _ in pages)
    assert "too wide to print" not in text
    assert text.count("Open weights enable misuse.") >= 3, "the drawing's boxes print, besides the columns and the outline"


def test_whether_a_drawing_prints_follows_its_size_at_the_smallest_legible_scale() -> None:
    assert drawing.printable(912, 600), "three columns, a short tree"
    assert not drawing.printable(1576, 3089), "the real map: 0.22 of its size to fit a page"
    assert not drawing.printable(680, 4000), "narrow but many pages tall"
