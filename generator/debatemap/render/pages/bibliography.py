"""The bibliography, one set of pages per order, and each source's page with its backlinks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...links.report import WAYBACK
from ...model import Source
from .. import routes, views
from ..citation import bibtex, cite
from ..markdown import plain_text
from ..routes import Route
from .citing import meta_tags, source_work
from .jsonld import JsonLd
from .shared import Context, paginate, shorten

SOURCE_ORDER_LABELS = {
    "title": ("Title", "A to Z", "ascending"),
    "publisher": ("Publisher", "A to Z", "ascending"),
    "date": ("Date", "newest first", "descending"),
    "kind": ("Kind", "A to Z", "ascending"),
    "citations": ("Cited by", "most cited first", "descending"),
}
"""Each bibliography order, in the table's column order: the column's heading, which way it sorts
in words and as ``aria-sort``."""


class BibliographyPages(JsonLd):
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
        """Kept in the lookups: the pages of one order share one sort."""
        return self.lookups.get(("sources in order", order), lambda: self._sort_sources(order))

    def _sort_sources(self, order: str) -> list[Source]:
        cited = self.site.citing
        keys: dict[str, Callable[[Source], Any]] = {
            "title": views.by_title,
            "publisher": lambda s: (s.publisher is None, (s.publisher or "").casefold(), s.title.casefold(), s.id),
            "kind": lambda s: (s.kind is None, s.kind or "", s.title.casefold(), s.id),
            "citations": lambda s: (-len(cited.get(s.id, ())), s.title.casefold(), s.id),
        }
        if order == "date":  # newest first; undated sources last
            return sorted(self.site.sources.values(), key=lambda s: (s.published or "", s.id), reverse=True)
        return sorted(self.site.sources.values(), key=keys[order])

    def bibtex_file(self, route: Route) -> Context:
        """/cite.bib: every source of the site, one BibTeX entry each, by id."""
        return {"title": "", "entries": [bibtex(source_work(s)) for s in self.site.sources.values()]}

    def source(self, route: Route) -> Context:
        source = self.site.sources[route.key]
        work = source_work(source)
        return {
            "citation": cite(work),
            "citation_meta": meta_tags(work),
            "title": source.title,
            "description": shorten(plain_text(source.summary or source.title)),
            "source": source,
            "backlinks": views.backlinks(self.site, source.id, self.sides),
            "cited_by": len(self.site.citing.get(source.id, ())),
            "jsonld": self.source_jsonld(source),
            "link_check": self.site.links.get(source.url),
            "archive_check": self.site.links.get(source.archived) if source.archived else None,
            "wayback": WAYBACK + source.url,
        }
