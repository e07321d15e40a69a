"""The watcher's batches: the first of each watch may miss what changed before it began."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from debatemap.serve.watch import watch_loop


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def _watching(tmp_path: Path, batches: list[tuple[list[str], bool]], stop: threading.Event) -> threading.Thread:
    def on_change(paths: list[str], complete: bool) -> None:
        batches.append((paths, complete))

    thread = threading.Thread(target=watch_loop, args=(lambda: [tmp_path], on_change, lambda: None, stop))
    thread.start()
    return thread


def test_only_batches_after_the_first_are_complete(tmp_path: Path) -> None:
    batches: list[tuple[list[str], bool]] = []
    stop = threading.Event()
    thread = _watching(tmp_path, batches, stop)
    try:
        (tmp_path / "file0.yaml").write_text("x", encoding="utf-8")  # before or after the watch is set up
        _wait_for(lambda: len(batches) > 0)
        (tmp_path / "file1.yaml").write_text("x", encoding="utf-8")
        _wait_for(lambda: any("file1.yaml" in "".join(paths) for paths, _ in batches))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert [complete for _, complete in batches] == [False] + [True] * (len(batches) - 1)
    assert [Path(name).name for paths, _ in batches for name in paths][-1] == "file1.yaml"


def test_a_watch_that_starts_quietly_asks_for_every_file_to_be_checked(tmp_path: Path) -> None:
    """A save made before the watch was set up has no event: the first pause stands in for it."""
    batches: list[tuple[list[str], bool]] = []
    stop = threading.Event()
    thread = _watching(tmp_path, batches, stop)
    try:
        _wait_for(lambda: len(batches) > 0)
        (tmp_path / "file0.yaml").write_text("x", encoding="utf-8")
        _wait_for(lambda: len(batches) > 1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert batches[0] == ([], False)
    assert [(Path(paths[0]).name, complete) for paths, complete in batches[1:]] == [("file0.yaml", True)]
