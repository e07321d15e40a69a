"""Text with no inline Markdown syntax skips the parser; the shortcut must give the parser's bytes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap.render import markdown

_PARSER = markdown._MD

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


def _parsed_plain_text(text: str) -> str:
    out: list[str] = []
    for token in _PARSER.parseInline(text):
        for child in token.children or ():
            if child.type in ("text", "code_inline", "image"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return " ".join("".join(out).split())


@settings(max_examples=3000, deadline=None)
@given(TEXT)
def test_text_without_inline_syntax_renders_exactly_as_the_parser_would(text: str) -> None:
    if not markdown._is_plain(text):
        return
    assert markdown.render_inline.__wrapped__(text) == str(_PARSER.renderInline(text))
    assert markdown.render_inline_unlinked.__wrapped__(text) == str(_PARSER.renderInline(text))
    assert markdown.plain_text.__wrapped__(text) == _parsed_plain_text(text)


def test_text_with_markdown_syntax_still_goes_through_the_parser() -> None:
    assert markdown.render_inline("a *b* [c](https://x.org)") == (
        'a <em>b</em> <a href="https://x.org" rel="noopener noreferrer">c</a>'
    )
    assert markdown.render_inline("<script>") == "&lt;script&gt;"


MARKERS = "ab Z9.,;:'\"?!()/%-_*#>=+|`~[]<&\\\n\t"
PROSE = st.text(alphabet=st.sampled_from([*MARKERS, "\u00e9", "\u2019", "\u2014", "\u2026", "\u00a0", "\u2028"]), max_size=80)


@settings(max_examples=5000, deadline=None)
@given(st.one_of(PROSE, TEXT))
def test_paragraphs_of_plain_text_render_exactly_as_the_parser_would(text: str) -> None:
    for doc_id, top in (("", 2), ("details", 3)):
        assert markdown.render_block.__wrapped__(text, doc_id, top) == markdown._parse_block(text, doc_id, top)


def test_block_syntax_still_goes_through_the_parser() -> None:
    assert markdown.render_block("An open-weight model.\nIt is 'good'.\n\nSecond \"one\".") == (
        "<p>An open-weight model.\nIt is 'good'.</p>\n<p>Second &quot;one&quot;.</p>\n"
    )
    assert markdown.render_block("- a list\n- of two") == "<ul>\n<li>a list</li>\n<li>of two</li>\n</ul>\n"
    assert markdown.render_block("1990. A year.") == '<ol start="1990">\n<li>A year.</li>\n</ol>\n'
    assert markdown.render_block("Title\n---") == "<h2>Title</h2>\n"
    assert markdown.render_block("a  \nb") == "<p>a<br>\nb</p>\n"
