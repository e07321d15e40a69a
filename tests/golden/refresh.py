"""Rebuild tests/golden/expected/ from tests/golden/content/: ``.venv/bin/python -m tests.golden.refresh``.

Run it after an intended change to the output, then read ``git diff tests/golden/expected`` as
a reader would before committing: the diff is exactly what changed on the built pages.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from . import EXPECTED, snapshot


def refresh() -> int:
    with tempfile.TemporaryDirectory() as temp:
        files = snapshot(Path(temp) / "site")
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for name, data in files.items():
        target = EXPECTED / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(files)} files to {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(refresh())
