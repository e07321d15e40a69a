"""One context builder per page kind: what each template gets to show.

Each page family is a module (``debates``, ``bibliography``, ``listings``, ``feeds``, ``changes``) whose
builders share one ``PageState``; ``PageContexts`` joins them and maps route kinds to builders.
The base context (navigation, links, head metadata) is shared by every page.
"""

from __future__ import annotations

from collections.abc import Callable

from ...graph import Site
from ..routes import Route
from .balance import BalancePages
from .base import NAV_LABELS, BaseContext
from .bibliography import SOURCE_ORDER_LABELS, BibliographyPages
from .changes import ChangePages
from .citing import CitingPages
from .debates import ChildView, DebatePages
from .feeds import FeedPages
from .listings import ListingPages
from .shared import Context, Lookups, Pager, SetUp, paginate, set_up, shorten, source_date

__all__ = [
    "NAV_LABELS",
    "SOURCE_ORDER_LABELS",
    "ChildView",
    "Context",
    "Lookups",
    "PageContexts",
    "Pager",
    "SetUp",
    "paginate",
    "set_up",
    "shorten",
    "source_date",
]


class PageContexts(BaseContext, DebatePages, BalancePages, BibliographyPages, CitingPages, ListingPages, FeedPages, ChangePages):
    """Builds contexts for one site; holds the lookups several pages share."""

    def __init__(self, site: Site, setup: SetUp, lookups: Lookups | None = None) -> None:
        super().__init__(site, setup, lookups)
        self.builders: dict[str, Callable[[Route], Context]] = {
            "home": self.home,
            "maps": self.home,
            "map": self.debate,
            "balance": self.balance,
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
            "changes": self.changes,
            "robots": self.robots,
            "bibtex": self.bibtex_file,
        }

    def context(self, route: Route) -> Context:
        ctx = self.base(route)
        ctx.update(self.builders[route.kind](route))
        return ctx
