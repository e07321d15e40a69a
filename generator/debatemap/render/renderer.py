"""Turn routes into bytes: one template per page kind, every page rendered in memory."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, Template, TemplateError, TemplateNotFound, TemplateSyntaxError, meta

from ..diagnostics import DebatemapError
from ..graph import Site
from ..interop.export import map_files
from ..text_files import display_path
from .environment import make_environment
from .pages import Lookups, PageContexts, set_up
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
    def __init__(
        self,
        site: Site,
        theme: Theme,
        *,
        reuse: Renderer | None = None,
        compiled: dict[str, bytes] | None = None,
        lookups: Lookups | None = None,
    ) -> None:
        """``reuse``: a renderer of the same, unchanged theme whose compiled templates and assets
        serve again (serve's rebuilds; compiling the templates costs more than a page).
        ``compiled``: templates compiled by earlier builds, by the build cache (``CompiledTemplates``).
        ``lookups``: kept across ``fresh_contexts`` (a renderer that records reads gives ones that
        replay them: ``incremental.tracking.ReplayedLookups``)."""
        self.site = site
        self.theme = theme
        self.env: Environment
        """Renders the installed theme's templates as they are (or, for a theme from the content
        folder, everything, sandboxed)."""
        self.sandbox: Environment | None
        """Renders the pages whose templates involve one from the content folder (None without any)."""
        if reuse is not None:
            self.env, self.sandbox = reuse.env, reuse.sandbox
        elif not theme.content_dirs:
            self.env, self.sandbox = make_environment(theme.template_dirs, compiled=compiled), None
        elif not theme.trusted_dirs:
            self.env, self.sandbox = make_environment(theme.template_dirs, sandboxed=True, compiled=compiled), None
        else:
            self.env = make_environment(theme.trusted_dirs, compiled=compiled)
            self.sandbox = make_environment(theme.template_dirs, sandboxed=True, compiled=compiled)
        self.assets: dict[str, bytes] = reuse.assets if reuse is not None else theme.assets()
        self._lookups_across_pages = lookups
        self.contexts = PageContexts(site, set_up(site, theme.fingerprint(self.assets)), lookups)
        self._templates: dict[str, Template] = reuse._templates if reuse is not None else {}

    def routes(self) -> list[Route]:
        return all_routes(self.site)

    def template(self, kind: str) -> Template:
        name = TEMPLATES[kind]
        if name not in self._templates:
            try:
                env = self.sandbox if self.sandbox is not None and self._uses_content_templates(name) else self.env
                self._templates[name] = env.get_template(name)
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

    def _uses_content_templates(self, name: str) -> bool:
        """Whether rendering ``name`` reads a template from the content folder, through the
        templates it extends, includes and imports (or may: a name made at render time counts).

        Installed templates render with ``self.env``, whose loader sees only the installed theme,
        so they can never run a content template. A page whose templates are all installed ones
        renders there, as fast as before; any other page renders in the sandbox, where an
        override extending an installed template (``{% extends "base.html" %}``) finds it too.
        """
        todo, seen = [name], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            folder = next((d for d in self.theme.template_dirs if (d / current).is_file()), None)
            if folder is None or folder in self.theme.content_dirs:
                return folder is not None
            source = (folder / current).read_text(encoding="utf-8")
            for referenced in meta.find_referenced_templates(self.env.parse(source, current)):
                if referenced is None:
                    return True
                todo.append(referenced)
        return False

    def render(self, route: Route) -> bytes:
        template = self.template(route.kind)
        try:
            return template.render(self.contexts.context(route)).encode("utf-8")
        except TemplateError as exc:
            raise ThemeError(f"template {self._where(exc, template)} failed on {route.output_path}: {exc}") from None
        except RecursionError as exc:  # a template that includes or calls itself without end
            where = self._where(exc, template)
            raise ThemeError(f"template {where} failed on {route.output_path}: it includes or calls itself without end") from None

    def _where(self, exc: BaseException, template: Template) -> str:
        """The template file and line the error was raised in (Jinja puts them in the traceback)."""
        folders = tuple(str(d) + os.sep for d in self.theme.template_dirs)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(folders)]
        if not frames:
            return str(template.name)
        return f"{display_path(Path(frames[-1].filename))}:{frames[-1].lineno}"

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
        that this one depends on it too). Only the set-up is kept, whose reads serve counts once,
        and the lookups given to the renderer, which replay what they read."""
        self.contexts = PageContexts(self.site, self.contexts.setup, self._lookups_across_pages)

    def extra_files(self, *, search: bool = True) -> dict[str, bytes]:
        """Files that are not made with a route's page: theme assets, the search index (unless a
        build with the cache makes it itself: ``incremental.search_units``), the content's static/."""
        files = dict(self.assets)
        if search:
            files.update(search_files(self.site))  # search/index/...
        for item in self.theme.site_static:  # the content's static/ (check refuses any that collide)
            files.setdefault(item.output, item.path.read_bytes())
        return files
