"""Incremental builds: keep a built site current by re-rendering only what a change touches."""

from .builder import IncrementalBuild, Interrupted, Outcome

__all__ = ["IncrementalBuild", "Interrupted", "Outcome"]
