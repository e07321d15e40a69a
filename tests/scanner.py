"""Look through every file of a built site for anything live that content could have put there.

HTML and SVG are parsed: a script that is not the theme's, an event handler attribute, a link or
source with a scheme other than http(s)/mailto, an element the theme and Markdown never make.
JSON-LD must be JSON that cannot close its script element; the feed and sitemap must be
well-formed XML and the feed's HTML inert; JSON files must parse and carry no raw line
separators; no text file may hold NUL or a terminal escape; and no file may hold the output of
evaluated template arithmetic or a command (``EVALUATED``).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ALLOWED_TAGS = {
    # what the theme and Markdown (CommonMark, tables, footnotes) produce; nothing else may appear
    "html", "head", "meta", "title", "link", "script", "body", "a", "header", "nav", "ul", "ol", "li",
    "main", "footer", "div", "p", "span", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
    "details", "summary", "time", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "em", "strong", "code", "pre", "br", "hr", "sup", "blockquote", "s", "button",
    "svg", "g", "rect", "path", "text", "tspan", "desc", "line", "polyline", "circle", "defs",
    "pattern", "use", "form", "input", "label", "search", "noscript", "figure", "figcaption", "img",
    "fieldset", "legend", "select", "option", "template", "output",
    "i",  # titles in the "Cite this" styles (render/cite.py)
    "tfoot",  # the balance page's totals
}  # fmt: skip
SVG_FILE_TAGS = ALLOWED_TAGS | {"style"}
"""A drawing to download carries its own stylesheet (the theme's, never content)."""
SAFE_SCHEMES = ("http:", "https:", "mailto:")
EVALUATED = ("uid=0(", "QQZZ")
"""What an executed payload would leave in a page: the output of `id` as root, or
``{{ "QQ" ~ "ZZ" }}`` evaluated. A site whose content holds ``{{ 1234+5 }}`` adds "1239"."""


@dataclass
class Findings:
    scripts: list[dict[str, str]] = field(default_factory=list)
    script_bodies: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    bad_links: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    images: list[dict[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Findings()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.found.tags.add(tag)
        if tag == "script":
            self.found.scripts.append(values)
            self._in_script = True
        if tag == "img":
            self.found.images.append(values)
        for name, value in values.items():
            if name.startswith("on"):
                self.found.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "data", "poster"):
                cleaned = "".join(value.split()).lower()
                if ":" in cleaned.split("/", 1)[0] and not cleaned.startswith(SAFE_SCHEMES):
                    self.found.bad_links.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.found.script_bodies.append(data)
        else:
            self.found.text.append(data)


def inspect(html: str) -> Findings:
    parser = _Inspector()
    parser.feed(html)
    parser.close()
    return parser.found


def _markup_problems(name: str, text: str, allowed: set[str]) -> list[str]:
    found = inspect(text)
    problems = [f"{name}: event handler {h}" for h in found.handlers]
    problems += [f"{name}: dangerous link {link}" for link in found.bad_links]
    problems += [f"{name}: element <{tag}> from content" for tag in sorted(found.tags - allowed)]
    for script in found.scripts:
        src = script.get("src", "").split("?")[0]
        theme_file = src.endswith(".js") and "/assets/" in "/" + src.lstrip("./")
        if not theme_file and script.get("type") != "application/ld+json":
            problems.append(f"{name}: a script that is not the theme's: {script}")
    for body in found.script_bodies:
        if "<" in body or ">" in body:
            problems.append(f"{name}: a raw angle bracket inside a script block")
        elif body.strip():
            try:
                json.loads(body)
            except ValueError:
                problems.append(f"{name}: a script block that is not JSON")
    return problems


def scan_file(path: Path, name: str, markers: tuple[str, ...] = EVALUATED) -> list[str]:
    """Every live payload found in one built file (``name``: its path in the site)."""
    data = path.read_bytes()
    if name.startswith("assets/"):
        return []  # the theme's own files
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # a static file published as it is (an image, a PDF)
    problems = [f"{name}: holds {marker!r}, the trace of an executed payload" for marker in markers if marker in text]
    if "\x00" in text or "\x1b" in text:
        problems.append(f"{name}: a NUL or terminal escape")
    suffix = path.suffix
    if suffix == ".html":
        problems += _markup_problems(name, text, ALLOWED_TAGS)
    elif suffix == ".svg":
        problems += _markup_problems(name, text, SVG_FILE_TAGS)
    elif suffix == ".xml":
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            return [*problems, f"{name}: not well-formed XML ({exc})"]
        for element in root.iter():
            if element.get("type") == "html" and element.text:
                problems += _markup_problems(f"{name} <{element.tag}>", element.text, ALLOWED_TAGS)
    elif suffix == ".json":
        try:
            json.loads(text)
        except ValueError:
            problems.append(f"{name}: not JSON")
        if "\u2028" in text or "\u2029" in text:
            problems.append(f"{name}: a raw line separator, which ends a JavaScript string")
    return problems


def scan_site(root: Path, static: frozenset[str] = frozenset(), markers: tuple[str, ...] = EVALUATED) -> list[str]:
    """Every live payload in the site built at ``root``; ``static``: paths copied from static/, skipped."""
    problems: list[str] = []
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_file() and name not in static:
            problems += scan_file(path, name, markers)
    return problems
