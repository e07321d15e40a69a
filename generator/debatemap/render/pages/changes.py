"""What changed in a map, from its git history: the map page's "Recent changes" and its Atom feed.

Both read ``site.history`` (and whether each claim, and each claim it answered, still exists, to
link it), so serve renders them again through their recorded reads when the history or a claim
changes. Like search results and tag pages, every claim listed says what it answered and its side
of the thesis, as the commit left them (a removed claim, as it was before); the map page's cap on
claims per change is even-handed and counts what it leaves out by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...model import Answered, ClaimEdit, MapChange
from .. import routes
from ..caps import balanced, more_label
from ..markdown import ROOT, at_root, render_inline, render_inline_unlinked
from ..routes import Route
from ..standing import ANSWER_VERBS, MAX_PARENTS, PARENT_NOUNS
from .shared import Context, PageState

RECENT_CHANGES = 5
"""Changes the map page lists (its feed has every change the history keeps); it says how many it leaves to the feed."""
RECENT_ROWS = 8
"""Claims listed per change on the map page, as many of each side of the thesis as fit; the rest are counted by side."""
KINDS = (("added", "Added"), ("reworded", "Reworded"), ("removed", "Removed"))
ROW_NOUNS = {
    "pro": ("claim for the thesis", "claims for the thesis"),
    "con": ("claim against the thesis", "claims against the thesis"),
    "both": ("claim on both sides", "claims on both sides"),
    "thesis": ("thesis", "theses"),
    "": ("claim", "claims"),
}
"""What a left-out row is, by its side of the thesis, in the count of those left out."""
SIDE_WORDS = {"pro": "for the thesis", "con": "against the thesis", "both": "for and against the thesis", "thesis": "the thesis"}


@dataclass(frozen=True, slots=True)
class ChangeRow:
    kind: str
    """added, reworded or removed."""
    label: str
    claim: ClaimEdit
    linked: bool
    """The claim still exists, so it links to its page."""
    answers: tuple[tuple[Answered, bool], ...]
    """What it answered in that version, at most ``standing.MAX_PARENTS`` and both sides alike,
    each with whether that claim still exists (to link it)."""
    more_answers: dict[str, int]
    """How many it answered were not named, by its stance towards them."""

    @property
    def side(self) -> str:
        """Its side of the thesis in that version: 'pro', 'con', 'both' or 'thesis'."""
        return self.claim.side

    @property
    def side_words(self) -> str:
        """'for the thesis', 'against the thesis', 'for and against the thesis', 'the thesis'."""
        return SIDE_WORDS.get(self.claim.side, "")

    @property
    def more_answers_text(self) -> str:
        """'and 2 more claims it opposes', or ''."""
        return more_label(self.more_answers, PARENT_NOUNS)


@dataclass(frozen=True, slots=True)
class ChangeView:
    change: MapChange
    summary: str
    """``Map created, with 12 claims`` or ``2 claims added, 1 reworded``."""
    rows: tuple[ChangeRow, ...]
    hidden: dict[str, int]
    """Rows left out on the map page, by side of the thesis (as many of each side are shown as fit)."""

    @property
    def more_text(self) -> str:
        """'and 3 more claims for the thesis and 1 more claim against the thesis', or ''."""
        return more_label(self.hidden, ROW_NOUNS)


def summary(change: MapChange) -> str:
    """``Map created, with 12 claims``, or ``2 claims added, 1 reworded`` (the first count names claims)."""
    if change.created:
        count = len(change.added)
        return f"Map created, with {count} claim{'s' * (count != 1)}"
    counts = [
        (len(edits), verb)
        for edits, verb in ((change.added, "added"), (change.reworded, "reworded"), (change.removed, "removed"))
        if edits
    ]
    first, verb = counts[0]
    parts = [f"{first} claim{'s' * (first != 1)} {verb}", *(f"{n} {verb}" for n, verb in counts[1:])]
    return ", ".join(parts)


class ChangePages(PageState):
    def change_views(self, map_id: str, *, changes: int | None = None, rows: int | None = None) -> list[ChangeView]:
        """The map's newest ``changes`` (all when None), each with up to ``rows`` claims (all when None)."""
        views: list[ChangeView] = []
        claims = self.site.claims
        for change in self.site.history.get(map_id, ())[:changes]:
            found = [
                self._row(kind, label, edit, claims)
                for kind, label in KINDS
                for edit in getattr(change, kind)
                if not (change.created and kind == "added")
            ]
            shown, hidden = (found, {}) if rows is None else balanced(found, rows, lambda row: row.side)
            views.append(ChangeView(change, summary(change), tuple(shown), hidden))
        return views

    @staticmethod
    def _row(kind: str, label: str, edit: ClaimEdit, claims: Mapping[str, object]) -> ChangeRow:
        named, more = balanced(edit.answers, MAX_PARENTS, lambda answered: answered.stance)
        answers = tuple((answered, answered.id in claims) for answered in named)
        return ChangeRow(kind, label, edit, kind != "removed" and edit.id in claims, answers, more)

    def recent_changes(self, map_id: str) -> Context:
        """What the map page adds: its newest changes, how many it leaves out and, on a site with an address, its feed."""
        views = self.change_views(map_id, changes=RECENT_CHANGES, rows=RECENT_ROWS)
        feed = routes.changes_url(map_id) if views and self.site.config.base_url else None
        older = len(self.site.history.get(map_id, ())) - len(views)
        return {"recent_changes": views, "older_changes": older, "changes_feed": feed}

    def changes(self, route: Route) -> Context:
        """The Atom feed of one map's changes, newest first."""
        debate = self.site.maps[route.key]
        views = self.change_views(debate.id)
        page = self.absolute(routes.map_url(debate.id)) or ""
        entries = [{"view": view, "id": f"{page}#change-{view.change.commit}", "html": self.change_html(view)} for view in views]
        return {
            "title": "",
            "map": debate,
            "entries": entries,
            "updated": views[0].change.time if views else debate.updated + "T00:00:00Z",
            "map_url": page,
            "feed_url": self.absolute(route.url),
        }

    def change_html(self, view: ChangeView) -> str:
        """An entry's content as an HTML string; the template escapes it once, as Atom's type="html" wants."""
        root = self.site.config.base_url or ""
        items = []
        for row in view.rows:
            claim = _claim_html(row.claim.id, row.claim.text, row.linked)
            before = f" (was: {render_inline(row.claim.before)})" if row.claim.before is not None else ""
            items.append(f"<li>{row.label}: {claim}{before}{_standing_html(row)}</li>")
        parts = [f"<p>{view.summary}.</p>"]
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
        return at_root("\n".join(parts), root)


def _claim_html(claim_id: str, text: str, linked: bool) -> str:
    if linked:
        return f'<a href="{ROOT}{routes.claim_url(claim_id)}">{render_inline_unlinked(text)}</a>'
    return render_inline(text)


def _standing_html(row: ChangeRow) -> str:
    """' (opposes X; against the thesis)': what the feed says of a claim's place, as the page does."""
    answered = "; ".join(
        f"{ANSWER_VERBS[answer.stance]} {_claim_html(answer.id, answer.text, linked)}" for answer, linked in row.answers
    )
    parts = [answered + (f" ({row.more_answers_text})" if row.more_answers else ""), row.side_words]
    said = " · ".join(part for part in parts if part)
    return f"<br>{said}" if said else ""
