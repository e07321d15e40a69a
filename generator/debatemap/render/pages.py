"""One context builder per page kind: what each template gets to show.

Builders read the model and the derived views; they never change either. The base context
(navigation, links, head metadata) is shared by every page.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from ..graph import Site
from ..model import Claim, DebateMap, Source
from . import routes, views
from .drawing import Drawings
from .markdown import at_root, plain_text, render_block, render_inline
from .routes import Route
from .search import search_page

Context = dict[str, Any]
SOURCE_ORDER_LABELS = {
    "title": ("Title", "A to Z", "ascending"),
    "publisher": ("Publisher", "A to Z", "ascending"),
    "date": ("Date", "newest first", "descending"),
    "kind": ("Kind", "A to Z", "ascending"),
    "citations": ("Cited by", "most cited first", "descending"),
}
"""Each bibliography order, in the table's column order: the column's heading, which way it sorts
in words and as ``aria-sort``."""
NAV_LABELS = {"maps": "Maps", "sources": "Sources", "tags": "Tags", "search": "Search"}
DESCRIPTION_LENGTH = 200
EPOCH_DATE = "1970-01-01"


def source_date() -> str:
    """The build's date when the content gives none: SOURCE_DATE_EPOCH (reproducible builds) or 1970."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return datetime.datetime.fromtimestamp(int(value), tz=datetime.timezone.utc).date().isoformat()
    return EPOCH_DATE


@dataclass(frozen=True, slots=True)
class ChildView:
    """A pro or con as listed under its parent, with its own counts so readers see depth."""

    claim: Claim
    stance: str
    pros: int
    cons: int


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


@dataclass(frozen=True, slots=True)
class SetUp:
    """Lookups made once per renderer. Serve counts what they read as the set-up's (a change
    there renders everything), so pages that start from fresh contexts may still share them.
    Keep it to what changes rarely: maps' theses, not their dates, which move with every edit."""

    by_thesis: dict[str, DebateMap]
    asset_versions: dict[str, str]


def set_up(site: Site, asset_versions: dict[str, str]) -> SetUp:
    return SetUp(views.thesis_maps(site), asset_versions)


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page sits in a listing split over several pages."""

    part: int
    """This page's number, from 1."""
    urls: list[str]
    """Every page's site-relative URL, in order."""

    @property
    def previous(self) -> str | None:
        return self.urls[self.part - 2] if self.part > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.part] if self.part < len(self.urls) else None

    @property
    def shown(self) -> slice:
        """The rows of the whole listing that this page shows."""
        start = (self.part - 1) * routes.LISTING_PAGE_SIZE
        return slice(start, start + routes.LISTING_PAGE_SIZE)

    @property
    def title_suffix(self) -> str:
        return f" (page {self.part} of {len(self.urls)})" if len(self.urls) > 1 else ""


def paginate(route: Route, parts: int, url_of: Callable[[int], str]) -> Pager:
    """The pager of ``route``'s page in a listing of ``parts`` pages, page ``n`` at ``url_of(n)``."""
    return Pager(route.part, [url_of(n) for n in range(1, parts + 1)])


class PageContexts:
    """Builds contexts for one site; holds the lookups several pages share."""

    def __init__(self, site: Site, setup: SetUp) -> None:
        self.site = site
        self.setup = setup
        self.drawings = Drawings(site)
        self._sitemap: list[tuple[str, str]] | None = None
        self._source_orders: dict[str, list[Source]] = {}
        self.members = views.MapMembers(site)
        self.builders: dict[str, Callable[[Route], Context]] = {
            "home": self.home,
            "maps": self.home,
            "map": self.debate,
            "claim": self.claim,
            "sources": self.sources,
            "source": self.source,
            "tags": self.tags,
            "tag": self.tag,
            "search": self.search,
            "page": self.page,
            "404": self.not_found,
            "sitemap": self.sitemap,
            "feed": self.feed,
            "robots": self.robots,
        }

    def absolute(self, url: str) -> str | None:
        base = self.site.config.base_url
        return base + url if base else None

    def context(self, route: Route) -> Context:
        ctx = self.base(route)
        ctx.update(self.builders[route.kind](route))
        return ctx

    def base(self, route: Route) -> Context:
        config = self.site.config
        if route.kind == "404":
            # Served at any missing path, so links must not be relative: use the base path.
            prefix = urlsplit(config.base_url).path if config.base_url else "/"
        else:
            prefix = routes.relative(route.url, "")  # computed once: links are made ~40 times a page
            prefix = "" if prefix == "./" else prefix

        def url(target: str) -> str:
            return (prefix + target) or "./"

        def asset(path: str) -> str:
            version = self.setup.asset_versions.get(path)
            return url(path) + (f"?v={version}" if version else "")

        nav = []
        for name in config.nav:
            page = self.site.pages.get(name)
            target = routes.NAV_URLS.get(name, routes.page_url(name))
            label = (page.nav_title or page.title) if page else NAV_LABELS.get(name, name)
            current = route.url == target or (target != "" and route.url.startswith(target) and name != "maps")
            if name == "maps":
                current = route.kind in ("home", "maps", "map")
            nav.append({"label": label, "href": url(target), "current": current})
        return {
            "site": self.site,
            "config": config,
            "route": route,
            "url": url,
            "asset": asset,
            "nav": nav,
            "canonical": self.absolute(route.url),
            "og_type": "website",
            "jsonld": None,
            "description": config.description or "",
            "claim_url": routes.claim_url,
            "map_url": routes.map_url,
            "source_url": routes.source_url,
            "tag_url": routes.tag_url,
            "page_url": routes.page_url,
        }

    # -- page kinds ---------------------------------------------------------------------------

    def home(self, route: Route) -> Context:
        """The home page shows the first page of the maps index; the index goes on over pages."""
        ordered = views.sorted_maps(self.site.maps.values())
        where = paginate(route, routes.listing_parts(len(ordered)), routes.maps_url)
        entries = [
            {"map": debate, "thesis": self.site.claims.get(debate.thesis_id), "counts": views.map_counts(self.site, debate)}
            for debate in ordered[where.shown]
        ]
        config = self.site.config
        title = config.title if route.kind == "home" else "All maps" + where.title_suffix
        context: Context = {
            "title": title,
            "entries": entries,
            "totals": self.totals(),
            "first_shown": where.shown.start + 1,
            "pager": where,
        }
        if route.kind == "home":
            context["jsonld"] = {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": config.title,
                "inLanguage": config.language,
                **({"description": config.description} if config.description else {}),
                **({"url": config.base_url} if config.base_url else {}),
            }
        return context

    def totals(self) -> dict[str, int]:
        return {"maps": len(self.site.maps), "claims": len(self.site.claims), "sources": len(self.site.sources)}

    def children(self, claim: Claim) -> tuple[list[ChildView], list[ChildView]]:
        pros: list[ChildView] = []
        cons: list[ChildView] = []
        for stance, child in self.site.children(claim):
            grand = [link.stance for link in child.children if link.claim_id in self.site.claims]
            view = ChildView(child, stance, grand.count("pro"), grand.count("con"))
            (pros if stance == "pro" else cons).append(view)
        return pros, cons

    def debate(self, route: Route) -> Context:
        debate = self.site.maps[route.key]
        thesis = self.site.claims[debate.thesis_id]
        pros, cons = self.children(thesis)
        sources = [self.site.sources[s] for s in views.map_sources(self.site, debate.id)]
        outline = views.outline(self.site, debate)
        return {
            "title": plain_text(debate.title),
            "description": shorten(plain_text(debate.summary or thesis.text)),
            "map": debate,
            "thesis": thesis,
            "pros": pros,
            "cons": cons,
            "outline": outline,
            "drawing": self.drawings.for_map(debate, outline),
            "sources": sources,
            "counts": views.map_counts(self.site, debate),
            "og_type": "article",
            "jsonld": {
                "@context": "https://schema.org",
                "@type": "CreativeWork",
                "name": plain_text(debate.title),
                "abstract": plain_text(thesis.text),
                "dateModified": debate.updated,
                "keywords": list(debate.tags),
                **({"url": self.absolute(route.url)} if self.site.config.base_url else {}),
            },
        }

    def claim(self, route: Route) -> Context:
        claim = self.site.claims[route.key]
        pros, cons = self.children(claim)
        citations = [(c, self.site.sources.get(c.source_id)) for c in claim.citations]
        maps = [self.site.maps[m] for m in self.site.claim_maps.get(claim.id, ())]
        parents = [
            (p.stance, self.site.claims[p.parent_id])
            for p in self.site.parents.get(claim.id, ())
            if p.parent_id in self.site.claims
        ]
        trails = views.trails(self.site, claim, self.setup.by_thesis)
        home_map = self.site.maps.get(claim.map_id)
        # The breadcrumb at the top follows the shortest way down from the claim's own map.
        primary = next((t for t in trails if t.debate is not None and t.debate is home_map), trails[0] if trails else None)
        return {
            "title": plain_text(claim.text),
            "description": shorten(plain_text(claim.text)),
            "claim": claim,
            "thesis_of": self.setup.by_thesis.get(claim.id),
            "trails": trails,
            "primary_trail": primary,
            "trails_by_map": views.trails_by_map(self.site, claim, trails),
            "parents": parents,
            "pros": pros,
            "cons": cons,
            "citations": citations,
            "maps": maps,
            "og_type": "article",
            "jsonld": self.claim_jsonld(claim, route, citations),
            "local_map": self.drawings.local_map(claim),
        }

    def claim_jsonld(self, claim: Claim, route: Route, citations: list[tuple[Any, Source | None]]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Claim",
            "name": plain_text(claim.text),
            "text": plain_text(claim.text),
            "inLanguage": self.site.config.language,
            "citation": [self.source_jsonld(s, nested=True) for _, s in citations if s is not None],
        }
        if claim.tags:
            data["keywords"] = list(claim.tags)
        if self.site.config.base_url:
            data["url"] = self.absolute(route.url)
        return data

    def source_jsonld(self, source: Source, *, nested: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"@type": "CreativeWork", "name": source.title, "url": source.url}
        if not nested:
            data["@context"] = "https://schema.org"
        if source.publisher:
            data["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.authors:
            data["author"] = [{"@type": "Person", "name": a} for a in source.authors]
        if source.published:
            data["datePublished"] = source.published
        if source.archived:
            data["archivedAt"] = source.archived
        if not nested and source.summary:
            data["abstract"] = plain_text(source.summary)
        return data

    def sources(self, route: Route) -> Context:
        """One page of the bibliography in one order (``route.key``); every order is its own pages,
        so a bibliography split over many pages still sorts as a whole, without JavaScript."""
        order = route.key
        ordered = self.sources_in_order(order)
        where = paginate(route, routes.listing_parts(len(ordered)), lambda n: routes.sources_url(order, n))
        shown = ordered[where.shown]
        title = "Sources" if order == routes.SOURCE_ORDERS[0] else f"Sources by {order}"
        return {
            "title": title + where.title_suffix,
            "description": "Every source the maps cite.",
            "sources": shown,
            "sources_total": len(ordered),
            "first_shown": where.shown.start + 1,
            "cited": {s.id: len(self.site.citing.get(s.id, ())) for s in shown},
            "order": order,
            "direction": SOURCE_ORDER_LABELS[order][1],
            "columns": [(name, *labels, routes.sources_url(name)) for name, labels in SOURCE_ORDER_LABELS.items()],
            "pager": where,
        }

    def sources_in_order(self, order: str) -> list[Source]:
        """Kept for the renderer's life: the pages of one order share one sort."""
        if order not in self._source_orders:
            cited = self.site.citing
            keys: dict[str, Callable[[Source], Any]] = {
                "title": lambda s: (s.title.casefold(), s.id),
                "publisher": lambda s: (s.publisher is None, (s.publisher or "").casefold(), s.title.casefold(), s.id),
                "kind": lambda s: (s.kind is None, s.kind or "", s.title.casefold(), s.id),
                "citations": lambda s: (-len(cited.get(s.id, ())), s.title.casefold(), s.id),
            }
            if order == "date":  # newest first; undated sources last
                ordered = sorted(self.site.sources.values(), key=lambda s: (s.published or "", s.id), reverse=True)
            else:
                ordered = sorted(self.site.sources.values(), key=keys[order])
            self._source_orders[order] = ordered
        return self._source_orders[order]

    def source(self, route: Route) -> Context:
        source = self.site.sources[route.key]
        return {
            "title": source.title,
            "description": shorten(plain_text(source.summary or source.title)),
            "source": source,
            "backlinks": views.backlinks(self.site, source.id, self.members),
            "cited_by": len(self.site.citing.get(source.id, ())),
            "jsonld": self.source_jsonld(source),
        }

    def tags(self, route: Route) -> Context:
        return {"title": "Tags", "description": "Claims, maps and sources by topic.", "tags": list(self.site.tags.items())}

    def tag(self, route: Route) -> Context:
        """One page of a tag: its maps on the first, and a slice of its claims and sources on each."""
        entry = self.site.tags[route.key]
        where = paginate(route, routes.tag_parts(entry), lambda n: routes.tag_url(route.key, n))
        return {
            "title": f"Tag: {route.key}" + where.title_suffix,
            "description": f"Maps, claims and sources tagged {route.key}.",
            "tag": route.key,
            "maps": [self.site.maps[m] for m in entry.maps] if route.part == 1 else [],
            "claims": [self.site.claims[c] for c in entry.claims[where.shown]],
            "claims_total": len(entry.claims),
            "sources": [self.site.sources[s] for s in entry.sources[where.shown]],
            "sources_total": len(entry.sources),
            "first_shown": where.shown.start + 1,
            "pager": where,
        }

    def search(self, route: Route) -> Context:
        return search_page(self.site)

    def page(self, route: Route) -> Context:
        page = self.site.pages[route.key]
        return {"title": page.title, "description": page.description or self.site.config.description or "", "page": page}

    def not_found(self, route: Route) -> Context:
        return {"title": "Page not found", "canonical": None}

    def sitemap(self, route: Route) -> Context:
        """One sitemap, or past SITEMAP_LIMIT URLs an index (key 'index') and its parts (key '1', '2'...)."""
        entries = self.sitemap_entries()
        if route.key == "index":
            parts = routes.sitemap_parts(len(entries))
            sitemaps = [self.absolute(routes.sitemap_part_url(n)) for n in parts]
            return {"title": "", "urls": [], "sitemaps": sitemaps, "updated": self.latest}
        if route.key:
            start = (int(route.key) - 1) * routes.SITEMAP_LIMIT
            entries = entries[start : start + routes.SITEMAP_LIMIT]
        return {"title": "", "urls": [(self.absolute(u), d) for u, d in entries], "sitemaps": []}

    def sitemap_entries(self) -> list[tuple[str, str]]:
        """(url, lastmod) for every page, each dated by the newest map it shows; computed once."""
        if self._sitemap is None:
            dated: dict[str, str] = {routes.map_url(m.id): m.updated for m in self.site.maps.values()}
            claim_dates: dict[str, str] = {}
            for claim_id, map_ids in self.site.claim_maps.items():
                claim_dates[claim_id] = max(self.site.maps[m].updated for m in map_ids)
                dated[routes.claim_url(claim_id)] = claim_dates[claim_id]
            for source_id, claim_ids in self.site.citing.items():
                dates = [claim_dates[c] for c in claim_ids if c in claim_dates]
                if dates and source_id in self.site.sources:
                    dated[routes.source_url(source_id)] = max(dates)
            self._sitemap = [
                (r.url, dated.get(r.url, self.latest))
                for r in routes.page_routes(self.site)
                if r.output_path.endswith(".html") and r.kind != "404"
            ]
        return self._sitemap

    @cached_property
    def latest(self) -> str:
        """The newest map's date: when the site as a whole last changed (feed, sitemap)."""
        return max((m.updated for m in self.site.maps.values()), default=None) or source_date()

    def feed(self, route: Route) -> Context:
        entries = [
            {
                "map": m,
                "thesis": self.site.claims.get(m.thesis_id),
                "url": self.absolute(routes.map_url(m.id)),
                "html": self.feed_html(m),
            }
            for m in views.sorted_maps(self.site.maps.values())
        ]
        return {
            "title": self.site.config.title,
            "entries": entries,
            "updated": self.latest,
            "feed_url": self.absolute("feed.xml"),
        }

    def feed_html(self, debate: DebateMap) -> str:
        """An entry's content as an HTML string; the template escapes it once, as Atom's type="html" wants."""
        thesis = self.site.claims.get(debate.thesis_id)
        counts = views.map_counts(self.site, debate)
        parts = [f"<p><strong>Thesis:</strong> {render_inline(thesis.text)}</p>"] if thesis else []
        if debate.summary:
            parts.append(render_block(debate.summary, "summary", 2))
        root = self.site.config.base_url or ""
        tally = f"{counts.pros} pros and {counts.cons} cons under the thesis; {counts.claims} claims, {counts.sources} sources"
        parts.append(f"<p>{tally}.</p>")
        return at_root("\n".join(parts), root)

    def robots(self, route: Route) -> Context:
        return {"title": "", "sitemap_url": self.absolute("sitemap.xml")}
