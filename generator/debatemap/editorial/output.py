"""The balance report in three forms: text for a terminal, Markdown for a pull request, JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from .figures import Level, MapFigures, SideCounts, SiteFigures
from .flags import Flag
from .sourcing import Sourcing

FORMATS = ("text", "markdown", "json")
TOP = 5
"""Publishers, authors and sources listed by name in the text and Markdown forms (JSON has all)."""


def _pct(share: float) -> str:
    return f"{round(share * 100)} %"


def _shares(items: tuple[Any, ...]) -> str:
    return ", ".join(f"{s.name} {s.citations} ({_pct(s.share)})" for s in items[:TOP]) or "none"


def _pairs(items: tuple[tuple[str, int], ...], limit: int = TOP) -> str:
    shown = ", ".join(f"{name} {n}" for name, n in items[:limit]) or "none"
    return shown + (f", and {len(items) - limit} more" if len(items) > limit else "")


def _summary_lines(counts: SideCounts, levels: tuple[Level, ...], found: Sourcing) -> list[str]:
    return [
        f"  sides: {counts.supporting} supporting, {counts.opposing} opposing"
        + (f", {counts.both} on both sides" if counts.both else "")
        + f"; balance {counts.balance:.2f}",
        "  by level: "
        + "; ".join(
            f"{lv.level}: {lv.supporting} for, {lv.opposing} against" + (f", {lv.both} both" if lv.both else "") for lv in levels
        ),
        f"  claims: {found.claims}, citations: {found.citations}, unsourced: {len(found.unsourced)}, "
        f"single source: {len(found.single)}",
        f"  publishers: {_shares(found.publishers)}",
        f"  authors: {_shares(found.authors)}",
        f"  cited by the party the claim names: {found.self_cited} of {found.citations} ({_pct(found.self_share)})",
        f"  source kinds: {_pairs(found.kinds, 20)}",
        f"  most cited sources: {_pairs(found.per_source)}",
        f"  old sources: {len(found.old)}; undated: {len(found.undated)}; advocacy only: {len(found.advocacy_only)} claims",
    ]


def _map_lines(m: MapFigures) -> list[str]:
    lines = [f"{m.debate.id} ({m.debate.pos.path}): {m.debate.title}"]
    lines += _summary_lines(m.counts, m.levels, m.sourcing)
    unanswered = "; ".join(f"{len(ids)} {side}" for side, ids in m.unanswered.items() if ids or side != "both")
    lines.append(f"  unanswered leaves: {unanswered}")
    lines.append("  deepest chain: " + "; ".join(f"{side} {depth}" for side, depth in m.deepest.items()))
    return lines


def _printable(text: str) -> str:
    """Names come from the content: a control character in one must not drive the terminal."""
    return "".join(ch if ch.isprintable() or ch == "\n" else "\ufffd" for ch in text)


def format_text(figures: SiteFigures) -> str:
    lines: list[str] = []
    for m in figures.maps:
        lines += [*_map_lines(m), ""]
    lines.append(f"Site ({len(figures.maps)} maps)")
    lines += _summary_lines(figures.counts, figures.levels, figures.sourcing)
    lines.append("")
    lines += [_flag_line(f) for f in figures.flags]
    lines.append(_closing(figures))
    return _printable("\n".join(lines))


def _flag_line(flag: Flag) -> str:
    return f"{flag.position}: flag[{flag.code}]: {flag.message}\n  = do: {flag.hint}"


def _closing(figures: SiteFigures) -> str:
    by_code: dict[str, int] = {}
    for flag in figures.flags:
        by_code[flag.code] = by_code.get(flag.code, 0) + 1
    if not by_code:
        return "No flags."
    return f"{len(figures.flags)} flags: " + ", ".join(f"{n} {code}" for code, n in by_code.items()) + "."


def _md(text: str) -> str:
    """Table cells: no pipe or newline may break the row."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def format_markdown(figures: SiteFigures) -> str:
    out = ["# Balance report", ""]
    out += ["| map | supporting | opposing | both | balance | claims | citations | single source | top publisher |"]
    out += ["| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for m in (*figures.maps, None):
        counts, found = (m.counts, m.sourcing) if m else (figures.counts, figures.sourcing)
        name = f"`{m.debate.id}`" if m else "**site**"
        top = f"{_md(found.publishers[0].name)} ({_pct(found.publishers[0].share)})" if found.publishers else ""
        out.append(
            f"| {name} | {counts.supporting} | {counts.opposing} | {counts.both} | {counts.balance:.2f} | "
            f"{found.claims} | {found.citations} | {len(found.single)} | {top} |"
        )
    for m in figures.maps:
        out += ["", f"## {_md(m.debate.title)} (`{m.debate.id}`)", ""]
        out += ["- " + _md(line.strip()) for line in _map_lines(m)[1:]]
    out += ["", "## Flags", ""]
    out += [f"- `{f.position}` **{f.code}**: {_md(f.message)}. *Do:* {_md(f.hint)}." for f in figures.flags] or ["None."]
    return _printable("\n".join(out))


def _sourcing_json(found: Sourcing) -> dict[str, Any]:
    return {
        "claims": found.claims,
        "citations": found.citations,
        "unsourced": list(found.unsourced),
        "single_source": list(found.single),
        "citations_per_source": dict(found.per_source),
        "publishers": [{"name": s.name, "citations": s.citations, "share": round(s.share, 4)} for s in found.publishers],
        "authors": [{"name": s.name, "citations": s.citations, "share": round(s.share, 4)} for s in found.authors],
        "self_cited": found.self_cited,
        "self_share": round(found.self_share, 4),
        "self_sourced": {claim: list(parties) for claim, parties in found.self_sourced},
        "source_kinds": dict(found.kinds),
        "advocacy_only": list(found.advocacy_only),
        "old_sources": dict(found.old),
        "undated_sources": list(found.undated),
    }


def _sides_json(counts: SideCounts, levels: tuple[Level, ...]) -> dict[str, Any]:
    return {
        "supporting": counts.supporting,
        "opposing": counts.opposing,
        "both": counts.both,
        "balance": round(counts.balance, 4),
        "levels": [{"level": lv.level, "supporting": lv.supporting, "opposing": lv.opposing, "both": lv.both} for lv in levels],
    }


def _flag_json(flag: Flag) -> dict[str, Any]:
    p = flag.position
    return {
        "code": flag.code,
        "map": flag.map_id,
        "message": flag.message,
        "do": flag.hint,
        "file": p.path,
        "line": p.line,
        "column": p.column,
    }


def format_json(figures: SiteFigures) -> str:
    payload = {
        "maps": [
            {
                "id": m.debate.id,
                "file": m.debate.pos.path,
                **_sides_json(m.counts, m.levels),
                "unanswered": {side: list(ids) for side, ids in m.unanswered.items()},
                "deepest_chain": {side: list(chain) for side, chain in m.sides.chains.items()},
                "sourcing": _sourcing_json(m.sourcing),
                "flags": [_flag_json(f) for f in m.flags],
            }
            for m in figures.maps
        ],
        "site": {**_sides_json(figures.counts, figures.levels), "sourcing": _sourcing_json(figures.sourcing)},
        "flags": [_flag_json(f) for f in figures.flags],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


FORMATTERS = {"text": format_text, "markdown": format_markdown, "json": format_json}
