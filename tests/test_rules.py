"""One case per rule code: a content snippet and every diagnostic it must produce, word for word.

Each case starts from ``minimal_site`` (a valid one-map site) and replaces, adds or deletes a
few files. The expected lines are ``path:line:column: severity[code]: message`` exactly as
``debatemap check`` prints them, for the whole site, so a case also pins down that nothing
else is reported. ``test_every_rule_code_has_a_case`` makes a new rule without a case fail CI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from debatemap import text_files
from debatemap.pipeline import load_site
from debatemap.rules import RULES
from tests.helpers import MAP, minimal_site
from tests.helpers import SITE as SITE_YAML


class Directory:
    """In a case's files: make a folder at this path."""


@dataclass(frozen=True)
class LinkOutside:
    """In a case's files: a link to a file outside the content folder."""

    text: str


FileSpec = str | bytes | Directory | LinkOutside | None
"""Text or bytes to write, a folder, a link, or None to delete the file ``minimal_site`` made."""


@dataclass(frozen=True)
class Case:
    code: str
    """The rule the case is about."""
    files: dict[str, FileSpec]
    expected: list[str]
    strict: bool = False
    hints: dict[int, str] = field(default_factory=dict)
    """Index into ``expected`` -> the exact hint of that diagnostic."""


def make_site(root: Path, files: dict[str, FileSpec]) -> Path:
    """``minimal_site`` at ``root`` (relative to the working folder) with ``files`` applied."""
    plain = {name: spec for name, spec in files.items() if isinstance(spec, str | bytes)}
    minimal_site(root, plain)
    for name, spec in files.items():
        path = root / name
        if spec is None:
            path.unlink()
        elif isinstance(spec, Directory):
            path.mkdir(parents=True)
        elif isinstance(spec, LinkOutside):
            outside = root.parent / "outside.yaml"
            outside.write_text(spec.text, encoding="utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(outside.resolve())
    return root


def report_lines(root: Path, *, strict: bool = False) -> list[str]:
    return [f"{d.position}: {d.severity.value}[{d.code}]: {d.message}" for d in load_site(root, strict=strict).diagnostics]


M = "content/maps/open.yaml"
S = "content/sources/report.yaml"

SOURCE_LINES = [
    "title: A report",
    "url: https://example.org/report",
    "publisher: Example Institute",
    "authors: [Ada Lovelace]",
    "published: 2024-07-30",
    "kind: report",
    "summary: What the report says.",
]


def source(*replace: tuple[int, str]) -> str:
    """The helper site's source file with some 1-based lines replaced."""
    lines = list(SOURCE_LINES)
    for number, text in replace:
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


def two_sided_map(*extra_pros: str, thesis_sources: str = "  sources: [{source: report}]") -> str:
    """A map whose thesis (id on line 4) has one pro (line 8) and one con (line 12 without extras).

    ``extra_pros`` lines go after line 10, so they start at line 11: indented by four and
    starting with ``-`` they add pros, indented by six they add keys to faster-innovation.
    """
    return (
        "\n".join(
            [
                "title: Should weights be open?",
                "updated: 2024-08-01",
                "thesis:",
                "  id: open-weights",
                "  claim: Weights should be open.",
                thesis_sources,
                "  pros:",
                "    - id: faster-innovation",
                "      claim: Open weights speed up innovation.",
                "      sources: [{source: report}]",
                *extra_pros,
                "  cons:",
                "    - id: misuse-risk",
                "      claim: Open weights enable misuse.",
                "      sources: [{source: report}]",
            ]
        )
        + "\n"
    )


CASES = [
    Case(
        "file-unreadable",
        {"maps/folder.yaml": Directory()},
        ["content/maps/folder.yaml: error[file-unreadable]: this is a folder, not a regular file"],
    ),
    Case(
        "file-unreadable",
        {"maps/linked.yaml": LinkOutside(MAP)},
        ["content/maps/linked.yaml: error[file-unreadable]: the file is a link to outside the content folder"],
    ),
    Case(
        "file-too-large",
        {"sources/report.yaml": source().encode() + b"#" * (2 * 1024 * 1024)},
        [f"{S}: error[file-too-large]: the file is larger than 2 MB"],
        hints={0: "split it into several files (one map per file, one source per file)"},
    ),
    Case(
        "bidi-control",
        {"sources/report.yaml": source().replace("Example Institute", "Example \u202eInstitute")},
        [
            f"{S}:3:20: warning[bidi-control]: invisible bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE): "
            "the text may display in another order than it is written"
        ],
        hints={0: "delete it; right-to-left words display correctly without it"},
    ),
    Case(
        "encoding",
        {"sources/report.yaml": source().encode().replace(b"Example Institute", b"Caf\xc3\xa9 \xff Institute")},
        [f"{S}:3:17: error[encoding]: byte 0xff is not valid UTF-8"],  # column in characters: é is one
        hints={0: "save the file as UTF-8 in your editor"},
    ),
    Case(
        "control-character",
        {"sources/report.yaml": source((4, "authors: [Ada\x07 Lovelace]"))},
        [f"{S}:4:14: error[control-character]: the file contains the control character U+0007"],
    ),
    Case(
        "control-character",
        {"sources/report.yaml": source((1, 'title: "A \\e[2J report"'))},
        [f"{S}:1:8: error[control-character]: the quoted text contains the control character U+001B, written as an escape"],
    ),
    Case(
        "yaml-syntax",
        {"sources/report.yaml": source((1, "title: Open weights: a report"))},
        [f"{S}:1:20: error[yaml-syntax]: mapping values are not allowed in this context"],
        hints={0: "quote the text if it contains ': ' (a colon followed by a space)"},
    ),
    Case(
        "yaml-alias",
        {"sources/report.yaml": source((3, "publisher: &who Example Institute"), (4, "authors: [*who]"))},
        [
            f"{S}:3:12: error[yaml-alias]: YAML anchors (&who) are not allowed",
            f"{S}:4:11: error[yaml-alias]: YAML aliases (*who) are not allowed",
        ],
    ),
    Case(
        "yaml-alias",
        {"sources/report.yaml": source((3, "<<: {publisher: Example Institute}"))},
        [f"{S}:3:1: error[yaml-alias]: YAML merge keys (<<) are not allowed"],
    ),
    Case(
        "yaml-tag",
        {"sources/report.yaml": source((1, "title: !!python/object:os.system A report"))},
        [f"{S}:1:8: error[yaml-tag]: the YAML tag '!!python/object:os.system' is not allowed"],
        hints={0: "remove the tag and write plain text"},
    ),
    Case(
        "multiple-documents",
        {"sources/report.yaml": source() + "---\ntitle: Another report\n"},
        [f"{S}:8:1: error[multiple-documents]: the file holds a second YAML document"],
    ),
    Case(
        "duplicate-key",
        {"sources/report.yaml": source() + "title: The same report\n"},
        [f"{S}:8:1: error[duplicate-key]: duplicate key 'title' (first at line 1)"],
    ),
    Case(
        "too-deep",
        {"sources/report.yaml": source((4, "authors: " + "[" * 150 + "]" * 150))},
        [f"{S}:4:109: error[too-deep]: nesting is deeper than 100 levels"],
    ),
    Case(
        "front-matter",
        {"pages/about.md": "title: About\n\nThe front matter has no --- lines.\n"},
        ["content/pages/about.md:1:1: error[front-matter]: a page must start with `---` front matter"],
    ),
    Case(
        "front-matter",
        {"pages/about.md": "---\ntitle: About\n\nThe closing line is missing.\n"},
        ["content/pages/about.md:1:1: error[front-matter]: the front matter is not closed"],
    ),
    Case(
        "unknown-key",
        {"maps/open.yaml": two_sided_map().replace("      claim: Open weights speed", "      clam: Open weights speed")},
        [
            f"{M}:8:7: error[missing-field]: claim is missing the required field 'claim'",
            f"{M}:9:7: error[unknown-key]: unknown key 'clam' in claim",
        ],
        hints={1: "did you mean 'claim'?"},
    ),
    Case(
        "wrong-type",
        {"maps/open.yaml": "tags: policy\n" + two_sided_map()},
        [f"{M}:1:7: error[wrong-type]: 'tags' must be a list"],
        hints={0: "write `tags: [a, b]` or one `- item` per line"},
    ),
    Case(
        "wrong-type",
        {"maps/open.yaml": two_sided_map("    - id: no", "      claim: An id YAML 1.1 reads as false.")},
        [f"{M}:11:11: error[wrong-type]: 'id' must be text, but YAML reads `no` as a boolean"],
        hints={0: 'put it in quotes: "no"'},
    ),
    Case(
        "missing-field",
        {"maps/open.yaml": two_sided_map().replace("updated: 2024-08-01\n", "")},
        [f"{M}:1:1: error[missing-field]: map is missing the required field 'updated'"],
    ),
    Case(
        "empty-value",
        {"maps/open.yaml": "summary:\n" + two_sided_map()},
        [f"{M}:1:9: error[empty-value]: 'summary' is empty"],
        hints={0: "give it a value or remove the key"},
    ),
    Case(
        "too-long",
        {"maps/open.yaml": two_sided_map().replace("Open weights enable misuse.", "misuse " * 150)},
        [f"{M}:13:14: error[too-long]: 'claim' is 1049 characters long; the limit is 1000"],
    ),
    Case(
        "invalid-id",
        {"maps/open.yaml": two_sided_map("    - id: Cheaper_Research", "      claim: Research gets cheaper.")},
        [
            f"{M}:11:11: error[invalid-id]: invalid id 'Cheaper_Research': "
            "ids use lowercase ASCII letters, digits and single hyphens"
        ],
        hints={0: "try 'cheaper-research'"},
    ),
    Case(
        "invalid-id",
        {"maps/open.yaml": None, "maps/index.yaml": MAP},
        ["content/maps/index.yaml: error[invalid-id]: invalid file name 'index.yaml': this name is reserved"],
    ),
    Case(
        "invalid-date",
        {"maps/open.yaml": two_sided_map().replace("2024-08-01", "2024-02-30")},
        [f"{M}:2:10: error[invalid-date]: '2024-02-30' is not a real date: day is out of range for month"],
    ),
    Case(
        "invalid-url",
        {"sources/report.yaml": source((2, "url: javascript:alert(1)"))},
        [f"{S}:2:6: error[invalid-url]: 'url' is not a valid URL: only http and https links are allowed"],
        hints={0: "e.g. https://example.org/page"},
    ),
    Case(
        "invalid-choice",
        {"sources/report.yaml": source((6, "kind: reprot"))},
        [f"{S}:6:7: error[invalid-choice]: 'reprot' is not a valid value for 'kind'"],
        hints={0: "did you mean 'report'?"},
    ),
    Case(
        "duplicate-id",
        {
            "maps/open.yaml": two_sided_map(
                "    - id: misuse-risk", "      claim: The same id again.", "      sources: [{source: report}]"
            )
        },
        [f"{M}:15:11: error[duplicate-id]: the claim id 'misuse-risk' is already defined at {M}:11:11"],
        hints={0: "give one of them a new id, or reuse the first with `ref:`"},
    ),
    Case(
        "unknown-ref",
        {"maps/open.yaml": two_sided_map("    - ref: misuse-risc")},
        [f"{M}:11:12: error[unknown-ref]: ref 'misuse-risc' names no claim"],
        hints={0: "did you mean 'misuse-risk'?"},
    ),
    Case(
        "unknown-source",
        {"maps/open.yaml": two_sided_map(thesis_sources="  sources: [{source: reprot}]")},
        [f"{M}:6:22: error[unknown-source]: source 'reprot' does not exist"],
        hints={0: "did you mean 'report'?"},
    ),
    Case(
        "unknown-page",
        {"site.yaml": "title: Test site\nnav: [maps, about, contact]\n"},
        ["content/site.yaml:2:20: error[unknown-page]: nav names 'contact', which is no page"],
        hints={0: "nav takes maps, sources, tags, search or a page in content/pages/"},
    ),
    Case(
        "cycle",
        {"maps/open.yaml": two_sided_map("      cons: [{ref: open-weights}]")},  # under faster-innovation
        [f"{M}:11:20: error[cycle]: the argument loops back on itself: open-weights -> faster-innovation -> open-weights"],
        hints={0: "remove the `ref: open-weights` under 'faster-innovation', so that no claim supports or opposes itself"},
    ),
    Case(
        "unsourced-claim",
        {"maps/open.yaml": two_sided_map(thesis_sources="  details: No sources here.")},
        [f"{M}:4:7: warning[unsourced-claim]: claim 'open-weights' cites no source"],
    ),
    Case(
        "unsourced-claim",
        {"maps/open.yaml": two_sided_map(thesis_sources="  details: No sources here.")},
        [f"{M}:4:7: error[unsourced-claim]: claim 'open-weights' cites no source"],
        strict=True,
    ),
    Case(
        "unused-source",
        {"sources/extra.yaml": "title: Extra\nurl: https://example.org/extra\n"},
        ["content/sources/extra.yaml:1:1: warning[unused-source]: source 'extra' is cited by no claim"],
    ),
    Case(
        "one-sided-map",
        {"maps/open.yaml": two_sided_map().split("  cons:")[0]},
        [f"{M}:4:7: warning[one-sided-map]: map 'open' has no cons under its thesis"],
        hints={0: "add `cons:` to the thesis"},
    ),
    Case(
        "duplicate-citation",
        {"maps/open.yaml": two_sided_map(thesis_sources="  sources: [{source: report, note: A}, {source: report, note: B}]")},
        [f"{M}:6:49: warning[duplicate-citation]: claim 'open-weights' cites 'report' twice"],
    ),
    Case(
        "static-path",
        {"static/index.html": "<h1>Mine</h1>"},
        ["content/static/index.html: error[static-path]: static/index.html would replace the site's own index.html"],
        hints={0: "rename or move it; assets/ and search/ belong to the build"},
    ),
    Case(
        "theme",
        {"site.yaml": SITE_YAML + "theme_dir: ../outside\n"},
        ["content/site.yaml:5:12: error[theme]: theme_dir '../outside' leads out of the content folder"],
        hints={0: "name a folder inside the content folder, relative to it, such as theme-overrides"},
    ),
    Case(
        "no-content",
        {"site.yaml": None},
        ["content/site.yaml: error[no-content]: there is no site.yaml"],
    ),
    Case(
        "no-content",
        {"maps/open.yaml": None},
        [
            "content/maps: error[no-content]: the site has no maps",
            f"{S}:1:1: warning[unused-source]: source 'report' is cited by no claim",
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{i}" for i, c in enumerate(CASES)])
def test_rule_reports_exactly_these_diagnostics(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(text_files, "MAX_FILE_BYTES", 2 * 1024 * 1024)  # the file-too-large case at a quick size
    root = make_site(Path("content"), case.files)
    checked = load_site(root, strict=case.strict)
    assert [f"{d.position}: {d.severity.value}[{d.code}]: {d.message}" for d in checked.diagnostics] == case.expected
    assert any(d.code == case.code for d in checked.diagnostics)
    for index, hint in case.hints.items():
        assert checked.diagnostics[index].hint == hint


BLOCK_RULES = {"invalid-embed", "unknown-embed"}
"""Rules of the MkDocs plugin's ``debatemap`` blocks, found in a host site's pages rather than in
the content: their cases are in test_mkdocs_parts.py (and test_mkdocs_plugin.py, in real builds)."""


def test_every_rule_code_has_a_case() -> None:
    assert sorted({case.code for case in CASES} | BLOCK_RULES) == sorted(RULES)


def test_the_unmodified_helper_site_is_clean_under_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline every case modifies: without this, a case's expected list could hide noise."""
    monkeypatch.chdir(tmp_path)
    assert report_lines(make_site(Path("content"), {}), strict=True) == []
    assert report_lines(make_site(Path("again"), {"maps/open.yaml": two_sided_map()}), strict=True) == []
