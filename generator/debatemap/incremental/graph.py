"""``build_graph``, incrementally: patch the last site's indices for what changed instead of redoing them.

Between two saves almost every model object is the very same object (``content.FileCache``
keeps the parse of every unchanged file), so the changed claims, maps, sources and pages are
found by identity, and each index is recomputed only for the keys they reach: the parents of
their children, the sources they cite, their tags, the maps they belong to. Unchanged entries
keep their objects, and the keys touched are handed to ``delta`` so it compares only those.

Whenever the shortcut could differ from ``build_graph`` (a duplicate id, whose first definition
by position wins there; new site settings; a ``Site`` with fields this module does not know)
the graph is built whole. Tests compare the two, order included, after many kinds of edit.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from ..content import Content
from ..graph import HistorySource, Site, TagEntry, _reachable, build_graph, cited_sources, link_index, map_history
from ..model import Claim, DebateMap, ParentLink, SiteConfig, Source

KNOWN_FIELDS = (
    "root", "config", "maps", "claims", "sources", "pages", "parents", "map_claims", "claim_maps", "citing", "map_sources",
    "tags", "links", "history",
)  # fmt: skip
"""The fields of ``Site`` patched here; a field added to ``Site`` makes every update a full build."""

_T = TypeVar("_T", Claim, DebateMap, Source)


class _Tagged(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def tags(self) -> tuple[str, ...]: ...


_V = TypeVar("_V")


class GraphUpdater:
    """A drop-in for ``build_graph`` that remembers the last content and site (serve's ``load_site``)."""

    def __init__(self, history: HistorySource | None = None) -> None:
        self._history = history
        """Where the maps' changes come from; asked at every call, it reads git again only when HEAD moved."""
        self._content: Content | None = None
        self._site: Site | None = None
        self.touched: dict[str, set[str]] | None = None
        """Keys that may differ from ``patched_from``, per mapping; None after a full build."""
        self.patched_from: Site | None = None
        """The site the last call patched (the one before it), or None when it built the graph whole."""
        self._unique = False

    def saved(self) -> tuple[Content | None, Site | None, bool]:
        """The last content and site, for the build cache (their objects are the parse cache's)."""
        return self._content, self._site, self._unique

    def restore(self, saved: tuple[Content | None, Site | None, bool]) -> None:
        self._content, self._site, self._unique = saved

    def __call__(self, content: Content, config: SiteConfig) -> Site:
        before, previous = self._content, self._site
        site = None
        self.patched_from = None
        # build_graph keeps the first definition of a duplicate id by position: leave that to it.
        unique = _unique_ids(content)
        can_patch = self._unique and unique and before is not None and previous is not None
        if can_patch and before is not None and previous is not None and _patchable(before, previous, content, config):
            site = self._patch(before, previous, content)
            self.patched_from = previous
        if site is None:
            site = build_graph(content, config, history=self._history)
            self.touched = None
        self._content, self._site, self._unique = content, site, unique
        return site

    def _patch(self, before: Content, previous: Site, content: Content) -> Site:
        old_claims, new_claims = _changed(before.claims, content.claims)
        old_maps, new_maps = _changed(before.maps, content.maps)
        old_sources, new_sources = _changed(before.sources, content.sources)
        claims = _replace(previous.claims, old_claims, new_claims)
        maps = _replace(previous.maps, old_maps, new_maps)
        sources = _replace(previous.sources, old_sources, new_sources)
        pages = {p.slug: p for p in sorted(content.pages, key=lambda p: p.slug)}
        replaced = {
            name: {item.id for item in (*old, *new)}
            for name, old, new in (
                ("claims", old_claims, new_claims), ("maps", old_maps, new_maps), ("sources", old_sources, new_sources)
            )
        }  # fmt: skip

        # The indices depend only on ids, links, citations and tags: a claim whose text or
        # position alone changed (every claim below an edit in its file) leaves them as they are.
        old_claims, new_claims = _reshaped(old_claims, new_claims, _claim_shape)
        old_maps, new_maps = _reshaped(old_maps, new_maps, lambda m: (m.thesis_id, m.tags))
        old_sources, new_sources = _reshaped(old_sources, new_sources, lambda s: s.tags)
        gone = {c.id for c in old_claims}
        changed_claims = [*old_claims, *new_claims]
        parents = _patch_parents(previous.parents, gone, old_claims, new_claims)
        citing = _patch_citing(previous.citing, gone, old_claims, new_claims)
        tags = _patch_tags(previous.tags, (old_maps, new_maps), (old_claims, new_claims), (old_sources, new_sources))

        in_order = [m.id for m in sorted(maps.values(), key=lambda m: m.pos)]
        ids = {c.id for c in changed_claims}
        affected_maps = {m.id for m in (*old_maps, *new_maps)}
        affected_maps.update(m.id for m in maps.values() if m.thesis_id in ids)
        for claim_id in ids:
            affected_maps.update(previous.claim_maps.get(claim_id, ()))
            for link in (*previous.parents.get(claim_id, ()), *parents.get(claim_id, ())):
                affected_maps.update(previous.claim_maps.get(link.parent_id, ()))
        members = {m: _reachable(maps[m].thesis_id, claims) if m in maps else () for m in affected_maps}
        map_claims = {m: members[m] if m in members else previous.map_claims[m] for m in in_order}
        claim_maps = _patch_claim_maps(previous, members, in_order)
        # A map's sources change with its claims' citations (in affected_maps), and when a source
        # it cites comes or goes (only known sources count).
        source_maps = set(affected_maps)
        for source_id in previous.sources.keys() ^ sources.keys():
            for claim_id in (*previous.citing.get(source_id, ()), *citing.get(source_id, ())):
                source_maps.update(claim_maps.get(claim_id, ()))
        map_sources = {
            m: cited_sources(map_claims[m], claims, sources) if m in source_maps else previous.map_sources[m] for m in in_order
        }

        links = link_index(content.links)  # one small file, read again only when saved: no patching needed
        self.touched = {
            "links": {url for url in links.keys() | previous.links.keys() if links.get(url) is not previous.links.get(url)},
            "claims": replaced["claims"],
            "maps": replaced["maps"] | affected_maps,
            "sources": replaced["sources"],
            "pages": set(pages) | set(previous.pages),
            "parents": {link.claim_id for c in changed_claims for link in c.children},
            "map_claims": affected_maps,
            "claim_maps": {c for m in members for c in (*members[m], *previous.map_claims.get(m, ()))},
            "citing": {cite.source_id for c in changed_claims for cite in c.citations},
            "map_sources": source_maps,
            "tags": {t for item in _tagged(changed_claims, old_maps, new_maps, old_sources, new_sources) for t in item.tags},
        }
        history = map_history(self._history, content.root, previous.config, maps)
        self.touched["history"] = (
            set()  # the same answer (HEAD stayed): its values, loaded only as read from the build cache, stay unread
            if history is previous.history
            else {m for m in previous.history.keys() | history.keys() if previous.history.get(m) is not history.get(m)}
        )
        return Site(
            root=content.root, config=previous.config, maps=maps, claims=claims, sources=sources, pages=pages,
            parents=parents, map_claims=map_claims, claim_maps=claim_maps, citing=citing, map_sources=map_sources, tags=tags,
            links=links,
            history=history,
        )  # fmt: skip


def _patchable(before: Content, previous: Site, content: Content, config: SiteConfig) -> bool:
    if tuple(f.name for f in dataclasses.fields(Site)) != KNOWN_FIELDS:
        return False
    return config == previous.config and content.root == before.root


def _unique_ids(content: Content) -> bool:
    """No two claims share an id (in any case), nor two maps or two sources."""
    return all(
        len(set(ids)) == len(ids)
        for ids in ([c.id.casefold() for c in content.claims], [m.id for m in content.maps], [s.id for s in content.sources])
    )


def _tagged(*groups: Sequence[_Tagged]) -> list[_Tagged]:
    return [item for group in groups for item in group]


def _changed(before: Sequence[_T], after: Sequence[_T]) -> tuple[list[_T], list[_T]]:
    """(objects only in ``before``, objects only in ``after``), by identity: the cache keeps the rest.

    Both lists are in file order, so the files before and after the saved ones are runs of the
    very same objects at both ends: only what lies between is compared as sets.
    """
    shorter = min(len(before), len(after))
    start = 0
    while start < shorter and before[start] is after[start]:
        start += 1
    end = 0
    while end < shorter - start and before[-1 - end] is after[-1 - end]:
        end += 1
    old_part, new_part = before[start : len(before) - end], after[start : len(after) - end]
    old = {id(item) for item in old_part}
    new = {id(item) for item in new_part}
    return [item for item in old_part if id(item) not in new], [item for item in new_part if id(item) not in old]


def _claim_shape(claim: Claim) -> object:
    return (tuple((c.claim_id, c.stance) for c in claim.children), tuple(c.source_id for c in claim.citations), claim.tags)


def _reshaped(old: list[_T], new: list[_T], shape: Callable[[_T], object]) -> tuple[list[_T], list[_T]]:
    """The changed objects whose shape (what the indices read) differs, or that came or went."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    same = {i for i in before.keys() & after.keys() if shape(before[i]) == shape(after[i])}
    return [item for item in old if item.id not in same], [item for item in new if item.id not in same]


def _replace(mapping: Mapping[str, _T], removed: Iterable[_T], added: Iterable[_T]) -> dict[str, _T]:
    out = dict(mapping)
    replaced = {item.id for item in added}
    for item in removed:
        if item.id not in replaced and out.get(item.id) is item:
            del out[item.id]
    for item in added:
        out[item.id] = item  # in place when the id was there: the order stays sorted
    return _sorted_if(out, mapping)


def _sorted_if(out: dict[str, _V], before: Mapping[str, _V]) -> dict[str, _V]:
    """Sorted by key, as build_graph leaves it; already so when no key came or went."""
    if out.keys() == before.keys():
        return out
    return dict(sorted(out.items()))


def _patch_parents(
    previous: Mapping[str, tuple[ParentLink, ...]], gone: set[str], old: list[Claim], new: list[Claim]
) -> dict[str, tuple[ParentLink, ...]]:
    added: defaultdict[str, list[ParentLink]] = defaultdict(list)
    for claim in new:
        for link in claim.children:
            added[link.claim_id].append(ParentLink(claim.id, link.stance))
    out = dict(previous)
    for child in {link.claim_id for claim in (*old, *new) for link in claim.children}:
        kept = [p for p in previous.get(child, ()) if p.parent_id not in gone] + added.get(child, [])
        if kept:
            out[child] = tuple(sorted(kept, key=lambda p: (p.parent_id, p.stance)))
        else:
            out.pop(child, None)
    return _sorted_if(out, previous)


def _patch_citing(
    previous: Mapping[str, tuple[str, ...]], gone: set[str], old: list[Claim], new: list[Claim]
) -> dict[str, tuple[str, ...]]:
    out = dict(previous)
    for source_id in {cite.source_id for claim in (*old, *new) for cite in claim.citations}:
        citing = set(previous.get(source_id, ())) - gone
        citing.update(c.id for c in new if any(cite.source_id == source_id for cite in c.citations))
        if citing:
            out[source_id] = tuple(sorted(citing))
        else:
            out.pop(source_id, None)
    return _sorted_if(out, previous)


def _patch_tags(
    previous: Mapping[str, TagEntry],
    maps: tuple[list[DebateMap], list[DebateMap]],
    claims: tuple[list[Claim], list[Claim]],
    sources: tuple[list[Source], list[Source]],
) -> dict[str, TagEntry]:
    out = dict(previous)
    groups: tuple[tuple[Sequence[_Tagged], Sequence[_Tagged]], ...] = (maps, claims, sources)
    for tag in {t for old, new in groups for item in _tagged(old, new) for t in item.tags}:
        entry = previous.get(tag, TagEntry((), (), ()))
        kinds: list[tuple[str, ...]] = []
        for (old, new), current in zip(groups, (entry.maps, entry.claims, entry.sources), strict=True):
            ids = set(current) - {item.id for item in old}
            ids.update(item.id for item in new if tag in item.tags)
            kinds.append(tuple(sorted(ids)))
        if any(kinds):
            out[tag] = TagEntry(*kinds)
        else:
            out.pop(tag, None)
    return _sorted_if(out, previous)


def _patch_claim_maps(previous: Site, members: Mapping[str, tuple[str, ...]], in_order: list[str]) -> dict[str, tuple[str, ...]]:
    """Each claim's maps in the order build_graph lists them (the maps' file order)."""
    sets = {m: set(ids) for m, ids in members.items()}
    out = dict(previous.claim_maps)
    for claim_id in {c for m in members for c in (*members[m], *previous.map_claims.get(m, ()))}:
        was = set(previous.claim_maps.get(claim_id, ()))
        now = tuple(m for m in in_order if (claim_id in sets[m] if m in sets else m in was))
        if now:
            out[claim_id] = now
        else:
            out.pop(claim_id, None)
    return _sorted_if(out, previous.claim_maps)
