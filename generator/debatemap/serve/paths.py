"""Map a request path to a file of the built site, refusing anything that could leave it.

Refused: a path not starting with '/', backslashes, NUL, encoded slashes or backslashes,
'.' and '..' segments however encoded, empty segments ('//x' could become an absolute path or
an open redirect), dotfiles (the build marker, temporary files), invalid percent-encoding, and
symbolic links that lead out of the site. Folders are never listed: a folder is its
``index.html`` or nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from ..graph import Site

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".argdown": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".bib": "text/plain; charset=utf-8",
    ".map": "application/json",
}
"""Declared here rather than guessed from the machine's mime.types, so every machine serves the same."""
DEFAULT_TYPE = "application/octet-stream"
SPECIAL = {"feed.xml": "application/atom+xml; charset=utf-8"}


def content_type(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    if base in SPECIAL:
        return SPECIAL[base]
    return MIME_TYPES.get(PurePosixPath(base).suffix.lower(), DEFAULT_TYPE)


@dataclass(frozen=True, slots=True)
class Found:
    """A file to send: its path on disk and its site-relative name."""

    path: Path
    name: str


@dataclass(frozen=True, slots=True)
class Redirect:
    """A folder asked for without its trailing slash: relative links need it."""

    location: str


LONGEST_NAME = 255
"""Bytes in a file name on every common file system; a longer segment names nothing."""


class BadRequest(Exception):
    """The path is malformed (400), as opposed to absent or forbidden (404)."""


def site_base(site: Site | None) -> str:
    """The path the site lives under: its base_url's ('/open-weights/'), or '/'."""
    url = site.config.base_url if site is not None else None
    path = urlsplit(url).path if url else "/"
    return path if path.endswith("/") else path + "/"


def within(base: str, request_path: str) -> str | None:
    """``request_path`` (percent-encoded) below ``base``, as a path of the site; None when outside.

    Compared segment by segment, decoded, so '/open%2Dweights/x' is inside '/open-weights/'.
    """
    if base == "/":
        return request_path
    wanted = base.strip("/").split("/")
    segments = request_path.split("/")[1:]
    if len(segments) <= len(wanted) or [unquote(s) for s in segments[: len(wanted)]] != wanted:
        return None
    return "/" + "/".join(segments[len(wanted) :])


def resolve(root: Path, request_path: str) -> Found | Redirect | None:
    """What to serve for ``request_path`` (the path part of the URL, still percent-encoded); None is 404."""
    if not request_path.startswith("/"):
        raise BadRequest("the path must start with /")
    lowered = request_path.lower()
    if "\\" in request_path or "\x00" in request_path or "%2f" in lowered or "%5c" in lowered or "%00" in lowered:
        return None
    try:
        decoded = unquote(request_path, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest("the path is not valid UTF-8") from None
    segments = decoded[1:].split("/")
    folder_wanted = segments[-1] == ""
    if folder_wanted:
        segments.pop()
    for segment in segments:
        if segment in ("", ".", "..") or segment.startswith(".") or "\\" in segment or "\x00" in segment:
            return None
        if len(segment.encode("utf-8", "surrogateescape")) > LONGEST_NAME:
            return None
    try:
        return _find(root, request_path, segments, folder_wanted)
    except OSError:  # a name the file system refuses (too long a path, say): nothing is there
        return None


def _find(root: Path, request_path: str, segments: list[str], folder_wanted: bool) -> Found | Redirect | None:
    real_root = os.path.realpath(root)
    real = _inside(root.joinpath(*segments), real_root)
    if real is None:
        return None
    if real.is_dir():
        if segments and not folder_wanted:
            return Redirect(request_path + "/")
        segments.append("index.html")
        real = _inside(root.joinpath(*segments), real_root)
    elif folder_wanted:
        return None
    if real is None or not real.is_file():
        return None
    return Found(real, "/".join(segments))


def _inside(path: Path, real_root: str) -> Path | None:
    """The real path of ``path`` when it is inside the site (links followed), else None."""
    real = os.path.realpath(path)
    return Path(real) if real == real_root or real.startswith(real_root + os.sep) else None
