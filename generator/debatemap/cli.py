"""The ``debatemap`` command line: thin functions over the core that return exit codes.

Each command lives in ``commands/`` (its arguments and a ``run`` returning an exit code); this
module assembles them and is the one place that turns errors into messages and exit codes:
0 clean, 1 problems in the content, 2 a usage error. Nothing in the content can make it print
a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import build, check, new, schema, serve
from .commands.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .diagnostics import DebatemapError, UsageError

COMMANDS = (check, build, serve, schema, new)
"""In the order ``debatemap --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debatemap", description="Check and publish debate maps as a static site.")
    parser.add_argument("--version", action="version", version=f"debatemap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        code: int = args.func(args)
    except UsageError as exc:
        print(f"debatemap: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DebatemapError as exc:
        print(f"debatemap: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("debatemap: interrupted", file=sys.stderr)
        return 130
    return code
