"""What every context builder shares: the site, the lookups made once per renderer, pagination.

Builders read the model and the derived views; they never change either.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from ...graph import Site
from ...model import DebateMap
from .. import routes, views
from ..drawing import Drawings
from ..routes import Route
from ..standing import Sides

Context = dict[str, Any]
_T = TypeVar("_T")
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


class Lookups:
    """Results that many pages share (the bibliography in each order, the sitemap's dates), made
    by the first page that needs one and kept for the pages after it.

    A renderer that records what each page reads starts every page from fresh contexts and so,
    by default, from fresh lookups: a result kept from an earlier page would hide what it read.
    ``incremental.tracking.ReplayedLookups`` keeps them across pages anyway, and replays what
    making each one read into every page that uses it.
    """

    def __init__(self) -> None:
        self._kept: dict[Hashable, Any] = {}

    def get(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """The result kept under ``key``, made by ``make`` the first time. ``key`` names everything
        the result depends on but the site, and ``make`` makes it from the site and other lookups
        alone, never from a value a page has cached (``ReplayedLookups`` replays what it read)."""
        if key in self._kept:
            found: _T = self._kept[key]
            return found
        made = self._kept[key] = make()
        return made


class PageState:
    """The site and the lookups several page kinds share; each page kind's builders are a
    mixin over it (``debates``, ``bibliography``, ``listings``, ``feeds``)."""

    def __init__(self, site: Site, setup: SetUp, lookups: Lookups | None = None) -> None:
        self.site = site
        self.setup = setup
        self.lookups = lookups if lookups is not None else Lookups()
        self.drawings = Drawings(site)
        self.sides = Sides(site, setup.maps_of_thesis)
        """Where claims stand out of their tree (search-like lists: tags, backlinks); shared by the
        pages of a build, made afresh per page under serve's tracking."""

    def absolute(self, url: str) -> str | None:
        base = self.site.config.base_url
        return base + url if base else None
