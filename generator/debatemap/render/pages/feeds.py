"""Whole-site files for machines: the sitemap (or its index and parts), the Atom feed, robots.txt."""

from __future__ import annotations

from ...model import DebateMap
from .. import routes, views
from ..markdown import at_root, render_block, render_inline
from ..routes import Route
from .shared import Context, PageState, source_date


class FeedPages(PageState):
    def sitemap(self, route: Route) -> Context:
        """One sitemap, or past SITEMAP_LIMIT URLs an index (key 'index') and its parts (key '1', '2'...)."""
        entries = self.sitemap_entries
        if route.key == "index":
            parts = routes.sitemap_parts(len(entries))
            sitemaps = [self.absolute(routes.sitemap_part_url(n)) for n in parts]
            return {"title": "", "urls": [], "sitemaps": sitemaps, "updated": self.latest}
        if route.key:
            start = (int(route.key) - 1) * routes.SITEMAP_LIMIT
            entries = entries[start : start + routes.SITEMAP_LIMIT]
        return {"title": "", "urls": [(self.absolute(u), d) for u, d in entries], "sitemaps": []}

    @property
    def sitemap_entries(self) -> list[tuple[str, str]]:
        """(url, lastmod) for every page, each dated by the newest map it shows; kept in the
        lookups (a sitemap of 100,000 claims is an index and three parts)."""
        return self.lookups.get("sitemap entries", self._sitemap_entries)

    def _sitemap_entries(self) -> list[tuple[str, str]]:
        dated: dict[str, str] = {routes.map_url(m.id): m.updated for m in self.site.maps.values()}
        dated.update((routes.balance_url(m.id), m.updated) for m in self.site.maps.values())
        claim_dates: dict[str, str] = {}
        for claim_id, map_ids in self.site.claim_maps.items():
            claim_dates[claim_id] = max(self.site.maps[m].updated for m in map_ids)
            dated[routes.claim_url(claim_id)] = claim_dates[claim_id]
        for source_id, claim_ids in self.site.citing.items():
            dates = [claim_dates[c] for c in claim_ids if c in claim_dates]
            if dates and source_id in self.site.sources:
                dated[routes.source_url(source_id)] = max(dates)
        return [
            (r.url, dated.get(r.url, self.latest))
            for r in routes.page_routes(self.site)
            if r.output_path.endswith(".html") and r.kind != "404"
        ]

    @property
    def latest(self) -> str:
        """The newest map's date: when the site as a whole last changed (feed, sitemap). A lookup,
        not a cached property: the sitemap's entries, a lookup, use it, and a lookup must make its
        result from other lookups and the site alone (a value this page had cached before would
        not count among what making the lookup read)."""
        return self.lookups.get(
            "latest", lambda: max((m.updated for m in self.site.maps.values()), default=None) or source_date()
        )

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
