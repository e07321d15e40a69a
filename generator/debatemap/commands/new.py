"""``debatemap new``: starter files, never overwriting."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_OK, content_root


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser("new", help="create a starter site, map or source (never overwrites)")
    new.add_argument("what", choices=("site", "map", "source"), help="what to create")
    new.add_argument("name", help="the folder for a site; the id for a map or source")
    new.add_argument("--content", default="content", help="the content folder for a map or source (default: content)")
    new.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..scaffold import new_map, new_site, new_source  # noqa: PLC0415

    if args.what == "site":
        created = new_site(Path(args.name))
    elif args.what == "map":
        created = new_map(content_root(args.content), args.name)
    else:
        created = new_source(content_root(args.content), args.name)
    for path in created:
        print(f"created {path}")
    return EXIT_OK
