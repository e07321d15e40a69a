"""Search documents: every map, claim and source as the fields the index weighs and a result shows.

Stance is a claim's stance towards its parents ('thesis' for a map's thesis); side is the side
of each thesis it ends up on (a con of a con is for the thesis: ``standing.py``), so a reader
can ask for "arguments against" in either sense. A result names what the claim answers and its
side in each map. Its maps are every map it appears in, and a claim takes on the kind and year
of the sources it cites, so filters by source reach the claims resting on them. ``search.py``
turns these into files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..graph import Site
from ..model import Claim, DebateMap, Source
from ..pickling import by_fields
from . import routes, views
from .markdown import plain_text
from .search_text import block_text
from .standing import Sides

BODY_LIMIT = 1200
"""Characters of details or summary kept for excerpts (the whole text is indexed)."""

TITLE, TAGS, BODY, CITED = 8, 4, 2, 1
"""Field weights: a word in the claim itself counts eight times one in a cited source's title."""

PARENT_TEXT = 90
"""Characters of a parent's text a result shows ("Opposes: ...")."""

FACETS = ("stance", "side", "map", "tag", "kind", "year")
_SHOWN = {"stance": "s", "map": "m", "kind": "sk", "year": "y"}
"""Facets a result shows (its stance badges, its maps, a source's kind and year) and their short keys."""


@by_fields
@dataclass(frozen=True, slots=True)
class Record:
    """One searchable document: what the index holds and what a result shows."""

    kind: str
    """'map', 'claim' or 'source'."""
    id: str
    url: str
    """Site-relative URL of its page."""
    title: str
    body: str
    """Plain text for the excerpt: a claim's details, a map's or a source's summary."""
    extra: tuple[str, ...]
    """A second line: the sources a claim cites (a result shows those that match), a map's thesis, a source's byline."""
    fields: tuple[tuple[str, int], ...]
    """(text, weight) pairs that are indexed."""
    facets: tuple[tuple[str, tuple[str, ...]], ...]
    """Filter values by facet name."""
    answers: tuple[tuple[str, str, str], ...] = ()
    """A claim's parents as a result names them: (its stance towards the parent, the parent's
    text, clipped, and URL); at most ``standing.MAX_PARENTS``, both sides alike."""
    more_answers: str = ""
    """What ``answers`` leaves out ('and 3 more claims it supports'), or ''."""
    map_sides: tuple[str, ...] = ()
    """A claim's side of each map's thesis ('thesis', 'pro', 'con', 'both'), in the order of its maps."""

    def display(self) -> dict[str, Any]:
        data: dict[str, Any] = {"k": self.kind, "u": self.url, "t": self.title}
        if self.body:
            data["b"] = _clip(self.body)
        if self.extra:
            data["x"] = list(self.extra)
        if self.answers:
            data["p"] = [list(parent) for parent in self.answers]
        if self.more_answers:
            data["pm"] = self.more_answers
        if self.map_sides:
            data["o"] = list(self.map_sides)
        for name, values in self.facets:
            if values and name in _SHOWN:
                data[_SHOWN[name]] = list(values)
        return data


def records(site: Site) -> list[Record]:
    """Every map, claim and source as a search document: maps, then claims map by map, then sources."""
    documents = Documents(site)
    return [documents.record(kind, id_) for kind, id_ in documents.order()]


class Documents:
    """The search documents of a site, made one at a time, so a build with the cache can record
    what each one reads and make again only those an edit touches.

    What every document shares (which claims are theses, each claim's side of each thesis) is
    worked out by ``order``, so a document's own reads are its fields, its parents' texts and
    its sources, and the reads every document depends on are ``order``'s.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self.theses = {m.thesis_id for m in site.maps.values()}
        self.sides = Sides(site, views.maps_by_thesis(site))

    def order(self) -> list[tuple[str, str]]:
        """(kind, id) of every document in index order; each claim's sides worked out on the way."""
        site = self.site
        claims = list(_claim_order(site))
        for claim_id in claims:
            self.sides.masks(claim_id)
        return [
            *(("map", map_id) for map_id in site.maps),
            *(("claim", claim_id) for claim_id in claims),
            *(("source", source_id) for source_id in site.sources),
        ]

    def record(self, kind: str, id_: str) -> Record:
        site = self.site
        if kind == "map":
            return _map_record(site, site.maps[id_])
        if kind == "claim":
            return _claim_record(site, site.claims[id_], id_ in self.theses, self.sides)
        return _source_record(site, site.sources[id_])


def _claim_order(site: Site) -> Iterator[str]:
    """Claims in outline order, map by map (so one query's results share display files), then the rest."""
    seen: set[str] = set()
    for map_id in site.maps:
        for claim_id in site.map_claims.get(map_id, ()):
            if claim_id not in seen:
                seen.add(claim_id)
                yield claim_id
    yield from (c for c in site.claims if c not in seen)


def _map_record(site: Site, debate: DebateMap) -> Record:
    thesis = site.claims.get(debate.thesis_id)
    summary = block_text(debate.summary) if debate.summary else ""
    thesis_text = plain_text(thesis.text) if thesis else ""
    title = plain_text(debate.title)
    return Record(
        kind="map",
        id=debate.id,
        url=routes.map_url(debate.id),
        title=title,
        body=summary,
        extra=(thesis_text,) if thesis_text else (),
        fields=((title, TITLE), (" ".join(debate.tags), TAGS), (summary, BODY), (thesis_text, BODY)),
        facets=(("map", (debate.id,)), ("tag", debate.tags)),
    )


def _claim_record(site: Site, claim: Claim, is_thesis: bool, sides: Sides) -> Record:
    stances: set[str] = {p.stance for p in site.parents.get(claim.id, ()) if p.parent_id in site.claims}
    standing = sides.standing(claim)
    by_map = {debate.id: side for debate, side in standing.sides}
    maps = site.claim_maps.get(claim.id, ())
    side_values = tuple(s for s in ("pro", "con") if s in by_map.values() or "both" in by_map.values())
    if is_thesis or not stances:
        stances.add("thesis")
    cited = list(dict.fromkeys(c.source_id for c in claim.citations if c.source_id in site.sources))
    sources = [site.sources[s] for s in cited]
    cites = tuple(_citation_line(s) for s in sources)
    details = block_text(claim.details) if claim.details else ""
    title = plain_text(claim.text)
    return Record(
        kind="claim",
        id=claim.id,
        url=routes.claim_url(claim.id),
        title=title,
        body=details,
        extra=cites,
        fields=((title, TITLE), (" ".join(claim.tags), TAGS), (details, BODY), ("; ".join(cites), CITED)),
        facets=(
            ("stance", tuple(s for s in ("thesis", "pro", "con") if s in stances)),
            ("side", side_values),
            ("map", maps),
            ("tag", claim.tags),
            ("kind", _sorted_set(s.kind for s in sources)),
            ("year", _sorted_set(_year(s) for s in sources)),
        ),
        answers=tuple(
            (stance, _clip(plain_text(parent.text), PARENT_TEXT), routes.claim_url(parent.id))
            for stance, parent in standing.parents
        ),
        more_answers=standing.more_text,
        map_sides=tuple(by_map.get(m, "") for m in maps),
    )


def _source_record(site: Site, source: Source) -> Record:
    maps = _sorted_set(m for c in site.citing.get(source.id, ()) for m in site.claim_maps.get(c, ()))
    byline = " · ".join(x for x in (source.publisher, ", ".join(source.authors)) if x)
    summary = block_text(source.summary) if source.summary else ""
    labels = " ".join((*source.tags, byline, source.kind or ""))
    return Record(
        kind="source",
        id=source.id,
        url=routes.source_url(source.id),
        title=source.title,
        body=summary,
        extra=(byline,) if byline else (),
        fields=((source.title, TITLE), (labels, TAGS), (summary, BODY)),
        facets=(
            ("map", maps),
            ("tag", source.tags),
            ("kind", _sorted_set([source.kind])),
            ("year", _sorted_set([_year(source)])),
        ),
    )


def _citation_line(source: Source) -> str:
    """'Title (Publisher, report)': what a claim is found by when a reader names its source."""
    about = ", ".join(x for x in (source.publisher, source.kind) if x)
    return source.title + (f" ({about})" if about else "")


def _year(source: Source) -> str | None:
    return source.published[:4] if source.published else None


def _sorted_set(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v}))


def _clip(text: str, limit: int = BODY_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
