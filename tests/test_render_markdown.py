"""Markdown for untrusted content, case by case: (input, expected HTML) as the rules promise."""

from __future__ import annotations

import pytest

from debatemap.render.markdown import (
    ROOT,
    at_root,
    is_safe_link,
    plain_text,
    render_block,
    render_inline,
    render_inline_unlinked,
)

INLINE_CASES = [
    # raw HTML is text
    ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
    # only http(s), mailto and relative links become links
    ("[a](https://example.org)", '<a href="https://example.org" rel="noopener noreferrer">a</a>'),
    ("[a](http://example.org/x?a=1&b=2)", '<a href="http://example.org/x?a=1&amp;b=2" rel="noopener noreferrer">a</a>'),
    ("[a](mailto:a@example.org)", '<a href="mailto:a@example.org">a</a>'),
    ("[a](#notes)", '<a href="#notes">a</a>'),
    ("[a](../sources/)", '<a href="../sources/">a</a>'),
    ("[a](javascript:alert(1))", "[a](javascript:alert(1))"),
    ("[a](JaVaScRiPt:alert(1))", "[a](JaVaScRiPt:alert(1))"),
    ("[a](data:text/html;base64,xx)", "[a](data:text/html;base64,xx)"),
    ("[a](vbscript:msgbox)", "[a](vbscript:msgbox)"),
    ("[a](file:///etc/passwd)", "[a](file:///etc/passwd)"),
    ("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
    ("<https://example.org>", '<a href="https://example.org" rel="noopener noreferrer">https://example.org</a>'),
    # a link from the site root is marked, to be made relative on each page
    ("[a](/claims/x/)", f'<a href="{ROOT}claims/x/">a</a>'),
    ("[a](//evil.example/x)", '<a href="//evil.example/x" rel="noopener noreferrer">a</a>'),
    # images are links, never fetched; inside a link they are their alt text
    ("![a cat](https://x.org/cat.png)", '<a class="image-link" href="https://x.org/cat.png" rel="noopener noreferrer">a cat</a>'),
    ("![](pic.png)", '<a class="image-link" href="pic.png">pic.png</a>'),
    ("![x](javascript:alert(1))", "![x](javascript:alert(1))"),
    ("[![logo](a.png)](https://example.org)", '<a href="https://example.org" rel="noopener noreferrer">logo</a>'),
    # template syntax is just text
    ("{{ 7*7 }} {% if x %}", "{{ 7*7 }} {% if x %}"),
    ("`<code>`", "<code>&lt;code&gt;</code>"),
    ("~~gone~~ *em* **strong**", "<s>gone</s> <em>em</em> <strong>strong</strong>"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), INLINE_CASES)
def test_inline_markdown(source: str, expected: str) -> None:
    assert render_inline(source) == expected


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.org", True),
        ("HTTP://x.org", True),
        ("mailto:a@b.org", True),
        ("page/", True),
        ("#frag", True),
        ("/root/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\x00script:alert(1)", False),
        ("data:text/html,x", False),
        ("ftp://x.org", False),
        ("c:\\windows", False),
        ("a\\b", False),
    ],
)
def test_only_safe_link_schemes_pass(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe


def test_block_headings_sit_under_the_page_heading() -> None:
    assert render_block("# One\n\n## Two", "", 2) == "<h2>One</h2>\n<h3>Two</h3>\n"
    assert render_block("# One", "", 3) == "<h3>One</h3>\n"
    assert render_block("# One\n\n###### Six", "", 3) == "<h3>One</h3>\n<h6>Six</h6>\n", "never past h6"


def test_a_body_written_from_second_level_headings_skips_no_level() -> None:
    """The About page starts at ##: under the page's h1 it rendered h3 (axe: heading-order)."""
    assert render_block("Intro.\n\n## How to read\n\n### Pros", "", 2) == "<p>Intro.</p>\n<h2>How to read</h2>\n<h3>Pros</h3>\n"
    assert render_block("#### Deep", "", 3) == "<h3>Deep</h3>\n"


def test_footnote_ids_carry_the_document_id() -> None:
    html = render_block("Text[^1].\n\n[^1]: The note.", "details")
    assert 'href="#fn-details-1" id="fnref-details-1"' in html
    assert '<li id="fn-details-1" class="footnote-item">' in html
    assert 'href="#fnref-details-1" class="footnote-backref"' in html
    assert '<section class="footnotes" aria-label="Notes">' in html


def test_tables_render() -> None:
    html = render_block("| a | b |\n| --- | ---: |\n| 1 | 2 |")
    assert "<table>" in html and "<th>a</th>" in html and '<td style="text-align:right">2</td>' in html


def test_raw_html_blocks_are_text() -> None:
    html = render_block('<div onclick="x()">\n\nhi\n\n</div>\n\n<iframe src="https://x.org"></iframe>')
    assert "<div" not in html and "<iframe" not in html
    assert "&lt;div onclick=&quot;x()&quot;&gt;" in html


def test_unlinked_inline_keeps_text_but_drops_links_and_images() -> None:
    """For text shown inside another link: a nested <a> is invalid HTML."""
    assert render_inline_unlinked("See [this](https://x.org) and ![img](a.png) *now*") == "See this and img <em>now</em>"


def test_plain_text_is_the_words_only() -> None:
    assert plain_text("**Bold** [link](https://x.org) ![alt](a.png) `code`  <b>") == "Bold link alt code <b>"


def test_root_links_become_relative_to_each_page() -> None:
    html = render_inline("[a](/claims/x/) and ![i](/assets/i.svg)")
    assert at_root(html, "../../") == (
        '<a href="../../claims/x/">a</a> and <a class="image-link" href="../../assets/i.svg">i</a>'
    )
    assert at_root(html, "https://example.org/site/").count('href="https://example.org/site/') == 2
    assert at_root("no links", "../") == "no links"
