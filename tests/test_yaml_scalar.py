"""A text written as a YAML scalar reads back, through the loader and the validator, as the same text.

``debatemap new`` (a claim inserted into a curator's file, in block lists and in brackets) and
``debatemap import`` (whole files from untrusted text) write every value with ``yaml_scalar``.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap.diagnostics import Diagnostic, Position
from debatemap.interop.yaml_out import block, inline
from debatemap.load import parse_yaml
from debatemap.schema import MAP
from debatemap.validate import validate
from debatemap.yaml_scalar import block_scalar, flow_scalar, scalar

TRICKY = st.sampled_from(
    [
        "yes", "no", "null", "~", "1.10", "012", "0x1F", "-3", ".inf", "2024-01-01", "- a list?", "? key", "key: value",
        "a #comment", "trailing colon:", "'single'", '"double"', "!tag", "&anchor", "*alias", "%directive", "@at", "`tick`",
        "{flow}", "[flow]", "a, b", "| block", "> folded", "# heading", "---", "...", " leading space", "tab\there",
        "Ünïcödé ✓ 🎉", "line\nbreak", "a\\backslash", "\u00a0no-break", "\ufeffbom", "text\x85nel", "mixed\r\nends", "it's",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=200), TRICKY, st.lists(TRICKY, min_size=2, max_size=4).map(" ".join))


def read_map(document: str) -> object:
    diags: list[Diagnostic] = []
    tree = parse_yaml(document, "x.yaml", diags)
    record = validate(tree, MAP, diags, Position("x.yaml", 1, 1)) if not diags else None
    assert not diags, (document, diags)
    assert record is not None
    return record


@settings(max_examples=200, deadline=datetime.timedelta(seconds=2))
@given(title=TEXTS, claim=TEXTS, locator=TEXTS, details=TEXTS)
def test_any_text_reads_back_the_same_in_block_context_in_brackets_and_as_a_literal_block(
    title: str, claim: str, locator: str, details: str
) -> None:
    title, claim, locator, details = inline(title) or "x", inline(claim) or "x", inline(locator) or "x", block(details)
    document = (
        f"title: {scalar(title)}\nupdated: 2024-01-01\nthesis:\n  id: a\n  claim: {scalar(claim)}\n"
        f"  details: {block_scalar(details or 'x', '  ')}\n"
        f"  sources: [{{source: s, locator: {flow_scalar(locator)}}}]\n"
        f"  pros:\n    - {{id: b, claim: {flow_scalar(claim)}}}\n"
    )
    record = read_map(document)
    assert record.text("title") == title  # type: ignore[attr-defined]
    thesis = record.records("thesis")[0]  # type: ignore[attr-defined]
    assert (thesis.text("claim"), thesis.text("details")) == (claim, details or "x")
    assert thesis.records("sources")[0].text("locator") == locator
    assert thesis.records("pros")[0].text("claim") == claim


@pytest.mark.parametrize(
    ("text", "block_form", "flow_form"),
    [
        ("Open weights speed up innovation.", "Open weights speed up innovation.", "Open weights speed up innovation."),
        ("no", "'no'", "'no'"),
        ("Costs: high", "'Costs: high'", "'Costs: high'"),
        ("It's cheap, and fast", "It's cheap, and fast", '"It\'s cheap, and fast"'),
        ("'Open' is a word", "'''Open'' is a word'", "'''Open'' is a word'"),
        ("\u00a0no-break", '"\u00a0no-break"', '"\u00a0no-break"'),
    ],
)
def test_a_scalar_stays_plain_where_nothing_can_be_misread_and_is_quoted_otherwise(
    text: str, block_form: str, flow_form: str
) -> None:
    assert (scalar(text), flow_scalar(text)) == (block_form, flow_form)
