"""``debatemap report``: each map's editorial balance, and the flags a curator should look at.

Figures of a site with errors would mislead (a misspelt ref drops a whole branch), so the
report runs only on content that ``check`` passes, and prints the errors otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import sys

from ..diagnostics import Severity
from ..editorial import Thresholds, site_figures
from ..editorial.gate import Limits, failures
from ..editorial.output import FORMATS, FORMATTERS
from ..pipeline import load_site
from ..report import format_text, summary_line
from .common import EXIT_OK, EXIT_PROBLEMS, content_root, use_colour

LIMITS = (
    ("--min-balance", "exit 1 when a map's smaller side over its larger is under RATIO (e.g. 0.6)"),
    ("--max-publisher-share", "exit 1 when one publisher has more than RATIO of a map's citations"),
    ("--max-author-share", "exit 1 when one author has more than RATIO of a map's citations"),
    ("--max-single-source", "exit 1 when more than RATIO of a map's claims cite only one source"),
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="print each map's editorial balance and what to look at")
    report.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    report.add_argument("--format", choices=FORMATS, default="text", help="text (default), markdown, or json")
    report.add_argument(
        "--older-than",
        type=_years,
        default=5,
        metavar="YEARS",
        help="flag sources this many years older than the map (default: 5)",
    )
    report.add_argument(
        "--as-of", type=_date, metavar="DATE", help="measure source ages to this date (default: each map's updated date)"
    )
    for option, what in LIMITS:
        report.add_argument(option, type=_ratio, metavar="RATIO", help=what)
    report.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checked = load_site(content_root(args.content, "debatemap report {}"))
    if not checked.ok:
        errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
        print(format_text(errors, colour=use_colour(sys.stderr)), file=sys.stderr)
        print(summary_line(errors, len(checked.content.files)) + " Fix them first (see `debatemap check`).", file=sys.stderr)
        return EXIT_PROBLEMS
    figures = site_figures(checked.site, Thresholds(older_than=args.older_than, as_of=args.as_of))
    print(FORMATTERS[args.format](figures))
    missed = failures(figures, Limits(args.min_balance, args.max_publisher_share, args.max_author_share, args.max_single_source))
    for line in missed:
        print(f"debatemap report: {line}", file=sys.stderr)
    return EXIT_PROBLEMS if missed else EXIT_OK


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1")
    return value


def _years(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of years")
    return int(text)


def _date(text: str) -> str:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    if len(text) != 10:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    return text
