"""Property tests: whatever a content file holds, check reports diagnostics and never crashes.

Random bytes, random text, random YAML trees and random map-shaped trees go through the loader
alone, through ``load_site`` and through ``debatemap check``, which must exit 0 or 1 with no
exception. Every example runs under a deadline and a hard time limit, so a hang fails the test
instead of stalling CI.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debatemap import text_files
from debatemap.cli import main
from debatemap.diagnostics import Diagnostic
from debatemap.load import YMap, YScalar, YSeq, parse_yaml
from debatemap.pipeline import CheckedSite, load_site
from debatemap.rules import RULES
from debatemap.text_files import decode_text
from tests.helpers import minimal_site, time_limit

EXAMPLES = settings(
    max_examples=100,
    deadline=datetime.timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HARD_LIMIT_S = 20.0
"""No single example may take longer than this, even if it never returns."""


def assert_well_formed(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.code in RULES
        assert d.message
        line, column = d.position.line, d.position.column
        assert (line, column) == (0, 0) or (line >= 1 and column >= 1), d


def check_everything(files: dict[str, str | bytes], fmt: str = "text") -> CheckedSite:
    """Write the helper site with ``files`` over it; run load_site and the CLI; return the former."""
    with tempfile.TemporaryDirectory(prefix="debatemap-prop-") as tmp, time_limit(HARD_LIMIT_S):
        root = minimal_site(Path(tmp) / "content", files)
        checked = load_site(root)
        assert_well_formed(checked.diagnostics)
        strict = load_site(root, strict=True)
        assert [d.code for d in strict.diagnostics] == [d.code for d in checked.diagnostics]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", str(root), "--format", fmt])
        assert code == (0 if checked.ok else 1), err.getvalue()
        assert err.getvalue() == ""
        return checked


# Random bytes and text


@EXAMPLES
@given(data=st.binary(max_size=4096))
def test_random_bytes_as_a_map_give_diagnostics_not_exceptions(data: bytes) -> None:
    check_everything({"maps/open.yaml": data})


@EXAMPLES
@given(data=st.binary(max_size=2048), fmt=st.sampled_from(["text", "json", "github"]))
def test_random_bytes_in_every_kind_of_file_give_diagnostics_not_exceptions(data: bytes, fmt: str) -> None:
    check_everything({"site.yaml": data, "sources/x.yaml": data, "pages/p.md": b"---\n" + data + b"\n---\n"}, fmt)


@EXAMPLES
@given(text=st.text(max_size=2048))
def test_random_text_as_a_source_gives_diagnostics_not_exceptions(text: str) -> None:
    check_everything({"sources/report.yaml": text})


YAMLISH = st.text(alphabet=st.sampled_from(list("ab: -[]{},#&*!|>'\"?%@`\n\t\\~0123456789.\u00e9")), max_size=400)
"""Text made mostly of YAML's own punctuation, to reach the parser's corners quickly."""


@settings(max_examples=400, deadline=datetime.timedelta(seconds=1))
@given(text=st.one_of(st.text(max_size=1000), YAMLISH))
def test_loader_alone_returns_a_tree_or_diagnostics(text: str) -> None:
    diags: list[Diagnostic] = []
    with time_limit(HARD_LIMIT_S):
        decoded = decode_text(text.encode("utf-8", "surrogatepass"), "f.yaml", diags)
        tree = parse_yaml(decoded, "f.yaml", diags) if decoded is not None else None
    assert_well_formed(diags)
    assert tree is None or isinstance(tree, YMap | YSeq | YScalar)
    if decoded is None:
        assert diags
    elif tree is None and not diags:  # nothing but blank lines, comments and markers
        assert yaml.load(decoded, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) is None


LIMIT = 2 * 1024 * 1024
"""The size limit's logic at a size that keeps the test quick (the real limit is text_files.MAX_FILE_BYTES)."""


@settings(max_examples=30, deadline=datetime.timedelta(seconds=10))
@given(size=st.integers(min_value=LIMIT - 2, max_value=LIMIT + 2), fill=st.sampled_from([b"#", b"[", b"a"]))
def test_files_around_the_size_limit_are_read_or_refused_quickly(size: int, fill: bytes) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_files, "MAX_FILE_BYTES", LIMIT)
        checked = check_everything({"maps/open.yaml": fill * size})
    assert ("file-too-large" in {d.code for d in checked.diagnostics}) == (size > LIMIT)


# Random YAML trees


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(),
    st.sampled_from(["no", "yes", "012", "1.10", "~", "", "<<", "report", "open-weights", "https://example.org/"]),
)
KEYS = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none())


def nested(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(children, max_size=5), st.dictionaries(KEYS, children, max_size=5))


TREES = st.recursive(SCALARS, nested, max_leaves=40)


def dump(tree: object, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)


@EXAMPLES
@given(tree=TREES, flow=st.sampled_from([None, True, False]), unicode=st.booleans())
def test_random_yaml_trees_as_a_map_give_diagnostics_or_a_model(tree: object, flow: bool | None, unicode: bool) -> None:
    check_everything({"maps/open.yaml": dump(tree, flow, unicode)})


# Random trees shaped like content: the schema's keys with random values, and a small pool of ids
# so that refs, duplicates, cycles and citations often meet.

IDS = st.sampled_from(["a", "b", "c", "open-weights", "report", "index", "A", "no"])
TEXTS = st.one_of(st.text(max_size=30), st.sampled_from(["A claim.", "no", "012", "x" * 1001]), SCALARS)
CITATIONS = st.lists(
    st.one_of(
        st.fixed_dictionaries({"source": IDS}, optional={"note": TEXTS, "locator": TEXTS, "extra": TEXTS}),
        SCALARS,
    ),
    max_size=3,
)
REFS = st.fixed_dictionaries({"ref": IDS}, optional={"claim": TEXTS})


def claims(depth: int) -> st.SearchStrategy[Any]:
    children = st.lists(st.one_of(REFS, claims(depth - 1)) if depth > 0 else REFS, max_size=3)
    return st.fixed_dictionaries(
        {"id": IDS, "claim": TEXTS},
        optional={
            "details": TEXTS,
            "sources": st.one_of(CITATIONS, SCALARS),
            "tags": st.one_of(st.lists(IDS, max_size=3), SCALARS),
            "pros": st.one_of(children, SCALARS),
            "cons": children,
            "clam": TEXTS,
        },
    )


MAPS = st.fixed_dictionaries(
    {"title": TEXTS, "updated": st.one_of(st.dates(), st.sampled_from(["2024-02-30", "2024-1-1", "soon"]))},
    optional={"thesis": st.one_of(claims(3), REFS, SCALARS), "summary": TEXTS, "tags": st.lists(IDS, max_size=2), "x": TREES},
)
SOURCES = st.fixed_dictionaries(
    {"title": TEXTS, "url": st.sampled_from(["https://example.org/a", "javascript:alert(1)", "ftp://x.org", "https://", "a b"])},
    optional={
        "kind": st.sampled_from(["report", "reprot", "paper"]),
        "published": st.dates(),
        "authors": st.lists(TEXTS, max_size=2),
    },
)


@EXAMPLES
@given(
    maps=st.lists(MAPS, min_size=1, max_size=3), sources=st.dictionaries(IDS, SOURCES, max_size=3), nav=st.lists(IDS, max_size=3)
)
def test_random_content_shaped_sites_give_diagnostics_or_a_model(
    maps: list[Any], sources: dict[str, Any], nav: list[str]
) -> None:
    files: dict[str, str | bytes] = {f"maps/m{i}.yaml": dump(m, None, True) for i, m in enumerate(maps)}
    files.update({f"sources/{sid}.yaml": dump(s, None, True) for sid, s in sources.items()})
    files["site.yaml"] = dump({"title": "T", "nav": nav}, None, True)
    checked = check_everything(files)
    # Whatever the content, the graph the renderer reads is consistent with itself.
    site = checked.site
    for map_id, members in site.map_claims.items():
        assert len(set(members)) == len(members)
        assert all(claim_id in site.claims for claim_id in members), map_id
    for claim_id, parents in site.parents.items():
        assert all(p.parent_id in site.claims for p in parents), claim_id
