"""Shared by the interop tests: the graph of a site as plain values, and export-then-import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from debatemap.graph import Site
from debatemap.interop.export import export_maps
from debatemap.interop.importer import Imported, import_file

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
GOLDEN = REPO / "tests" / "golden" / "content"


def graph_of(site: Site) -> dict[str, Any]:
    """Claims, stances, reuse (which link is a ref, which map defines a claim), tags and sources."""
    return {
        "claims": {
            c.id: (
                c.text, c.details, c.tags, [(x.source_id, x.locator, x.note) for x in c.citations],
                [(link.claim_id, link.stance, link.is_ref) for link in c.children], c.map_id,
            )
            for c in site.claims.values()
        },
        "maps": {m.id: (m.title, m.summary, m.tags, m.updated, m.thesis_id) for m in site.maps.values()},
        "sources": {
            s.id: (s.title, s.url, s.publisher, s.authors, s.published, s.kind, s.archived, s.summary, s.tags)
            for s in site.sources.values()
        },
    }  # fmt: skip


def export_and_import(site: Site, fmt: str, folder: Path, map_ids: list[str] | None = None) -> Imported:
    """Export the maps (all by default) and import the file into the new content folder ``folder/content``."""
    exported = folder / f"export.{fmt}"
    exported.write_bytes(export_maps(site, map_ids or list(site.maps), fmt))
    return import_file(fmt, exported, folder / "content", today="2000-01-01")
