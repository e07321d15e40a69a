"""docs/format.md agrees with the schema declared in code, field by field.

Every field of every schema has a row in the doc, generated here from ``schema.py`` and required
verbatim, so a field added, renamed, made required or given a new limit fails this test until
the curators' documentation says so too. The message shows the row to paste.
"""

from __future__ import annotations

import pytest

from debatemap import schema
from debatemap.schema import Field, Kind

from .conftest import REPO

DOC = REPO / "docs" / "format.md"

KIND_WORDS = {
    Kind.TEXT: "text",
    Kind.INLINE: "inline Markdown",
    Kind.MARKDOWN: "Markdown",
    Kind.ID: "id",
    Kind.DATE: "date",
    Kind.PARTIAL_DATE: "date, or month or year",
    Kind.URL: "URL",
    Kind.CHOICE: "choice",
    Kind.INT: "whole number",
    Kind.RECORD: "",  # the nested schema's name: citation, license
    Kind.CLAIM: "claim",
}
TEXT_KINDS = (Kind.TEXT, Kind.INLINE, Kind.MARKDOWN)


def describe(field: Field) -> str:
    """The 'type' column: what the value is, and its limits."""
    what = field.record if field.kind is Kind.RECORD else KIND_WORDS[field.kind]
    if field.many:
        what = "list of claims or refs" if field.kind is Kind.CLAIM else f"list of {what}s"
        if field.max_items:
            what += f" (at most {field.max_items})"
    if field.kind in TEXT_KINDS and field.max_length:
        what += f", {'each ' if field.many else ''}up to {field.max_length:,} characters"
    return what


def row(field: Field) -> str:
    required = "**required**" if field.required else "optional"
    return f"| `{field.name}` | {describe(field)} | {required} | {field.doc} |"


def table(name: str) -> str:
    lines = ["| field | type | | what it is |", "| --- | --- | --- | --- |"]
    lines += [row(f) for f in schema.SCHEMAS[name].fields]
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_every_field_is_documented_as_declared(name: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    missing = [row(f) for f in schema.SCHEMAS[name].fields if row(f) not in doc]
    assert not missing, f"docs/format.md is out of date for '{name}'; the table should be:\n{table(name)}"


def test_source_kinds_reserved_ids_and_id_rules_are_documented() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for kind in schema.SOURCE_KINDS:
        assert f"`{kind}`" in doc, f"source kind {kind} is not documented"
    for reserved in sorted(schema.RESERVED_IDS | schema.PAGE_RESERVED):
        assert f"`{reserved}`" in doc, f"reserved id {reserved} is not documented"
    assert f"1 to {schema.ID_MAX} characters" in doc
