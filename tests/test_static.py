"""The content's static/ folder: CNAME, .nojekyll and the like reach every build as they are (review D8)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.incremental import IncrementalBuild
from debatemap.pipeline import load_site

from .helpers import minimal_site, time_limit

FILES: dict[str, str | bytes] = {
    "static/CNAME": "debates.example.org\n",
    "static/.nojekyll": "",
    "static/favicon.ico": b"\x00\x00\x01\x00\xff",
    "static/.well-known/security.txt": "Contact: mailto:security@example.org\n",
    "static/files/report.pdf": b"%PDF-1.7 \x00\xff",
    "static/google1234.html": "google-site-verification: google1234.html",
}
SKIPPED: dict[str, str | bytes] = {
    "static/CNAME~": "old",
    "static/.CNAME.swp": b"\x00",
    "static/#draft#": "x",
    "static/.#lock": "x",
    "static/.DS_Store": b"\x00",
    "static/.git/HEAD": "ref: refs/heads/main\n",
}


def test_static_files_are_published_byte_for_byte_and_survive_rebuilds(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", {**FILES, **SKIPPED})
    out = tmp_path / "site"
    for _ in range(2):
        build(root, out)
        for name, data in FILES.items():
            published = out / name.removeprefix("static/")
            assert published.read_bytes() == (data if isinstance(data, bytes) else data.encode())
    for name in SKIPPED:
        assert not (out / name.removeprefix("static/")).exists(), f"{name} is an editor's or a system's file"
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("name", ["index.html", "404.html", "robots.txt", "claims/open-weights/index.html", "about/index.html"])
def test_a_static_file_may_not_replace_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    root = minimal_site(Path("content"), {f"static/{name}": "<h1>mine</h1>"})
    checked = load_site(root)
    assert [(d.code, str(d.position)) for d in checked.diagnostics] == [("static-path", f"content/static/{name}")]
    assert not checked.ok


@pytest.mark.parametrize("name", ["assets/style.css", "assets/logo.png", "search/index/meta.json"])
def test_the_builds_own_folders_are_reserved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    root = minimal_site(Path("content"), {f"static/{name}": "x"})
    (diagnostic,) = load_site(root).diagnostics
    assert (diagnostic.code, diagnostic.hint) == ("static-path", "rename or move it; assets/ and search/ belong to the build")


def test_links_out_of_the_content_folder_pipes_and_loops_are_reported_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    root = minimal_site(Path("content"), {"static/ok.txt": "ok"})
    static = root / "static"
    (static / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (static / "outside").symlink_to(tmp_path)
    (static / "loop").symlink_to(".")
    (static / "inside.txt").symlink_to("ok.txt")
    os.mkfifo(static / "pipe")
    with time_limit(20):
        checked = load_site(root)
    found = sorted((d.code, str(d.position), d.message) for d in checked.diagnostics)
    assert found == [
        ("file-unreadable", "content/static/leak.txt", "the file is a link to outside the content folder"),
        ("file-unreadable", "content/static/outside", "the file is a link to outside the content folder"),
        ("file-unreadable", "content/static/pipe", "this is not a regular file (a pipe, socket or device)"),
    ]


def test_a_site_without_problems_in_static_builds_links_inside_the_content(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", {"static/ok.txt": "ok"})
    (root / "static" / "same.txt").symlink_to(root / "static" / "ok.txt")
    build(root, tmp_path / "site")
    assert (tmp_path / "site" / "same.txt").read_text() == "ok"
    assert not (tmp_path / "site" / "same.txt").is_symlink()


def test_serve_publishes_a_static_file_added_or_changed_while_it_runs(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content")
    builder = IncrementalBuild(root, tmp_path / "live")
    assert builder.rebuild(defer_extras=False).ok
    cname = root / "static" / "CNAME"
    cname.parent.mkdir()
    cname.write_text("one.example.org\n")
    assert builder.rebuild([str(cname)], defer_extras=False, complete=True).ok
    assert (builder.out / "CNAME").read_text() == "one.example.org\n"
    cname.write_text("two.example.org, longer\n")
    assert builder.rebuild([str(cname)], defer_extras=False, complete=True).ok
    assert (builder.out / "CNAME").read_text() == "two.example.org, longer\n"
