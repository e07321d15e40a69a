"""The pages of the debate itself: the home page and maps index, each map, each claim."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Claim
from .. import routes, views
from ..markdown import plain_text
from ..routes import Route
from .changes import ChangePages
from .citing import CitingPages, meta_tags
from .jsonld import JsonLd
from .shared import Context, paginate, shorten


@dataclass(frozen=True, slots=True)
class ChildView:
    """A pro or con as listed under its parent, with its own counts so readers see depth."""

    claim: Claim
    stance: str
    pros: int
    cons: int


def trails_hidden(shown: list[views.Trail], counts: dict[str, int]) -> dict[str, int]:
    """How many paths to a thesis the claim page leaves out, by the side they leave the claim on."""
    hidden = {side: counts[side] - sum(1 for t in shown if t.overall == side) for side in ("pro", "con")}
    return {side: n for side, n in hidden.items() if n > 0}


class DebatePages(JsonLd, CitingPages, ChangePages):
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
                **self.license_jsonld(),
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
        sources = sorted((self.site.sources[s] for s in views.map_sources(self.site, debate.id)), key=views.by_title)
        outline = views.outline(self.site, debate)
        citation, work = self.map_citation(debate, route)
        return {
            "citation": citation,
            "citation_meta": meta_tags(work),
            "title": plain_text(debate.title),
            "description": shorten(plain_text(debate.summary or thesis.text)),
            "map": debate,
            "thesis": thesis,
            "pros": pros,
            "cons": cons,
            "outline": outline,
            "drawing": self.drawings.for_map(debate, outline),
            "downloads": [(routes.map_url(debate.id) + d.file, d) for d in routes.MAP_EXPORTS],
            "sources": sources,
            "counts": views.map_counts(self.site, debate),
            **self.recent_changes(debate.id),
            "og_type": "article",
            "jsonld": {
                "@context": "https://schema.org",
                "@type": "CreativeWork",
                "name": plain_text(debate.title),
                "abstract": plain_text(thesis.text),
                "dateModified": debate.updated,
                "keywords": list(debate.tags),
                **({"url": self.absolute(route.url)} if self.site.config.base_url else {}),
                **self.license_jsonld(),
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
        citation, work = self.claim_citation(claim, route)
        return {
            "citation": citation,
            "citation_meta": meta_tags(work),
            "title": plain_text(claim.text),
            "description": shorten(plain_text(claim.text)),
            "claim": claim,
            "thesis_of": self.setup.by_thesis.get(claim.id),
            "trails": trails,
            "primary_trail": primary,
            "trails_by_map": views.trails_by_map(self.site, claim, trails),
            "trails_hidden": trails_hidden(trails, self.sides.path_counts(claim.id)),
            "parents": parents,
            "pros": pros,
            "cons": cons,
            "citations": citations,
            "maps": maps,
            "og_type": "article",
            "jsonld": self.claim_jsonld(claim, route, citations),
            "local_map": self.drawings.local_map(claim),
        }
