"""The ``debatemap`` command line: thin functions over the core that return exit codes.

Each command lives in ``commands/`` (its arguments and a ``run`` returning an exit code); this
module assembles them and is the one place that turns errors into messages and exit codes:
0 clean, 1 problems in the content, 2 a usage error. Nothing in the content can make it print
a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import NoReturn

from . import __version__
from .commands import build, check, export, imports, links, new, report, schema, serve
from .commands.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, use_colour
from .diagnostics import ContentError, DebatemapError, UsageError
from .report import format_text

COMMANDS = (check, build, serve, report, links, export, imports, schema, new)
"""In the order ``debatemap --help`` lists them."""

_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


class Parser(argparse.ArgumentParser):
    """argparse, with "did you mean" added to a mistyped command or choice."""

    def error(self, message: str) -> NoReturn:
        found = _INVALID_CHOICE.search(message)
        if found is not None:
            close = difflib.get_close_matches(found.group(1), re.findall(r"'([^']*)'", found.group(2)), n=1)
            if close:
                message += f"; did you mean '{close[0]}'?"
        super().error(message)


def build_parser() -> Parser:
    parser = Parser(prog="debatemap", description="Check and publish debate maps as a static site.")
    parser.add_argument("--version", action="version", version=f"debatemap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(commands)
    for sub in _subparsers(parser):
        sub.set_defaults(parser=sub)  # the innermost one parsed wins: it reports unknown options
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    for action in parser._actions:  # argparse has no public way to list subparsers
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield sub
                yield from _subparsers(sub)


def unrecognized(extras: list[str], parser: argparse.ArgumentParser) -> str:
    """argparse's message for arguments no command takes, with the option meant when one is close."""
    message = f"unrecognized arguments: {' '.join(extras)}"
    options = sorted({option for action in parser._actions for option in action.option_strings})
    for extra in extras:
        if extra.startswith("--"):
            close = difflib.get_close_matches(extra.split("=", 1)[0], options, n=1)
            if close:
                return f"{message}; did you mean {close[0]}?"
    return message


def main(argv: Sequence[str] | None = None) -> int:
    # Output quotes content and file names: a name that is not valid UTF-8, or a terminal that is
    # not UTF-8, must print escapes rather than stop the command with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        # Unknown options are reported by the command they were given to, with its usage (argparse
        # would report them with the top level's usage, which names no option of any command).
        args, extras = parser.parse_known_args(argv)
        if extras:
            leaf: argparse.ArgumentParser = getattr(args, "parser", parser)
            leaf.error(unrecognized(extras, leaf))
    except SystemExit as exc:  # argparse has printed the usage message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        code: int = args.func(args)
    except ContentError as exc:
        print(format_text(exc.diagnostics, colour=use_colour(sys.stderr)), file=sys.stderr)
        print("debatemap: error: fix the problems above first (`debatemap check` lists them all)", file=sys.stderr)
        return EXIT_PROBLEMS
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


def run() -> NoReturn:
    """The ``debatemap`` command (and ``python -m debatemap``): ``main``, then exit with its code."""
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """Exit with ``code``, skipping the interpreter's teardown when nothing needs it.

    Tearing down frees the objects of the site one by one: about 0.1 s after a build of 10,000
    claims, a tenth of a warm build. Like mypy, debatemap skips it when every file is closed and
    no one waits for the exit: stdout and stderr are flushed, no other thread and no child
    process is running, and no tracer or profiler (coverage, cProfile) is left to save its data.
    Otherwise it exits as usual.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: the usual exit reports it
        sys.exit(code)
    children = "multiprocessing" in sys.modules and sys.modules["multiprocessing"].active_children()
    quiet = threading.active_count() == 1 and not children and sys.gettrace() is None and sys.getprofile() is None
    if quiet and "coverage" not in sys.modules:
        os._exit(code)
    sys.exit(code)
