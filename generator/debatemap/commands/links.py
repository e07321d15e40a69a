"""``debatemap links``: check every source's links over the network, report the dead ones, optionally save."""

from __future__ import annotations

import argparse
import datetime
import sys
import time

from ..diagnostics import Severity
from ..pipeline import load_site
from .common import EXIT_OK, EXIT_PROBLEMS, content_root


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    links = commands.add_parser("links", help="check that every source's url and archived address still answers")
    links.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    links.add_argument(
        "--timeout", type=_seconds, default=10.0, metavar="S", help="seconds to wait for each answer (default: 10)"
    )
    links.add_argument(
        "--concurrency",
        type=_workers,
        default=4,
        metavar="N",
        help="hosts asked at once (default: 4; one request per host at a time)",
    )
    links.add_argument("--save", action="store_true", help="keep the results in CONTENT/links.yaml, which the site shows")
    links.add_argument("--all", action="store_true", help="list every link, not only the dead ones")
    links.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    links.set_defaults(func=run)


def today() -> str:
    """The date of the check (the command reads the clock; a build never does)."""
    return datetime.datetime.now(tz=datetime.timezone.utc).date().isoformat()


def run(args: argparse.Namespace) -> int:
    from ..links.report import format_json, format_text, summary, uses  # noqa: PLC0415
    from ..links.run import check_all  # noqa: PLC0415
    from ..links.store import save  # noqa: PLC0415

    root = content_root(args.content, "debatemap links {}")
    checked = load_site(root)
    errors = sum(1 for d in checked.diagnostics if d.severity is Severity.ERROR)
    if errors:
        print(
            f"debatemap links: the content has {errors} error(s) (see `debatemap check`); checking the sources that loaded",
            file=sys.stderr,
        )
    by_url = uses(checked.site.sources)
    started = time.monotonic()
    results = check_all(by_url, timeout=args.timeout, concurrency=args.concurrency)
    seconds = time.monotonic() - started
    if args.format == "json":
        print(format_json(by_url, results))
    else:
        text = format_text(by_url, results, every=args.all)
        if text:
            print(text)
        print(summary(results, seconds))
    if args.save:
        path = save(root, results, today())
        print(f"saved {path}", file=sys.stderr)
    return EXIT_PROBLEMS if any(not r.ok for r in results.values()) else EXIT_OK


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 600 seconds")
    return value


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 64")
    return int(text)
