"""Turn a laid-out import into new content files, and write them without touching any file there.

Ids are made from the input's titles (or texts), valid and unique against the content already
in the folder; a source whose URL the folder already has is cited, not written again. Every
value is checked against the same declarations ``check`` uses before it is written, and what
does not fit (an overlong claim, an invalid URL) is changed or left out with a note, so the
files pass ``debatemap check``. Files are created exclusively: an existing file is never
overwritten, even one that appeared while the import ran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content import content_files, read_content
from ..diagnostics import Diagnostic, UsageError
from ..schema import CITATION, CLAIM, MAP, MAP_RESERVED, RESERVED_IDS, SOURCE, SOURCE_RESERVED, Schema
from ..validate import scalar_problems
from . import yaml_out
from .imported import Cite, Graph, Node, Note, slug, unique_id
from .layout import Layout
from .yaml_out import Raw

YamlNode = yaml_out.Node


@dataclass(slots=True)
class Existing:
    """What the content folder already holds: ids that are taken, and sources by URL."""

    claims: set[str] = field(default_factory=set)
    maps: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    source_urls: dict[str, str] = field(default_factory=dict)
    has_site: bool = False


def existing_content(root: Path) -> Existing:
    found = Existing()
    if not root.is_dir():
        return found
    found.has_site = (root / "site.yaml").exists()
    for kind, _, path, _ in content_files(root):
        if kind == "map":
            found.maps.add(path.stem)
        elif kind == "source":
            found.sources.add(path.stem)
    for folder, names in (("maps", found.maps), ("sources", found.sources)):  # any file name, even not .yaml
        if (root / folder).is_dir():
            names.update(path.stem for path in (root / folder).iterdir())
    diags: list[Diagnostic] = []
    content = read_content(root, diags)
    found.claims.update(claim.id for claim in content.claims)
    found.maps.update(m.id for m in content.maps)
    for source in content.sources:
        found.sources.add(source.id)
        found.source_urls.setdefault(source.url, source.id)
    return found


@dataclass(slots=True)
class Plan:
    files: list[tuple[Path, str]] = field(default_factory=list)
    maps: int = 0
    claims: int = 0
    sources: int = 0
    reused_sources: int = 0


_TAG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A tag that is already an id (most are) needs no slug."""


def _limit(schema: Schema, name: str) -> int:
    spec = schema.field(name)
    assert spec is not None
    return spec.max_length


def _problem(schema: Schema, name: str, text: str) -> str | None:
    spec = schema.field(name)
    assert spec is not None
    found = scalar_problems(text, spec)
    return found[0].message if found else None


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters at a word, ending with an ellipsis."""
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


class Planner:
    def __init__(self, graph: Graph, layout: Layout, root: Path, existing: Existing, *, today: str, origin: str) -> None:
        self.graph = graph
        self.layout = layout
        self.root = root
        self.existing = existing
        self.today = today
        self.origin = yaml_out.inline(origin)  # a file name may hold a line break: never into a comment
        self.claim_ids: dict[str, str] = {}
        self.source_ids: dict[str, str] = {}
        self.new_sources: list[str] = []

    def note(self, line: int, message: str) -> None:
        self.graph.notes.append(Note(line, message))

    def plan(self) -> Plan:
        plan = Plan()
        taken = set(self.existing.claims)
        for key in self.layout.order:
            node = self.graph.nodes[key]
            self.claim_ids[key] = unique_id(node.title, taken, "claim")
            taken.add(self.claim_ids[key])
        self._plan_sources()
        map_taken = set(self.existing.maps) | MAP_RESERVED
        header = f"# Imported from {self.origin} by debatemap import."
        for index, spec in enumerate(self.graph.maps):
            map_id = unique_id(spec.id_hint or spec.title, map_taken, "map")
            map_taken.add(map_id)
            if spec.id_hint and map_id != spec.id_hint:
                self.note(spec.line, f"map id '{spec.id_hint}' is taken or invalid here: the map is '{map_id}'")
            doc = YamlNode()
            title = yaml_out.inline(spec.title) or "Untitled debate"
            if len(title) > _limit(MAP, "title"):
                self.note(spec.line, f"the question is longer than {_limit(MAP, 'title')} characters: shortened")
                title = _cut(title, _limit(MAP, "title"))
            doc.add("title", title)
            if spec.summary:
                doc.add("summary", self._markdown(spec.summary, MAP, spec.line))
            self._add_tags(doc, spec.tags, spec.line)
            updated = spec.updated or self.today
            if _problem(MAP, "updated", updated) is not None:
                self.note(spec.line, f"'{updated}' is not a date: the map is dated {self.today}")
                updated = self.today
            doc.add("updated", Raw(updated))
            root: tuple[str, str, int] = ("root", str(index), 0)
            if self.layout.defined_at.get(spec.thesis) == root:
                doc.add("thesis", self._claim(spec.thesis))
            else:
                doc.add("thesis", YamlNode([("ref", Raw(self.claim_ids[spec.thesis]))]))
            plan.files.append((self.root / "maps" / f"{map_id}.yaml", yaml_out.dump(doc, header)))
            plan.maps += 1
        for key in self.new_sources:
            plan.files.append((self.root / "sources" / f"{self.source_ids[key]}.yaml", self._source(key)))
        plan.claims = len(self.claim_ids)
        plan.sources = len(self.new_sources)
        plan.reused_sources = len(self.source_ids) - len(self.new_sources)
        if not self.existing.has_site:
            title = yaml_out.inline(self.graph.title or (self.graph.maps[0].title if self.graph.maps else "")) or "Debates"
            if len(title) > 300:
                title = _cut(title, 300)
            site = YamlNode([("title", title), ("description", f"Imported from {self.origin}.")])
            plan.files.insert(0, (self.root / "site.yaml", yaml_out.dump(site)))
        return plan

    # -- claims -------------------------------------------------------------------------------

    def _claim(self, key: str) -> YamlNode:
        node = self.graph.nodes[key]
        out = YamlNode([("id", Raw(self.claim_ids[key]))])
        text = yaml_out.inline(node.text)
        details = yaml_out.block(node.details) if node.details else ""
        limit = _limit(CLAIM, "claim")
        if not text:
            text = yaml_out.inline(node.title) or "(no text)"
            self.note(node.line, f"'{node.title}' has no text of its own: its title is its claim")
        if len(text) > limit:
            self.note(node.line, f"the claim is longer than {limit} characters: shortened, the whole text kept in its details")
            details = text + ("\n\n" + details if details else "")
            text = _cut(text, limit)
        out.add("claim", text)
        if details:
            out.add("details", self._markdown(details, CLAIM, node.line))
        citations = [self._citation(cite, node) for cite in node.cites if cite.source in self.source_ids]
        if citations:
            out.add("sources", citations[:100])
            if len(citations) > 100:
                self.note(node.line, f"the claim cites {len(citations)} sources; the first 100 are kept")
        self._add_tags(out, node.tags, node.line)
        pros: list[YamlNode] = []
        cons: list[YamlNode] = []
        for position, edge in enumerate(self.layout.edges[key]):
            if self.layout.defined_at.get(edge.child) == ("edge", key, position):
                child = self._claim(edge.child)
            else:
                child = YamlNode([("ref", Raw(self.claim_ids[edge.child]))])
            (pros if edge.stance == "pro" else cons).append(child)
        if pros:
            out.add("pros", pros)
        if cons:
            out.add("cons", cons)
        return out

    def _markdown(self, text: str, schema: Schema, line: int) -> str:
        text = yaml_out.block(text)
        limit = _limit(schema, "details" if "details" in schema.by_name else "summary")
        if len(text) > limit:
            self.note(line, f"a text longer than {limit} characters was cut to fit")
            text = text[:limit].rstrip()
        return text

    def _add_tags(self, doc: YamlNode, tags: list[str], line: int) -> None:
        """``tags`` made valid (slugs, no reserved word, no repeats, at most 50) under ``doc``, if any are left."""
        out: list[str] = []
        for tag in tags:
            made = tag if _TAG.fullmatch(tag) else slug(tag, 75)
            if made in RESERVED_IDS:  # a tag is an id too, and `index` would collide with a page
                made = f"{made}-tag"
            if not made:
                self.note(line, f"tag '{tag}' has no letters or digits to make a tag of: left out")
            elif made not in out:
                out.append(made)
        if len(out) > 50:
            self.note(line, f"{len(out)} tags; the first 50 are kept")
        if out:
            doc.add("tags", [Raw(tag) for tag in out[:50]])

    def _citation(self, cite: Cite, node: Node) -> YamlNode:
        out = YamlNode([("source", Raw(self.source_ids[cite.source]))])
        for name, value in (("locator", cite.locator), ("note", cite.note)):
            if value:
                text = yaml_out.inline(value)
                limit = _limit(CITATION, name)
                if len(text) > limit:
                    self.note(node.line, f"a citation's {name} is longer than {limit} characters: shortened")
                    text = _cut(text, limit)
                if text:
                    out.add(name, text)
        return out

    # -- sources ------------------------------------------------------------------------------

    def _plan_sources(self) -> None:
        cited = {cite.source for key in self.claim_ids for cite in self.graph.nodes[key].cites}
        taken = set(self.existing.sources) | SOURCE_RESERVED
        for key, spec in self.graph.sources.items():
            if key not in cited:
                continue
            problem = _problem(SOURCE, "url", spec.url)
            if problem is not None:
                self.note(spec.line, f"source '{spec.title}' is left out: {problem}")
                continue
            known = self.existing.source_urls.get(spec.url)
            if known is not None:
                self.source_ids[key] = known
                continue
            seed = spec.id_hint or spec.title or spec.url
            source_id = unique_id(seed, taken, "source")
            if spec.id_hint and source_id != spec.id_hint:
                self.note(spec.line, f"source id '{spec.id_hint}' is taken or invalid here: the source is '{source_id}'")
            taken.add(source_id)
            self.source_ids[key] = source_id
            self.existing.source_urls[spec.url] = source_id
            self.new_sources.append(key)

    def _source(self, key: str) -> str:
        spec = self.graph.sources[key]
        doc = YamlNode()
        title = yaml_out.inline(spec.title) or spec.url
        if len(title) > _limit(SOURCE, "title"):
            title = _cut(title, _limit(SOURCE, "title"))
        doc.add("title", title)
        doc.add("url", spec.url)
        for name in ("publisher", "published", "kind", "archived"):
            value = getattr(spec, name)
            if not value:
                continue
            value = yaml_out.inline(value)
            problem = _problem(SOURCE, name, value)
            if problem is not None:
                self.note(spec.line, f"source '{spec.title}': {problem}; left out")
                continue
            doc.add(name, value)
        authors = [a for a in (yaml_out.inline(a) for a in spec.authors) if a][:100]
        if authors:
            doc.add("authors", authors)
        if spec.summary:
            doc.add("summary", self._markdown(spec.summary, SOURCE, spec.line))
        self._add_tags(doc, spec.tags, spec.line)
        return yaml_out.dump(doc)


def write_plan(plan: Plan) -> list[Path]:
    """Create every planned file, or none: all are checked to be new first, then made exclusively,
    and on any failure the files this call made are removed again."""
    clashes = [path for path, _ in plan.files if path.exists() or path.is_symlink()]
    if clashes:
        raise UsageError(f"{clashes[0]} already exists; debatemap import never overwrites a file")
    written: list[Path] = []
    try:
        for path, text in plan.files:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                written.append(path)
                handle.write(text)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, FileExistsError):
            raise UsageError(f"{exc.filename} appeared while importing; nothing was written") from None
        raise UsageError(f"cannot write {exc.filename}: {exc.strerror or exc}; nothing was written") from None
    return written
