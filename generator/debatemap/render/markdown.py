"""Markdown for untrusted content: CommonMark with raw HTML off and only safe links.

``js-default`` escapes any raw HTML; ``validateLink`` keeps only http(s), mailto and relative
links (``javascript:``, ``data:``, ``vbscript:``... become plain text); external links get
``rel="noopener noreferrer"``. A link from the site root (``/claims/x/``) is written with
``ROOT`` in front, and each page swaps ``ROOT`` for its own way back to the root (``../../``),
so the cached HTML fits every page it appears on and the site works under any base path.
Images become links to the image: content cannot make a reader's
browser fetch a third-party file (a tracking pixel) just by opening a page. Headings are moved
down under the page's own (``# Title`` in a claim's details is an ``<h3>``, never a second
``<h1>``). Results are cached: the same claim text shows on many pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ALLOWED_SCHEMES = {"http", "https", "mailto"}
ROOT = "\x1aroot\x1a/"
"""Stands for the site root in rendered links until the page they go on is known (see ``at_root``)."""


def at_root(html: str, root: str) -> str:
    """``html`` with its site-root links made relative to a page (``root`` is '../../', or a base URL)."""
    return html.replace(ROOT, root) if ROOT in html else html


def is_safe_link(url: str) -> bool:
    """True for http(s), mailto and scheme-less (relative or fragment) links."""
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    if _SCHEME.match(cleaned):
        return urlsplit(cleaned).scheme.lower() in _ALLOWED_SCHEMES
    return ":" not in cleaned.split("/", 1)[0] and "\\" not in cleaned


def is_external(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme.lower() in ("http", "https")


def _link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if is_external(href):
        token.attrSet("rel", "noopener noreferrer")
    elif href.startswith("/"):
        token.attrSet("href", ROOT + href.lstrip("/"))
    env["inLink"] = True
    return self.renderToken(tokens, idx, options, env)


def _link_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    env["inLink"] = False
    return self.renderToken(tokens, idx, options, env)


def _image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """An image as a link to it, labelled with its alt text (escaped by renderInlineAsText)."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    if env.get("inLink"):  # [![logo](a.png)](https://x.org): no link inside a link
        return escapeHtml(alt)
    rel = ' rel="noopener noreferrer"' if is_external(src) else ""
    if src.startswith("/") and not src.startswith("//"):
        src = ROOT + src.lstrip("/")
    return f'<a class="image-link" href="{escapeHtml(src)}"{rel}>{escapeHtml(alt)}</a>'


def _heading(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    level = int(token.tag[1]) + int(env.get("headingShift", 0))
    token.tag = f"h{max(1, min(level, 6))}"
    return self.renderToken(tokens, idx, options, env)


def _footnote_block_open(*_: object) -> str:
    """The footnotes as a labelled section (no rule before it: the stylesheet draws one)."""
    return '<section class="footnotes" aria-label="Notes">\n<ol class="footnotes-list">\n'


def _parser() -> MarkdownIt:
    md = MarkdownIt("js-default", {"typographer": False}).enable(["table", "strikethrough"]).use(footnote_plugin)
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)
    md.add_render_rule("heading_open", _heading)
    md.add_render_rule("heading_close", _heading)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    return md


_MD = _parser()


_BLOCK_SYNTAX = re.compile("[^\\w .,;:'\"?!()/%\n\u2018\u2019\u201c\u201d\u2013\u2014\u2026-]|_|(?:^|\n)[ \\d-]| (?:\n|$)")
"""Anything that could make block Markdown more than paragraphs of text: a character outside
letters, digits and plain punctuation (every inline and block marker is one), a line that starts
with a space, a digit or a hyphen (code, a list, a rule), a space ending a line (a hard break)."""


def _paragraphs(text: str) -> str:
    """What the parser makes of text without block or inline syntax: each run of lines a paragraph."""
    out = []
    for block in text.split("\n\n"):
        lines = block.strip("\n")
        if lines:
            out.append(f"<p>{escapeHtml(lines)}</p>\n")
    return "".join(out)


@lru_cache(maxsize=65536)
def render_block(text: str, doc_id: str = "", top: int = 2) -> str:
    """Block Markdown (details, summaries, pages).

    ``doc_id`` keeps footnote ids unique on a page; ``top`` is the level the body's largest
    heading gets (``#`` or ``##``, whichever it starts from), so a body sits under the headings of
    the page around it and skips no level (a page written with ``##`` went from h1 to h3).
    Paragraphs of plain text (most claims' details) skip the parser, as ``render_inline`` does.
    """
    if _BLOCK_SYNTAX.search(text) is None:
        return _paragraphs(text)
    return _parse_block(text, doc_id, top)


def _parse_block(text: str, doc_id: str, top: int) -> str:
    env: dict[str, Any] = {}
    if doc_id:
        env["docId"] = doc_id
    tokens = _MD.parse(text, env)
    largest = min((int(t.tag[1]) for t in tokens if t.type == "heading_open"), default=1)
    env["headingShift"] = min(top, 6) - largest
    return str(_MD.renderer.render(tokens, _MD.options, env))


_INLINE_SYNTAX = re.compile(r"[\\`*_~\[\]!<>&\n\r\x00]")
"""Characters some inline rule could act on (linkify and typographer are off). Text without any
of them renders as itself, escaped: most claims, which then skip the parser (a tested shortcut)."""


def _is_plain(text: str) -> bool:
    return _INLINE_SYNTAX.search(text) is None


@lru_cache(maxsize=262144)
def render_inline(text: str) -> str:
    """One line of inline Markdown (claims, titles, notes), without a wrapping paragraph."""
    if _is_plain(text):
        return escapeHtml(text)
    return str(_MD.renderInline(text))


@lru_cache(maxsize=262144)
def render_inline_unlinked(text: str) -> str:
    """Inline Markdown with its links dropped (text kept), for use inside an <a>: no nested links."""
    if _is_plain(text):
        return escapeHtml(text)
    tokens = _MD.parseInline(text)
    for token in tokens:
        if token.children:
            token.children = [c for c in token.children if c.type not in ("link_open", "link_close")]
    return str(_MD.renderer.render(tokens, _MD.options, {"inLink": True}))  # images as their alt text


@lru_cache(maxsize=262144)
def plain_text(text: str) -> str:
    """Inline Markdown reduced to its text: for <title>, meta descriptions, SVG labels, search."""
    if _is_plain(text):
        return " ".join(text.split())
    tokens = _MD.parseInline(text)
    out: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline", "image"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return " ".join("".join(out).split())
