"""The registry of every rule code: one place that names, grades and documents each check.

Codes are stable (curators grep for them, CI annotations show them); the severity is the
default, which ``site.yaml``'s ``checks:`` setting can raise or lower for graph rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic, Position, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A named check with a stable code."""

    code: str
    severity: Severity
    summary: str
    """One line for docs/checks.md and ``debatemap check --list-rules``."""

    def at(
        self,
        position: Position,
        message: str,
        hint: str | None = None,
        related: tuple[Position, ...] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(self.code, severity or self.severity, message, position, hint, related)


RULES: dict[str, Rule] = {}


def _rule(code: str, severity: Severity, summary: str) -> Rule:
    rule = Rule(code, severity, summary)
    RULES[code] = rule
    return rule


E, W = Severity.ERROR, Severity.WARNING

# Reading files
FILE_UNREADABLE = _rule("file-unreadable", E, "A content file cannot be read.")
FILE_TOO_LARGE = _rule("file-too-large", E, "A content file is larger than the size limit.")
ENCODING = _rule("encoding", E, "A file is not valid UTF-8.")
CONTROL_CHARACTER = _rule("control-character", E, "A file contains NUL or another control character.")
YAML_SYNTAX = _rule("yaml-syntax", E, "The YAML cannot be parsed.")
YAML_ALIAS = _rule("yaml-alias", E, "YAML anchors, aliases and merge keys are not allowed.")
YAML_TAG = _rule("yaml-tag", E, "Explicit YAML tags (!!python/..., !include, !!binary...) are not allowed.")
MULTIPLE_DOCUMENTS = _rule("multiple-documents", E, "A file holds more than one YAML document.")
DUPLICATE_KEY = _rule("duplicate-key", E, "The same key appears twice in one mapping.")
TOO_DEEP = _rule("too-deep", E, "Nesting is deeper than the limit.")
BIDI_CONTROL = _rule(
    "bidi-control", W, "Text holds an invisible bidirectional control (U+202A-U+202E, U+2066-U+2069) that can reorder it."
)
FRONT_MATTER = _rule("front-matter", E, "A page's YAML front matter is missing or not closed.")

# Schema
UNKNOWN_KEY = _rule("unknown-key", E, "A key that the format does not define.")
WRONG_TYPE = _rule("wrong-type", E, "A value of the wrong type (text where a list is expected...).")
MISSING_FIELD = _rule("missing-field", E, "A required field is missing.")
EMPTY_VALUE = _rule("empty-value", E, "A field is present but empty.")
TOO_LONG = _rule("too-long", E, "A text or list is longer than the limit.")
INVALID_ID = _rule("invalid-id", E, "An id does not match the id pattern or is reserved.")
INVALID_DATE = _rule("invalid-date", E, "A date is not a real ISO date (YYYY-MM-DD; a source's date may be YYYY-MM or YYYY).")
INVALID_URL = _rule("invalid-url", E, "A URL is not a valid http(s) URL.")
INVALID_CHOICE = _rule("invalid-choice", E, "A value is not one of the allowed choices.")

# Graph
DUPLICATE_ID = _rule("duplicate-id", E, "Two claims (or maps, or sources) share an id.")
UNKNOWN_REF = _rule("unknown-ref", E, "A `ref:` names a claim that is not defined.")
UNKNOWN_SOURCE = _rule("unknown-source", E, "A citation names a source file that does not exist.")
UNKNOWN_PAGE = _rule("unknown-page", E, "`nav` in site.yaml names a page that does not exist.")
CYCLE = _rule("cycle", E, "Claims support or oppose themselves through a loop of refs.")
UNSOURCED_CLAIM = _rule("unsourced-claim", W, "A claim cites no source (error under --strict).")
UNUSED_SOURCE = _rule("unused-source", W, "A source is cited by no claim.")
ONE_SIDED_MAP = _rule("one-sided-map", W, "A map's thesis has no pros or no cons.")
DUPLICATE_CITATION = _rule("duplicate-citation", W, "A claim cites the same source twice.")
STATIC_PATH = _rule("static-path", E, "A file in static/ would replace a page or file the build makes, or cannot be published.")
THEME = _rule(
    "theme", E, "`theme` or `theme_dir` names no usable folder inside the content folder, or a template there is broken."
)
NO_CONTENT = _rule("no-content", E, "The content folder has no site.yaml or no maps.")

# The MkDocs plugin's ```debatemap blocks, in the host site's Markdown pages
INVALID_EMBED = _rule("invalid-embed", E, "A `debatemap` block in an MkDocs page names neither a map nor a claim, or both.")
UNKNOWN_EMBED = _rule(
    "unknown-embed", E, "A `debatemap` block in an MkDocs page names a map or claim that is not in the content."
)
