"""Print diagnostics in one of three styles: a compiler's text, JSON for tools, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .text_files import MAX_FILE_BYTES

FORMATS = ("text", "json", "github")

_COLOURS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
MAX_QUOTED = 500
"""Characters of a message or file name printed; the rest is cut (a 10 MB key would be quoted whole)."""


def summary_line(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"No problems found in {files} file{'s' if files != 1 else ''}."
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"Found {' and '.join(parts)} in {files} file{'s' if files != 1 else ''}."


def format_text(diagnostics: Sequence[Diagnostic], *, colour: bool = False) -> str:
    """Like a compiler: position, severity and code, message, the source line with a caret, a hint."""
    lines: list[str] = []
    cache: dict[str, list[str] | None] = {}
    for d in diagnostics:
        sev = d.severity.value
        message = _printable(d.message)
        where = _printable(str(d.position))  # a file name may hold an escape sequence too
        head = f"{where}: {sev}[{d.code}]: {message}"
        if colour:
            head = f"{_BOLD}{where}:{_RESET} {_COLOURS[d.severity]}{sev}[{d.code}]{_RESET}{_BOLD}: {message}{_RESET}"
        lines.append(head)
        source = _source_line(d, cache)
        if source is not None:
            number = str(d.position.line)
            pad = " " * len(number)
            caret = " " * _display_width(source[: max(d.position.column - 1, 0)]) + "^"
            lines.append(f" {number} | {source}")
            lines.append(f" {pad} | {_DIM if colour else ''}{caret}{_RESET if colour else ''}")
        if d.hint:
            lines.append(f"  = hint: {_printable(d.hint)}")
        lines.extend(f"  = see: {_printable(str(related))}" for related in d.related)
    return "\n".join(lines)


def _printable(text: str) -> str:
    """Messages quote the content (a key, an id) and name files; a newline or escape sequence in
    them must not break the one-line-per-problem layout or drive the terminal, and a value of
    megabytes is shown by its start."""
    if len(text) > MAX_QUOTED:
        text = text[:MAX_QUOTED] + "…"
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _display_width(text: str) -> int:
    return sum(8 - (i % 8) if ch == "\t" else 1 for i, ch in enumerate(text))


def _source_line(d: Diagnostic, cache: dict[str, list[str] | None]) -> str | None:
    path, line = d.position.path, d.position.line
    if line <= 0:
        return None
    if path not in cache:
        try:
            with Path(path).open("rb") as stream:  # only files the loader read: regular, within its limit
                raw = stream.read(MAX_FILE_BYTES)
            decoded = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
            # Lines end as the loader counts them (LF, CRLF or CR), not at every character
            # str.splitlines() treats as a break (form feed, U+2028...).
            cache[path] = decoded.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        except OSError:
            cache[path] = None
    text = cache[path]
    if text is None or line > len(text):
        return None
    shown = text[line - 1]
    # Never echo control characters (a hostile file could drive the terminal) or huge lines.
    shown = "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in shown[:300])
    return shown.replace("\t", " ")


def format_json(diagnostics: Sequence[Diagnostic], files: int, templates: Sequence[str] = ()) -> str:
    """``templates``: the site's own template files, listed (as `templates`) only when there are some."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    payload: dict[str, object] = {
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "file": d.position.path,
                "line": d.position.line,
                "column": d.position.column,
                "hint": d.hint,
                "related": [{"file": r.path, "line": r.line, "column": r.column} for r in d.related],
            }
            for d in diagnostics
        ],
        "summary": {"errors": errors, "warnings": len(diagnostics) - errors, "files": files},
    }
    if templates:
        payload["templates"] = list(templates)
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the pull request."""
    out = []
    for d in diagnostics:
        props = [f"file={_gh_escape(d.position.path, prop=True)}"]
        if d.position.line > 0:
            props.append(f"line={d.position.line}")
            props.append(f"col={d.position.column}")
        props.append(f"title={_gh_escape('debatemap ' + d.code, prop=True)}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(f"::{d.severity.value} {','.join(props)}::{_gh_escape(message)}")
    return "\n".join(out)
