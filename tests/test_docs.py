"""The documentation names every rule the checker can report."""

from __future__ import annotations

from pathlib import Path

from debatemap.rules import RULES

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_rule_code_is_documented_with_its_severity() -> None:
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    missing = [code for code, rule in RULES.items() if f"| `{code}` | {rule.severity.value} |" not in text]
    assert missing == []
