"""The golden sample site: its content, and a snapshot of what debatemap builds from it.

``content/`` is a small site that uses every page kind and feature (reused claims, a deep chain,
footnotes, tables, an archived link, hostile strings). ``expected/`` holds its built pages,
committed, so any change to any page shows up in review as a diff. Refresh after an intended
change with ``python -m tests.golden.refresh`` and review the diff before committing it.

Theme assets (``assets/``) are left out and their ``?v=`` fingerprints normalised: they are copies
of the theme's files, which review already shows, and a CSS tweak should not rewrite every page.
"""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.build import build
from debatemap.write import MARKER

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
EXPECTED = HERE / "expected"
REFRESH_COMMAND = "python -m tests.golden.refresh"

_FINGERPRINT = re.compile(rb"\?v=[0-9a-f]{6,64}")


def normalise(data: bytes) -> bytes:
    return _FINGERPRINT.sub(b"?v=FINGERPRINT", data)


def snapshot(out: Path) -> dict[str, bytes]:
    """Build the golden content into ``out``; return its pages by relative path, normalised."""
    build(CONTENT, out)
    return read_tree(out)


def read_tree(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_file() and name != MARKER and not name.startswith("assets/"):
            files[name] = normalise(path.read_bytes())
    return files
