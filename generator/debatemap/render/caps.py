"""Even-handed caps: when a list or a drawing shows only some of a debate, it shows both sides.

A figure that draws all eight pros and two of eight cons makes one side look smaller than it
is, whatever the reason for the cap. So every cap takes as many of each side as fit (an equal
share each, and a side's unused share goes to the other), keeps the order of the list within
each side, and says exactly what it left out ("and 6 more cons"), side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

SIDES = ("pro", "con")


def balanced(items: Sequence[T], limit: int, side: Callable[[T], str]) -> tuple[list[T], dict[str, int]]:
    """At most ``limit`` of ``items``, as many of each side as fit, in their order; and how many
    of each side were left out (sides with none left out are absent)."""
    if len(items) <= limit:
        return list(items), {}
    by_side: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_side.setdefault(side(item), []).append(index)
    quota = _shares({name: len(indices) for name, indices in by_side.items()}, limit)
    kept = sorted(index for name, indices in by_side.items() for index in indices[: quota[name]])
    hidden = {name: len(indices) - quota[name] for name, indices in by_side.items() if len(indices) > quota[name]}
    return [items[i] for i in kept], hidden


def _shares(sizes: dict[str, int], limit: int) -> dict[str, int]:
    """How many of each side to keep: equal shares, a side's unused share passed on to the others
    (water-filling); what cannot be split evenly goes to the sides in SIDES order."""
    order = sorted(sizes, key=lambda name: (SIDES.index(name) if name in SIDES else len(SIDES), name))
    shares = dict.fromkeys(order, 0)
    left = limit
    open_sides = [name for name in order if sizes[name] > 0]
    while left > 0 and open_sides:
        each, extra = divmod(left, len(open_sides))
        for rank, name in enumerate(open_sides):
            give = min(each + (1 if rank < extra else 0), sizes[name] - shares[name])
            shares[name] += give
            left -= give
        open_sides = [name for name in open_sides if shares[name] < sizes[name]]
    return shares


NOUNS = {"pro": ("pro", "pros"), "con": ("con", "cons")}


def more_label(hidden: dict[str, int], nouns: dict[str, tuple[str, str]] | None = None, lead: str = "and ") -> str:
    """'and 6 more cons', 'and 2 more pros and 3 more cons': what a cap left out, side by side."""
    words = nouns or NOUNS
    parts = [f"{count} more {words[name][0] if count == 1 else words[name][1]}" for name, count in _in_order(hidden)]
    if not parts:
        return ""
    return lead + (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1])


def _in_order(hidden: dict[str, int]) -> list[tuple[str, int]]:
    ranked = sorted(hidden.items(), key=lambda item: (SIDES.index(item[0]) if item[0] in SIDES else len(SIDES), item[0]))
    return [(name, count) for name, count in ranked if count > 0]
