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
