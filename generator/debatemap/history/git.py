"""Read a content folder's git history with two ``git`` processes for the whole build.

``git log --raw`` lists every commit that changed a map file, with the ids of the file's
contents before and after (blob hashes), newest first; ``git cat-file --batch`` then hands
over those contents on request. Nothing is run per claim or per map, nothing reaches the
network, and nothing depends on the clock: the same commit gives the same history.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..pickling import by_fields

NO_BLOB = "0" * 40
"""What ``--raw`` names as the contents of a file that does not exist on one side of a change."""
_COMMIT = "\x1e"
_GIT_OPTIONS = ("-c", "core.quotepath=off", "-c", "log.showsignature=false", "-c", "core.fsmonitor=false")
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_PAGER": "cat"}


@by_fields
@dataclass(frozen=True, slots=True)
class FileChange:
    """One commit's change to one map file."""

    commit: str
    timestamp: int
    """The committer's date, in seconds since 1970 (UTC)."""
    map_id: str
    old: str
    """The blob the file had before (``NO_BLOB`` when the commit created it)."""
    new: str
    """The blob it has after (``NO_BLOB`` when the commit deleted it)."""


class GitUnavailable(Exception):
    """No history can be read; the message says why when a curator should hear it (else it is empty)."""


def _run(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - a fixed git command line; the content folder is the only input
            ["git", *_GIT_OPTIONS, "-C", str(root), *args],  # noqa: S607 - git from PATH, as the curator runs it
            capture_output=True,
            check=False,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        inside = any((folder / ".git").exists() for folder in (root.resolve(), *root.resolve().parents))
        raise GitUnavailable("git is not installed, so the maps show no changes" if inside else "") from None
    except OSError as exc:
        raise GitUnavailable(f"git could not be run ({exc.strerror or exc}), so the maps show no changes") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if not message or "not a git repository" in message[0]:
            raise GitUnavailable("")
        raise GitUnavailable(f"git refused to read the history ({message[0]}), so the maps show no changes")
    return done.stdout.decode("utf-8", "replace")


class Repository:
    """The git repository a content folder is in, found once (``find``)."""

    def __init__(self, root: Path, git_dir: Path, common_dir: Path) -> None:
        self.root = root
        self.git_dir = git_dir
        self.common_dir = common_dir

    @classmethod
    def find(cls, root: Path) -> Repository:
        """Raise GitUnavailable when the folder is not in a repository, git is missing, or the
        history is incomplete: a shallow clone (CI's default) or a partial one, whose missing
        contents git would fetch from the network. Part of a history would date every claim to
        where it was cut, so then there is none.
        """
        lines = _run(root, "rev-parse", "--is-shallow-repository", "--absolute-git-dir", "--git-common-dir").splitlines()
        if len(lines) < 3:
            raise GitUnavailable("")
        if lines[0].strip() == "true":
            raise GitUnavailable("the content is a shallow git clone, so the maps show no changes (clone the whole history)")
        try:
            partial = _run(root, "config", "--get", "extensions.partialclone").strip()
        except GitUnavailable:
            partial = ""  # not set: `git config --get` fails
        if partial:
            raise GitUnavailable("the content is a partial git clone, so the maps show no changes (clone every file)")
        git_dir = Path(lines[1])
        return cls(root, git_dir, (root / lines[2]).resolve() if not Path(lines[2]).is_absolute() else Path(lines[2]))

    def head(self) -> tuple[object, ...]:
        """A cheap signature of HEAD (no process): it differs after a commit, checkout, reset or pull."""
        try:
            head = (self.git_dir / "HEAD").read_bytes()
        except OSError:
            return ()
        parts: list[object] = [head]
        if head.startswith(b"ref: "):
            ref = head[len(b"ref: ") :].strip().decode("utf-8", "replace")
            for base in (self.git_dir, self.common_dir):
                try:
                    parts.append((base / ref).read_bytes())
                    break
                except OSError:
                    continue
            try:
                packed = (self.common_dir / "packed-refs").stat()
                parts.append((packed.st_mtime_ns, packed.st_size))
            except OSError:
                pass
        return tuple(parts)

    def map_changes(self) -> list[FileChange]:
        """Every first-parent commit's changes to ``maps/*.yaml``, newest first."""
        log = _run(
            self.root, "log", "--first-parent", "--no-renames", "--raw", "--no-abbrev", "--no-color",
            f"--format={_COMMIT}%H %ct", "--relative", "--", "maps",
        )  # fmt: skip
        return _parse_log(log)

    def blobs(self) -> Blobs:
        return Blobs(self.root)


def _parse_log(log: str) -> list[FileChange]:
    changes: list[FileChange] = []
    for record in log.split(_COMMIT)[1:]:
        header, _, body = record.partition("\n")
        commit, _, when = header.partition(" ")
        for line in body.splitlines():
            if not line.startswith(":"):
                continue
            info, _, path = line.partition("\t")
            fields = info.split()
            if len(fields) < 5 or not path.startswith("maps/") or not path.endswith(".yaml") or path.count("/") != 1:
                continue
            changes.append(FileChange(commit, int(when), path[len("maps/") : -len(".yaml")], fields[2], fields[3]))
    return changes


class Blobs:
    """File contents by blob hash from one ``git cat-file --batch`` process, asked one at a time."""

    def __init__(self, root: Path) -> None:
        self._process = subprocess.Popen(  # noqa: S603
            ["git", *_GIT_OPTIONS, "-C", str(root), "cat-file", "--batch"],  # noqa: S607
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **_ENV},
        )

    def __enter__(self) -> Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, blob: str) -> bytes | None:
        """The blob's bytes, or None when the repository does not have it."""
        return self.get_many([blob])[blob]

    def get_many(self, blobs: list[str]) -> dict[str, bytes | None]:
        """Several blobs for one round trip to git (the requests are small, so they never fill the pipe)."""
        stdin, stdout = self._pipes()
        stdin.write("".join(f"{blob}\n" for blob in blobs).encode("ascii"))
        stdin.flush()
        found: dict[str, bytes | None] = {}
        for blob in blobs:
            header = stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                found[blob] = None
                continue
            found[blob] = stdout.read(int(header[2]))
            stdout.read(1)  # the newline after the contents
        return found

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        return stdin, stdout

    def close(self) -> None:
        stdin, stdout = self._pipes()
        stdin.close()
        stdout.close()
        self._process.wait()
