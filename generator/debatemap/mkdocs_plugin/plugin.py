"""The plugin's answers to MkDocs' events: each a few lines calling the modules beside it.

The order of a build: ``on_pre_build`` loads and checks the content (before MkDocs empties the
site folder, so errors leave the last site as it was); ``on_files`` adds a page per map, claim,
source and tag, and our assets; ``on_nav`` adds the section; each host page's ``debatemap``
blocks become placeholders in ``on_page_markdown`` and our HTML in ``on_page_content``;
``on_env`` stops the build if a block was wrong; ``on_post_build`` writes the maps' drawings
to download. ``on_serve`` watches the content folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..content import FileCache
from ..diagnostics import Diagnostic, UsageError
from ..graph import Site
from ..render.theme import Theme, find_theme
from ..text_files import display_path
from ..write import write_file
from . import embeds, site
from .config import DebatemapConfig
from .fragments import FRAME, Fragments, default_theme_dir
from .links import Links, normalize_prefix
from .nav import add_section
from .pages import GeneratedPage, add_pages
from .styles import stylesheet

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

STYLESHEET = "assets/debatemap.css"
"""Our scoped stylesheet, under the prefix."""


class DebatemapPlugin(BasePlugin[DebatemapConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ has no annotations
    def __init__(self) -> None:
        self.cache: FileCache | None = None
        self.last_good: tuple[Site, Theme] | None = None
        """`mkdocs serve`: the last site that loaded without errors, and its theme."""
        self.fragments: Fragments | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.embedded: dict[str, tuple[dict[str, str], list[str]]] = {}
        """Host page src_uri -> (placeholder -> HTML, scripts the page needs)."""
        self.embed_errors = 0

    # Defining on_startup keeps this object for every rebuild of one `mkdocs serve`, and with it
    # the file cache: a rebuild parses only the content files saved since the last one.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:  # noqa: ARG002
        self.cache = FileCache() if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        try:
            prefix = normalize_prefix(self.config.prefix)
        except ValidationError as exc:
            raise PluginError(f"debatemap: {exc}") from None
        self.links = Links(prefix, config.use_directory_urls)
        config.extra_css.append(prefix + STYLESHEET)
        return config

    # Runs before MkDocs empties site_dir (build() cleans it right after this event), at the
    # default priority: other plugins' order does not matter to loading our content.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        content = Path(self.config.content)
        try:
            checked = site.load(content, strict=bool(config.strict), cache=self.cache, title=self.config.nav_title)
            theme = find_theme(checked.config, content)
        except (PluginError, UsageError) as exc:
            if self.cache is None or self.last_good is None:
                raise PluginError(str(exc) if isinstance(exc, PluginError) else f"debatemap: {exc}") from None
            # `mkdocs serve` after a save that broke the content: the problems are in the log,
            # the preview keeps the last good debate pages (as `debatemap serve` does).
            site.log.error("debatemap: the preview keeps the last good debate pages until the content is fixed")
            checked, theme = self.last_good
        if self.cache is not None:
            self.last_good = (checked, theme)
        self.fragments = Fragments(checked, theme, self.links)
        self.embedded = {}
        self.embed_errors = 0

    # Default priority: our files only need to be there before the navigation is made; a plugin
    # that filters files (exclusions, i18n) after us sees them like any other page.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        fragments = self._fragments()
        try:
            self.pages = add_pages(files, config, fragments)
        except ValueError as exc:
            raise PluginError(f"debatemap: {exc}; choose another `prefix`") from None
        assets = fragments.renderer.assets
        host_css = (default_theme_dir() / FRAME / "host.css").read_text(encoding="utf-8")
        # Every asset of the theme, as on our own site: the scripts, and what content may link to
        # (a root link such as /assets/favicon.svg goes to the prefix's assets/).
        extra = {**assets, STYLESHEET: stylesheet(assets, host_css).encode("utf-8")}
        for path, data in sorted(extra.items()):
            files.append(File.generated(config, self.links.prefix + path, content=data, inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    # Late (-50): our section goes into the navigation as the other plugins left it, so a plugin
    # that rebuilds the navigation from the files (awesome-pages, literate-nav) does not drop it.
    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:  # noqa: ARG002
        fragments = self._fragments()
        site = fragments.site
        add_section(nav, self.pages, site, title=site.config.title, limit=self.config.nav_maps, nav_config=config.nav)
        return nav

    # Early (50): the blocks are found in the Markdown as written, so their line numbers are the
    # file's, before a plugin that expands macros or includes changes the text.
    @event_priority(50)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:  # noqa: ARG002
        blocks = [] if isinstance(page, GeneratedPage) else list(embeds.find_blocks(markdown))
        if not blocks:
            return markdown
        shown = display_path(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.file.src_uri
        diags: list[Diagnostic] = []
        where = (shown, _first_line(page, markdown))
        done = embeds.embed_all(markdown, blocks, self._fragments(), page_url=page.url, where=where, diags=diags)
        self.embed_errors += site.report(diags)
        self.embedded[page.file.src_uri] = (done.replacements, list(done.scripts) if self.config.javascript else [])
        return done.markdown

    # Default priority: MkDocs' own rendering is done; our HTML goes in before later plugins
    # (search indexes the page at on_page_context) see the content.
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:  # noqa: ARG002
        fragments = self._fragments()
        if isinstance(page, GeneratedPage):
            if not (page.scripts and self.config.javascript):
                return html
            return html + fragments.script_tags(list(page.scripts), self.links.to_prefix(page.url))
        found = self.embedded.get(page.file.src_uri)
        if found is None:
            return html
        replacements, scripts = found
        html = embeds.swap_placeholders(html, replacements)
        return html + fragments.script_tags(scripts, self.links.to_prefix(page.url)) if scripts else html

    # Every page has been read by now and none written: a wrong block stops the build here,
    # after all of them were reported.
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:  # noqa: ARG002
        if self.embed_errors:
            raise PluginError(f"debatemap: {self.embed_errors} debatemap block(s) in the pages are wrong (see above)")
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        for path, data in sorted(self._fragments().exports.items()):
            write_file(site_dir, self.links.prefix + path, data)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer | None:  # noqa: ARG002
        server.watch(str(Path(self.config.content)))
        bundled = default_theme_dir()
        theme = self._fragments().renderer.theme
        for folder in [*theme.template_dirs, theme.static_dir]:  # a site's own theme or overrides
            if folder is not None and not folder.is_relative_to(bundled):
                server.watch(str(folder))
        return server

    def _fragments(self) -> Fragments:
        if self.fragments is None:
            raise PluginError("debatemap: the content was not loaded (on_pre_build did not run)")
        return self.fragments


def _first_line(page: Page, markdown: str) -> int:
    """The file's line number of the Markdown's first line: MkDocs strips the front matter."""
    try:
        source = page.file.content_string
    except (OSError, ValueError):
        return 1
    return source[: len(source) - len(markdown)].count("\n") + 1 if source.endswith(markdown) else 1
