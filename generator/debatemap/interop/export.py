"""Exports by format name: what ``debatemap export`` prints and the build writes beside each map."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..graph import Site
from .aif import export_aif
from .argdown_out import export_argdown
from .graph_json import export_json
from .selection import Selection, select

EXPORTERS: dict[str, Callable[[Site, Selection], bytes]] = {
    "json": export_json,
    "aif": export_aif,
    "argdown": export_argdown,
}
MAP_FILES = {"json": "map.json", "aif": "map.aif.json", "argdown": "map.argdown"}
"""Each map's exports, written beside its page (``maps/<id>/map.json``...)."""


def export_maps(site: Site, map_ids: Sequence[str], fmt: str) -> bytes:
    return EXPORTERS[fmt](site, select(site, map_ids))


def map_files(site: Site, map_id: str, map_url: str) -> list[tuple[str, bytes]]:
    """The map's exports in every format, as (site-relative path, bytes) under ``map_url``."""
    selection = select(site, [map_id])
    return [(map_url + MAP_FILES[fmt], export(site, selection)) for fmt, export in EXPORTERS.items()]
