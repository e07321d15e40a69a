"""The command exits at once after its work, skipping the interpreter's teardown, only when that loses nothing."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from debatemap import cli

from .helpers import minimal_site


def _environment() -> dict[str, str]:
    """The command as a user runs it: no coverage started in the child (coverage must exit normally)."""
    return {name: value for name, value in os.environ.items() if not name.startswith("COVERAGE")}


def test_a_command_exiting_at_once_still_prints_everything_and_returns_its_code(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", {"maps/broken.yaml": "title: Q?\nthesis: [\n"})
    done = subprocess.run(
        [sys.executable, "-m", "debatemap", "check", str(root), "--format", "json"],
        capture_output=True, text=True, env=_environment(), check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("}") and "broken.yaml" in done.stdout  # flushed whole into a pipe
    built = subprocess.run(
        [sys.executable, "-m", "debatemap", "build", str(minimal_site(tmp_path / "ok", {})), "--out", str(tmp_path / "site")],
        capture_output=True, text=True, env=_environment(), check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "Built " in built.stdout
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_interpreter_exits_as_usual_while_another_thread_or_a_tracer_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test runner's own threads, tracer and profiler are made to look absent first (a suite
    run under coverage has a tracer, and earlier tests may leave a daemon thread behind)."""
    hard: list[int] = []
    monkeypatch.setattr(os, "_exit", hard.append)
    monkeypatch.delitem(sys.modules, "coverage", raising=False)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr(multiprocessing, "active_children", list)
    others = [0]
    monkeypatch.setattr(threading, "active_count", lambda: 1 + others[0])
    with pytest.raises(SystemExit):  # os._exit is a recorder here: the usual exit follows it
        cli.exit_now(3)
    assert hard == [3]
    hard.clear()
    others[0] = 1  # another thread is running
    with pytest.raises(SystemExit) as exited:
        cli.exit_now(4)
    assert exited.value.code == 4 and hard == []
    others[0] = 0
    monkeypatch.setattr(sys, "gettrace", lambda: print)  # a tracer waits to save its data
    with pytest.raises(SystemExit):
        cli.exit_now(5)
    assert hard == []
