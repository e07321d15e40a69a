"""The search index: built from the model at build time, sharded so a query loads only a little.

A browser on a static host cannot ask a server, so the index is a set of small files under
``search/index/`` that ``search.js`` loads on demand, each a script handing one JSON value to
``debatemapIndex(key, value)`` (so that it loads from disk too, where fetch() is refused):

- ``meta.js``: counts, the shard keys and a version hash (always loaded, a few KB);
- ``t/<key>.js``: the postings of every term starting with ``key`` (two letters, or three for
  crowded prefixes), ``{term: [doc delta, weight, ...]}``; a query fetches one shard per word;
- ``d/<n>.js``: the documents to show, ``CHUNK`` per file, in map-outline order so the
  results of one query tend to share files;
- ``f/<filter>/<value>.js``: the documents one filter value keeps (stance ``con``, a map,
  a tag, a source kind or year); fetched only when that filter is set.

The documents and their weighted fields come from ``search_records.py`` (claim text above
tags above details above cited sources), so a claim whose own sentence matches ranks above one
that only mentions the word in its details. Every
file is sorted JSON from sorted input: the same content gives the same bytes. Building is a
few passes over the model, linear in its text: 0.2 s for 1,000 claims and 2 to 3 s for
10,000 (``benchmarks/bench_search.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

from ..collector import collector_paused
from ..graph import Site
from .markdown import plain_text
from .search_records import FACETS, Record, records
from .search_text import STOP_WORDS, term_counts

__all__ = ["INDEX_DIR", "Record", "records", "search_files", "search_page"]

INDEX_DIR = "search/index/"
CHUNK = 16
"""Documents per display file: results are shown ten at a time, and each costs at most one such file."""
SPLIT_BYTES = 24_000
"""A two-letter shard larger than this (raw JSON) is split by the third letter."""
_SAFE_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")


def postings(docs: list[Record]) -> dict[str, list[int]]:
    """Term -> [doc, weight, doc, weight, ...] with docs ascending (docs are visited in order).

    A term's weight in a document is BM25F-like: per field, the field's weight times a
    saturating count (a second mention helps less than the first) that is also normalised by
    the field's length against the average for that field and kind of document, so a short
    claim that is about a word ranks above a long one that mentions it in passing.
    """
    fields = [[(_term_counts(text), weight) for text, weight in record.fields if text] for record in docs]
    totals: dict[tuple[str, int], list[int]] = {}
    for record, parts in zip(docs, fields, strict=True):
        for (_, length), weight in parts:
            sums = totals.setdefault((record.kind, weight), [0, 0])
            sums[0] += length
            sums[1] += 1
    average = {key: max(1.0, length / count) for key, (length, count) in totals.items()}
    index: dict[str, list[int]] = {}
    saturate = K1 + 1
    for number, (record, parts) in enumerate(zip(docs, fields, strict=True)):
        weights: dict[str, float] = {}
        get = weights.get
        for (counts, length), weight in parts:
            norm = K1 * (1 - B + B * length / average[record.kind, weight])
            once = weight * saturate / (1 + norm)  # most words occur once in a field
            for term, count in counts:
                weights[term] = get(term, 0.0) + (once if count == 1 else weight * count * saturate / (count + norm))
        for term, total in weights.items():
            value = int(total * SCALE + 0.5) or 1
            entry = index.get(term)
            if entry is None:
                index[term] = [number, value]
            else:
                entry += (number, value)
    return index


K1, B = 1.2, 0.75
"""BM25's usual constants: how fast repeats saturate, how much length matters."""
SCALE = 2
"""Weights are stored as integers in half points."""


@lru_cache(maxsize=262144)
def _term_counts(text: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """A field's terms with their counts, and its length; cached, so a rebuild re-reads little."""
    counts, total = term_counts(text)
    return tuple(counts.items()), total


def _shard_key(term: str, split: set[str]) -> str:
    head = term[:2]
    return term[:3] if head in split else head


def _file_key(key: str) -> str:
    """A shard key or filter value as a safe file name: plain ids as they are, others as '_' + UTF-8 hex."""
    return key if _SAFE_KEY.fullmatch(key) else "_" + key.encode("utf-8").hex()


def _json(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if "\u2028" in text or "\u2029" in text:  # valid JSON, but line ends to JavaScript before ES2019
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.encode("utf-8")


def _delta(numbers: list[int], step: int) -> list[int]:
    """Gaps instead of absolute doc numbers (every ``step``-th value): shorter, and compresses well."""
    absolute = numbers[::step]
    out = list(numbers)
    out[::step] = [b - a for a, b in zip([0, *absolute[:-1]], absolute, strict=True)]
    return out


def _shards(index: dict[str, list[int]]) -> tuple[dict[str, bytes], set[str]]:
    """Shard key -> the shard's JSON, and the two-letter prefixes that were split by a third."""
    by_head: dict[str, dict[str, list[int]]] = {}
    for term in sorted(index):
        by_head.setdefault(term[:2], {})[term] = _delta(index[term], 2)
    shards: dict[str, bytes] = {}
    split: set[str] = set()
    for head, group in by_head.items():
        data = _json(group)
        if len(data) <= SPLIT_BYTES:
            shards[head] = data
            continue
        split.add(head)
        parts: dict[str, dict[str, list[int]]] = {}
        for term, values in group.items():
            parts.setdefault(_shard_key(term, split), {})[term] = values
        shards.update((key, _json(part)) for key, part in parts.items())
    return shards, split


def _filters(docs: list[Record]) -> dict[str, dict[str, list[int]]]:
    out: dict[str, dict[str, list[int]]] = {name: {} for name in FACETS}
    for number, record in enumerate(docs):
        for name, values in record.facets:
            for value in values:
                out[name].setdefault(value, []).append(number)
    return {name: {value: _delta(ids, 1) for value, ids in values.items()} for name, values in out.items()}


def search_files(site: Site) -> dict[str, bytes]:
    """Every file of the search index by output path; cheap enough to rerun whole on each change."""
    with collector_paused():
        return _search_files(site)


def _search_files(site: Site) -> dict[str, bytes]:
    docs = records(site)
    shards, split = _shards(postings(docs))
    files = {f"{INDEX_DIR}t/{_file_key(key)}.json": data for key, data in shards.items()}
    for start in range(0, len(docs), CHUNK):
        files[f"{INDEX_DIR}d/{start // CHUNK}.json"] = _json([r.display() for r in docs[start : start + CHUNK]])
    for name, values in _filters(docs).items():
        for value, numbers in values.items():
            files[f"{INDEX_DIR}f/{name}/{_file_key(value)}.json"] = _json(numbers)
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    kinds = [r.kind for r in docs]
    meta = {
        "version": digest.hexdigest()[:12],
        "docs": len(docs),
        "chunk": CHUNK,
        "types": {k: [kinds.index(k), len(kinds) - kinds[::-1].index(k)] for k in ("map", "claim", "source") if k in kinds},
        "keys": sorted(shards),
        "split": sorted(split),
        "stop": sorted(STOP_WORDS),
    }
    files[f"{INDEX_DIR}meta.json"] = _json(meta)
    return dict(sorted(_as_script(name, data) for name, data in files.items()))


def _as_script(name: str, data: bytes) -> tuple[str, bytes]:
    """``search/index/t/ab.json`` becomes ``search/index/t/ab.js``: ``debatemapIndex("t/ab",{...});``.

    A page opened from disk (file://) may load a script but not fetch() a file, so the index is
    scripts that hand their JSON to search.js, and search works from disk as over HTTP, with no
    second copy of the index (twins in both forms would add 5 % to a site's size). The JSON is
    a complete expression; U+2028 and U+2029 are escaped as JavaScript wants them in any case.
    """
    key = name[len(INDEX_DIR) : -len(".json")]
    body = data.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
    return f"{INDEX_DIR}{key}.js", b'debatemapIndex("' + key.encode() + b'",' + body + b");\n"


def search_page(site: Site) -> dict[str, Any]:
    """The search page's context: the filter choices, rendered into the page so they work as a form."""
    sources = site.sources.values()
    maps = sorted(((m.id, plain_text(m.title)) for m in site.maps.values()), key=lambda item: (item[1].casefold(), item[0]))
    return {
        "title": "Search",
        "description": "Search every claim, map and source, with filters by stance, map, tag, source kind and year.",
        "search_index": INDEX_DIR,
        "filter_maps": maps,
        "filter_tags": list(site.tags),
        "filter_kinds": sorted({s.kind for s in sources if s.kind}),
        "filter_years": sorted({s.published[:4] for s in sources if s.published}, reverse=True),
    }
