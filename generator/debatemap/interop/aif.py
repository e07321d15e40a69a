"""AIF as AIFdb and OVA read it: I-nodes for claims, RA and CA nodes between them, and an extension.

The Argument Interchange Format keeps claims (information, I-nodes) apart from the reasoning
between them: a pro becomes I(child) -> RA -> I(parent), a con I(child) -> CA -> I(parent), and
I-nodes never link directly. Each claim is one I-node however often it is reused. AIF has no
place for citations, tags or ids, so those travel under the top-level key ``debatemap``
(documented in docs/interop.md); AIF tools ignore keys they do not know.
"""

from __future__ import annotations

from typing import Any

from ..graph import Site
from ..render.markdown import plain_text
from .graph_json import citation_record, json_lines, source_record
from .selection import Selection, children_in

EXTENSION = "debatemap"
EXTENSION_VERSION = 1
SCHEMES = {"pro": ("RA", "Default Inference"), "con": ("CA", "Default Conflict")}
"""AIFdb's names for a support and an attack whose scheme is not known more precisely."""


def aif_document(selection: Selection) -> dict[str, Any]:
    chosen = {c.id for c in selection.claims}
    node_of = {claim.id: str(number) for number, claim in enumerate(selection.claims, start=1)}
    dated = {m.id: m.updated for m in selection.maps}
    fallback_date = selection.maps[0].updated if selection.maps else ""
    nodes: list[dict[str, str]] = []
    claims: dict[str, dict[str, Any]] = {}
    for claim in selection.claims:
        text = plain_text(claim.text)
        node = {"nodeID": node_of[claim.id], "text": text, "type": "I"}
        # A claim of a map left out of the export is dated by the first map: reading its own map's
        # date would make serve export this map again whenever that map is saved.
        updated = dated.get(claim.map_id) or fallback_date
        if updated:
            node["timestamp"] = f"{updated} 00:00:00"
        nodes.append(node)
        extra: dict[str, Any] = {"id": claim.id}
        if text != claim.text:
            extra["claim"] = claim.text
        if claim.details is not None:
            extra["details"] = claim.details
        extra["sources"] = [citation_record(c) for c in claim.citations]
        extra["tags"] = list(claim.tags)
        extra["map"] = claim.map_id
        claims[node_of[claim.id]] = extra
    edges: list[dict[str, str]] = []
    next_id = len(selection.claims) + 1
    for claim in selection.claims:
        for child_id, stance, _ in children_in(claim, chosen):
            kind, scheme = SCHEMES[stance]
            middle = str(next_id)
            next_id += 1
            nodes.append({"nodeID": middle, "text": scheme, "type": kind})
            edges.append({"edgeID": str(len(edges) + 1), "fromID": node_of[child_id], "toID": middle})
            edges.append({"edgeID": str(len(edges) + 1), "fromID": middle, "toID": node_of[claim.id]})
    maps = [
        {
            "id": m.id,
            "title": m.title,
            **({"summary": m.summary} if m.summary is not None else {}),
            "tags": list(m.tags),
            "updated": m.updated,
            "thesis": node_of[m.thesis_id],
        }
        for m in selection.maps
        if m.thesis_id in node_of
    ]
    extension = {
        "version": EXTENSION_VERSION,
        "maps": maps,
        "claims": claims,
        "sources": [source_record(s) for s in selection.sources],
    }
    return {"nodes": nodes, "edges": edges, "locutions": [], EXTENSION: extension}


def export_aif(site: Site, selection: Selection) -> bytes:
    del site  # every exporter takes the site; AIF needs nothing beyond the selection
    document = aif_document(selection)
    # A node, an edge, a map, a claim's extra data, a source a line (see graph_json.json_lines).
    parts = [f'  "{key}": {json_lines(value, 2 if key == EXTENSION else 1, "  ")}' for key, value in document.items()]
    return ("{\n" + ",\n".join(parts) + "\n}\n").encode("utf-8")
