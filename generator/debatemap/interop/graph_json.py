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


def dumps(document: dict[str, Any]) -> bytes:
    """Indented, key order as built, UTF-8 as is: readable in a text editor and the same every time."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_json(site: Site, selection: Selection) -> bytes:
    return dumps(graph_document(site, selection))
