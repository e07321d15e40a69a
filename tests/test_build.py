"""The build command end to end: byte-identical output, atomic failure, refusals, progress."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from debatemap import cli
from debatemap.build import build
from debatemap.cli import main
from debatemap.commands.build import BuildProgress
from debatemap.commands.common import is_terminal
from debatemap.content import Content
from debatemap.graph import build_graph
from debatemap.pipeline import load_site
from debatemap.render.pages import PageContexts, set_up
from debatemap.render.renderer import Renderer
from debatemap.render.routes import Route
from debatemap.write import MARKER

from .conftest import CONTENT
from .helpers import minimal_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    build(CONTENT, tmp_path / "first")
    build(CONTENT, tmp_path / "second")
    first, second = tree(tmp_path / "first"), tree(tmp_path / "second")
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files differ between two builds: {differing[:10]}"
    assert len(first) > 150


def test_a_build_that_fails_midway_leaves_the_previous_site_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = minimal_site(tmp_path / "content")
    out = tmp_path / "site"
    build(root, out)
    before = tree(out)
    (root / "maps" / "open.yaml").write_text((root / "maps" / "open.yaml").read_text().replace("Weights should", "They must"))
    rendered = 0
    original = Renderer.render

    def render_then_fail(self: Renderer, route: Route) -> bytes:
        nonlocal rendered
        rendered += 1
        if rendered > 5:
            raise RuntimeError("killed midway")
        return original(self, route)

    monkeypatch.setattr(Renderer, "render", render_then_fail)
    with pytest.raises(RuntimeError, match="killed midway"):
        build(root, out)
    assert rendered > 5, "the failure happened after some pages were written"
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"], "no staging folder left behind"


class TestRefusals:
    """`--out` that must never be replaced: exit 2, a message, and nothing written anywhere."""

    @pytest.fixture
    def content(self, tmp_path: Path) -> Path:
        return minimal_site(tmp_path / "work" / "content")

    def refused(self, argv: list[str], watched: Path, capsys: pytest.CaptureFixture[str]) -> str:
        before = tree(watched)
        names = sorted(p.name for p in watched.iterdir())
        assert main(argv) == cli.EXIT_USAGE
        assert tree(watched) == before, "nothing may be written"
        assert sorted(p.name for p in watched.iterdir()) == names, "no staging folder beside it"
        return capsys.readouterr().err

    def test_a_foreign_non_empty_folder(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        docs = content.parent / "docs"
        docs.mkdir()
        (docs / "thesis.pdf").write_bytes(b"%PDF")
        err = self.refused(["build", str(content), "--out", str(docs)], content.parent, capsys)
        assert "was not made by `debatemap build`" in err and "thesis.pdf" in err

    def test_the_home_folder(self, content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setenv("HOME", str(content.parent))  # what the shell passes for `--out ~`
        err = self.refused(["build", str(content), "--out", str(Path.home())], content.parent, capsys)
        assert "refusing to build into" in err

    def test_the_working_folder(self, content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.chdir(content.parent)
        err = self.refused(["build", "content", "--out", "."], content.parent, capsys)
        assert "refusing to build into" in err

    def test_the_content_folder(self, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
        err = self.refused(["build", str(content), "--out", str(content)], content.parent, capsys)
        assert "outside the content folder" in err


def test_build_prints_one_closing_line_and_no_progress_when_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_site(tmp_path / "content")
    assert main(["build", str(root), "--out", str(tmp_path / "site")]) == cli.EXIT_OK
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Built ") and " pages in " in lines[0] and lines[0].endswith(f" s -> {tmp_path / 'site'}")
    assert "\r" not in captured.out + captured.err
    assert (tmp_path / "site" / MARKER).is_file()


def test_a_failed_build_says_the_site_is_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_site(tmp_path / "content", {"maps/open.yaml": "title: [unclosed\n"})
    assert main(["build", str(root), "--out", str(tmp_path / "site")]) == cli.EXIT_PROBLEMS
    assert "is unchanged" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class TestProgress:
    def test_a_quick_build_shows_no_progress(self) -> None:
        stream, clock = io.StringIO(), FakeClock()
        progress = BuildProgress(stream, clock)
        clock.now += 0.5
        progress(200, 400)
        progress(400, 400)
        progress.close()
        assert stream.getvalue() == ""

    def test_a_slow_build_draws_a_bar_then_clears_it(self) -> None:
        stream, clock = io.StringIO(), FakeClock()
        progress = BuildProgress(stream, clock)
        clock.now += 1.5
        progress(100, 400)
        clock.now += 0.01
        progress(120, 400)  # too soon to redraw
        clock.now += 0.5
        progress(400, 400)
        progress.close()
        out = stream.getvalue()
        assert out.count("\r[") == 2
        assert "\r[######------------------] 100/400 pages" in out
        assert "\r[########################] 400/400 pages" in out
        assert out.endswith("\r\x1b[K")

    def test_the_bar_only_goes_to_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.delenv("TERM", raising=False)
        assert is_terminal(Terminal())
        assert not is_terminal(io.StringIO())
        monkeypatch.setenv("TERM", "dumb")
        assert not is_terminal(Terminal())


def test_source_date_epoch_dates_a_site_with_no_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No content date to go by: the feed and sitemap use SOURCE_DATE_EPOCH, never the clock."""
    root = minimal_site(tmp_path / "content")
    config = load_site(root).site.config
    empty = build_graph(Content(root), config)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert PageContexts(empty, set_up(empty, {})).latest == "2023-11-14"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert PageContexts(empty, set_up(empty, {})).latest == "1970-01-01"


def test_a_sites_theme_dir_overrides_single_templates(tmp_path: Path) -> None:
    root = minimal_site(
        tmp_path / "content",
        {
            "site.yaml": "title: Overridden\nbase_url: https://example.org/\ntheme_dir: overrides\n",
            "overrides/page.html": (
                '{% extends "base.html" %}\n{% block main %}<p class="custom">Custom page: {{ page.title }}</p>{% endblock %}\n'
            ),
            "overrides/macros.html": (
                '{% macro badge(stance) %}<span class="my-badge">{{ stance }}</span>{% endmacro %}\n'
                "{% macro counts_line(pros, cons, compact=false) %}{{ pros }}/{{ cons }}{% endmacro %}\n"
                "{% macro claim_card(view, url, claim_url) %}<li>{{ view.claim.id }}</li>{% endmacro %}\n"
                "{% macro source_line(source, url, source_url) %}{{ source.id }}{% endmacro %}\n"
                "{% macro tag_list(tags, url, tag_url) %}{% endmacro %}\n"
                "{% macro trail_steps(trail, url, map_url, claim_url, limit=70) %}{% endmacro %}\n"
            ),
        },
    )
    out = tmp_path / "site"
    build(root, out)
    about = (out / "about" / "index.html").read_text()
    assert '<p class="custom">Custom page: About</p>' in about
    assert '<header class="site-header">' in about, "the override still extends the theme's base.html"
    claim = (out / "claims" / "open-weights" / "index.html").read_text()
    assert '<span class="my-badge">' in claim and 'class="badge badge-' not in claim
    home = (out / "index.html").read_text()
    assert "Custom page" not in home
