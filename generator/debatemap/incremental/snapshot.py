"""The loaded model in the build cache, stored so that a warm build pickles only what changed.

Pickling the whole model (every file's parse, the site with its indices, the git history) took
0.6 s of a warm build at 10,000 claims, most of it Python calls for each of 80,000 frozen
dataclasses. Here each content file's parse is pickled on its own and kept as bytes, so a build
pickles again only the files it parsed again; each map's changes from the git history are kept
as bytes too, and unpickled only when a page reads them (``StoredChanges``: a wording edit reads
one map's, where loading them all took 20-45 ms); the site is not stored at all but made again
from the parses (its mappings are those of ``build_graph`` when ids are unique, the only case
the incremental graph patches) and from its indices, stored as plain tuples.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import CheckMemo
from ..content import Content, FileCache
from ..content.folder import add_part
from ..diagnostics import Diagnostic
from ..graph import Site, TagEntry, link_index
from ..history import GitHistory
from ..model import MapChange, ParentLink

_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(slots=True)
class Model:
    """What the cache file holds of the model."""

    parts: dict[str, bytes]
    """File name -> its parse (``FileCache`` entry), pickled alone."""
    names: dict[str, str]
    order: list[str]
    """The files of the last content, in the order they were read."""
    indices: bytes | None
    """The last site's indices as tuples; None when it is not to be made again (duplicate ids)."""
    history: bytes
    """What the git history read (``GitHistory.saved``) but each map's changes, pickled."""
    changes: dict[str, bytes]
    """Map id -> its changes, pickled alone (``GitHistory``'s, which the site's history shares)."""
    site_history: tuple[str, ...] | None
    """The maps in the last site's history, whose values are all among ``changes``; None when
    they were not (the site is then made anew)."""
    answered: bool
    """Whether the site's history was the history's last answer (given again while HEAD stays)."""
    found: list[Diagnostic]


class StoredChanges(Mapping[str, tuple[MapChange, ...]]):
    """Each map's changes as the build cache keeps them, unpickled when first read. Views made
    by ``only`` share what is loaded, so a map's changes are one object however they are reached
    (the graph compares them by identity)."""

    __slots__ = ("_blobs", "_keys", "_loaded")

    def __init__(self, blobs: dict[str, bytes], keys: Iterable[str] | None = None, loaded: dict[str, Any] | None = None) -> None:
        self._blobs = blobs
        self._keys = dict.fromkeys(blobs if keys is None else keys)
        self._loaded: dict[str, tuple[MapChange, ...]] = {} if loaded is None else loaded

    def only(self, keys: Iterable[str]) -> StoredChanges:
        return StoredChanges(self._blobs, keys, self._loaded)

    def __getitem__(self, key: str) -> tuple[MapChange, ...]:
        if key not in self._keys:
            raise KeyError(key)
        value = self._loaded.get(key)
        if value is None:
            value = self._loaded[key] = pickle.loads(self._blobs[key])  # noqa: S301 - from the cache file, whose checksum was verified
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def blob(self, key: str, value: object) -> bytes | None:
        """The stored bytes of ``key``'s changes when ``value`` is what they loaded as."""
        return self._blobs[key] if self._loaded.get(key) is value else None

    def stored(self) -> dict[str, bytes]:
        """Every map's stored bytes (they still hold: this is read-only)."""
        return {key: self._blobs[key] for key in self._keys}

    def shares(self, other: StoredChanges) -> bool:
        """Whether ``other`` is a view of the same stored changes (``only``)."""
        return self._blobs is other._blobs and self._loaded is other._loaded


@dataclass(slots=True)
class Loaded:
    """The model as a build starts from it, and what lets the next save reuse its bytes."""

    parsed: dict[str, Any]
    names: dict[str, str]
    content: Content | None
    site: Site | None
    found: list[Diagnostic]
    history: tuple[object, ...]
    model: Model
    blobs: dict[int, bytes] = field(default_factory=dict)
    """id() of each loaded parse -> its bytes (the objects live as long as this does)."""
    changes: StoredChanges | None = None
    """Each map's changes as loaded (their bytes serve again for those still the same)."""

    def restore(self, files: FileCache, graph: Any, checks: CheckMemo, history: GitHistory | None) -> None:
        # Copies: the cache changes its own dicts, and ``save`` must compare with what was loaded
        # (those entries stay alive here, so no id in ``blobs`` can come back for a new object).
        files.restore((dict(self.parsed), dict(self.names)))
        graph.restore((self.content, self.site, self.site is not None))
        checks.restore((self.content, list(self.found)))
        if history is not None:
            history.restore(self.history)


def load(model: Model, root: Path, *, with_history: bool = True) -> Loaded:
    parsed: dict[str, Any] = {}
    blobs: dict[int, bytes] = {}
    for name, blob in model.parts.items():
        entry = pickle.loads(blob)  # noqa: S301 - from the cache file, whose checksum was verified
        parsed[name] = entry
        blobs[id(entry)] = blob
    changes = StoredChanges(model.changes)
    site_history: Mapping[str, tuple[MapChange, ...]] | None = None
    if not with_history:  # ``check``: its graph is patched without a history, so the site starts with none
        site_history = {}
    elif model.site_history is not None:
        site_history = changes.only(model.site_history)
    history_state: tuple[object, ...] = ()
    if with_history:
        root_, repo, head, log, note, asked = pickle.loads(model.history)  # noqa: S301
        answer = site_history if model.answered else None
        history_state = (root_, repo, head, log, changes, note, asked if answer is not None else None, answer)
    content: Content | None = Content(root)
    for name in model.order:
        entry = parsed.get(name)
        if entry is None or content is None:
            content = None
            break
        add_part(content, [], entry.part, entry.diags)
        content.files.append(Path(name))
    site = _site(content, model.indices, site_history) if content is not None and site_history is not None else None
    return Loaded(parsed, model.names, content, site, model.found, history_state, model, blobs, changes)


def _site(content: Content, indices: bytes | None, history: Mapping[str, tuple[MapChange, ...]]) -> Site | None:
    """The site ``build_graph`` made of ``content`` (whose ids are unique), from its stored indices."""
    if indices is None or content.config is None:
        return None
    parents, map_claims, claim_maps, citing, map_sources, tags = pickle.loads(indices)  # noqa: S301
    return Site(
        root=content.root,
        config=content.config,
        maps={m.id: m for m in sorted(content.maps, key=lambda m: m.id)},
        claims={c.id: c for c in sorted(content.claims, key=lambda c: c.id)},
        sources={s.id: s for s in sorted(content.sources, key=lambda s: s.id)},
        pages={p.slug: p for p in sorted(content.pages, key=lambda p: p.slug)},
        parents={k: tuple(ParentLink(p, s) for p, s in links) for k, links in parents.items()},
        map_claims=map_claims,
        claim_maps=claim_maps,
        citing=citing,
        map_sources=map_sources,
        tags={t: TagEntry(*entry) for t, entry in tags.items()},
        links=link_index(content.links),
        history=history,
    )


_INDICES = ("parents", "map_claims", "claim_maps", "citing", "map_sources", "tags")
"""The site's fields stored in ``Model.indices`` (the rest is made again from the parses)."""


def _same_indices(site: Site, before: Loaded) -> bool:
    """Whether ``site`` has the indices ``before`` loaded, so their stored bytes serve again (a
    wording edit keeps them: the graph is patched with the very same entries, and comparing
    identical entries costs a lookup each, where making the bytes again took 25 ms)."""
    old = before.site
    if old is None or before.model.indices is None:
        return False
    return all(getattr(site, name) == getattr(old, name) for name in _INDICES)


def save(files: FileCache, graph: Any, checks: CheckMemo, history: GitHistory, before: Loaded | None) -> Model:
    """The model to store, reusing the bytes of every parse and history ``before`` loaded and still holds."""
    parsed, names = files.saved()
    parts: dict[str, bytes] = {}
    for name, entry in parsed.items():
        blob = before.blobs.get(id(entry)) if before is not None and before.parsed.get(name) is entry else None
        parts[name] = blob if blob is not None else pickle.dumps(entry, _PROTOCOL)
    content, site, unique = graph.saved()
    order = [os.fspath(path) for path in content.files] if content is not None else []
    indices = None
    if site is not None and unique and before is not None and _same_indices(site, before):
        indices = before.model.indices
    elif site is not None and unique:
        indices = pickle.dumps(
            (
                {k: tuple((p.parent_id, p.stance) for p in links) for k, links in site.parents.items()},
                dict(site.map_claims), dict(site.claim_maps), dict(site.citing), dict(site.map_sources),
                {t: (e.maps, e.claims, e.sources) for t, e in site.tags.items()},
            ),
            _PROTOCOL,
        )  # fmt: skip
    root_, repo, head, log, made, note, asked, answer = history.saved()
    blob = pickle.dumps((root_, repo, head, log, note, asked), _PROTOCOL)
    changes = made.stored() if isinstance(made, StoredChanges) else _changes(made, before)  # type: ignore[arg-type]
    keys = _history_keys(site.history, made) if site is not None else None  # type: ignore[arg-type]
    answered = keys is not None and site.history is answer
    found = checks.saved()[1]
    return Model(parts, dict(names), order, indices, blob, changes, keys, answered, list(found))


def _history_keys(
    history: Mapping[str, tuple[MapChange, ...]], made: Mapping[str, tuple[MapChange, ...]]
) -> tuple[str, ...] | None:
    """The site's ``history`` as its keys, when each of its values is one of ``made``'s changes (None when not)."""
    if isinstance(history, StoredChanges):  # never loaded whole just to be compared
        return tuple(history) if isinstance(made, StoredChanges) and history.shares(made) else None
    return tuple(history) if all(value is made.get(key) for key, value in history.items()) else None


def _changes(made: Mapping[str, tuple[MapChange, ...]], before: Loaded | None) -> dict[str, bytes]:
    """Each map's changes as bytes: the stored ones where they are still what was loaded."""
    stored = before.changes if before is not None else None
    blobs: dict[str, bytes] = {}
    for key, value in made.items():
        blob = stored.blob(key, value) if stored is not None else None
        blobs[key] = blob if blob is not None else pickle.dumps(value, _PROTOCOL)
    return blobs
