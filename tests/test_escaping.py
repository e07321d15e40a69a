"""Content is untrusted: hostile titles, claims and Markdown come out as inert text.

A site whose every field carries ``<script>``, ``"><img onerror>``, ``javascript:`` links and
template syntax is built once; then every HTML page, every JSON-LD block, the Atom feed and the
sitemap are parsed and searched for anything live: a script that is not the theme's, an event
handler attribute, a dangerous link scheme, an element the theme does not make, or evaluated
template arithmetic.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from debatemap.build import build

from .helpers import minimal_site
from .scanner import ALLOWED_TAGS, inspect

SCRIPT = "<script>alert('x')</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }} {{ 1234+5 }} {% if true %}yes{% endif %}"  # one '*' only: two would be Markdown emphasis
EVALUATED = ("1239",)  # 1234+5: a number that appears nowhere else (49 could be part of a hash)
HOSTILE = f"{SCRIPT} {BREAKOUT} {TEMPLATE} </title></script>]]><!--"


def q(text: str) -> str:
    """A YAML single-quoted scalar holding ``text`` exactly."""
    return "'" + text.replace("'", "''") + "'"


SITE = f"""\
title: {q(HOSTILE)}
description: {q(HOSTILE)}
base_url: https://example.org/debates/
author: {q(HOSTILE)}
footer: {q("[footer link](javascript:alert(1)) " + HOSTILE)}
nav: [maps, sources, tags, about]
"""

MARKDOWN = f"""\
{SCRIPT} and {BREAKOUT}

[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(2)) [spaced](  javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=)
[vb](vbscript:msgbox(1)) [entity](&#106;avascript:alert(4)) <a href="javascript:alert(5)">raw</a>

![img](javascript:alert(6)) ![pixel](https://example.org/pixel.gif) <img src=x onerror=alert(7)>

<iframe src="https://example.org"></iframe> <svg onload=alert(8)></svg> <style>body{{}}</style>

{TEMPLATE}[^n]

[^n]: {SCRIPT}
"""


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


MAP = f"""\
title: {q(HOSTILE)}
summary: |
{_indent(MARKDOWN, 2)}tags: [policy]
updated: 2024-08-01
thesis:
  id: open-weights
  claim: {q(HOSTILE + " [link](javascript:alert(9))")}
  details: |
{_indent(MARKDOWN, 4)}  sources:
    - source: report
      locator: {q(HOSTILE)}
      note: {q(HOSTILE + " [n](javascript:alert(10))")}
  pros:
    - id: faster-innovation
      claim: {q(HOSTILE)}
      sources: [{{source: report}}]
  cons:
    - id: misuse-risk
      claim: {q("Plain claim with `" + SCRIPT + "` in code")}
      sources: [{{source: report}}]
"""

SOURCE = f"""\
title: {q(HOSTILE)}
url: https://example.org/report?a=1&b=%22%3E
publisher: {q(HOSTILE)}
authors: [{q(SCRIPT + BREAKOUT)}]
published: 2024-07-30
kind: report
archived: https://web.archive.org/web/2024/https://example.org/report
summary: |
{_indent(MARKDOWN, 2)}"""

PAGE = f"""\
---
title: {q(HOSTILE)}
description: {q(HOSTILE)}
---
{MARKDOWN}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_site(
        tmp_path_factory.mktemp("hostile") / "content",
        {"site.yaml": SITE, "maps/open.yaml": MAP, "sources/report.yaml": SOURCE, "pages/about.md": PAGE},
    )
    out = root.parent / "site"
    build(root, out)
    return out


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    return pages


def test_no_script_runs_but_the_themes_own(hostile_site: Path) -> None:
    for page in html_pages(hostile_site):
        found = inspect(page.read_text(encoding="utf-8"))
        for script in found.scripts:
            src = script.get("src", "").split("?")[0]
            theme_file = src.endswith(".js") and "/assets/" in "/" + src.lstrip("./")
            assert theme_file or script.get("type") == "application/ld+json", f"{page}: unexpected <script {script}>"


def test_no_event_handler_or_dangerous_link_is_injected(hostile_site: Path) -> None:
    for page in html_pages(hostile_site):
        found = inspect(page.read_text(encoding="utf-8"))
        assert not found.handlers, f"{page}: {found.handlers}"
        assert not found.bad_links, f"{page}: {found.bad_links}"
        unexpected = found.tags - ALLOWED_TAGS
        assert not unexpected, f"{page}: elements from content: {unexpected}"
        assert "iframe" not in found.tags and "style" not in found.tags


def test_content_images_are_never_fetched(hostile_site: Path) -> None:
    """A Markdown image becomes a link: opening a page loads nothing a curator chose."""
    for page in html_pages(hostile_site):
        found = inspect(page.read_text(encoding="utf-8"))
        assert not found.images, f"{page}: {found.images}"


def test_hostile_strings_show_as_text(hostile_site: Path) -> None:
    claim = inspect((hostile_site / "claims" / "open-weights" / "index.html").read_text(encoding="utf-8"))
    text = "".join(claim.text)
    assert SCRIPT in text and BREAKOUT in text
    assert "{{ 7*7 }}" in text and "{% if true %}" in text


def test_template_syntax_in_content_is_never_evaluated(hostile_site: Path) -> None:
    for path in sorted(hostile_site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json"):
            data = path.read_text(encoding="utf-8")
            for product in EVALUATED:
                assert product not in data, f"{path}: template arithmetic was evaluated"
            assert ">yes<" not in data


def test_json_ld_is_valid_json_that_cannot_close_its_script(hostile_site: Path) -> None:
    blocks = 0
    for page in html_pages(hostile_site):
        found = inspect(page.read_text(encoding="utf-8"))
        for body in found.script_bodies:
            assert "<" not in body and ">" not in body, f"{page}: raw angle bracket in a script block"
            data = json.loads(body)
            blocks += 1
            assert data["@context"] == "https://schema.org"
    assert blocks >= 3
    claim = inspect((hostile_site / "claims" / "open-weights" / "index.html").read_text(encoding="utf-8"))
    ld = json.loads(claim.script_bodies[0])
    assert ld["@type"] == "Claim" and SCRIPT in ld["name"] and "{{ 7*7 }}" in ld["name"]
    assert ld["citation"][0]["@type"] == "CreativeWork" and ld["citation"][0]["publisher"]["name"].startswith(SCRIPT)


def test_feed_is_well_formed_and_its_html_content_is_inert(hostile_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring((hostile_site / "feed.xml").read_bytes())
    assert root.findtext("a:title", namespaces=ns) == HOSTILE
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].findtext("a:title", namespaces=ns) == HOSTILE, "the entry title is the question as plain text"
    content = entries[0].find("a:content", ns)
    assert content is not None and content.get("type") == "html"
    found = inspect(content.text or "")
    assert not found.scripts and not found.handlers and not found.bad_links and not found.images
    assert SCRIPT in "".join(found.text)


def test_sitemap_and_robots_are_well_formed(hostile_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((hostile_site / "sitemap.xml").read_bytes())
    locations = [loc.text or "" for loc in root.findall("s:url/s:loc", ns)]
    assert locations and all(loc.startswith("https://example.org/debates/") for loc in locations)
    robots = (hostile_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines()[-1] == "Sitemap: https://example.org/debates/sitemap.xml"


def test_the_inspector_catches_what_it_looks_for() -> None:
    """The checks above can fail: live markup is reported."""
    found = inspect('<p onclick="x()">a</p><a href=" JavaScript:alert(1)">b</a><script>alert(1)</script><img src=x>')
    assert found.handlers == ["<p onclick>"]
    assert found.bad_links and found.images and found.scripts == [{}]


def test_line_separators_are_escaped_wherever_javascript_reads_json() -> None:
    """U+2028/U+2029 end a JavaScript string before ES2019: JSON-LD and the search index escape them."""
    from debatemap.render.environment import json_ld  # noqa: PLC0415
    from debatemap.render.search_index import to_json  # noqa: PLC0415

    for text in (str(json_ld({"name": "a\u2028b\u2029c"})), to_json({"name": "a\u2028b\u2029c"}).decode()):
        assert "\u2028" not in text and "\u2029" not in text
        assert json.loads(text) == {"name": "a\u2028b\u2029c"}
