"""The context every page starts from: navigation, links relative to the page, head metadata."""

from __future__ import annotations

from urllib.parse import urlsplit

from .. import routes
from ..routes import Route
from .shared import Context, PageState

NAV_LABELS = {"maps": "Maps", "sources": "Sources", "tags": "Tags", "search": "Search"}


class BaseContext(PageState):
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
            "citation": None,
            "citation_meta": [],
            "description": config.description or "",
            "claim_url": routes.claim_url,
            "map_url": routes.map_url,
            "source_url": routes.source_url,
            "tag_url": routes.tag_url,
            "page_url": routes.page_url,
        }
