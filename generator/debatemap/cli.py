"""The ``debatemap`` command line: thin functions over the core that return exit codes.

Only this module prints diagnostics and decides exit codes: 0 clean, 1 problems in the content,
2 a usage error. Nothing in the content can make it print a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .build import build
from .diagnostics import ContentError, DebatemapError, Severity, UsageError
from .pipeline import CheckedSite, load_site
from .report import FORMATS, format_github, format_json, format_text, summary_line

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _use_colour(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


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
        print(format_text(diagnostics, colour=_use_colour(out)), file=out)
    print(summary_line(diagnostics, files), file=out)


def cmd_check(args: argparse.Namespace) -> int:
    checked = load_site(content_root(args.content), strict=args.strict)
    print_diagnostics(checked, args.format)
    return EXIT_OK if checked.ok else EXIT_PROBLEMS


class BuildProgress:
    """A one-line progress bar on a terminal, for builds that run longer than a second.

    Quick builds print nothing but their closing line; output that is not a terminal (a log, a
    pipe, CI) never gets the bar, so it holds no carriage returns.
    """

    DELAY = 1.0
    """Seconds before the bar appears: shorter builds would only flicker."""
    INTERVAL = 0.1
    """Seconds between redraws."""
    WIDTH = 24

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.drawn_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.DELAY:
            return
        if self.drawn_at is not None and now - self.drawn_at < self.INTERVAL and done < total:
            return
        self.drawn_at = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} pages")
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar's line, so the closing line stands alone."""
        if self.drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn_at = None


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def cmd_build(args: argparse.Namespace) -> int:
    root = content_root(args.content)
    progress = BuildProgress(sys.stderr) if _is_terminal(sys.stderr) else None
    try:
        result = build(root, Path(args.out), strict=args.strict, progress=progress)
    except ContentError as exc:
        if progress is not None:
            progress.close()
        print(format_text(exc.diagnostics, colour=_use_colour(sys.stderr)), file=sys.stderr)
        errors = sum(1 for d in exc.diagnostics if d.severity is Severity.ERROR)
        print(f"Build failed with {errors} error(s); {args.out} is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        if progress is not None:
            progress.close()
    if result.checked.diagnostics:
        print(format_text(result.checked.diagnostics, colour=_use_colour(sys.stderr)), file=sys.stderr)
    print(f"Built {result.pages} pages in {result.seconds:.2f} s -> {args.out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0 to 65535; 0 picks a free one)")
    import webbrowser  # noqa: PLC0415 - the imports of one command load only for it (startup time)

    from .serve import Preview  # noqa: PLC0415

    preview = Preview(content_root(args.content), host=args.host, port=args.port)
    preview.run(on_ready=webbrowser.open if args.open else None)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .jsonschema import json_schema, write_schemas  # noqa: PLC0415
    from .schema import FILE_SCHEMAS  # noqa: PLC0415

    if args.out is None:
        print(json.dumps({name: json_schema(name) for name in FILE_SCHEMAS}, indent=2))
        return EXIT_OK
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_map, new_site, new_source  # noqa: PLC0415

    if args.what == "site":
        created = new_site(Path(args.name))
    elif args.what == "map":
        created = new_map(content_root(args.content), args.name)
    else:
        created = new_source(content_root(args.content), args.name)
    for path in created:
        print(f"created {path}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debatemap", description="Check and publish debate maps as a static site.")
    parser.add_argument("--version", action="version", version=f"debatemap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check the content and print every problem")
    check.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    check.add_argument("--strict", action="store_true", help="treat warnings (e.g. unsourced claims) as errors")
    check.add_argument("--format", choices=FORMATS, default="text", help="text (default), json, or github annotations")
    check.set_defaults(func=cmd_check)

    build_cmd = commands.add_parser("build", help="check the content and write the static site")
    build_cmd.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    build_cmd.add_argument("--out", default="site", help="the output folder (default: site)")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.set_defaults(func=cmd_build)

    serve = commands.add_parser("serve", help="preview the site locally; rebuilds and reloads the browser on every save")
    serve.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve.set_defaults(func=cmd_serve)

    schema = commands.add_parser("schema", help="print or write the JSON Schema of the content files")
    schema.add_argument("--out", metavar="DIR", help="write site/map/source/page .schema.json files into DIR")
    schema.set_defaults(func=cmd_schema)

    new = commands.add_parser("new", help="create a starter site, map or source (never overwrites)")
    new.add_argument("what", choices=("site", "map", "source"), help="what to create")
    new.add_argument("name", help="the folder for a site; the id for a map or source")
    new.add_argument("--content", default="content", help="the content folder for a map or source (default: content)")
    new.set_defaults(func=cmd_new)
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
