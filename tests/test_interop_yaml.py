"""Import writes YAML that the loader reads back as the very values written, for any text; ids are valid."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap.diagnostics import Diagnostic, Position
from debatemap.interop import yaml_out
from debatemap.interop.imported import unique_id
from debatemap.interop.yaml_out import Node, Raw
from debatemap.load import parse_yaml
from debatemap.schema import MAP
from debatemap.validate import check_id, validate

from .test_yaml_scalar import TEXTS


def reload(document: str) -> tuple[object, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    tree = parse_yaml(document, "x.yaml", diags)
    record = validate(tree, MAP, diags, Position("x.yaml", 1, 1)) if not diags else None
    return record, diags


@settings(max_examples=150, deadline=datetime.timedelta(seconds=2))
@given(claim=TEXTS, details=TEXTS, title=TEXTS, locator=TEXTS)
def test_any_text_written_reads_back_as_the_same_value(claim: str, details: str, title: str, locator: str) -> None:
    claim_text = yaml_out.inline(claim) or "x"
    details_text = yaml_out.block(details)
    title_text = yaml_out.inline(title) or "x"
    locator_text = yaml_out.inline(locator)
    thesis = Node([("id", Raw("a-claim")), ("claim", claim_text)])
    if details_text.strip():
        thesis.add("details", details_text)
    if locator_text:
        thesis.add("sources", [Node([("source", Raw("a-source")), ("locator", locator_text)])])
    document = yaml_out.dump(Node([("title", title_text), ("updated", Raw("2024-01-01")), ("thesis", thesis)]), "# header")
    record, diags = reload(document)
    assert not diags, (document, diags)
    assert record is not None
    assert record.text("title") == title_text  # type: ignore[attr-defined]
    loaded = record.records("thesis")[0]  # type: ignore[attr-defined]
    assert loaded.text("claim") == claim_text
    if details_text.strip():
        assert loaded.text("details") == details_text
    if locator_text:
        assert loaded.records("sources")[0].text("locator") == locator_text


def test_a_block_whose_first_line_is_indented_keeps_its_indentation() -> None:
    document = yaml_out.dump(
        Node(
            [
                ("title", "T"),
                ("updated", Raw("2024-01-01")),
                ("thesis", Node([("id", Raw("a")), ("claim", "c"), ("details", "    code\nnext")])),
            ]
        )
    )
    record, diags = reload(document)
    assert not diags
    assert record.records("thesis")[0].text("details") == "    code\nnext"  # type: ignore[attr-defined]


@given(seed=st.text(max_size=120), taken=st.sets(st.sampled_from(["a", "claim", "a-2", "x" * 80, "index-claim"])))
def test_made_ids_are_valid_and_unique(seed: str, taken: set[str]) -> None:
    made = unique_id(seed, taken, "claim")
    assert check_id(made) is None, made
    assert made not in taken
