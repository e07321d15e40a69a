"""``debatemap check``: every problem in the content, like a compiler."""

from __future__ import annotations

import argparse

from ..pipeline import load_site
from ..report import FORMATS
from .common import EXIT_OK, EXIT_PROBLEMS, content_root, print_diagnostics


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser("check", help="check the content and print every problem")
    check.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    check.add_argument("--strict", action="store_true", help="treat warnings (e.g. unsourced claims) as errors")
    check.add_argument("--format", choices=FORMATS, default="text", help="text (default), json, or github annotations")
    check.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    checked = load_site(content_root(args.content, "debatemap check {}"), strict=args.strict)
    print_diagnostics(checked, args.format)
    return EXIT_OK if checked.ok else EXIT_PROBLEMS
