"""The claims each version of a map file defines, read from git and parsed once per version.

A version is parsed from libyaml's events directly, keeping only what a change is made of: the
``id`` and ``claim`` of each claim under the thesis, and which claims each answers (so a change
can say where a claim stood, even one removed since). It gives what the content's loader gives
for those (``tests/test_history.py`` compares them on every real and golden map) at about half
the cost, which matters: a map's history is up to ``MAX_CHANGES`` + 1 versions to parse.
Versions of many maps are parsed on every core, each worker with its own ``git cat-file``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev

from ..cores import can_fork, forked_pool, worker_count
from ..model import ParentLink
from ..text_files import decode_text
from .git import Blobs


@dataclass(frozen=True, slots=True)
class Version:
    """What one version of a map file says about its claims: their texts and where each stands."""

    thesis: str
    texts: dict[str, str]
    """Claim id -> text (whitespace folded as the loader folds a claim), in the order the file defines them."""
    parents: dict[str, tuple[ParentLink, ...]]
    """Claim id -> the claims of this file it answers (where it is defined, and where the file
    reuses it with ``ref``), sorted as the site sorts them."""


PARALLEL_VERSIONS = 64
"""From this many versions a build parses them on every core (below, a pool costs more than it saves)."""
_BATCH = 16
"""Versions per task."""
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR, _ALIAS = ev.ScalarEvent, ev.AliasEvent
_MAP_START, _MAP_END, _SEQ_START, _SEQ_END = ev.MappingStartEvent, ev.MappingEndEvent, ev.SequenceStartEvent, ev.SequenceEndEvent
# A frame per open collection: [is a mapping, key awaiting its value, is a claim (or a ref),
# holds claims (a pros or cons list), id, claim text, ref, the claim whose list it is or is in, stance].
_IS_MAP, _KEY, _IS_CLAIM, _HOLDS, _ID, _TEXT, _REF, _PARENT, _STANCE = range(9)


def claims_of(data: bytes) -> Version | None:
    """The claims a version defines, or None when that version cannot be read (bad UTF-8, YAML errors, aliases)."""
    text = decode_text(data, "history", [])
    if text is None:
        return None
    found: dict[str, str] = {}
    stack: list[list[Any]] = []
    answers: list[list[Any]] = []
    """The frames of claims and refs in a pros or cons list; their ids may come after their replies."""
    thesis: list[Any] | None = None
    parser = _Loader(text)
    try:
        while (event := parser.get_event()) is not None:
            kind = event.__class__
            if kind is _SCALAR:
                if stack and stack[-1][_IS_MAP]:
                    _value(stack[-1], event.value, found)
            elif kind is _MAP_START or kind is _SEQ_START:
                frame = _frame(stack, kind is _MAP_START)
                stack.append(frame)
                if frame[_IS_CLAIM]:
                    if len(stack) == 2:
                        thesis = frame
                    else:
                        answers.append(frame)
            elif kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
                if stack and stack[-1][_IS_MAP]:
                    stack[-1][_KEY] = None
            elif kind is _ALIAS:
                return None
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    if thesis is None:
        return None
    return Version(thesis[_ID] or "", found, _parents(answers))


def _frame(stack: list[list[Any]], is_map: bool) -> list[Any]:
    if not stack:
        return [is_map, None, False, False, None, None, None, None, None]
    parent = stack[-1]
    if parent[_IS_MAP]:  # the value of a key
        key = parent[_KEY]
        if is_map:
            return [True, None, len(stack) == 1 and key == "thesis", False, None, None, None, None, None]
        holds = parent[_IS_CLAIM] and key in ("pros", "cons")
        return [False, None, False, holds, None, None, None, parent if holds else None, key[:3] if holds else None]
    # an item of a list: a claim or a ref when the list is a claim's pros or cons
    is_claim = is_map and parent[_HOLDS]
    return [is_map, None, is_claim, False, None, None, None, parent[_PARENT], parent[_STANCE]]


def _value(frame: list[Any], value: str, found: dict[str, str]) -> None:
    if frame[_KEY] is None:
        frame[_KEY] = value
        return
    if frame[_IS_CLAIM]:
        key = frame[_KEY]
        if key == "id":
            frame[_ID] = value
        elif key == "claim":
            frame[_TEXT] = " ".join(value.split())
        elif key == "ref":
            frame[_REF] = value
        if key in ("id", "claim") and frame[_ID] is not None and frame[_TEXT] is not None:
            found.setdefault(frame[_ID], frame[_TEXT])
    frame[_KEY] = None


def _parents(answers: list[list[Any]]) -> dict[str, tuple[ParentLink, ...]]:
    """Each claim's parents in this file, from the frames of the claims and refs in reply lists."""
    links: dict[str, list[ParentLink]] = {}
    for frame in answers:
        parent = frame[_PARENT]
        child = frame[_ID] if frame[_TEXT] is not None else frame[_REF]
        if child is None or parent[_ID] is None or parent[_TEXT] is None:
            continue
        links.setdefault(child, []).append(ParentLink(parent[_ID], frame[_STANCE]))
    return {k: tuple(sorted(v, key=lambda p: (p.parent_id, p.stance))) for k, v in links.items()}


def read_versions(root: Path, blobs: list[str], *, parallel: bool) -> dict[str, Version | None]:
    """The claims of each blob; ``parallel`` (a build, not serve's threads) may fork workers."""
    if not blobs:
        return {}
    workers = worker_count()
    if not parallel or workers < 2 or len(blobs) < PARALLEL_VERSIONS or not can_fork():
        return _read((root, blobs))
    found: dict[str, Version | None] = {}
    tasks = [(root, blobs[i : i + _BATCH]) for i in range(0, len(blobs), _BATCH)]
    with forked_pool(workers) as pool:
        for part in pool.imap_unordered(_read, tasks):
            found.update(part)
    return found


def _read(task: tuple[Path, list[str]]) -> dict[str, Version | None]:
    root, blobs = task
    with Blobs(root) as reader:
        return {blob: claims_of(data) if data is not None else None for blob, data in reader.get_many(blobs).items()}
