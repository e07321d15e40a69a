"""The generated pages: one MkDocs page per map, claim, source, tag and listing of the content.

Each is a ``File.generated`` (MkDocs 1.6) with a ``GeneratedPage`` whose ``render`` fills in our
HTML directly: there is no Markdown to convert, so the page costs MkDocs no Markdown parser,
and the host's theme, navigation, search index and other plugins see an ordinary page.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..render import routes
from ..render.routes import Route
from .fragments import Fragments

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

HOSTS_OWN = frozenset({"search", "404", "robots", "sitemap", "feed"})
"""Route kinds the host site has its own of; every other route of our site is in the host's too."""
_HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_HIDDEN_MARK = re.compile(r'<span[^>]*aria-hidden="true"[^>]*>.*?</span>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r'\sid="([^"]+)"')
_OPENING_QUOTE = re.compile(r'(^|[\s(\[{])"')


def host_title(text: str) -> str:
    """A plain-text title as MkDocs' themes expect one, and safe in each way they print it.

    MkDocs' own titles are HTML with ``&`` and ``<`` escaped and quotes as they are, and themes
    print them unescaped: as text, in a ``title="..."`` attribute (readthedocs' previous and next
    links) and through ``striptags``, which unescapes (Material's ``<title>``). Content is
    untrusted, so a ``"`` becomes a typographic quote (it could end the attribute) and each ``<``
    is followed by a zero-width space (once unescaped, it could not start a tag).
    """
    text = _OPENING_QUOTE.sub("\\1\u201c", text).replace('"', "\u201d")
    return html.escape(text, quote=False).replace("&lt;", "&lt;\u200b")


def host_routes(fragments: Fragments) -> tuple[list[Route], list[Route]]:
    """Our routes in a host site: (pages, other files such as the BibTeX of every source)."""
    ours = [route for route in routes.page_routes(fragments.site) if route.kind not in HOSTS_OWN]
    return [r for r in ours if r.output_path.endswith(".html")], [r for r in ours if not r.output_path.endswith(".html")]


class GeneratedPage(Page):
    """A page whose HTML our templates make (``render`` takes the place of Markdown's)."""

    def __init__(self, file: File, config: MkDocsConfig, route: Route, fragments: Fragments) -> None:
        super().__init__(None, file, config)
        self.route = route
        self.fragments = fragments
        self.scripts: tuple[str, ...] = ()

    def render(self, config: MkDocsConfig, files: Files) -> None:  # noqa: ARG002 - MkDocs' signature
        done = self.fragments.page(self.route)
        self.content = done.html
        # MkDocs' themes print titles and meta values as they are (their Jinja does not escape).
        self.scripts = done.scripts
        self._title_from_render = host_title(done.title)
        if done.description:
            self.meta["description"] = html.escape(done.description)
        self.toc = get_toc(table_of_contents(done.html))  # type: ignore[arg-type]
        self.present_anchor_ids = set(_ID.findall(done.html))


def table_of_contents(text: str) -> list[dict[str, Any]]:
    """MkDocs' table of contents tokens for our headings with ids (h1 to h3), nested by level."""
    top: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, inner in _HEADING.findall(text):
        name = host_title(html.unescape(" ".join(_TAG.sub("", _HIDDEN_MARK.sub("", inner)).split())))
        token: dict[str, Any] = {"level": int(level), "id": html.unescape(anchor), "name": name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(token)
        stack.append(token)
    return top


def add_pages(files: Files, config: MkDocsConfig, fragments: Fragments) -> dict[str, GeneratedPage]:
    """A generated file and page for every route, none in the navigation (``nav`` adds the section);
    returns them by route URL. Raises ValueError naming the host's files that a page would replace."""
    links = fragments.links
    made: dict[str, GeneratedPage] = {}
    taken = []
    pages, others = host_routes(fragments)
    for route in pages + others:
        src_uri = links.src_uri(route.output_path)
        if files.get_file_from_path(src_uri) is not None:
            taken.append(src_uri)
            continue
        content: str | bytes = "" if route in pages else fragments.renderer.render(route)
        file = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        if route in pages:
            made[route.url] = GeneratedPage(file, config, route, fragments)
    if taken:
        raise ValueError(f"pages of the debate maps would replace these files of docs/: {', '.join(taken[:5])}")
    return made
