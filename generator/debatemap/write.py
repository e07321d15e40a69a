"""Write: put a finished, in-memory site on disk atomically, and only inside the output folder.

A build writes into a fresh folder beside the target and swaps it in with two renames, so a
failed or interrupted build leaves the previous site exactly as it was. A folder that a debatemap
build did not create (no marker file) is never replaced, so `--out ~` cannot wipe a home folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from .diagnostics import UsageError

MARKER = ".debatemap-build"
"""Written into every output folder; its presence is what allows the next build to replace it."""
KEEP = ("README.md",)
"""Files a curator keeps in the output folder (site/README.md in the repository) that carry over."""


def check_output_dir(out: Path, content_root: Path) -> Path:
    """Refuse output folders that a build must never replace; return the resolved path."""
    resolved = out.resolve()
    content = content_root.resolve()
    # The file system root, the home folder, the working folder, or any folder holding one of them.
    precious = (Path(resolved.anchor), Path.home().resolve(), Path.cwd().resolve())
    if any(p == resolved or p.is_relative_to(resolved) for p in precious):
        raise UsageError(f"refusing to build into {out}: choose a dedicated folder such as site/")
    if resolved == content or resolved.is_relative_to(content) or content.is_relative_to(resolved):
        raise UsageError(f"the output folder {out} must be outside the content folder {content_root} and not contain it")
    if resolved.exists() and not resolved.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    if resolved.is_dir() and not (resolved / MARKER).is_file():
        foreign = sorted(p.name for p in resolved.iterdir() if p.name not in KEEP)
        if foreign:
            raise UsageError(
                f"{out} is not empty and was not made by `debatemap build` (it has {', '.join(foreign[:3])}...); "
                "empty it or choose another --out"
            )
    return resolved


def safe_relative(name: str) -> PurePosixPath:
    """An output path that cannot leave the output folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or any(part in ("", ".", "..") for part in path.parts) or "\\" in name:
        raise UsageError(f"refusing to write the unsafe output path {name!r}")
    return path


WRITER_THREADS = 8
"""File writes release the GIL and the disk is latency-bound: threads write ~4x faster than one."""


def _write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> tuple[int, int]:
    """Write ``files`` under ``root`` as they arrive, on a few threads; return (files, bytes)."""
    made: set[Path] = set()
    made_lock = threading.Lock()
    count = size = 0

    def write_batch(batch: list[tuple[Path, bytes]]) -> None:
        for target, data in batch:
            parent = target.parent
            if parent not in made:
                parent.mkdir(parents=True, exist_ok=True)
                with made_lock:
                    made.add(parent)
            with target.open("wb") as handle:
                handle.write(data)

    with ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="debatemap-write") as pool:
        pending: list[Future[None]] = []
        batch: list[tuple[Path, bytes]] = []
        for name, data in files:
            batch.append((root.joinpath(*safe_relative(name).parts), data))
            count += 1
            size += len(data)
            if len(batch) >= 64:
                pending.append(pool.submit(write_batch, batch))
                batch = []
                if len(pending) > WRITER_THREADS * 4:  # bound the bytes waiting in memory
                    pending.pop(0).result()
        if batch:
            pending.append(pool.submit(write_batch, batch))
        for future in pending:
            future.result()
    return count, size


def remove_tree(path: Path) -> None:
    """Delete a folder tree, top-level entries in parallel (it is as latency-bound as writing)."""
    if not path.exists():
        return
    entries = list(path.iterdir())
    with ThreadPoolExecutor(WRITER_THREADS, thread_name_prefix="debatemap-clean") as pool:
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                pool.submit(shutil.rmtree, entry, True)
            else:
                pool.submit(entry.unlink, True)
    shutil.rmtree(path, ignore_errors=True)


def _clean_leftovers(out: Path) -> None:
    """Tidy what an interrupted build (kill -9, power cut) left beside ``out``.

    Half-written trees are deleted. A build killed between its two renames leaves the previous
    site set aside as ``.<out>.old-<pid>`` and no ``out``: that site is put back, not deleted.
    """
    for leftover in sorted(out.parent.glob(f".{out.name}.old-*")):
        if not out.exists() and (leftover / MARKER).is_file():
            leftover.rename(out)
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for leftover in out.parent.glob(pattern):
            remove_tree(leftover)


def write_site(files: Mapping[str, bytes] | Iterable[tuple[str, bytes]], out: Path) -> tuple[int, int]:
    """Write ``files`` as the whole new content of ``out``, atomically; return (files, bytes).

    ``files`` may be a mapping or a stream of (output path, bytes) pairs, so a large build can
    write pages while others are still rendering without holding them all in memory.
    """
    names: set[str] = set()
    stream = files.items() if isinstance(files, Mapping) else files

    def tracked() -> Iterator[tuple[str, bytes]]:
        for name, data in stream:
            names.add(name)
            yield name, data

    out.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    staging.chmod(0o755)
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        written = _write_files(staging, tracked())
        for name in KEEP:
            if (out / name).is_file() and name not in names:
                shutil.copy2(out / name, staging / name)
        (staging / MARKER).write_text("This folder is written by `debatemap build`; it is replaced on every build.\n")
        if out.exists():
            out.rename(old)
        staging.rename(out)
    except BaseException:
        if old.exists() and not out.exists():
            old.rename(out)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    remove_tree(old)
    return written


def update_files(changed: Mapping[str, bytes], removed: set[str], out: Path) -> None:
    """Replace single files in place (serve's incremental rebuilds); each file swaps atomically."""
    for name in sorted(changed):
        target = out.joinpath(*safe_relative(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(changed[name])
            Path(temp).chmod(0o644)
            Path(temp).replace(target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    for name in sorted(removed):
        out.joinpath(*safe_relative(name).parts).unlink(missing_ok=True)
