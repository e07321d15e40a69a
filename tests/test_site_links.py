"""Crawl a built site as a reader's browser would: every page exists, every link lands.

Over the real content and the golden sample: every map, claim, source, tag and page of the model
has its page; every internal link and ``#fragment`` resolves to a file and an element id; every
page can be reached from the home page by following links; canonical URLs and the sitemap name
real pages.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from debatemap.build import build
from debatemap.pipeline import load_site

from .conftest import CONTENT
from .golden import CONTENT as GOLDEN_CONTENT

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "form": "action"}


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(tag, url) for every link-like attribute, in document order."""
    canonical: str | None = None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.page.links.append((tag, values[attribute]))
        if tag == "link" and values.get("rel") == "canonical":
            self.page.canonical = values.get("href")


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


class Crawl:
    """A built site read from disk, with links resolved against the public base URL's path."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url
        self.base_path = urlsplit(base_url).path or "/"
        self.pages = {p.relative_to(root).as_posix(): parse(p) for p in sorted(root.rglob("*.html"))}

    def target(self, page: str, href: str) -> tuple[str, str] | None:
        """(file, fragment) an internal link points to; None for a link that leaves the site."""
        here = "http://site" + self.base_path + page
        url = urlsplit(urljoin(here, href))
        if url.scheme not in ("http", "https") or url.netloc != "site":
            return None
        path = unquote(url.path)
        assert path.startswith(self.base_path), f"{page}: {href!r} leaves the site's base path {self.base_path}"
        name = path[len(self.base_path) :]
        if name == "" or name.endswith("/"):
            name += "index.html"
        return posixpath.normpath(name), url.fragment

    def from_public(self, url: str) -> str:
        """The file an absolute public URL (canonical, sitemap) names."""
        assert url.startswith(self.base_url), f"{url} is not under {self.base_url}"
        name = url[len(self.base_url) :]
        return name + "index.html" if name == "" or name.endswith("/") else name

    def broken_links(self) -> list[str]:
        problems = []
        for page, parsed in self.pages.items():
            for tag, href in parsed.links:
                if tag == "link" and href == parsed.canonical:
                    continue  # absolute: checked against the base URL by its own test
                target = self.target(page, href)
                if target is None:
                    continue
                name, fragment = target
                if not (self.root / name).is_file():
                    problems.append(f"{page}: <{tag}> {href!r} -> missing file {name}")
                elif fragment and name.endswith(".html") and fragment not in self.pages[name].ids:
                    problems.append(f"{page}: <{tag}> {href!r} -> no id {fragment!r} in {name}")
        return problems

    def reachable(self, start: str = "index.html") -> set[str]:
        seen = {start}
        queue = [start]
        while queue:
            page = queue.pop()
            for tag, href in self.pages[page].links:
                # A reader moves by links, and by forms such as the header's search box.
                target = self.target(page, href) if tag in ("a", "form") else None
                if target and target[0].endswith(".html") and target[0] in self.pages and target[0] not in seen:
                    seen.add(target[0])
                    queue.append(target[0])
        return seen


@pytest.fixture(scope="module", params=["content", "golden", "paged"])
def crawl(
    request: pytest.FixtureRequest, content_site: Path, paged_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Crawl, Path]:
    if request.param in ("content", "paged"):
        root, source = (content_site if request.param == "content" else paged_site), CONTENT
    else:
        root, source = tmp_path_factory.mktemp("golden") / "site", GOLDEN_CONTENT
        build(source, root)
    base_url = load_site(source).site.config.base_url
    assert base_url
    return Crawl(root, base_url), source


def test_every_object_of_the_model_has_its_page(crawl: tuple[Crawl, Path]) -> None:
    site_crawl, source = crawl
    site = load_site(source).site
    expected = {"index.html", "maps/index.html", "sources/index.html", "tags/index.html", "404.html"}
    expected |= {f"maps/{m}/index.html" for m in site.maps}
    expected |= {f"maps/{m}/balance/index.html" for m in site.maps}
    expected |= {f"claims/{c}/index.html" for c in site.claims}
    expected |= {f"sources/{s}/index.html" for s in site.sources}
    expected |= {f"tags/{t}/index.html" for t in site.tags}
    expected |= {f"{p}/index.html" for p in site.pages}
    missing = sorted(expected - site_crawl.pages.keys())
    assert not missing, f"pages missing: {missing}"
    assert site.claims and site.sources and site.tags and site.pages


def test_every_internal_link_and_fragment_resolves(crawl: tuple[Crawl, Path]) -> None:
    site_crawl, _ = crawl
    assert sum(len(p.links) for p in site_crawl.pages.values()) > 100
    problems = site_crawl.broken_links()
    assert not problems, "\n".join(problems[:30])


def test_no_page_is_orphaned(crawl: tuple[Crawl, Path]) -> None:
    site_crawl, _ = crawl
    orphans = sorted(site_crawl.pages.keys() - site_crawl.reachable() - {"404.html"})
    assert not orphans, f"not reachable from the home page: {orphans}"


def test_canonical_urls_name_the_page_itself(crawl: tuple[Crawl, Path]) -> None:
    site_crawl, _ = crawl
    for page, parsed in site_crawl.pages.items():
        if page == "404.html":
            assert parsed.canonical is None, "a 404 page served at any path must not claim one URL"
            continue
        assert parsed.canonical is not None, f"{page} has no canonical link"
        assert site_crawl.from_public(parsed.canonical) == page


def test_sitemap_lists_every_page_and_only_real_pages(crawl: tuple[Crawl, Path]) -> None:
    site_crawl, _ = crawl
    sitemap = (site_crawl.root / "sitemap.xml").read_text(encoding="utf-8")
    listed = [site_crawl.from_public(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert len(listed) == len(set(listed))
    assert set(listed) == site_crawl.pages.keys() - {"404.html"}
    dates = re.findall(r"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>", sitemap)
    assert len(dates) == len(listed)


def test_the_crawler_reports_a_broken_link_and_a_missing_fragment(tmp_path: Path) -> None:
    """The crawler itself can fail: a dead link and a dead fragment are both reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">a</a> <a href="missing/">x</a> <a href="a/#nowhere">y</a>')
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../#top">home</a></p>')
    problems = Crawl(tmp_path, "https://example.org/").broken_links()
    assert any("missing file missing/index.html" in p for p in problems)
    assert any("no id 'nowhere'" in p for p in problems)
    assert any("no id 'top'" in p for p in problems)
