"""Each map's balance page: the figures of ``debatemap report`` for readers, with a chart."""

from __future__ import annotations

from ...editorial.figures import Thresholds, map_figures
from ...editorial.sides import SIDES
from ..balance_chart import chart
from ..markdown import plain_text
from ..routes import Route
from .shared import Context, PageState

TOP = 8
"""Publishers, authors and sources listed on the page (the largest first)."""


class BalancePages(PageState):
    def balance(self, route: Route) -> Context:
        debate = self.site.maps[route.key]
        thresholds = Thresholds()
        figures = map_figures(self.site, debate, thresholds, flags=False)
        claims = self.site.claims
        found = figures.sourcing
        return {
            "title": "Balance: " + plain_text(debate.title),
            "description": "How the claims of the map divide for and against its thesis, and what they rest on.",
            "map": debate,
            "thesis": claims[debate.thesis_id],
            "figures": figures,
            "counts": figures.counts,
            "levels": figures.levels,
            "chart": chart(figures.counts, figures.levels, title_id="balance-chart-title", desc_id="balance-chart-desc"),
            "sides": [
                {
                    "side": side,
                    "claims": getattr(figures.counts, side),
                    "unanswered": [claims[c] for c in figures.unanswered[side]],
                    "chain": [claims[c] for c in figures.sides.chains[side]],
                }
                for side in SIDES
            ],
            "both": [claims[p.claim_id] for p in figures.sides.placements if p.side == "both"],
            "sourcing": found,
            "publishers": found.publishers[:TOP],
            "authors": found.authors[:TOP],
            "most_cited": [(self.site.sources[s], n) for s, n in found.per_source[:TOP]],
            "single": [claims[c] for c in found.single],
            "unsourced": [claims[c] for c in found.unsourced],
            "advocacy_only": [claims[c] for c in found.advocacy_only],
            "self_sourced": [(claims[c], parties) for c, parties in found.self_sourced],
            "old": [(self.site.sources[s], age) for s, age in found.old],
            "older_than": thresholds.older_than,
        }
