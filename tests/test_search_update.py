"""The search index updated in place after an edit holds exactly the files a fresh index holds.

A build with the cache keeps ``SearchIndex`` between builds and gives it the documents an edit
changed; what it writes, over the files it wrote before, must be the bytes of an index made from
scratch, whatever the edit: words added, removed or repeated, a filter value gained or lost, a
crowded prefix split or joined again, a result's display changed with nothing to index.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debatemap.pipeline import load_site
from debatemap.render import search_index
from debatemap.render.search_index import SearchIndex, _averages, field_totals
from debatemap.render.search_records import Record, records

CONTENT = Path(__file__).resolve().parents[1] / "content"

WORDS = ["open", "weights", "misuse", "zeppelin", "zebra", "zebras", "llama", "licence", "the", "ópen", "öffnung", "x1"]
"""Words an edit writes: common ones, rare new ones sharing a prefix, a stop word, accents, a plural."""


@pytest.fixture(scope="module")
def docs() -> list[Record]:
    checked = load_site(CONTENT)
    assert checked.ok
    return records(checked.site)


def fresh(documents: list[Record]) -> dict[str, bytes]:
    return SearchIndex.build(list(documents))[1]


def edited(record: Record, kind: str, words: list[str]) -> Record:
    """``record`` with one part changed: its title, its body, its tags (a filter), or only what a result shows."""
    text = " ".join(words)
    if kind == "title":
        fields = ((text, record.fields[0][1]), *record.fields[1:])
        return dataclasses.replace(record, title=text, fields=fields)
    if kind == "body":
        fields = tuple((text, weight) if n == 2 else (value, weight) for n, (value, weight) in enumerate(record.fields))
        return dataclasses.replace(record, body=text, fields=fields)
    if kind == "tags":
        facets = tuple((name, tuple(sorted(set(words))) if name == "tag" else values) for name, values in record.facets)
        return dataclasses.replace(record, facets=facets)
    return dataclasses.replace(record, extra=(text,))


EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(["title", "body", "tags", "shown"]),
        st.lists(st.sampled_from(WORDS), max_size=6),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, split_bytes=st.sampled_from([24_000, 600]))
def test_an_updated_index_writes_what_a_fresh_one_holds(
    docs: list[Record], edits: list[tuple[int, str, list[str]]], split_bytes: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "SPLIT_BYTES", split_bytes)  # small: prefixes split and join again
        current = list(docs)
        index, files = SearchIndex.build(list(current))
        for drawn, kind, words in edits:
            number = drawn % len(current)
            current[number] = edited(current[number], kind, words)
            index = pickle.loads(pickle.dumps(index))  # kept between builds by the cache
            result = index.update({number: current[number]})
            if result is None:
                # Only when an average length moved (every weight changes): then it is made again.
                assert _averages(field_totals(current)) != _averages(index.totals)
                index, files = SearchIndex.build(list(current))
                continue
            changed, gone = result
            assert not gone & changed.keys()
            assert gone <= files.keys()
            files = {name: data for name, data in files.items() if name not in gone} | changed
            expected = fresh(current)
            assert files.keys() == expected.keys()
            assert [name for name in files if files[name] != expected[name]] == []
            assert index.names() == set(files)


def test_an_edit_rewrites_only_the_files_it_touches(docs: list[Record]) -> None:
    index, files = SearchIndex.build(list(docs))
    claim = next(n for n, record in enumerate(docs) if record.kind == "claim")
    result = index.update({claim: edited(docs[claim], "title", ["zeppelin", "zeppelin", "open"])})
    assert result is not None
    changed, gone = result
    assert gone == set()
    shards = sorted(name for name in changed if "/t/" in name)
    assert len(changed) < len(files) / 10, sorted(changed)
    assert any(name.endswith(("/t/ze.js", "/t/zep.js")) for name in shards), shards
    assert f"{search_index.INDEX_DIR}d/{claim // search_index.CHUNK}.js" in changed
    assert f"{search_index.INDEX_DIR}meta.js" in changed  # its version follows every file


def test_an_edit_that_changes_nothing_rewrites_nothing(docs: list[Record]) -> None:
    index, _ = SearchIndex.build(list(docs))
    assert index.update({3: docs[3]}) == ({}, set())


def test_a_document_changing_kind_makes_the_index_again(docs: list[Record]) -> None:
    index, _ = SearchIndex.build(list(docs))
    assert index.update({0: dataclasses.replace(docs[0], kind="claim")}) is None


def test_a_prefix_split_by_an_edit_is_joined_again_when_it_shrinks(docs: list[Record]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, "SPLIT_BYTES", 40)  # three "qz" terms split their prefix; one does not
        current = list(docs)
        index, files = SearchIndex.build(list(current))
        claim = next(n for n, record in enumerate(docs) if record.kind == "claim")
        for words, split in ((["qzappa", "qzebra", "qzeal"], True), (["qzappa"], False)):
            current[claim] = edited(current[claim], "title", words)
            result = index.update({claim: current[claim]})
            assert result is not None
            changed, gone = result
            files = {name: data for name, data in files.items() if name not in gone} | changed
            assert files == fresh(current)
            assert ("qz" in index.split) is split
