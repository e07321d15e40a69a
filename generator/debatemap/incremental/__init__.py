"""Incremental builds: keep a built site current by re-rendering only what a change touches.

The names below load on first use: ``debatemap check`` reads the build cache through this
package and must not import the renderer with ``builder``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .builder import IncrementalBuild, Interrupted, Outcome

__all__ = ["IncrementalBuild", "Interrupted", "Outcome"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import builder  # noqa: PLC0415 - loaded on first use, see above

        return getattr(builder, name)
    raise AttributeError(name)
