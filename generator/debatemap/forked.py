"""One piece of work done by a forked child while this process goes on: a warm build's second core.

A warm build is a chain of short steps (read the cache, rebuild the model, render a few dozen
pages, check the spare site, save); on one core they add up. A ``multiprocessing`` pool costs
more to start (its threads and queues) than some of these steps take, so this is the bare form:
``os.fork``, a pipe, and the pickled answer. The child inherits everything loaded, so only the
answer travels.

The work must be pure (the same answer wherever it runs). When the child fails for any reason
(an exception, a signal, a truncated answer), ``result`` runs the work in this process instead:
a real error is then raised here, with its own traceback, exactly as without a child.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

from .cores import can_fork, worker_count

_T = TypeVar("_T")


class ForkedCall(Generic[_T]):
    """``work()`` started in a forked child at once (when forking is possible and allowed, and
    ``parallel``); ``result()`` waits for it. Use as a context manager: leaving early stops the child."""

    def __init__(self, work: Callable[[], _T], *, parallel: bool = True) -> None:
        self._work = work
        self._pid: int | None = None
        self._fd = -1
        if parallel and worker_count() > 1 and can_fork():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer, then leave without running anything of the parent's teardown
            status = 1
            try:
                # What it inherited is never freed here: kept out of the collector's walks, its pages stay shared.
                gc.freeze()
                os.close(read_end)
                answer = pickle.dumps(self._work(), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as stream:
                    stream.write(answer)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._fd = pid, read_end

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def result(self) -> _T:
        """The work's answer: the child's, or when there is no child or it failed, made here."""
        if self._pid is None:
            return self._work()
        with os.fdopen(self._fd, "rb") as stream:
            answer = stream.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status == 0:
            with contextlib.suppress(Exception):
                value: _T = pickle.loads(answer)  # noqa: S301 - pickled by our own child a moment ago
                return value
        return self._work()

    def close(self) -> None:
        """Stop the child if it still runs (this process is leaving early)."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
                os.close(self._fd)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> ForkedCall[_T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
