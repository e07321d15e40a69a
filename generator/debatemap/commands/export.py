"""``debatemap export``: maps as debatemap's graph JSON, AIF or Argdown, to a file or standard output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..diagnostics import Severity, UsageError
from ..interop import EXPORT_FORMATS
from .common import EXIT_OK, EXIT_PROBLEMS, content_root, use_colour


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="export maps as JSON, AIF or Argdown")
    export.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    export.add_argument("--map", action="append", metavar="ID", help="a map to export (repeat for more; default: every map)")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="json (default), aif or argdown")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..interop.export import export_maps  # noqa: PLC0415
    from ..pipeline import load_site  # noqa: PLC0415
    from ..report import format_text  # noqa: PLC0415
    from ..write import write_file_atomically  # noqa: PLC0415

    checked = load_site(content_root(args.content, f"debatemap export {{}} --format {args.format}"))
    if not checked.ok:
        errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
        print(format_text(errors, colour=use_colour(sys.stderr)), file=sys.stderr)
        print(f"Export failed with {len(errors)} error(s) in the content; nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    site = checked.site
    map_ids = list(dict.fromkeys(args.map or site.maps))
    for map_id in map_ids:
        if map_id not in site.maps:
            raise UsageError(f"no map '{map_id}' in {args.content} (its maps: {', '.join(site.maps)})")
    data = export_maps(site, map_ids, args.format)
    if args.out is None or args.out == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    write_file_atomically(Path(args.out), data)
    print(f"wrote {args.out} ({len(map_ids)} map(s) as {args.format})", file=sys.stderr)
    return EXIT_OK
