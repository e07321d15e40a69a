"""``debatemap new``: starter files that already pass ``check --strict``, never overwriting."""

from __future__ import annotations

import datetime
from pathlib import Path

from .diagnostics import UsageError
from .jsonschema import write_schemas
from .schema import ID_MAX
from .validate import check_id

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
    if problem is not None:
        raise UsageError(f"'{new_id}' is not a valid {kind} id: {problem}")


def new_site(target: Path) -> list[Path]:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder; choose a new folder")
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} exists and is not empty; choose a new folder")
    created = [_create(target / "site.yaml", SCHEMA_COMMENT.format(up="", kind="site") + SITE_YAML.format(title="A new debate"))]
    created.append(_create(target / "pages" / "about.md", ABOUT_MD))
    created += new_source(target, "example-source")
    created += new_map(target, "example", source_id="example-source")
    created += write_schemas(target / "schema")
    return created


def _citation(indent: str, source_id: str | None, note: str) -> str:
    """A `sources:` block, or nothing when there is no source yet (check will then ask for one)."""
    if source_id is None:
        return ""
    return f"{indent}sources:\n{indent}  - source: {source_id}\n{indent}    note: {note}\n"


def new_map(content: Path, map_id: str, *, source_id: str | None = None) -> list[Path]:
    """A map skeleton; it cites ``source_id`` when given, else leaves citing to the curator."""
    _valid_id("map", map_id)
    if len(map_id) > ID_MAX - len(LONGEST_SUFFIX):
        raise UsageError(
            f"'{map_id}' is too long for a new map: at most {ID_MAX - len(LONGEST_SUFFIX)} characters, "
            f"so that its starter claim ids ('{map_id}{LONGEST_SUFFIX}') stay within {ID_MAX}"
        )
    text = MAP_YAML.format(
        question=f"Should we {map_id.replace('-', ' ')}?",
        today=_today(),
        map_id=map_id,
        cite_thesis=_citation("  ", source_id, "Say what in the source supports the thesis."),
        cite_pro=_citation("      ", source_id, "What in the source backs this reason."),
        cite_con=_citation("      ", source_id, "What in the source backs this objection."),
    )
    return [_create(content / "maps" / f"{map_id}.yaml", SCHEMA_COMMENT.format(up="../", kind="map") + text)]


def new_source(content: Path, source_id: str) -> list[Path]:
    _valid_id("source", source_id)
    text = SOURCE_YAML.format(today=_today())
    return [_create(content / "sources" / f"{source_id}.yaml", SCHEMA_COMMENT.format(up="../", kind="source") + text)]
