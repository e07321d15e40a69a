"""``debatemap import``: an Argdown file or a Kialo export as new map and source files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..diagnostics import UsageError
from ..interop import IMPORT_FORMATS
from .common import EXIT_OK


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = commands.add_parser("import", help="import an Argdown file or a Kialo export as new content files")
    importing.add_argument("format", choices=IMPORT_FORMATS, help="argdown, or kialo (Kialo's text export)")
    importing.add_argument("file", help="the file to import")
    importing.add_argument("--content", default="content", help="the content folder to add to (default: content)")
    importing.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..interop.importer import import_file  # noqa: PLC0415

    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"no file at '{args.file}'")
    result = import_file(args.format, source, Path(args.content))
    for note in result.notes:
        print(f"{args.file}:{note.line}: note: {note.message}", file=sys.stderr)
    for path in result.written:
        print(f"created {path}")
    plan = result.plan
    reused = f" ({plan.reused_sources} more already there)" if plan.reused_sources else ""
    notes = f"; {len(result.notes)} note(s) on what did not come over as it was" if result.notes else ""
    print(f"Imported {plan.maps} map(s), {plan.claims} claim(s) and {plan.sources} new source(s){reused}{notes}.")
    print(f"Next: debatemap check {args.content}")
    return EXIT_OK
