"""Staging and swapping a site: one build at a time per folder, no moment without a site, links and .git kept."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from debatemap import staging
from debatemap.staging import MARKER, WriteError, clean_leftovers, lock_path, output_lock, staged_site
from debatemap.write import check_output_dir, write_file, write_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def pages(root: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree(root).items() if name != MARKER}


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def test_a_second_build_waits_for_the_first_instead_of_deleting_its_staging(tmp_path: Path) -> None:
    """D1: the second build's clean-up used to delete the first build's live staging folder."""
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    said: list[str] = []
    second = threading.Thread(target=lambda: write_site({"b.html": b"second"}, out, waiting=said.append))
    with staged_site(out) as first:
        write_file(first, "a/one.html", b"first 1")
        second.start()
        deadline = time.monotonic() + 10
        while not said and second.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)  # until the second build waits (before the fix: until it had cleaned up and swapped)
        time.sleep(0.1)
        assert (first / "a" / "one.html").read_bytes() == b"first 1", "the live staging folder was deleted"
        assert pages(out) == {"index.html": b"old"}, "nothing was swapped in meanwhile"
        write_file(first, "a/two.html", b"first 2")
    second.join(10)
    assert not second.is_alive()
    assert pages(out) == {"b.html": b"second"}
    assert said and "another build is writing" in said[0]
    assert beside(out) == [], "no staging folder and no lock file left"


def test_a_build_whose_staging_folder_was_deleted_fails_and_swaps_nothing_in(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(FileNotFoundError), staged_site(out) as folder:
        write_file(folder, "one/index.html", b"new")
        shutil.rmtree(folder)
        write_file(folder, "two/index.html", b"new")  # must not make the folder again
    assert pages(out) == {"index.html": b"old"}
    assert beside(out) == []


def test_a_staging_folder_replaced_under_the_build_is_never_swapped_in(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(WriteError, match="deleted or replaced"), staged_site(out) as folder:
        shutil.rmtree(folder)
        folder.mkdir()
        (folder / "partial.html").write_bytes(b"x")
    assert pages(out) == {"index.html": b"old"}


def test_the_lock_is_released_when_its_holder_dies_so_a_killed_build_never_blocks_the_next(tmp_path: Path) -> None:
    out = tmp_path / "site"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child takes the lock and dies without releasing it
        with output_lock(out):
            os._exit(0)
    os.waitpid(pid, 0)
    started = time.monotonic()
    write_site({"index.html": b"after"}, out)
    assert time.monotonic() - started < 5
    assert not lock_path(out).exists()


def test_at_every_step_of_the_swap_the_output_folder_holds_a_whole_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """D9: the two renames left a moment with no output folder at all."""
    out = tmp_path / "site"
    write_site({"index.html": b"old", "a/index.html": b"old a"}, out)
    seen: list[dict[str, bytes]] = []
    rename = Path.rename

    def watched(self: Path, target: str | os.PathLike[str]) -> Path:
        moved = rename(self, target)
        seen.append(pages(out) if out.is_dir() else {})
        return moved

    monkeypatch.setattr(Path, "rename", watched)
    write_site({"index.html": b"new", "b/index.html": b"new b"}, out)
    new, old = {"index.html": b"new", "b/index.html": b"new b"}, {"index.html": b"old", "a/index.html": b"old a"}
    assert all(state in (old, new) for state in seen), "the output folder was missing or partial between two steps"
    assert pages(out) == new


def test_without_an_atomic_exchange_the_two_renames_still_replace_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "exchange", lambda a, b: False)
    out = tmp_path / "site"
    write_site({"index.html": b"v1"}, out)
    write_site({"index.html": b"v2"}, out)
    assert pages(out) == {"index.html": b"v2"}
    assert beside(out) == []


def test_the_exchange_swaps_two_folders_atomically(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("b")
    if not staging.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this system or file system has no atomic exchange")
    assert ((tmp_path / "a" / "x").read_text(), (tmp_path / "b" / "x").read_text()) == ("b", "a")


def test_a_symlinked_output_folder_stays_a_link_and_its_target_gets_the_new_site(tmp_path: Path) -> None:
    """D7: the link used to be replaced by a real folder, leaving the target stale and a dangling link beside it."""
    real = tmp_path / "www" / "real"
    write_site({"index.html": b"v1"}, real)
    link = tmp_path / "linkout"
    link.symlink_to(real)
    (tmp_path / ".linkout.old-4242").symlink_to(real)  # what a build before the fix left behind
    write_site({"index.html": b"v2"}, link)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert pages(real) == {"index.html": b"v2"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linkout", "www"]
    assert beside(real) == []


def test_a_git_repository_in_the_output_folder_is_kept_across_builds(tmp_path: Path) -> None:
    """D8: a gh-pages clone's .git in the output folder used to be deleted by the next build."""
    out = tmp_path / "site"
    write_site({"index.html": b"v1"}, out)
    (out / ".git" / "refs").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    write_site({"index.html": b"v2"}, out)
    write_site({"index.html": b"v3"}, out)
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (out / ".git" / "refs").is_dir()
    assert (out / "index.html").read_bytes() == b"v3"


def test_a_git_file_of_a_worktree_is_kept_too(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"v1"}, out)
    (out / ".git").write_text("gitdir: /elsewhere/.git/worktrees/site\n")
    write_site({"index.html": b"v2"}, out)
    assert (out / ".git").read_text() == "gitdir: /elsewhere/.git/worktrees/site\n"


def test_a_git_repository_moved_into_a_killed_builds_staging_goes_back_into_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"v1"}, out)
    stale = tmp_path / ".site.tmp-killed"
    stale.mkdir()
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref\n")
    (out / ".git").rename(stale / ".git")  # killed right after moving it, before the swap
    clean_leftovers(out)
    assert (out / ".git" / "HEAD").read_text() == "ref\n"
    assert beside(out) == []


def test_a_git_repository_survives_a_swap_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"v1"}, out)
    (out / ".git").mkdir()

    def refuse(a: Path, b: Path) -> bool:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(staging, "exchange", refuse)
    with pytest.raises(OSError, match="I/O error"):
        write_site({"index.html": b"v2"}, out)
    assert (out / ".git").is_dir()
    assert (out / "index.html").read_bytes() == b"v1"


def test_a_folder_holding_only_a_git_repository_may_become_the_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "gh" / ".git").mkdir(parents=True)
    check_output_dir(tmp_path / "gh", content)
