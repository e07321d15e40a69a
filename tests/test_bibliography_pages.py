"""The bibliography is split into pages and sorted on the server, one set of pages per column.

A 100,000-claim site cites about 12,500 sources; as one page that was several megabytes, and a
script sorting it in the browser could only ever sort the page it was on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from debatemap.model import Source
from debatemap.pipeline import load_site
from debatemap.render.routes import SOURCE_ORDERS, sources_url
from debatemap.schema import SOURCE_RESERVED

from .conftest import CONTENT, PAGED_SIZE


def _pages(site_root: Path, order: str) -> list[str]:
    pages = []
    part = 1
    while (site_root / sources_url(order, part) / "index.html").is_file():
        pages.append((site_root / sources_url(order, part) / "index.html").read_text(encoding="utf-8"))
        part += 1
    return pages


def _listed(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<td><a href="(?:\.\./)+sources/([^/"]+)/">', body)


def _expected_orders() -> dict[str, list[str]]:
    """Each order worked out here from the content, independently of the renderer's sort."""
    site = load_site(CONTENT).site
    sources = list(site.sources.values())
    cited = {s.id: len(site.citing.get(s.id, ())) for s in sources}
    keys: dict[str, Callable[[Source], Any]] = {
        "title": lambda s: (s.title.lower(), s.id),
        "publisher": lambda s: (s.publisher is None, (s.publisher or "").lower(), s.title.lower(), s.id),
        "kind": lambda s: (s.kind is None, s.kind or "", s.title.lower(), s.id),
        "citations": lambda s: (-cited[s.id], s.title.lower(), s.id),
    }
    orders = {name: [s.id for s in sorted(sources, key=key)] for name, key in keys.items()}
    orders["date"] = [s.id for s in sorted(sources, key=lambda s: (s.published or "", s.id), reverse=True)]
    return orders


def test_every_source_is_on_exactly_one_page_of_each_order_in_that_order(paged_site: Path) -> None:
    expected = _expected_orders()
    assert set(expected) == set(SOURCE_ORDERS)
    for order, ids in expected.items():
        pages = _pages(paged_site, order)
        assert len(pages) == -(-len(ids) // PAGED_SIZE) > 1, order
        assert [s for html in pages for s in _listed(html)] == ids, order
        titles = [re.search(r"<title>([^<]*)</title>", html).group(1) for html in pages]  # type: ignore[union-attr]
        assert len(set(titles)) == len(titles), order
    assert expected["title"] != expected["date"] != expected["citations"], "the orders should differ on the real content"


def test_the_sorted_column_is_marked_and_every_heading_links_to_its_order(paged_site: Path) -> None:
    for order in SOURCE_ORDERS:
        for html in _pages(paged_site, order)[:2]:
            head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
            cells = re.findall(r"<th scope=\"col\"([^>]*)><a href=\"(?:\.\./)+([^\"]*)\">", head)
            columns = ("title", "publisher", "date", "kind", "citations")
            assert [link for _, link in cells] == [sources_url(o) for o in columns]
            marked = [link for attrs, link in cells if "aria-sort" in attrs]
            assert marked == [sources_url(order)], order


def test_pages_of_one_order_link_to_their_neighbours(paged_site: Path) -> None:
    pages = _pages(paged_site, "title")
    assert len(pages) >= 3
    middle = pages[1]
    assert 'href="../../../../sources/by-title/" rel="prev"' in middle
    assert 'href="../../../../sources/by-title/page/3/" rel="next"' in middle
    assert re.search(r'aria-current="page"><span class="visually-hidden">Page </span>2<', middle)
    assert f"Page 2 of {len(pages)}" in middle and "4\N{EN DASH}6 of" in middle


def test_a_bibliography_that_fits_on_one_page_has_no_page_links(content_site: Path) -> None:
    for order in SOURCE_ORDERS:
        html = (content_site / sources_url(order) / "index.html").read_text(encoding="utf-8")
        assert 'class="pager"' not in html
        assert not (content_site / sources_url(order) / "page").exists()
        assert len(_listed(html)) == len(list((CONTENT / "sources").glob("*.yaml")))


def test_no_source_id_can_take_the_url_of_a_bibliography_page() -> None:
    for order in SOURCE_ORDERS:
        for part in (1, 2):
            segment = sources_url(order, part).split("/")[1]
            assert segment == "" or segment in SOURCE_RESERVED, sources_url(order, part)
