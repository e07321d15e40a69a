"""What each claim, map and source page offers to cite it by, and the meta tags reference managers read."""

from __future__ import annotations

from ...model import Claim, DebateMap, Source
from ..citation import Citation, cite
from ..cite import Work
from ..markdown import plain_text
from ..routes import Route
from .shared import PageState

CSL_TYPES = {
    "paper": "article-journal",
    "news": "article-newspaper",
    "op-ed": "article-newspaper",
    "report": "report",
    "law": "legislation",
    "standard": "standard",
    "dataset": "dataset",
    "interview": "interview",
    "podcast": "interview",
    "letter": "personal_communication",
}
"""A source's ``kind`` as a CSL item type; the rest (announcements, blogs, licences...) are web pages."""
CONTAINER_TYPES = frozenset({"article-journal", "article-newspaper", "webpage"})
"""Item types whose publisher is where they appear (a journal, a newspaper, a site)."""


class CitingPages(PageState):
    def page_work(self, route: Route, key: str, title: str, updated: str) -> Work:
        """A page of this site as a web page: the site as author and container, the map's date as its version."""
        config = self.site.config
        return Work(
            key=key,
            kind="webpage",
            title=title,
            url=self.absolute(route.url),
            container=config.title,
            organisation=config.author or config.title,
            date=updated or None,
            version=updated or None,
            modified=True,
        )

    def claim_citation(self, claim: Claim, route: Route) -> tuple[Citation, Work]:
        home = self.site.maps.get(claim.map_id)
        work = self.page_work(route, f"claim:{claim.id}", plain_text(claim.text), home.updated if home else "")
        return cite(work), work

    def map_citation(self, debate: DebateMap, route: Route) -> tuple[Citation, Work]:
        work = self.page_work(route, f"map:{debate.id}", plain_text(debate.title), debate.updated)
        return cite(work), work


def source_work(source: Source) -> Work:
    """The source itself (not its page here): what a reader who read it would cite."""
    kind = CSL_TYPES.get(source.kind or "", "webpage")
    return Work(
        key=source.id,
        kind=kind,
        title=source.title,
        url=source.url,
        container=source.publisher if kind in CONTAINER_TYPES else None,
        authors=source.authors,
        organisation=None if source.authors else source.publisher,
        publisher=source.publisher if kind not in CONTAINER_TYPES else None,
        date=source.published,
    )


def meta_tags(work: Work) -> list[tuple[str, str]]:
    """Highwire Press tags (Google Scholar's, which Zotero's connector reads): title, authors, date, URL."""
    tags = [("citation_title", work.title.rstrip("."))]
    tags += [("citation_author", author) for author in (work.authors or ((work.organisation,) if work.organisation else ()))]
    if work.date:
        tags.append(("citation_publication_date", work.date.replace("-", "/")))
    if work.container and work.kind == "webpage":
        tags.append(("citation_publisher", work.container))
    if work.url:
        tags.append(("citation_public_url", work.url))
    return tags
