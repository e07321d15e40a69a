"""``debatemap new``: starter files that pass ``check --strict``, and claims added to a map in place.

Every kind prints what it created or changed and the next step, so a newcomer is never left
wondering what to do with the files.
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from .common import EXIT_OK, content_root

CONTENT_HELP = "the content folder (default: content)"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="create a starter site, map, source or page, or add a claim to a map (never overwrites)",
        description="Create starter files that pass `debatemap check --strict`, or add a claim under another. "
        "Never overwrites a file.",
    )
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")

    site = kinds.add_parser("site", help="a new content folder with a map, a source and an About page")
    site.add_argument("folder", metavar="DIR", help="the folder to create (it must not exist, or be empty)")
    site.set_defaults(func=run_site)

    map_ = kinds.add_parser("map", help="a map whose claims cite a source (a starter one unless --source is given)")
    map_.add_argument("map_id", metavar="ID", help="the map's id (its file name and URL)")
    map_.add_argument("--source", metavar="SOURCE_ID", help="cite this existing source instead of writing ID-source")
    map_.add_argument("--content", default="content", help=CONTENT_HELP)
    map_.set_defaults(func=run_map)

    source = kinds.add_parser("source", help="a source file; --cite adds it to claims' sources")
    source.add_argument("source_id", metavar="ID", help="the source's id (its file name and URL)")
    source.add_argument("--cite", metavar="CLAIM_ID", action="append", default=[], help="cite it from this claim (repeatable)")
    source.add_argument("--content", default="content", help=CONTENT_HELP)
    source.set_defaults(func=run_source)

    page = kinds.add_parser("page", help="a free page (pages/SLUG.md), ordered after the others")
    page.add_argument("slug", metavar="SLUG", help="the page's file name and address (/SLUG/)")
    page.add_argument("--title", help="the page's title (default: from the slug)")
    page.add_argument("--content", default="content", help=CONTENT_HELP)
    page.set_defaults(func=run_page)

    claim = kinds.add_parser(
        "claim",
        help="add a claim as a pro or con of another, in the file that defines it",
        description="Add a claim under another claim, in the map file that defines it, keeping the file's comments and layout.",
    )
    claim.add_argument("claim_id", metavar="ID", help="the new claim's id (unique across the site)")
    claim.add_argument("--under", required=True, metavar="CLAIM_ID", help="the claim it answers")
    claim.add_argument("--stance", required=True, choices=("pro", "con"), help="pro supports that claim, con opposes it")
    claim.add_argument("--claim", metavar="TEXT", help="the claim, one sentence (default: a placeholder to replace)")
    claim.add_argument("--source", metavar="SOURCE_ID", help="cite this source")
    claim.add_argument("--content", default="content", help=CONTENT_HELP)
    claim.set_defaults(func=run_claim)


def _root(args: argparse.Namespace, command: str) -> Path:
    return content_root(args.content, f"debatemap new {command} --content {{}}")


def _created(paths: list[Path]) -> None:
    for path in paths:
        print(f"created {path}")


def run_site(args: argparse.Namespace) -> int:
    from ..scaffold.starters import ignore_generated, new_site  # noqa: PLC0415 - the imports of one command load only for it

    _created(new_site(Path(args.folder)))
    folder = Path(args.folder)
    ignored = ignore_generated(folder.parent if folder.name else folder.absolute().parent)  # where the cache goes
    if ignored is not None:
        path, made = ignored
        print(f"{'created' if made else 'updated'} {path} (the build cache is not committed)")
    print(f"next: debatemap serve {shlex.quote(args.folder)}")
    return EXIT_OK


def run_map(args: argparse.Namespace) -> int:
    from ..scaffold.starters import new_map  # noqa: PLC0415

    root = _root(args, f"map {args.map_id}")
    created = new_map(root, args.map_id, source_id=args.source)
    _created(created)
    print(f"next: replace the placeholders in {' and '.join(str(p) for p in created)}, then debatemap check {_quoted(root)}")
    return EXIT_OK


def run_source(args: argparse.Namespace) -> int:
    from ..scaffold.replies import check_claims, cite  # noqa: PLC0415
    from ..scaffold.starters import new_source  # noqa: PLC0415

    root = _root(args, f"source {args.source_id}")
    if args.cite:
        check_claims(root, args.cite)  # before anything is created
    _created(new_source(root, args.source_id))
    for added in cite(root, args.cite, args.source_id) if args.cite else ():
        print(f"cited from '{added.parent.id}' at {added.position}")
    if not args.cite:
        print(
            f"next: cite it from a claim (`sources: [{{source: {args.source_id}}}]`, or `--cite CLAIM_ID` next time); "
            "until a claim does, `debatemap check` warns that it is unused"
        )
    return EXIT_OK


def run_page(args: argparse.Namespace) -> int:
    from ..scaffold.starters import new_page  # noqa: PLC0415

    root = _root(args, f"page {args.slug}")
    _created(new_page(root, args.slug, title=args.title))
    print(f"next: to link it from every page's header, add {args.slug} to `nav` in {root / 'site.yaml'}")
    return EXIT_OK


def run_claim(args: argparse.Namespace) -> int:
    from ..scaffold.replies import new_claim  # noqa: PLC0415

    root = _root(args, f"claim {args.claim_id}")
    added = new_claim(root, args.claim_id, under=args.under, stance=args.stance, text=args.claim, source=args.source)
    print(f"added '{args.claim_id}' as a {args.stance} of '{added.parent.id}' at {added.position}")
    todo = [] if args.claim is not None else ["write the claim"]
    if args.source is None:
        todo.append("cite a source under it (`debatemap check --strict` fails until it does)")
    if todo:
        print(f"next: {' and '.join(todo)}")
    return EXIT_OK


def _quoted(path: Path) -> str:
    return shlex.quote(str(path))
