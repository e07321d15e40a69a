"""The MkDocs plugin in real `mkdocs build`s: pages, navigation, embeds, links, errors.

Three host sites around the golden content (hostile strings, reused claims, root links): the
built-in `mkdocs` theme with directory URLs and no `nav`; Material with `use_directory_urls:
false`, a nested prefix and a `nav` naming the section's place; readthedocs. Each is built once.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from debatemap.mkdocs_plugin.pages import host_title
from debatemap.pipeline import load_site
from debatemap.render import routes, views

from .conftest import CONTENT, REPO
from .golden import CONTENT as GOLDEN_CONTENT
from .mkdocs_sites import SITE_URL, build, nav_of, write_project
from .test_site_links import Crawl

VARIANTS = {
    "mkdocs": {"theme": "mkdocs"},
    "material": {
        "theme": "material",
        "directory_urls": False,
        "prefix": "/maps-of/debates",
        "nav": """\
            - Home: index.md
            - Debates: maps-of/debates/index.md
            - Guide: guide/index.md
        """,
    },
    "readthedocs": {"theme": "readthedocs"},
}


def prefix_of(name: str) -> str:
    prefix = VARIANTS[name].get("prefix")
    return "debates/" if prefix is None else str(prefix).strip("/") + "/"


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def host(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """(variant, mkdocs.yml, site folder), built once per module."""
    name = request.param
    config = write_project(tmp_path_factory.mktemp(f"host-{name}"), **VARIANTS[name])  # type: ignore[arg-type]
    return name, config, build(config)


@pytest.fixture(scope="module")
def golden_site():  # type: ignore[no-untyped-def]
    return load_site(GOLDEN_CONTENT).site


def test_every_map_claim_source_tag_and_page_has_its_page(host: tuple[str, Path, Path], golden_site) -> None:  # type: ignore[no-untyped-def]
    name, _, site = host
    root = site / prefix_of(name)
    expected = ["index.html", "maps/index.html", "sources/index.html", "tags/index.html"]
    expected += [f"maps/{m}/index.html" for m in golden_site.maps]
    expected += [f"claims/{c}/index.html" for c in golden_site.claims]
    expected += [f"sources/{s}/index.html" for s in golden_site.sources]
    expected += [f"tags/{t}/index.html" for t in golden_site.tags]
    expected += [f"{p}/index.html" for p in golden_site.pages]
    expected += [f"maps/{m}/map.{ext}" for m in golden_site.maps for ext in ("svg", "json", "argdown")]
    expected += [routes.balance_url(m) + "index.html" for m in golden_site.maps] + [routes.BIBTEX_URL]
    assert [path for path in expected if not (root / path).is_file()] == []
    claim_page = (root / "claims/lanes-slow-buses/index.html").read_text(encoding="utf-8")
    assert '<div class="debatemap dm-page-claim">' in claim_page and "Lanes take road space that buses need." in claim_page
    # The theme's own stylesheets are in the plugin's, scoped; none is linked as it is.
    own = "|".join(p.name for p in (REPO / "themes" / "default" / "static").glob("*.css"))
    assert re.search(rf'<link rel="stylesheet" href="[^"]*assets/(?:{own})', claim_page) is None
    assert "assets/cite.js" in claim_page  # scripts stay: each only adds to the page


def test_the_navigation_has_one_section_with_the_overview_and_the_maps(host: tuple[str, Path, Path], golden_site) -> None:  # type: ignore[no-untyped-def]
    name, config, _ = host
    nav = nav_of(config)
    prefix = prefix_of(name)
    index_url = prefix if VARIANTS[name].get("directory_urls", True) else prefix + "index.html"
    sections = [item for item in nav["items"] if item["kind"] == "section" and item["children"][0].get("url") == index_url]
    assert len(sections) == 1
    section = sections[0]
    ordered = views.sorted_maps(golden_site.maps.values())
    assert [child["url"] for child in section["children"]] == [index_url] + [
        prefix + f"maps/{m.id}/" + ("" if VARIANTS[name].get("directory_urls", True) else "index.html") for m in ordered
    ]
    if name == "material":  # placed where the host's nav names the overview, with the title given there
        assert [item["title"] for item in nav["items"]] == ["Home", "Debates", "Guide"]
    else:  # appended after the host's own pages, titled after site.yaml
        assert nav["items"][-1] is section
        assert (
            section["title"] == host_title(golden_site.config.title) == "Golden &lt;\u200bDebates&gt; &amp; \u201cFriends\u201d"
        )
    # Claims, sources and tags stay out of the navigation, but name the section as their parent.
    assert not any("/claims/" in url for url in nav["pages"])
    assert nav["parents"][f"{prefix}claims/lanes-slow-buses/index.md"] == section["title"]


def test_blocks_embed_the_claims_they_name(host: tuple[str, Path, Path], golden_site) -> None:  # type: ignore[no-untyped-def]
    _, _, site = host
    text = (site / "index.html").read_text(encoding="utf-8")
    embeds = _Embeds(text).found
    assert [view for view, _ in embeds] == ["outline", "drawing", "card", "card", "outline", "drawing"]
    outline, drawing, map_card, claim_card, claim_outline, local_map = (body for _, body in embeds)
    claim_links = lambda html: set(re.findall(r'href="[^"]*claims/([a-z0-9-]+)/(?:index\.html)?[#"]', html))  # noqa: E731
    assert claim_links(outline) == set(golden_site.map_claims["city-cycling"])
    assert claim_links(drawing) >= set(golden_site.map_claims["city-cycling"]) - {"build-protected-lanes"} and "<svg" in drawing
    assert "Cities should build protected bike lanes on main roads." in map_card
    assert claim_links(claim_card) == {"lanes-slow-buses"}
    assert claim_links(claim_outline) == {"lanes-cut-injuries", "injuries-move-to-junctions", "junction-designs-exist",
                                          "junction-designs-costly", "costs-fall-with-scale", "scale-needs-budget"}  # fmt: skip
    assert 'class="dm-svg lm-svg"' in local_map and 'id="lm-embed-6-title"' in local_map
    assert "debatemapembed" not in text  # no placeholder left behind
    guide = (site / "guide" / "index.html").read_text("utf-8")
    assert guide.count("dm-embed-card") == 1 and "no-such-map" in guide  # the example in a longer fence stays text


def test_every_internal_link_and_fragment_resolves(host: tuple[str, Path, Path]) -> None:
    name, _, site = host
    crawl = Crawl(site, SITE_URL)
    ours = [page for page in crawl.pages if page.startswith(prefix_of(name))]
    assert len(ours) > 30
    assert sum(len(crawl.pages[page].links) for page in ours) > 500
    # readthedocs' own 404 page sends its search form to '/docs//search.html' (its bug, not ours).
    problems = [p for p in crawl.broken_links() if not (name == "readthedocs" and p.startswith("404.html: <form>"))]
    assert not problems, "\n".join(problems[:30])
    if not VARIANTS[name].get("directory_urls", True):  # browsed from disk, a link to a folder opens nothing
        folder_links = [
            (page, href)
            for page in ours
            for tag, href in crawl.pages[page].links
            if tag == "a" and re.match(r"^(?![a-z]+:|#|/)[^#?]*/(?:[#?].*)?$", href)
        ]
        assert folder_links == []


def test_generated_pages_are_in_the_host_search_index_and_its_sitemap(host: tuple[str, Path, Path], golden_site) -> None:  # type: ignore[no-untyped-def]
    name, _, site = host
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    suffix = "" if VARIANTS[name].get("directory_urls", True) else "index.html"
    assert {prefix_of(name) + f"claims/{c}/{suffix}" for c in golden_site.claims} <= locations
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}{prefix_of(name)}sources/junction-review/{suffix}</loc>" in sitemap


def test_hostile_content_stays_text_in_the_host_theme(host: tuple[str, Path, Path]) -> None:
    _, _, site = host
    raw = re.compile(r"<script>alert|<img src=x|<b>string</b>|onclick=\"alert|</title><script|javascript:alert\(3\)\"")
    leaks = [str(p.relative_to(site)) for p in site.rglob("*.html") if raw.search(p.read_text(encoding="utf-8"))]
    assert leaks == []
    title = re.search(
        r"<title>(.*?)</title>", (site / prefix_of(host[0]) / "claims/hostile-thesis/index.html").read_text("utf-8")
    )
    # Escaped (mkdocs, readthedocs) or unescaped by Material's striptags: either way no tag can start.
    assert title is not None and "<\u200b/title><\u200bscript>" in html.unescape(title.group(1))


class _Embeds(HTMLParser):
    """The inner HTML of each ``dm-embed`` block of a page, with its view."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.found, self._open = text, [], []  # type: ignore[var-annotated]
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "dm-embed" in classes and not self._open:
            view = next(c for c in classes if c.startswith("dm-embed-"))[len("dm-embed-") :]
            self._open = [view, self._offset(), 0]
        if tag == "div" and self._open:
            self._open[2] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._open:
            self._open[2] -= 1
            if self._open[2] == 0:
                self.found.append((self._open[0], self.text[self._open[1] : self._offset()]))
                self._open = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return sum(len(row) + 1 for row in self.text.split("\n")[: line - 1]) + column


def break_ref(content: Path) -> tuple[str, int]:
    """Make city-cycling.yaml reuse a claim that does not exist; return the file and line."""
    path = content / "maps" / "city-cycling.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "id: lanes-slow-buses" in line)
    lines[number] = lines[number].replace("id: lanes-slow-buses", "ref: lanes-slow-busses")
    path.write_text("\n".join(lines), encoding="utf-8")
    return "maps/city-cycling.yaml", number + 1


def test_a_broken_content_file_fails_strict_with_its_file_and_line_and_keeps_the_last_site(tmp_path: Path) -> None:
    content = shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    config = write_project(tmp_path / "host", content=content, docs={"index.md": "# Home\n"})
    site = build(config)
    before = (site / "debates" / "index.html").read_bytes()
    file, line = break_ref(content)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert re.search(rf"{re.escape(file)}:{line}:\d+: error\[unknown-ref\]: ref 'lanes-slow-busses' names no claim", done.stderr)
    assert "Traceback" not in done.stderr
    assert (site / "debates" / "index.html").read_bytes() == before  # stopped before MkDocs emptied the site


def test_a_warning_fails_strict_and_a_plain_build_logs_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415 - optional dependency

    content = shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    source = content / "sources" / "unused-one.yaml"
    source.write_text("title: Nobody cites me\nurl: https://example.org/unused\n", encoding="utf-8")
    config = write_project(tmp_path / "host", content=content, docs={"index.md": "# Home\n"})
    with pytest.raises(Abort):
        build(config, strict=True)
    assert not (tmp_path / "host" / "site").exists()
    caplog.clear()
    site = build(config, strict=False)
    warned = [r for r in caplog.records if r.levelname == "WARNING" and "warning[unused-source]" in r.getMessage()]
    assert len(warned) == 1 and "unused-one.yaml" in warned[0].getMessage()
    assert (site / "debates" / "sources" / "unused-one" / "index.html").is_file()


@pytest.mark.parametrize(
    ("block", "code", "where", "hint"),
    [
        ("map: city-cycle", "unknown-embed", (5, 6), "did you mean 'city-cycling'?"),
        ("claim: lanes-cut-injury", "unknown-embed", (5, 8), "did you mean 'lanes-cut-injuries'?"),
        ("map: city-cycling\nveiw: drawing", "unknown-key", (6, 1), "did you mean 'view'?"),
        ("map: city-cycling\nview: tree", "invalid-choice", (6, 7), None),
        ("map: city-cycling\nclaim: lanes-slow-buses", "invalid-embed", (4, 1), None),
    ],
)
def test_a_wrong_block_is_an_error_at_the_pages_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, block: str, code: str, where: tuple[int, int], hint: str | None
) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415 - optional dependency

    page = f"---\ntitle: Front matter shifts the lines\n---\n```debatemap\n{block}\n```\n"
    config = write_project(tmp_path, docs={"index.md": "# Home\n", "wrong.md": page})
    with pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR" and f"error[{code}]" in r.getMessage()]
    assert len(errors) == 1
    assert (
        errors[0].startswith(f"docs{os.sep}wrong.md:{where[0]}:{where[1]}: error[{code}]")
        or f"wrong.md:{where[0]}:{where[1]}:" in errors[0]
    )
    assert hint is None or hint in errors[0]


def test_pages_that_would_replace_the_hosts_files_are_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort  # noqa: PLC0415 - optional dependency

    config = write_project(tmp_path, prefix="", docs={"index.md": "# Home\n"})
    with pytest.raises(Abort):
        build(config)
    assert any("would replace these files of docs/: index.md" in r.getMessage() for r in caplog.records)


def test_a_fresh_site_with_only_the_plugin_line_gets_a_page_for_every_claim_of_our_content(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Our docs\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Our docs\nplugins:\n  - debatemap: {{content: {json.dumps(str(CONTENT))}}}\n", encoding="utf-8"
    )
    site = build(config)
    claims = load_site(CONTENT).site.claims
    assert len(claims) > 100
    assert [c for c in claims if not (site / "debates" / "claims" / c / "index.html").is_file()] == []


def test_a_content_folder_without_site_yaml_is_checked_with_the_default_settings_and_the_nav_keeps_its_limit(
    tmp_path: Path,
) -> None:
    content = shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    (content / "site.yaml").unlink()
    options = "nav_title: Our debates\nnav_maps: 1"
    config = write_project(tmp_path / "host", content=content, docs={"index.md": "# Home\n"}, plugin_options=options)
    site = build(config)
    section = nav_of(config)["items"][-1]
    assert section["title"] == "Our debates"
    assert [child["url"] for child in section["children"]] == ["debates/", "debates/maps/city-cycling/"]  # one map at most
    assert "<h1>Our debates</h1>" in (site / "debates" / "index.html").read_text(encoding="utf-8")
    assert load_site(content).errors == 1  # the CLI still asks for one


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(ready: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.2)


def _built_after(log: Path, mark: int, message: str) -> bool:
    """Whether the log, from offset mark on, shows the message and then a finished rebuild.

    A finished rebuild is livereload's "Reloading browsers" (logged after every build that
    returned), not "Documentation built in N seconds": MkDocs' DuplicateFilter drops that line
    whenever a rebuild takes as long, to the hundredth, as an earlier one.
    """
    _, found, after = log.read_text()[mark:].partition(message)
    return bool(found) and "Reloading browsers" in after


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_mkdocs_serve_rebuilds_on_a_save_and_keeps_the_last_good_pages_on_a_broken_one(tmp_path: Path) -> None:
    content = shutil.copytree(GOLDEN_CONTENT, tmp_path / "content")
    config = write_project(tmp_path / "host", content=content, docs={"index.md": "# Home\n"})
    port = _free_port()
    log = tmp_path / "serve.log"
    page = f"http://127.0.0.1:{port}/docs/debates/claims/lanes-slow-buses/"
    the_map = content / "maps" / "city-cycling.yaml"
    text = the_map.read_text(encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path, env=env,
        )  # fmt: skip
        try:
            _wait(lambda: "Lanes take road space that buses need." in _get(page), "the first build")
            the_map.write_text(text.replace("Lanes take road space that buses need.", "Lanes take road space from buses."))
            _wait(lambda: "Lanes take road space from buses." in _get(page), "the rebuild after a save")
            mark = len(log.read_text())
            file, line = break_ref(content)  # the claim becomes a ref to no claim: its page would go
            # The rebuild that saw the broken file reported it and then finished (a rebuild started
            # before the save may finish in between, so a count of builds proves nothing).
            _wait(lambda: _built_after(log, mark, f"{file}:{line}:"), "the rebuild after a broken save", timeout=120)
            assert "Lanes take road space from buses." in _get(page)  # the last good pages stay up
            the_map.write_text(text.replace("Lanes take road space that buses need.", "Lanes take space buses need."))
            _wait(lambda: "Lanes take space buses need." in _get(page), "the rebuild after the fix")
        except AssertionError:
            print(log.read_text())
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Traceback" not in log.read_text()
