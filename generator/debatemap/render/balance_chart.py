"""The balance page's chart: a diverging bar chart drawn as inline SVG at build time.

One row per level of the map (and one for all levels): claims opposing the thesis run left of
the centre line, claims supporting it run right, each bar labelled with its count, so the
chart reads without colour and without JavaScript. Colours are the theme's custom properties
(balance.css), so the dark scheme follows. The table under the chart is its text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..editorial.figures import Level, SideCounts

WIDTH = 520
ROW = 30
BAR = 18
LABEL = 78
"""Room on the left for the row labels."""
NUMBER = 34
"""Room beyond the longest bar for its count."""
TOP = 28
"""Room above the rows for the two side labels."""


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    supporting: int
    opposing: int


def rows(counts: SideCounts, levels: tuple[Level, ...]) -> list[Row]:
    return [
        Row("All levels", counts.supporting, counts.opposing),
        *(Row(f"Level {lv.level}", lv.supporting, lv.opposing) for lv in levels),
    ]


def chart(counts: SideCounts, levels: tuple[Level, ...], *, title_id: str, desc_id: str) -> Markup:
    shown = rows(counts, levels)
    largest = max((max(r.supporting, r.opposing) for r in shown), default=0) or 1
    centre = LABEL + (WIDTH - LABEL) / 2
    half = (WIDTH - LABEL) / 2 - NUMBER
    height = TOP + ROW * len(shown) + 6
    out = [
        f'<svg class="balance-chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">Claims for and against the thesis, by level</title>',
        f'<desc id="{desc_id}">{escape(_describe(counts))}</desc>',
        f'<text class="bal-head" x="{centre - 8:.0f}" y="16" text-anchor="end">\u25c0 Opposing</text>',
        f'<text class="bal-head" x="{centre + 8:.0f}" y="16">Supporting \u25b6</text>',
    ]
    for index, row in enumerate(shown):
        y = TOP + ROW * index
        middle = y + BAR / 2 + 4.5
        out.append(f'<text class="bal-label" x="0" y="{middle:.1f}">{escape(row.label)}</text>')
        for side, count in (("con", row.opposing), ("pro", row.supporting)):
            length = half * count / largest
            x = centre - length if side == "con" else centre
            if count:
                out.append(f'<rect class="bal-{side}" x="{x:.1f}" y="{y}" width="{length:.1f}" height="{BAR}" rx="2"/>')
            number_x = centre - length - 5 if side == "con" else centre + length + 5
            anchor = ' text-anchor="end"' if side == "con" else ""
            out.append(f'<text class="bal-count" x="{number_x:.1f}" y="{middle:.1f}"{anchor}>{count}</text>')
    out.append(f'<line class="bal-axis" x1="{centre:.0f}" y1="{TOP - 4}" x2="{centre:.0f}" y2="{height - 2}"/>')
    out.append("</svg>")
    return Markup("\n".join(out))  # noqa: S704 - labels escaped, the rest numbers


def _describe(counts: SideCounts) -> str:
    both = f", and {counts.both} on both sides" if counts.both else ""
    return (
        f"{counts.supporting} claims support the thesis and {counts.opposing} oppose it{both}; "
        f"the smaller side is {round(counts.balance * 100)} % of the larger. The table below gives every level."
    )
