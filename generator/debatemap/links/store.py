"""content/links.yaml: the last check of every source's links, kept so that the site can show it.

``debatemap links --save`` writes it; a build reads it like any content file (positions and
all, so a hand-edited mistake is reported at its line). The same results always write the same
bytes: sorted by address, one date per run, no timings (they change on every run).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..content.folder import LINKS_FILE
from .probe import Probe

HEADER = """\
# Link health, written by `debatemap links --save`: run it again rather than editing by hand.
# Source pages show when each link was last checked, and offer the archived copy first where
# the link is dead. Delete this file to show nothing.
"""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it. Control characters,
    which the loader refuses even as escapes, cannot come from an address and are dropped from problems."""
    return json.dumps("".join(ch for ch in text if ch.isprintable()), ensure_ascii=False)


def dump(results: Mapping[str, Probe], checked: str) -> str:
    lines = [HEADER.rstrip("\n"), "links:"]
    for url in sorted(results):
        result = results[url]
        lines.append(f"  - url: {_quoted(url)}")
        lines.append(f"    checked: {checked}")
        if result.status is not None:
            lines.append(f"    status: {result.status}")
        if result.redirects and result.final_url != url:
            lines.append(f"    final: {_quoted(result.final_url)}")
        if result.problem is not None:
            lines.append(f"    problem: {_quoted(result.problem)}")
    if not results:
        lines[-1] = "links: []"
    return "\n".join(lines) + "\n"


def save(root: Path, results: Mapping[str, Probe], checked: str) -> Path:
    """Write ``root/links.yaml`` whole or not at all (a temporary file renamed over it)."""
    path = root / LINKS_FILE
    text = dump(results, checked)
    handle, temporary = tempfile.mkstemp(prefix=".links-", suffix=".yaml", dir=root)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
