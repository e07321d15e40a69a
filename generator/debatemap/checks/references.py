"""Every name must point at something: refs at claims, citations at sources, nav at pages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from .. import rules
from ..content import Content
from ..diagnostics import Diagnostic
from ..graph import Site

BUILTIN_NAV = ("maps", "sources", "tags", "search")


def _suggest(name: str, known: Mapping[str, object] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def unknown_refs(content: Content, site: Site) -> Iterable[Diagnostic]:
    for claim in content.claims:
        for link in claim.children:
            if link.is_ref and link.claim_id not in site.claims:
                hint = _suggest(link.claim_id, site.claims) or "define the claim with `id:` and `claim:` in a map first"
                yield rules.UNKNOWN_REF.at(link.pos, f"ref '{link.claim_id}' names no claim", hint=hint)


def unknown_sources(content: Content, site: Site) -> Iterable[Diagnostic]:
    cited = {citation.source_id for claim in content.claims for citation in claim.citations}
    if cited <= site.sources.keys():
        return  # every citation resolves: the usual case, checked as one set operation
    for claim in content.claims:
        for citation in claim.citations:
            if citation.source_id not in site.sources:
                hint = _suggest(citation.source_id, site.sources) or (
                    f"add content/sources/{citation.source_id}.yaml (`debatemap new source {citation.source_id}`)"
                )
                yield rules.UNKNOWN_SOURCE.at(citation.pos, f"source '{citation.source_id}' does not exist", hint=hint)


def unknown_pages(content: Content, site: Site) -> Iterable[Diagnostic]:
    if content.config is None:
        return
    config = content.config
    for index, name in enumerate(config.nav):
        if name not in BUILTIN_NAV and name not in site.pages:
            known = BUILTIN_NAV + tuple(site.pages)
            hint = _suggest(name, known) or f"nav takes {', '.join(BUILTIN_NAV)} or a page in content/pages/"
            where = config.nav_pos[index] if index < len(config.nav_pos) else config.pos
            yield rules.UNKNOWN_PAGE.at(where, f"nav names '{name}', which is no page", hint=hint)


def duplicate_citations(content: Content, site: Site) -> Iterable[Diagnostic]:
    for claim in content.claims:
        if len(claim.citations) < 2:
            continue
        seen: set[tuple[str, str | None]] = set()
        for citation in claim.citations:
            key = (citation.source_id, citation.locator)
            if key in seen:
                yield rules.DUPLICATE_CITATION.at(
                    citation.pos, f"claim '{claim.id}' cites '{citation.source_id}' twice", hint="merge the two citations"
                )
            seen.add(key)
