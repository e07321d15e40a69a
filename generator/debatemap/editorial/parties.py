"""Who publishes a source, and whom a claim is about: the two halves of the self-sourcing flag.

Publishers are written freely ("Meta (Newsroom)", "Meta AI", "Meta Platforms"), so each is
reduced to a *party*: its name before any parenthesis, comma or slash, and a name that begins
with another party's whole name belongs to that party (Meta AI and Meta Platforms are Meta).

A claim is about the parties it names in its sentence (whole words, case as written: "Meta's
licence" names Meta, "metadata" does not). A citation whose publisher is one of them is the
party speaking for itself: a fair source for what the party said or did, but not on its own
for whether it is right. News and papers are left out: a claim that names the outlet or journal
reporting it ("Reuters reported that...") is attributing, not self-sourced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..model import Source

_CUT = re.compile(r"\s*(?:\(|,|\s/\s|;)")


def base_name(publisher: str) -> str:
    """The publisher's name before any parenthesis, comma or `` / ``: 'Meta (Newsroom)' -> 'Meta'."""
    return " ".join(_CUT.split(publisher, maxsplit=1)[0].split())


class Parties:
    """The parties of one site: every publisher's group, and a matcher for names in claim text."""

    def __init__(self, sources: Iterable[Source]) -> None:
        bases = sorted({base_name(s.publisher) for s in sources if s.publisher} - {""})
        by_words = {tuple(b.split()): b for b in bases}
        self.group: dict[str, str] = {}
        """Base name -> its party (the shortest base name its words begin with)."""
        for base in bases:
            words = tuple(base.split())
            owner = next((by_words[words[:n]] for n in range(1, len(words) + 1) if words[:n] in by_words), base)
            self.group[base] = owner
        names = sorted(set(self.group.values()), key=lambda n: (-len(n), n))
        # One alternation, longest names first, so a claim's text is scanned once for all parties.
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)") if names else None

    def of(self, source: Source) -> str | None:
        """The party that published ``source``, when it names a publisher."""
        if not source.publisher:
            return None
        base = base_name(source.publisher)
        return self.group.get(base, base) or None

    def named_in(self, text: str) -> frozenset[str]:
        """The parties whose names ``text`` contains as whole words."""
        if self._pattern is None:
            return frozenset()
        return frozenset(self.group.get(m, m) for m in self._pattern.findall(text))


ATTRIBUTION_KINDS = frozenset({"news", "paper"})
"""Kinds of source whose publisher, named in a claim, is the reporter rather than the party speaking
("Reuters reported that..."): they never count as self-sourced."""


def self_sourced(subjects: frozenset[str], cited: Iterable[str], sources: Mapping[str, Source], parties: Parties) -> list[str]:
    """The ids among ``cited`` whose publisher is one of ``subjects``."""
    out = []
    for source_id in cited:
        source = sources.get(source_id)
        if source is not None and source.kind not in ATTRIBUTION_KINDS and parties.of(source) in subjects:
            out.append(source_id)
    return out
