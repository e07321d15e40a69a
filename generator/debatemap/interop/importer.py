"""``debatemap import``: read a file, lay it out as maps, write new content files, say what changed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..collector import collector_paused
from ..diagnostics import Diagnostic, UsageError
from ..text_files import decode_text, display_path
from .argdown_in import read_argdown
from .imported import Graph, Note
from .kialo_in import read_kialo
from .layout import lay_out
from .writer import Plan, Planner, existing_content, write_plan


@dataclass(frozen=True, slots=True)
class Imported:
    plan: Plan
    written: list[Path]
    notes: list[Note]
    """Everything the input held that the content does not carry (or carries changed), by line."""


MAX_INPUT_BYTES = 64 * 1024 * 1024
"""An input may be far larger than one content file (a whole discussion becomes many files)."""


def read_input(fmt: str, path: Path) -> Graph:
    shown = display_path(path)
    diags: list[Diagnostic] = []
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{shown} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; split it and import each part")
    text = decode_text(data, shown, diags)
    if text is None:
        raise UsageError(f"{diags[0].position}: {diags[0].message}" + (f" ({diags[0].hint})" if diags[0].hint else ""))
    graph = read_kialo(text) if fmt == "kialo" else read_argdown(text, shown)
    if not graph.maps:
        raise UsageError(f"{shown}: found no debate to import (no claim with pros or cons)")
    return graph


def import_file(fmt: str, path: Path, root: Path, *, today: str | None = None, write: bool = True) -> Imported:
    """Import ``path`` (format ``fmt``) into the content folder ``root``; nothing is written on any error."""
    with collector_paused():  # many small objects and no cycles: the collector would only cost time
        return _import(fmt, path, root, today=today, write=write)


def _import(fmt: str, path: Path, root: Path, *, today: str | None, write: bool) -> Imported:
    graph = read_input(fmt, path)
    layout = lay_out(graph)
    planner = Planner(
        graph, layout, root, existing_content(root), today=today or datetime.date.today().isoformat(), origin=path.name
    )
    plan = planner.plan()
    written = write_plan(plan) if write else []
    notes = sorted(graph.notes, key=lambda note: note.line)
    return Imported(plan, written, notes)
