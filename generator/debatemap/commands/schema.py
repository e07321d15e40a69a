"""``debatemap schema``: JSON Schema of the content files, for editors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import EXIT_OK


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser("schema", help="print or write the JSON Schema of the content files and the JSON export")
    schema.add_argument("--out", metavar="DIR", help="write site/map/source/page/graph .schema.json files into DIR")
    schema.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..jsonschema import SCHEMA_NAMES, json_schema, write_schemas  # noqa: PLC0415

    if args.out is None:
        print(json.dumps({name: json_schema(name) for name in SCHEMA_NAMES}, indent=2))
        return EXIT_OK
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return EXIT_OK
