"""The JSON Schema of the graph format, made from the declarations that validate the YAML files.

A field the export shares with a content file (a claim's ``claim``, a source's ``publisher``)
takes its type, limits and description from ``schema.py``, so the two cannot drift apart; only
what the export adds (ids, links between claims, map membership) is declared here.
"""

from __future__ import annotations

from typing import Any

from ..jsonschema import DIALECT, field_schema, object_schema
from ..schema import CITATION, CLAIM, ID_MAX, ID_PATTERN, MAP, SOURCE, Schema
from .graph_json import FORMAT, VERSION

_ID: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX}


def _fields(schema: Schema, names: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for name in names:
        spec = schema.field(name)
        assert spec is not None, name
        out[name] = field_schema(spec)
    return out


def _record(doc: str, properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def graph_schema() -> dict[str, Any]:
    """The schema of a ``map.json`` or ``debatemap export --format json`` document."""
    lists = {"type": "array", "items": {"$ref": "#/$defs/citation"}, "description": "The sources the claim rests on."}
    claim = _record(
        "A claim, once, with its pros and cons as links to other claims of the document.",
        {
            "id": {**_ID, "description": "The claim's id; its page is <base_url>claims/<id>/."},
            **_fields(CLAIM, ("claim", "details")),
            "sources": lists,
            **_fields(CLAIM, ("tags",)),
            "children": {
                "type": "array",
                "description": "Pros and cons, in the order written (pros first).",
                "items": _record(
                    "A pro or con of the claim.",
                    {
                        "id": {**_ID, "description": "The child claim, listed in this document's claims."},
                        "stance": {"enum": ["pro", "con"], "description": "pro supports the claim, con opposes it."},
                        "ref": {"type": "boolean", "description": "True where the YAML reuses the claim with `ref:`."},
                    },
                ),
            },
            "map": {**_ID, "description": "The map whose file defines the claim (it may appear in others)."},
        },
        optional=("details",),
    )
    debate = _record(
        "A debate map: a question and the claims under its thesis.",
        {
            "id": {**_ID, "description": "The map's id; its page is <base_url>maps/<id>/."},
            **_fields(MAP, ("title", "summary", "tags", "updated")),
            "thesis": {**_ID, "description": "The id of the thesis claim."},
            "claims": {"type": "array", "items": _ID, "description": "Every claim in the map, in outline order."},
        },
        optional=("summary",),
    )
    source_fields = object_schema(SOURCE)["properties"]
    source = _record(
        SOURCE.doc.replace(" (content/sources/<source-id>.yaml)", ""),
        {"id": {**_ID, "description": "The source's id; its page is <base_url>sources/<id>/."}, **source_fields},
        optional=tuple(f.name for f in SOURCE.fields if not f.required and not f.many),
    )
    return {
        "$schema": DIALECT,
        "$id": "urn:debatemap:schema:graph",
        "title": "debatemap graph export",
        **_record(
            f"Maps, claims and sources exported by debatemap (format {FORMAT}, version {VERSION}).",
            {
                "format": {"const": FORMAT},
                "version": {"const": VERSION},
                "site": _record(
                    "The site the maps come from.",
                    {
                        "title": {"type": "string"},
                        "language": {"type": "string"},
                        "base_url": {"type": "string", "description": "Where the site is published, when set."},
                    },
                    optional=("base_url",),
                ),
                "maps": {"type": "array", "items": {"$ref": "#/$defs/map"}},
                "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
                "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            },
        ),
        "$defs": {"map": debate, "claim": claim, "citation": object_schema(CITATION), "source": source},
    }
