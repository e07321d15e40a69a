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
10,000 (``benchmarks/bench_search.py``); ``search_index.py`` makes the files, and keeps what
made them so that a build with the cache rewrites only what an edit touches.
"""

from __future__ import annotations

from typing import Any

from ..collector import collector_paused
from ..graph import Site
from .markdown import plain_text
from .search_index import INDEX_DIR, search_index
from .search_records import Record, records

__all__ = ["INDEX_DIR", "Record", "records", "search_files", "search_page"]


def search_files(site: Site) -> dict[str, bytes]:
    """Every file of the search index by output path."""
    with collector_paused():
        return search_index(records(site))


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
