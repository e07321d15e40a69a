"""What every context builder shares: the site, the lookups made once per renderer, pagination.

Builders read the model and the derived views; they never change either.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...graph import Site
from ...model import DebateMap
from .. import routes, views
from ..drawing import Drawings
from ..routes import Route
from ..standing import Sides

Context = dict[str, Any]
DESCRIPTION_LENGTH = 200
EPOCH_DATE = "1970-01-01"


def source_date() -> str:
    """The build's date when the content gives none: SOURCE_DATE_EPOCH (reproducible builds) or 1970."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return datetime.datetime.fromtimestamp(int(value), tz=datetime.timezone.utc).date().isoformat()
    return EPOCH_DATE


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
    maps_of_thesis: dict[str, tuple[DebateMap, ...]]
    """Thesis id -> every map with that thesis; where claims stand, map by map."""


def set_up(site: Site, asset_versions: dict[str, str]) -> SetUp:
    return SetUp(views.thesis_maps(site), asset_versions, views.maps_by_thesis(site))


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


class PageState:
    """The site and the lookups several page kinds share; each page kind's builders are a
    mixin over it (``debates``, ``bibliography``, ``listings``, ``feeds``)."""

    def __init__(self, site: Site, setup: SetUp) -> None:
        self.site = site
        self.setup = setup
        self.drawings = Drawings(site)
        self.sides = Sides(site, setup.maps_of_thesis)
        """Where claims stand out of their tree (search-like lists: tags, backlinks); shared by the
        pages of a build, made afresh per page under serve's tracking."""

    def absolute(self, url: str) -> str | None:
        base = self.site.config.base_url
        return base + url if base else None
