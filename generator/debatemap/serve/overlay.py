"""What serve adds to each HTML response: the reload script and, while the content is broken, the errors.

Nothing here is written to disk: the built files stay byte for byte those of ``debatemap build``,
and these additions exist only in the responses of the local preview. Every character that comes
from the content (messages quote ids, source lines and file names) is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..report import format_text

SCRIPT_URL = "/__debatemap/live.js"
EVENTS_URL = "/__debatemap/events"
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = b"</body>"

_STYLE = (
    "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;"
    "padding:1rem 1.25rem;background:#2b0b0e;color:#fde8e8;border-top:4px solid #f87171;"
    "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px #0008"
)


def error_text(diagnostics: Sequence[Diagnostic], problem: str | None) -> str:
    """The errors as the terminal shows them (warnings left out: they do not stop a build)."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    parts = [format_text(errors)] if errors else []
    if problem:
        parts.append(f"error: {problem}")
    return "\n".join(parts)


def overlay_html(diagnostics: Sequence[Diagnostic], problem: str | None) -> str:
    """A panel over the page listing the errors; plain HTML, so it shows with JavaScript off."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR) + (1 if problem else 0)
    title = f"debatemap: {errors} error{'s' if errors != 1 else ''}. This preview shows the last good build until they are fixed."
    return (
        f'<aside id="debatemap-errors" role="alert" style="{_STYLE}">'
        f'<p style="margin:0 0 .5rem;font-weight:bold;color:#fff">{html.escape(title)}</p>'
        f'<pre style="margin:0;white-space:pre-wrap;color:inherit;background:none">'
        f"{html.escape(error_text(diagnostics, problem))}</pre></aside>"
    )


def script_tag(epoch: str, version: int) -> str:
    return f'<script src="{SCRIPT_URL}" data-epoch="{html.escape(epoch)}" data-version="{version}" defer></script>'


def inject(page: bytes, script: str, overlay: str | None) -> bytes:
    """``page`` with the reload script before ``</body>`` and the overlay, if any, first in the body."""
    tail = script.encode("utf-8")
    end = page.rfind(_BODY_CLOSE)
    page = page + tail if end < 0 else page[:end] + tail + page[end:]
    if overlay is None:
        return page
    panel = overlay.encode("utf-8")
    opening = _BODY_OPEN.search(page)
    if opening is None:
        return panel + page
    return page[: opening.end()] + panel + page[opening.end() :]
