"""The search index's files made from its documents, and kept as state that takes an edit.

``search.py`` explains the files. This module makes them from the documents (``search_records``)
and keeps what made them: each term's postings, each field kind's total length, the shard keys
of each two-letter prefix and a digest of every file. A build with the cache keeps that state,
and after an edit ``SearchIndex.update`` weighs again only the documents that changed and
writes only the files whose terms, documents or filter values they touch: a one-claim edit at
10,000 claims rewrites a few dozen of a thousand files, where making them all took 1.5 to 3 s.

Every weight depends on the average length of its field (BM25's length normalisation). That
average is rounded to a whole number of terms, so that an edit moves it only when it crosses a
half (an edit adds or removes a few terms among hundreds of thousands); when it does move,
``update`` says so and the index is made again whole. Cold and warm builds round alike, so their
files are the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .search_records import Record
from .search_text import STOP_WORDS, term_counts

INDEX_DIR = "search/index/"
CHUNK = 16
"""Documents per display file: results are shown ten at a time, and each costs at most one such file."""
SPLIT_BYTES = 24_000
"""A two-letter shard larger than this (raw JSON) is split by the third letter."""
K1, B = 1.2, 0.75
"""BM25's usual constants: how fast repeats saturate, how much length matters."""
SCALE = 2
"""Weights are stored as integers in half points."""
_SAFE_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_META = f"{INDEX_DIR}meta.js"
_TYPECODE = "I" if array("I").itemsize >= 4 else "L"
"""Postings (doc numbers and weights) as unsigned C integers of at least 32 bits."""

Files = dict[str, bytes]
"""Output path -> bytes."""


@lru_cache(maxsize=262144)
def _term_counts(text: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """A field's terms with their counts, and its length; cached, so a rebuild re-reads little."""
    counts, total = term_counts(text)
    return tuple(counts.items()), total


def _lengths(record: Record) -> list[tuple[tuple[str, int], int]]:
    """((kind, field weight), length) of each of a document's non-empty fields."""
    return [((record.kind, weight), _term_counts(text)[1]) for text, weight in record.fields if text]


def field_totals(docs: Iterable[Record]) -> dict[tuple[str, int], list[int]]:
    """(kind of document, field weight) -> [total length, fields] over ``docs``."""
    totals: dict[tuple[str, int], list[int]] = {}
    for record in docs:
        for key, length in _lengths(record):
            sums = totals.setdefault(key, [0, 0])
            sums[0] += length
            sums[1] += 1
    return totals


def _averages(totals: dict[tuple[str, int], list[int]]) -> dict[tuple[str, int], int]:
    """Average length per field kind, rounded half up to whole terms (at least 1), in integers."""
    return {key: max(1, (2 * length + count) // (2 * count)) for key, (length, count) in totals.items()}


def _weights(record: Record, averages: dict[tuple[str, int], int]) -> dict[str, int]:
    """Term -> its weight in ``record``: BM25F-like.

    Per field, the field's weight times a saturating count (a second mention helps less than the
    first), normalised by the field's length against the average for that field and kind of
    document, so a short claim that is about a word ranks above a long one that mentions it in
    passing.
    """
    weights: dict[str, float] = {}
    get = weights.get
    saturate = K1 + 1
    for text, weight in record.fields:
        if not text:
            continue
        counts, length = _term_counts(text)
        norm = K1 * (1 - B + B * length / averages[record.kind, weight])
        once = weight * saturate / (1 + norm)  # most words occur once in a field
        for term, count in counts:
            weights[term] = get(term, 0.0) + (once if count == 1 else weight * count * saturate / (count + norm))
    return {term: int(total * SCALE + 0.5) or 1 for term, total in weights.items()}


def file_key(key: str) -> str:
    """A shard key or filter value as a safe file name: plain ids as they are, others as '_' + UTF-8 hex."""
    return key if _SAFE_KEY.fullmatch(key) else "_" + key.encode("utf-8").hex()


def to_json(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if "\u2028" in text or "\u2029" in text:  # valid JSON, but line ends to JavaScript before ES2019
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.encode("utf-8")


def as_script(name: str, data: bytes) -> tuple[str, bytes]:
    """``search/index/t/ab.json`` becomes ``search/index/t/ab.js``: ``debatemapIndex("t/ab",{...});``.

    A page opened from disk (file://) may load a script but not fetch() a file, so the index is
    scripts that hand their JSON to search.js, and search works from disk as over HTTP, with no
    second copy of the index (twins in both forms would add 5 % to a site's size). The JSON is
    a complete expression; U+2028 and U+2029 are escaped as JavaScript wants them in any case.
    """
    key = name[len(INDEX_DIR) : -len(".json")]
    body = data.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
    return f"{INDEX_DIR}{key}.js", b'debatemapIndex("' + key.encode() + b'",' + body + b");\n"


def _script(key: str, data: Any) -> tuple[str, bytes]:
    return as_script(f"{INDEX_DIR}{key}.json", to_json(data))


def _delta(numbers: Sequence[int], step: int) -> list[int]:
    """Gaps instead of absolute doc numbers (every ``step``-th value): shorter, and compresses well."""
    absolute = numbers[::step]
    out = list(numbers)
    out[::step] = [b - a for a, b in zip([0, *absolute[:-1]], absolute, strict=True)]
    return out


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _find(numbers: Sequence[int], doc: int, step: int) -> int:
    """Where ``doc`` is or would go in ``numbers``, whose every ``step``-th value is a doc number
    (ascending): ``[doc, weight, doc, weight, ...]`` with step 2, ``[doc, doc, ...]`` with 1."""
    low, high = 0, len(numbers) // step
    while low < high:
        middle = (low + high) // 2
        if numbers[step * middle] < doc:
            low = middle + 1
        else:
            high = middle
    return step * low


def _pickled(records: list[Record]) -> bytes:
    return pickle.dumps(records, pickle.HIGHEST_PROTOCOL)


@dataclass(slots=True)
class SearchIndex:
    """What the search index's files were made from (kept by the build cache).

    The documents are kept pickled ``CHUNK`` at a time, as the display files hold them: an update
    unpickles only the chunks of the documents that changed (all of them took 0.15 s to load and
    0.2 s to pickle again at 10,000 claims, more than the rest of a warm build's search work).
    """

    keys: list[tuple[str, str]]
    """(kind, id) of each document, by number."""
    chunks: list[bytes]
    """The documents, ``CHUNK`` per pickled list, by display file."""
    totals: dict[tuple[str, int], list[int]]
    """(kind of document, field weight) -> [total length, fields]."""
    postings: dict[str, array[int]]
    """Term -> [doc, weight, doc, weight, ...], docs ascending: arrays of C integers, which pickle as
    their bytes (as lists, the postings of 10,000 claims took 41 ms to load)."""
    heads: dict[str, set[str]]
    """Two-letter prefix -> its terms."""
    shards: dict[str, tuple[str, ...]]
    """Two-letter prefix -> the shard keys it was written as (itself, or three-letter keys when split)."""
    split: set[str]
    facets: dict[tuple[str, str], list[int]]
    """(filter, value) -> the documents it keeps, ascending."""
    digests: dict[str, bytes]
    """Output path of every file but ``meta.js`` -> a digest of its bytes (the version is made of these)."""

    @classmethod
    def build(cls, docs: list[Record]) -> tuple[SearchIndex, Files]:
        """The index of ``docs`` and all its files."""
        totals = field_totals(docs)
        averages = _averages(totals)
        postings: dict[str, list[int]] = {}
        for number, record in enumerate(docs):
            for term, value in _weights(record, averages).items():
                entry = postings.get(term)
                if entry is None:
                    postings[term] = [number, value]
                else:
                    entry += (number, value)
        heads: dict[str, set[str]] = {}
        for term in postings:
            heads.setdefault(term[:2], set()).add(term)
        facets: dict[tuple[str, str], list[int]] = {}
        for number, record in enumerate(docs):
            for name, labels in record.facets:
                for label in labels:
                    facets.setdefault((name, label), []).append(number)
        chunks = [docs[start : start + CHUNK] for start in range(0, len(docs), CHUNK)]
        keys = [(record.kind, record.id) for record in docs]
        arrays = {term: array(_TYPECODE, values) for term, values in postings.items()}
        index = cls(keys, [_pickled(chunk) for chunk in chunks], totals, arrays, heads, {}, set(), facets, {})
        files: Files = {}
        for head in heads:
            files.update(index._write_head(head))
        files.update(_chunk_file(number, chunk) for number, chunk in enumerate(chunks))
        files.update(index._filter_file(key) for key in facets)
        index.digests = {name: _digest(data) for name, data in files.items()}
        files.update([index._meta()])
        return index, dict(sorted(files.items()))

    def names(self) -> set[str]:
        """Every file of the index."""
        return {*self.digests, _META}

    def documents(self, chunk: int) -> list[Record]:
        """The documents of one display file."""
        records: list[Record] = pickle.loads(self.chunks[chunk])  # noqa: S301 - pickled by this class, in a checked cache
        return records

    def all_documents(self) -> list[Record]:
        return [record for chunk in range(len(self.chunks)) for record in self.documents(chunk)]

    def update(self, changes: dict[int, Record]) -> tuple[Files, set[str]] | None:
        """Take new versions of some documents (by number): (the files whose bytes changed, the files
        that went). None when the index must be made again whole (a document changed kind, or an
        average length moved); then this index is unchanged."""
        chunks: dict[int, list[Record]] = {}
        edits: list[tuple[int, Record, Record]] = []
        for number, after in sorted(changes.items()):
            records = chunks.get(number // CHUNK)
            if records is None:
                records = chunks[number // CHUNK] = self.documents(number // CHUNK)
            before = records[number % CHUNK]
            if before != after:
                edits.append((number, before, after))
                records[number % CHUNK] = after
        if any(before.kind != after.kind for _, before, after in edits):
            return None
        totals = {key: list(sums) for key, sums in self.totals.items()}
        for _, before, after in edits:
            for key, length in _lengths(before):
                totals[key][0] -= length
                totals[key][1] -= 1
            for key, length in _lengths(after):
                sums = totals.setdefault(key, [0, 0])
                sums[0] += length
                sums[1] += 1
        totals = {key: sums for key, sums in totals.items() if sums[1]}
        averages = _averages(totals)
        if averages != _averages(self.totals):
            return None
        self.totals = totals
        touched: set[str] = set()
        filters: set[tuple[str, str]] = set()
        for number, before, after in edits:
            if before.fields != after.fields:
                touched |= self._reweigh(number, _weights(before, averages), _weights(after, averages))
            if before.facets != after.facets:
                filters |= self._refile(number, before, after)
        files: Files = {}
        gone: set[str] = set()
        for head in sorted({term[:2] for term in touched}):
            was = {_shard_name(key) for key in self.shards.get(head, ())}
            made = self._write_head(head)
            files.update(made)
            gone |= was - made.keys()
        for facet in sorted(filters):
            if facet in self.facets:
                files.update([self._filter_file(facet)])
            else:
                gone.add(_filter_name(facet))
        for number in sorted({number // CHUNK for number, _, _ in edits}):
            self.chunks[number] = _pickled(chunks[number])
            files.update([_chunk_file(number, chunks[number])])
        for name in gone:
            del self.digests[name]
        changed = {name: data for name, data in files.items() if self.digests.get(name) != _digest(data)}
        self.digests.update((name, _digest(data)) for name, data in changed.items())
        if changed or gone:
            changed.update([self._meta()])
        return dict(sorted(changed.items())), gone

    def _reweigh(self, number: int, before: dict[str, int], after: dict[str, int]) -> set[str]:
        """Put document ``number``'s new weights in the postings; the terms whose postings changed."""
        touched: set[str] = set()
        for term in before.keys() | after.keys():
            value = after.get(term)
            if before.get(term) == value:
                continue
            touched.add(term)
            entry = self.postings.get(term)
            if entry is None:
                assert value is not None
                self.postings[term] = array(_TYPECODE, (number, value))
                self.heads.setdefault(term[:2], set()).add(term)
                continue
            at = _find(entry, number, 2)
            if value is None:
                del entry[at : at + 2]
                if not entry:
                    del self.postings[term]
                    self.heads[term[:2]].discard(term)
            elif at < len(entry) and entry[at] == number:
                entry[at + 1] = value
            else:
                entry[at:at] = array(_TYPECODE, (number, value))
        return touched

    def _refile(self, number: int, before: Record, after: Record) -> set[tuple[str, str]]:
        """Move document ``number`` between filter values; the (filter, value) pairs that changed."""
        old = {(name, value) for name, values in before.facets for value in values}
        new = {(name, value) for name, values in after.facets for value in values}
        for facet in old - new:
            numbers = self.facets[facet]
            del numbers[_find(numbers, number, 1)]
            if not numbers:
                del self.facets[facet]
        for facet in new - old:
            numbers = self.facets.setdefault(facet, [])
            at = _find(numbers, number, 1)
            numbers[at:at] = [number]
        return old ^ new

    def _write_head(self, head: str) -> Files:
        """The shard files of one two-letter prefix (none when it has no terms left)."""
        terms = self.heads.get(head)
        self.split.discard(head)
        if not terms:
            self.heads.pop(head, None)
            self.shards.pop(head, None)
            return {}
        group = {term: _delta(self.postings[term], 2) for term in sorted(terms)}
        data = to_json(group)
        if len(data) <= SPLIT_BYTES:
            self.shards[head] = (head,)
            return dict([as_script(f"{INDEX_DIR}t/{file_key(head)}.json", data)])
        self.split.add(head)
        parts: dict[str, dict[str, list[int]]] = {}
        for term, values in group.items():
            parts.setdefault(term[:3], {})[term] = values
        self.shards[head] = tuple(parts)
        return dict(_script(f"t/{file_key(key)}", part) for key, part in parts.items())

    def _filter_file(self, key: tuple[str, str]) -> tuple[str, bytes]:
        name, value = key
        return _script(f"f/{name}/{file_key(value)}", _delta(self.facets[key], 1))

    def _meta(self) -> tuple[str, bytes]:
        """Counts, the shard keys and a version that changes with any file (``search.js`` keys its cache by it)."""
        version = hashlib.sha256()
        for name in sorted(self.digests):
            version.update(name.encode() + b"\0" + self.digests[name])
        kinds = [kind for kind, _ in self.keys]
        meta = {
            "version": version.hexdigest()[:12],
            "docs": len(self.keys),
            "chunk": CHUNK,
            "types": {k: [kinds.index(k), len(kinds) - kinds[::-1].index(k)] for k in ("map", "claim", "source") if k in kinds},
            "keys": sorted(key for keys in self.shards.values() for key in keys),
            "split": sorted(self.split),
            "stop": sorted(STOP_WORDS),
        }
        return _script("meta", meta)


def _shard_name(key: str) -> str:
    return f"{INDEX_DIR}t/{file_key(key)}.js"


def _filter_name(key: tuple[str, str]) -> str:
    return f"{INDEX_DIR}f/{key[0]}/{file_key(key[1])}.js"


def _chunk_file(number: int, records: list[Record]) -> tuple[str, bytes]:
    return _script(f"d/{number}", [record.display() for record in records])


def search_index(docs: Iterable[Record]) -> Files:
    """Every file of the index of ``docs``."""
    return SearchIndex.build(list(docs))[1]
