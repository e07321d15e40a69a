"""How many processes a build may use, and whether it may fork them.

Loading (parsing content files) and rendering (pages) both spread over the cores with forked
worker processes; both ask here, so DEBATEMAP_WORKERS=1 turns every pool off at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from multiprocessing.pool import Pool


def worker_count() -> int:
    """Cores this process may use (respecting CPU affinity and DEBATEMAP_WORKERS)."""
    configured = os.environ.get("DEBATEMAP_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Forked workers inherit what is loaded instead of receiving it pickled; only Linux forks safely."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def forked_pool(workers: int) -> Pool:
    """A pool of ``workers`` forked processes that leave Ctrl-C and stopping to this one.

    A worker inherits this process's signal handlers: serve's turn SIGTERM, SIGHUP and SIGINT into
    KeyboardInterrupt, so a Ctrl-C during its first build printed a traceback from every worker
    when the pool was stopped. The workers ignore SIGINT (this process gets it too, and stops the
    pool) and die quietly on SIGTERM, which is how a pool is stopped.
    """
    return multiprocessing.get_context("fork").Pool(workers, initializer=_leave_signals_to_parent)


def _leave_signals_to_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
