"""What `check` says about a site's own templates: which it will use, and whether they compile.

Kept apart from ``theme`` because compiling needs the Jinja environment (and so Markdown),
which a site without templates of its own never loads.
"""

from __future__ import annotations

from jinja2 import TemplateSyntaxError

from .. import rules
from ..diagnostics import Diagnostic, Position
from ..text_files import display_path
from .theme import Theme

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


def check_templates(theme: Theme) -> list[Diagnostic]:
    """A positioned `theme` error for each template from the content folder that does not compile."""
    if not theme.content_dirs:
        return []
    from .environment import make_environment  # noqa: PLC0415 - only for sites with templates of their own

    env = make_environment(theme.template_dirs, sandboxed=True)
    found: list[Diagnostic] = []
    for path in theme.overrides():
        if path.suffix not in TEMPLATE_SUFFIXES:
            continue
        try:
            env.compile(path.read_bytes().decode("utf-8"), path.name, str(path))
        except UnicodeDecodeError:
            found.append(rules.THEME.at(Position(display_path(path), 0, 0), "the template is not valid UTF-8"))
        except TemplateSyntaxError as exc:
            found.append(rules.THEME.at(Position(display_path(path), exc.lineno, 1), f"template error: {exc.message}"))
        except OSError as exc:
            found.append(rules.THEME.at(Position(display_path(path), 0, 0), f"cannot read the template: {exc.strerror}"))
    return found
