"""The plugin's settings, declared once with MkDocs' typed config (each option documented here)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class DebatemapConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ has no annotations
    """``plugins: [debatemap: {...}]`` in mkdocs.yml."""

    content = c.Dir(exists=True)
    """A debatemap content folder (maps/, sources/, optional site.yaml), relative to mkdocs.yml."""
    prefix = c.Type(str, default="debates/")
    """Where the generated pages go inside the MkDocs site ('' puts them at its top)."""
    nav_title = c.Optional(c.Type(str))
    """The title of the navigation section; by default site.yaml's title, or 'Debates'."""
    nav_maps = c.Type(int, default=50)
    """How many maps the navigation section lists (most recently updated first); the section's
    first page lists them all. Every page draws the navigation, so it is kept short."""
    javascript = c.Type(bool, default=True)
    """Load the drawing's and the outline's scripts (zoom, collapse); pages work without them."""
