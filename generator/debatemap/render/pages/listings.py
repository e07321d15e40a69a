"""Tags, free pages, the search page and the 404 page."""

from __future__ import annotations

from .. import routes
from ..routes import Route
from ..search import search_page
from .shared import Context, PageState, paginate


class ListingPages(PageState):
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
            "claims": [(claim, self.sides.standing(claim)) for claim in (self.site.claims[c] for c in entry.claims[where.shown])],
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
