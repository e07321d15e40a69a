"""Where our pages go inside an MkDocs site, and the links between them and the host's pages.

Our routes are directory URLs (``claims/<id>/``) and our templates link relatively from the page
being rendered, which works unchanged below any ``prefix``. MkDocs with ``use_directory_urls:
false`` writes ``claims/<id>/index.html`` and its sites are browsed from disk, where a link to a
folder opens nothing: there ``finish`` adds ``index.html`` to every relative link to a folder,
from the templates, the drawings and the curators' Markdown alike.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from mkdocs.config.base import ValidationError
from mkdocs.utils import get_relative_url

_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
_FOLDER_LINK = re.compile(r'(\bhref=")((?![A-Za-z][A-Za-z0-9+.-]*:|/|#|\?)[^"#?]*/)((?:[#?][^"]*)?")')
"""A relative href whose path ends in '/' (an optional query or fragment after it)."""


def normalize_prefix(value: str) -> str:
    """``'debates'``, ``'/debates/'`` -> ``'debates/'``; ``''`` stays ``''`` (the top of the site)."""
    parts = [part for part in value.strip().strip("/").split("/") if part]
    bad = [part for part in parts if not _SEGMENT.match(part) or part in (".", "..")]
    if "\\" in value or bad:
        raise ValidationError(
            f"prefix {value!r} is not a folder inside the site: use letters, digits, '.', '_' and '-' "
            "in names separated by '/', for example 'debates/'"
        )
    return "".join(part + "/" for part in parts)


@dataclass(frozen=True, slots=True)
class Links:
    prefix: str
    """Normalized: '' or 'a/b/'."""
    directory_urls: bool
    """MkDocs' ``use_directory_urls``."""

    def src_uri(self, output_path: str) -> str:
        """The name a generated file pretends to have in docs/: ``claims/x/index.html`` -> ``<prefix>claims/x/index.md``."""
        stem, ext = posixpath.splitext(output_path)
        return self.prefix + (stem + ".md" if ext == ".html" else output_path)

    def to_prefix(self, page_url: str) -> str:
        """The relative link from a page of the site (its MkDocs ``page.url``) to the prefix's folder."""
        link = get_relative_url(self.prefix or ".", page_url)
        return "" if link in (".", "./") else link.rstrip("/") + "/"

    def finish(self, html: str) -> str:
        """``html`` with its links to folders opening the folder's index.html where MkDocs needs it."""
        if self.directory_urls or "/" not in html:
            return html
        return _FOLDER_LINK.sub(r"\1\2index.html\3", html)
