"""How many processes a build may use, and whether it may fork them.

Loading (parsing content files) and rendering (pages) both spread over the cores with forked
worker processes; both ask here, so DEBATEMAP_WORKERS=1 turns every pool off at once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


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
