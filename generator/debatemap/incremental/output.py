"""Bring the output folder in step with a rebuild: write only files whose bytes changed, delete
the pages that went, and the folders they leave empty."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Diagnostic
from ..write import safe_relative, update_files
from .state import BuildState, Outcome


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def write_changes(
    out: Path, state: BuildState, files: dict[str, bytes], removed: set[str], *, rendered: int, full: bool,
    diagnostics: tuple[Diagnostic, ...],
) -> Outcome:  # fmt: skip
    """Write the files whose bytes differ from what is on disk; delete the removed ones."""
    digests = dict(state.digests)
    written: dict[str, bytes] = {}
    for name, data in files.items():
        made = digest(data)
        if digests.get(name) != made:
            written[name] = data
            digests[name] = made
    gone = {name for name in removed if name not in files}
    for name in gone:
        digests.pop(name, None)
    update_files(written, gone, out)
    _prune_folders(out, gone)
    state.digests = digests
    return Outcome(True, diagnostics, written=tuple(sorted(written)), removed=tuple(sorted(gone)), rendered=rendered, full=full)


def _prune_folders(out: Path, removed: Iterable[str]) -> None:
    """Remove folders left empty by deleted pages (claims/<id>/), as a full build would not have them."""
    for name in sorted(removed, reverse=True):
        folder = out.joinpath(*safe_relative(name).parts).parent
        while folder != out:
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
