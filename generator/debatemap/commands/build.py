"""``debatemap build``: check, render every page, swap the new site in."""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..diagnostics import ContentError, Severity
from ..report import format_text
from .common import EXIT_OK, EXIT_PROBLEMS, add_cache_options, cache_dir, content_root, is_terminal, use_colour


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build_cmd = commands.add_parser("build", help="check the content and write the static site")
    build_cmd.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    build_cmd.add_argument("--out", default="site", help="the output folder (default: site)")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    add_cache_options(build_cmd, "neither read nor write the build cache: render everything")
    build_cmd.set_defaults(func=run)


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


def _say(message: str) -> None:
    """Tell the user why the build pauses (another build holds the output folder)."""
    print(f"debatemap: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    out = "../site" if args.out == "site" else shlex.quote(args.out)
    root = content_root(args.content, f"debatemap build {{}} --out {out}")
    from ..build import build  # noqa: PLC0415 - the renderer loads only for the commands that render

    progress = BuildProgress(sys.stderr) if is_terminal(sys.stderr) else None
    try:
        result = build(
            root, Path(args.out), strict=args.strict, progress=progress, waiting=_say, cache_dir=cache_dir(args, root), warn=_say
        )
    except ContentError as exc:
        if progress is not None:
            progress.close()
        print(format_text(exc.diagnostics, colour=use_colour(sys.stderr)), file=sys.stderr)
        errors = sum(1 for d in exc.diagnostics if d.severity is Severity.ERROR)
        print(f"Build failed with {errors} error(s); {args.out} is unchanged.", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        if progress is not None:
            progress.close()
    if result.checked.diagnostics:
        print(format_text(result.checked.diagnostics, colour=use_colour(sys.stderr)), file=sys.stderr)
    if result.note:
        print(f"note: {result.note}", file=sys.stderr)
    print(f"Built {result.pages} pages in {result.seconds:.2f} s -> {args.out}")
    return EXIT_OK
