"""The sandbox that templates from the content folder render in.

A site's own templates (``theme_dir``, or a theme given as a path) arrive like content, through
pull requests, and ``debatemap serve`` renders a contributor's branch on a curator's machine.
They may write any HTML a theme writes, but must not run Python there, read files outside the
content folder or write anywhere. Jinja2's ``ImmutableSandboxedEnvironment`` blocks the known
gadgets (``lipsum.__globals__``, ``__class__.__mro__``, ``str.format`` tricks, mutating the
shared model); it still lets a template call any public method of any object it can reach, so
this sandbox also keeps templates to the objects a page is made of: plain data, Markup, Jinja's
own helpers and debatemap's model, views and link functions. Paths, modules, files, classes
and functions from elsewhere read as undefined, and calling anything else is refused.
"""

from __future__ import annotations

import datetime
import io
import types
from pathlib import PurePath
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

_DATA: tuple[type, ...] = (str, int, float, bool, type(None), list, tuple, dict, set, frozenset, slice, range, Markup)
_DATA += (datetime.date, types.MappingProxyType)
"""Plain values whose public attributes and methods a template may use."""
_NEVER = (types.ModuleType, PurePath, io.IOBase, type)
"""Values a template never gets, whatever holds them: a module leads to ``os``, a path to the
file system, a class to constructors."""
_OWN_PACKAGES = ("debatemap.", "jinja2.")


def _ours_name(module: str | None) -> bool:
    return bool(module) and str(module).startswith(_OWN_PACKAGES)


def _ours(kind: type) -> bool:
    return _ours_name(kind.__module__)


def _safe_value(value: Any) -> bool:
    return not isinstance(value, _NEVER)


class ThemeSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with attributes and calls kept to the page's own objects."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value) or not _safe_value(value):
            return False
        return isinstance(obj, _DATA) or _ours(type(obj))

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, type):  # Jinja's globals: dict(), cycler(), joiner(), namespace()
            return obj is dict or _ours(obj)
        if isinstance(obj, types.MethodType):  # Markup.striptags, Site.children, loop.cycle...
            owner = obj.__self__
            return isinstance(owner, _DATA) or _ours(type(owner))
        if isinstance(obj, types.BuiltinMethodType | types.MethodWrapperType):  # str.upper, dict.items...
            return isinstance(getattr(obj, "__self__", None), _DATA)
        if isinstance(obj, types.FunctionType):  # the page's url(), claim_url()...; Jinja's range, lipsum
            return _ours_name(obj.__module__)
        return _ours(type(obj))  # macros, super(), debatemap's callable objects

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)
        return value if _safe_value(value) else self.unsafe_undefined(obj, attribute)

    def getitem(self, obj: Any, argument: str | Any) -> Any:
        value = super().getitem(obj, argument)
        return value if _safe_value(value) else self.unsafe_undefined(obj, str(argument))
