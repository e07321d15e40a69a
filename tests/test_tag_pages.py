"""A tag's listing is split into pages, so a tag on thousands of claims stays a readable page."""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.pipeline import load_site

from .conftest import CONTENT, PAGED_SIZE
from .helpers import BADGES


def _tag_pages(site_root: Path, tag: str) -> list[str]:
    first = site_root / "tags" / tag / "index.html"
    more = sorted((site_root / "tags" / tag / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [p.read_text(encoding="utf-8") for p in (first, *more)]


def _claim_links(html: str) -> list[str]:
    section = html.split('id="tag-claims"', 1)[1].split("</section>", 1)[0] if 'id="tag-claims"' in html else ""
    # each entry's own link, after its stance badges (the links under it name what it answers)
    return re.findall(r"<li>" + BADGES + r'<a href="\.\./(?:\.\./\.\./)?\.\./claims/([^/"]+)/"', section)


def test_every_claim_of_a_tag_is_on_exactly_one_of_its_pages_in_order(paged_site: Path) -> None:
    site = load_site(CONTENT).site
    split = 0
    for tag, entry in site.tags.items():
        pages = _tag_pages(paged_site, tag)
        expected_pages = max(1, -(-max(len(entry.claims), len(entry.sources)) // PAGED_SIZE))
        assert len(pages) == expected_pages, tag
        assert [c for html in pages for c in _claim_links(html)] == list(entry.claims), tag
        titles = [re.search(r"<title>([^<]*)</title>", html).group(1) for html in pages]  # type: ignore[union-attr]
        assert len(set(titles)) == len(titles), tag
        if entry.maps:
            assert 'id="tag-maps"' in pages[0] and all('id="tag-maps"' not in html for html in pages[1:]), tag
        split += len(pages) > 1
    assert split >= 5, "the content should have several tags long enough to split"


def test_each_page_links_to_its_neighbours_and_marks_itself(paged_site: Path) -> None:
    site = load_site(CONTENT).site
    tag = max(site.tags, key=lambda t: len(site.tags[t].claims))
    pages = _tag_pages(paged_site, tag)
    assert len(pages) >= 3
    middle = pages[1]
    assert f'href="../../../../tags/{tag}/" rel="prev"' in middle
    assert f'href="../../../../tags/{tag}/page/3/" rel="next"' in middle
    assert re.search(r'aria-current="page"><span class="visually-hidden">Page </span>2<', middle)
    assert f"Page 2 of {len(pages)}" in middle
    assert 'rel="prev"' not in pages[0] and 'rel="next"' not in pages[-1]


def test_a_tag_that_fits_on_one_page_has_no_page_links(content_site: Path) -> None:
    site = load_site(CONTENT).site
    for tag in site.tags:
        html = (content_site / "tags" / tag / "index.html").read_text(encoding="utf-8")
        assert 'class="pager"' not in html and not (content_site / "tags" / tag / "page").exists()
