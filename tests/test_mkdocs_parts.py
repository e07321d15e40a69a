"""The MkDocs plugin's parts on their own: finding and checking blocks, links, titles, the stylesheet."""

from __future__ import annotations

import re

import pytest
import tinycss2
from mkdocs.config.base import ValidationError

from debatemap.diagnostics import Diagnostic
from debatemap.mkdocs_plugin.embeds import Block, check_block, find_blocks, put_placeholders, swap_placeholders
from debatemap.mkdocs_plugin.fragments import FRAME, default_theme_dir
from debatemap.mkdocs_plugin.links import Links, normalize_prefix
from debatemap.mkdocs_plugin.pages import host_title, table_of_contents
from debatemap.mkdocs_plugin.styles import HOST_DARK, scope_css, stylesheet
from debatemap.pipeline import load_site
from debatemap.render.theme import REPO_THEMES

from .golden import CONTENT as GOLDEN_CONTENT


def test_blocks_are_found_as_commonmark_reads_fences() -> None:
    markdown = "\n".join([
        "# Page",                        # 0
        "```debatemap",                  # 1
        "map: a",                        # 2
        "```",                           # 3
        "````markdown",                  # 4: a longer fence: what it holds is an example
        "```debatemap",                  # 5
        "map: not-me",                   # 6
        "```",                           # 7
        "````",                          # 8
        "- item",                        # 9
        "    ~~~ debatemap extra words",  # 10: indented in a list, tildes, more words after
        "    claim: b",                  # 11
        "    view: drawing",             # 12
        "    ~~~",                       # 13
        "```python",                     # 14
        "print('```debatemap')",         # 15
        "```",                           # 16
        "```debatemap",                  # 17: never closed: runs to the end, as in CommonMark
        "map: c",                        # 18
    ])  # fmt: skip
    found = list(find_blocks(markdown))
    assert [(b.start, b.end, b.indent, b.body) for b in found] == [
        (1, 4, "", "map: a"),
        (10, 14, "    ", "claim: b\nview: drawing"),
        (17, 19, "", "map: c"),
    ]
    replaced = put_placeholders(markdown, found, ["W0", "W1", "W2"])
    assert replaced.split("\n")[:4] == ["# Page", "", "W0", ""]
    assert "    W1" in replaced.split("\n") and "map: not-me" in replaced and "map: a" not in replaced


def test_a_page_without_the_word_is_not_scanned() -> None:
    assert list(find_blocks("```python\nx = 1\n```\n")) == []


def test_placeholders_become_the_html_in_a_paragraph_or_in_a_list_item() -> None:
    html = "<p>W0</p>\n<ul><li>W1</li></ul>"
    assert swap_placeholders(html, {"W0": "<div>a</div>", "W1": "<div>b</div>"}) == "<div>a</div>\n<ul><li><div>b</div></li></ul>"


@pytest.fixture(scope="module")
def golden():  # type: ignore[no-untyped-def]
    return load_site(GOLDEN_CONTENT).site


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("map: city-cycling", ("map", "city-cycling", "outline")),
        ("claim: lanes-slow-buses", ("claim", "lanes-slow-buses", "card")),
        ("claim: lanes-slow-buses\nview: outline", ("claim", "lanes-slow-buses", "outline")),
        ("map: city-cycling\nview: card", ("map", "city-cycling", "card")),
    ],
)
def test_a_block_names_one_map_or_claim_and_a_view(golden, body: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    diags: list[Diagnostic] = []
    embed = check_block(Block(3, 6, "", body), golden, "docs/x.md", 1, diags)
    assert diags == []
    assert embed is not None and (embed.kind, embed.key, embed.view) == expected


@pytest.mark.parametrize(
    ("body", "code", "line", "column"),
    [
        ("map: [city-cycling", "yaml-syntax", 6, 1),
        ("", "empty-value", 4, 1),
        ("- map", "wrong-type", 5, 1),
        ("map: City Cycling", "invalid-id", 5, 6),
        ("view: card", "invalid-embed", 4, 1),
        ("claim: nobody\nview: card", "unknown-embed", 5, 8),
    ],
)
def test_a_wrong_block_names_the_file_line_and_column(golden, body: str, code: str, line: int, column: int) -> None:  # type: ignore[no-untyped-def]
    diags: list[Diagnostic] = []
    # The fence is the page's fourth line (the Markdown starts at line 1; block.start is 3).
    assert check_block(Block(3, 6, "", body), golden, "docs/x.md", 1, diags) is None
    assert [(d.code, d.position.path, d.position.line, d.position.column) for d in diags][:1] == [
        (code, "docs/x.md", line, column)
    ]


def test_prefixes_are_normalized_or_refused() -> None:
    assert [normalize_prefix(p) for p in ("debates", "/debates/", "a/b", "", "/")] == ["debates/", "debates/", "a/b/", "", ""]
    for bad in ("../up", "a/../b", "a b", "a\\b", "./x"):
        with pytest.raises(ValidationError):
            normalize_prefix(bad)


def test_links_reach_the_prefix_from_any_page_and_open_index_html_without_directory_urls() -> None:
    links = Links("debates/", directory_urls=False)
    assert links.src_uri("claims/x/index.html") == "debates/claims/x/index.md"
    assert links.src_uri("maps/x/map.svg") == "debates/maps/x/map.svg"
    assert [links.to_prefix(u) for u in ("index.html", "guide/page.html", "debates/claims/x/index.html")] == [
        "debates/",
        "../debates/",
        "../../",
    ]
    html = '<a href="../y/">y</a> <a href="./#top">t</a> <a href="https://e.org/a/">e</a>'
    html += ' <a href="#x">x</a> <a href="../z/?q=1">z</a>'
    assert links.finish(html) == (
        '<a href="../y/index.html">y</a> <a href="./index.html#top">t</a> <a href="https://e.org/a/">e</a>'
        ' <a href="#x">x</a> <a href="../z/index.html?q=1">z</a>'
    )
    assert Links("debates/", directory_urls=True).finish(html) == html
    assert Links("", directory_urls=True).to_prefix("guide/") == "../"


def test_titles_are_safe_however_a_theme_prints_them() -> None:
    title = host_title('Is "open" <script>alert(1)</script> & more')
    assert title == "Is \u201copen\u201d &lt;\u200bscript&gt;alert(1)&lt;\u200b/script&gt; &amp; more"
    assert '"' not in title  # a title="..." attribute cannot be closed
    unescaped = title.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")  # what striptags gives
    assert re.search(r"<[/a-z]", unescaped) is None


def test_the_table_of_contents_follows_the_headings_with_ids() -> None:
    html = (
        '<h1 id="t">Title</h1>'
        '<h2 id="a"><span class="stance-icon" aria-hidden="true">+</span> For <span class="muted">(2)</span></h2>'
        '<h3 id="b">A &amp; B</h3><h2>No id</h2><h2 id="c">C</h2>'
    )
    toc = table_of_contents(html)
    assert [(t["id"], t["name"], [c["id"] for c in t["children"]]) for t in toc] == [("t", "Title", ["a", "c"])]
    assert [(c["name"], [g["name"] for g in c["children"]]) for c in toc[0]["children"]] == [
        ("For (2)", ["A &amp; B"]),
        ("C", []),
    ]


def test_the_stylesheet_is_scoped_under_one_class() -> None:
    css = """
    :root { --bg: #fff; --gap: 1rem; }
    body, h1 { margin: 0; }
    a:hover, .card a { color: red; }
    .pad { padding: 0.5rem calc(1rem + 2px); }
    @media (prefers-color-scheme: dark) { :root { --bg: #000; } .ov-pro rect { fill: green; } }
    @media (max-width: 720px) { body { font-size: 1rem; } .columns { display: block; } }
    """
    scoped = scope_css(css)
    assert ".debatemap.debatemap {--bg: #fff; --gap: calc(1 * var(--dm-rem));}" in scoped
    assert "body" not in scoped and "a:hover" not in scoped
    assert ".debatemap.debatemap .card a {color: red;}" in scoped
    assert "calc(calc(1 * var(--dm-rem)) + 2px)" in scoped
    for host in HOST_DARK:
        assert f"{host} .debatemap.debatemap {{--bg: #000;}}" in scoped
        assert f"{host} .debatemap.debatemap .ov-pro rect {{fill: green;}}" in scoped
    assert "prefers-color-scheme" not in scoped
    assert "@media (max-width: 720px) {\n.debatemap.debatemap .columns {display: block;}\n}" in scoped


def test_every_rule_of_the_plugins_stylesheet_applies_only_inside_our_pages() -> None:
    """Nothing in it can restyle the host theme: each selector starts inside .debatemap."""
    static = REPO_THEMES / "default" / "static"
    assets = {f"assets/{p.name}": p.read_bytes() for p in static.iterdir() if p.suffix == ".css"}
    sheet = stylesheet(assets, (default_theme_dir() / FRAME / "host.css").read_text(encoding="utf-8"))
    hosts = "|".join(re.escape(h) for h in HOST_DARK)
    inside = re.compile(rf"^(?:(?:{hosts}) )?\.debatemap\b")

    def selectors(rules: list) -> list[str]:  # type: ignore[type-arg]
        found: list[str] = []
        for rule in rules:
            if rule.type == "qualified-rule":
                found += [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media":
                found += selectors(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            elif rule.type == "at-rule":
                assert rule.lower_at_keyword == "property"  # @property --dm-rem: a name of our own
        return found

    found = selectors(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True))
    assert len(found) > 150
    assert [s for s in found if not inside.match(s)] == []


def test_every_option_of_the_plugin_is_documented() -> None:
    from debatemap.mkdocs_plugin.config import DebatemapConfig  # noqa: PLC0415

    doc = (REPO_THEMES.parent / "docs" / "plugin.md").read_text(encoding="utf-8")
    options = [name for name, _ in DebatemapConfig._schema]
    assert len(options) == 5
    assert [name for name in options if f"| `{name}` |" not in doc] == []
