"""The documentation names every rule the checker can report."""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.rules import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_rule_code_is_documented_with_its_severity() -> None:
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    missing = [code for code, rule in RULES.items() if f"| `{code}` | {rule.severity.value} |" not in text]
    assert missing == []


BARE_PYTHON = re.compile(r"(?<![\w/.-])python3? (?!-m venv\b)")
"""A command run with the system's Python, which has not got debatemap (the quickstart installs it in .venv)."""


def test_the_readme_runs_python_from_the_virtual_environment() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    bare = [line for line in readme.splitlines() if BARE_PYTHON.search(line)]
    assert bare == []
