"""```` ```debatemap ```` blocks in the host's Markdown pages: find them, check them, show them.

A block is YAML: ``map: <id>`` or ``claim: <id>``, and ``view: outline | drawing | card``. It is
checked like a content file (the same YAML loader and schema validator, so a typo gets the same
"did you mean" hint) and an unknown id is an error at the page's file and line.

Each block is swapped for a placeholder word before MkDocs converts the Markdown and for our HTML
after: the HTML never passes through the host's Markdown extensions, which could mangle it, and
the placeholder survives any of them because it is a plain word. Fences are found as CommonMark
reads them (backticks or tildes, a closing fence at least as long), so a ```` ```debatemap ```` shown
inside a longer fence, as documentation does, stays an example.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import rules
from ..diagnostics import Diagnostic, Position
from ..graph import Site
from ..load import parse_yaml
from ..schema import Field, Kind, Schema
from ..validate import validate
from .fragments import Embed, Fragments

VIEWS = ("outline", "drawing", "card")
EMBED = Schema(
    "debatemap block",
    "A map or claim shown inside a page of an MkDocs site.",
    (
        Field("map", Kind.ID, "The id of the map to show."),
        Field("claim", Kind.ID, "The id of the claim to show."),
        Field("view", Kind.CHOICE, "outline, drawing or card; by default a map's outline, a claim's card.", choices=VIEWS),
    ),
)  # fmt: skip
DEFAULT_VIEW = {"map": "outline", "claim": "card"}
LANGUAGE = "debatemap"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True, slots=True)
class Block:
    """One fenced block of ours: lines ``start`` to ``end`` (exclusive, 0-based) of the Markdown."""

    start: int
    end: int
    indent: str
    body: str


def find_blocks(markdown: str) -> Iterator[Block]:
    if LANGUAGE not in markdown:  # most pages: no need to look at their lines
        return
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None or (opening["fence"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        fence, indent = opening["fence"], opening["indent"]
        close = index + 1
        while close < len(lines) and not _closes(lines[close], fence):
            close += 1
        info = opening["info"].split()
        if info and info[0] == LANGUAGE:
            body = [line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[index + 1 : close]]
            yield Block(index, min(close + 1, len(lines)), indent, "\n".join(body))
        index = close + 1


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def check_block(block: Block, site: Site, shown: str, first_line: int, diags: list[Diagnostic]) -> Embed | None:
    """The block as an ``Embed``, or None after adding its problems to ``diags``. ``first_line`` is
    the file's line number of the Markdown's first line (front matter comes before it)."""
    fence_line = first_line + block.start
    where = Position(shown, fence_line, len(block.indent) + 1)
    before = len(diags)
    tree = parse_yaml(block.body, shown, diags, fence_line)
    if len(diags) > before:
        return None
    record = validate(tree, EMBED, diags, where)
    if record is None or len(diags) > before:
        return None
    named = [kind for kind in ("map", "claim") if record.text(kind) is not None]
    if len(named) != 1:
        problem = "names both a map and a claim" if named else "names no map and no claim"
        diags.append(
            rules.INVALID_EMBED.at(where, f"the debatemap block {problem}", hint="give one of `map: <id>` or `claim: <id>`")
        )
        return None
    kind = named[0]
    key = record.text(kind) or ""
    known = site.maps if kind == "map" else site.claims
    if key not in known:
        diags.append(rules.UNKNOWN_EMBED.at(record.pos_of(kind), f"no {kind} has the id '{key}'", hint=_close_ids(key, known)))
        return None
    return Embed(kind, key, record.text("view") or DEFAULT_VIEW[kind])


def _close_ids(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else "the ids are the file names in maps/ and the `id:` of each claim"


def placeholder(markdown: str, number: int) -> str:
    """A word that Markdown leaves as it is and that this page's text does not contain."""
    return f"debatemapembed{hashlib.sha256(markdown.encode()).hexdigest()[:12]}x{number}"


def put_placeholders(markdown: str, blocks: list[Block], words: list[str]) -> str:
    """``markdown`` with each block replaced by its word, as a paragraph of its own."""
    lines = markdown.split("\n")
    for block, word in sorted(zip(blocks, words, strict=True), key=lambda pair: -pair[0].start):
        lines[block.start : block.end] = ["", block.indent + word, ""]
    return "\n".join(lines)


def swap_placeholders(html: str, replacements: dict[str, str]) -> str:
    for word, fragment in replacements.items():
        html = html.replace(f"<p>{word}</p>", fragment).replace(word, fragment)
    return html


@dataclass(frozen=True, slots=True)
class Embedded:
    """A page's Markdown with its blocks as placeholders, and what each placeholder becomes."""

    markdown: str
    replacements: dict[str, str]
    scripts: tuple[str, ...]
    """The scripts (asset paths) the blocks' HTML needs, each once."""


def embed_all(
    markdown: str, blocks: list[Block], fragments: Fragments, *, page_url: str, where: tuple[str, int], diags: list[Diagnostic]
) -> Embedded:
    """Check and render every block of a page (``where``: its file as shown, and the file's line of
    the Markdown's first line); a wrong block becomes nothing, and its problems go to ``diags``."""
    words = [placeholder(markdown, n) for n in range(len(blocks))]
    replacements: dict[str, str] = {}
    scripts: list[str] = []
    for number, (block, word) in enumerate(zip(blocks, words, strict=True), start=1):
        embed = check_block(block, fragments.site, where[0], where[1], diags)
        if embed is None:
            replacements[word] = ""
            continue
        done = fragments.embed(embed, page_url, number)
        replacements[word] = done.html
        scripts += [s for s in done.scripts if s not in scripts]
    return Embedded(put_placeholders(markdown, blocks, words), replacements, tuple(scripts))
