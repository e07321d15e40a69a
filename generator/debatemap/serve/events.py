"""Tell open tabs what changed: a version number per rebuild and the URL paths it rewrote.

Each tab's page carries the version it was served at; its event stream starts from there, so a
rebuild finished between the page load and the connection is never missed. A tab that fell far
behind (or that a previous run of the server served: another ``epoch``) is told to reload.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass

HISTORY = 64
"""Rebuilds remembered for tabs catching up; older tabs simply reload."""


@dataclass(frozen=True, slots=True)
class Change:
    version: int
    paths: tuple[str, ...] | None
    """URL paths ('/claims/x/') rewritten or removed; None means every page."""

    def message(self, epoch: str) -> str:
        """The event as the browser script reads it."""
        paths = None if self.paths is None else list(self.paths)
        return json.dumps({"epoch": epoch, "version": self.version, "paths": paths}, separators=(",", ":"))


def url_paths(output_paths: Iterable[str]) -> tuple[str, ...]:
    """The URL paths that show each output file: 'claims/x/index.html' is '/claims/x/' and its full name."""
    found: set[str] = set()
    for name in output_paths:
        found.add("/" + name)
        if name == "index.html" or name.endswith("/index.html"):
            found.add("/" + name[: -len("index.html")])
    return tuple(sorted(found))


class Broadcaster:
    """Thread-safe: the watcher publishes, every event-stream request waits."""

    def __init__(self) -> None:
        self.epoch = secrets.token_hex(6)
        self._condition = threading.Condition()
        self._history: list[Change] = []
        self._version = 0
        self._closed = False

    @property
    def version(self) -> int:
        return self._version

    @property
    def closed(self) -> bool:
        return self._closed

    def publish(self, paths: Iterable[str] | None) -> int:
        """Record a rebuild and wake every waiting stream; ``None`` reloads every tab."""
        with self._condition:
            self._version += 1
            self._history.append(Change(self._version, None if paths is None else tuple(sorted(set(paths)))))
            del self._history[:-HISTORY]
            self._condition.notify_all()
            return self._version

    def since(self, epoch: str, version: int) -> Change:
        """Everything that changed after ``version``, merged into one change."""
        with self._condition:
            current = self._version
            if epoch != self.epoch or version > current:
                return Change(current, None)
            if version == current:
                return Change(current, ())
            missed = [c for c in self._history if c.version > version]
            if len(missed) < current - version or any(c.paths is None for c in missed):
                return Change(current, None)
            return Change(current, tuple(sorted({p for c in missed for p in c.paths or ()})))

    def wait(self, version: int, timeout: float) -> bool:
        """Block until a version newer than ``version`` exists (True), the timeout passes or the server stops."""
        with self._condition:
            self._condition.wait_for(lambda: self._version > version or self._closed, timeout)
            return self._version > version and not self._closed

    def close(self) -> None:
        """Release every waiting stream (shutdown)."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()
