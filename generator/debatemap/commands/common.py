"""What several commands share: exit codes, the content folder argument, printing diagnostics."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from ..diagnostics import UsageError
from ..incremental.store import default_cache_dir
from ..pipeline import CheckedSite
from ..report import format_github, format_json, format_text, summary_line
from ..text_files import display_path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def use_colour(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def add_cache_options(command: argparse.ArgumentParser, no_cache: str) -> None:
    group = command.add_mutually_exclusive_group()
    group.add_argument(
        "--cache-dir", metavar="DIR", help="the build cache's folder (default: .debatemap-cache beside the content folder)"
    )
    group.add_argument("--no-cache", action="store_true", help=no_cache)


def cache_dir(args: argparse.Namespace, root: Path) -> Path | None:
    """The build cache the options name: --cache-dir, else the default beside the content; None with --no-cache."""
    if getattr(args, "no_cache", False):
        return None
    if getattr(args, "cache_dir", None):
        return Path(args.cache_dir)
    return default_cache_dir(root)


def content_root(value: str, again: str) -> Path:
    """The content folder named on the command line; ``again`` is the command with ``{}`` for the folder.

    The messages say what to type instead: the folder that holds a file given by mistake, or
    ``.`` when the command runs inside a content folder and looks for one called ``content``.
    """
    root = Path(value)
    if root.is_dir():
        return root
    if root.exists():
        holder = next((p for p in root.parents if (p / "site.yaml").is_file()), root.parent)
        raise UsageError(f"{value} is a file; pass the folder that holds it ({holder})")
    if Path("site.yaml").is_file():
        raise UsageError(
            f"no content folder at '{value}'; this folder holds site.yaml, so it is the content folder: "
            f"`{again.replace('{}', '.')}`"
        )
    raise UsageError(f"no content folder at '{value}' (create one with `debatemap new site {value}`)")


def print_diagnostics(checked: CheckedSite, fmt: str, stream: TextIO | None = None) -> None:
    """Print every problem, then a summary line, in the chosen style."""
    out = stream or sys.stdout
    diagnostics = checked.diagnostics
    files = len(checked.content.files)
    templates = [display_path(path) for path in checked.theme.overrides()] if checked.theme else []
    if fmt == "json":
        print(format_json(diagnostics, files, templates), file=out)
        return
    if fmt == "github":
        if diagnostics:
            print(format_github(diagnostics), file=out)
    elif diagnostics:
        print(format_text(diagnostics, colour=use_colour(out)), file=out)
    if templates:
        print(f"Templates from the content folder (rendered in the sandbox): {', '.join(templates)}", file=out)
    print(summary_line(diagnostics, files), file=out)
