"""What one build leaves in the cache for the next, and reading it back (build and check alike).

Kept apart from ``cached`` (the build's story), which imports the renderer: ``debatemap check``
reads the cache through this module alone, and the class of what is unpickled lives here.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..checks import CheckMemo
from ..collector import collector_paused
from ..content import FileCache
from ..pipeline import CheckedSite, load_site
from ..render.routes import Route
from . import snapshot, store, trees
from .graph import GraphUpdater
from .reads import ReadLog


@dataclass(frozen=True, slots=True)
class SavedIndex:
    state: bytes
    """``render.search_index.SearchIndex``, pickled (loaded only when a document changed)."""
    names: frozenset[str]


@dataclass(slots=True)
class Saved:
    """What one build leaves for the next (the payload of ``store``)."""

    out: str
    """The real path of the output folder the trees are of."""
    model: snapshot.Model
    """Each file's parse, the last site's indices, the checks' findings, the git history."""
    signature: tuple[object, ...]
    """The theme's files and the build's date setting: any change renders everything."""
    routes: bytes
    """The route list, pickled (stored again only when it changes)."""
    deps: ReadLog
    """What each unit read: a page by output path, or INIT, ROUTES, EXTRAS."""
    made_by: dict[str, tuple[str, ...]]
    """Output path of a page -> every file rendering it made (a map's page makes its downloads too)."""
    extras: frozenset[str]
    """The extra files but the search index's: theme assets, the content's static/."""
    search: SavedIndex | None
    """The search index's state and files (``search_units``)."""
    live: trees.Tree
    spare: trees.Tree | None
    templates: dict[str, bytes]
    """Compiled templates (``render.environment.CompiledTemplates``)."""


def unpack(
    saved: Saved | None, content_root: Path, *, with_history: bool = True
) -> tuple[snapshot.Loaded | None, list[Route] | None]:
    if saved is None:
        return None, None
    # 70,000 objects at 10,000 claims: the collector would walk them all, twice, while they are made.
    with collector_paused(promote=True):
        routes: list[Route] = pickle.loads(saved.routes)  # noqa: S301 - from the cache file, whose checksum was verified
        return snapshot.load(saved.model, content_root, with_history=with_history), routes


def load_saved(cache_dir: Path, content_root: Path, warn: Callable[[str], None] | None, doing: str = "building") -> Saved | None:
    try:
        saved = store.read(cache_dir, content_root)
    except store.CacheRefused as exc:
        if warn is not None:
            warn(f"ignoring the build cache in {cache_dir}: {exc}; {doing} without it")
        return None
    if saved is not None and not isinstance(saved, Saved):
        if warn is not None:
            warn(f"ignoring the build cache in {cache_dir}: it holds something else; {doing} without it")
        return None
    return saved


def checked_with_cache(
    content_root: Path, cache_dir: Path, *, strict: bool, warn: Callable[[str], None] | None = None
) -> CheckedSite:
    """``load_site`` starting from the build cache's parses (``debatemap check``), which it only reads."""
    files, graph, checks = FileCache(parallel=True), GraphUpdater(), CheckMemo()
    # No lock: the file is only ever replaced whole, so this reads the old cache or the new one,
    # and a check never waits for a build that is running.
    saved = load_saved(cache_dir, content_root, warn, "checking")
    loaded, _ = unpack(saved, content_root, with_history=False)
    if loaded is not None:
        loaded.restore(files, graph, checks, None)
    return load_site(content_root, strict=strict, cache=files, graph=graph, checks=checks)
