"""The shortcuts the page environment takes through Jinja give what Jinja's own way gives.

``PageContext.call`` calls plain functions and macros at once, and ``{{ value }}`` prints through
``escape_output``: both must leave every page byte for byte as Jinja's own code made it, and the
sandbox must keep Jinja's checked calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, Template, pass_context
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context
from markupsafe import Markup, escape

from debatemap.render.environment import PageContext, escape_output, make_environment


class Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none(), st.booleans()))
def test_printed_values_are_escaped_as_markupsafe_escapes_them(value: Any) -> None:
    assert escape_output(value) == str(escape(value))


def test_markup_and_objects_with_html_are_printed_as_they_say() -> None:
    assert escape_output(Markup("<i>x</i>")) == "<i>x</i>"
    assert escape_output(Html()) == "<b>safe</b>"
    assert escape_output("<i>&'\"") == "&lt;i&gt;&amp;&#39;&#34;"


TEMPLATES = {
    "macros.html": "{% macro card(x) %}<li>{{ x }}</li>{% endmacro %}",
    "page.html": (
        '{% from "macros.html" import card %}{{ card(text) }}{{ plain(text) }}{{ with_context() }}{{ method("<") }}'
        "{% set block %}<p>{{ text }}</p>{% endset %}{{ block }}{% filter upper %}{{ text }}{% endfilter %}"
        "{{ stops() is undefined }}{{ callable_object(text) }}"
    ),
}


@pass_context
def with_context(context: Context) -> str:
    return f"<{context['text']}>"


class Shouter:
    def __call__(self, text: str) -> str:
        return text.upper()

    def quote(self, text: str) -> str:
        return f"'{text}'"


def stops() -> None:
    raise StopIteration


def render(env: Any) -> str:
    env.loader = DictLoader(TEMPLATES)
    values = {
        "text": "a <b> & c",
        "plain": lambda text: f"[{text}]",
        "with_context": with_context,
        "method": Shouter().quote,
        "stops": stops,
        "callable_object": Shouter(),
    }
    return str(env.get_template("page.html").render(values))


def test_pages_render_as_with_jinjas_own_context_and_escaping() -> None:
    env = make_environment((Path("."),))
    assert env.context_class is PageContext
    plain = make_environment((Path("."),))
    plain.context_class = Context
    plain.code_generator_class = CodeGenerator
    page = render(env)
    assert page == render(plain)
    assert page == (
        "<li>a &lt;b&gt; &amp; c</li>[a &lt;b&gt; &amp; c]&lt;a &lt;b&gt; &amp; c&gt;&#39;&lt;&#39;"
        "<p>a &lt;b&gt; &amp; c</p>A &LT;B&GT; &AMP; CTrueA &lt;B&gt; &amp; C"
    )


def test_the_sandbox_keeps_jinjas_checked_calls() -> None:
    env = make_environment((Path("."),), sandboxed=True)
    assert env.context_class is Context
    assert "escape_output" not in env.compile("{{ x }}", raw=True)


def test_an_import_shares_one_module_unless_the_page_has_globals_the_imported_template_lacks() -> None:
    """``PageTemplate`` answers Jinja's question about globals from a frozenset; the answer must
    be Jinja's: one cached module for pages like the theme's, a fresh one that sees the page's
    own globals otherwise."""
    env = make_environment((Path("."),))
    env.loader = DictLoader(
        {
            "macros.html": "{% macro who() %}{{ extra | default('none') }}{% endmacro %}",
            "page.html": '{% import "macros.html" as m %}{{ m.who() }}',
        }
    )
    assert env.get_template("page.html").render() == "none"
    module = env.get_template("macros.html")._get_default_module(None)
    page = env.get_template("page.html")
    context = page.new_context({})
    assert env.get_template("macros.html")._get_default_module(context) is module
    own = env.get_template("page.html", globals={"extra": "the page's globals"})
    assert own.render() == "the page&#39;s globals"  # as Jinja's own Template renders it
    plain = make_environment((Path("."),))
    plain.template_class = Template
    plain.loader = env.loader
    assert plain.get_template("page.html", globals={"extra": "the page's globals"}).render() == "the page&#39;s globals"
