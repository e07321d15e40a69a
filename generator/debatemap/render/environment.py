"""The Jinja2 environment: autoescape on for every HTML and XML template, StrictUndefined, safe filters."""

from __future__ import annotations

import json
import os
import stat
import types
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.loaders import split_template_path
from jinja2.nodes import Expr
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from ..dates import human_date
from . import routes
from .markdown import at_root, plain_text, render_block, render_inline, render_inline_unlinked
from .sandbox import ThemeSandbox
from .theme import walk

MAX_TEMPLATE_BYTES = 1024 * 1024


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


_PLAIN_CALLABLES = frozenset({types.FunctionType, types.BuiltinFunctionType, types.MethodType, Macro})
"""What templates call most (macros, ``url``, ``claim_url``...): Jinja would pass these no
context unless they carry ``jinja_pass_arg`` (set by ``pass_context`` and its kin)."""


class PageContext(Context):
    """Jinja's context with a shorter way through ``call`` for plain functions and macros.

    ``Context.call`` looks for ``jinja_pass_arg`` on the callable and on its ``__call__`` before
    every call (a claim page makes some thirty, macros included); for a function or macro without
    it, that only ever ends in calling it with the arguments given, which this does at once.
    Anything else (a ``pass_context`` function, a callable object) goes the whole way.
    """

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if type(__obj) in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


try:
    from markupsafe._speedups import _escape_inner as escape_text
except ImportError:  # pragma: no cover - markupsafe without its C speedups
    from markupsafe._native import _escape_inner as escape_text


def escape_output(value: Any) -> str:
    """``markupsafe.escape(value)`` as text, for what a template prints: the same characters,
    without making each piece a Markup object first (a claim page prints some 140). Only what
    is printed goes through it: the page, a macro's output and a ``set`` block are joined into
    one string and marked safe as a whole, as before."""
    if type(value) is str:
        return escape_text(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape_text(str(value))


class PageCodeGenerator(CodeGenerator):
    """Compiles ``{{ value }}`` into ``escape_output(value)`` where autoescape is known to be on at
    compile time (every HTML and XML template); elsewhere Jinja's own code, unchanged."""

    kind = "plain+escape_output"
    """Names this code in the keys of compiled templates kept between builds (``CompiledTemplates``)."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


class PageTemplate(Template):
    """Jinja's template, with imports that check the importing page's globals in C.

    Each ``{% from "macros.html" import ... %}`` asks whether the importing page has globals the
    imported template lacks (it would then make that template's module again, with them). Jinja
    subtracts a ``ChainMap``'s key view from a set for that, which goes through
    ``collections.abc`` at 4 us a time, three imports a page. The answer is the same from a
    frozenset of the template's global names, taken once: this environment's globals are set up
    before any template loads and never change.
    """

    @cached_property
    def _global_names(self) -> frozenset[str]:
        return frozenset(self.globals)

    def _get_default_module(self, ctx: Context | None = None) -> TemplateModule:
        if ctx is not None and ctx.globals_keys - self._global_names:
            return super()._get_default_module(ctx)
        return super()._get_default_module(None)


class FolderLoader(BaseLoader):
    """Templates from folders searched in order, like Jinja's FileSystemLoader, but only regular
    files that really are inside their folder: a link in a theme folder cannot include a file
    from elsewhere, and a named pipe cannot hang the build."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        self.folders = [Path(os.path.realpath(folder)) for folder in folders]

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:  # noqa: ARG002
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            try:
                if not stat.S_ISREG(path.stat().st_mode) or not Path(os.path.realpath(path)).is_relative_to(folder):
                    continue
                with path.open("rb") as stream:
                    data = stream.read(MAX_TEMPLATE_BYTES + 1)
            except OSError:
                continue
            if len(data) > MAX_TEMPLATE_BYTES:
                raise TemplateSyntaxError(f"the template is larger than {MAX_TEMPLATE_BYTES} bytes", 1, template, str(path))
            try:
                return data.decode("utf-8"), str(path), lambda: True
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise TemplateSyntaxError("the template is not valid UTF-8", line, template, str(path)) from None
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        """Every template name the folders offer (regular files really inside them), sorted."""
        found: set[str] = set()
        for folder in self.folders:
            for path in walk(folder):
                found.add(path.relative_to(folder).as_posix())
        return sorted(found)


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in a dict that the build cache saves, so a warm build loads the
    templates its pages need instead of compiling them (0.1 s, a tenth of a warm build).

    Jinja2 checks each entry against its template's source (a checksum) and its own bytecode
    version, and recompiles when either differs. The key also names the Jinja2 version and the
    kind of environment, because a sandboxed environment compiles the same source differently
    (and the page environment's code generator differently again).
    """

    def __init__(self, code: dict[str, bytes], *, sandboxed: bool) -> None:
        self.code = code
        self._prefix = f"{jinja2.__version__}:{'sandboxed' if sandboxed else PageCodeGenerator.kind}:"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return self._prefix + super().get_cache_key(name, filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def make_environment(
    template_dirs: tuple[Path, ...], *, sandboxed: bool = False, compiled: dict[str, bytes] | None = None
) -> Environment:
    """The environment pages render with; ``sandboxed`` for templates from the content folder;
    ``compiled``: templates compiled by an earlier build, to load rather than compile (and to add to)."""
    env = (ThemeSandbox if sandboxed else Environment)(
        loader=FolderLoader(template_dirs),
        bytecode_cache=CompiledTemplates(compiled, sandboxed=sandboxed) if compiled is not None else None,
        # HTML and XML escaped; plain text (robots.txt) is not HTML, so '&' must stay '&'. Every
        # value a .txt template shows is a validated URL, which cannot hold a newline or space.
        # cite.bib is BibTeX, escaped for TeX by render.citation (its values are one-line texts and URLs).
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), disabled_extensions=("txt", "bib"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    if not sandboxed:  # a sandbox checks every call in its own ``call``, which templates there go through
        env.context_class = PageContext
        env.template_class = PageTemplate
        env.code_generator_class = PageCodeGenerator
        env.escape_output = escape_output  # type: ignore[attr-defined]
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
