"""A source says how its details were checked (``verified``) and what to keep in mind (``caution``).

A reader who follows a claim to its source should learn, on the source's page, when its title,
date or address could only be checked against a republished or archived copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.pipeline import load_site
from tests.helpers import SOURCE, minimal_site

COPY = SOURCE + "verified: copy\ncaution: |\n  The byline comes from a *syndicated* copy.\n"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _source_page(files: dict[str, str | bytes]) -> str:
    content = minimal_site(Path("content"), files)
    build(content, Path("site"), strict=True)
    return (Path("site") / "sources" / "report" / "index.html").read_text(encoding="utf-8")


def test_a_source_checked_against_a_copy_says_so_on_its_page() -> None:
    html = _source_page({"sources/report.yaml": COPY})
    assert "<dt>Checked against</dt><dd>a copy, not the original</dd>" in html
    aside = html.split('<aside class="caution"', 1)[1].split("</aside>", 1)[0]
    assert "checked against a republished, archived or quoted copy" in aside
    assert "The byline comes from a <em>syndicated</em> copy." in aside


def test_a_source_checked_against_the_original_shows_no_warning() -> None:
    html = _source_page({"sources/report.yaml": SOURCE + "verified: original\n"})
    assert "<dt>Checked against</dt><dd>the original</dd>" in html
    assert 'class="caution"' not in html


def test_a_source_that_says_nothing_shows_nothing() -> None:
    html = _source_page({})
    assert "Checked against" not in html and 'class="caution"' not in html


def test_an_unknown_verified_value_is_refused_where_it_is_written() -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE + "verified: copied\n"})
    [problem] = load_site(root).diagnostics
    assert (str(problem.position), problem.code, problem.message) == (
        "content/sources/report.yaml:8:11",
        "invalid-choice",
        "'copied' is not a valid value for 'verified'",
    )
    assert problem.hint == "did you mean 'copy'?"
