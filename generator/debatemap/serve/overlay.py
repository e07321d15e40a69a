"""What serve adds to each HTML response: the reload script and the panels for errors and warnings.

Nothing here is written to disk: the built files stay byte for byte those of ``debatemap build``,
and these additions exist only in the responses of the local preview. Every character that comes
from the content (messages quote ids, source lines and file names) is escaped.

The panels are plain HTML (``details``), so they show, open and close with JavaScript off, and
their toggles are keyboard buttons by nature. The errors panel opens and can be minimised to
one line; the warnings wait, closed, in a corner. Source lines never wrap (a wrapped line would
move the caret off its column): a long one scrolls sideways.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..report import format_text

SCRIPT_URL = "/__debatemap/live.js"
EVENTS_URL = "/__debatemap/events"
SHOWN_WARNINGS = 50
"""Warnings listed in the page (every page carries the list); the terminal and `check` have them all."""
_BODY_CLOSE = b"</body>"
_GUTTER = re.compile(r"^ [0-9 ]+ \|")
"""A source line or its caret line, as ``format_text`` writes them (' 17 | ...', '    | ^')."""

# Scoped by the panel's id, which outranks the site's own rules for the same elements.
_STYLE = """
#debatemap-preview{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;display:flex;flex-direction:column;
align-items:flex-end;pointer-events:none;margin:0;padding:0;text-align:left;
font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
#debatemap-preview>*{pointer-events:auto;box-sizing:border-box;margin:0}
#debatemap-preview details{display:block;margin:0;padding:0}
#debatemap-preview summary{display:flex;gap:1rem;justify-content:space-between;align-items:baseline;cursor:pointer;
list-style:none;padding:.5rem 1rem;margin:0;font:inherit}
#debatemap-preview summary::-webkit-details-marker{display:none}
#debatemap-preview summary:focus-visible{outline:3px solid currentColor;outline-offset:-5px}
#debatemap-preview .dm-toggle{flex:none;text-decoration:underline;white-space:nowrap}
#debatemap-preview details[open] .dm-closed,#debatemap-preview details:not([open]) .dm-open{display:none}
#debatemap-preview .dm-list{max-height:50vh;overflow:auto;padding:0 1rem .75rem}
#debatemap-preview .dm-list p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
#debatemap-preview .dm-list p+p{margin-top:.15rem}
#debatemap-preview .dm-list *+.dm-head{margin-top:.6rem}
#debatemap-preview pre{margin:.15rem 0;padding:0;white-space:pre;overflow-x:auto;overflow-y:hidden;
color:inherit;background:none;border:0;font:inherit;tab-size:4}
#debatemap-errors{width:100%;background:#2b0b0e;color:#fde8e8;border-top:4px solid #f87171;box-shadow:0 -4px 24px #0008}
#debatemap-errors strong{color:#fff}
#debatemap-warnings{max-width:calc(100% - 1.5rem);margin:0 .75rem .75rem 0;background:#2a2108;color:#fdf3d0;
border:2px solid #f5c84c;border-radius:6px;box-shadow:0 2px 12px #0006}
#debatemap-warnings[open]{width:calc(100% - 1.5rem)}
#debatemap-warnings .dm-list{max-height:40vh}
"""


def error_text(diagnostics: Sequence[Diagnostic], problem: str | None) -> str:
    """The errors as the terminal shows them (warnings left out: they do not stop a build)."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    parts = [format_text(errors)] if errors else []
    if problem:
        parts.append(f"error: {problem}")
    return "\n".join(parts)


def _listing(text: str) -> str:
    """``check``'s text as HTML: messages and hints wrap, source lines and carets scroll sideways
    (a wrapped source line would move the caret off its column)."""
    parts: list[str] = []
    code: list[str] = []
    for line in text.split("\n"):
        if _GUTTER.match(line):
            code.append(line)
            continue
        if code:
            parts.append(f"<pre>{html.escape(chr(10).join(code))}</pre>")
            code = []
        head = ' class="dm-head"' if not line.startswith(" ") else ""
        parts.append(f"<p{head}>{html.escape(line)}</p>")
    if code:
        parts.append(f"<pre>{html.escape(chr(10).join(code))}</pre>")
    return f'<div class="dm-list">{"".join(parts)}</div>'


def warning_text(warnings: Sequence[Diagnostic], shown: int) -> str:
    """The first ``shown`` warnings as `check` prints them, and how many more there are."""
    text = format_text(warnings[:shown])
    if len(warnings) > shown:
        text += f"\n... and {len(warnings) - shown} more: `debatemap check` lists them all"
    return text


def panel_html(diagnostics: Sequence[Diagnostic], problems: Sequence[str]) -> str | None:
    """The errors (open) and the warnings (closed) over the page; None when there are neither."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR) + len(problems)
    warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
    if not errors and not warnings:
        return None
    parts = [f'<div id="debatemap-preview" data-errors="{errors}" data-warnings="{len(warnings)}"><style>{_STYLE}</style>']
    if warnings:
        parts.append(
            f'<details id="debatemap-warnings"><summary><span>{_count(len(warnings), "warning")}</span>'
            '<span class="dm-toggle"><span class="dm-closed">Show</span><span class="dm-open">Hide</span></span></summary>'
            f"{_listing(warning_text(warnings, SHOWN_WARNINGS))}</details>"
        )
    if errors:
        text = error_text(diagnostics, "\nerror: ".join(problems) or None)
        parts.append(
            f'<div id="debatemap-errors" role="alert"><details open><summary><span><strong>debatemap: '
            f"{_count(errors, 'error')}.</strong> This preview shows the last good build until they are fixed.</span>"
            '<span class="dm-toggle"><span class="dm-open">Minimise</span><span class="dm-closed">Show</span></span>'
            f"</summary>{_listing(text)}</details></div>"
        )
    parts.append("</div>")
    return "".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def script_tag(epoch: str, version: int, base: str = "/") -> str:
    return (
        f'<script src="{SCRIPT_URL}" data-epoch="{html.escape(epoch)}" data-version="{version}" '
        f'data-base="{html.escape(base)}" defer></script>'
    )


def inject(page: bytes, script: str, overlay: str | None) -> bytes:
    """``page`` with the overlay, if any, and the reload script at the end of its body.

    Last, so a keyboard reaches the page before the panels (they sit fixed at the bottom of the
    window wherever they are in the page; the errors are announced as an alert either way).
    """
    tail = ((overlay or "") + script).encode("utf-8")
    end = page.rfind(_BODY_CLOSE)
    return page + tail if end < 0 else page[:end] + tail + page[end:]
