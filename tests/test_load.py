"""The loader: bytes on disk to positioned YAML, refusing everything a content file has no need for."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap import text_files
from debatemap.diagnostics import Diagnostic, Position
from debatemap.load import MAX_DEPTH, YMap, YScalar, YSeq, parse_yaml
from debatemap.pipeline import load_site
from debatemap.text_files import _CONTROL, MAX_FILE_BYTES, _may_hold_control, decode_text
from tests.helpers import SOURCE, minimal_site, time_limit

S = "content/sources/report.yaml"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path`` so that positions read ``content/...``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_source(data: str | bytes) -> list[str]:
    """Every diagnostic of the helper site with ``data`` as its source file, as check prints it."""
    root = minimal_site(Path("content"), {"sources/report.yaml": data})
    return [f"{d.position}: {d.severity.value}[{d.code}]: {d.message}" for d in load_site(root).diagnostics]


def parse(text: str) -> tuple[object, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    return parse_yaml(text, "f.yaml", diags), diags


# Encodings and line ends


def test_utf8_bom_is_accepted_and_not_counted_as_a_column(in_tmp: Path) -> None:
    assert check_source(b"\xef\xbb\xbf" + SOURCE.encode()) == []
    with_error = b"\xef\xbb\xbf" + SOURCE.encode().replace(b"kind: report", b"kind: reprot")
    assert check_source(with_error) == [f"{S}:6:7: error[invalid-choice]: 'reprot' is not a valid value for 'kind'"]


def test_crlf_line_ends_are_accepted_with_the_same_positions(in_tmp: Path) -> None:
    crlf = SOURCE.replace("\n", "\r\n").replace("kind: report", "kind: reprot").encode()
    assert check_source(crlf) == [f"{S}:6:7: error[invalid-choice]: 'reprot' is not a valid value for 'kind'"]


def test_crlf_does_not_leak_a_carriage_return_into_values(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE.replace("\n", "\r\n").encode()})
    assert load_site(root).site.sources["report"].title == "A report"


def test_old_mac_line_ends_count_as_lines() -> None:
    diags: list[Diagnostic] = []
    assert decode_text(b"a: 1\rb: 2\r\x01", "f", diags) is None
    assert [str(d.position) for d in diags] == ["f:3:1"]


def test_nul_is_refused_with_its_line_and_column(in_tmp: Path) -> None:
    data = SOURCE.replace("publisher: Example", "publisher: Exa\x00mple")
    assert check_source(data) == [f"{S}:3:15: error[control-character]: the file contains the control character U+0000"]


@pytest.mark.parametrize("char", ["\x1b", "\x7f", "\x85", "\x0c"])
def test_other_control_characters_are_refused(in_tmp: Path, char: str) -> None:
    data = SOURCE.replace("summary: What", f"summary: What{char}")
    assert check_source(data) == [
        f"{S}:7:14: error[control-character]: the file contains the control character U+{ord(char):04X}"
    ]


def test_tabs_inside_text_are_fine(in_tmp: Path) -> None:
    assert check_source(SOURCE.replace("What the report", "What\tthe report")) == []


def test_invalid_utf8_is_refused_with_its_line_and_column_in_characters(in_tmp: Path) -> None:
    data = SOURCE.encode().replace(b"Ada Lovelace", "Ad\u00e9 \u00e9".encode() + b"\xc3\x28")
    # "authors: [Ad" is 12 characters, then é, space, é: the bad byte is the 16th character.
    assert check_source(data) == [f"{S}:4:16: error[encoding]: byte 0xc3 is not valid UTF-8"]


def test_latin1_file_is_refused_with_a_hint_to_save_as_utf8(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": "title: Caf\u00e9\n".encode("latin-1")})
    (diagnostic,) = load_site(root).diagnostics
    assert (str(diagnostic.position), diagnostic.code, diagnostic.hint) == (
        f"{S}:1:11",
        "encoding",
        "save the file as UTF-8 in your editor",
    )


# Size and nesting limits


SMALL_LIMIT = 2 * 1024 * 1024
"""The limit's logic at a size that keeps these tests quick (the real limit is MAX_FILE_BYTES)."""


def test_file_over_the_size_limit_is_refused_unread(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_files, "MAX_FILE_BYTES", SMALL_LIMIT)
    data = SOURCE.encode() + b"#" * (SMALL_LIMIT - len(SOURCE.encode()) + 1)
    assert check_source(data) == [f"{S}: error[file-too-large]: the file is larger than 2 MB"]


def test_file_exactly_at_the_size_limit_is_read(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_files, "MAX_FILE_BYTES", SMALL_LIMIT)
    data = SOURCE.encode() + b"#" * (SMALL_LIMIT - len(SOURCE.encode()))
    assert len(data) == SMALL_LIMIT
    assert check_source(data) == []


def test_the_size_limit_leaves_room_for_a_map_of_twenty_thousand_claims() -> None:
    """Issue 14 item 7: 2 MB refused a 20,000-claim map (about 15 MB in the benchmark corpus)."""
    assert MAX_FILE_BYTES >= 48 * 1024 * 1024


def test_ten_thousand_nested_brackets_are_refused_without_recursion_error(in_tmp: Path) -> None:
    data = SOURCE + "tags: " + "[" * 10_000 + "]" * 10_000 + "\n"
    # The root mapping is level 1; the 100th bracket would be level 101 (column 6 + 100). A libyaml
    # with its own limit (PyYAML 6.0.4's wheels) scans ahead and stops at its 1000th bracket first.
    [diagnostic] = check_source(data)
    assert diagnostic in (
        f"{S}:8:106: error[too-deep]: nesting is deeper than {MAX_DEPTH} levels",
        f"{S}:8:1006: error[too-deep]: nesting is deeper than {MAX_DEPTH} levels",
    )


def test_unclosed_brackets_are_refused_at_the_depth_limit_too(in_tmp: Path) -> None:
    assert [line.split(": ", 2)[1] for line in check_source("tags: " + "[" * 50_000)] == ["error[too-deep]"]


def test_nesting_up_to_the_limit_is_accepted_and_one_more_level_is_not() -> None:
    # The root mapping is one level, so MAX_DEPTH - 1 brackets reach the limit exactly.
    tree, diags = parse("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert diags == [] and isinstance(tree, YMap)
    tree, diags = parse("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert tree is None and [(d.code, str(d.position)) for d in diags] == [("too-deep", f"f.yaml:1:{3 + MAX_DEPTH}")]


def deep_map(levels: int) -> str:
    """A map whose thesis has a chain of ``levels`` claims, each the only pro of the one above."""
    lines = ["title: Deep", "updated: 2024-01-01", "thesis:", "  id: claim-0", "  claim: Claim 0."]
    keys = "  "
    for level in range(1, levels):
        lines += [f"{keys}pros:", f"{keys}  - id: claim-{level}"]
        keys += "    "
        lines.append(f"{keys}claim: Claim {level}.")
    return "\n".join(lines) + "\n"


def test_deeply_nested_pros_are_refused_without_recursion_error(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"maps/open.yaml": deep_map(300)})
    # claim-L (L >= 1) is a list at level 2L + 1 and a mapping at 2L + 2, written from line 4 + 3L:
    # claim-50's list is level 101, one too many.
    assert [(d.code, d.position.line) for d in load_site(root).diagnostics] == [("too-deep", 4 + 3 * 50)]


def test_fifty_levels_of_pros_load_into_the_graph(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"maps/open.yaml": deep_map(50)})
    checked = load_site(root)
    assert "too-deep" not in {d.code for d in checked.diagnostics}
    assert len(checked.site.map_claims["open"]) == 50


# What YAML would silently reinterpret


@pytest.mark.parametrize(
    ("written", "meaning"),
    [
        ("no", "a boolean"),
        ("Yes", "a boolean"),
        ("off", "a boolean"),
        ("012", "a number"),
        ("1.10", "a number"),
        ("0x1F", "a number"),
        (".inf", "a number"),
    ],
)
def test_yaml_11_scalars_where_an_id_is_required_must_be_quoted(in_tmp: Path, written: str, meaning: str) -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE + f"tags: [{written}]\n"})
    (diagnostic,) = load_site(root).diagnostics
    expected = f"{S}:8:8: 'tags' must be text, but YAML reads `{written}` as {meaning}"
    assert f"{diagnostic.position}: {diagnostic.message}" == expected
    assert diagnostic.hint == f'put it in quotes: "{written}"'


def test_yaml_11_scalars_where_text_is_required_must_be_quoted(in_tmp: Path) -> None:
    assert check_source(SOURCE.replace("publisher: Example Institute", "publisher: 1.10")) == [
        f"{S}:3:12: error[wrong-type]: 'publisher' must be text, but YAML reads `1.10` as a number"
    ]


def test_quoted_yaml_11_scalars_are_text(in_tmp: Path) -> None:
    root = minimal_site(
        Path("content"), {"sources/report.yaml": SOURCE.replace("Example Institute", "'1.10'") + 'tags: ["no", "012"]\n'}
    )
    checked = load_site(root)
    assert checked.diagnostics == ()
    source = checked.site.sources["report"]
    assert (source.publisher, source.tags) == ("1.10", ("no", "012"))


@pytest.mark.parametrize("written", ["~", "null", "NULL", ""])
def test_null_where_text_is_required_is_an_empty_value(in_tmp: Path, written: str) -> None:
    (line,) = check_source(SOURCE.replace("publisher: Example Institute", f"publisher: {written}"))
    assert line.startswith(f"{S}:3:") and line.endswith("error[empty-value]: 'publisher' is empty")


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("!!python/object:os.system", "!!python/object:os.system"),
        ("!!python/object/apply:os.system", "!!python/object/apply:os.system"),
        ("!include", "!include"),
        ("!!binary", "!!binary"),
        ("!!set", "!!set"),
        ("!!int", "!!int"),
    ],
)
def test_explicit_tags_are_refused(in_tmp: Path, tag: str, shown: str) -> None:
    data = SOURCE.replace("summary: What the report says.", f"summary: {tag} What the report says.")
    assert check_source(data) == [f"{S}:7:10: error[yaml-tag]: the YAML tag '{shown}' is not allowed"]


def test_explicit_tags_on_collections_are_refused(in_tmp: Path) -> None:
    assert check_source(SOURCE.replace("authors: [Ada Lovelace]", "authors: !!set {Ada Lovelace}")) == [
        f"{S}:4:10: error[wrong-type]: 'authors' must be a list",
        f"{S}:4:10: error[yaml-tag]: the YAML tag '!!set' is not allowed",
    ]


def test_python_object_tag_builds_nothing() -> None:
    tree, diags = parse("title: !!python/object/apply:os.system ['touch pwned']\n")
    assert [d.code for d in diags] == ["yaml-tag"]
    assert isinstance(tree, YMap)
    value = tree.items["title"][1]
    assert isinstance(value, YSeq) and value.items == [YScalar("touch pwned", Position("f.yaml", 1, 41), False)]


def test_alias_bomb_is_refused_before_expansion(in_tmp: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 30):  # 9**30 strings once expanded
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    root = minimal_site(Path("content"), {"sources/report.yaml": "\n".join(lines) + "\n"})
    started = time.perf_counter()
    diagnostics = load_site(root).diagnostics
    assert time.perf_counter() - started < 2
    assert [f"{d.position}: {d.message}" for d in diagnostics] == [
        f"{S}:1:4: YAML anchors (&a) are not allowed",
        f"{S}:2:4: YAML anchors (&b) are not allowed",
        f"{S}:2:8: YAML aliases (*a) are not allowed",
    ]


def test_duplicate_keys_name_both_lines(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE + "url: https://example.org/other\n"})
    (diagnostic,) = load_site(root).diagnostics
    assert f"{diagnostic.position}: {diagnostic.message}" == f"{S}:8:1: duplicate key 'url' (first at line 2)"
    assert diagnostic.related == (Position(S, 2, 1),)


def test_duplicate_keys_keep_the_first_value(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE + "title: Second title\n"})
    assert load_site(root).site.sources["report"].title == "A report"


def test_second_document_is_refused(in_tmp: Path) -> None:
    assert check_source("---\n" + SOURCE + "---\n" + SOURCE) == [
        f"{S}:9:1: error[multiple-documents]: the file holds a second YAML document"
    ]


def test_explicit_document_start_and_end_markers_are_fine(in_tmp: Path) -> None:
    assert check_source("---\n" + SOURCE + "...\n") == []


def test_complex_keys_are_refused() -> None:
    tree, diags = parse("? [a, b]\n: value\n")
    assert tree is None
    assert [(d.code, str(d.position)) for d in diags] == [("wrong-type", "f.yaml:1:3")]


def test_syntax_error_points_at_the_problem_with_a_hint(in_tmp: Path) -> None:
    root = minimal_site(
        Path("content"), {"sources/report.yaml": SOURCE.replace("authors: [Ada Lovelace]", "authors: [Ada Lovelace")}
    )
    (diagnostic,) = load_site(root).diagnostics
    assert diagnostic.code == "yaml-syntax"
    assert diagnostic.position.path == S and diagnostic.position.line >= 4
    assert diagnostic.hint


@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", "a: 1\n\tb: 2\n", "a:\n  - x\n\t- y\n"])
def test_tab_indentation_gets_its_own_hint(text: str) -> None:
    tree, diags = parse(text)
    assert tree is None
    assert [d.hint for d in diags] == ["indent with spaces; YAML does not allow tabs"]


def test_other_syntax_errors_get_the_general_hint() -> None:
    tree, diags = parse("a: [b\nc: d\n")
    assert tree is None
    assert [d.hint for d in diags] == ["check indentation and quoting on this line and the one before"]


def test_scalars_keep_the_text_as_written() -> None:
    tree, diags = parse("a: 012\nb: '1.10'\nc: no\n")
    assert diags == []
    assert isinstance(tree, YMap)
    assert [(k, v[1]) for k, v in tree.items.items()] == [
        ("a", YScalar("012", Position("f.yaml", 1, 4), True)),
        ("b", YScalar("1.10", Position("f.yaml", 2, 4), False)),
        ("c", YScalar("no", Position("f.yaml", 3, 4), True)),
    ]


def test_escaped_control_characters_in_quoted_text_are_refused() -> None:
    tree, diags = parse('a: "bell\\a"\n')
    assert tree is None
    assert [(d.code, str(d.position)) for d in diags] == [("control-character", "f.yaml:1:4")]


def test_escaped_newlines_and_tabs_are_fine() -> None:
    tree, diags = parse('a: "one\\ttwo\\nthree"\n')
    assert diags == []
    assert isinstance(tree, YMap) and tree.items["a"][1] == YScalar("one\ttwo\nthree", Position("f.yaml", 1, 4), False)


def test_a_folder_named_like_a_map_is_reported_not_read(in_tmp: Path) -> None:
    root = minimal_site(Path("content"))
    (root / "maps" / "folder.yaml").mkdir()
    assert [d.code for d in load_site(root).diagnostics] == ["file-unreadable"]


def test_hidden_files_and_other_suffixes_are_not_content(in_tmp: Path) -> None:
    root = minimal_site(
        Path("content"), {"maps/.open.yaml.swp": b"\x00\x01", "maps/notes.txt": "not yaml: [", "maps/.draft.yaml": "{"}
    )
    checked = load_site(root)
    assert checked.diagnostics == ()
    assert sorted(p.name for p in checked.content.files) == ["about.md", "open.yaml", "report.yaml", "site.yaml"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_the_fast_control_screen_never_misses_a_control_character(text: str) -> None:
    if _CONTROL.search(text) is not None:
        assert _may_hold_control(text.encode("utf-8"))


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x80", "\x9f", "\ufffe", "\uffff"])
def test_the_fast_control_screen_flags_each_refused_character(char: str) -> None:
    assert _may_hold_control(f"title: a{char}b\n".encode())


def test_the_fast_control_screen_passes_ordinary_text() -> None:
    assert not _may_hold_control("title: Caf\u00e9 \u2014 \u201cquoted\u201d \u2026 \U0001f600\n\tend\r\n".encode())


# Pipes, separators, bidirectional controls, unclosed quotes


def test_a_named_pipe_is_refused_without_opening_it(in_tmp: Path) -> None:
    """D3: open() on a FIFO waits for a writer, so check and build hung for good."""
    root = minimal_site(Path("content"))
    os.mkfifo(root / "maps" / "pipe.yaml")
    with time_limit(10):
        checked = load_site(root)
    assert [(d.code, str(d.position), d.message) for d in checked.diagnostics] == [
        ("file-unreadable", "content/maps/pipe.yaml", "this is a named pipe (FIFO), not a regular file")
    ]


@pytest.mark.parametrize("char", ["\u2028", "\u2029"])
def test_line_and_paragraph_separators_become_spaces(in_tmp: Path, char: str) -> None:
    """Issue 14 item 6: pasted from a PDF, they were refused as control characters."""
    root = minimal_site(
        Path("content"), {"sources/report.yaml": SOURCE.replace("What the report", f"What{char}the{char}{char}report")}
    )
    checked = load_site(root)
    assert checked.diagnostics == ()
    assert checked.site.sources["report"].summary == "What the  report says."


def test_separators_written_as_escapes_become_spaces_too() -> None:
    tree, diags = parse('a: "one\\Ltwo\\Pthree\\u2028four"\n')
    assert diags == []
    assert isinstance(tree, YMap) and tree.items["a"][1].value == "one two three four"  # type: ignore[union-attr]


def test_a_separator_does_not_shift_the_lines_of_later_problems(in_tmp: Path) -> None:
    data = SOURCE.replace("title: A report", "title: A\u2028report").replace("kind: report", "kind: reprot")
    assert check_source(data) == [f"{S}:6:7: error[invalid-choice]: 'reprot' is not a valid value for 'kind'"]


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidirectional_controls_are_warned_about_where_they_are(in_tmp: Path, char: str) -> None:
    """D11: a right-to-left override passed check silently (Trojan Source)."""
    data = SOURCE.replace("publisher: Example", f"publisher: Exa{char}mple")
    (line,) = check_source(data)
    assert line.startswith(f"{S}:3:15: warning[bidi-control]: invisible bidirectional control U+{ord(char):04X} (")


def test_bidirectional_controls_are_reported_once_per_line_and_fail_strict(in_tmp: Path) -> None:
    data = SOURCE.replace("title: A report", "title: A \u202eevil\u202c report \u2067x\u2069").replace("Example", "\u202eExample")
    root = minimal_site(Path("content"), {"sources/report.yaml": data})
    assert [str(d.position) for d in load_site(root).diagnostics] == [f"{S}:1:10", f"{S}:3:12"]
    assert not load_site(root, strict=True).ok


def test_ordinary_right_to_left_text_is_not_warned_about(in_tmp: Path) -> None:
    assert check_source(SOURCE.replace("What the report says.", "\u05e9\u05dc\u05d5\u05dd \u0633\u0644\u0627\u0645 \u200f")) == []


def test_an_unclosed_quote_is_reported_where_it_opens(in_tmp: Path) -> None:
    """D12: it was reported at the end of the file, with an empty line as the snippet."""
    root = minimal_site(
        Path("content"), {"site.yaml": 'title: T\nlanguage: en\ndescription: "Arguments about\n\nnav: [maps]\nauthor: b\n'}
    )
    (d,) = load_site(root).diagnostics
    assert (str(d.position), d.code, d.message) == (
        "content/site.yaml:3:14",
        "yaml-syntax",
        "the quoted text that starts here is never closed",
    )
    assert d.hint is not None and "closing quote" in d.hint


def test_an_unclosed_single_quote_in_front_matter_is_placed_in_the_page(in_tmp: Path) -> None:
    root = minimal_site(Path("content"), {"pages/about.md": "---\ntitle: 'About\n---\nBody.\n"})
    (d,) = load_site(root).diagnostics
    assert (str(d.position), d.code) == ("content/pages/about.md:2:8", "yaml-syntax")
