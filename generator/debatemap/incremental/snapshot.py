"""The loaded model in the build cache, stored so that a warm build pickles only what changed.

Pickling the whole model (every file's parse, the site with its indices, the git history) took
0.6 s of a warm build at 10,000 claims, most of it Python calls for each of 80,000 frozen
dataclasses. Here each content file's parse is pickled on its own and kept as bytes, so a build
pickles again only the files it parsed again; the git history is pickled again only when it
changed (HEAD moved); the site is not stored at all but made again from the parses (its
mappings are those of ``build_graph`` when ids are unique, the only case the incremental graph
patches) and from its indices, stored as plain tuples.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import CheckMemo
from ..content import Content, FileCache
from ..content.folder import add_part
from ..diagnostics import Diagnostic
from ..graph import Site, TagEntry, link_index
from ..history import GitHistory
from ..model import ParentLink

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
    """The git history read and the last site's changes per map, pickled together (they share objects)."""
    history_key: object
    found: list[Diagnostic]


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
    history_state: tuple[object, ...] = ()
    site_history: dict[str, Any] = {}
    if with_history:
        history_state, site_history = pickle.loads(model.history)  # noqa: S301
    content: Content | None = Content(root)
    for name in model.order:
        entry = parsed.get(name)
        if entry is None or content is None:
            content = None
            break
        add_part(content, [], entry.part, entry.diags)
        content.files.append(Path(name))
    site = _site(content, model.indices, site_history) if content is not None else None
    return Loaded(parsed, model.names, content, site, model.found, history_state, model, blobs)


def _site(content: Content, indices: bytes | None, history: dict[str, Any]) -> Site | None:
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
    state = history.saved()
    site_history = dict(site.history) if site is not None else {}
    key = (state[2], tuple(sorted(state[4])), state[5], tuple(site_history))  # type: ignore[call-overload]
    if (
        before is not None
        and before.model.history_key == key
        and all(site_history[m] is before.site.history.get(m) for m in site_history if before.site is not None)
    ):
        blob = before.model.history
    else:
        blob = pickle.dumps((state, site_history), _PROTOCOL)
    found = checks.saved()[1]
    return Model(parts, dict(names), order, indices, blob, key, list(found))
