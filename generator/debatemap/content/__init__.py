"""Read a content folder (site.yaml, maps/, sources/, pages/) into model objects.

This is where files become the model: each file is loaded with positions, validated against
its schema, and turned into frozen dataclasses. Cross-file rules (refs, duplicates, cycles)
belong to ``graph`` and ``checks``, which see the whole site. The modules follow a read:
``folder`` (which files, and the ``Content`` they add up to), ``files`` (one file parsed),
``records`` (a validated record to model objects), ``cache`` (serve's parsed files), ``read``
(the whole folder, on every core when it is large).
"""

from __future__ import annotations

from .cache import FileCache
from .files import parse_file, split_front_matter
from .folder import Content, content_files
from .read import PARALLEL_FILES, read_content
from .records import page, site_config, source

__all__ = [
    "PARALLEL_FILES",
    "Content",
    "FileCache",
    "content_files",
    "page",
    "parse_file",
    "read_content",
    "site_config",
    "source",
    "split_front_matter",
]
