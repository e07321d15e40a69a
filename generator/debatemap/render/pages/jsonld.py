"""schema.org descriptions (JSON-LD) of claims and sources, for search engines and tools."""

from __future__ import annotations

from typing import Any

from ...model import Claim, Source
from ..markdown import plain_text
from ..routes import Route
from .shared import PageState


class JsonLd(PageState):
    def claim_jsonld(self, claim: Claim, route: Route, citations: list[tuple[Any, Source | None]]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Claim",
            "name": plain_text(claim.text),
            "text": plain_text(claim.text),
            "inLanguage": self.site.config.language,
            "citation": [self.source_jsonld(s, nested=True) for _, s in citations if s is not None],
        }
        if claim.tags:
            data["keywords"] = list(claim.tags)
        data.update(self.license_jsonld())
        if self.site.config.base_url:
            data["url"] = self.absolute(route.url)
        return data

    def license_jsonld(self) -> dict[str, str]:
        """The site's licence, for its own pages only: a source's licence is its publisher's business."""
        license = self.site.config.license
        return {"license": license.url or license.name} if license else {}

    def source_jsonld(self, source: Source, *, nested: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"@type": "CreativeWork", "name": source.title, "url": source.url}
        if not nested:
            data["@context"] = "https://schema.org"
        if source.publisher:
            data["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.authors:
            data["author"] = [{"@type": "Person", "name": a} for a in source.authors]
        if source.published:
            data["datePublished"] = source.published
        if source.archived:
            data["archivedAt"] = source.archived
        if not nested and source.summary:
            data["abstract"] = plain_text(source.summary)
        return data
