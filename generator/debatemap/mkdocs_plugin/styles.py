"""The plugin's stylesheet: the theme's own CSS, scoped under one class, plus what hosts need.

Our pages inside an MkDocs site use the same classes as on our own site, so they take the same
rules, rewritten here to apply only inside ``.debatemap``: ``:root``'s palette becomes the
wrapper's, rules on bare elements (``body``, ``a``, ``h1``...) are left to the host theme, and
the dark palette follows the host's colour scheme (Material's ``slate``, the ``mkdocs`` theme's
dark mode) rather than the system's, since a host page may be light on a dark system. A parser
(tinycss2) reads the CSS, so the rewrite follows the theme's stylesheet as it changes, a site's
own theme included. ``host.css`` beside the frame template adds the few rules hosts need.

Two adjustments make the rules hold their own inside a host's content. The scope is written
twice (``.debatemap.debatemap``), so our component rules outrank the host's rules for elements in
its content (Material's ``[dir=ltr] .md-typeset ul li``...) without ``!important``. And ``rem``
becomes ``var(--dm-rem)``: the theme's sizes assume a 16-pixel root, but Material's root is 20
pixels; host.css sets ``--dm-rem`` to the host's text size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import tinycss2
from tinycss2.ast import (
    AtRule,
    CurlyBracketsBlock,
    DimensionToken,
    FunctionBlock,
    LiteralToken,
    Node,
    ParenthesesBlock,
    QualifiedRule,
    SquareBracketsBlock,
)
from tinycss2.serializer import serialize_identifier

SCOPE = ".debatemap.debatemap"
HOST_DARK = ('[data-md-color-scheme="slate"]', '[data-bs-theme="dark"]')
"""What marks a dark page in the hosts we support: Material's slate scheme, the mkdocs theme's dark mode."""
PALETTE_SHEET = "assets/style.css"
"""Scoped first: it declares the palette the others use."""
UNSCOPED = frozenset({"assets/search.css"})
"""Stylesheets of pages a host site does not get (our search page: the host has its own search)."""


def stylesheet(assets: dict[str, bytes], host_css: str) -> str:
    """The scoped rules of every stylesheet of the theme (style.css first), then ``host_css``."""
    names = sorted((n for n in assets if n.endswith(".css") and n not in UNSCOPED), key=lambda n: (n != PALETTE_SHEET, n))
    parts = [f"/* {name}, scoped under {SCOPE} by the debatemap MkDocs plugin */\n{scope_css(assets[name].decode('utf-8'))}"
             for name in names]  # fmt: skip
    return "\n".join([*parts, host_css])


def scope_css(css: str) -> str:
    return "".join(_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), ""))


def _rules(rules: Sequence[Node], ancestor: str) -> Iterator[str]:
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = [s for s in (_scoped(sel, ancestor) for sel in _selectors(rule.prelude)) if s]
            if selectors:
                yield f"{', '.join(selectors)} {{{_text(rule.content).strip()}}}\n"
        elif isinstance(rule, AtRule) and rule.lower_at_keyword == "media" and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            query = " ".join(tinycss2.serialize(rule.prelude).split())
            if query == "(prefers-color-scheme: dark)":
                for host in HOST_DARK:
                    yield from _rules(inner, host)
            elif "prefers-color-scheme" not in query:
                body = "".join(_rules(inner, ancestor))
                if body:
                    yield f"@media {query} {{\n{body}}}\n"
        # Other at-rules (@import, @font-face...) would reach beyond our pages: the theme has none.


def _text(nodes: Sequence[Node]) -> str:
    """Serialized values, with each ``rem`` length in terms of ``--dm-rem``."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, DimensionToken) and node.lower_unit == "rem":
            out.append(f"calc({node.representation} * var(--dm-rem))")
        elif isinstance(node, FunctionBlock):
            out.append(f"{serialize_identifier(node.name)}({_text(node.arguments)})")
        elif isinstance(node, ParenthesesBlock):
            out.append(f"({_text(node.content)})")
        elif isinstance(node, SquareBracketsBlock):
            out.append(f"[{_text(node.content)}]")
        elif isinstance(node, CurlyBracketsBlock):
            out.append(f"{{{_text(node.content)}}}")
        else:
            out.append(node.serialize())
    return "".join(out)


def _selectors(prelude: list[Node]) -> Iterator[str]:
    """The selectors of a comma-separated list (commas inside :is(...) are in a function token)."""
    part: list[Node] = []
    for token in [*prelude, LiteralToken(0, 0, ",")]:
        if isinstance(token, LiteralToken) and token.value == ",":
            text = " ".join(tinycss2.serialize(part).split())
            if text:
                yield text
            part = []
        else:
            part.append(token)


def _scoped(selector: str, ancestor: str) -> str | None:
    """``selector`` applied inside the scope (under ``ancestor``, a dark host); None for one that
    styles bare elements, which is the host theme's business."""
    if selector == ":root":
        inner = SCOPE
    elif "." in selector or "[" in selector or selector.startswith("*"):
        inner = f"{SCOPE} {selector}"
    else:
        return None
    return f"{ancestor} {inner}" if ancestor else inner
