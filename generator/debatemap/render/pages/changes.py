"""What changed in a map, from its git history: the map page's "Recent changes" and its Atom feed.

Both read ``site.history`` (and whether each claim still exists, to link it), so serve renders
them again through their recorded reads when the history or a claim changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import ClaimEdit, MapChange
from .. import routes
from ..markdown import ROOT, at_root, render_inline, render_inline_unlinked
from ..routes import Route
from .shared import Context, PageState

RECENT_CHANGES = 5
"""Changes the map page lists (its feed has every change the history keeps)."""
RECENT_ROWS = 8
"""Claims listed per change on the map page; the rest are counted."""
KINDS = (("added", "Added"), ("reworded", "Reworded"), ("removed", "Removed"))


@dataclass(frozen=True, slots=True)
class ChangeRow:
    kind: str
    """added, reworded or removed."""
    label: str
    claim: ClaimEdit
    linked: bool
    """The claim still exists, so it links to its page."""


@dataclass(frozen=True, slots=True)
class ChangeView:
    change: MapChange
    summary: str
    """``Map created, with 12 claims`` or ``2 claims added, 1 reworded``."""
    rows: tuple[ChangeRow, ...]
    more: int
    """Rows left out on the map page."""


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
        for change in self.site.history.get(map_id, ())[:changes]:
            found = [
                ChangeRow(kind, label, edit, kind != "removed" and edit.id in self.site.claims)
                for kind, label in KINDS
                for edit in getattr(change, kind)
                if not (change.created and kind == "added")
            ]
            shown = tuple(found[:rows])
            views.append(ChangeView(change, summary(change), shown, len(found) - len(shown)))
        return views

    def recent_changes(self, map_id: str) -> Context:
        """What the map page adds: its newest changes and, on a site with an address, its feed."""
        views = self.change_views(map_id, changes=RECENT_CHANGES, rows=RECENT_ROWS)
        feed = routes.changes_url(map_id) if views and self.site.config.base_url else None
        return {"recent_changes": views, "changes_feed": feed}

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
            if row.linked:
                claim = f'<a href="{ROOT}{routes.claim_url(row.claim.id)}">{render_inline_unlinked(row.claim.text)}</a>'
            else:
                claim = render_inline(row.claim.text)
            before = f" (was: {render_inline(row.claim.before)})" if row.claim.before is not None else ""
            items.append(f"<li>{row.label}: {claim}{before}</li>")
        parts = [f"<p>{view.summary}.</p>"]
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
        return at_root("\n".join(parts), root)
