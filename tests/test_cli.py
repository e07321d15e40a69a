"""The command line: exit codes, output formats, --strict, and the check/new/schema commands."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from debatemap.cli import main
from debatemap.diagnostics import Diagnostic, Position, Severity
from debatemap.pipeline import load_site
from debatemap.report import format_github, format_text
from debatemap.schema import FILE_SCHEMAS
from tests.helpers import MAP, SOURCE, minimal_site


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


UNSOURCED = MAP.replace("      sources: [{source: report, note: Section 3.}]\n", "")
"""The helper map with one claim (misuse-risk, line 16) that cites nothing: a warning."""
BROKEN = MAP.replace("id: misuse-risk", "id: Misuse_Risk")
"""The helper map with an invalid id on line 16: an error."""


# Exit codes


def test_check_exits_0_on_clean_content(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"))
    assert run(capsys, "check", "content") == (0, "No problems found in 4 files.\n", "")


def test_check_reads_the_content_folder_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"))
    assert run(capsys, "check")[0] == 0


def test_check_exits_1_on_errors(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": BROKEN})
    code, out, _ = run(capsys, "check", "content")
    assert code == 1
    assert out.splitlines()[-1] == "Found 1 error in 4 files."


def test_check_exits_0_on_warnings_and_1_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": UNSOURCED})
    code, out, _ = run(capsys, "check", "content")
    assert (code, out.splitlines()[0]) == (
        0,
        "content/maps/open.yaml:16:11: warning[unsourced-claim]: claim 'misuse-risk' cites no source",
    )
    code, out, _ = run(capsys, "check", "content", "--strict")
    assert (code, out.splitlines()[0]) == (
        1,
        "content/maps/open.yaml:16:11: error[unsourced-claim]: claim 'misuse-risk' cites no source",
    )
    assert out.splitlines()[-1] == "Found 1 error in 4 files."


def test_missing_content_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "nowhere")
    assert (code, out) == (2, "")
    assert err == "debatemap: error: no content folder at 'nowhere' (create one with `debatemap new site nowhere`)\n"


@pytest.mark.parametrize("argv", [["check", "--colour"], ["check", "--format", "xml"], ["frobnicate"], []])
def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: debatemap" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0 and "--strict" in out


def test_content_problems_never_print_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": b"\xff\xfe", "sources/report.yaml": "- [", "site.yaml": "!!binary x"})
    code, out, err = run(capsys, "check", "content")
    assert code == 1
    assert err == ""
    assert "Traceback" not in out


# Output formats


def test_text_format_shows_the_source_line_with_a_caret_and_the_hint(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": BROKEN})
    _, out, _ = run(capsys, "check", "content")
    assert out.splitlines() == [
        "content/maps/open.yaml:16:11: error[invalid-id]: invalid id 'Misuse_Risk': "
        "ids use lowercase ASCII letters, digits and single hyphens",
        " 16 |     - id: Misuse_Risk",
        "    |           ^",
        "  = hint: try 'misuse-risk'",
        "Found 1 error in 4 files.",
    ]


def test_text_format_points_the_caret_past_wide_and_tab_characters(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("title: \u00e9t\u00e9\tx: y\n", encoding="utf-8")
    diagnostic = Diagnostic("yaml-syntax", Severity.ERROR, "boom", Position("f.yaml", 1, 12))
    assert format_text([diagnostic]).splitlines()[1:] == [" 1 | title: \u00e9t\u00e9 x: y", "   |            ^"]


def test_text_format_lists_related_positions_and_omits_the_line_for_file_problems() -> None:
    diagnostic = Diagnostic(
        "duplicate-id", Severity.ERROR, "dup", Position("missing.yaml", 0, 0), "fix", (Position("a.yaml", 3, 5),)
    )
    assert format_text([diagnostic]).splitlines() == [
        "missing.yaml: error[duplicate-id]: dup",
        "  = hint: fix",
        "  = see: a.yaml:3:5",
    ]


def test_text_format_never_echoes_control_characters_from_the_content() -> None:
    diagnostic = Diagnostic("unknown-key", Severity.ERROR, "unknown key 'a\nb\x1b[2J'", Position("x.yaml", 0, 0), "hint\rme")
    text = format_text([diagnostic])
    assert "\x1b" not in text and "\r" not in text
    assert text.splitlines() == ["x.yaml: error[unknown-key]: unknown key 'a\\nb\\x1b[2J'", "  = hint: hint\\rme"]


def test_json_format_is_valid_json_with_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": BROKEN.replace("faster-innovation\n", "faster-innovation\n      clam: x\n")})
    code, out, _ = run(capsys, "check", "content", "--format", "json")
    assert code == 1
    payload = json.loads(out)
    assert payload["summary"] == {"errors": 2, "warnings": 0, "files": 4}
    assert payload["diagnostics"][0] == {
        "code": "unknown-key",
        "severity": "error",
        "message": "unknown key 'clam' in claim",
        "file": "content/maps/open.yaml",
        "line": 13,
        "column": 7,
        "hint": "did you mean 'claim'?",
        "related": [],
    }
    assert [d["code"] for d in payload["diagnostics"]] == ["unknown-key", "invalid-id"]


def test_json_format_on_clean_content_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"))
    code, out, _ = run(capsys, "check", "content", "--format", "json")
    assert (code, json.loads(out)) == (0, {"diagnostics": [], "summary": {"errors": 0, "warnings": 0, "files": 4}})


def test_json_format_carries_related_positions(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"sources/report.yaml": SOURCE + "title: Again\n"})
    _, out, _ = run(capsys, "check", "content", "--format", "json")
    (diagnostic,) = json.loads(out)["diagnostics"]
    assert (diagnostic["code"], diagnostic["related"]) == (
        "duplicate-key",
        [{"file": "content/sources/report.yaml", "line": 1, "column": 1}],
    )


def test_github_format_annotates_file_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": BROKEN})
    code, out, _ = run(capsys, "check", "content", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=content/maps/open.yaml,line=16,col=11,title=debatemap invalid-id::invalid id 'Misuse_Risk': "
        "ids use lowercase ASCII letters, digits and single hyphens (hint: try 'misuse-risk')",
        "Found 1 error in 4 files.",
    ]


def test_github_format_escapes_properties_and_message() -> None:
    diagnostic = Diagnostic("unknown-key", Severity.WARNING, "100% sure\nor not\r", Position("a,b:c.yaml", 2, 3), "x: y, z")
    assert format_github([diagnostic]) == (
        "::warning file=a%2Cb%3Ac.yaml,line=2,col=3,title=debatemap unknown-key::100%25 sure%0Aor not%0D (hint: x: y, z)"
    )


def test_github_format_leaves_out_line_and_column_for_whole_file_problems() -> None:
    diagnostic = Diagnostic("file-too-large", Severity.ERROR, "big", Position("m.yaml", 0, 0))
    assert format_github([diagnostic]) == "::error file=m.yaml,title=debatemap file-too-large::big"


def test_github_format_end_to_end_escapes_a_percent_in_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    minimal_site(Path("content"), {"sources/report.yaml": SOURCE + "'100%': yes\n"})
    _, out, _ = run(capsys, "check", "content", "--format", "github")
    assert out.splitlines()[0] == (
        "::error file=content/sources/report.yaml,line=8,col=1,title=debatemap unknown-key::"
        "unknown key '100%25' in source (hint: source keys are: title, url, publisher, authors, published, kind, "
        "archived, verified, caution, summary, tags)"
    )


# check writes nothing


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every path under ``root`` with its size, modification time (ns) and bytes (folders: b"")."""
    tree: dict[str, tuple[int, int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        tree[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns, data)
    return tree


@pytest.mark.parametrize("options", [[], ["--strict"], ["--format", "json"], ["--format", "github"]])
def test_check_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    minimal_site(Path("content"), {"maps/open.yaml": UNSOURCED, "maps/broken.yaml": BROKEN + "clam: x\n"})
    before = snapshot(tmp_path)
    assert run(capsys, "check", "content", *options)[0] == 1
    assert snapshot(tmp_path) == before


# new


def test_new_site_passes_check_strict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "site", "mysite")
    assert code == 0
    assert "created mysite/site.yaml" in out.splitlines()
    assert run(capsys, "check", "mysite", "--strict") == (0, "No problems found in 4 files.\n", "")


def test_each_new_kind_passes_check_strict(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's promise, one command at a time: every starter passes `check --strict` as written."""
    steps = [
        ["new", "site", "mysite"],
        ["new", "map", "second-map", "--content", "mysite"],
        ["new", "map", "third-map", "--source", "example-source", "--content", "mysite"],
        ["new", "source", "second-source", "--cite", "second-map-thesis", "--content", "mysite"],
        ["new", "page", "method", "--content", "mysite"],
        ["new", "claim", "a-reply", "--under", "example-thesis", "--stance", "con", "--source", "example-source",
         "--claim", "A reply.", "--content", "mysite"],
    ]  # fmt: skip
    for argv in steps:
        assert run(capsys, *argv)[0] == 0, argv
        code, out, _ = run(capsys, "check", "mysite", "--strict")
        assert (code, out.startswith("No problems found in ")) == (0, True), (argv, out)


def test_new_map_writes_a_starter_source_that_its_claims_cite(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    code, out, _ = run(capsys, "new", "map", "my-map", "--content", "mysite")
    assert (code, out.splitlines()) == (
        0,
        [
            "created mysite/sources/my-map-source.yaml",
            "created mysite/maps/my-map.yaml",
            "next: replace the placeholders in mysite/sources/my-map-source.yaml and mysite/maps/my-map.yaml, "
            "then debatemap check mysite",
        ],
    )
    data = yaml.safe_load(Path("mysite/maps/my-map.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "Your question here?"
    assert data["thesis"]["sources"][0]["source"] == "my-map-source"


def test_new_map_source_must_exist(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    code, _, err = run(capsys, "new", "map", "m", "--source", "nope", "--content", "mysite")
    assert (code, err) == (
        2,
        "debatemap: error: no source 'nope' in mysite/sources (create it with `debatemap new source nope`)\n",
    )
    assert sorted(p.name for p in Path("mysite/maps").iterdir()) == ["example.yaml"]


def test_new_source_without_cite_says_what_check_will_say(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    code, out, _ = run(capsys, "new", "source", "later", "--content", "mysite")
    assert (code, out.splitlines()) == (
        0,
        [
            "created mysite/sources/later.yaml",
            "next: cite it from a claim (`sources: [{source: later}]`, or `--cite CLAIM_ID` next time); "
            "until a claim does, `debatemap check` warns that it is unused",
        ],
    )
    assert "warning[unused-source]: source 'later'" in run(capsys, "check", "mysite")[1]


def test_new_page_comes_after_the_other_pages(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    code, out, _ = run(capsys, "new", "page", "how-we-work", "--content", "mysite")
    assert (code, out.splitlines()) == (
        0,
        [
            "created mysite/pages/how-we-work.md",
            "next: to link it from every page's header, add how-we-work to `nav` in mysite/site.yaml",
        ],
    )
    assert Path("mysite/pages/how-we-work.md").read_text(encoding="utf-8").startswith("---\ntitle: How we work\norder: 2\n---\n")
    assert run(capsys, "new", "page", "faq", "--title", "Questions: answered", "--content", "mysite")[0] == 0
    assert Path("mysite/pages/faq.md").read_text(encoding="utf-8").startswith("---\ntitle: 'Questions: answered'\norder: 3\n")
    pages = load_site(Path("mysite")).site.pages
    assert (pages["faq"].title, pages["faq"].order) == ("Questions: answered", 3)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "page"], "'page' is not a valid map id: the site uses /maps/page/ itself"),
        (["source", "by-title"], "'by-title' is not a valid source id: the site uses /sources/by-title/ itself"),
        (["page", "tags"], "'tags' is not a valid page slug: the site uses /tags/ itself"),
        (["page", "Über"], "'Über' is not a valid page slug: ids use lowercase ASCII letters, digits and single hyphens"),
    ],
)
def test_new_refuses_names_the_site_uses_itself(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    run(capsys, "new", "site", "mysite")
    before = snapshot(Path("mysite"))
    assert run(capsys, "new", *argv, "--content", "mysite") == (2, "", f"debatemap: error: {message}\n")
    assert snapshot(Path("mysite")) == before


def test_new_site_prints_the_next_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "site", "my site")
    assert (code, out.splitlines()[-1]) == (0, "next: debatemap serve 'my site'")


@pytest.mark.parametrize(
    ("argv", "again"),
    [
        (["check"], "debatemap check ."),
        (["build"], "debatemap build . --out ../site"),
        (["serve"], "debatemap serve ."),
        (["new", "map", "x"], "debatemap new map x --content ."),
    ],
)
def test_inside_a_content_folder_the_hint_names_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str], again: str
) -> None:
    run(capsys, "new", "site", "mysite")
    monkeypatch.chdir("mysite")
    assert run(capsys, *argv) == (
        2,
        "",
        "debatemap: error: no content folder at 'content'; this folder holds site.yaml, so it is the content folder: "
        f"`{again}`\n",
    )


@pytest.mark.parametrize(("given", "holder"), [("mysite/site.yaml", "mysite"), ("mysite/maps/example.yaml", "mysite")])
def test_a_file_given_for_the_content_folder_names_the_folder(
    capsys: pytest.CaptureFixture[str], given: str, holder: str
) -> None:
    run(capsys, "new", "site", "mysite")
    assert run(capsys, "check", given) == (
        2,
        "",
        f"debatemap: error: {given} is a file; pass the folder that holds it ({holder})\n",
    )


def test_an_unknown_option_shows_the_command_usage_and_the_option_meant(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "build", "mysite", "--output", "x")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "usage: debatemap build [-h] [--out OUT] [--strict]",
        "                       [--cache-dir DIR | --no-cache]",
        "                       [content]",
        "debatemap build: error: unrecognized arguments: --output x; did you mean --out?",
    ]


@pytest.mark.parametrize(
    ("argv", "last_line"),
    [
        (["new", "pag", "foo"], "debatemap new: error: argument KIND: invalid choice: 'pag' "
         "(choose from 'site', 'map', 'source', 'page', 'claim'); did you mean 'page'?"),
        (["chek"], "debatemap: error: argument COMMAND: invalid choice: 'chek' "
         "(choose from 'check', 'build', 'serve', 'report', 'links', 'export', 'import', 'schema', 'new'); "
         "did you mean 'check'?"),
        (["new"], "debatemap new: error: the following arguments are required: KIND"),
        (["new", "claim", "x", "--stance", "pro"], "debatemap new claim: error: the following arguments are required: --under"),
    ],
)  # fmt: skip
def test_usage_errors_name_what_the_user_typed(capsys: pytest.CaptureFixture[str], argv: list[str], last_line: str) -> None:
    code, _, err = run(capsys, *argv)
    assert (code, err.splitlines()[-1]) == (2, last_line)
    assert "what" not in err


def test_new_never_overwrites_a_map(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    target = Path("mysite/maps/example.yaml")
    target.write_text("title: Mine\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "map", "example", "--content", "mysite")
    assert (code, out) == (2, "")
    assert err == f"debatemap: error: {target} already exists; debatemap new never overwrites a file\n"
    assert target.read_text(encoding="utf-8") == "title: Mine\n"


def test_new_site_refuses_a_folder_that_is_not_empty(capsys: pytest.CaptureFixture[str]) -> None:
    Path("mysite").mkdir()
    Path("mysite/notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "new", "site", "mysite")
    assert code == 2 and "is not empty" in err
    assert [p.name for p in Path("mysite").iterdir()] == ["notes.txt"]


def test_new_site_on_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    Path("taken").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "new", "site", "taken")
    assert (code, err) == (2, "debatemap: error: taken exists and is not a folder; choose a new folder\n")


@pytest.mark.parametrize(("name", "problem"), [("Bad Id", "ids use lowercase"), ("index", "reserved"), ("a" * 71, "too long")])
def test_new_map_refuses_ids_that_would_fail_check(capsys: pytest.CaptureFixture[str], name: str, problem: str) -> None:
    run(capsys, "new", "site", "mysite")
    code, _, err = run(capsys, "new", "map", name, "--content", "mysite")
    assert code == 2 and problem in err
    assert sorted(p.name for p in Path("mysite/maps").iterdir()) == ["example.yaml"]


def test_new_map_with_the_longest_allowed_id_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    assert run(capsys, "new", "map", "a" * 70, "--content", "mysite")[0] == 0
    assert run(capsys, "check", "mysite")[0] == 0


def test_new_map_without_a_content_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "map", "x")[0] == 2


# schema


def test_schema_prints_one_json_document_per_file_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert sorted(json.loads(out)) == sorted([*FILE_SCHEMAS, "graph"])


def test_schema_out_onto_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    Path("taken").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "schema", "--out", "taken")
    assert code == 2 and err.startswith("debatemap: error: cannot write the schemas into taken")


def written_schemas(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    code, out, _ = run(capsys, "schema", "--out", "schemas")
    assert code == 0
    assert out.splitlines() == [f"wrote schemas/{kind}.schema.json" for kind in (*FILE_SCHEMAS, "graph")]
    return {kind: json.loads(Path(f"schemas/{kind}.schema.json").read_text(encoding="utf-8")) for kind in FILE_SCHEMAS}


def yaml_as_json(text: str) -> Any:
    """YAML as an editor's YAML 1.2 language server sees it: dates stay text."""
    data = yaml.safe_load(text)

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    return plain(data)


def new_site_documents(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, Any]]:
    """(kind, data) of every file ``new site`` writes."""
    run(capsys, "new", "site", "mysite")
    about = Path("mysite/pages/about.md").read_text(encoding="utf-8").split("---\n")[1]
    return [
        ("site", yaml_as_json(Path("mysite/site.yaml").read_text(encoding="utf-8"))),
        ("map", yaml_as_json(Path("mysite/maps/example.yaml").read_text(encoding="utf-8"))),
        ("source", yaml_as_json(Path("mysite/sources/example-source.yaml").read_text(encoding="utf-8"))),
        ("page", yaml_as_json(about)),
    ]


def conforms(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> list[str]:
    """The JSON Schema keywords the generated schemas use, checked by hand: a list of problems."""
    if "$ref" in schema:
        return conforms(value, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root)
    if "oneOf" in schema:
        matches = [option for option in schema["oneOf"] if not conforms(value, option, root)]
        return [] if len(matches) == 1 else [f"{value!r} matches {len(matches)} of oneOf"]
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "integer": int}
    if kind is not None and not isinstance(value, types[kind]):
        return [f"{value!r} is not {kind}"]
    problems: list[str] = []
    if isinstance(value, dict):
        missing = set(schema.get("required", ())) - set(value)
        problems += [f"missing {name}" for name in sorted(missing)]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            problems += [f"unexpected {name}" for name in value if name not in properties]
        for name, item in value.items():
            if name in properties:
                problems += conforms(item, properties[name], root)
    if isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append("too many items")
        for item in value:
            problems += conforms(item, schema["items"], root)
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            problems.append(f"{value!r} has the wrong length")
        if "enum" in schema and value not in schema["enum"]:
            problems.append(f"{value!r} is not one of {schema['enum']}")
    return problems


def test_schema_out_validates_every_file_new_site_writes(capsys: pytest.CaptureFixture[str]) -> None:
    schemas = written_schemas(capsys)
    for kind, data in new_site_documents(capsys):
        assert conforms(data, schemas[kind], schemas[kind]) == [], kind


def test_schema_out_rejects_what_check_rejects(capsys: pytest.CaptureFixture[str]) -> None:
    """The same declarations drive both: a few mistakes the schema must flag, like check does."""
    schemas = written_schemas(capsys)
    documents = dict(new_site_documents(capsys))
    bad_map = {**documents["map"], "thesis": {**documents["map"]["thesis"], "id": "Not An Id"}}
    assert conforms(bad_map, schemas["map"], schemas["map"]) != []
    bad_ref = {**documents["map"], "thesis": {**documents["map"]["thesis"], "pros": [{"ref": "x", "claim": "y"}]}}
    assert conforms(bad_ref, schemas["map"], schemas["map"]) != []
    assert conforms({**documents["source"], "kind": "novel"}, schemas["source"], schemas["source"]) != []
    assert conforms({**documents["site"], "colour": "red"}, schemas["site"], schemas["site"]) != []
    assert conforms({"nav_title": "x"}, schemas["page"], schemas["page"]) == ["missing title"]


def test_schema_out_is_valid_json_schema_for_the_jsonschema_package(capsys: pytest.CaptureFixture[str]) -> None:
    """A cross-check with the reference implementation, when it happens to be installed."""
    jsonschema = pytest.importorskip("jsonschema")
    schemas = written_schemas(capsys)
    for kind, data in new_site_documents(capsys):
        jsonschema.Draft202012Validator.check_schema(schemas[kind])
        assert list(jsonschema.Draft202012Validator(schemas[kind]).iter_errors(data)) == [], kind


def test_new_site_files_point_editors_at_the_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "site", "mysite")
    first_line = Path("mysite/maps/example.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/map.schema.json"
    assert Path("mysite/maps", first_line.split("=", 1)[1]).resolve() == Path("mysite/schema/map.schema.json").resolve()
