"""Graph checks: every cross-file rule, as small named functions in one ordered registry.

Per-file rules (syntax, types, ids, dates, URLs) run while loading, in ``load`` and
``validate``; the rules here need the whole site. Each takes the raw ``Content`` (which still
holds duplicates) and the resolved ``Site`` and yields diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..content import Content
from ..diagnostics import Diagnostic
from ..graph import Site
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
"""In the order they run; the CLI sorts the output by file and line anyway."""


def run_checks(content: Content, site: Site) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for check in CHECKS:
        found.extend(check(content, site))
    return found
