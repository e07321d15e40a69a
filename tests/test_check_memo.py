"""Serve's checks: skipped while an edit changes only wording, and never different from a fresh check."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from debatemap import checks
from debatemap.checks import CheckMemo
from debatemap.content import FileCache
from debatemap.incremental.graph import GraphUpdater
from debatemap.pipeline import load_site

from .conftest import CONTENT
from .test_incremental_graph import EDITS, MAP, replace

UNSOURCED_FROM = "      sources:\n        - source: zuckerberg-open-source-ai-path-forward\n"
UNSOURCED_TO = "      tags: [innovation]\n"
"""Cutting from the one to the other leaves the map's first pro citing nothing."""

SAME_SHAPE = {"claim text", "source tags changed", "another map's claim edited"}
"""The edits of ``test_incremental_graph`` that change nothing the checks read."""

SHAPE_EDITS: list[tuple[str, Callable[[Path], None], bool]] = [
    ("wording", replace("which speeds up innovation across the field.", "which speeds it up."), False),
    ("wording again", replace("which speeds it up.", "which speeds up innovation across the field."), False),
    *[(name, apply, name not in SAME_SHAPE) for name, apply in EDITS],
]
"""(what, the edit, whether the checks must run again)."""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def _texts(root: Path) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in root.rglob("*.*") if path.is_file()}


def test_memo_findings_equal_a_fresh_check_after_every_kind_of_edit(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[int] = []
    real = checks.run_checks
    monkeypatch.setattr(checks, "run_checks", lambda *a: runs.append(1) or real(*a))
    cache, graph, memo = FileCache(), GraphUpdater(), CheckMemo()
    load_site(content, cache=cache, graph=graph, checks=memo)
    assert runs == [1]
    for name, apply, reshaped in SHAPE_EDITS:
        before = _texts(content)
        apply(content)
        after = _texts(content)
        cache.forget(str(p) for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        runs.clear()
        served = load_site(content, cache=cache, graph=graph, checks=memo)
        assert served.diagnostics == load_site(content).diagnostics, name
        assert runs == ([1] if reshaped else []), name


def test_findings_move_with_their_lines_after_an_edit_above_them(content: Path) -> None:
    """Positions are part of the shape: a line added above an unsourced claim moves its warning."""
    cache, graph, memo = FileCache(), GraphUpdater(), CheckMemo()
    map_file = content / MAP
    text = map_file.read_text(encoding="utf-8")
    start = text.index(UNSOURCED_FROM)
    map_file.write_text(text[:start] + text[text.index(UNSOURCED_TO, start) :], encoding="utf-8")
    first = load_site(content, cache=cache, graph=graph, checks=memo)
    warned = [d.position.line for d in first.diagnostics if d.code == "unsourced-claim"]
    assert len(warned) == 1
    text = map_file.read_text(encoding="utf-8")
    map_file.write_text("# a comment that moves every line down\n" + text, encoding="utf-8")
    cache.forget([str(map_file)])
    moved = load_site(content, cache=cache, graph=graph, checks=memo)
    assert [d.position.line for d in moved.diagnostics if d.code == "unsourced-claim"] == [warned[0] + 1]
    assert moved.diagnostics == load_site(content).diagnostics
