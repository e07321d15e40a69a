"""What several commands share: exit codes, the content folder argument, printing diagnostics."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from ..diagnostics import UsageError
from ..pipeline import CheckedSite
from ..report import format_github, format_json, format_text, summary_line

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def use_colour(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def content_root(value: str) -> Path:
    root = Path(value)
    if not root.is_dir():
        raise UsageError(f"no content folder at '{value}' (create one with `debatemap new site {value}`)")
    return root


def print_diagnostics(checked: CheckedSite, fmt: str, stream: TextIO | None = None) -> None:
    """Print every problem, then a summary line, in the chosen style."""
    out = stream or sys.stdout
    diagnostics = checked.diagnostics
    files = len(checked.content.files)
    if fmt == "json":
        print(format_json(diagnostics, files), file=out)
        return
    if fmt == "github":
        if diagnostics:
            print(format_github(diagnostics), file=out)
        print(summary_line(diagnostics, files), file=out)
        return
    if diagnostics:
        print(format_text(diagnostics, colour=use_colour(out)), file=out)
    print(summary_line(diagnostics, files), file=out)
