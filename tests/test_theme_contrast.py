"""WCAG AA contrast of the default theme's palette, in the light and the dark scheme.

The palette lives in CSS custom properties (``:root`` and a ``prefers-color-scheme: dark``
override); every pair of a foreground the theme draws text in and the background it draws it
on must reach 4.5:1, the AA level for body text. Stance badges count: they are text.
"""

from __future__ import annotations

import re

import pytest

from .conftest import REPO

STYLESHEET = REPO / "themes" / "default" / "static" / "style.css"
AA_TEXT = 4.5
AA_NON_TEXT = 3.0

TEXT_PAIRS = [
    # body text, secondary text and links on every surface they appear on
    *[(fg, bg) for fg in ("text", "muted", "link", "link-visited") for bg in ("bg", "surface", "surface-2", "thesis-bg")],
    # stance colours: badges on their tints, counts and column headings on page and cards
    *[(fg, bg) for fg in ("pro", "con") for bg in (f"{fg}-bg", "bg", "surface")],
    ("thesis", "thesis-bg"),
    ("thesis", "surface"),
    # body text on the tinted backgrounds (a targeted outline row, the thesis box)
    ("text", "pro-bg"),
    ("text", "con-bg"),
    # the primary button: surface-coloured text on a link-coloured fill
    ("surface", "link"),
]
NON_TEXT_PAIRS = [("focus", "bg"), ("focus", "surface"), ("pro-edge", "surface"), ("con-edge", "surface")]

_COLOUR = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\s*;")


def _block(css: str, start: int) -> str:
    """The text of the ``{...}`` block whose opening brace is the first at or after ``start``."""
    depth, opened = 0, css.index("{", start)
    for index in range(opened, len(css)):
        depth += {"{": 1, "}": -1}.get(css[index], 0)
        if depth == 0:
            return css[opened + 1 : index]
    raise ValueError("unbalanced braces")


def palettes(css: str) -> dict[str, dict[str, str]]:
    light = dict(_COLOUR.findall(_block(css, css.index(":root"))))
    media = css.index("prefers-color-scheme: dark")
    dark_root = _block(css, css.index(":root", media))
    return {"light": light, "dark": {**light, **dict(_COLOUR.findall(dark_root))}}


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PALETTES = palettes(STYLESHEET.read_text(encoding="utf-8"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_reach_aa_contrast(scheme: str) -> None:
    palette = PALETTES[scheme]
    failures = [
        f"{fg} on {bg}: {contrast(palette[fg], palette[bg]):.2f}:1"
        for fg, bg in TEXT_PAIRS
        if contrast(palette[fg], palette[bg]) < AA_TEXT
    ]
    assert not failures, f"{scheme} scheme below {AA_TEXT}:1: {failures}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_and_stance_edges_reach_non_text_contrast(scheme: str) -> None:
    palette = PALETTES[scheme]
    failures = [f"{fg} on {bg}" for fg, bg in NON_TEXT_PAIRS if contrast(palette[fg], palette[bg]) < AA_NON_TEXT]
    assert not failures, f"{scheme} scheme below {AA_NON_TEXT}:1: {failures}"


def test_dark_scheme_overrides_the_palette() -> None:
    """The dark block is found and changes the colours it should (the parse is not vacuous)."""
    light, dark = PALETTES["light"], PALETTES["dark"]
    for name in ("bg", "surface", "text", "muted", "link", "pro", "con", "thesis", "pro-bg", "con-bg", "thesis-bg"):
        assert name in light, f"--{name} is not declared in :root"
        assert light[name].lower() != dark[name].lower(), f"--{name} is the same in both schemes"


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey
    assert contrast("#fff", "#fff") == pytest.approx(1.0)


SEARCH_STYLESHEET = REPO / "themes" / "default" / "static" / "search.css"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_highlights_keep_every_text_colour_readable(scheme: str) -> None:
    """A matched word is marked inside titles (links), excerpts (text) and lines in muted grey:
    each must still read at 4.5:1 on the mark's background (dark was 3.0 to 3.3:1)."""
    marks = palettes(SEARCH_STYLESHEET.read_text(encoding="utf-8"))[scheme]
    palette = {**PALETTES[scheme], **marks}
    assert "search-mark" in marks, "--search-mark is not declared in search.css's :root"
    failures = [
        f"{fg} on search-mark: {contrast(palette[fg], palette['search-mark']):.2f}:1"
        for fg in ("text", "muted", "link", "link-visited")
        if contrast(palette[fg], palette["search-mark"]) < AA_TEXT
    ]
    assert not failures, f"{scheme} scheme below {AA_TEXT}:1: {failures}"
