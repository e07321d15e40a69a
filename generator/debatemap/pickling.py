"""Fast pickling for the frozen dataclasses the build cache stores by the tens of thousands.

A frozen dataclass with slots pickles through ``dataclasses``' own ``__getstate__`` and
``__setstate__``, which call ``fields()`` for every object: unpickling the model of 10,000
claims (68,000 objects) took 0.45 s of a warm build. Reduced to the class and its field values
instead, an object is rebuilt by its ``__init__`` (these classes check nothing there), twice as
fast to load and five times as fast to save.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

_T = TypeVar("_T", bound=type)


def by_fields(cls: _T) -> _T:
    """Class decorator: pickle ``cls`` (a dataclass whose ``__init__`` takes every field) as its field values."""
    names = [field.name for field in dataclasses.fields(cls) if field.init]
    if len(names) != len(dataclasses.fields(cls)) or "__post_init__" in vars(cls):
        raise TypeError(f"{cls.__name__}: by_fields needs an __init__ that takes every field and checks nothing")
    values: Callable[[Any], tuple[Any, ...]]
    if len(names) == 1:
        single = attrgetter(names[0])
        values = lambda obj: (single(obj),)  # noqa: E731 - attrgetter of one name gives the value, not a tuple
    else:
        values = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls
