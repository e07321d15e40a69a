"""Interop: a site's maps out to JSON, AIF and Argdown, and Argdown and Kialo outlines in.

Exports read the resolved ``Site`` and return bytes (``export.export_maps``), so the build
writes them beside each map's page and serve records what they read like any page. Imports
parse a file into an ``imported.Graph`` (a format-neutral graph that keeps the input's line
numbers), lay it out as map trees (``layout``) and write new YAML files (``writer``), listing
everything the input held that the content format cannot carry.
"""

from __future__ import annotations

EXPORT_FORMATS = ("json", "aif", "argdown")
IMPORT_FORMATS = ("argdown", "kialo")
