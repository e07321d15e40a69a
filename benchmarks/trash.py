"""Outputs set aside between timed builds, and deleted only when nothing is being timed.

Deleting a 10,000-claim site (11,500 folders, 13,000 files) makes the kernel's next folder and
file creations three to eight times as costly on this machine for a minute or so afterwards
(ext4 mounted with ``discard``; a tmpfs shows nothing of the kind): 10,000 new folders took
0.27-0.31 s of kernel CPU after the previous ones were renamed aside, 0.94-1.26 s right after
they were deleted. A benchmark that deletes a build's output just before timing the next
build times part of that deletion too, by an amount that changes from run to run. Renaming a
folder costs next to nothing, so the builds are timed into fresh folders and the trash is
emptied once, after the timing.

At 10,000 claims five rounds set aside about 5 GB; ``--large`` adds about 8 GB.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path


class Trash:
    """A folder beside the outputs (the same file system, so a rename moves them)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._numbers = itertools.count()

    def set_aside(self, target: Path) -> None:
        """Move ``target`` into the trash, if it exists; ``target`` is then free for the next build."""
        if not os.path.lexists(target):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target.rename(self.folder / f"{next(self._numbers)}-{target.name}")

    def empty(self) -> None:
        """Delete everything set aside (after the timed builds: see the module's docstring)."""
        shutil.rmtree(self.folder, ignore_errors=True)
