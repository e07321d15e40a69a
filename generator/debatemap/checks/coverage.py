"""Editorial coverage: claims should rest on sources, sources should be used, maps two-sided."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rules
from ..content import Content
from ..diagnostics import Diagnostic
from ..graph import Site


def unsourced_claims(content: Content, site: Site) -> Iterable[Diagnostic]:
    for claim in site.claims.values():
        if not claim.citations:
            yield rules.UNSOURCED_CLAIM.at(
                claim.pos, f"claim '{claim.id}' cites no source", hint="add `sources: [{source: <source-id>, note: ...}]`"
            )


def unused_sources(content: Content, site: Site) -> Iterable[Diagnostic]:
    for source in site.sources.values():
        if source.id not in site.citing:
            yield rules.UNUSED_SOURCE.at(
                source.pos, f"source '{source.id}' is cited by no claim", hint="cite it from a claim or delete the file"
            )


def one_sided_maps(content: Content, site: Site) -> Iterable[Diagnostic]:
    for debate in site.maps.values():
        thesis = site.claims.get(debate.thesis_id)
        if thesis is None:
            continue
        stances = {link.stance for link in thesis.children}
        for stance, word in (("pro", "pros"), ("con", "cons")):
            if stance not in stances:
                yield rules.ONE_SIDED_MAP.at(
                    thesis.pos, f"map '{debate.id}' has no {word} under its thesis", hint=f"add `{word}:` to the thesis"
                )
