"""The resolved argument graph: the whole site as one in-memory model with its indices.

Built once per build from ``Content``; every index a page needs (parents, the maps a claim is
in, the claims citing a source, tags) is computed here in linear time, so rendering a page never
walks the whole site.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .content import Content
from .model import Claim, DebateMap, LinkCheck, MapChange, Page, ParentLink, SiteConfig, Source, Stance

HistorySource = Callable[[Path, Iterable[str]], Mapping[str, tuple[MapChange, ...]]]
"""Gives the changes of the named maps of the content folder (``history.GitHistory``)."""


@dataclass(frozen=True, slots=True)
class TagEntry:
    maps: tuple[str, ...]
    claims: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """Everything a build needs; plain data that rendering reads and never changes."""

    root: Path
    config: SiteConfig
    maps: Mapping[str, DebateMap]
    claims: Mapping[str, Claim]
    """Each id's first definition; later duplicates are reported by the checks and dropped."""
    sources: Mapping[str, Source]
    pages: Mapping[str, Page]
    parents: Mapping[str, tuple[ParentLink, ...]]
    map_claims: Mapping[str, tuple[str, ...]]
    """Map id -> every claim reachable from its thesis, in outline (depth-first) order."""
    claim_maps: Mapping[str, tuple[str, ...]]
    """Claim id -> the maps it appears in, sorted."""
    citing: Mapping[str, tuple[str, ...]]
    """Source id -> the claims citing it, sorted."""
    map_sources: Mapping[str, tuple[str, ...]]
    """Map id -> the known sources cited anywhere in it, sorted. An index of its own so that a page
    counting a map's sources (home, the maps index, the feed) reads one entry per map, not the
    citations of every claim: serve then renders it again only when that set changes."""
    tags: Mapping[str, TagEntry]
    links: Mapping[str, LinkCheck]
    """Address -> its last check (content/links.yaml, written by ``debatemap links --save``); empty without one."""
    history: Mapping[str, tuple[MapChange, ...]] = field(default_factory=dict)
    """Map id -> its newest changes from the git history, newest first (maps with none are left out)."""

    def children(self, claim: Claim) -> list[tuple[Stance, Claim]]:
        """The claim's resolved pros and cons (unknown refs are left out; the checks report them)."""
        return [(link.stance, self.claims[link.claim_id]) for link in claim.children if link.claim_id in self.claims]


def build_graph(content: Content, config: SiteConfig, *, history: HistorySource | None = None) -> Site:
    """The site; with ``history``, each map's changes too, unless ``site.yaml`` turns them off."""
    claims: dict[str, Claim] = {}
    seen: set[str] = set()
    for claim in sorted(content.claims, key=lambda c: c.pos):
        key = claim.id.casefold()
        if key not in seen:
            seen.add(key)
            claims[claim.id] = claim
    maps = _first_by_id(content.maps)
    sources = _first_by_id(content.sources)
    pages = {p.slug: p for p in sorted(content.pages, key=lambda p: p.slug)}

    parents: defaultdict[str, list[ParentLink]] = defaultdict(list)
    for claim in claims.values():
        for link in claim.children:
            parents[link.claim_id].append(ParentLink(claim.id, link.stance))

    map_claims = {map_id: _reachable(m.thesis_id, claims) for map_id, m in maps.items()}
    claim_maps: defaultdict[str, list[str]] = defaultdict(list)
    for map_id, members in map_claims.items():
        for claim_id in members:
            claim_maps[claim_id].append(map_id)

    citing: defaultdict[str, set[str]] = defaultdict(set)
    for claim in claims.values():
        for citation in claim.citations:
            citing[citation.source_id].add(claim.id)

    return Site(
        root=content.root,
        config=config,
        maps=dict(sorted(maps.items())),
        claims=dict(sorted(claims.items())),
        sources=dict(sorted(sources.items())),
        pages=pages,
        parents={k: tuple(sorted(v, key=lambda p: (p.parent_id, p.stance))) for k, v in sorted(parents.items())},
        map_claims=map_claims,
        claim_maps={k: tuple(v) for k, v in sorted(claim_maps.items())},
        citing={k: tuple(sorted(v)) for k, v in sorted(citing.items())},
        map_sources={map_id: cited_sources(members, claims, sources) for map_id, members in map_claims.items()},
        tags=_tags(maps, claims, sources),
        links=link_index(content.links),
        history=map_history(history, content.root, config, maps),
    )


def link_index(checks: Iterable[LinkCheck]) -> dict[str, LinkCheck]:
    """Each address's check, sorted by address (the first entry of an address written twice)."""
    out: dict[str, LinkCheck] = {}
    for check in sorted(checks, key=lambda c: (c.url, c.pos)):
        out.setdefault(check.url, check)
    return out


def map_history(
    history: HistorySource | None, root: Path, config: SiteConfig, maps: Mapping[str, DebateMap]
) -> Mapping[str, tuple[MapChange, ...]]:
    return history(root, sorted(maps)) if history is not None and config.history else {}


def cited_sources(members: Iterable[str], claims: Mapping[str, Claim], sources: Mapping[str, Source]) -> tuple[str, ...]:
    """The known sources that the claims ``members`` cite, sorted."""
    return tuple(sorted({c.source_id for claim_id in members for c in claims[claim_id].citations} & sources.keys()))


_Item = TypeVar("_Item", DebateMap, Source)


def _first_by_id(items: list[_Item]) -> dict[str, _Item]:
    out: dict[str, _Item] = {}
    for item in sorted(items, key=lambda i: i.pos):
        out.setdefault(item.id, item)
    return out


def _reachable(thesis_id: str, claims: Mapping[str, Claim]) -> tuple[str, ...]:
    """Claims under a thesis in depth-first order, each once, safe against cycles."""
    if thesis_id not in claims:
        return ()
    order: list[str] = []
    seen = {thesis_id}
    stack = [thesis_id]
    while stack:
        claim_id = stack.pop()
        order.append(claim_id)
        for link in reversed(claims[claim_id].children):
            if link.claim_id in claims and link.claim_id not in seen:
                seen.add(link.claim_id)
                stack.append(link.claim_id)
    return tuple(order)


def _tags(maps: Mapping[str, DebateMap], claims: Mapping[str, Claim], sources: Mapping[str, Source]) -> dict[str, TagEntry]:
    by_tag: defaultdict[str, tuple[set[str], set[str], set[str]]] = defaultdict(lambda: (set(), set(), set()))
    for m in maps.values():
        for tag in m.tags:
            by_tag[tag][0].add(m.id)
    for c in claims.values():
        for tag in c.tags:
            by_tag[tag][1].add(c.id)
    for s in sources.values():
        for tag in s.tags:
            by_tag[tag][2].add(s.id)
    return {tag: TagEntry(tuple(sorted(a)), tuple(sorted(b)), tuple(sorted(c))) for tag, (a, b, c) in sorted(by_tag.items())}
