"""Read Kialo's text export: a numbered outline of claims with Pro/Con labels.

The format, as Kialo writes it and third-party parsers (kialoparser) describe it::

    Discussion Title: Should cities build protected bike lanes?

    1. Cities should build protected bike lanes.
    1.1. Pro: Protected lanes cut injuries. [A study](https://example.org/study) found ...
    1.1.1. Con: Injuries move to junctions.[1]
    1.2. Con: -> See 1.1.1.

    Sources:
    [1] Junction review, https://example.org/junctions

``1.`` is the thesis (in a multi-thesis discussion it is the question, and its unlabelled
children are the theses); ``-> See N.`` reuses the claim numbered N; a line without a number
continues the claim above. Links in a claim become sources it cites and stay in its text;
footnote markers ``[N]`` cite the entries of the closing ``Sources:`` list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..model import Stance
from .imported import Cite, Edge, Graph, MapSpec, Node, SourceSpec, slug

_ENTRY = re.compile(r"\s*((?:\d+\.)+)(?=\s|$)\s*(.*)")
_LABEL = re.compile(r"(Pro|Con|Thesis)\s*:\s*(.*)", re.IGNORECASE | re.DOTALL)
_SEE = re.compile(r"->\s*See\s+((?:\d+\.)+)\s*", re.IGNORECASE)
_TITLE = re.compile(r"\s*Discussion\s+Title\s*:\s*(.*)", re.IGNORECASE)
_SOURCES = re.compile(r"\s*Sources\s*:\s*", re.IGNORECASE)
_FOOTNOTE_ENTRY = re.compile(r"\s*(?:\[(\d+)\]:?|(\d+)[.)])\s+(.*)")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(((?:\\.|[^()\\\s]|\((?:\\.|[^()\\\s])*\))+)\)")
"""A Markdown link; its address may hold escaped or balanced parentheses, as Kialo writes them."""
_MARKER = re.compile(r"\s?\[(\d+)\](?![(:])")
_URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass(slots=True)
class _Entry:
    number: str
    line: int
    label: str | None
    text: str
    see: str | None = None
    lines: list[str] = field(default_factory=list)


def read_kialo(text: str) -> Graph:
    graph = Graph()
    entries: dict[str, _Entry] = {}
    order: list[str] = []
    footnotes: dict[str, tuple[str, int]] = {}
    current: _Entry | None = None
    in_sources = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if graph.title is None and not entries and (title := _TITLE.fullmatch(line)):
            graph.title = title.group(1).strip()
            continue
        if _SOURCES.fullmatch(line) and entries:
            in_sources = True
            continue
        if in_sources:
            found = _FOOTNOTE_ENTRY.fullmatch(line)
            if found:
                footnotes[found.group(1) or found.group(2)] = (found.group(3).strip(), number)
            else:
                graph.note(number, f"a line in the Sources list that is not a numbered source: left out: '{line.strip()}'")
            continue
        entry = _entry(line, number, entries, order)
        if entry is None:
            if current is None:
                graph.note(number, f"text before the first numbered claim: left out: '{line.strip()}'")
            else:
                current.lines.append(line.strip())
            continue
        entries[entry.number] = entry
        order.append(entry.number)
        current = entry
    _build(graph, entries, order, footnotes)
    return graph


def _parent(number: str) -> str:
    return number[: number[:-1].rfind(".") + 1]


def _entry(line: str, number: int, entries: dict[str, _Entry], order: list[str]) -> _Entry | None:
    """The numbered claim on ``line``, or None when the line continues the one before.

    A number counts only where it fits the outline (its parent is known, and it is new), so a
    continued line that happens to start with "2." stays text.
    """
    found = _ENTRY.fullmatch(line)
    if found is None:
        return None
    index, rest = found.group(1), found.group(2).strip()
    parent = _parent(index)
    if index in entries or (parent and parent not in entries) or (not parent and order and index != _next_root(order)):
        return None
    label = None
    labelled = _LABEL.fullmatch(rest)
    if labelled:
        label, rest = labelled.group(1).lower(), labelled.group(2).strip()
    see = _SEE.fullmatch(rest)
    return _Entry(index, number, label, "" if see else rest, see.group(1) if see else None)


def _next_root(order: list[str]) -> str:
    last = max(int(n.split(".")[0]) for n in order)
    return f"{last + 1}."


def _build(graph: Graph, entries: dict[str, _Entry], order: list[str], footnotes: dict[str, tuple[str, int]]) -> None:
    children: dict[str, list[str]] = {number: [] for number in order}
    for number in order:
        parent = _parent(number)
        if parent:
            children[parent].append(number)
    questions = {
        number
        for number in order
        if not _parent(number) and children[number]
        and all(entries[c].label in (None, "thesis") and entries[c].see is None for c in children[number])
    }  # fmt: skip
    sources = _Sources(graph, footnotes)
    for number in order:
        entry = entries[number]
        if entry.see is not None or number in questions:
            continue
        body = "\n".join([entry.text, *entry.lines]).strip()
        text, cites = sources.cite(body, entry.line)
        graph.nodes[number] = Node(number, slug(_words(text), 50) or "claim", text, entry.line, cites=cites)
    roots = [n for n in order if not _parent(n)]
    for root in roots:
        if root in questions:
            for thesis in children[root]:
                graph.maps.append(MapSpec(entries[root].text, thesis, entries[thesis].line))
        else:
            title = graph.title if len(roots) == 1 and graph.title else entries[root].text
            graph.maps.append(MapSpec(title or entries[root].text, root, entries[root].line))
    for number in order:
        parent = _parent(number)
        entry = entries[number]
        if not parent or parent in questions or parent not in graph.nodes:
            continue
        stance: Stance = "con" if entry.label == "con" else "pro"
        if entry.label not in ("pro", "con"):
            graph.note(entry.line, f"claim {number} has no Pro: or Con: label: taken as a pro")
        if entry.see is None:
            graph.nodes[parent].children.append(Edge(number, stance, entry.line, defines=True))
            continue
        target = _resolve(entry.see, entries)
        if target is None or target not in graph.nodes:
            graph.note(entry.line, f"'-> See {entry.see}' names no claim of this discussion: left out")
            continue
        graph.nodes[parent].children.append(Edge(target, stance, entry.line, defines=False))


def _words(text: str) -> str:
    """A claim's words without link addresses, escapes or emphasis marks: the seed of its id."""
    return re.sub(r"[\\*_`]", "", _LINK.sub(lambda link: link.group(1), text))


def _resolve(number: str, entries: dict[str, _Entry]) -> str | None:
    """The claim a ``See`` link names, following links to links; None if it leads nowhere."""
    seen: set[str] = set()
    while number in entries and entries[number].see is not None and number not in seen:
        seen.add(number)
        number = entries[number].see or ""
    return number if number in entries and entries[number].see is None else None


class _Sources:
    """Sources made from a discussion's links and footnotes, one per address."""

    def __init__(self, graph: Graph, footnotes: dict[str, tuple[str, int]]) -> None:
        self.graph = graph
        self.footnotes = footnotes
        self.by_url: dict[str, str] = {}

    def _source(self, url: str, title: str, line: int) -> str:
        key = self.by_url.get(url)
        if key is None:
            key = self.by_url[url] = f"url:{url}"
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            path = urlsplit(url).path.strip("/")
            hint = slug(f"{host} {path}", 60) or "source"
            self.graph.sources[key] = SourceSpec(key, title or url, url, line, id_hint=hint, publisher=host or None)
        return key

    def cite(self, text: str, line: int) -> tuple[str, list[Cite]]:
        """The claim's text (footnote markers taken out) and the sources it cites, in order."""
        keys: list[str] = []
        for link in _LINK.finditer(text):
            url = re.sub(r"\\(.)", r"\1", link.group(2))
            if url.startswith(("http://", "https://")):
                keys.append(self._source(url, re.sub(r"\\(.)", r"\1", link.group(1)).strip(), line))

        def footnote(match: re.Match[str]) -> str:
            entry = self.footnotes.get(match.group(1))
            if entry is None:
                self.graph.note(line, f"footnote [{match.group(1)}] is not in the Sources list: kept as text")
                return match.group(0)
            note, note_line = entry
            address = _URL.search(note)
            if address is None:
                message = f"source [{match.group(1)}] has no web address, so it cannot be a source: kept as text"
                self.graph.note(note_line, message)
                return match.group(0)
            url = address.group(0).rstrip(".,;)")
            title = (note[: address.start()] + note[address.end() :]).strip(" ,.;:-\u2013") or url
            keys.append(self._source(url, title, note_line))
            return ""

        text = _MARKER.sub(footnote, text).strip()
        unique = list(dict.fromkeys(keys))
        return text, [Cite(key) for key in unique]
