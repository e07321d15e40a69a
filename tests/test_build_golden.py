"""The golden sample site builds to exactly the committed pages (tests/golden/expected/).

On a difference the failure names the first differing file and shows the lines that differ, so
a reviewer sees what a change did to the site. An intended change is accepted by running
``python -m tests.golden.refresh`` and committing the new expected output.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from debatemap.pipeline import load_site

from .golden import CONTENT, EXPECTED, REFRESH_COMMAND, read_tree, snapshot

MAX_DIFF_LINES = 60
MAX_LINE = 300


def describe_difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str | None:
    """None when the trees are equal; otherwise the first difference, in words and a diff."""
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = sorted(name for name in expected.keys() & actual.keys() if expected[name] != actual[name])
    if not (missing or extra or changed):
        return None
    lines = [
        f"The golden site's output changed ({len(changed)} changed, {len(missing)} missing, {len(extra)} new files).",
        f"If the change is intended, run `{REFRESH_COMMAND}` and review `git diff tests/golden/expected`.",
    ]
    if missing:
        lines.append(f"Missing: {', '.join(missing[:10])}")
    if extra:
        lines.append(f"New: {', '.join(extra[:10])}")
    if changed:
        first = changed[0]
        diff = difflib.unified_diff(
            expected[first].decode("utf-8", "replace").splitlines(),
            actual[first].decode("utf-8", "replace").splitlines(),
            f"expected/{first}",
            f"built/{first}",
            lineterm="",
            n=2,
        )
        shown = [line if len(line) <= MAX_LINE else line[:MAX_LINE] + " ..." for line in diff]
        lines.append(f"First differing file: {first}")
        lines.extend(shown[:MAX_DIFF_LINES])
        if len(shown) > MAX_DIFF_LINES:
            lines.append(f"... {len(shown) - MAX_DIFF_LINES} more diff lines")
        if len(changed) > 1:
            lines.append(f"Also changed: {', '.join(changed[1:10])}{' ...' if len(changed) > 10 else ''}")
    return "\n".join(lines)


def test_golden_content_passes_strict_check() -> None:
    checked = load_site(CONTENT, strict=True)
    assert checked.diagnostics == ()


def test_golden_site_builds_to_the_committed_pages(tmp_path: Path) -> None:
    actual = snapshot(tmp_path / "site")
    expected = read_tree(EXPECTED)
    assert expected, f"no golden output yet: run `{REFRESH_COMMAND}`"
    problem = describe_difference(expected, actual)
    assert problem is None, problem


def test_golden_failure_message_names_the_first_differing_file_and_lines() -> None:
    expected = {"a.html": b"one\ntwo\nthree\n", "b.html": b"same\n", "gone.xml": b"x"}
    actual = {"a.html": b"one\nTWO\nthree\n", "b.html": b"same\n", "new.txt": b"y"}
    message = describe_difference(expected, actual)
    assert message is not None
    assert "First differing file: a.html" in message
    assert "-two" in message and "+TWO" in message
    assert "Missing: gone.xml" in message and "New: new.txt" in message
    assert REFRESH_COMMAND in message
    assert describe_difference(expected, dict(expected)) is None
