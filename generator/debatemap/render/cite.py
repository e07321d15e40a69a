"""How to cite a claim, a map or a source in APA 7, MLA 9 and Chicago 17 (BibTeX and CSL-JSON: ``citation``).

The three styles are written here, after the style guides' rules for web pages (and for the
sources' own kinds), rather than run through a CSL processor at build time: citeproc-py takes
milliseconds per entry and style (minutes at 10,000 claims) and gets the guides' punctuation
wrong (a period outside the closing quote). tests/test_cite.py checks each style against the
guides' own examples and against citeproc-py with the official CSL styles for the parts they
agree on. Nothing reads the clock: a page's date is its map's ``updated`` date (the version),
and the date of access is left for the reader, marked in brackets (``ACCESSED``), which the copy
button fills in with the reader's own date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from ..dates import partial_date_problem

QUOTES = "\u201c\u201d\u2018\u2019\"'"
"""Quotation marks, curly and straight, that may open or close a word."""
ACCESSED = "[date accessed]"
"""Where the reader's date of access goes; cite.js replaces it with the date in each style's form."""
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "onto",
        "or",
        "over",
        "per",
        "so",
        "than",
        "the",
        "to",
        "upon",
        "via",
        "vs",
        "with",
        "yet",
    ]
)
"""Words that title case leaves in lower case unless first or last (Chicago 8.159, MLA 1.2.1):
articles, conjunctions and prepositions. 'up', 'down' and 'off' are left out: in a claim they are
mostly adverbs of a phrasal verb ('speeds up'), which both guides capitalise."""


@dataclass(frozen=True, slots=True)
class Work:
    """What a citation needs, whatever the style."""

    key: str
    """The BibTeX key and CSL id."""
    kind: str
    """A CSL item type: webpage, article-journal, article-newspaper, report, legislation, interview..."""
    title: str
    """Plain text, as written (sentence case for a claim)."""
    url: str | None
    container: str | None = None
    """The site, journal or newspaper the work is part of."""
    authors: tuple[str, ...] = ()
    """People, as written ('Ada Lovelace'); an organisation as author goes in ``organisation``."""
    organisation: str | None = None
    publisher: str | None = None
    date: str | None = None
    """ISO date, or a year."""
    version: str | None = None
    """For pages of this site: the map's ``updated`` date."""
    modified: bool = False
    """``date`` is when the page last changed (this site's pages) rather than when it was published."""
    extra: dict[str, str] = field(default_factory=dict)


# -- names and dates -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a person's name as written ('Ada Lovelace' -> ('Lovelace', 'Ada')); a
    parenthesised role is dropped, and a single word is a family name."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return family, given
    parts = name.split()
    if len(parts) < 2:
        return name, ""
    particles = {"van", "von", "de", "der", "da", "di", "le", "la", "du", "del", "den"}
    start = len(parts) - 1
    while start > 1 and parts[start - 1].lower() in particles:
        start -= 1
    return " ".join(parts[start:]), " ".join(parts[:start])


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s]+", given) if part and part[0].isalpha())


@lru_cache(maxsize=4096)
def _date(iso: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO day, month (2024-01) or year, the parts not known being None."""
    if not iso or partial_date_problem(iso) is not None:
        return None
    year, month, day = [*iso.split("-"), "", ""][:3]
    return int(year), int(month) if month else None, int(day) if day else None


@lru_cache(maxsize=16384)
def title_case(text: str) -> str:
    """Headline style: major words capitalised, minor ones not (unless first or last), words
    with capitals or digits of their own ('OpenAI', 'R1', 'gpt-oss') kept as written.

    Cached: MLA and Chicago title-case the same title, and words recur from title to title."""
    words = text.split(" ")
    last = len(words) - 1
    out = []
    first = True
    for index, word in enumerate(words):
        out.append(_title_word(word, first or index == last))
        first = word.endswith((":", "?", "!", "—"))
    return " ".join(out)


@lru_cache(maxsize=65536)
def _title_word(word: str, edge: bool) -> str:
    """One word in headline style; ``edge``: it opens the title (or a part after a colon) or ends it."""
    core = word.strip(QUOTES + "()[]")
    keep = any(ch.isupper() or ch.isdigit() for ch in core[1:]) or not core[:1].isalpha()
    if keep or (core.lower() in MINOR_WORDS and not edge):
        return word
    lead = word[: len(word) - len(word.lstrip(QUOTES + "(["))]
    parts = word[len(lead) :].split("-")
    # Both halves of a hyphenated compound are capitalised (Chicago 8.161: "Fine-Tuning").
    parts = [p[:1].upper() + p[1:] if i == 0 or p.lower() not in MINOR_WORDS else p for i, p in enumerate(parts)]
    return lead + "-".join(parts)


def _sentence(title: str) -> str:
    """A title without its closing period (the style adds its own punctuation)."""
    return title.rstrip().rstrip(".")


def _end(text: str) -> str:
    """``text`` closed with a period, unless it ends in one already (or in ? or !)."""
    return text if text.endswith((".", "?", "!")) else text + "."


# -- APA 7 -----------------------------------------------------------------------------------

YEAR_ONLY = frozenset({"article-journal", "report", "legislation", "book", "dataset", "standard"})
"""APA dates these by year alone (journal articles, reports, laws); news and web pages by the day."""


def _esc(text: str) -> str:
    """``str(markupsafe.escape(text))``, the same five replacements, without making a Markup per
    piece: the formatters below build each citation as one string and wrap it once (building them
    from Markup pieces, each escaped again by ``Markup.join``, was most of a claim's "Cite this")."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")


def apa(work: Work) -> Markup:
    """APA 7: Author. (Date). *Title*. Site. Retrieved Month D, YYYY, from URL (retrieval date
    because a page of this site changes; a site named like its author is not repeated)."""
    people = [split_name(a) for a in work.authors]
    names = [f"{family}, {_initials(given)}".rstrip(", ") for family, given in people]
    author = ", ".join(names[:-1]) + ", & " + names[-1] if len(names) > 1 else names[0] if names else work.organisation or ""
    parts = [_esc(_end(author))] if author else []
    date = _date(work.date)
    if date is None:
        parts.append("(n.d.).")
    elif date[1] is None or work.kind in YEAR_ONLY:
        parts.append(f"({date[0]}).")
    elif date[2] is None:
        parts.append(f"({date[0]}, {MONTHS[date[1] - 1]}).")
    else:
        parts.append(f"({date[0]}, {MONTHS[date[1] - 1]} {date[2]}).")
    title = _sentence(work.title)
    italic = work.kind in ("webpage", "report", "legislation", "post", "interview", "dataset", "standard")
    if italic:
        parts.append(f"<i>{_esc(title)}</i>" + ("." if not title.endswith(("?", "!")) else ""))
    else:
        parts.append(_esc(_end(title)))
    container = work.container if work.container and work.container != author else None
    if container and not italic:
        parts.append(f"<i>{_esc(container)}</i>.")
    elif container:
        parts.append(_esc(_end(container)))
    elif work.publisher and work.publisher != author and work.kind != "webpage":
        parts.append(_esc(_end(work.publisher)))
    if work.url:
        parts.append(_esc(f"Retrieved {ACCESSED}, from {work.url}" if work.modified else work.url))
    return Markup(" ".join(parts))  # noqa: S704 - every piece of text is escaped above


# -- MLA 9 -----------------------------------------------------------------------------------


_SCHEME = re.compile(r"^https?://")


def mla(work: Work) -> Markup:
    """MLA 9: Author. “Title.” *Container*, Publisher, D Mon. YYYY, URL. Accessed D Mon. YYYY.
    A work whose author is the site itself begins with its title (MLA 5.19)."""
    people = [split_name(a) for a in work.authors]
    if len(people) == 1:
        author = f"{people[0][0]}, {people[0][1]}".rstrip(", ")
    elif len(people) == 2:
        author = f"{people[0][0]}, {people[0][1]}, and {people[1][1]} {people[1][0]}".replace(" ,", ",")
    elif people:
        author = f"{people[0][0]}, {people[0][1]}, et al"
    else:
        author = work.organisation if work.organisation and work.organisation != work.container else ""
    parts = [_esc(_end(author))] if author else []
    title = title_case(_sentence(work.title))
    parts.append(f"“{_esc(title if title.endswith(('?', '!')) else title + '.')}”")
    container = work.container
    publisher = work.publisher if work.publisher and work.publisher not in (container, author) else None
    date = _date(work.date)
    when = None
    if date is not None:
        when = " ".join(str(p) for p in (date[2], MLA_MONTHS[date[1] - 1] if date[1] else None, date[0]) if p)
    pieces: list[str] = []
    if container:
        pieces.append(f"<i>{_esc(container)}</i>")
    if publisher:
        pieces.append(_esc(publisher))
    if when:
        pieces.append(_esc(when))
    if work.url:
        pieces.append(_esc(_SCHEME.sub("", work.url)))
    if pieces:
        parts.append(", ".join(pieces) + ".")
    parts.append(_esc(f"Accessed {ACCESSED}."))
    return Markup(" ".join(parts))  # noqa: S704 - every piece of text is escaped above


# -- Chicago 17, notes and bibliography (the bibliography entry) -----------------------------


def chicago(work: Work) -> Markup:
    """Chicago 17 (14.206 web pages): Author. “Title.” Site. Last modified Month D, YYYY. Accessed
    Month D, YYYY. URL. A site named like its author is not repeated; a source's own kind keeps
    its publisher and date of publication."""
    people = [split_name(a) for a in work.authors]
    if people:
        first = f"{people[0][0]}, {people[0][1]}".rstrip(", ")
        rest = [f"{given} {family}".strip() for family, given in people[1:]]
        author = first if not rest else ", ".join([first, *rest[:-1]]) + ", and " + rest[-1]
    else:
        author = work.organisation or ""
    parts = [_esc(_end(author))] if author else []
    title = title_case(_sentence(work.title))
    italic = work.kind in ("report", "legislation", "dataset")
    if italic:
        parts.append(f"<i>{_esc(title)}</i>" + ("" if title.endswith(("?", "!")) else "."))
    else:
        parts.append(f"“{_esc(title if title.endswith(('?', '!')) else title + '.')}”")
    if work.container and work.container != author:
        parts.append(f"<i>{_esc(work.container)}</i>." if work.kind != "webpage" else _esc(_end(work.container)))
    if work.publisher and work.publisher not in (author, work.container):
        parts.append(_esc(_end(work.publisher)))
    date = _date(work.date)
    if date is not None:
        month = MONTHS[date[1] - 1] if date[1] else ""
        when = f"{month} {date[2]}, {date[0]}" if date[2] else f"{month} {date[0]}".strip()
        parts.append(_esc(f"Last modified {when}." if work.modified else f"{when}."))
    parts.append(_esc(f"Accessed {ACCESSED}."))
    if work.url:
        parts.append(_esc(work.url + "."))
    return Markup(" ".join(parts))  # noqa: S704 - every piece of text is escaped above


# -- BibTeX and CSL-JSON -----------------------------------------------------------------------
