"""debatemap's own JSON format: the graph of some maps, flat and versioned (docs/interop.md).

Claims are listed once each, with their pros and cons as links by id, so reuse is plain to see
and a consumer needs no tree walking; field names are those of the YAML files. The JSON Schema
(``graph_schema``) is generated from the same declarations that validate the YAML.
"""

from __future__ import annotations

import json
from typing import Any

from ..graph import Site
from ..model import Citation, Claim, DebateMap, Source
from ..schema import SOURCE
from .selection import Selection, children_in

FORMAT = "debatemap-graph"
VERSION = 1
"""Raised when a field changes meaning or goes away; new optional fields keep the version."""


def graph_document(site: Site, selection: Selection) -> dict[str, Any]:
    chosen = {c.id for c in selection.claims}
    config = site.config
    about: dict[str, Any] = {"title": config.title, "language": config.language}
    if config.base_url:
        about["base_url"] = config.base_url
    return {
        "format": FORMAT,
        "version": VERSION,
        "site": about,
        "maps": [map_record(site, m) for m in selection.maps],
        "claims": [claim_record(c, chosen) for c in selection.claims],
        "sources": [source_record(s) for s in selection.sources],
    }


def map_record(site: Site, debate: DebateMap) -> dict[str, Any]:
    record: dict[str, Any] = {"id": debate.id, "title": debate.title}
    if debate.summary is not None:
        record["summary"] = debate.summary
    record["tags"] = list(debate.tags)
    record["updated"] = debate.updated
    record["thesis"] = debate.thesis_id
    record["claims"] = list(site.map_claims.get(debate.id, ()))
    return record


def citation_record(citation: Citation) -> dict[str, Any]:
    record: dict[str, Any] = {"source": citation.source_id}
    if citation.locator is not None:
        record["locator"] = citation.locator
    if citation.note is not None:
        record["note"] = citation.note
    return record


def claim_record(claim: Claim, chosen: set[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": claim.id, "claim": claim.text}
    if claim.details is not None:
        record["details"] = claim.details
    record["sources"] = [citation_record(c) for c in claim.citations]
    record["tags"] = list(claim.tags)
    record["children"] = [{"id": i, "stance": s, "ref": r} for i, s, r in children_in(claim, chosen)]
    record["map"] = claim.map_id
    return record


def source_record(source: Source) -> dict[str, Any]:
    """The source file's fields in the file's order, lists always present, absent values left out."""
    record: dict[str, Any] = {"id": source.id}
    for spec in SOURCE.fields:
        value = getattr(source, spec.name)
        if spec.many:
            record[spec.name] = list(value)
        elif value is not None:
            record[spec.name] = value
    return record


encode = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)`` without making a new encoder at every call (exports
make one call per claim, node and edge)."""


def json_lines(value: Any, expand: int, indent: str = "") -> str:
    """JSON with the outer ``expand`` levels of objects and arrays spread over lines and every
    deeper value on one line: a claim or a node per line reads (and diffs) well, and compact
    values go through the json module's C encoder, which ``indent=`` turns off (it made a
    10,000-claim export five times slower)."""
    if expand <= 0 or not isinstance(value, dict | list) or not value:
        return encode(value)
    inner = indent + "  "
    if isinstance(value, dict):
        parts = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {json_lines(item, expand - 1, inner)}" for key, item in value.items()
        ]
        return "{\n" + ",\n".join(parts) + f"\n{indent}}}"
    return "[\n" + ",\n".join(inner + json_lines(item, expand - 1, inner) for item in value) + f"\n{indent}]"


def dumps(document: dict[str, Any]) -> bytes:
    """One map, claim or source a line, key order as built, UTF-8 as is: the same bytes every time."""
    return (json_lines(document, 2) + "\n").encode("utf-8")


def export_json(site: Site, selection: Selection) -> bytes:
    return dumps(graph_document(site, selection))
