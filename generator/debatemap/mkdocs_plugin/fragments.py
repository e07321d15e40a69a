"""Our templates rendered as the middle of an MkDocs page: the generated pages and the embeds.

The same templates, macros and context builders as our own site (``render``), so a claim reads
the same here and there; only ``base.html`` is swapped for the frame in ``themes/default/mkdocs``,
which keeps a page template's ``main`` block and leaves the rest of the page to the host theme.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from ..graph import Site
from ..model import Claim, DebateMap
from ..render import routes, views
from ..render.pages import ChildView
from ..render.renderer import Renderer, ThemeError
from ..render.routes import Route
from ..render.theme import PACKAGE_THEMES, REPO_THEMES, Theme
from .links import Links

FRAME = "mkdocs"
"""The default theme's folder holding the frame template (base.html) and host.css."""
SCRIPTS = {"outline": "assets/site.js", "drawing": "assets/drawing.js", "cite": "assets/cite.js"}
"""The scripts a page needs for what it shows (each is progressive enhancement). The theme's base.html
links a page's scripts in its head, which the frame replaces: the plugin links them instead."""


_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*">\n?')


def _unlinked(html: str) -> str:
    """``html`` without the theme's own stylesheets, which a site's theme may link in a page's main
    block (the default theme links them in the head, which the frame leaves out): their
    rules are in the plugin's stylesheet, scoped; loaded as they are, they could restyle the host."""
    return _STYLESHEET_LINK.sub("", html) if "<link" in html else html


def default_theme_dir() -> Path:
    """The bundled default theme, in a checkout or in a wheel."""
    return next(d for d in (REPO_THEMES / "default", PACKAGE_THEMES / "default") if (d / "templates").is_dir())


def framed(theme: Theme) -> Theme:
    """``theme`` with the frame's base.html first; the default theme's templates last, so a site's own
    theme without the embed templates still renders embeds."""
    default = default_theme_dir()
    dirs = [default / FRAME, *theme.template_dirs]
    if default / "templates" not in dirs:
        dirs.append(default / "templates")
    return Theme(theme.name, tuple(dirs), theme.static_dir, theme.files)


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    title: str
    """Plain text (MkDocs themes print titles unescaped: escape it before handing it over)."""
    description: str
    scripts: tuple[str, ...]
    """Asset paths (under the prefix) of the scripts the HTML needs."""


@dataclass(frozen=True, slots=True)
class Embed:
    """A ```debatemap block, checked: what it shows and how."""

    kind: str
    """'map' or 'claim'."""
    key: str
    view: str
    """'outline', 'drawing' or 'card'."""


class Fragments:
    def __init__(self, site: Site, theme: Theme, links: Links) -> None:
        self.site = site
        self.links = links
        self.renderer = Renderer(site, framed(theme))
        self.by_thesis = views.thesis_maps(site)
        self.exports: dict[str, bytes] = {}
        """The files made with a page (a map's drawing and exports to download), written after the build."""

    def page(self, route: Route) -> Rendered:
        context = self.renderer.contexts.context(route)
        text = self._render(route.kind, context, route.output_path)
        scripts: tuple[str, ...] = ()
        if route.kind == "map":
            scripts = (SCRIPTS["outline"], SCRIPTS["drawing"])
        if context.get("citation"):  # the "Cite this" block's copy buttons
            scripts += (SCRIPTS["cite"],)
        self.exports.update(self.renderer.files_with(route))
        return Rendered(self.links.finish(_unlinked(text)), str(context["title"]), str(context["description"]), scripts)

    def embed(self, embed: Embed, page_url: str, number: int) -> Rendered:
        """The block's HTML for the page at ``page_url``; ``number`` tells apart the embeds of one page."""
        base = self.links.to_prefix(page_url)

        def url(target: str) -> str:
            return (base + target) or "./"

        def href(claim_id: str) -> str:
            return url(routes.claim_url(claim_id))

        context = self._base_context(url)
        ident = f"embed-{number}"
        context.update(view=embed.view, anchor=ident + "-claim-", map=None, claim=None)
        if embed.kind == "map":
            context.update(self._map(self.site.maps[embed.key], embed.view, href, "dm-" + ident))
        else:
            context.update(self._claim(self.site.claims[embed.key], embed.view, href, "lm-" + ident))
        text = self._render("embed", context, f"a ```debatemap block showing {embed.kind} '{embed.key}'")
        wrapped = f'<div class="debatemap dm-embed dm-embed-{embed.view}">\n{_unlinked(text)}</div>\n'
        scripts = (SCRIPTS[embed.view],) if embed.view in SCRIPTS else ()
        return Rendered(self.links.finish(wrapped), "", "", scripts)

    def script_tags(self, scripts: list[str], base: str) -> str:
        """``<script>`` elements for ``scripts`` (asset paths), linked from a page whose way to the prefix is ``base``."""
        versions = self.renderer.contexts.setup.asset_versions
        return "".join(
            f'<script src="{html.escape(base + path)}?v={versions.get(path, "")}" defer></script>\n' for path in scripts
        )

    def _base_context(self, url: Callable[[str], str]) -> dict[str, Any]:
        return {
            "site": self.site,
            "config": self.site.config,
            "url": url,
            "claim_url": routes.claim_url,
            "map_url": routes.map_url,
            "source_url": routes.source_url,
            "tag_url": routes.tag_url,
            "page_url": routes.page_url,
        }

    def _map(self, debate: DebateMap, view: str, href: Callable[[str], str], ident: str) -> dict[str, Any]:
        outline = views.outline(self.site, debate)
        drawing = self.renderer.contexts.drawings.for_map(debate, outline, href=href, ident=ident) if view == "drawing" else None
        return {
            "map": debate,
            "thesis": self.site.claims.get(debate.thesis_id),
            "counts": views.map_counts(self.site, debate),
            "outline": outline,
            "drawing": drawing,
        }

    def _claim(self, claim: Claim, view: str, href: Callable[[str], str], ident: str) -> dict[str, Any]:
        stance = self.stance(claim)
        grand = [link.stance for link in claim.children if link.claim_id in self.site.claims]
        local_map: Markup | None = None
        if view == "drawing":
            local_map = self.renderer.contexts.drawings.local_map(claim, href=href, ident=ident)
        return {
            "claim": claim,
            "card": ChildView(claim, stance, grand.count("pro"), grand.count("con")),
            "outline": views.subtree(self.site, claim, stance) if view == "outline" else None,
            "local_map": local_map,
            "maps": [self.site.maps[m] for m in self.site.claim_maps.get(claim.id, ())],
        }

    def stance(self, claim: Claim) -> str:
        """What a claim shown on its own is: a map's thesis, or the stance it takes to its first parent."""
        if claim.id in self.by_thesis:
            return "thesis"
        parents = self.site.parents.get(claim.id, ())
        return str(parents[0].stance) if parents else "thesis"

    def _render(self, kind: str, context: dict[str, Any], what: str) -> str:
        try:
            template = self.renderer.env.get_template("embed.html") if kind == "embed" else self.renderer.template(kind)
            return template.render(context)
        except ThemeError as exc:
            raise PluginError(f"debatemap: {exc}") from None
        except TemplateError as exc:
            raise PluginError(f"debatemap: template failed on {what}: {exc}") from None
