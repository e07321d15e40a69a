"""``forked.ForkedCall``: work done by a forked child gives the answer it would give here, and any
failure of the child falls back to doing the work here (so a real error is raised here)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from debatemap.cores import can_fork, forked_pool
from debatemap.forked import ForkedCall

pytestmark = pytest.mark.skipif(not can_fork(), reason="forked children are made on Linux only")


@pytest.fixture(autouse=True)
def _two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")


def test_the_answer_comes_from_the_child_which_ran_the_work() -> None:
    call = ForkedCall(lambda: (os.getpid(), [1, "two", b"three"]))
    assert call.forked
    pid, value = call.result()
    assert pid != os.getpid()
    assert value == [1, "two", b"three"]
    assert not call.forked  # the child was waited for


def test_without_a_second_core_or_when_not_parallel_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ForkedCall(os.getpid, parallel=False).result() == os.getpid()
    monkeypatch.setenv("DEBATEMAP_WORKERS", "1")
    call = ForkedCall(os.getpid)
    assert not call.forked
    assert call.result() == os.getpid()


def test_an_error_in_the_child_is_raised_here_by_doing_the_work_here(tmp_path: Path) -> None:
    runs = tmp_path / "runs"

    def work() -> int:
        with runs.open("a") as log:
            log.write(f"{os.getpid()}\n")
        raise ValueError("the content is wrong")

    call = ForkedCall(work)
    with pytest.raises(ValueError, match="the content is wrong"):
        call.result()
    pids = runs.read_text().split()
    assert len(pids) == 2
    assert pids[1] == str(os.getpid()) != pids[0]  # the child failed first, then this process


def test_a_child_killed_before_answering_is_replaced_by_the_work_done_here(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def work() -> int:
        if not started.exists():  # the child
            started.write_text("")
            time.sleep(30)
        return os.getpid()

    call = ForkedCall(work)
    while not started.exists():
        time.sleep(0.01)
    os.kill(call._pid, signal.SIGKILL)  # type: ignore[arg-type]
    assert call.result() == os.getpid()


def test_leaving_early_stops_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "finished"

    def work() -> None:
        time.sleep(1)
        marker.write_text("")

    with ForkedCall(work) as call:
        pid = call._pid
        assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped
    time.sleep(1.5)
    assert not marker.exists()


def _signal_handlers() -> tuple[object, ...]:
    return tuple(signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP))


def test_pool_workers_leave_ctrl_c_and_stopping_to_the_process_that_forked_them() -> None:
    """serve turns SIGINT, SIGTERM and SIGHUP into KeyboardInterrupt; its first build's workers
    inherited that, and each printed a traceback when a Ctrl-C stopped the pool."""

    def interrupt(number: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        with forked_pool(1) as pool:
            seen = pool.apply(_signal_handlers)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    assert seen == (signal.SIG_IGN, signal.SIG_DFL, signal.SIG_DFL)
