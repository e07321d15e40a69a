"""The build cache on disk: one file, trusted only when it proves it is whole and ours.

The file is a magic line, a JSON header naming what the cache was made for (the format, the
debatemap version and a stamp of its code, the Python version, the content folder and the
working folder its positions are relative to), a checksum of the payload, and the payload (a
pickle). A cache that is truncated, corrupt, from another version or for another content
folder is ignored with one warning line and never unpickled; its checksum is tested before
anything in it is trusted. It is written to a temporary file and renamed over the old one, so a
reader sees the old cache or the new one, never half of one, and a lock beside it makes two
builds sharing a cache take turns.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .. import __version__
from ..collector import collector_paused

FORMAT = 5
"""Bumped whenever what the payload holds changes shape."""
MAGIC = b"debatemap build cache\n"
STATE = "state.bin"
LOCK = "lock"
DEFAULT_DIR = ".debatemap-cache"
"""Beside the content folder, unless ``--cache-dir`` says otherwise."""
_CHECK = 8
"""Bytes of the checksum: the payload's length and its CRC-32, 4 bytes each."""


def default_cache_dir(content_root: Path) -> Path:
    return Path(os.path.abspath(content_root)).parent / DEFAULT_DIR  # noqa: PTH100 - links are not followed here


def code_stamp() -> str:
    """What the running debatemap is: its version and its modules' sizes and times, so a cache
    written by other code (an upgrade, or a checkout of another commit) is never trusted."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    todo = [package]
    while todo:
        folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    todo.append(Path(entry.path))
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def identity(content_root: Path) -> dict[str, object]:
    """What a cache must have been made for to be trusted here."""
    return {
        "format": FORMAT,
        "version": __version__,
        "code": code_stamp(),
        "python": sys.version,
        "content": os.path.realpath(content_root),
        "as": [os.fspath(content_root), os.fspath(Path.cwd())],
    }


class CacheRefused(Exception):
    """The cache file cannot be trusted; the message says why, for the one warning line."""


def read(cache_dir: Path, content_root: Path) -> object | None:
    """The payload the last build saved, None when there is no cache; CacheRefused when there is one that cannot be trusted.

    The file is mapped rather than read: its 35 MB at 10,000 claims are then not copied once more
    before they are checked and unpickled (25 ms of every warm build). debatemap never writes the
    file in place (a new one is renamed over it), so the mapped file cannot change under the read.
    """
    try:
        with (cache_dir / STATE).open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise CacheRefused(f"it cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    # Every view of the mapping is a local here: it is unmapped when this returns (or raises).
    if data[: len(MAGIC)] != MAGIC:
        raise CacheRefused("it is not a debatemap build cache")
    line_end = data.find(b"\n", len(MAGIC))
    if line_end < 0:
        raise CacheRefused("it is truncated")
    try:
        header = json.loads(data[len(MAGIC) : line_end])
    except ValueError:
        raise CacheRefused("its header is corrupt") from None
    if not isinstance(header, dict):
        raise CacheRefused("its header is corrupt")
    _compare(header, identity(content_root))
    checksum = data[line_end + 1 : line_end + 1 + _CHECK]
    payload = memoryview(data)[line_end + 1 + _CHECK :]
    if len(checksum) != _CHECK or _checksum(len(payload), zlib.crc32(payload)) != checksum:
        raise CacheRefused("it is truncated or corrupt (its checksum does not match)")
    try:
        with collector_paused(promote=True):
            payload_object: object = pickle.loads(payload)  # noqa: S301 - our own file, its checksum verified above
    except Exception as exc:  # any unpickling failure means the same: not usable
        raise CacheRefused(f"it is corrupt ({type(exc).__name__})") from None
    return payload_object


def _compare(header: dict[str, object], expected: dict[str, object]) -> None:
    if header.get("version") != expected["version"]:
        raise CacheRefused(f"it was written by debatemap {header.get('version', '(unknown)')}, this is {__version__}")
    if header.get("format") != expected["format"]:
        raise CacheRefused(f"it is in format {header.get('format', '(unknown)')}, this debatemap keeps format {FORMAT}")
    if header.get("code") != expected["code"] or header.get("python") != expected["python"]:
        raise CacheRefused("it was written by other debatemap code or another Python")
    if header.get("content") != expected["content"]:
        raise CacheRefused(f"it is for another content folder ({header.get('content')})")
    named = header.get("as")
    if named != expected["as"]:  # positions in messages and pages are relative to the working folder
        folder, cwd = named if isinstance(named, list) and len(named) == 2 else ("?", "?")
        raise CacheRefused(f"it was written for content named {folder} run from {cwd}")


def write(cache_dir: Path, content_root: Path, payload: object) -> None:
    """Save ``payload``: written beside the old file and renamed over it, so it is whole or absent.

    It is pickled straight into the file, its checksum summed on the way and written last into
    the room left for it: making the whole pickle in memory first cost 20 ms more at 10,000 claims.
    """
    header = MAGIC + json.dumps(identity(content_root), sort_keys=True).encode() + b"\n"
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".state-", dir=cache_dir)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(header + bytes(_CHECK))
            summed = _Summed(stream)
            pickle.Pickler(summed, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
            stream.seek(len(header))
            stream.write(_checksum(summed.size, summed.crc))
        Path(temp).replace(cache_dir / STATE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class _Summed:
    """Writes through to ``stream``, keeping the length and CRC-32 of what passed."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.size = 0
        self.crc = 0

    def write(self, data: bytes | memoryview) -> int:
        self.size += len(data)
        self.crc = zlib.crc32(data, self.crc)
        return self.stream.write(data)


def _checksum(size: int, crc: int) -> bytes:
    """The payload's length and CRC-32. The checksum is there to catch a file cut short or damaged
    (a full disk, a crash, a bad copy); it cannot stop someone who can write the file from
    writing a matching one, and no unkeyed hash could. CRC-32 reads 40 MB in 11 ms where
    BLAKE2b took 49, on both the read and the write of every warm build."""
    return (size & 0xFFFFFFFF).to_bytes(4, "little") + crc.to_bytes(4, "little")


def clear(cache_dir: Path) -> None:
    """Remove the saved state (a cache that was refused, so it is not refused again at every build)."""
    (cache_dir / STATE).unlink(missing_ok=True)


@contextlib.contextmanager
def locked(cache_dir: Path) -> Iterator[None]:
    """Hold the cache's lock, for a build (which reads the cache and writes it again); check reads without it.

    Raises OSError when the folder or its lock file cannot be made (the caller builds without).

    flock is released by the kernel when the process ends, however it ends, so a killed build
    never leaves the cache locked. Where there is no flock (Windows) the atomic replace alone
    keeps the file whole; two builds may then each save, and the later one wins.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(cache_dir / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            import fcntl  # noqa: PLC0415 - not on Windows

            fcntl.flock(handle, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass
        yield
    finally:
        os.close(handle)
