"""Record what rendering reads from the site, so a rebuild re-renders only what a change touches.

Pages are rendered from a ``Site`` whose mappings and model objects note every read in a
``Recorder``: a key looked up or tested (``("claims", id)``), a field of a model object
(``("claims", id, "text")``), a mapping walked (``("claims", KEYS)``) or counted
(``("claims", LENGTH)``). What a page read is all its bytes can depend on, apart from the
site settings and the theme, which change everything. Comparing the old and the new site key
by key (``delta``) then names exactly the pages to render again, whatever the templates show:
a template that starts showing a claim's grandparents is followed without a rule to update.

Reading through the recorder costs a Python call per read, so only ``serve`` and builds with
the build cache render this way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

from ..graph import Site
from ..render.pages import Lookups

Key = tuple[str, ...]
"""(mapping, key) for a lookup, (mapping, key, field) for a field, (mapping, KEYS | LENGTH) for the whole."""
KEYS = "\x00keys"
"""Walking a mapping: its keys and their order. No id or tag can be this: the loader refuses control characters."""
LENGTH = "\x00len"
"""Counting a mapping (a page that shows '130 claims' changes only when the count does)."""

_V = TypeVar("_V")
_ABSENT: Any = object()


class Recorder:
    """Collects the reads of one unit of work (a page, the route list) at a time.

    Each read adds a token to ``reads``: here the key itself. A recorder whose reads are only
    ever hashed adds the hashes instead (``reads.HashingRecorder``). Proxies and mappings make
    their tokens once, when they are made, so a read adds an object that already exists.
    """

    __slots__ = ("_interned", "reads")

    def __init__(self) -> None:
        self.reads: set[Any] = set()
        self._interned: dict[Key, Key] = {}

    def token(self, key: Key) -> Any:
        """What a read of ``key`` adds to ``reads``."""
        return key

    def take(self) -> frozenset[Key]:
        """The reads since the last call, shared with equal keys already held (10,000 pages read many alike)."""
        reads, self.reads = self.reads, set()
        # setdefault(key, key) for each key, in C: two iterators over one set yield the same order.
        return frozenset(map(self._interned.setdefault, reads, reads))

    def take_unshared(self) -> set[Any]:
        """The reads since the last call, as recorded: for a caller that only hashes or numbers
        them and keeps none (a render worker), sharing equal keys would be work for nothing."""
        reads, self.reads = self.reads, set()
        return reads

    def take_hashed(self, hashed: Callable[[set[Key]], bytes]) -> bytes:
        """The reads since the last call, as ``hashed`` makes bytes of keys (``reads.ReadLog``); a
        recorder whose reads are hashes already makes the bytes itself."""
        return hashed(self.take_unshared())

    def clear(self) -> None:
        """Forget the reads since the last call (work whose reads are counted elsewhere)."""
        self.reads = set()

    def shared(self, keys: Sequence[Key]) -> list[Key]:
        """Keys read in another process, each made the key already held where equal (as ``take`` does)."""
        return list(map(self._interned.setdefault, keys, keys))


class TrackedMapping(Mapping[str, _V]):
    """A read-only view of one of the site's mappings that records every access.

    Each key's token and proxy (``tracked``) are made once and kept here: the site is frozen, so
    they serve every page, and a page looks values up a few dozen times.
    """

    __slots__ = ("_data", "_entries", "_keys", "_length", "_name", "_recorder")

    def __init__(self, name: str, data: Mapping[str, _V], recorder: Recorder) -> None:
        self._name = name
        self._data = data
        self._recorder = recorder
        self._entries: dict[str, tuple[Any, Any]] = {}
        """Key -> (the token of looking it up, its value seen through a proxy, or ``_ABSENT``): the
        site is frozen, so a key missing once is missing for good (pages look up many that are:
        link checks, histories)."""
        self._keys = recorder.token((name, KEYS))
        self._length = recorder.token((name, LENGTH))

    def _entry(self, key: str) -> tuple[Any, Any]:
        """The entry of ``key``, made now: (its token, its value seen through a proxy, or ``_ABSENT``)."""
        where = (self._name, key)
        value = tracked(self._data[key], where, self._recorder) if key in self._data else _ABSENT
        entry = self._entries[key] = (self._recorder.token(where), value)
        return entry

    def __getitem__(self, key: str) -> _V:
        entry = self._entries.get(key) or self._entry(key)
        self._recorder.reads.add(entry[0])
        if entry[1] is _ABSENT:
            raise KeyError(key)
        return cast(_V, entry[1])

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return key in self._data
        entry = self._entries.get(key) or self._entry(key)
        self._recorder.reads.add(entry[0])
        return entry[1] is not _ABSENT

    def get(self, key: str, default: Any = None) -> Any:
        entry = self._entries.get(key) or self._entry(key)
        self._recorder.reads.add(entry[0])
        return default if entry[1] is _ABSENT else entry[1]

    def __iter__(self) -> Iterator[str]:
        self._recorder.reads.add(self._keys)
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.reads.add(self._length)
        return len(self._data)


_PROXY_CLASSES: dict[tuple[type, bool], type] = {}
_IDENTITY = "id"
"""The field that, on the site's claims, maps and sources, is the key they are stored under."""


def _proxy_class(cls: type, keyed_by_id: bool) -> type:
    """A subclass of a frozen model dataclass whose field reads are recorded and forwarded.

    A subclass rather than a wrapper, so ``isinstance`` and ``dataclasses.fields`` keep working in
    any template or helper; equality and hashing are those of the real object. Each field is a
    property, so only field reads pay for a Python call: the lookups Jinja2 and MarkupSafe make
    of other names (``__html__``, ``__class__``) stay as fast as on the real object.

    ``keyed_by_id``: the object's ``id`` is the key it was looked up by. Then ``id`` is a plain
    copy, read without a call and recorded by nobody: it cannot change while the key stands, and
    the lookup that handed out the proxy already recorded the key. A claim page reads ids more
    than any other field (a third of its field reads: links, anchors, comparisons).
    """
    made = _PROXY_CLASSES.get((cls, keyed_by_id))
    if made is not None:
        return made
    names = tuple(f.name for f in dataclasses.fields(cls) if not (keyed_by_id and f.name == _IDENTITY))
    get = object.__getattribute__

    def __eq__(self: object, other: object) -> bool:
        get(self, "_dm_recorder").reads.update(get(self, "_dm_tokens"))
        return bool(get(self, "_dm_target") == unwrap(other))

    def __hash__(self: object) -> int:
        return hash(get(self, "_dm_target"))

    namespace: dict[str, Any] = {
        "__slots__": ("_dm_recorder", "_dm_target", "_dm_tokens"),
        "__eq__": __eq__,
        "__hash__": __hash__,
        "_dm_fields": names,
    }
    namespace.update((name, _field_reader(name, number)) for number, name in enumerate(names))
    proxy: type = type(f"Tracked{cls.__name__}", (cls,), namespace)
    _PROXY_CLASSES[cls, keyed_by_id] = proxy
    return proxy


def _field_reader(name: str, number: int) -> property:
    """The property standing in for field ``name``: note the read (the proxy's token ``number``),
    then read the real object."""

    def read(self: Any) -> Any:
        self._dm_recorder.reads.add(self._dm_tokens[number])
        return getattr(self._dm_target, name)

    return property(read)


def tracked(value: _V, key: Key, recorder: Recorder) -> _V:
    """``value`` (a frozen dataclass) seen through a recording proxy; anything else as it is."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    keyed_by_id = len(key) == 2 and getattr(value, _IDENTITY, None) == key[1]
    cls = _proxy_class(type(value), keyed_by_id)
    proxy: object = object.__new__(cls)
    object.__setattr__(proxy, "_dm_target", value)
    object.__setattr__(proxy, "_dm_recorder", recorder)
    object.__setattr__(proxy, "_dm_tokens", tuple(recorder.token((*key, name)) for name in cls._dm_fields))  # type: ignore[attr-defined]
    if keyed_by_id:  # the model class's own slot, which the proxy's ``id`` reads (see ``_proxy_class``)
        object.__setattr__(proxy, _IDENTITY, key[1])
    return cast(_V, proxy)


def unwrap(value: object) -> object:
    """The real object behind a proxy (anything else unchanged)."""
    if type(value) in _PROXY_CLASSES.values():
        return object.__getattribute__(value, "_dm_target")
    return value


def tracked_site(site: Site, recorder: Recorder) -> Site:
    """``site`` with every mapping recording its reads; values are proxied once and reused."""
    views: dict[str, Any] = {}
    for field in dataclasses.fields(site):
        data = getattr(site, field.name)
        if isinstance(data, Mapping):
            views[field.name] = TrackedMapping(field.name, data, recorder)
    return dataclasses.replace(site, **views)


class ReplayedLookups(Lookups):
    """Lookups kept across the pages a recorder records (``render.pages.Lookups``): what making
    each one read is kept with it and added to the reads of every page that uses it, so a page
    reads exactly what it would have read making the lookup itself.

    A bibliography page sorts every source by one key; made afresh for each page, the sorts read
    every source's fields through the proxies, page after page: at 100,000 claims the 313 pages
    of the bibliography took 7.3 s recorded against 0.45 s plain.
    """

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self._recorder = recorder
        self._reads: dict[Hashable, frozenset[Any]] = {}

    def get(self, key: Hashable, make: Callable[[], _V]) -> _V:
        recorder = self._recorder
        reads = self._reads.get(key)
        if reads is not None:
            recorder.reads.update(reads)
            found: _V = self._kept[key]
            return found
        outer, recorder.reads = recorder.reads, set()
        try:
            made = make()
        finally:
            inner, recorder.reads = recorder.reads, outer
            outer.update(inner)
        self._kept[key] = made
        self._reads[key] = frozenset(inner)
        return made
