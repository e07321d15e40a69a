"""Stage a new site beside the output folder and swap it in whole, one build at a time.

Three promises rest on this module: a failed, interrupted or killed build leaves the previous
site as it was; readers never find the output folder missing or half made (the swap is one
atomic exchange where the system has one); and two builds into the same folder cannot mix
their files (each holds a lock beside the folder while it stages and swaps, so the clean-up
of a killed build's leftovers can never delete a live build's staging).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from .diagnostics import DebatemapError
from .forked import ForkedCall

MARKER = ".debatemap-build"
"""Written into every output folder; its presence is what allows the next build to replace it."""
KEEP = ("README.md",)
"""Files a curator keeps in the output folder (site/README.md in the repository) that carry over."""
KEEP_FOLDERS = (".git",)
"""Moved from the old site into the new one: a gh-pages clone's repository (a folder, or a
worktree's ``.git`` file) lives on in the output folder across builds."""


class WriteError(DebatemapError):
    """The site could not be written (disk full, read-only, a folder deleted under the build)."""


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: beside it, so it survives the swap."""
    return out.parent / f".{out.name}.lock"


@contextmanager
def output_lock(out: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder's lock; if another build holds it, say so and wait for it.

    An advisory lock (flock) on a file beside the folder. The kernel releases it when the
    holder's last process exits, however it exits (kill -9 included), so a lock is never stale;
    forked render workers share it, so it stays held while any of them may still write. The
    file is deleted on release, while still locked; a build that locked a file deleted so
    meanwhile sees that its inode is gone from the path and locks the new one instead.
    """
    path = lock_path(out)
    told = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            if not _try_lock(handle):
                if waiting is not None and not told:
                    holder = os.read(handle, 32).decode("ascii", "replace").strip()
                    who = f" (process {holder})" if holder.isdigit() else ""
                    waiting(f"another build is writing {out}{who}; waiting for it to finish")
                    told = True
                _lock(handle)
            if _same_file(handle, path):
                break
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            if sys.platform != "win32":  # Windows cannot delete an open file
                path.unlink(missing_ok=True)
        finally:
            os.close(handle)  # releases the lock (forked workers that are still alive keep it held)


def _same_file(handle: int, path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


if sys.platform == "win32":  # pragma: no cover - msvcrt byte-range locks stand in for flock
    import msvcrt

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(handle: int) -> None:
        while not _try_lock(handle):
            import time  # noqa: PLC0415

            time.sleep(0.2)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX)


_RENAME_EXCHANGE = 2  # Linux renameat2(2) flag
_RENAME_SWAP = 2  # macOS renamex_np(2) flag
_AT_FDCWD = -100


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to load (not a Unix)
        return None


_LIBC = _libc()


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system or file system cannot.

    Linux has renameat2(RENAME_EXCHANGE) (glibc 2.28+; ext4, xfs, btrfs, tmpfs), macOS
    renamex_np(RENAME_SWAP). Elsewhere, or on a file system that refuses it, the caller falls
    back to two renames.
    """
    if _LIBC is None:  # pragma: no cover
        return False
    swap = getattr(_LIBC, "renameat2", None)
    if swap is not None:
        result = swap(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE))
    elif (swap := getattr(_LIBC, "renamex_np", None)) is not None:  # pragma: no cover - macOS
        result = swap(os.fsencode(a), os.fsencode(b), ctypes.c_uint(_RENAME_SWAP))
    else:  # pragma: no cover
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove_folder(path: Path) -> None:
    """Delete a folder a build made (a staging folder, a spare site), or the link in its place."""
    _remove(path)


def _remove(path: Path) -> None:
    """Delete a leftover folder, or unlink it when it is a link (rmtree refuses links)."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Tidy what a killed build (kill -9, power cut) left beside ``out``; call with the lock held.

    With the lock held no other build is staging into ``out``, so every staging folder found is
    stale. A build killed between two renames (systems without an atomic exchange) leaves the
    previous site set aside as ``.<out>.old-<pid>`` and no ``out``: that site is put back. A
    ``.git`` already moved into a staging folder goes back into the site before it is deleted.
    """
    set_aside = sorted(out.parent.glob(f".{out.name}.old-*"))
    for leftover in set_aside:
        if not out.exists() and not leftover.is_symlink() and (leftover / MARKER).is_file():
            leftover.rename(out)
    for leftover in [*set_aside, *sorted(out.parent.glob(f".{out.name}.tmp-*"))]:
        if not os.path.lexists(leftover):
            continue
        if leftover.is_symlink() or not leftover.is_dir():
            _remove(leftover)
            continue
        for name in KEEP_FOLDERS:
            if os.path.lexists(leftover / name) and out.is_dir() and not os.path.lexists(out / name):
                (leftover / name).rename(out / name)
        _remove(leftover)


def _stamp(staging: Path) -> tuple[int, int, str]:
    """Mark a new staging folder as this build's: its inode, and a token in its marker file (an
    inode number can come back at once for a folder deleted and made again)."""
    token = f"staging {os.getpid()} {os.urandom(8).hex()}\n"
    (staging / MARKER).write_text(token)
    info = os.lstat(staging)
    return info.st_dev, info.st_ino, token


def _still_ours(staging: Path, stamp: tuple[int, int, str]) -> bool:
    try:
        info = os.lstat(staging)
        token = (staging / MARKER).read_text()
    except OSError:
        return False
    return (info.st_dev, info.st_ino, token) == stamp


@contextmanager
def locked_output(out: Path, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold ``out``'s lock with the leftovers of killed builds tidied; yields the real folder.

    The build cache stages inside this block itself (``new_staging``, ``adopt_staging``,
    ``swap_in``), deciding what to start the new site from once no other build can touch it.
    """
    link = out if out.is_symlink() else None
    out = Path(os.path.realpath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(out, waiting):
        clean_leftovers(out)
        if link is not None:  # links that builds before this fix left beside the link
            for stale in link.parent.glob(f".{link.name}.old-*"):
                if stale.is_symlink():
                    stale.unlink()
        yield out


Stamp = tuple[int, int, str]


def _leftover_name(out: Path) -> Path:
    """A free staging name beside ``out``: what a killed build leaves under it, the next one deletes."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))


def _renamed_to_leftover(folder: Path, out: Path) -> Path:
    """Rename ``folder`` (beside ``out``) to a free staging name and return its new path."""
    leftover = _leftover_name(out)
    leftover.rmdir()
    folder.rename(leftover)
    return leftover


def new_staging(out: Path) -> tuple[Path, Stamp]:
    """A fresh, empty staging folder beside ``out`` (call with the lock held)."""
    staging = _leftover_name(out)
    try:
        staging.chmod(0o755)
        return staging, _stamp(staging)
    except BaseException:
        _remove(staging)
        raise


def adopt_staging(folder: Path, out: Path) -> tuple[Path, Stamp]:
    """Make an existing folder (a previous site kept by the build cache) this build's staging
    folder: renamed to a staging name first, so a build killed while it is half updated leaves a
    leftover that the next build deletes, never a folder it would trust. Its marker and the
    files carried over from ``out`` are removed, to be written afresh by ``swap_in``."""
    staging = _renamed_to_leftover(folder, out)
    for name in (MARKER, *KEEP):
        (staging / name).unlink(missing_ok=True)
    return staging, _stamp(staging)


@contextmanager
def removed_meanwhile(folder: Path, out: Path) -> Iterator[None]:
    """Delete ``folder`` (a spare site beside ``out``) on a forked child while the block runs;
    the block's end waits for it, so the command's work is done when it returns.

    A build that renders everything used to delete the spare first: 3.8 s of a 23 s build at
    10,000 claims, most of it waiting on the disk, while the rendering waited. The folder is
    renamed to a staging name at once, which frees its own name for this build's new spare and
    leaves, should the build be killed meanwhile, a leftover that the next build deletes.
    Call with the lock held.
    """
    if not os.path.lexists(folder):
        yield
        return
    doomed = _renamed_to_leftover(folder, out)
    removal = ForkedCall(partial(_remove, doomed))
    try:
        yield
    except Exception:
        removal.result()
        raise
    except BaseException:  # interrupted: stop at once, the next build deletes the rest
        removal.close()
        raise
    removal.result()


def swap_in(staging: Path, stamp: Stamp, out: Path, keep: Path | None = None) -> None:
    """Swap ``staging`` in as ``out``; with ``keep``, the previous site is moved there instead of deleted."""
    try:
        _swap_in(staging, stamp, out, keep)
    except BaseException:
        _remove(staging)
        raise


@contextmanager
def staged_site(out: Path, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """A fresh, empty folder beside ``out`` to write the new site into; swapped in on success.

    ``out`` may be a link: the folder it points to is replaced, and the link stays. Whoever
    writes into the staging folder (this process, or render workers) is done when the block
    ends. If the block raises, the staging folder is deleted and ``out`` is left as it was.
    """
    with locked_output(out, waiting) as real:
        staging, identity = new_staging(real)
        try:
            yield staging
            _swap_in(staging, identity, real)
        except BaseException:
            _remove(staging)
            raise


def _swap_in(staging: Path, stamp: tuple[int, int, str], out: Path, keep: Path | None = None) -> None:
    """Make ``staging`` the site at ``out``, atomically where the system allows."""
    if not _still_ours(staging, stamp):
        raise WriteError(
            f"the folder this build was writing ({staging}) was deleted or replaced while it ran; {out} was not replaced"
        )
    for name in KEEP:
        if (out / name).is_file() and not (staging / name).exists():
            shutil.copy2(out / name, staging / name)
    (staging / MARKER).write_text("This folder is written by `debatemap build`; it is replaced on every build.\n")
    moved = [name for name in KEEP_FOLDERS if os.path.lexists(out / name) and not os.path.lexists(staging / name)]
    for name in moved:  # a kill from here on leaves it in staging: clean_leftovers puts it back
        (out / name).rename(staging / name)
    try:
        _rename_over(staging, out, keep)
    except BaseException:
        for name in moved:
            if out.is_dir() and not os.path.lexists(out / name):
                (staging / name).rename(out / name)
        raise


def _rename_over(staging: Path, out: Path, keep: Path | None = None) -> None:
    """One atomic exchange, or two renames where the system has no exchange; the previous site
    is then deleted, or moved to ``keep``."""
    if not out.exists():
        staging.rename(out)
        return
    if exchange(staging, out):
        _set_aside(staging, keep)  # now the previous site
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    _set_aside(old, keep)


def _set_aside(previous: Path, keep: Path | None) -> None:
    if keep is None:
        _remove(previous)
        return
    if os.path.lexists(keep):
        _remove(keep)
    previous.rename(keep)
