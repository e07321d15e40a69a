"""`debatemap new claim` and `new source --cite` edit a map file in place, as a curator would.

Each case is a map file before and after: the reply lands under the right claim at the right
indentation, and every other byte of the file (comments, quoting, line ends) stays as it was.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import pytest

from debatemap.cli import main
from debatemap.diagnostics import Diagnostic, Position
from debatemap.load import YMap, YNode, YSeq
from debatemap.pipeline import load_site
from debatemap.scaffold.insert import append_item
from debatemap.scaffold.yaml_text import YamlText
from debatemap.schema import MAP
from debatemap.validate import validate
from tests.helpers import minimal_site


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


HEAD = "title: Q?\nupdated: 2024-08-01\n"


def site_with(map_text: str | bytes, extra: dict[str, str | bytes] | None = None) -> Path:
    text = map_text if isinstance(map_text, bytes) else HEAD + textwrap.dedent(map_text)
    return minimal_site(Path("content"), {"maps/open.yaml": text, **(extra or {})})


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, "new", "claim", *argv)
    assert (code, err) == (0, ""), err
    return out


def map_text(name: str = "open") -> str:
    return Path(f"content/maps/{name}.yaml").read_bytes().decode("utf-8")


def assert_reply(claim_id: str, parent: str, stance: str) -> None:
    """The site loads and checks clean (warnings allowed) with the claim in place."""
    checked = load_site(Path("content"))
    assert [d for d in checked.diagnostics if d.severity.value == "error"] == []
    same_side = [link.claim_id for link in checked.site.claims[parent].children if link.stance == stance]
    assert same_side[-1] == claim_id


NESTED = """\
thesis:
  id: t
  claim: T.
  sources: [{source: report}]
  pros:
    - id: a
      claim: A.
      sources: [{source: report}]
      cons:
        - id: a1
          claim: A1.   # a comment on the line
          sources: [{source: report}]
          # a note about a1

  cons:   # the objections
    - id: b
      claim: B.
      sources: [{source: report}]
"""


def test_a_reply_goes_after_the_last_sibling_and_its_comments(capsys: pytest.CaptureFixture[str]) -> None:
    site_with(NESTED)
    out = add(capsys, "a2", "--under", "a", "--stance", "con", "--claim", "A2.", "--source", "report")
    assert out == "added 'a2' as a con of 'a' at content/maps/open.yaml:16:11\n"
    assert map_text() == HEAD + NESTED.replace(
        "          # a note about a1\n",
        "          # a note about a1\n        - id: a2\n          claim: A2.\n          sources:\n            - source: report\n",
    )
    assert_reply("a2", "a", "con")


def test_a_first_pro_goes_above_the_cons_and_the_comment_over_them(capsys: pytest.CaptureFixture[str]) -> None:
    text = NESTED.replace("      cons:\n        - id: a1", "      # what answers a\n      cons:\n        - id: a1")
    site_with(text)
    add(capsys, "a0", "--under", "a", "--stance", "pro", "--claim", "A0.")
    assert map_text() == HEAD + text.replace(
        "      # what answers a\n", "      pros:\n        - id: a0\n          claim: A0.\n      # what answers a\n"
    )
    assert_reply("a0", "a", "pro")


def test_a_first_con_goes_after_the_whole_branch_before_the_blank_line(capsys: pytest.CaptureFixture[str]) -> None:
    site_with(NESTED)
    add(capsys, "a1x", "--under", "a1", "--stance", "con", "--claim", "Not so.")
    assert map_text() == HEAD + NESTED.replace(
        "          # a note about a1\n",
        "          # a note about a1\n          cons:\n            - id: a1x\n              claim: Not so.\n",
    )
    assert_reply("a1x", "a1", "con")


def test_the_last_claim_of_a_file_without_a_final_newline(capsys: pytest.CaptureFixture[str]) -> None:
    body = NESTED.rstrip("\n")
    site_with(body)
    add(capsys, "b1", "--under", "b", "--stance", "pro", "--claim", "B1.")
    assert map_text() == HEAD + body + "\n      pros:\n        - id: b1\n          claim: B1."
    assert_reply("b1", "b", "pro")


@pytest.mark.parametrize(
    ("header", "blank_lines_kept"),
    [("|", False), (">-", False), ("|+", True), ("|2", False)],
)
def test_a_reply_after_a_details_block_scalar(capsys: pytest.CaptureFixture[str], header: str, blank_lines_kept: bool) -> None:
    text = f"""\
thesis:
  id: t
  claim: T.
  sources: [{{source: report}}]
  details: {header}
      First paragraph.

      Second paragraph.


tags: [x]
"""
    site_with(text)
    before = load_site(Path("content")).site.claims["t"].details
    add(capsys, "c", "--under", "t", "--stance", "con", "--claim", "C.")
    if blank_lines_kept:  # `|+` keeps its trailing blank lines: the new key goes after them
        expected = text.replace("\n\n\ntags:", "\n\n\n  cons:\n    - id: c\n      claim: C.\ntags:")
    else:
        expected = text.replace("Second paragraph.\n", "Second paragraph.\n  cons:\n    - id: c\n      claim: C.\n")
    assert map_text() == HEAD + expected
    assert_reply("c", "t", "con")
    assert load_site(Path("content")).site.claims["t"].details == before


def test_crlf_line_ends_and_a_byte_order_mark_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    original = ("\ufeff" + HEAD + NESTED).replace("\n", "\r\n").encode("utf-8")
    site_with(original)
    add(capsys, "b1", "--under", "b", "--stance", "con", "--claim", "B1.")
    data = Path("content/maps/open.yaml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data == original + b"      cons:\r\n        - id: b1\r\n          claim: B1.\r\n"
    assert_reply("b1", "b", "con")


def test_the_file_own_indentation_is_followed(capsys: pytest.CaptureFixture[str]) -> None:
    """Lists flush with their key, and four columns from a dash to its keys."""
    text = """\
thesis:
    id: t
    claim: T.
    sources:
    -   source: report
    pros:
    -   id: a
        claim: A.
        sources:
        -   source: report
"""
    site_with(text)
    add(capsys, "a1", "--under", "a", "--stance", "con", "--claim", "A1.", "--source", "report")
    add(capsys, "a2", "--under", "t", "--stance", "pro", "--claim", "A2.")
    assert map_text() == HEAD + text + (
        "        cons:\n"
        "        -   id: a1\n"
        "            claim: A1.\n"
        "            sources:\n"
        "            -   source: report\n"
        "    -   id: a2\n"
        "        claim: A2.\n"
    )
    assert_reply("a1", "a", "con")
    assert_reply("a2", "t", "pro")


FLOW = """\
thesis:
  id: t
  claim: T.
  sources: [{source: report}]
  pros: [{ref: x}]   # reused
  cons: []
  tags: [a]
x-defs: []
"""


def test_a_list_in_brackets_gets_one_more_entry(capsys: pytest.CaptureFixture[str]) -> None:
    text = """\
thesis:
  id: t
  claim: T.
  sources: [{source: report}]
  pros: [{id: x, claim: X., sources: [{source: report}]}]   # reused
"""
    site_with(text)
    add(capsys, "y", "--under", "t", "--stance", "pro", "--claim", "Y, and more.")
    assert map_text() == HEAD + text.replace(
        "[{source: report}]}]   #", '[{source: report}]}, {id: y, claim: "Y, and more."}]   #'
    )
    assert_reply("y", "t", "pro")


def test_an_empty_list_in_brackets_becomes_a_block_list(capsys: pytest.CaptureFixture[str]) -> None:
    text = """\
thesis:
  id: t
  claim: T.
  sources: [{source: report}]
  cons: []   # none yet
  tags: [a]
"""
    site_with(text)
    add(capsys, "c", "--under", "t", "--stance", "con", "--claim", "C.")
    assert map_text() == HEAD + text.replace("  cons: []   # none yet\n", "  cons:   # none yet\n    - id: c\n      claim: C.\n")
    assert_reply("c", "t", "con")


def test_a_list_in_brackets_closed_on_its_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    text = """\
thesis:
  id: t
  claim: T.
  sources: [{source: report}]
  pros: [
    {id: x, claim: X., sources: [{source: report}]}
  ]
"""
    site_with(text)
    add(capsys, "y", "--under", "t", "--stance", "pro", "--claim", "Y.")
    assert map_text() == HEAD + text.replace("[{source: report}]}\n  ]", "[{source: report}]},\n    {id: y, claim: Y.}\n  ]")
    assert_reply("y", "t", "pro")


def test_a_claim_written_in_braces_gets_its_list_inside_them(capsys: pytest.CaptureFixture[str]) -> None:
    text = """\
thesis:
  id: t
  claim: T.
  sources: [{source: report}]
  cons:
    - {id: b, claim: "B.", sources: [{source: report}]}
"""
    site_with(text)
    add(capsys, "b1", "--under", "b", "--stance", "pro", "--claim", "B1.", "--source", "report")
    assert map_text() == HEAD + text.replace(
        "[{source: report}]}\n", "[{source: report}], pros: [{id: b1, claim: B1., sources: [{source: report}]}]}\n"
    )
    assert_reply("b1", "b", "pro")


def test_an_empty_key_is_filled(capsys: pytest.CaptureFixture[str]) -> None:
    text = "thesis:\n  id: t\n  claim: T.\n  sources: [{source: report}]\n  pros:   # to do\n  tags: [a]\n"
    site_with(text)
    assert load_site(Path("content")).errors == 1  # `pros:` with nothing is an error...
    add(capsys, "p", "--under", "t", "--stance", "pro", "--claim", "P.")
    assert map_text() == HEAD + text.replace("# to do\n", "# to do\n    - id: p\n      claim: P.\n")
    assert_reply("p", "t", "pro")  # ...which the new claim fixes


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("no", "'no'"),
        ("1.10", "'1.10'"),
        ("Costs: high", "'Costs: high'"),
        ("#1 risk", "'#1 risk'"),
        ("It's *cheap* — très", "It's *cheap* — très"),
        ('"Open" is a word', "'\"Open\" is a word'"),
        ("  spread\n over lines ", "spread over lines"),
    ],
)
def test_the_claim_text_is_quoted_when_yaml_needs_it(capsys: pytest.CaptureFixture[str], sentence: str, written: str) -> None:
    site_with(NESTED)
    add(capsys, "n", "--under", "b", "--stance", "pro", "--claim", sentence)
    assert map_text().endswith(f"      pros:\n        - id: n\n          claim: {written}\n")
    assert load_site(Path("content")).site.claims["n"].text == " ".join(sentence.split())


def test_a_reused_claim_gets_its_reply_where_it_is_defined(capsys: pytest.CaptureFixture[str]) -> None:
    other = "title: Other?\nupdated: 2024-08-01\nthesis:\n  id: o\n  claim: O.\n"
    other += "  sources: [{source: report}]\n  pros:\n    - ref: a\n"
    site_with(NESTED, {"maps/other.yaml": other})
    out = add(capsys, "a2", "--under", "a", "--stance", "pro", "--claim", "A2.", "--source", "report")
    assert out.startswith("added 'a2' as a pro of 'a' at content/maps/open.yaml:")
    assert Path("content/maps/other.yaml").read_text(encoding="utf-8") == other
    assert_reply("a2", "a", "pro")
    assert "other" in load_site(Path("content")).site.claim_maps["a2"]


def test_new_claim_prints_what_is_left_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    site_with(NESTED)
    assert add(capsys, "n", "--under", "b", "--stance", "pro").splitlines()[1:] == [
        "next: write the claim and cite a source under it (`debatemap check --strict` fails until it does)"
    ]
    assert load_site(Path("content")).site.claims["n"].text == "State the reply as one sentence."
    assert add(capsys, "m", "--under", "b", "--stance", "pro", "--claim", "M.", "--source", "report").count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["a1", "--under", "b", "--stance", "pro"], "claim id 'a1' is already defined at content/maps/open.yaml:12:15; "),
        (["Bad_Id", "--under", "b", "--stance", "pro"], "'Bad_Id' is not a valid claim id: ids use lowercase ASCII"),
        (["search", "--under", "b", "--stance", "pro"], "'search' is not a valid claim id: this name is reserved\n"),
        (["n", "--under", "bb", "--stance", "pro"], "--under bb: no claim has this id (did you mean 'b'?)"),
        (["n", "--under", "open", "--stance", "pro"], "--under open: no claim has this id ('open' is a map; its thesis is 't')"),
        (["n", "--under", "b", "--stance", "pro", "--source", "reprt"], "no source 'reprt' in content/sources (did you mean"),
        (["n", "--under", "b", "--stance", "pro", "--claim", " "], "--claim is empty"),
    ],
)
def test_new_claim_refusals_change_nothing(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    site_with(NESTED)
    code, out, err = run(capsys, "new", "claim", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("debatemap: error: " + message) or message in err
    assert map_text() == HEAD + NESTED


def test_a_map_file_with_tabs_is_reported_with_its_position(capsys: pytest.CaptureFixture[str]) -> None:
    other = "title: Other?\nupdated: 2024-08-01\nthesis:\n  id: o\n  claim: O.\n\tpros: []\n"
    site_with(NESTED, {"maps/other.yaml": other})
    code, _, err = run(capsys, "new", "claim", "n", "--under", "b", "--stance", "pro")
    assert code == 1
    assert err.splitlines()[0].startswith("content/maps/other.yaml:6:1: error[yaml-syntax]")
    assert "indent with spaces" in err
    assert map_text() == HEAD + NESTED


def test_a_claim_defined_twice_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    other = "title: Other?\nupdated: 2024-08-01\nthesis:\n  id: b\n  claim: O.\n"
    site_with(NESTED, {"maps/other.yaml": other})
    code, _, err = run(capsys, "new", "claim", "n", "--under", "b", "--stance", "pro")
    assert code == 2
    assert "claim 'b' is defined 2 times (content/maps/open.yaml:18:11, content/maps/other.yaml:4:7)" in err


def test_a_value_that_is_no_list_is_refused_with_its_position(capsys: pytest.CaptureFixture[str]) -> None:
    text = "thesis:\n  id: t\n  claim: T.\n  sources: [{source: report}]\n  pros: maybe later\n"
    site_with(text)
    code, _, err = run(capsys, "new", "claim", "n", "--under", "t", "--stance", "pro")
    assert code == 1
    assert err == (
        "debatemap: error: content/maps/open.yaml:7:9: `pros` holds a text, not a list; "
        "fix it (`debatemap check` shows how), then try again\n"
    )


# new source --cite


def test_new_source_cite_adds_the_citation_where_the_format_puts_it(capsys: pytest.CaptureFixture[str]) -> None:
    text = "thesis:\n  id: t\n  claim: T.\n  details: Why.\n  tags: [x]\n  pros:\n    - id: a\n      claim: A.\n"
    site_with(text)
    code, out, _ = run(capsys, "new", "source", "fresh", "--cite", "t", "--cite", "a")
    assert code == 0
    assert out.splitlines() == [
        "created content/sources/fresh.yaml",
        "cited from 't' at content/maps/open.yaml:8:7",
        "cited from 'a' at content/maps/open.yaml:14:11",
    ]
    assert map_text() == HEAD + (
        "thesis:\n  id: t\n  claim: T.\n  details: Why.\n  sources:\n    - source: fresh\n  tags: [x]\n"
        "  pros:\n    - id: a\n      claim: A.\n      sources:\n        - source: fresh\n"
    )
    code, out, _ = run(capsys, "check", "content")
    assert code == 0 and "'fresh'" not in out


def test_new_source_cite_appends_to_an_existing_list(capsys: pytest.CaptureFixture[str]) -> None:
    site_with(NESTED)
    assert run(capsys, "new", "source", "fresh", "--cite", "a1", "--cite", "b")[0] == 0
    assert map_text() == HEAD + NESTED.replace(
        "          sources: [{source: report}]\n          # a note",
        "          sources: [{source: report}, {source: fresh}]\n          # a note",
    ).replace(
        "      claim: B.\n      sources: [{source: report}]",
        "      claim: B.\n      sources: [{source: report}, {source: fresh}]",
    )


def test_new_source_cite_of_an_unknown_claim_creates_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    site_with(NESTED)
    code, _, err = run(capsys, "new", "source", "fresh", "--cite", "a", "--cite", "zz")
    assert code == 2 and "--cite zz: no claim has this id" in err
    assert not Path("content/sources/fresh.yaml").exists()
    assert map_text() == HEAD + NESTED


# Every claim of the real content and the golden site


def claim_mappings(node: YNode) -> list[YMap]:
    found: list[YMap] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, YMap):
            if "id" in item.items:
                found.append(item)
            stack.extend(value for _, value in item.items.values())
        elif isinstance(item, YSeq):
            stack.extend(item.items)
    return found


MAP_FILES = [
    Path(__file__).parent.parent / "content/maps/open-weights.yaml",
    *sorted(Path(__file__).parent.glob("golden/content/maps/*.yaml")),
]
"""The largest real map, and the golden site's maps with their hostile strings (the other real maps share its style)."""


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.name)
def test_a_reply_fits_under_every_claim_of_the_real_maps(path: Path) -> None:
    """Each insertion only adds lines (or a bracketed entry), and the file still validates as before."""
    data = path.read_bytes()
    doc = YamlText.parse(path, path.name, data)
    before: list[Diagnostic] = []
    validate(doc.tree, MAP, before, Position(path.name, 1, 1))
    for index, owner in enumerate(claim_mappings(doc.tree)):
        for key in [("pros", "cons", "sources")[index % 3]]:  # one of the three per claim keeps it quick
            item = (("source", "x"),) if key == "sources" else (("id", "zz-new"), ("claim", "A new claim: with a colon."))
            later = {"sources": ("tags", "pros", "cons"), "pros": ("cons",), "cons": ()}[key]
            new, added = append_item(doc, owner, key, item, before=later)
            old_lines = data.decode("utf-8").splitlines()
            new_lines = new.decode("utf-8").splitlines()
            if len(new_lines) > len(old_lines):  # block insertion: the old lines, in order, around the new ones
                matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
                changes = [op[0] for op in matcher.get_opcodes() if op[0] != "equal"]
                assert changes == ["insert"], (owner.pos, key)
            else:  # an entry added inside brackets changes one line
                assert sum(a != b for a, b in zip(old_lines, new_lines, strict=True)) == 1, (owner.pos, key)
            after: list[Diagnostic] = []
            validate(YamlText.parse(path, path.name, new).tree, MAP, after, Position(path.name, 1, 1))
            assert {(d.code, d.message) for d in after} <= {(d.code, d.message) for d in before}
            assert isinstance(added, YMap)
