"""The claims each version of a map file defines, read from git and parsed once per version.

A version is parsed from libyaml's events directly, keeping only what a change is made of: the
``id`` and ``claim`` of each claim under the thesis. It gives what the content's loader gives
for those (``tests/test_history.py`` compares them on every real and golden map) at about half
the cost, which matters: a map's history is up to ``MAX_CHANGES`` + 1 versions to parse.
Versions of many maps are parsed on every core, each worker with its own ``git cat-file``.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev

from ..cores import can_fork, worker_count
from ..load import decode_text
from .git import Blobs

Claims = dict[str, str]
"""Claim id -> text (whitespace folded as the loader folds a claim), in the order the file defines them."""

PARALLEL_VERSIONS = 64
"""From this many versions a build parses them on every core (below, a pool costs more than it saves)."""
_BATCH = 16
"""Versions per task."""
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR, _ALIAS = ev.ScalarEvent, ev.AliasEvent
_MAP_START, _MAP_END, _SEQ_START, _SEQ_END = ev.MappingStartEvent, ev.MappingEndEvent, ev.SequenceStartEvent, ev.SequenceEndEvent


def claims_of(data: bytes) -> Claims | None:
    """The claims a version defines, or None when that version cannot be read (bad UTF-8, YAML errors, aliases)."""
    text = decode_text(data, "history", [])
    if text is None:
        return None
    found: Claims = {}
    # One frame per open collection: [is a mapping, key awaiting its value, is a claim,
    # holds claims (a pros or cons list), id, claim text].
    stack: list[list[Any]] = []
    thesis = False
    parser = _Loader(text)
    try:
        while (event := parser.get_event()) is not None:
            kind = event.__class__
            if kind is _SCALAR:
                if stack and stack[-1][0]:
                    _value(stack[-1], event.value, found)
            elif kind is _MAP_START or kind is _SEQ_START:
                stack.append(_frame(stack, kind is _MAP_START))
                thesis = thesis or (len(stack) == 2 and stack[-1][2])
            elif kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
                if stack and stack[-1][0]:
                    stack[-1][1] = None
            elif kind is _ALIAS:
                return None
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return found if thesis else None


def _frame(stack: list[list[Any]], is_map: bool) -> list[Any]:
    if not stack:
        return [is_map, None, False, False, None, None]
    parent = stack[-1]
    if parent[0]:  # the value of a key
        key = parent[1]
        is_claim = is_map and len(stack) == 1 and key == "thesis"
        holds_claims = not is_map and parent[2] and key in ("pros", "cons")
    else:  # an item of a list
        is_claim, holds_claims = is_map and parent[3], False
    return [is_map, None, is_claim, holds_claims, None, None]


def _value(frame: list[Any], value: str, found: Claims) -> None:
    if frame[1] is None:
        frame[1] = value
        return
    if frame[2]:
        if frame[1] == "id":
            frame[4] = value
        elif frame[1] == "claim":
            frame[5] = " ".join(value.split())
        if frame[4] is not None and frame[5] is not None:
            found.setdefault(frame[4], frame[5])
    frame[1] = None


def read_versions(root: Path, blobs: list[str], *, parallel: bool) -> dict[str, Claims | None]:
    """The claims of each blob; ``parallel`` (a build, not serve's threads) may fork workers."""
    if not blobs:
        return {}
    workers = worker_count()
    if not parallel or workers < 2 or len(blobs) < PARALLEL_VERSIONS or not can_fork():
        return _read((root, blobs))
    found: dict[str, Claims | None] = {}
    tasks = [(root, blobs[i : i + _BATCH]) for i in range(0, len(blobs), _BATCH)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for part in pool.imap_unordered(_read, tasks):
            found.update(part)
    return found


def _read(task: tuple[Path, list[str]]) -> dict[str, Claims | None]:
    root, blobs = task
    with Blobs(root) as reader:
        return {blob: claims_of(data) if data is not None else None for blob, data in reader.get_many(blobs).items()}
