"""The patched graph equals ``build_graph`` exactly (every index, in the same order) after each kind of edit."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from debatemap.content import FileCache, read_content
from debatemap.graph import Site, build_graph
from debatemap.incremental.delta import changed_keys
from debatemap.incremental.graph import GraphUpdater

from .conftest import CONTENT

MAP = "maps/open-weights.yaml"
OTHER = "maps/regulating-open-models.yaml"
ANSWERED = "a handful of large companies.\n          tags: [concentration-of-power, business]\n          cons:\n"
NEW_CLAIM = (
    "            - id: fresh-claim\n"
    "              claim: A fresh claim.\n"
    "              sources: [{source: deepseek-r1-release}]\n"
    "              tags: [fresh-tag, innovation]\n"
)
NEW_MAP = """\
title: A new map?
updated: 2026-01-01
tags: [fresh-tag]
thesis:
  id: new-map-thesis
  claim: A new thesis.
  sources: [{source: new-source}]
  pros:
    - ref: fresh-claim
    - ref: open-weights-speed-innovation
  cons:
    - id: new-map-con
      claim: A con.
      sources: [{source: deepseek-r1-release}]
"""
NEW_MAP_FILE = "maps/a-new-map.yaml"
MOVED = "        - id: innovation-gains-concentrate\n"
CON_TO_PRO = ("      cons:\n" + MOVED, "      pros:\n" + MOVED)
NEW_SOURCE = "title: A new source\nurl: https://example.org/new\npublished: 2025-01-01\nkind: report\ntags: [fresh-tag]\n"


def replace(old: str, new: str, name: str = MAP) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")

    return apply


def write(name: str, text: str) -> Callable[[Path], None]:
    return lambda root: (root / name).write_text(text, encoding="utf-8") and None


def delete(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("claim text", replace("which speeds up innovation across the field.", "which speeds things up.")),
    ("new claim with a new tag", replace(ANSWERED, ANSWERED + NEW_CLAIM)),
    ("new source file", write("sources/new-source.yaml", NEW_SOURCE)),
    ("new map reusing claims", write("maps/a-new-map.yaml", NEW_MAP)),
    ("claim removed while still referenced", replace(NEW_CLAIM, "")),
    ("claim defined again", replace(ANSWERED, ANSWERED + NEW_CLAIM)),
    (
        "citation moved to another source",
        replace("[{source: new-source}]", "[{source: deepseek-r1-release}]", NEW_MAP_FILE),
    ),
    ("thesis renamed", replace("  id: new-map-thesis\n", "  id: renamed-thesis\n", NEW_MAP_FILE)),
    ("duplicate id", replace("    - id: new-map-con\n", "    - id: fresh-claim\n", NEW_MAP_FILE)),
    ("duplicate removed", replace("    - id: fresh-claim\n", "    - id: new-map-con\n", NEW_MAP_FILE)),
    ("source tags changed", replace("tags: [fresh-tag]\n", "tags: [other-tag]\n", "sources/new-source.yaml")),
    ("map removed", delete(NEW_MAP_FILE)),
    ("source removed", delete("sources/new-source.yaml")),
    (
        "child moved between stances",
        replace(
            "      cons:\n        - id: innovation-gains-concentrate\n",
            "      pros:\n        - id: innovation-gains-concentrate\n",
        ),
    ),
    ("another map's claim edited", replace("title: ", "title: Still ", OTHER)),
    ("citation of a source not written yet", replace(NEW_CLAIM, NEW_CLAIM.replace("deepseek-r1-release", "late-source"))),
    ("the cited source written", write("sources/late-source.yaml", NEW_SOURCE)),
    ("the cited source deleted", delete("sources/late-source.yaml")),
]


def assert_same_site(patched: Site, whole: Site) -> None:
    for field in dataclasses.fields(Site):
        ours, theirs = getattr(patched, field.name), getattr(whole, field.name)
        if isinstance(theirs, Mapping):
            assert list(ours.items()) == list(theirs.items()), field.name
        else:
            assert ours == theirs, field.name


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def test_patched_graph_equals_build_graph_after_every_kind_of_edit(content: Path) -> None:
    cache, updater = FileCache(), GraphUpdater()
    first = read_content(content, [], cache)
    assert first.config is not None
    previous = updater(first, first.config)
    patched_steps = 0
    for name, apply in EDITS:
        apply(content)
        cache.forget(str(p) for p in content.rglob("*"))
        loaded = read_content(content, [], cache)
        assert loaded.config is not None
        site = updater(loaded, loaded.config)
        assert_same_site(site, build_graph(loaded, loaded.config))
        if updater.patched_from is not None:
            patched_steps += 1
            # The keys it says it touched are all the keys that changed.
            assert changed_keys(previous, site, updater.touched) == changed_keys(previous, site), name
        previous = site
    assert patched_steps >= len(EDITS) - 3  # only the duplicate and its removal build the graph whole


def test_unchanged_entries_keep_their_objects(content: Path) -> None:
    cache, updater = FileCache(), GraphUpdater()
    first = read_content(content, [], cache)
    assert first.config is not None
    before = updater(first, first.config)
    replace("which speeds up innovation across the field.", "which speeds things up.")(content)
    cache.forget([str(content / MAP)])
    loaded = read_content(content, [], cache)
    assert loaded.config is not None
    after = updater(loaded, loaded.config)
    assert after.claims["open-weights-speed-innovation"] is not before.claims["open-weights-speed-innovation"]
    assert after.sources["deepseek-r1-release"] is before.sources["deepseek-r1-release"]
    assert after.parents["innovation-gains-concentrate"] is before.parents["innovation-gains-concentrate"]
    untouched = [k for k in before.claim_maps if k not in (updater.touched or {}).get("claim_maps", set())]
    assert untouched and all(after.claim_maps[k] is before.claim_maps[k] for k in untouched)
