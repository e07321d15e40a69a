"""What is wrong with the content now, as the page's panels and the terminal show it.

Only a rebuild of the content says whether the content has errors and which warnings it has.
The extra files (search index, drawings' downloads, sitemap, feed) are made later from the last
good build, even while a later save is broken, so their success must not take down the errors
of that save (it did: the page then showed the last good build as if the save had never
happened). Their own failure, or a bug in a rebuild, shows beside the content's errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity
from ..incremental import Outcome
from .overlay import panel_html, warning_text

LISTED_WARNINGS = 20
"""New warnings the terminal lists at a time (`debatemap check` lists them all)."""


@dataclass(slots=True)
class Status:
    failed: Outcome | None = None
    """The latest content rebuild, while it failed."""
    extras_problem: str | None = None
    internal: str | None = None
    """A bug in debatemap met while rebuilding (its traceback), until the next content rebuild."""
    warnings: tuple[Diagnostic, ...] = ()
    """The warnings of the latest content rebuild, good or failed."""

    @property
    def has_errors(self) -> bool:
        return self.failed is not None or self.extras_problem is not None or self.internal is not None

    def record(self, outcome: Outcome, *, extras: bool) -> None:
        if extras:
            self.extras_problem = None if outcome.ok else outcome.problem
            return
        self.failed = None if outcome.ok else outcome
        self.internal = None
        self.warnings = tuple(d for d in outcome.diagnostics if d.severity is Severity.WARNING)

    def panel(self) -> str | None:
        """The panels every page carries, or None when the content is clean."""
        diagnostics = self.failed.diagnostics if self.failed is not None else self.warnings
        problems = [p for p in (self.failed and self.failed.problem, self.extras_problem, self.internal) if p]
        return panel_html(diagnostics, problems)


def new_warnings(before: tuple[Diagnostic, ...], after: tuple[Diagnostic, ...], *, first: bool) -> str:
    """The terminal's word on the warnings: all of them at first, then those a save added or fixed."""
    if first:
        return f"{_count(len(after), 'warning')}:\n{warning_text(after, LISTED_WARNINGS)}" if after else ""
    old = set(before)
    added = [d for d in after if d not in old]
    gone = len(old - set(after))
    if not added and not gone:
        return ""
    head = f"{_count(len(after), 'warning')} now"
    changes = [f"{len(added)} new"] if added else []
    changes += [f"{gone} fixed"] if gone else []
    text = f"{head} ({', '.join(changes)})"
    return f"{text}:\n{warning_text(added, LISTED_WARNINGS)}" if added else text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
