"""The preview serves the site where it will be hosted: under the path of its base_url.

The 404 page (shown at any address, so it links by that path) and any root-relative link
only work there; '/' leads to it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.serve import Preview

from .helpers import SITE, minimal_site
from .test_serve import EventStream, port_of, request


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    content = minimal_site(tmp_path / "content")
    preview = Preview(content, port=0, log=io.StringIO())
    preview.start()
    yield preview, content
    preview.close()


def test_slash_leads_to_the_base_path_and_the_site_is_served_there(served: tuple[Preview, Path]) -> None:
    preview, _ = served
    port = port_of(preview)
    assert preview.url.endswith("/debates/")
    for path, location in (("/", "/debates/"), ("/?q=x", "/debates/?q=x"), ("/debates", "/debates/")):
        moved = request(port, path)
        assert (moved.status, moved.headers["location"]) == (302, location), path  # not 301: base_url may change
    assert request(port, "/debates/").status == 200
    assert request(port, "/debates/claims/faster-innovation/").status == 200
    outside = request(port, "/claims/faster-innovation/")  # as a host would answer: not there
    assert outside.status == 404 and "Page not found" in outside.text


def test_every_link_of_the_404_page_works(served: tuple[Preview, Path]) -> None:
    preview, _ = served
    port = port_of(preview)
    missing = request(port, "/debates/no-such-page/")
    assert missing.status == 404
    links = set(re.findall(r'(?:href|src)="(/[^"]*)"', missing.text)) - {"/__debatemap/live.js"}
    assert any(link.startswith("/debates/assets/") for link in links) and "/debates/" in links
    for link in sorted(links):
        assert request(port, link).status == 200, link


def test_a_site_without_base_url_is_served_at_the_root(tmp_path: Path) -> None:
    site = "\n".join(line for line in SITE.splitlines() if not line.startswith("base_url:")) + "\n"
    preview = Preview(minimal_site(tmp_path / "content", {"site.yaml": site}), port=0, log=io.StringIO())
    preview.start()
    try:
        port = port_of(preview)
        assert preview.url.endswith(f":{port}/")
        assert request(port, "/").status == 200
        assert request(port, "/claims/faster-innovation/").status == 200
    finally:
        preview.close()


def test_a_new_base_url_moves_the_site_and_reloads_every_tab(served: tuple[Preview, Path]) -> None:
    preview, content = served
    port = port_of(preview)
    stream = EventStream(port, request(port, "/debates/claims/faster-innovation/").text)
    try:
        site = content / "site.yaml"
        site.write_text(site.read_text().replace("https://example.org/debates/", "https://example.org/moved/"))
        stream.wait_for(None)
    finally:
        stream.close()
    assert request(port, "/moved/claims/faster-innovation/").status == 200
    assert request(port, "/debates/claims/faster-innovation/").status == 404
    assert request(port, "/").headers["location"] == "/moved/"
    assert 'data-base="/moved/"' in request(port, "/moved/").text
