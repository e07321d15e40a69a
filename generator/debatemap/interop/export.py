"""Exports by format name: what ``debatemap export`` prints and the build writes beside each map."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..graph import Site
from ..render import routes
from .aif import export_aif
from .argdown_out import export_argdown
from .graph_json import export_json
from .selection import Selection, select

EXPORTERS: dict[str, Callable[[Site, Selection], bytes]] = {
    "json": export_json,
    "aif": export_aif,
    "argdown": export_argdown,
}


def export_maps(site: Site, map_ids: Sequence[str], fmt: str) -> bytes:
    return EXPORTERS[fmt](site, select(site, map_ids))


def map_files(site: Site, map_id: str) -> list[tuple[str, bytes]]:
    """The map's exports in every format, as (site-relative path, bytes) beside its page.

    The build makes them with the map's page (``Renderer.render_files``), so serve records what
    they read as the page's reads and remakes them exactly when a full build would differ.
    """
    selection = select(site, [map_id])
    folder = routes.map_url(map_id)
    return [(folder + download.file, EXPORTERS[download.format](site, selection)) for download in routes.MAP_EXPORTS]
