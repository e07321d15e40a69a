"""Validated records become model objects: the site's settings, sources, pages, maps and claims."""

from __future__ import annotations

from ..diagnostics import Position
from ..model import ChildLink, Citation, Claim, DebateMap, License, LinkCheck, Page, SiteConfig, Source, Stance
from ..schema import REF
from ..validate import Record
from .folder import Content


def _tuple(record: Record, name: str) -> tuple[str, ...]:
    return tuple(value for value, _ in record.texts(name))


def site_config(record: Record) -> SiteConfig:
    base_url = record.text("base_url")
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    return SiteConfig(
        title=record.text("title") or "",
        description=record.text("description"),
        base_url=base_url,
        language=record.text("language") or "en",
        theme=record.text("theme") or "default",
        theme_dir=record.text("theme_dir"),
        nav=_tuple(record, "nav") if "nav" in record.values else ("maps", "sources", "tags", "search"),
        author=record.text("author"),
        footer=record.text("footer"),
        pos=record.pos,
        nav_pos=tuple(pos for _, pos in record.texts("nav")),
        license=_license(record),
        history=record.text("history") != "off",
        theme_pos=record.positions.get("theme"),
        theme_dir_pos=record.positions.get("theme_dir"),
    )


def _license(record: Record) -> License | None:
    found = record.records("license")
    name = found[0].text("name") if found else None
    return License(name, found[0].text("url")) if name else None


def source(source_id: str, record: Record) -> Source:
    return Source(
        id=source_id,
        title=record.text("title") or source_id,
        url=record.text("url") or "",
        publisher=record.text("publisher"),
        authors=_tuple(record, "authors"),
        published=record.text("published"),
        kind=record.text("kind"),
        archived=record.text("archived"),
        verified=record.text("verified"),
        caution=record.text("caution"),
        summary=record.text("summary"),
        tags=_tuple(record, "tags"),
        pos=record.pos,
        url_pos=record.pos_of("url"),
        archived_pos=record.pos_of("archived") if "archived" in record.values else None,
    )


def link_checks(record: Record) -> list[LinkCheck]:
    """The entries of content/links.yaml (entries missing a required field are reported and left out)."""
    return [
        LinkCheck(url, checked, entry.integer("status"), entry.text("final"), entry.text("problem"), entry.pos)
        for entry in record.records("links")
        if (url := entry.text("url")) is not None and (checked := entry.text("checked")) is not None
    ]


def page(slug: str, record: Record, body: str, body_pos: Position) -> Page:
    return Page(
        slug=slug,
        title=record.text("title") or slug,
        nav_title=record.text("nav_title"),
        order=record.integer("order") or 0,
        description=record.text("description"),
        body=body,
        pos=body_pos,
    )


def add_map(map_id: str, record: Record, content: Content) -> None:
    theses = record.records("thesis")
    thesis_id = _claim_tree(theses[0], map_id, content) if theses else None
    if thesis_id is None:
        return
    content.maps.append(
        DebateMap(
            id=map_id,
            title=record.text("title") or map_id,
            summary=record.text("summary"),
            tags=_tuple(record, "tags"),
            updated=record.text("updated") or "",
            thesis_id=thesis_id,
            pos=record.pos,
        )
    )


_STANCES: tuple[tuple[str, Stance], ...] = (("pros", "pro"), ("cons", "con"))


def _claim_tree(record: Record, map_id: str, content: Content) -> str | None:
    """Add the claim defined by ``record`` and all claims nested in it; return its id."""
    if record.schema is REF:
        return record.text("ref")
    children: list[ChildLink] = []
    for key, stance in _STANCES:
        for child in record.records(key):
            child_id = _claim_tree(child, map_id, content)
            if child_id is not None:
                is_ref = child.schema is REF
                children.append(ChildLink(child_id, stance, is_ref, child.pos_of("ref") if is_ref else child.pos))
    claim_id = record.text("id")
    if claim_id is None:
        return None
    citations = tuple(
        Citation(source_id, c.text("locator"), c.text("note"), c.pos_of("source"))
        for c in record.records("sources")
        if (source_id := c.text("source")) is not None
    )
    content.claims.append(
        Claim(
            id=claim_id,
            # A claim whose text has an error is kept (the error is reported already), so that
            # refs to it do not also report it as missing.
            text=record.text("claim") or "",
            details=record.text("details"),
            citations=citations,
            tags=_tuple(record, "tags"),
            children=tuple(children),
            map_id=map_id,
            pos=record.pos_of("id"),
        )
    )
    return claim_id
