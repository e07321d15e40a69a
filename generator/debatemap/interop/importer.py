"""``debatemap import``: read a file, lay it out as maps, write new content files, say what changed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, UsageError
from ..load import display_path, read_text
from .argdown_in import read_argdown
from .imported import Graph, Note
from .kialo_in import read_kialo
from .layout import TooDeep, lay_out
from .writer import Plan, Planner, existing_content, write_plan


@dataclass(frozen=True, slots=True)
class Imported:
    plan: Plan
    written: list[Path]
    notes: list[Note]
    """Everything the input held that the content does not carry (or carries changed), by line."""


def read_input(fmt: str, path: Path) -> Graph:
    shown = display_path(path)
    diags: list[Diagnostic] = []
    text = read_text(path, shown, diags)
    if text is None:
        raise UsageError(f"{diags[0].position}: {diags[0].message}" + (f" ({diags[0].hint})" if diags[0].hint else ""))
    graph = read_kialo(text) if fmt == "kialo" else read_argdown(text, shown)
    if not graph.maps:
        raise UsageError(f"{shown}: found no debate to import (no claim with pros or cons)")
    return graph


def import_file(fmt: str, path: Path, root: Path, *, today: str | None = None, write: bool = True) -> Imported:
    """Import ``path`` (format ``fmt``) into the content folder ``root``; nothing is written on any error."""
    graph = read_input(fmt, path)
    try:
        layout = lay_out(graph)
    except TooDeep as exc:
        raise UsageError(f"{display_path(path)}: {exc}") from None
    planner = Planner(
        graph, layout, root, existing_content(root), today=today or datetime.date.today().isoformat(), origin=path.name
    )
    plan = planner.plan()
    written = write_plan(plan) if write else []
    notes = sorted(graph.notes, key=lambda note: note.line)
    return Imported(plan, written, notes)
