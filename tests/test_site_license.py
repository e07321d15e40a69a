"""The site's licence (site.yaml ``license``) reaches readers, feed readers and search engines.

Someone who wants to reuse or cite the site's text must find its terms on every page, in the feed
and in the pages' schema.org descriptions; the sources it cites belong to others and carry none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.pipeline import load_site
from tests.helpers import SITE, minimal_site

LICENSED = SITE + "license:\n  name: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n"
URL = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("licensed")
    content = minimal_site(root / "content", {"site.yaml": LICENSED})
    build(content, root / "site", strict=True)
    return root / "site"


def _jsonld(html: str) -> dict[str, object]:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return dict(json.loads(block))


def test_every_page_names_and_links_the_licence(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<link rel="license" href="{URL}">' in html, page
        assert f'Text licence: <a rel="license" href="{URL}">CC BY 4.0</a>' in html, page


def test_the_feed_carries_the_licence(site: Path) -> None:
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<rights>CC BY 4.0</rights>" in feed
    assert f'<link rel="license" type="text/html" href="{URL}"/>' in feed


def test_the_sites_own_pages_describe_their_licence_and_sources_do_not(site: Path) -> None:
    for path in ("index.html", "maps/open/index.html", "claims/faster-innovation/index.html"):
        assert _jsonld((site / path).read_text(encoding="utf-8"))["license"] == URL, path
    source = _jsonld((site / "sources/report/index.html").read_text(encoding="utf-8"))
    assert "license" not in source
    claim = _jsonld((site / "claims/faster-innovation/index.html").read_text(encoding="utf-8"))
    assert all("license" not in cited for cited in claim["citation"])  # type: ignore[union-attr]


def test_a_licence_without_an_address_is_named_without_a_link(tmp_path: Path) -> None:
    content = minimal_site(tmp_path / "content", {"site.yaml": SITE + "license:\n  name: All rights reserved\n"})
    build(content, tmp_path / "site", strict=True)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Text licence: All rights reserved · " in home and 'rel="license"' not in home
    assert _jsonld(home)["license"] == "All rights reserved"


@pytest.mark.parametrize(
    ("license", "expected"),
    [
        (
            "license:\n  url: https://example.org/l\n",
            "content/site.yaml:6:3: missing-field: license is missing the required field 'name'",
        ),
        (
            "license:\n  name: X\n  url: ftp://example.org/l\n",
            "content/site.yaml:7:8: invalid-url: 'url' is not a valid URL: only http and https links are allowed",
        ),
        ("license: CC BY 4.0\n", "content/site.yaml:5:10: wrong-type: expected a license mapping in 'license'"),
    ],
)
def test_a_malformed_licence_is_reported_where_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, license: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    content = minimal_site(Path("content"), {"site.yaml": SITE + license})
    assert [f"{d.position}: {d.code}: {d.message}" for d in load_site(content).diagnostics] == [expected]
