"""Routes: which pages exist, where each is written, and relative links between them.

Every object has one stable, pretty URL (``maps/<id>/``, ``claims/<id>/``...). Links are made
relative to the page they appear on, so a site works unchanged under any base path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..graph import Site, TagEntry
from ..pickling import by_fields


@by_fields
@dataclass(frozen=True, slots=True, order=True)
class Route:
    """One output page: its kind (the template that renders it) and the object it shows."""

    url: str
    """Site-relative URL: '' for home, 'maps/x/' for a map, 'feed.xml' for a file."""
    kind: str
    key: str
    """The id of the map, claim, source, tag or page shown ('' for singletons)."""
    part: int = 1
    """Which page of a listing split over several (a tag's, the bibliography's, the maps index), from 1."""

    @property
    def output_path(self) -> str:
        return self.url + "index.html" if self.url == "" or self.url.endswith("/") else self.url


def map_url(map_id: str) -> str:
    return f"maps/{map_id}/"


def balance_url(map_id: str) -> str:
    """A map's balance page (``balance`` cannot be a claim of the map's folder: only pages live there)."""
    return f"maps/{map_id}/balance/"


def changes_url(map_id: str) -> str:
    """A map's Atom feed of changes from its git history, beside its page."""
    return f"maps/{map_id}/changes.xml"


MAP_DRAWING = "map.svg"
"""A map's drawing to download, written beside its page."""


@dataclass(frozen=True, slots=True)
class Download:
    """A map's export, written beside its page and linked from it."""

    format: str
    """The name ``debatemap export --format`` takes."""
    file: str
    suffix: str
    """What a saved copy's name ends with, after the map id."""
    media_type: str
    label: str
    note: str


MAP_EXPORTS = (
    Download("json", "map.json", ".json", "application/json", "The map as JSON", "debatemap's graph format"),
    Download("aif", "map.aif.json", ".aif.json", "application/json", "The map in AIF", "for AIFdb, OVA and other AIF tools"),
    Download("argdown", "map.argdown", ".argdown", "text/plain", "The map as Argdown", "for the Argdown editor and tools"),
)
"""A map's exports in every format (``interop``), in the order its page lists them."""


def maps_url(part: int = 1) -> str:
    """A page of the index of all maps (``maps/page/2/``...: ``schema.MAP_RESERVED`` keeps map ids off it)."""
    return "maps/" if part == 1 else f"maps/page/{part}/"


def claim_url(claim_id: str) -> str:
    return f"claims/{claim_id}/"


def source_url(source_id: str) -> str:
    return f"sources/{source_id}/"


def tag_url(tag: str, part: int = 1) -> str:
    return f"tags/{tag}/" if part == 1 else f"tags/{tag}/page/{part}/"


LISTING_PAGE_SIZE = 200
"""Rows per page of a long listing (a tag's claims and sources, the bibliography, the maps; the home
page shows as many maps and links to the rest): a tag on 5,000
claims of a 100,000-claim site reads as 25 pages of about 50 KB instead of one of over a megabyte,
and a save renders one of them again."""


def listing_parts(rows: int) -> int:
    """How many pages a listing of ``rows`` takes (at least one)."""
    return max(1, -(-rows // LISTING_PAGE_SIZE))


def tag_parts(entry: TagEntry) -> int:
    return listing_parts(max(len(entry.claims), len(entry.sources)))


SOURCE_ORDERS = ("date", "title", "publisher", "kind", "citations")
"""The bibliography's orders, one per column; the first is the default, at ``sources/``. Each
other order lives at ``sources/by-<order>/``, names that ``schema.SOURCE_RESERVED`` keeps
sources from taking."""


def sources_url(order: str = SOURCE_ORDERS[0], part: int = 1) -> str:
    """A page of the bibliography in one order."""
    base = "sources/" if order == SOURCE_ORDERS[0] else f"sources/by-{order}/"
    return base if part == 1 else f"{base}page/{part}/"


def page_url(slug: str) -> str:
    return f"{slug}/"


SEARCH_URL = "search/"
BIBTEX_URL = "cite.bib"
"""Every source of the site as BibTeX, for reference managers."""


NAV_URLS = {"maps": "", "sources": "sources/", "tags": "tags/", "search": "search/"}


def relative(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``, both site-relative."""
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    depth = from_dir.count("/") + (1 if from_dir and not from_dir.endswith("/") else 0)
    link = "../" * depth + to_url
    return link or "./"


SITEMAP_LIMIT = 50_000
"""The sitemap protocol's limit of URLs per file; a bigger site gets a sitemap index."""


def sitemap_part_url(number: int) -> str:
    return f"sitemap-{number}.xml"


def sitemap_parts(urls: int) -> range:
    """The numbers of the sitemap files that ``urls`` URLs need (1-based)."""
    return range(1, max(1, -(-urls // SITEMAP_LIMIT)) + 1)


def _order(route: Route) -> tuple[str, str, str]:
    """The dataclass's own order, as one key per route: sorting 100,000 routes by their generated
    ``__lt__`` built two tuples per comparison and took over a second."""
    return (route.url, route.kind, route.key)


def all_routes(site: Site) -> list[Route]:
    """Every output file of the site, in a stable order."""
    routes = page_routes(site)
    if site.config.base_url:  # both need absolute URLs
        routes.append(Route("feed.xml", "feed", ""))
        routes += [Route(changes_url(m), "changes", m) for m in site.history if m in site.maps]
        listed = sum(1 for r in routes if r.output_path.endswith(".html") and r.kind != "404")
        if listed <= SITEMAP_LIMIT:
            routes.append(Route("sitemap.xml", "sitemap", ""))
        else:
            routes.append(Route("sitemap.xml", "sitemap", "index"))
            routes += [Route(sitemap_part_url(n), "sitemap", str(n)) for n in sitemap_parts(listed)]
    return sorted(routes, key=_order)


def page_routes(site: Site) -> list[Route]:
    """The pages a reader can visit (and robots.txt, 404.html): everything but feed and sitemaps."""
    routes = [Route("", "home", "")]
    routes += [Route(maps_url(n), "maps", "", n) for n in range(1, listing_parts(len(site.maps)) + 1)]
    routes += [Route(map_url(m), "map", m) for m in site.maps]
    routes += [Route(balance_url(m), "balance", m) for m in site.maps]
    routes += [Route(claim_url(c), "claim", c) for c in site.claims]
    parts = range(1, listing_parts(len(site.sources)) + 1)
    routes += [Route(sources_url(order, n), "sources", order, n) for order in SOURCE_ORDERS for n in parts]
    routes += [Route(source_url(s), "source", s) for s in site.sources]
    routes.append(Route("tags/", "tags", ""))
    routes += [Route(tag_url(t, n), "tag", t, n) for t, entry in site.tags.items() for n in range(1, tag_parts(entry) + 1)]
    routes.append(Route(SEARCH_URL, "search", ""))
    routes += [Route(page_url(p), "page", p) for p in site.pages]
    routes += [Route("404.html", "404", ""), Route("robots.txt", "robots", ""), Route(BIBTEX_URL, "bibtex", "")]
    return sorted(routes, key=_order)
