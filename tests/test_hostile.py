"""The hostile-input suite: every crafted content tree gets its verdict, and nothing worse.

For each case of ``hostile/cases.py`` the real `debatemap build` (or `check`) runs in this
process under a time limit. Whatever the verdict, the command must return an exit code (no
traceback escapes it), print no traceback and no control character that drives a terminal,
run no command, touch no file outside the content and output folders (an audit hook watches),
and leave no trace of the canary file outside the content in what it prints or builds. A
refused case prints each expected diagnostic at its exact position and leaves no output
folder; a case that builds exits 0 with exactly the expected warnings, and the scanner finds
nothing live in any file it built.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .hostile.cases import CASES, Case
from .hostile.runner import Outcome, run_build
from .scanner import scan_site

DIAGNOSTIC = re.compile(r"^(?P<position>\S+?): (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]: ", re.MULTILINE)


def diagnostics(text: str) -> list[tuple[str, str, str]]:
    """(severity, code, position) of every diagnostic line printed."""
    return [(m["severity"], m["code"], m["position"]) for m in DIAGNOSTIC.finditer(text)]


def assert_nothing_escaped(case: Case, outcome: Outcome, where: Path) -> None:
    printed = outcome.out + outcome.err
    assert "Traceback" not in printed and "internal error" not in printed
    assert not any(c in printed for c in "\x00\x07\x1b\x9b"), "a control character reached the terminal"
    assert outcome.ran == [], f"a command ran: {outcome.ran}"
    assert outcome.violations == [], "file access outside the content and output folders"
    assert "TOP-SECRET-CANARY" not in printed
    assert not list(where.rglob("PWNED")), "a payload made its canary file"
    out = where / "out" / "site"
    if out.is_dir():
        leaked = [p for p in out.rglob("*") if p.is_file() and b"TOP-SECRET-CANARY" in p.read_bytes()]
        assert leaked == [], "a file from outside the content was published"
    for _, _, position in diagnostics(printed):
        assert position.startswith("content"), f"a diagnostic that is not in the content folder: {position}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_content_gets_its_verdict_and_nothing_escapes(case: Case, tmp_path: Path) -> None:
    outcome = run_build(case, tmp_path)
    assert_nothing_escaped(case, outcome, tmp_path)
    printed = diagnostics(outcome.out + outcome.err)
    out = tmp_path / "out" / "site"
    if case.refused:
        assert outcome.code == 1, outcome.out + outcome.err
        found = {(code, position) for severity, code, position in printed if severity == "error"}
        missing = [pair for pair in case.refused if pair not in found]
        assert missing == [], f"expected diagnostics not printed; printed: {sorted(found)}"
        assert not out.exists(), "a refused build wrote a site"
    elif case.render_error:
        assert outcome.code == 1
        assert case.render_error in outcome.err, outcome.err
        assert "template" in outcome.err
        assert not out.exists()
    else:
        assert outcome.code == 0, outcome.out + outcome.err
        assert [(code, position) for severity, code, position in printed] == list(case.warnings)
        if case.command == "build":
            assert (out / "index.html").is_file()
            assert scan_site(out, case.static, case.markers) == []
            if case.expect is not None:
                case.expect(out)


def test_the_suite_covers_at_least_forty_trees_and_both_verdicts() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert sum(1 for case in CASES if case.refused) >= 25
    assert sum(1 for case in CASES if not case.refused and not case.render_error) >= 10


def test_the_scanner_finds_live_payloads() -> None:
    """The safe verdicts above mean something only if the scanner can fail."""
    from .scanner import scan_file  # noqa: PLC0415

    live = {
        "a.html": "<p onclick=x()>a</p>",
        "b.html": '<a href=" javascript:alert(1)">b</a>',
        "c.html": "<script>alert(1)</script>",
        "d.html": "<iframe src=x></iframe>",
        "e.html": "<p>QQZZ</p>",
        "f.svg": '<svg><a xlink:href="javascript:x"><text>t</text></a></svg>',
        "g.json": '{"a": "\u2028"}',
        "h.xml": "<feed><content type='html'>&lt;img src=x onerror=alert(1)&gt;</content></feed>",
        "i.html": '<script type="application/ld+json">{"a": "</script><script>x()"}</script>',
        "j.txt": "a\x1b[2Jb",
        "k.xml": "<feed><unclosed></feed>",
    }
    import tempfile  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in live.items():
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            assert scan_file(path, name), f"{name} was not flagged"
