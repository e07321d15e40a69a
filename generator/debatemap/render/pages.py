"""One context builder per page kind: what each template gets to show.

Builders read the model and the derived views; they never change either. The base context
(navigation, links, head metadata) is shared by every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..graph import Site
from ..model import Claim, Source
from . import routes, views
from .markdown import plain_text
from .routes import Route

Context = dict[str, Any]
NAV_LABELS = {"maps": "Maps", "sources": "Sources", "tags": "Tags", "search": "Search"}
DESCRIPTION_LENGTH = 200


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


class PageContexts:
    """Builds contexts for one site; holds the lookups several pages share."""

    def __init__(self, site: Site, asset_versions: dict[str, str]) -> None:
        self.site = site
        self.asset_versions = asset_versions
        self.by_thesis = views.thesis_maps(site)
        self.builders: dict[str, Callable[[Route], Context]] = {
            "home": self.home,
            "maps": self.home,
            "map": self.debate,
            "claim": self.claim,
            "sources": self.sources,
            "source": self.source,
            "tags": self.tags,
            "tag": self.tag,
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
            root = urlsplit(config.base_url).path if config.base_url else "/"

            def url(target: str) -> str:
                return root + target
        else:

            def url(target: str) -> str:
                return routes.relative(route.url, target)

        def asset(path: str) -> str:
            version = self.asset_versions.get(path)
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
        entries = []
        for debate in views.sorted_maps(self.site.maps.values()):
            entries.append(
                {"map": debate, "thesis": self.site.claims.get(debate.thesis_id), "counts": views.map_counts(self.site, debate)}
            )
        title = self.site.config.title if route.kind == "home" else "All maps"
        return {"title": title, "entries": entries, "totals": self.totals()}

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
        return {
            "title": plain_text(debate.title),
            "description": shorten(plain_text(debate.summary or thesis.text)),
            "map": debate,
            "thesis": thesis,
            "pros": pros,
            "cons": cons,
            "outline": views.outline(self.site, debate),
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
        return {
            "title": plain_text(claim.text),
            "description": shorten(plain_text(claim.text)),
            "claim": claim,
            "is_thesis": claim.id in self.by_thesis,
            "trails": views.trails(self.site, claim, self.by_thesis),
            "parents": parents,
            "pros": pros,
            "cons": cons,
            "citations": citations,
            "maps": maps,
            "og_type": "article",
            "jsonld": self.claim_jsonld(claim, route, citations),
        }

    def claim_jsonld(self, claim: Claim, route: Route, citations: list[tuple[Any, Source | None]]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Claim",
            "name": plain_text(claim.text),
            "text": plain_text(claim.text),
            "citation": [self.source_jsonld(s, nested=True) for _, s in citations if s is not None],
        }
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
        return data

    def sources(self, route: Route) -> Context:
        ordered = sorted(self.site.sources.values(), key=lambda s: (s.published or "", s.id), reverse=True)
        cited = {s: len(self.site.citing.get(s, ())) for s in self.site.sources}
        return {"title": "Sources", "description": "Every source the maps cite.", "sources": ordered, "cited": cited}

    def source(self, route: Route) -> Context:
        source = self.site.sources[route.key]
        return {
            "title": source.title,
            "description": shorten(plain_text(source.summary or source.title)),
            "source": source,
            "backlinks": views.backlinks(self.site, source.id),
            "cited_by": len(self.site.citing.get(source.id, ())),
            "jsonld": self.source_jsonld(source),
        }

    def tags(self, route: Route) -> Context:
        return {"title": "Tags", "description": "Claims, maps and sources by topic.", "tags": list(self.site.tags.items())}

    def tag(self, route: Route) -> Context:
        entry = self.site.tags[route.key]
        return {
            "title": f"Tag: {route.key}",
            "description": f"Maps, claims and sources tagged {route.key}.",
            "tag": route.key,
            "maps": [self.site.maps[m] for m in entry.maps],
            "claims": [self.site.claims[c] for c in entry.claims],
            "sources": [self.site.sources[s] for s in entry.sources],
        }

    def page(self, route: Route) -> Context:
        page = self.site.pages[route.key]
        return {"title": page.title, "description": page.description or self.site.config.description or "", "page": page}

    def not_found(self, route: Route) -> Context:
        return {"title": "Page not found", "canonical": None}

    def sitemap(self, route: Route) -> Context:
        urls = [r.url for r in routes.all_routes(self.site) if r.output_path.endswith(".html") and r.kind != "404"]
        return {"title": "", "urls": [self.absolute(u) for u in urls], "lastmod": self.last_updated()}

    def last_updated(self) -> str:
        return max((m.updated for m in self.site.maps.values()), default="1970-01-01")

    def feed(self, route: Route) -> Context:
        entries = [
            {"map": m, "thesis": self.site.claims.get(m.thesis_id), "url": self.absolute(routes.map_url(m.id))}
            for m in views.sorted_maps(self.site.maps.values())
        ]
        return {
            "title": self.site.config.title,
            "entries": entries,
            "updated": self.last_updated(),
            "feed_url": self.absolute("feed.xml"),
        }

    def robots(self, route: Route) -> Context:
        return {"title": "", "sitemap_url": self.absolute("sitemap.xml")}
