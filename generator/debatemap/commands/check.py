"""``debatemap check``: every problem in the content, like a compiler."""

from __future__ import annotations

import argparse
import sys

from ..incremental.saved import checked_with_cache
from ..pipeline import load_site
from ..report import FORMATS
from .common import EXIT_OK, EXIT_PROBLEMS, add_cache_options, cache_dir, content_root, print_diagnostics


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser("check", help="check the content and print every problem")
    check.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    check.add_argument("--strict", action="store_true", help="treat warnings (e.g. unsourced claims) as errors")
    check.add_argument("--format", choices=FORMATS, default="text", help="text (default), json, or github annotations")
    add_cache_options(check, "do not read the build cache: parse every file")
    check.set_defaults(func=run)


def _say(message: str) -> None:
    print(f"debatemap: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    root = content_root(args.content, "debatemap check {}")
    cache = cache_dir(args, root)
    if cache is None:
        checked = load_site(root, strict=args.strict)
    else:
        checked = checked_with_cache(root, cache, strict=args.strict, warn=_say)
    print_diagnostics(checked, args.format)
    return EXIT_OK if checked.ok else EXIT_PROBLEMS
