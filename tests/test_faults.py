"""Faults around a build: kill -9 at random moments, two builds at once, a full or read-only disk, a wrong --out.

Each runs the real command line, in a process of its own where the fault needs one, and checks
what a reader or a web server would find in the output folder afterwards.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.cli import main

from .helpers import minimal_site
from .test_benchmarks import load_module

KILLS = 20


def digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, as a hash of its bytes (links as their target)."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = "link:" + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return found


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name and p.name.startswith(f".{out.name}."))


def cli(*args: str, session: bool = False) -> subprocess.Popen[bytes]:
    """`debatemap ARGS` started in a process of its own (with ``session``, in its own process group)."""
    command = [sys.executable, "-m", "debatemap", *args]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=session)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "debatemap", *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two different sites of about 480 pages (so a build uses the render workers): A and B."""
    corpus = load_module("corpus")
    base = tmp_path_factory.mktemp("corpora")
    return corpus.generate(base / "a", 400, seed=1), corpus.generate(base / "b", 400, seed=2)


@pytest.fixture(scope="module")
def built(corpora: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], float]:
    """Each corpus built once, for reference: (A's files, B's files, seconds one build of B takes)."""
    base = tmp_path_factory.mktemp("reference")
    trees = []
    started = 0.0
    for content in corpora:
        started = time.monotonic()
        done = run("build", str(content), "--out", str(base / content.name))
        assert done.returncode == 0, done.stderr
        trees.append(digest(base / content.name))
    return trees[0], trees[1], time.monotonic() - started


def test_a_build_killed_at_twenty_random_moments_leaves_a_whole_site_and_the_next_build_tidies_up(
    corpora: tuple[Path, Path], built: tuple[dict[str, str], dict[str, str], float], tmp_path: Path
) -> None:
    site_a, site_b, seconds = built
    out = tmp_path / "site"
    assert cli("build", str(corpora[0]), "--out", str(out)).wait(120) == 0
    seed = int.from_bytes(os.urandom(4), "big")
    moments = sorted(random.Random(seed).uniform(0.05, seconds * 1.05) for _ in range(KILLS))
    survived = 0
    for moment in moments:
        proc = cli("build", str(corpora[1]), "--out", str(out), session=True)
        time.sleep(moment)
        os.killpg(proc.pid, signal.SIGKILL)  # the command and its render workers
        proc.wait(30)
        found = digest(out)
        assert found in (site_a, site_b), f"after a kill at {moment:.2f} s (seed {seed}) the site is neither A nor B"
        survived += 1
    assert survived == KILLS
    assert cli("build", str(corpora[1]), "--out", str(out)).wait(120) == 0
    assert digest(out) == site_b
    # Only the previous site the build cache keeps to make the next one from (.site.spare) stays.
    assert beside(out) in ([], [".site.spare"]), "no staging folder, set-aside site or lock file is left"


def test_two_builds_into_one_folder_at_once_take_turns_and_never_mix_their_files(
    corpora: tuple[Path, Path], built: tuple[dict[str, str], dict[str, str], float], tmp_path: Path
) -> None:
    """Review D1: the second build deleted the first's staging folder; the first published what was left."""
    site_a, site_b, seconds = built
    out = tmp_path / "site"
    first = cli("build", str(corpora[0]), "--out", str(out))
    time.sleep(seconds * 0.4)  # the first is rendering
    second = cli("build", str(corpora[1]), "--out", str(out))
    seen = []
    while first.poll() is None:  # what a web server finds while the first runs
        if out.is_dir():
            seen.append(digest(out))
        time.sleep(0.05)
    assert first.wait() == 0
    assert digest(out) in (site_a, site_b), "the first build published a partial site"
    assert second.wait(120) == 0
    assert digest(out) == site_b
    assert all(state in (site_a, site_b) for state in seen)
    assert beside(out) in ([], [".site.spare"])


def test_a_full_disk_fails_the_build_with_a_clear_error_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_site(tmp_path / "content")
    out = tmp_path / "site"
    assert main(["build", str(root), "--out", str(out)]) == 0
    before = digest(out)
    capsys.readouterr()
    real_write = os.write
    calls = iter(range(1_000_000))

    def write(handle: int, data: bytes) -> int:
        if next(calls) >= 8:  # the lock file and a few pages, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", write)
    assert main(["build", str(root), "--out", str(out), "--no-cache"]) == 1  # every page written again
    err = capsys.readouterr().err
    assert f"debatemap: error: cannot write the site into {out}: No space left on device" in err
    assert "Traceback" not in err
    monkeypatch.undo()
    assert digest(out) == before
    assert beside(out) == []


def mounted_tmpfs(point: Path) -> bool:
    mount = shutil.which("mount")
    command = [mount or "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)]
    return mount is not None and subprocess.run(command, check=False, capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, where the system lets this process mount one (root on Linux); else skipped."""
    point = tmp_path / "disk"
    point.mkdir()
    if not mounted_tmpfs(point):
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux); the monkeypatched full disk stands in")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=False)


def test_a_real_full_disk_fails_the_build_with_a_clear_error_and_keeps_the_previous_site(small_disk: Path) -> None:
    small = minimal_site(small_disk.parent / "small")
    large = load_module("corpus").generate(small_disk.parent / "large", 150)  # about 2 MB of pages
    out = small_disk / "site"
    assert cli("build", str(small), "--out", str(out)).wait(60) == 0
    before = digest(out)
    failing = run("build", str(large), "--out", str(out))
    assert failing.returncode == 1
    err = failing.stderr
    assert f"cannot write the site into {out}: No space left on device" in err, err
    assert "Traceback" not in err
    assert digest(out) == before
    assert beside(out) == []


def test_a_read_only_output_folder_fails_the_build_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_site(tmp_path / "content")
    out = tmp_path / "site"
    assert main(["build", str(root), "--out", str(out)]) == 0
    before = digest(out)
    capsys.readouterr()
    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    assert main(["build", str(root), "--out", str(out)]) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert f"debatemap: error: cannot write the site into {out}: Read-only file system" in err
    assert digest(out) == before


@pytest.mark.parametrize("where", ["home", "root", "parent", "cwd", "content", "content-inside"])
def test_an_output_folder_that_holds_precious_files_is_refused_before_anything_is_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    home = tmp_path / "home"
    work = home / "work"
    minimal_site(work / "content")
    (home / "notes.txt").write_text("keep")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    out = {"home": str(home), "root": "/", "parent": "..", "cwd": ".", "content": "content", "content-inside": "content/site"}[
        where
    ]
    before = digest(tmp_path)
    assert main(["build", "content", "--out", out]) == 2
    assert "debatemap: error:" in capsys.readouterr().err
    assert digest(tmp_path) == before, "nothing was written or deleted"
