"""The first half of every command: read the content, resolve the graph, run the checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import rules
from .checks import CheckMemo, run_checks
from .collector import collector_paused
from .content import Content, FileCache, read_content
from .diagnostics import Diagnostic, Position, Severity
from .graph import Site, build_graph
from .model import SiteConfig
from .render.routes import all_routes
from .render.theme import Theme, ThemeSettingError, find_theme
from .render.theme_check import check_templates
from .static import collisions, static_files
from .text_files import display_path


@dataclass(frozen=True, slots=True)
class CheckedSite:
    """The result of loading and checking: the site (when it could be built) and every problem."""

    site: Site
    content: Content
    diagnostics: tuple[Diagnostic, ...]
    """Sorted by file, line and column; warnings already promoted under ``strict``."""
    theme: Theme | None = None
    """The theme the site names, when it could be found (its problems are diagnostics)."""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def load_site(
    root: Path,
    *,
    strict: bool = False,
    cache: FileCache | None = None,
    graph: Callable[[Content, SiteConfig], Site] = build_graph,
    checks: CheckMemo | None = None,
    site_optional: bool = False,
) -> CheckedSite:
    """Read and check the content folder at ``root``; never raises for anything in the content.

    ``cache`` (serve's rebuilds) keeps each file's parse while the file is unchanged, ``graph``
    (serve's ``GraphUpdater``) resolves the graph by patching the last one, and ``checks`` skips
    the site-wide checks while the site keeps its shape. With ``site_optional`` (the MkDocs
    plugin, whose host site has its own settings) a folder without site.yaml is checked with
    the default settings instead of being refused.
    """
    with collector_paused(promote=True):
        return _load_site(root, strict, cache, graph, checks, site_optional=site_optional)


def _load_site(
    root: Path,
    strict: bool,
    cache: FileCache | None,
    graph: Callable[[Content, SiteConfig], Site],
    checks: CheckMemo | None,
    *,
    site_optional: bool,
) -> CheckedSite:
    diags: list[Diagnostic] = []
    content = read_content(root, diags, cache, site_optional=site_optional)
    config = content.config or SiteConfig(
        title="", description=None, base_url=None, language="en", theme="default", theme_dir=None,
        nav=(), author=None, footer=None, pos=Position(display_path(root / "site.yaml"), 0, 0),
    )  # fmt: skip
    site = graph(content, config)
    theme = None
    if content.config is not None:
        try:
            theme = find_theme(config, root)
        except ThemeSettingError as exc:
            diags.append(exc.diagnostic)
        else:
            diags.extend(check_templates(theme))
        statics, problems = static_files(root)
        diags.extend(problems)
        if statics:
            diags.extend(collisions(statics, {route.output_path for route in all_routes(site)}))
    if content.complete and (content.config is not None or site_optional):
        if not content.maps and not any(d.severity is Severity.ERROR for d in diags):
            diags.append(
                rules.NO_CONTENT.at(
                    Position(display_path(root / "maps"), 0, 0),
                    "the site has no maps",
                    hint="add content/maps/<map-id>.yaml (`debatemap new map <map-id>`)",
                )
            )
        # A file that already has errors gets no graph warnings: they are mostly echoes of the
        # errors (a con with an invalid id makes the map "one-sided") and come back, if still
        # true, once the errors are fixed.
        failing = {d.position.path for d in diags if d.severity is Severity.ERROR}
        diags.extend(
            d
            for d in (checks.run(content, site) if checks else run_checks(content, site))
            if d.severity is Severity.ERROR or d.position.path not in failing
        )
    if strict:
        diags = [
            Diagnostic(d.code, Severity.ERROR, d.message, d.position, d.hint, d.related) if d.severity is Severity.WARNING else d
            for d in diags
        ]
    diags.sort(key=Diagnostic.sort_key)
    return CheckedSite(site, content, tuple(diags), theme)
