"""Build content trees from strings, so a test reads as the content it is about."""

from __future__ import annotations

import contextlib
import signal
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SITE = """\
title: Test site
description: A site for tests.
base_url: https://example.org/debates/
nav: [maps, sources, tags, about]
"""

SOURCE = """\
title: A report
url: https://example.org/report
publisher: Example Institute
authors: [Ada Lovelace]
published: 2024-07-30
kind: report
summary: What the report says.
"""

MAP = """\
title: Should weights be open?
summary: Framing of the question.
tags: [policy]
updated: 2024-08-01
thesis:
  id: open-weights
  claim: Weights should be open.
  sources:
    - source: report
      note: The report's conclusion.
  pros:
    - id: faster-innovation
      claim: Open weights speed up innovation.
      sources: [{source: report, note: Section 2.}]
  cons:
    - id: misuse-risk
      claim: Open weights enable misuse.
      sources: [{source: report, note: Section 3.}]
"""

ABOUT = """\
---
title: About
order: 1
---
About the site.
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (relative path -> text, dedented; or raw bytes) under ``root``."""
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data), encoding="utf-8")
    return root


def minimal_site(root: Path, overrides: dict[str, str | bytes] | None = None) -> Path:
    """A valid one-map site that passes ``check --strict``; ``overrides`` replace or add files."""
    files: dict[str, str | bytes] = {
        "site.yaml": SITE,
        "sources/report.yaml": SOURCE,
        "maps/open.yaml": MAP,
        "pages/about.md": ABOUT,
    }
    files.update(overrides or {})
    return write_tree(root, files)


BADGES = r'(?:<span class="badge[^>]*><span[^>]*>.</span>\w+</span> )*'
"""The stance badges before a listed claim's own link (the links after it name what it answers)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError instead of hanging (SIGALRM: Unix main thread only; elsewhere a no-op).

    The signal interrupts a blocking system call too (an open() waiting on a named pipe).
    """
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
