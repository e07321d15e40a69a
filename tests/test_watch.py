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


def test_only_batches_after_the_first_are_complete(tmp_path: Path) -> None:
    batches: list[tuple[list[str], bool]] = []
    stop = threading.Event()

    def on_change(paths: list[str], complete: bool) -> None:
        batches.append((paths, complete))

    thread = threading.Thread(target=watch_loop, args=(lambda: [tmp_path], on_change, lambda: None, stop))
    thread.start()
    try:
        time.sleep(0.3)  # the watch is set up
        for n in range(2):
            (tmp_path / f"file{n}.yaml").write_text("x", encoding="utf-8")
            _wait_for(lambda n=n: len(batches) > n)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert [complete for _, complete in batches] == [False, True]
    assert [Path(paths[0]).name for paths, _ in batches] == ["file0.yaml", "file1.yaml"]
