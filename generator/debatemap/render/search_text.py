"""Search text: Markdown to plain text, and the tokenizer that both the index and search.js use.

The browser must cut a query into exactly the terms the index holds, so the rules here are
deliberately small and are mirrored line for line in ``themes/default/static/search.js``
(``normalise``, ``words``, ``stem``); a browser test runs both on the same strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from markdown_it import MarkdownIt

_WORD = re.compile(r"[^\W_]+")
"""Letters and digits (``[\\p{L}\\p{N}]+`` in JavaScript) after marks are removed."""

STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "does", "for", "from",
    "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most",
    "must", "no", "not", "of", "on", "or", "our", "should", "so", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
})  # fmt: skip
"""Words too common to tell documents apart; left out of the index and of queries."""

_MD = MarkdownIt("js-default").enable(["table", "strikethrough"])


def _inline_text(kind: str, content: str) -> str:
    if kind in ("text", "code_inline"):
        return content
    return " " if kind in ("softbreak", "hardbreak") else ""


class _DropMarks(dict[int, "int | None"]):
    """A ``str.translate`` table that deletes combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)).startswith("M") else code
        self[code] = value
        return value


_DROP_MARKS = _DropMarks()


def normalise(text: str) -> str:
    """Lower case without accents: 'Éval' and 'eval' are the same term."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return decomposed if decomposed.isascii() else decomposed.translate(_DROP_MARKS)


def stem(word: str) -> str:
    """Harman's S-stemmer (plural endings only), plus 'is' kept: cheap, predictable, mirrored in JS."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


_TERM: dict[str, str] = {}
"""Word -> term ('' for a stop word): a site's vocabulary is small, its running text is not."""


def _term(word: str) -> str:
    term = _TERM.get(word)
    if term is None:
        term = _TERM[word] = "" if word in STOP_WORDS else stem(word)
    return term


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order, repeats kept (their count is the term frequency)."""
    return [t for t in map(_term, _WORD.findall(normalise(text))) if t]


_MARKUP = re.compile(r"[\\`*_\[\]<>#|~&!]|^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:\s|$)|^ {4}|^\s*[-=]{2,}\s*$", re.MULTILINE)
"""Anything that could make Markdown differ from its own text; most details have none of it."""


def term_counts(text: str) -> tuple[dict[str, int], int]:
    """Each term of ``text`` with its count, and how many terms it has (words are counted first:
    a text repeats words far more often than it has distinct ones)."""
    counts: dict[str, int] = {}
    total = 0
    for word, count in Counter(_WORD.findall(normalise(text))).items():
        term = _term(word)
        if term:
            counts[term] = counts.get(term, 0) + count
            total += count
    return counts, total


@lru_cache(maxsize=65536)
def block_text(markdown: str) -> str:
    """Block Markdown (details, summaries) as one line of plain text, for indexing and excerpts."""
    if not _MARKUP.search(markdown):
        return " ".join(markdown.split())
    out: list[str] = []
    for token in _MD.parse(markdown):
        if token.type != "inline":
            continue
        out.append("".join(_inline_text(child.type, child.content) for child in token.children or ()))
    return " ".join(" ".join(out).split())
