"""File-system states in the content folder give positioned errors, not tracebacks (review D6)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from debatemap.cli import main

from .helpers import minimal_site, time_limit


def check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    with time_limit(30):
        code = main(["check", "content"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, [line for line in captured.out.splitlines() if ": error[" in line]


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return minimal_site(Path("content"))


def test_a_link_loop_among_source_files_is_reported(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "sources" / "a.yaml").symlink_to("b.yaml")
    (content / "sources" / "b.yaml").symlink_to("a.yaml")
    code, errors = check(capsys)
    assert code == 1
    assert errors == [
        "content/sources/a.yaml: error[file-unreadable]: the file is a link that leads back to itself (a loop)",
        "content/sources/b.yaml: error[file-unreadable]: the file is a link that leads back to itself (a loop)",
    ]


def test_a_folder_that_is_a_link_to_itself_is_reported(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "pages" / "about.md").unlink()
    (content / "pages").rmdir()
    (content / "pages").symlink_to("pages")
    code, errors = check(capsys)
    assert code == 1
    assert errors[0] == "content/pages: error[file-unreadable]: the folder is a link that leads back to itself"


def test_an_unreadable_folder_is_reported(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = content / "pages"
    if os.geteuid() != 0:
        pages.chmod(0)
    else:  # root reads any folder: refuse it the way the kernel would for anyone else
        real = os.scandir

        def scandir(path: str | os.PathLike[str] = ".") -> object:
            if Path(path).name == "pages":
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, errors = check(capsys)
    finally:
        pages.chmod(0o755)
    assert code == 1
    assert errors[0] == "content/pages: error[file-unreadable]: cannot read the folder: Permission denied"


def test_an_escape_sequence_in_a_file_name_is_printed_escaped(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name that sets the terminal's title (OSC) must not reach the terminal as is."""
    (content / "sources" / "\x1b]0;owned\x07.yaml").write_text("title: A\nurl: https://x.org/\n")
    code, errors = check(capsys)
    assert code == 1
    assert errors[0].startswith("content/sources/\\x1b]0;owned\\x07.yaml: error[invalid-id]")
    assert not any("\x1b" in line for line in errors)


def test_a_file_name_that_is_not_utf8_is_reported_on_a_strict_terminal(content: Path) -> None:
    (content / "sources" / os.fsdecode(b"caf\xe9.yaml")).write_bytes(b"title: A\nurl: https://x.org/\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    done = subprocess.run(
        [sys.executable, "-m", "debatemap", "check", "content"], capture_output=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert b"content/sources/caf\\udce9.yaml: error[invalid-id]" in done.stdout


def test_a_huge_value_is_quoted_by_its_start(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    about = content / "pages" / "about.md"
    about.write_text(about.read_text().replace("order: 1", "order: " + "1" * 5000))
    code, errors = check(capsys)
    assert code == 1
    assert len(errors[0]) < 700 and errors[0].endswith("…")
