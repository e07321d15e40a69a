"""The Jinja2 environment: autoescape on for every HTML and XML template, StrictUndefined, safe filters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from ..dates import human_date
from . import routes
from .markdown import at_root, plain_text, render_block, render_inline, render_inline_unlinked


def json_ld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json"> block that no content can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")  # line ends to JavaScript before ES2019
    return Markup(text)  # noqa: S704 - every '<', '>' and '&' is escaped above


def _root(context: Context) -> str:
    """The way from the page being rendered back to the site root ('../../', './', or '/base/')."""
    url = context.get("url")
    return str(url("")) if callable(url) else ""


@pass_context
def _md(context: Context, text: str, doc_id: str = "", top: int = 2) -> Markup:
    """Block Markdown; ``top`` is the heading level a ``#`` gets (one below the section around it)."""
    html = at_root(render_block(text, doc_id, top), _root(context))
    return Markup(html)  # noqa: S704 - markdown-it escapes raw HTML (js-default)


@pass_context
def _mdi(context: Context, text: str) -> Markup:
    html = at_root(render_inline(text), _root(context))
    return Markup(html)  # noqa: S704 - markdown-it escapes raw HTML (js-default)


def _mdl(text: str) -> Markup:
    return Markup(render_inline_unlinked(text))  # noqa: S704 - markdown-it escapes raw HTML (js-default)


# Links as filters: the default theme writes ``claim.id | claim_href`` rather than
# ``url(claim_url(claim.id))``. Jinja calls a filter directly, where a template's function call
# goes through Context.call; a claim page makes some forty links. The filters call the page's
# own ``url`` and ``asset``, so both spellings give the same URL by construction.


def _link_filter(to_url: Callable[[str], str]) -> Callable[[Context, str], str]:
    """A filter that turns an id (or a site path) into the link from the page being rendered."""

    @pass_context
    def link(context: Context, key: str) -> str:
        return str(context.parent["url"](to_url(key)))

    return link


@pass_context
def _asset_href(context: Context, path: str) -> str:
    return str(context.parent["asset"](path))


def make_environment(template_dirs: tuple[Path, ...]) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        # HTML and XML escaped; plain text (robots.txt) is not HTML, so '&' must stay '&'. Every
        # value a .txt template shows is a validated URL, which cannot hold a newline or space.
        # cite.bib is BibTeX, escaped for TeX by render.cite (its values are one-line texts and URLs).
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), disabled_extensions=("txt", "bib"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters["md"] = _md
    env.filters["mdi"] = _mdi
    env.filters["mdl"] = _mdl
    env.filters["plain"] = plain_text
    env.filters["date"] = human_date
    env.filters["jsonld"] = json_ld
    env.filters["href"] = _link_filter(str)
    env.filters["claim_href"] = _link_filter(routes.claim_url)
    env.filters["map_href"] = _link_filter(routes.map_url)
    env.filters["balance_href"] = _link_filter(routes.balance_url)
    env.filters["source_href"] = _link_filter(routes.source_url)
    env.filters["tag_href"] = _link_filter(routes.tag_url)
    env.filters["asset_href"] = _asset_href
    return env
