"""Load and check the content as the CLI does, and report every problem through MkDocs' log."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..content import FileCache
from ..diagnostics import Diagnostic, Severity
from ..graph import Site
from ..pipeline import load_site
from ..report import format_text, summary_line

log = get_plugin_logger(__name__)

DEFAULT_TITLE = "Debates"
"""The section's title when neither the plugin's ``nav_title`` nor site.yaml names one."""


def report(diagnostics: Iterable[Diagnostic]) -> int:
    """Log each problem as `debatemap check` prints it (file:line:col, severity[code], the line, a
    hint), errors as errors and warnings as warnings, so ``mkdocs build --strict`` fails on either.
    Returns the number of errors."""
    errors = 0
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            errors += 1
            log.error(format_text([diagnostic]))
        else:
            log.warning(format_text([diagnostic]))
    return errors


def load(content: Path, *, strict: bool, cache: FileCache | None, title: str | None) -> Site:
    """The checked site, ready for MkDocs; raise PluginError (after logging every problem) on errors.
    ``title`` names the site when site.yaml gives none.

    Under ``strict`` (``mkdocs build --strict``) warnings count as errors here already, as with
    ``debatemap build --strict``: the build stops before MkDocs empties the site folder, so a
    broken file never leaves a half site where the last good one was.
    """
    checked = load_site(content, strict=strict, cache=cache, site_optional=True)
    if report(checked.diagnostics):
        files = len(checked.content.files) or 1
        raise PluginError(f"debatemap: {summary_line(checked.diagnostics, files)} (content: {content})")
    config = checked.site.config
    # The pages live inside the host site: its theme writes canonical links, feeds and sitemaps,
    # so our base_url must not make absolute links (the drawings' downloads would point there).
    config = dataclasses.replace(config, title=config.title or title or DEFAULT_TITLE, base_url=None)
    return dataclasses.replace(checked.site, config=config)
