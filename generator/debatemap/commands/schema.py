"""``debatemap schema``: JSON Schema of the content files, for editors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import EXIT_OK


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser("schema", help="print or write the JSON Schema of the content files")
    schema.add_argument("--out", metavar="DIR", help="write site/map/source/page .schema.json files into DIR")
    schema.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..jsonschema import json_schema, write_schemas  # noqa: PLC0415
    from ..schema import FILE_SCHEMAS  # noqa: PLC0415

    if args.out is None:
        print(json.dumps({name: json_schema(name) for name in FILE_SCHEMAS}, indent=2))
        return EXIT_OK
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return EXIT_OK
