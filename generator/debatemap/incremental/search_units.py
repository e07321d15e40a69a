"""The search index in a build with the cache: each document a unit of its own, with its reads.

A full build makes every document while recording what each reads (``SEARCH`` holds what all of
them share: the documents' order, which claims are theses, each claim's side of each thesis),
and keeps the index's state (``render.search_index.SearchIndex``) pickled in the cache. After
an edit, a warm build makes again only the documents whose reads changed (found with the
pages': ``cached``) and lets the index rewrite the files they touch. When what all documents
share changed (a claim added, moved or removed), or the index cannot take the change,
everything is made again, as a cold build does.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import dataclass

from ..collector import collector_paused
from ..graph import Site
from ..render.search_index import SearchIndex
from ..render.search_records import Documents, Record
from .reads import ReadLog
from .saved import SavedIndex
from .tracking import Key, Recorder

SEARCH = "\x00search"
"""The unit of what every document shares. No output path starts with a NUL."""
_DOC = SEARCH + "\x00"


def _unit(kind: str, id_: str) -> str:
    """A document's unit: its kind and id."""
    return f"{_DOC}{kind}\x00{id_}"


@dataclass(slots=True)
class Indexed:
    """What making (or updating) the index left."""

    files: dict[str, bytes]
    """The files to write: all of them, or after an update those whose bytes changed."""
    gone: set[str]
    """Files of the last index that are no longer made."""
    names: frozenset[str]
    """Every file of the index now."""
    state: bytes
    """The index's state, pickled, for the next build."""
    reads: dict[str, bytes]
    """Unit -> the hashes of its reads (``ReadLog.units``): every unit after a full pass, the
    documents made again after an update."""
    full: bool


def index_everything(site: Site, recorder: Recorder, before: frozenset[str] = frozenset()) -> Indexed:
    """Make every document, recording what each reads, and all the index's files; ``before``
    names the files of the last index (those not made again go)."""
    with collector_paused():
        log = ReadLog()
        recorder.clear()
        documents = Documents(site)
        order = documents.order()
        log.take(SEARCH, recorder)
        docs = []
        for kind, id_ in order:
            record = documents.record(kind, id_)
            log.take(_unit(kind, id_), recorder)
            docs.append(record)
        index, files = SearchIndex.build(docs)
        names = frozenset(index.names())
        return Indexed(files, set(before - names), names, _pickle(index), log.units, full=True)


def document_units(deps: ReadLog) -> list[str]:
    """The units of the search documents ``deps`` holds."""
    return [unit for unit in deps.units if unit.startswith(_DOC)]


def index_changes(site: Site, recorder: Recorder, saved: SavedIndex, stale: set[str]) -> Indexed:
    """Update the last index for its ``stale`` documents (units whose reads changed); the caller
    has found that what every document shares (``SEARCH``) did not change."""
    if not stale:  # the index is not even unpickled
        return Indexed({}, set(), saved.names, saved.state, {}, full=False)
    with collector_paused():
        index: SearchIndex = pickle.loads(saved.state)  # noqa: S301 - from the cache file, whose checksum was verified
        documents = Documents(site)  # what it reads is SEARCH's, which did not change
        log = ReadLog()
        changes: dict[int, Record] = {}
        for number, (kind, id_) in enumerate(index.keys):
            unit = _unit(kind, id_)
            if unit in stale:
                recorder.clear()
                changes[number] = documents.record(kind, id_)
                log.take(unit, recorder)
        update = index.update(changes)
        if update is None:  # an average length moved: every weight is made again
            docs = index.all_documents()
            for number, record in changes.items():
                docs[number] = record
            index, files = SearchIndex.build(docs)
            names = frozenset(index.names())
            return Indexed(files, set(saved.names - names), names, _pickle(index), log.units, full=False)
        files, gone = update
        return Indexed(files, gone, frozenset(index.names()), _pickle(index), log.units, full=False)


@dataclass(frozen=True, slots=True)
class LiveIndex:
    """The search index ``serve`` keeps between saves: its state, what each document read, and
    the keys that changed since it was made (looked up when saving pauses, not at every save)."""

    index: SavedIndex
    reads: ReadLog
    """``SEARCH`` and each document's unit."""
    changed: frozenset[Key] = frozenset()

    def after(self, changed: Iterable[Key]) -> LiveIndex:
        """This index with a save's changed keys added to those it has yet to take in, when one of
        its documents read one (a link's health, say, is on no document: the index stays as it is)."""
        keys = frozenset(changed)
        hashes = self.reads.hashes(keys)
        if not self.reads.read_any(SEARCH, hashes) and not self.reads.stale(hashes, document_units(self.reads)):
            return self
        return LiveIndex(self.index, self.reads, self.changed | keys)


def live_index(site: Site, recorder: Recorder, last: LiveIndex | None) -> tuple[Indexed, LiveIndex]:
    """``last`` brought up to date as the build cache does (``index_changes``): only the documents
    whose reads changed are made again; made whole when there is no index yet or when what every
    document shares changed (a claim added, moved or removed)."""
    if last is not None:
        hashes = last.reads.hashes(last.changed)
        if not last.reads.read_any(SEARCH, hashes):
            indexed = index_changes(site, recorder, last.index, last.reads.stale(hashes, document_units(last.reads)))
            reads = ReadLog({**last.reads.units, **indexed.reads})
            return indexed, LiveIndex(SavedIndex(indexed.state, indexed.names), reads)
    indexed = index_everything(site, recorder, last.index.names if last is not None else frozenset())
    return indexed, LiveIndex(SavedIndex(indexed.state, indexed.names), ReadLog(dict(indexed.reads)))


def _pickle(index: SearchIndex) -> bytes:
    return pickle.dumps(index, pickle.HIGHEST_PROTOCOL)


def forget_documents(deps: ReadLog) -> None:
    """Drop every document's unit (before a full pass records them anew: documents may have gone)."""
    for unit in [unit for unit in deps.units if unit.startswith(_DOC)]:
        deps.pop(unit)
