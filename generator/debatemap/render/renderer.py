"""Turn routes into bytes: one template per page kind, every page rendered in memory."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, Template, TemplateError, TemplateNotFound, TemplateSyntaxError

from ..diagnostics import DebatemapError
from ..graph import Site
from ..interop.export import map_files
from .environment import make_environment
from .pages import PageContexts, set_up
from .routes import Route, all_routes
from .search import search_files
from .theme import Theme

TEMPLATES = {
    "home": "home.html",
    "maps": "home.html",
    "map": "map.html",
    "balance": "balance.html",
    "claim": "claim.html",
    "sources": "sources.html",
    "source": "source.html",
    "tags": "tags.html",
    "tag": "tag.html",
    "search": "search.html",
    "page": "page.html",
    "404": "404.html",
    "sitemap": "sitemap.xml",
    "feed": "feed.xml",
    "changes": "changes.xml",
    "robots": "robots.txt",
    "bibtex": "cite.bib",
}


class ThemeError(DebatemapError):
    """A template is missing or broken; the message names the template and line."""


class Renderer:
    def __init__(self, site: Site, theme: Theme, *, reuse: Renderer | None = None) -> None:
        """``reuse``: a renderer of the same, unchanged theme whose compiled templates and assets
        serve again (serve's rebuilds; compiling the templates costs more than a page)."""
        self.site = site
        self.theme = theme
        self.env: Environment = reuse.env if reuse is not None else make_environment(theme.template_dirs)
        self.assets: dict[str, bytes] = reuse.assets if reuse is not None else theme.assets()
        self.contexts = PageContexts(site, set_up(site, theme.fingerprint(self.assets)))
        self._templates: dict[str, Template] = reuse._templates if reuse is not None else {}

    def routes(self) -> list[Route]:
        return all_routes(self.site)

    def template(self, kind: str) -> Template:
        name = TEMPLATES[kind]
        if name not in self._templates:
            try:
                self._templates[name] = self.env.get_template(name)
            except TemplateNotFound as exc:
                raise ThemeError(f"theme '{self.theme.name}' has no template {exc.name}") from None
            except TemplateSyntaxError as exc:
                raise ThemeError(f"{exc.filename}:{exc.lineno}: template error: {exc.message}") from None
        return self._templates[name]

    def compile_templates(self, kinds: Iterable[str]) -> None:
        """Compile the templates of ``kinds`` and every other template of the theme now, before
        render workers fork, so they share the compiled code instead of each compiling it again
        (0.2 s a worker). Only the templates ``kinds`` use must compile: one that nothing renders
        may be broken, as a page that imports it would find out."""
        for kind in sorted(set(kinds)):
            self.template(kind)
        for name in self.env.list_templates(extensions=("html", "xml", "txt", "bib")):
            try:
                self.env.get_template(name)
            except (TemplateError, UnicodeError, OSError):
                continue

    def render(self, route: Route) -> bytes:
        template = self.template(route.kind)
        try:
            return template.render(self.contexts.context(route)).encode("utf-8")
        except TemplateError as exc:
            raise ThemeError(f"template {template.name} failed on {route.output_path}: {exc}") from None

    def render_files(self, route: Route) -> list[tuple[str, bytes]]:
        """The route's page, then the files made with it: a map's drawing to download, drawn from
        the layout its page made (a build used to lay every map out twice, in two workers), and
        its exports (JSON, AIF, Argdown), which read the same site the page does."""
        return [(route.output_path, self.render(route)), *self.files_with(route)]

    def files_with(self, route: Route) -> list[tuple[str, bytes]]:
        """The files made with the route's page, right after it (the MkDocs plugin, which renders
        the page itself, asks for them too)."""
        if route.kind != "map":
            return []
        files = []
        export = self.contexts.drawings.export(route.key)
        if export is not None:
            files.append(export)
        return files + map_files(self.site, route.key)

    def fresh_contexts(self) -> None:
        """Start the next page from new page contexts, with nothing that earlier pages computed and
        cached (serve records what each page reads: a lookup cached by an earlier page would hide
        that this one depends on it too). Only the set-up is kept, whose reads serve counts once."""
        self.contexts = PageContexts(self.site, self.contexts.setup)

    def extra_files(self) -> dict[str, bytes]:
        """Files that are not made with a route's page: theme assets and the search index."""
        files = dict(self.assets)
        files.update(search_files(self.site))  # search/index/...
        return files
