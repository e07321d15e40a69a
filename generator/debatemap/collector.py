"""Pausing Python's cycle collector around work that allocates many objects but no cycles.

Loading a site, building the search index and incremental rebuilds each allocate hundreds of
thousands (at 100,000 claims, millions) of small objects that form no reference cycle; the
collector would walk them again and again for nothing (it doubled the time of a 10,000-claim
check). Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, promote: bool = False) -> Iterator[None]:
    """No cycle collection inside the block.

    With ``promote``, the objects made inside move straight to the oldest generation on the way
    out (freeze then unfreeze, without walking them), so the first collection afterwards does not
    scan them all at once: for long-lived results such as the loaded site. It is skipped when
    someone else has frozen objects, whose freeze it would undo.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if promote and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
