"""``debatemap serve``: the local preview with live reload (server, watcher, events, overlay)."""

from .preview import Preview

__all__ = ["Preview"]
