"""Read Argdown into an imported graph: statements and arguments become claims, relations pros and cons.

Supported: front matter, headings (each top-level heading a section; each tree in a section a
map), statements defined and referred to by title (``[T]: text``, ``[T]``), untitled statements,
arguments (``<A>: text``), relations in indented trees (``+``/``<+`` and ``-``/``<-`` from the
child, ``+>`` and ``->`` from the parent), tags (``#tag``, ``#(two words)``), data (``{...}``),
premise-conclusion structures and comments. What has no counterpart in the content format is
carried as the nearest thing and reported with its line: a premise-conclusion structure is
flattened (premises become pros of the argument, which supports its conclusion), a
contradiction or an undercut becomes a con. debatemap's own exports carry ids, details,
citations and map data in data blocks and the front matter (see docs/interop.md), so they come
back whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Stance
from .argdown_lines import DATA_MARK, Line, split
from .argdown_text import unescape
from .imported import Cite, Edge, Graph, MapSpec, Node, SourceSpec

_HEADING = re.compile(r"(#+) (.*)")
_PCS = re.compile(r"[ \t]*\((\d+)\)[ \t]*(.*)")
_INFERENCE = re.compile(r"[ \t]*--")
_LIST = re.compile(r"([ \t]*)(?:\*|\d+\.)(?=\s)[ \t]*(.*)")
_RELATION = re.compile(r"([ \t]*)(\+>|->|<\+|\+|<-|-|><|_>|<_|_(?=\s))[ \t]*(.*)")
_INCLUDE = re.compile(r"[ \t]*@include\(")
_STATEMENT_DEF = re.compile(r"\[(.+?)\]:")
_STATEMENT_REF = re.compile(r"\[([^-].*?)\]")
_ARGUMENT_DEF = re.compile(r"<(.+?)>:")
_ARGUMENT_REF = re.compile(r"<([^-].*?)>")
_TAG_OR_ESCAPE = re.compile(r"\\.|#(\([^)]+\)|[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)")
_DATA_REF = re.compile(f"{DATA_MARK}(\\d+){DATA_MARK}")

_FROM_CHILD: dict[str, tuple[Stance, str | None]] = {
    "+": ("pro", None), "<+": ("pro", None), "-": ("con", None), "<-": ("con", None),
    "><": ("con", "a contradiction"), "<_": ("con", "an undercut"), "_": ("con", "an undercut"),
}  # fmt: skip
"""Relations written under their target: the line's element supports or opposes the one above."""
_FROM_PARENT: dict[str, tuple[Stance, str | None]] = {"+>": ("pro", None), "->": ("con", None), "_>": ("con", "an undercut")}
"""Relations written under their source: the element above supports or opposes the line's element."""
_STATEMENT_KEYS = ("details", "sources")
_SECTION_KEYS = ("id", "tags", "updated", "summary")


@dataclass(slots=True)
class _Section:
    line: int
    title: str | None = None
    data: dict[str, object] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    mentioned: dict[str, None] = field(default_factory=dict)
    """Every element the section names, in order."""
    has_parent: set[str] = field(default_factory=set)
    """Elements that a relation written in this section makes a child."""
    top: dict[str, None] = field(default_factory=dict)
    """Elements written at the start of a line outside any relation, in order."""


@dataclass(slots=True)
class _Element:
    key: str
    defines: bool


@dataclass(slots=True)
class _Pcs:
    argument: str
    line: int
    items: list[tuple[_Element, int]] = field(default_factory=list)
    inference_at: int = -1
    """How many items came before the last inference line."""


class _Reader:
    def __init__(self, text: str, shown: str) -> None:
        self.graph = Graph()
        self.source = split(text, shown)
        for line, message in self.source.problems:
            self.graph.note(line, message)
        self.sections = [_Section(1)]
        self.untitled = 0
        self.stack: list[tuple[int, str]] = []
        self.last: str | None = None
        """The element the previous line defined or named, for a line that continues its text."""
        self.top_argument: str | None = None
        self.pcs: _Pcs | None = None
        self.source_keys: dict[str, str] = {}

    # -- elements -----------------------------------------------------------------------------

    def element(self, content: str, line: int) -> _Element | None:
        """The statement or argument a line (after any relation sign) defines or names."""
        for pattern, prefix, defining in (
            (_STATEMENT_DEF, "s:", True), (_STATEMENT_REF, "s:", False),
            (_ARGUMENT_DEF, "a:", True), (_ARGUMENT_REF, "a:", False),
        ):  # fmt: skip
            found = pattern.match(content)
            if found:
                title = unescape(found.group(1)).strip()
                text, tags, data = self.text(content[found.end() :])
                return self.node(prefix + title, title, text if defining else "", line, tags, data)
        text, tags, data = self.text(content)
        if not text:
            if data or tags:
                self.graph.note(line, "tags or data with no statement before them: left out")
            return None
        self.untitled += 1
        return self.node(f"u:{self.untitled}", "", text, line, tags, data)

    def node(self, key: str, title: str, text: str, line: int, tags: list[str], data: list[object]) -> _Element:  # noqa: PLR0917
        node = self.graph.nodes.get(key)
        if node is None:
            node = self.graph.nodes[key] = Node(key, title or text, text, line)
        elif text and not node.text:
            node.text = text
            node.line = line
        elif text and text != node.text:
            self.graph.note(line, f"[{title}] is given another text here: the first (line {node.line}) is kept")
        node.tags += [tag for tag in tags if tag not in node.tags]
        for block in data:
            self.statement_data(node, block, line)
        return _Element(key, bool(text))

    def text(self, content: str) -> tuple[str, list[str], list[object]]:
        """The text of an element with its tags and data taken out; trailing tags leave no trace."""
        data = [self.source.data[int(n)] for n in _DATA_REF.findall(content)]
        content = _DATA_REF.sub(" ", content)
        tags: list[str] = []
        pieces: list[str] = []
        last = 0
        for found in _TAG_OR_ESCAPE.finditer(content):
            if found.group(1) is None:
                continue
            tag = found.group(1)
            tags.append(tag[1:-1] if tag.startswith("(") else tag)
            pieces.append(content[last : found.start()])
            pieces.append(f"\x01{tags[-1]}\x01")
            last = found.end()
        pieces.append(content[last:])
        text = "".join(pieces).strip()
        while text.endswith("\x01"):  # tags at the end are only tags
            text = text[: text.rstrip("\x01").rfind("\x01")].rstrip()
        text = re.sub("\x01([^\x01]*)\x01", r"\1", text)
        return unescape(text).strip(), tags, data

    def statement_data(self, node: Node, block: object, line: int) -> None:
        if not isinstance(block, dict):
            if block is not None:
                self.graph.note(line, "data that is not a mapping: left out")
            return
        for key, value in block.items():
            if key == "details" and isinstance(value, str):
                node.details = value
            elif key == "sources" and isinstance(value, list):
                node.cites += [cite for item in value if (cite := self.citation(item, line)) is not None]
            else:
                self.graph.note(line, f"data '{key}' has no place in a claim: left out")

    def citation(self, item: object, line: int) -> Cite | None:
        if not isinstance(item, dict) or not isinstance(item.get("source"), str):
            self.graph.note(line, "a source in data without a 'source' name: left out")
            return None
        name = item["source"]
        key = self.source_keys.get(name)
        url = item.get("url")
        if key is None and isinstance(url, str):
            key = self.source_keys[name] = f"id:{name}"
            self.graph.sources[key] = SourceSpec(key, name, url, line, id_hint=name)
        if key is None:
            self.graph.note(line, f"source '{name}' is not in the front matter and has no url: left out")
            return None
        locator, note = item.get("locator"), item.get("note")
        return Cite(key, locator if isinstance(locator, str) else None, note if isinstance(note, str) else None)

    # -- lines --------------------------------------------------------------------------------

    def read(self) -> Graph:
        self.front_matter()
        lines = self.source.lines
        levels = [len(h.group(1)) for line in lines if (h := _HEADING.match(line.text))]
        top = min(levels, default=1)
        previous_blank = True
        for line in lines:
            text = line.text
            if not text.strip():
                self.stack = []
                self.last = None
                previous_blank = True
                continue
            heading = _HEADING.match(text)
            if heading and len(heading.group(1)) == top:
                self.end_pcs()
                self.section(heading.group(2), line.number)
            elif heading:
                pass  # a subsection stays in its section
            elif _INCLUDE.match(text):
                self.graph.note(line.number, "@include is not followed: import each file on its own")
            elif _INFERENCE.match(text):
                if self.pcs is None:
                    self.graph.note(line.number, "an inference line outside a premise-conclusion structure: left out")
                else:
                    self.pcs.inference_at = len(self.pcs.items)
            elif found := _PCS.match(text):
                self.pcs_item(found.group(2), line)
            else:
                self.end_pcs()
                self.plain_line(text, line, previous_blank)
            previous_blank = False
        self.end_pcs()
        self.make_maps()
        return self.graph

    def plain_line(self, text: str, line: Line, previous_blank: bool) -> None:
        relation = _RELATION.match(text)
        if relation and not (relation.group(2) == "-" and relation.group(3).startswith("-")):
            self.relation(len(relation.group(1)), relation.group(2), relation.group(3), line.number)
            return
        listed = _LIST.match(text)
        content = listed.group(2) if listed else text.strip()
        starts_element = content.startswith(("[", "<"))
        if not previous_blank and self.last is not None and not starts_element and not listed:
            self.continue_text(content, line.number)
            return
        element = self.element(content, line.number)
        if element is None:
            return
        self.mention(element.key)
        self.sections[-1].top.setdefault(element.key, None)
        self.stack = [(len(text) - len(text.lstrip()), element.key)]
        self.last = element.key
        self.top_argument = element.key if element.key.startswith("a:") else None

    def continue_text(self, content: str, line: int) -> None:
        assert self.last is not None
        node = self.graph.nodes[self.last]
        text, tags, data = self.text(content)
        node.text = f"{node.text} {text}".strip()
        node.tags += [tag for tag in tags if tag not in node.tags]
        for block in data:
            self.statement_data(node, block, line)

    def relation(self, indent: int, sign: str, content: str, line: int) -> None:
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        element = self.element(content, line)
        if element is None:
            return
        self.mention(element.key)
        if not self.stack:
            self.graph.note(line, "a relation with no statement above it: its element is read on its own")
        else:
            parent = self.stack[-1][1]
            if sign in _FROM_CHILD:
                stance, kind = _FROM_CHILD[sign]
                self.edge(parent, element.key, stance, line, element.defines)
            else:
                stance, kind = _FROM_PARENT[sign]
                self.edge(element.key, parent, stance, line, False)
            if kind is not None:
                self.graph.note(line, f"'{sign}' is {kind}, which the content format does not have: carried as a con")
        self.stack.append((indent, element.key))
        self.last = element.key

    def edge(self, parent: str, child: str, stance: Stance, line: int, defines: bool) -> None:
        self.graph.nodes[parent].children.append(Edge(child, stance, line, defines))
        self.sections[-1].has_parent.add(child)

    def mention(self, key: str) -> None:
        self.sections[-1].mentioned.setdefault(key, None)

    # -- arguments ----------------------------------------------------------------------------

    def pcs_item(self, content: str, line: Line) -> None:
        if self.pcs is None:
            argument = self.top_argument
            if argument is None:
                self.untitled += 1
                argument = f"a:Untitled argument {self.untitled}"
                self.graph.nodes[argument] = Node(argument, "", "", line.number)
                self.mention(argument)
            self.pcs = _Pcs(argument, line.number)
        element = self.element(content, line.number)
        if element is not None:
            self.pcs.items.append((element, line.number))

    def end_pcs(self) -> None:
        pcs, self.pcs = self.pcs, None
        if pcs is None or not pcs.items:
            return
        cut = pcs.inference_at if 0 < pcs.inference_at < len(pcs.items) else len(pcs.items) - 1
        premises, conclusion = pcs.items[:cut], pcs.items[-1]
        for element, line in premises:
            self.edge(pcs.argument, element.key, "pro", line, element.defines)
        self.edge(conclusion[0].key, pcs.argument, "pro", conclusion[1], False)
        self.mention(conclusion[0].key)
        argument = self.graph.nodes[pcs.argument]
        if not argument.text:
            argument.text = argument.title or self.graph.nodes[conclusion[0].key].text
        self.graph.note(
            pcs.line,
            f"the premise-conclusion structure of <{argument.title}> is flattened: its {len(premises)} premise(s) "
            "became pros of the argument, which supports its conclusion",
        )

    # -- sections and maps --------------------------------------------------------------------

    def front_matter(self) -> None:
        front = self.source.front_matter
        if not isinstance(front, dict):
            return
        if isinstance(front.get("title"), str):
            self.graph.title = front["title"]
        ours = front.get("debatemap")
        sources = ours.get("sources") if isinstance(ours, dict) else None
        if not isinstance(sources, dict):
            return
        for name, record in sources.items():
            if not isinstance(record, dict) or not isinstance(record.get("url"), str):
                self.graph.note(1, f"source '{name}' in the front matter has no url: left out")
                continue
            key = self.source_keys[name] = f"id:{name}"
            spec = SourceSpec(key, str(record.get("title") or name), record["url"], 1, id_hint=name)
            for attribute in ("publisher", "published", "kind", "archived", "summary"):
                if isinstance(record.get(attribute), str):
                    setattr(spec, attribute, record[attribute])
            spec.authors = [a for a in record.get("authors") or () if isinstance(a, str)]
            spec.tags = [t for t in record.get("tags") or () if isinstance(t, str)]
            self.graph.sources[key] = spec

    def section(self, content: str, line: int) -> None:
        text, tags, data = self.text(content)
        section = _Section(line, text, tags=tags)
        for block in data:
            if isinstance(block, dict):
                section.data.update(block)
        for key in section.data:
            if key not in _SECTION_KEYS:
                self.graph.note(line, f"data '{key}' has no place in a map: left out")
        self.sections.append(section)
        self.stack = []
        self.last = None

    def make_maps(self) -> None:
        # A thesis counts as written out at the top of its map unless a relation writes it out elsewhere.
        under_relation = {edge.child for node in self.graph.nodes.values() for edge in node.children if edge.defines}
        used: set[str] = set()
        for section in self.sections:
            roots = self.roots(section)
            ours = "id" in section.data
            with_replies = [key for key in roots if self.graph.nodes[key].children]
            kept = []
            for key in roots:
                node = self.graph.nodes[key]
                if key not in with_replies and not ours:
                    self.graph.note(node.line, f"'{node.text or node.title}' has no pros or cons: not made a map")
                elif key in used:
                    self.graph.note(node.line, f"'{node.text or node.title}' heads an earlier map too: one map is made")
                else:
                    used.add(key)
                    kept.append(key)
            for key in kept:
                spec = self.map_spec(section, key, alone=len(kept) == 1 or ours)
                spec.defines_thesis = key not in under_relation
                self.graph.maps.append(spec)

    def roots(self, section: _Section) -> list[str]:
        """The trees a section holds: what it names without making it a child, then any line's
        element those do not reach (a loop has no such top: its first element written stands for it)."""
        roots = [key for key in section.mentioned if key not in section.has_parent]
        reached: set[str] = set()
        stack = list(roots)
        for key in (None, *section.top):
            if key is not None and key not in reached:
                roots.append(key)
                stack.append(key)
            while stack:
                current = stack.pop()
                if current not in reached:
                    reached.add(current)
                    stack.extend(edge.child for edge in self.graph.nodes[current].children)
        order = {key: n for n, key in enumerate(section.mentioned)}
        return sorted(roots, key=order.__getitem__)

    def map_spec(self, section: _Section, key: str, *, alone: bool) -> MapSpec:
        node = self.graph.nodes[key]
        title = section.title if alone and section.title else (node.title if not key.startswith("u:") else node.text)
        spec = MapSpec(title or node.text, key, node.line)
        if alone:
            data = section.data
            spec.id_hint, spec.summary, spec.updated = (_text_or_none(data.get(key)) for key in ("id", "summary", "updated"))
            listed = data.get("tags")
            spec.tags = [*section.tags, *(t for t in listed if isinstance(t, str))] if isinstance(listed, list) else section.tags
        return spec


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_argdown(text: str, shown: str) -> Graph:
    return _Reader(text, shown).read()
