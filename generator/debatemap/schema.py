"""The content format, declared once: it validates files and produces the JSON Schema.

Each file kind is a ``Schema`` of ``Field``s. ``validate`` walks a positioned YAML tree against
it and returns a ``Record`` whose values are known to have the declared types, reporting every
problem with the position of the offending value. ``json_schema`` turns the same declarations
into JSON Schema for editors, so the documentation and the checker cannot drift apart.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX = 80
RESERVED_IDS = frozenset(
    {
        "index", "assets", "static", "search", "feed", "sitemap", "robots", "404",
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    }
)  # fmt: skip
"""Ids that would collide with the site's own files or with Windows device names."""

PAGE_RESERVED = frozenset({"maps", "claims", "sources", "tags", "search", "exports"})
"""Page slugs that would collide with the site's own sections (pages live at /<slug>/)."""

MAP_RESERVED = frozenset({"page"})
"""Map ids that would collide with the pages of the maps index (``maps/page/2/``); maps live at /maps/<id>/."""

SOURCE_RESERVED = frozenset({"page", "by-title", "by-publisher", "by-kind", "by-citations"})
"""Source ids that would collide with the bibliography's own pages (``sources/page/2/``,
``sources/by-title/``: see ``render.routes.sources_url``); sources live at /sources/<id>/."""

SOURCE_KINDS = (
    "announcement", "op-ed", "report", "paper", "standard", "law", "news", "blog", "licence",
    "interview", "podcast", "statement", "letter", "dataset", "website",
)  # fmt: skip

VERIFIED = ("original", "copy")
"""What a source's details were checked against: the publisher's own page, or only a copy of it."""

HISTORY_CHOICES = ("git", "off")


class Kind(enum.Enum):
    """What a field holds; each kind has one validator and one JSON Schema form."""

    TEXT = "text"  # one line of plain text
    INLINE = "inline"  # one sentence of inline Markdown
    MARKDOWN = "markdown"  # block Markdown
    ID = "id"
    DATE = "date"  # YYYY-MM-DD
    PARTIAL_DATE = "partial-date"  # YYYY-MM-DD, YYYY-MM or YYYY: a date known only to the month or year
    URL = "url"
    CHOICE = "choice"
    INT = "int"
    RECORD = "record"  # a nested mapping with its own schema
    CLAIM = "claim"  # a claim, or a `ref:` to one


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: Kind
    doc: str
    """One line shown in the JSON Schema (editor tooltips) and in docs/format.md."""
    required: bool = False
    many: bool = False
    """A YAML list of values of ``kind`` rather than a single value."""
    max_length: int = 300
    """For text (and each text of a list): characters; 0 = no limit beyond the file size."""
    max_items: int = 0
    """For a list: how many items it may hold; 0 = no limit beyond the file size."""
    choices: tuple[str, ...] = ()
    record: str = ""
    """For RECORD: the name of the nested schema."""


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    doc: str
    fields: tuple[Field, ...]
    by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)
    """The fields by name, for the validator's one lookup per key."""
    required: tuple[Field, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", MappingProxyType({f.name: f for f in self.fields}))
        object.__setattr__(self, "required", tuple(f for f in self.fields if f.required))

    def field(self, name: str) -> Field | None:
        return self.by_name.get(name)


def _f(name: str, kind: Kind, doc: str, **options: object) -> Field:
    return Field(name, kind, doc, **options)  # type: ignore[arg-type]


SITE = Schema(
    "site",
    "Site settings (content/site.yaml).",
    (
        _f("title", Kind.TEXT, "The site's title, shown in every page header.", required=True),
        _f("description", Kind.TEXT, "One or two sentences for the home page and search engines.", max_length=500),
        _f("base_url", Kind.URL, "Where the site is hosted; used for canonical links, sitemap and feed."),
        _f("language", Kind.TEXT, "Language of the content as a BCP 47 tag, e.g. en or fr-CA.", max_length=35),
        _f("theme", Kind.TEXT, "An installed theme's name, or ./path to a theme folder inside content/.", max_length=200),
        _f("theme_dir", Kind.TEXT, "A folder inside content/ whose templates override the theme's.", max_length=200),
        _f(
            "nav",
            Kind.TEXT,
            "Top navigation: maps, sources, tags, search, or page slugs.",
            many=True,
            max_items=20,
            max_length=80,
        ),
        _f("author", Kind.TEXT, "Who publishes the site; used in the feed."),
        _f("license", Kind.RECORD, "The licence of the site's text: footer, feed and page metadata.", record="license"),
        _f("footer", Kind.INLINE, "A line of inline Markdown shown at the bottom of every page.", max_length=1000),
        _f(
            "history",
            Kind.CHOICE,
            "git (the default): each map shows its recent changes, from the content's git history; off: none.",
            choices=HISTORY_CHOICES,
        ),
    ),
)

LICENSE = Schema(
    "license",
    "The licence under which the site's own text (maps, claims, summaries) may be reused.",
    (
        _f("name", Kind.TEXT, "The licence's short name, e.g. CC BY 4.0.", required=True, max_length=100),
        _f("url", Kind.URL, "Where the licence's text is published."),
    ),
)

CITATION = Schema(
    "citation",
    "A claim's reference to one source.",
    (
        _f("source", Kind.ID, "The id (file name) of a source in content/sources/.", required=True),
        _f("locator", Kind.TEXT, "Where in the source: a section, page or paragraph."),
        _f("note", Kind.INLINE, "What in the source supports the claim, in your own words.", max_length=1000),
    ),
)

CLAIM = Schema(
    "claim",
    "A claim with its supporting (pros) and opposing (cons) claims; or {ref: id} to reuse one.",
    (
        _f("id", Kind.ID, "Unique across the site; it becomes the URL /claims/<id>/.", required=True),
        _f("claim", Kind.INLINE, "The claim as one sentence of inline Markdown.", required=True, max_length=1000),
        _f("details", Kind.MARKDOWN, "Optional nuance and context, block Markdown.", max_length=20000),
        _f("sources", Kind.RECORD, "The sources the claim rests on.", many=True, max_items=100, record="citation"),
        _f("tags", Kind.ID, "Topic tags.", many=True, max_items=50),
        _f("pros", Kind.CLAIM, "Claims that support this one.", many=True),
        _f("cons", Kind.CLAIM, "Claims that oppose this one.", many=True),
    ),
)

REF = Schema(
    "ref",
    "A reuse of a claim defined elsewhere (in this or another map).",
    (_f("ref", Kind.ID, "The id of the claim to reuse.", required=True),),
)

MAP = Schema(
    "map",
    "A debate map (content/maps/<map-id>.yaml): a question and the tree of claims under its thesis.",
    (
        _f("title", Kind.INLINE, "The question the map answers.", required=True),
        _f("summary", Kind.MARKDOWN, "A short framing of the question, block Markdown.", max_length=20000),
        _f("tags", Kind.ID, "Topic tags.", many=True, max_items=50),
        _f("updated", Kind.DATE, "When the map last changed (YYYY-MM-DD); dates the feed entry.", required=True),
        _f("thesis", Kind.CLAIM, "The answer the map weighs; a claim with pros and cons.", required=True),
    ),
)

SOURCE = Schema(
    "source",
    "A source article (content/sources/<source-id>.yaml).",
    (
        _f("title", Kind.TEXT, "The source's own title.", required=True, max_length=500),
        _f("url", Kind.URL, "Where to read it (http or https).", required=True),
        _f("publisher", Kind.TEXT, "Who published it."),
        _f("authors", Kind.TEXT, "Its authors, in the order the source gives.", many=True, max_items=100),
        _f(
            "published",
            Kind.PARTIAL_DATE,
            "Publication date: YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known.",
        ),
        _f("kind", Kind.CHOICE, "What sort of source it is.", choices=SOURCE_KINDS),
        _f("archived", Kind.URL, "A snapshot of the page, against link rot."),
        _f(
            "verified",
            Kind.CHOICE,
            "What its details were checked against: original, or copy (republished, archived or quoted).",
            choices=VERIFIED,
        ),
        _f(
            "caution",
            Kind.MARKDOWN,
            "What readers should keep in mind about it, e.g. which details rest on a copy.",
            max_length=5000,
        ),
        _f("summary", Kind.MARKDOWN, "What the source says, in the curator's own words.", max_length=20000),
        _f("tags", Kind.ID, "Topic tags.", many=True, max_items=50),
    ),
)

PAGE = Schema(
    "page",
    "Front matter of a free page (content/pages/<slug>.md).",
    (
        _f("title", Kind.TEXT, "The page title.", required=True),
        _f("nav_title", Kind.TEXT, "A shorter title for the navigation.", max_length=60),
        _f("order", Kind.INT, "Position among pages in lists (lower first)."),
        _f("description", Kind.TEXT, "One or two sentences for search engines.", max_length=500),
    ),
)

LINK = Schema(
    "link",
    "The last check of one address.",
    (
        _f("url", Kind.URL, "The address checked: a source's url or archived value.", required=True),
        _f("checked", Kind.DATE, "When it was checked (YYYY-MM-DD).", required=True),
        _f("status", Kind.INT, "The HTTP status of the last answer; absent when none came."),
        _f("final", Kind.URL, "Where redirects led, when they led elsewhere."),
        _f("problem", Kind.TEXT, "Why the link is dead (HTTP 404, timeout...); absent when it answered."),
    ),
)

LINKS = Schema(
    "links",
    "Link health (content/links.yaml), written by `debatemap links --save`; the site shows it on source pages.",
    (_f("links", Kind.RECORD, "One entry per address checked, sorted by address.", many=True, record="link"),),
)

SCHEMAS: dict[str, Schema] = {s.name: s for s in (SITE, LICENSE, CITATION, CLAIM, REF, MAP, SOURCE, PAGE, LINK, LINKS)}
FILE_SCHEMAS = {"site": SITE, "map": MAP, "source": SOURCE, "page": PAGE, "links": LINKS}
"""The schemas a whole file follows (the others are nested)."""
