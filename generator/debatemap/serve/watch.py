"""Watch the content and the theme; rebuild on each batch of saves, the extra files when things go quiet.

``watchfiles`` (inotify, FSEvents) hands over every change made while the last rebuild ran as
one batch, so a burst of saves costs one rebuild, not one each. Editors' swap and backup files
are ignored by its default filter.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

QUIET_MS = 50
"""A batch is handed over once no file has changed for this long."""
LONGEST_BATCH_MS = 1600
"""...or after this long, even while files keep changing."""
IDLE_MS = 300
"""With nothing changing for this long, the deferred extra files (search index, drawings) are made."""


def watch_loop(
    paths: Callable[[], list[Path]],
    on_change: Callable[[list[str], bool], None],
    on_idle: Callable[[], None],
    stop: threading.Event,
) -> None:
    """Run until ``stop`` is set; ``paths`` is asked again after each batch (a new theme folder).

    ``on_change`` gets the batch and whether it is complete: every change since the last batch.
    The first batch of each watch is not, since files may have changed before the watch began
    (during the first build, or while the watched folders were switched). Such a save has no
    event of its own, so when a watch starts quietly its first pause hands over an empty,
    incomplete batch: every file is checked then, instead of at the next save, which could be
    never (the save would be lost).
    """
    while not stop.is_set():
        watched = paths()
        complete = False
        for batch in watchfiles.watch(
            *watched,
            stop_event=stop,
            step=QUIET_MS,
            debounce=LONGEST_BATCH_MS,
            rust_timeout=IDLE_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if batch or not complete:
                on_change(sorted(path for _, path in batch), complete)
                complete = True
            else:
                on_idle()
            if paths() != watched:
                break
