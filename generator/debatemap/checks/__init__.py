"""Graph checks: every cross-file rule, as small named functions in one ordered registry.

Per-file rules (syntax, types, ids, dates, URLs) run while loading, in ``load`` and
``validate``; the rules here need the whole site. Each takes the raw ``Content`` (which still
holds duplicates) and the resolved ``Site`` and yields diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..content import Content
from ..diagnostics import Diagnostic
from ..graph import Site
from ..model import Claim, DebateMap, Page, Source
from .coverage import one_sided_maps, unsourced_claims, unused_sources
from .cycles import cycles
from .ids import duplicate_ids
from .references import duplicate_citations, unknown_pages, unknown_refs, unknown_sources

Check = Callable[[Content, Site], Iterable[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    duplicate_ids,
    unknown_refs,
    unknown_sources,
    unknown_pages,
    cycles,
    duplicate_citations,
    unsourced_claims,
    unused_sources,
    one_sided_maps,
)
"""In the order they run; the CLI sorts the output by file and line anyway.

Every check reads only the site's shape (``_SHAPES``: ids, positions, links, citations, the
settings), never a claim's wording, so ``CheckMemo`` can skip them all after an edit of wording.
"""


def run_checks(content: Content, site: Site) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in CHECKS:
        found.extend(check(content, site))
    return found


def _map_shape(debate: DebateMap) -> object:
    return (debate.id, debate.pos, debate.thesis_id)


def _claim_shape(claim: Claim) -> object:
    return (
        claim.id, claim.pos, claim.map_id, claim.children,
        tuple((citation.source_id, citation.locator, citation.pos) for citation in claim.citations),
    )  # fmt: skip


def _source_shape(source: Source) -> object:
    return (source.id, source.pos)


def _page_shape(page: Page) -> object:
    return (page.slug, page.pos)


_SHAPES: tuple[tuple[str, Callable[[Any], object]], ...] = (
    ("maps", _map_shape),
    ("claims", _claim_shape),
    ("sources", _source_shape),
    ("pages", _page_shape),
)
"""Each content list, and what of its items the checks read."""


class CheckMemo:
    """The last run's findings, reused while the site keeps its shape (``debatemap serve``).

    Most saves change wording only. Files the watcher did not report come back from the parse
    cache as the very same objects, so telling that nothing but wording changed costs an
    identity test per object, plus a shape comparison for the few objects of the saved file;
    that replaces every check (50 ms at 10,000 claims).
    """

    def __init__(self) -> None:
        self._content: Content | None = None
        self._found: list[Diagnostic] = []

    def saved(self) -> tuple[Content | None, list[Diagnostic]]:
        return self._content, self._found

    def restore(self, saved: tuple[Content | None, list[Diagnostic]]) -> None:
        self._content, self._found = saved

    def run(self, content: Content, site: Site) -> list[Diagnostic]:
        if self._content is None or not _same_shape(self._content, content):
            self._found = run_checks(content, site)
        self._content = content
        return list(self._found)


def _same_shape(old: Content, new: Content) -> bool:
    if old.complete != new.complete or old.config != new.config:
        return False
    for field, shape in _SHAPES:
        before: Sequence[object] = getattr(old, field)
        after: Sequence[object] = getattr(new, field)
        if len(before) != len(after):
            return False
        for a, b in zip(before, after, strict=True):
            if a is not b and shape(a) != shape(b):
                return False
    return True
