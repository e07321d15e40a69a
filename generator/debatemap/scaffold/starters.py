"""``debatemap new site|map|source|page``: starter files that pass ``check --strict``, never overwriting."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..content import split_front_matter
from ..diagnostics import Diagnostic, Position, UsageError
from ..jsonschema import write_schemas
from ..load import parse_yaml
from ..schema import FILE_SCHEMAS, ID_MAX, MAP_RESERVED, PAGE, PAGE_RESERVED, SOURCE_RESERVED
from ..text_files import read_text
from ..validate import check_id, validate
from ..yaml_scalar import scalar

SCHEMA_COMMENT = "# yaml-language-server: $schema={up}schema/{kind}.schema.json\n"
"""Editors with yaml-language-server validate as you type against the schemas `new site` writes."""

SITE_YAML = """\
title: {title}
description: Arguments for and against, claim by claim, each with its sources.
base_url: https://example.org/
language: en
theme: default
nav: [maps, sources, tags, search, about]
"""

MAP_YAML = """\
title: {question}
summary: >
  Frame the question in two or three sentences: why it matters and who disagrees.
tags: [example]
updated: {today}
thesis:
  id: {map_id}-thesis
  claim: State the answer this map weighs, as one sentence.
{cite_thesis}  pros:
    - id: {map_id}-first-pro
      claim: A reason that supports the thesis.
{cite_pro}  cons:
    - id: {map_id}-first-con
      claim: A reason that opposes the thesis.
{cite_con}"""

SOURCE_YAML = """\
title: The title exactly as the source gives it
url: https://example.org/article
publisher: Example Publisher
authors: [First Author]
published: {today}
kind: report
summary: |
  What the source says, in your own words, in two to four sentences.
"""

ABOUT_MD = """\
---
title: About this site
nav_title: About
order: 1
---
Say what the site maps, how to read a map (the thesis, the pros that support a claim and the
cons that oppose it) and how claims and sources are chosen.
"""

PAGE_MD = """\
---
title: {title}
order: {order}
---
Write the page in Markdown. Its title above is its heading, so start with text; a `#` heading
here becomes a section under it.
"""

QUESTION = "Your question here?"
"""A new map's title: neutral, and plainly a placeholder (the map id is no question)."""

TAKEN = {"map": MAP_RESERVED, "source": SOURCE_RESERVED, "page": PAGE_RESERVED}
"""Names a kind of file may not have, as ``check`` refuses them (the site's own pages live there)."""


LONGEST_SUFFIX = "-first-pro"
"""The longest suffix ``new map`` adds to the map id to make its starter claim ids."""


def _today() -> str:
    return datetime.date.today().isoformat()


def _create(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{path} already exists; debatemap new never overwrites a file") from None
    except OSError as exc:
        raise UsageError(f"cannot create {path}: {exc.strerror or exc}") from None
    return path


def _valid_id(kind: str, new_id: str) -> None:
    problem = check_id(new_id)
    if problem is None and new_id in TAKEN.get(kind, ()):
        problem = f"the site uses /{kind}s/{new_id}/ itself" if kind != "page" else f"the site uses /{new_id}/ itself"
    if problem is not None:
        word = "slug" if kind == "page" else "id"
        raise UsageError(f"'{new_id}' is not a valid {kind} {word}: {problem}")


def new_site(target: Path) -> list[Path]:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose a new folder")
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} exists and is not empty; choose a new folder")
    created = [_create(target / "site.yaml", SCHEMA_COMMENT.format(up="", kind="site") + SITE_YAML.format(title="A new debate"))]
    created.append(_create(target / "pages" / "about.md", ABOUT_MD))
    created += new_source(target, "example-source")
    created += new_map(target, "example", source_id="example-source")
    created += write_schemas(target / "schema", tuple(FILE_SCHEMAS))  # what an editor checks: the files
    return created


IGNORED = ("/.debatemap-cache/", "/.*.spare/")
"""What ``debatemap build`` keeps beside the content and the output folders (the build cache, the
previous site it keeps to make the next one from): generated, never committed."""


def ignore_generated(folder: Path) -> tuple[Path, bool] | None:
    """Add IGNORED to ``folder``'s .gitignore (made if missing); (the file, whether it was created),
    or None when it already lists them all."""
    path = folder / ".gitignore"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    lines = set((text or "").splitlines())
    missing = [line for line in IGNORED if line not in lines]
    if not missing:
        return None
    head = "" if not text else text if text.endswith("\n") else text + "\n"
    path.write_text(
        head + "# debatemap build: its cache and the previous site it keeps\n" + "\n".join(missing) + "\n", encoding="utf-8"
    )
    return path, text is None


def _citation(indent: str, source_id: str, note: str) -> str:
    return f"{indent}sources:\n{indent}  - source: {source_id}\n{indent}    note: {note}\n"


STARTER_SOURCE = "-source"
"""``new map ID`` without ``--source`` writes the source ``ID-source`` for its claims to cite."""


def new_map(content: Path, map_id: str, *, source_id: str | None = None) -> list[Path]:
    """A map skeleton whose claims cite ``source_id``, or a starter source written beside it.

    Every claim should cite a source (``check --strict`` fails otherwise), so the starter map
    cites one from the start: the curator replaces the placeholders, not the structure.
    """
    _valid_id("map", map_id)
    if len(map_id) > ID_MAX - len(LONGEST_SUFFIX):
        raise UsageError(
            f"'{map_id}' is too long for a new map: at most {ID_MAX - len(LONGEST_SUFFIX)} characters, "
            f"so that its starter claim ids ('{map_id}{LONGEST_SUFFIX}') stay within {ID_MAX}"
        )
    target = content / "maps" / f"{map_id}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; debatemap new never overwrites a file")
    created: list[Path] = []
    if source_id is None:
        source_id = map_id + STARTER_SOURCE
        starter = content / "sources" / f"{source_id}.yaml"
        if starter.exists():
            raise UsageError(f"{starter} already exists; cite it with --source {source_id}, or choose another map id")
        created += new_source(content, source_id)
    elif not (content / "sources" / f"{source_id}.yaml").is_file():
        raise UsageError(f"no source '{source_id}' in {content / 'sources'} (create it with `debatemap new source {source_id}`)")
    text = MAP_YAML.format(
        question=QUESTION,
        today=_today(),
        map_id=map_id,
        cite_thesis=_citation("  ", source_id, "Say what in the source supports the thesis."),
        cite_pro=_citation("      ", source_id, "What in the source backs this reason."),
        cite_con=_citation("      ", source_id, "What in the source backs this objection."),
    )
    return [*created, _create(target, SCHEMA_COMMENT.format(up="../", kind="map") + text)]


def new_source(content: Path, source_id: str) -> list[Path]:
    _valid_id("source", source_id)
    text = SOURCE_YAML.format(today=_today())
    return [_create(content / "sources" / f"{source_id}.yaml", SCHEMA_COMMENT.format(up="../", kind="source") + text)]


def new_page(content: Path, slug: str, *, title: str | None = None) -> list[Path]:
    """A page after the existing ones (its ``order`` is one more than theirs), titled from its slug unless given."""
    _valid_id("page", slug)
    title = " ".join((title or slug.replace("-", " ").capitalize()).split())
    if not title:
        raise UsageError("--title is empty")
    text = PAGE_MD.format(title=scalar(title), order=_next_order(content / "pages"))
    return [_create(content / "pages" / f"{slug}.md", text)]


def _next_order(pages: Path) -> int:
    """One more than the largest ``order`` among the pages already there (1 for the first)."""
    orders = [0]
    for path in sorted(pages.glob("*.md")) if pages.is_dir() else ():
        diags: list[Diagnostic] = []
        text = read_text(path, str(path), diags)
        split = split_front_matter(text, str(path), diags) if text is not None else None
        if split is None:
            continue
        record = validate(parse_yaml(split[0], str(path), diags), PAGE, diags, Position(str(path), 1, 1))
        order = record.integer("order") if record is not None else None
        if order is not None:
            orders.append(order)
    return max(orders) + 1
