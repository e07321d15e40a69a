"""JSON Schema for site, map and source files, generated from the declarations that validate.

Editors use it through yaml-language-server (``# yaml-language-server: $schema=...``) to offer
completion and flag mistakes as a curator types.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .dates import PARTIAL_DATE_PATTERN
from .diagnostics import UsageError
from .schema import FILE_SCHEMAS, ID_MAX, ID_PATTERN, SCHEMAS, Field, Kind, Schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def field_schema(spec: Field) -> dict[str, Any]:
    one: dict[str, Any]
    if spec.kind is Kind.ID:
        one = {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX}
    elif spec.kind is Kind.DATE:
        one = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif spec.kind is Kind.PARTIAL_DATE:
        # No "format": JSON Schema's "date" is a full date, and a year or a month is allowed here.
        one = {"type": "string", "pattern": PARTIAL_DATE_PATTERN}
    elif spec.kind is Kind.URL:
        one = {"type": "string", "format": "uri", "pattern": "^https?://"}
    elif spec.kind is Kind.CHOICE:
        one = {"type": "string", "enum": list(spec.choices)}
    elif spec.kind is Kind.INT:
        one = {"type": "integer"}
    elif spec.kind is Kind.RECORD:
        one = {"$ref": f"#/$defs/{spec.record}"}
    elif spec.kind is Kind.CLAIM:
        one = {"oneOf": [{"$ref": "#/$defs/claim"}, {"$ref": "#/$defs/ref"}]}
    else:
        one = {"type": "string", "minLength": 1}
        if spec.max_length:
            one["maxLength"] = spec.max_length
    if spec.many:
        out: dict[str, Any] = {"type": "array", "items": one, "description": spec.doc}
        if spec.max_items:
            out["maxItems"] = spec.max_items
        return out
    return {**one, "description": spec.doc}


def object_schema(schema: Schema) -> dict[str, Any]:
    return {
        "type": "object",
        "description": schema.doc,
        "properties": {f.name: field_schema(f) for f in schema.fields},
        "required": [f.name for f in schema.fields if f.required],
        "additionalProperties": False,
    }


SCHEMA_NAMES = (*FILE_SCHEMAS, "graph")
"""The content files' schemas, then that of the JSON export (``debatemap export``, docs/interop.md)."""


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema document for one file kind (or the export), with the nested kinds it uses as $defs."""
    if name == "graph":
        from .interop.graph_schema import graph_schema  # noqa: PLC0415 - interop builds on this module

        return graph_schema()
    root = FILE_SCHEMAS[name]
    document: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"urn:debatemap:schema:{name}",
        "title": f"debatemap {name} file",
        **object_schema(root),
    }
    nested = _nested(root, set())
    if nested:
        document["$defs"] = {n: object_schema(SCHEMAS[n]) for n in sorted(nested)}
    return document


def _nested(schema: Schema, seen: set[str]) -> set[str]:
    """The names of the nested schemas ``schema`` uses, directly or through each other."""
    for spec in schema.fields:
        names = ("claim", "ref") if spec.kind is Kind.CLAIM else (spec.record,) if spec.kind is Kind.RECORD else ()
        for name in names:
            if name not in seen:
                seen.add(name)
                _nested(SCHEMAS[name], seen)
    return seen


def write_schemas(out_dir: Path, names: Sequence[str] = SCHEMA_NAMES) -> list[Path]:
    """Write one ``<name>.schema.json`` per schema named into ``out_dir`` (created if needed)."""
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            target = out_dir / f"{name}.schema.json"
            target.write_text(json.dumps(json_schema(name), indent=2) + "\n", encoding="utf-8")
            written.append(target)
    except OSError as exc:
        raise UsageError(f"cannot write the schemas into {out_dir}: {exc.strerror or exc}") from None
    return written
