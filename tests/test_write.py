"""Writing a site: atomic, confined to the output folder, and never over a folder it did not make."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.diagnostics import UsageError
from debatemap.write import MARKER, check_output_dir, safe_relative, write_files, write_site


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path (the marker included)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def beside(out: Path) -> list[str]:
    """What lies next to the output folder: the staging and set-aside folders must be gone."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def test_a_site_is_written_whole_with_its_marker(tmp_path: Path) -> None:
    out = tmp_path / "site"
    count, size = write_site({"index.html": b"home", "claims/a/index.html": b"a"}, out)
    assert (count, size) == (2, 5)
    assert tree(out) == {MARKER: (out / MARKER).read_bytes(), "claims/a/index.html": b"a", "index.html": b"home"}
    assert beside(out) == []


def test_a_rebuild_replaces_every_file_and_drops_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"v1", "old/index.html": b"gone soon"}, out)
    write_site({"index.html": b"v2"}, out)
    assert (out / "index.html").read_bytes() == b"v2"
    assert not (out / "old").exists()
    assert beside(out) == []


def test_a_curators_readme_in_the_output_folder_survives_rebuilds(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "README.md").write_text("This folder is generated.\n")
    write_site({"index.html": b"v1"}, out)
    write_site({"index.html": b"v2"}, out)
    assert (out / "README.md").read_text() == "This folder is generated.\n"


def test_a_write_failing_midway_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({f"page-{n}/index.html": f"old {n}".encode() for n in range(200)}, out)
    before = tree(out)

    def failing() -> Iterator[tuple[str, bytes]]:
        for n in range(150):
            yield f"page-{n}/index.html", f"new {n}".encode()
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_site(failing(), out)
    assert tree(out) == before
    assert beside(out) == [], "the half-written staging folder is removed"


def test_an_unsafe_output_path_aborts_the_write_and_keeps_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(UsageError, match="unsafe output path"):
        write_site({"index.html": b"new", "../escape.html": b"x"}, out)
    assert (out / "index.html").read_bytes() == b"old"
    assert not (tmp_path / "escape.html").exists()


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/../../x", "", "..", "a\\..\\b", "C:\\x"])
def test_output_paths_cannot_leave_the_output_folder(name: str) -> None:
    with pytest.raises(UsageError):
        safe_relative(name)


@pytest.mark.parametrize("fresh", [False, True])
def test_files_are_written_into_the_folders_they_name_made_as_needed(tmp_path: Path, fresh: bool) -> None:
    files = {"index.html": b"home", "claims/a/index.html": b"a", "claims/b/index.html": b"b", "maps/m/x/y.json": b"{}"}
    files |= {"maps/m/index.html": b"m", "odd//name.txt": b"normalised", "./dot/index.html": b"dot"}
    assert write_files(tmp_path, files.items(), fresh=fresh) == (len(files), sum(map(len, files.values())))
    expected = {name: data for name, data in files.items() if name not in ("odd//name.txt", "./dot/index.html")}
    assert tree(tmp_path) == expected | {"odd/name.txt": b"normalised", "dot/index.html": b"dot"}


@pytest.mark.parametrize("fresh", [False, True])
def test_a_fresh_write_refuses_unsafe_paths_too(tmp_path: Path, fresh: bool) -> None:
    with pytest.raises(UsageError, match="unsafe output path"):
        write_files(tmp_path / "site", [("a/../../x", b"x")], fresh=fresh)
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("fresh", [False, True])
def test_writing_into_a_folder_deleted_under_the_build_fails_instead_of_making_it_again(tmp_path: Path, fresh: bool) -> None:
    gone = tmp_path / "staging"
    with pytest.raises(FileNotFoundError, match="deleted"):
        write_files(gone, [("claims/a/index.html", b"a")], fresh=fresh)
    with pytest.raises(FileNotFoundError, match="deleted"):
        write_files(gone, [("index.html", b"home")], fresh=fresh)
    assert not gone.exists()


def test_an_interrupted_swap_gets_the_previous_site_back(tmp_path: Path) -> None:
    """Killed between its two renames, a build leaves only .site.old-PID: the next write restores it first."""
    out = tmp_path / "site"
    write_site({"index.html": b"previous"}, out)
    out.rename(tmp_path / ".site.old-12345")
    (tmp_path / ".site.tmp-abc").mkdir()  # a half-written tree from the same crash
    (tmp_path / ".site.tmp-abc" / "index.html").write_bytes(b"half")

    def failing() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"never"
        raise RuntimeError("crash again")

    with pytest.raises(RuntimeError):
        write_site(failing(), out)
    assert (out / "index.html").read_bytes() == b"previous"
    assert beside(out) == []


def test_a_symlinked_file_in_the_old_site_is_not_followed_when_it_is_removed(tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    out = tmp_path / "site"
    write_site({"index.html": b"v1"}, out)
    (out / "link.txt").symlink_to(outside)
    write_site({"index.html": b"v2"}, out)
    assert outside.read_text() == "keep me"


class TestOutputFolderChecks:
    def content(self, tmp_path: Path) -> Path:
        root = tmp_path / "content"
        root.mkdir()
        return root

    def test_a_new_or_empty_folder_is_accepted(self, tmp_path: Path) -> None:
        content = self.content(tmp_path)
        assert check_output_dir(tmp_path / "site", content) == (tmp_path / "site").resolve()
        (tmp_path / "empty").mkdir()
        check_output_dir(tmp_path / "empty", content)

    def test_a_folder_a_build_made_is_accepted(self, tmp_path: Path) -> None:
        write_site({"index.html": b"x"}, tmp_path / "site")
        check_output_dir(tmp_path / "site", self.content(tmp_path))

    def test_a_foreign_non_empty_folder_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "photos").mkdir()
        (tmp_path / "photos" / "cat.jpg").write_bytes(b"meow")
        with pytest.raises(UsageError, match="not made by `debatemap build`"):
            check_output_dir(tmp_path / "photos", self.content(tmp_path))

    def test_home_root_and_working_folders_are_refused(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        content = self.content(tmp_path)
        home = tmp_path / "home"
        (home / "projects").mkdir(parents=True)
        monkeypatch.setenv("HOME", str(home))
        monkeypatch.chdir(home / "projects")
        for out in (home, home / "projects", tmp_path, Path("/"), Path(".."), Path(".")):
            with pytest.raises(UsageError, match="refusing to build into"):
                check_output_dir(out, content)

    def test_the_content_folder_and_folders_around_it_are_refused(self, tmp_path: Path) -> None:
        content = self.content(tmp_path)
        for out in (content, content / "site", tmp_path):
            with pytest.raises(UsageError):
                check_output_dir(out, content)

    def test_a_file_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "site").write_text("not a folder")
        with pytest.raises(UsageError, match="not a folder"):
            check_output_dir(tmp_path / "site", self.content(tmp_path))
