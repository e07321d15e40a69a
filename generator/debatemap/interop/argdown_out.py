"""A site's maps as Argdown: one section per map, one statement per claim, titled by its id.

Each claim is written out in full once (``[id]: text #tags {data}``) and referred to by its
title everywhere else, which Argdown reads as the same statement: so reuse stays reuse. A claim
is written out where its map's YAML defines it (a thesis at the top of its section, any other
claim under the parent that nests it), or, when the map defining it is not exported, where it
is first met. Pros are ``<+`` and cons ``<-`` relations under their parent. Details and
citations go in the statement's data, the sources themselves in the front matter; see
docs/interop.md for every key.
"""

from __future__ import annotations

from typing import Any

from ..graph import Site
from ..model import Claim
from .argdown_text import data, escape
from .graph_json import citation_record, source_record
from .selection import Selection, children_in

VERSION = 1
INDENT = "  "
RELATIONS = {"pro": "<+ ", "con": "<- "}

Site_ = tuple[str, str, int]
"""Where a claim is written out in full: ('root', map id, 0) or ('edge', parent id, link index)."""


def export_argdown(site: Site, selection: Selection) -> bytes:
    claims = {c.id: c for c in selection.claims}
    urls = {s.id: s.url for s in selection.sources}
    lines = _front_matter(site, selection)
    full_at = _definition_sites(selection, claims)
    expanded: set[str] = set()
    for debate in selection.maps:
        heading: dict[str, Any] = {"id": debate.id, "tags": list(debate.tags), "updated": debate.updated}
        if debate.summary is not None:
            heading["summary"] = debate.summary
        lines += ["", f"# {escape(debate.title)} {data(heading)}", ""]
        if debate.thesis_id in claims:
            _tree(lines, claims, debate.thesis_id, ("root", debate.id, 0), full_at, expanded, urls)
    left = [c for c in selection.claims if c.id not in expanded]
    if left:  # only for content that failed its checks (a claim defined twice): still nothing lost
        lines.append("")
        for claim in left:
            if claim.id not in expanded:
                _tree(lines, claims, claim.id, ("root", "", 0), {}, expanded, urls)
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def _front_matter(site: Site, selection: Selection) -> list[str]:
    lines = ["===", f"title: {data(site.config.title)}", "debatemap:", f"  version: {VERSION}", "  sources:"]
    lines += [f"    {s.id}: {data(_without_id(source_record(s)))}" for s in selection.sources]
    if not selection.sources:
        lines[-1] += " {}"
    lines.append("===")
    return lines


def _without_id(record: dict[str, Any]) -> dict[str, Any]:
    record.pop("id")
    return record


def _definition_sites(selection: Selection, claims: dict[str, Claim]) -> dict[str, Site_]:
    """Where the YAML defines each claim, for the claims whose defining map is exported."""
    exported = selection.map_ids
    full_at: dict[str, Site_] = {}
    for debate in selection.maps:
        thesis = claims.get(debate.thesis_id)
        if thesis is not None and thesis.map_id == debate.id:
            full_at[thesis.id] = ("root", debate.id, 0)
    for claim in selection.claims:
        if claim.map_id not in exported:
            continue
        for index, (child_id, _, is_ref) in enumerate(children_in(claim, claims.keys())):
            if not is_ref and claims[child_id].map_id == claim.map_id:
                full_at.setdefault(child_id, ("edge", claim.id, index))
    return full_at


def _tree(  # noqa: PLR0917
    lines: list[str], claims: dict[str, Claim], root_id: str, root_site: Site_, full_at: dict[str, Site_],
    expanded: set[str], urls: dict[str, str],
) -> None:  # fmt: skip
    """Write the claim ``root_id`` and, where it is written out in full, everything under it."""
    stack: list[tuple[str, int, str, Site_]] = [(root_id, 0, "", root_site)]
    while stack:
        claim_id, depth, relation, where = stack.pop()
        claim = claims[claim_id]
        indent = INDENT * depth + relation
        if claim_id in expanded or full_at.get(claim_id, where) != where:
            lines.append(f"{indent}[{claim_id}]")
            continue
        expanded.add(claim_id)
        lines.append(indent + _statement(claim, urls))
        links = children_in(claim, claims.keys())
        for index in range(len(links) - 1, -1, -1):
            child_id, stance, _ = links[index]
            stack.append((child_id, depth + 1, RELATIONS[stance], ("edge", claim_id, index)))


def _statement(claim: Claim, urls: dict[str, str]) -> str:
    parts = [f"[{claim.id}]: {escape(claim.text)}"]
    parts += [f"#{tag}" for tag in claim.tags]
    extra: dict[str, Any] = {}
    if claim.details is not None:
        extra["details"] = claim.details
    if claim.citations:
        extra["sources"] = [_citation(citation_record(c), urls) for c in claim.citations]
    if extra:
        parts.append(data(extra))
    return " ".join(parts)


def _citation(record: dict[str, Any], urls: dict[str, str]) -> dict[str, Any]:
    url = urls.get(record["source"])
    if url:
        record = {"source": record["source"], "url": url, **{k: v for k, v in record.items() if k != "source"}}
    return record
