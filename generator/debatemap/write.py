"""Write: put a finished, in-memory site on disk atomically, and only inside the output folder.

A build writes into a fresh folder beside the target and swaps it in (``staging``), so a failed
or interrupted build leaves the previous site exactly as it was. A folder that a debatemap
build did not create (no marker file) is never replaced, so `--out ~` cannot wipe a home folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from .diagnostics import UsageError
from .staging import KEEP, KEEP_FOLDERS, MARKER, staged_site


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
        foreign = sorted(p.name for p in resolved.iterdir() if p.name not in KEEP and p.name not in KEEP_FOLDERS)
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


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _relative(name: str) -> str:
    """``name`` as a path relative to the output folder, checked by ``safe_relative``.

    An output path as routes make them ('claims/x/index.html') is checked by splitting it: a
    build writes thousands, and parsing each into a PurePosixPath cost more than writing it.
    Anything else goes through ``safe_relative``, which refuses it or normalises it as before.
    """
    if os.sep == "/" and not name.startswith("/") and "\\" not in name and all(p not in ("", ".", "..") for p in name.split("/")):
        return name
    return os.path.join(*safe_relative(name).parts)


def write_file(root: str | Path, name: str, data: bytes) -> None:
    """Write one output file under ``root``, making its folder; ``name`` must stay inside ``root``.

    Plain os calls, one file at a time: on the machines we measured, creating a file costs the
    kernel a quarter to nearly a millisecond of CPU, so writer threads only contend for it (a
    build's render workers each write their own pages instead).
    """
    _write(os.fspath(Path(root)), _relative(name), data, None)


def write_files(root: str | Path, files: Iterable[tuple[str, bytes]], *, fresh: bool = False) -> tuple[int, int]:
    """Write each (output path, bytes) under ``root`` as it comes; return (files, bytes).

    ``fresh``: ``root`` is a new folder that only this build writes into (a staging folder), so
    a folder this call has not made yet is made before its first file is opened, instead of
    after that open fails: one system call fewer for each of a site's ten thousand folders.
    """
    base = os.fspath(Path(root))
    made: set[str] | None = set() if fresh else None
    count = size = 0
    for name, data in files:
        _write(base, _relative(name), data, made)
        count += 1
        size += len(data)
    return count, size


def _write(base: str, relative: str, data: bytes, made: set[str] | None) -> None:
    """Write ``data`` at ``relative`` (checked) under ``base``; ``made``: the folders known to exist."""
    target = os.path.join(base, relative)
    if made is not None:
        folder = os.path.dirname(relative)
        if folder and folder not in made:
            _make_folder(base, folder)
            made.add(folder)
    try:
        handle = os.open(target, _CREATE, 0o644)
    except FileNotFoundError:
        _make_folder(base, os.path.dirname(relative))
        handle = os.open(target, _CREATE, 0o644)
    try:
        written = os.write(handle, data)
        if written < len(data):
            view = memoryview(data)[written:]
            while view:
                view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _make_folder(root: str, folder: str) -> None:
    """Make ``folder`` (relative to ``root``) and the folders above it, but never ``root`` itself.

    A root that is gone was deleted under the build (it is a staging folder): making it again
    would let the build carry on into an empty folder and publish a partial site.
    """
    if not folder:
        raise FileNotFoundError(2, "the folder being written was deleted", root)
    path = os.path.join(root, folder)
    try:
        os.mkdir(path)
    except FileExistsError:
        return
    except FileNotFoundError:
        _make_folder(root, os.path.dirname(folder))
        try:
            os.mkdir(path)
        except FileExistsError:  # another worker made it meanwhile
            return


def write_site(
    files: Mapping[str, bytes] | Iterable[tuple[str, bytes]], out: Path, waiting: Callable[[str], None] | None = None
) -> tuple[int, int]:
    """Write ``files`` as the whole new content of ``out``, atomically; return (files, bytes).

    ``files`` may be a mapping or a stream of (output path, bytes) pairs; ``waiting`` is told
    when another build holds the folder.
    """
    with staged_site(out, waiting) as staging:
        return write_files(staging, files.items() if isinstance(files, Mapping) else files)


def update_files(changed: Mapping[str, bytes], removed: set[str], out: Path) -> None:
    """Replace single files in place (serve's incremental rebuilds); each file swaps atomically."""
    for name in sorted(changed):
        target = out.joinpath(*safe_relative(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, changed[name])
    for name in sorted(removed):
        out.joinpath(*safe_relative(name).parts).unlink(missing_ok=True)


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target`` and rename it over: a reader sees the old file or the new one."""
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temp).chmod(0o644)
        Path(temp).replace(target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_file_atomically(target: Path, data: bytes) -> None:
    """One file a command was told to write (``export --out``), swapped in whole."""
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
