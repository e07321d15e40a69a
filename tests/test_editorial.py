"""`debatemap report`: sides by the thesis, levels, chains, sourcing figures, flags, the CI gate.

The golden site's figures are computed again here by another method (every path from the
thesis, enumerated), so a wrong walk in ``editorial.sides`` cannot agree with itself.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from debatemap.cli import main
from debatemap.diagnostics import Position
from debatemap.editorial import Thresholds, site_figures
from debatemap.editorial.parties import Parties, base_name
from debatemap.graph import Site
from debatemap.model import Source
from debatemap.pipeline import load_site
from tests.helpers import SITE, minimal_site, write_tree

GOLDEN = Path(__file__).parent / "golden" / "content"


def _site(root: Path, files: dict[str, str]) -> Site:
    checked = load_site(write_tree(root, {"site.yaml": SITE.replace(", about]", "]"), **files}))
    assert checked.ok, checked.diagnostics
    return checked.site


def _source(publisher: str, kind: str = "report", published: str = "2024-01-01", authors: str = "[A. Writer]") -> str:
    return (
        f"title: T\nurl: https://example.org/x\npublisher: {publisher}\nauthors: {authors}\n"
        f"published: {published}\nkind: {kind}\n"
    )


CHAIN = """\
title: Q?
updated: 2024-06-01
thesis:
  id: t
  claim: Thesis.
  sources: [{source: a}]
  pros:
    - id: p
      claim: For.
      sources: [{source: a}, {source: b}]
      cons:
        - id: pc
          claim: Against the for.
          sources: [{source: b}]
          cons:
            - id: pcc
              claim: A con of a con of a pro.
              sources: [{source: a}]
              pros:
                - ref: shared
  cons:
    - id: c
      claim: Against.
      sources: [{source: b}]
      pros:
        - id: shared
          claim: Reached on both sides.
          sources: [{source: a}]
    - id: c2
      claim: Against again.
"""


def test_a_con_of_a_con_supports_the_thesis_and_a_claim_reached_both_ways_is_both(tmp_path: Path) -> None:
    site = _site(tmp_path, {"maps/m.yaml": CHAIN, "sources/a.yaml": _source("Alpha"), "sources/b.yaml": _source("Beta")})
    (figures,) = site_figures(site).maps
    sides = {p.claim_id: (p.side, p.level, p.leaf) for p in figures.sides.placements}
    assert sides == {
        "p": ("supporting", 1, False),
        "pc": ("opposing", 2, False),
        "pcc": ("supporting", 3, False),
        "c": ("opposing", 1, False),
        "c2": ("opposing", 1, True),
        "shared": ("both", 2, True),  # opposing under c at level 2, supporting under pcc at level 4
    }
    assert (figures.counts.supporting, figures.counts.opposing, figures.counts.both) == (2, 3, 1)
    assert figures.counts.balance == pytest.approx(2 / 3)
    assert [(lv.level, lv.supporting, lv.opposing, lv.both) for lv in figures.levels] == [
        (1, 1, 2, 0),
        (2, 0, 1, 1),
        (3, 1, 0, 0),
    ]
    assert figures.sides.chains == {
        "supporting": ("t", "p", "pc", "pcc", "shared"),
        "opposing": ("t", "p", "pc"),
    }  # ties: the first written
    assert figures.deepest == {"supporting": 4, "opposing": 2}
    assert figures.unanswered == {"supporting": (), "opposing": ("c2",), "both": ("shared",)}


def test_sourcing_counts_citations_single_and_unsourced_claims(tmp_path: Path) -> None:
    site = _site(tmp_path, {"maps/m.yaml": CHAIN, "sources/a.yaml": _source("Alpha"), "sources/b.yaml": _source("Beta")})
    found = site_figures(site).maps[0].sourcing
    assert found.claims == 7
    assert found.citations == 7
    assert found.unsourced == ("c2",)
    assert set(found.single) == {"t", "pc", "pcc", "c", "shared"}
    assert found.per_source == (("a", 4), ("b", 3))
    assert [(s.name, s.citations) for s in found.publishers] == [("Alpha", 4), ("Beta", 3)]
    codes = Counter(f.code for f in site_figures(site).flags)
    assert codes == {"single-source": 5, "unsourced": 1, "one-publisher": 1, "one-author": 1}


def test_publishers_group_under_the_shortest_name_they_begin_with() -> None:
    assert base_name("Meta (Newsroom)") == "Meta"
    assert base_name("U.S. Department of Commerce, NTIA") == "U.S. Department of Commerce"
    assert base_name("Stanford CRFM / Stanford HAI") == "Stanford CRFM"
    sources = _sources_named("Meta (Newsroom)", "Meta AI", "Meta Platforms", "Metalab", "The White House")
    parties = Parties(sources)
    assert [parties.of(s) for s in sources] == ["Meta", "Meta", "Meta", "Metalab", "The White House"]
    assert parties.named_in("Meta's licence and metadata, not Metalabs") == {"Meta"}
    assert parties.named_in("The White House said") == {"The White House"}


def _sources_named(*publishers: str) -> list[Source]:
    return [
        Source(f"s{i}", "T", "https://example.org/", p, (), None, "report", None, None, (), Position("x", 1, 1))
        for i, p in enumerate(publishers)
    ]


SELF = """\
title: Q?
updated: 2024-06-01
thesis:
  id: t
  claim: Open models are good.
  sources: [{source: indie}, {source: indie-2}]
  pros:
    - id: meta-says
      claim: Meta says its models are safe.
      sources: [{source: meta-blog}, {source: meta-ai-post}]
    - id: meta-checked
      claim: Meta's models were tested by others.
      sources: [{source: meta-blog}, {source: indie}]
    - id: reuters-reported
      claim: Reuters reported that the model was used widely.
      sources: [{source: reuters}]
  cons:
    - id: old-claim
      claim: An old worry.
      sources: [{source: ancient}, {source: indie}]
"""


def test_self_sourced_advocacy_only_and_old_source_flags_name_their_lines(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "maps/m.yaml": SELF,
            "sources/meta-blog.yaml": _source("Meta (Newsroom)", "announcement"),
            "sources/meta-ai-post.yaml": _source("Meta AI", "op-ed"),
            "sources/reuters.yaml": _source("Reuters", "news"),
            "sources/indie.yaml": _source("Independent Lab"),
            "sources/indie-2.yaml": _source("Another Lab"),
            "sources/ancient.yaml": _source("Old Press", published="2019-06-02"),
        },
    )
    figures = site_figures(site)
    flags = {(f.code, f.position.line) for f in figures.flags}
    # meta-says (line 8): every source is Meta's, and all are op-eds or announcements.
    assert ("self-sourced", 8) in flags
    assert ("advocacy-only", 8) in flags
    # meta-checked has an independent source; reuters-reported names a news outlet that reports it.
    assert not {f for f in flags if f[0] == "self-sourced" and f[1] != 8}
    found = figures.maps[0].sourcing
    assert found.self_cited == 3  # two on meta-says, one on meta-checked
    assert found.old == ()  # 4 years before the map's date, under the default 5
    assert site_figures(site, Thresholds(older_than=4)).maps[0].sourcing.old == (("ancient", 4),)
    assert site_figures(site, Thresholds(older_than=5)).maps[0].sourcing.old == ()
    old = [f for f in site_figures(site, Thresholds(older_than=4)).flags if f.code == "old-source"]
    assert [(f.position.path.endswith("ancient.yaml"), f.position.line) for f in old] == [(True, 1)]
    assert site_figures(site, Thresholds(older_than=5, as_of="2024-06-02")).maps[0].sourcing.old == (("ancient", 5),)


def test_one_publisher_and_lopsided_flags_point_at_the_map(tmp_path: Path) -> None:
    site = _site(tmp_path, {"maps/m.yaml": CHAIN, "sources/a.yaml": _source("Alpha"), "sources/b.yaml": _source("Beta")})
    codes = {f.code: f.position.line for f in site_figures(site, Thresholds(min_balance=0.7, max_publisher_share=0.5)).flags}
    assert codes["lopsided"] == 1
    assert codes["one-publisher"] == 1  # Alpha has 4 of 7 citations
    assert "one-author" in codes  # every source has the same author
    assert "lopsided" not in {f.code for f in site_figures(site).flags}


# The golden site, figured again by enumerating every path from each thesis.


def _paths(site: Site, thesis: str) -> list[tuple[str, ...]]:
    """Every path of (claim, stance) from the thesis, as stances; each path a tuple of claim ids and stances."""
    out = []

    def walk(claim_id: str, trail: tuple[str, ...], cons: int) -> None:
        for link in site.claims[claim_id].children:
            side = "supporting" if (cons + (link.stance == "con")) % 2 == 0 else "opposing"
            path = (*trail, link.claim_id)
            out.append((side, *path))
            walk(link.claim_id, path, cons + (link.stance == "con"))

    walk(thesis, (thesis,), 0)
    return out


def test_golden_site_figures_match_an_independent_count() -> None:
    site = load_site(GOLDEN).site
    figures = site_figures(site)
    for m in figures.maps:
        paths = _paths(site, m.debate.thesis_id)
        sides: dict[str, set[str]] = {}
        level: dict[str, int] = {}
        for side, *path in paths:
            claim = path[-1]
            sides.setdefault(claim, set()).add(side)
            level[claim] = min(level.get(claim, 99), len(path) - 1)
        expected = Counter("both" if len(s) == 2 else next(iter(s)) for s in sides.values())
        assert (m.counts.supporting, m.counts.opposing, m.counts.both) == (
            expected["supporting"],
            expected["opposing"],
            expected["both"],
        )
        by_level = Counter((level[c], "both" if len(s) == 2 else next(iter(s))) for c, s in sides.items())
        assert {(lv.level, "supporting"): lv.supporting for lv in m.levels} == {
            (lv.level, "supporting"): by_level[(lv.level, "supporting")] for lv in m.levels
        }
        assert sum(lv.supporting + lv.opposing + lv.both for lv in m.levels) == len(sides)
        for side in ("supporting", "opposing"):
            longest = max((len(path) - 1 for s, *path in paths if s == side), default=0)
            assert m.deepest[side] == longest
        members = {m.debate.thesis_id, *sides}
        citations = Counter(c.source_id for cid in members for c in site.claims[cid].citations)
        assert dict(m.sourcing.per_source) == dict(citations)
        single = {cid for cid in members if len({c.source_id for c in site.claims[cid].citations}) == 1}
        assert set(m.sourcing.single) == single
    assert figures.counts.supporting == sum(m.counts.supporting for m in figures.maps)
    assert (figures.maps[0].debate.id, figures.maps[0].deepest) == ("city-cycling", {"supporting": 6, "opposing": 5})


# The command


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return minimal_site(Path("content"))


def test_report_prints_each_map_the_site_and_flags_with_file_and_line(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(content)]) == 0
    out = capsys.readouterr().out
    assert "open (content/maps/open.yaml): Should weights be open?" in out
    assert "sides: 1 supporting, 1 opposing; balance 1.00" in out
    assert "content/maps/open.yaml:6:7: flag[single-source]: claim 'open-weights' cites one source ('report')" in out
    assert out.rstrip().endswith("3 flags: 3 single-source.")


def test_report_json_and_markdown(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(content), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["maps"][0]["supporting"] == 1
    assert data["maps"][0]["sourcing"]["citations_per_source"] == {"report": 3}
    assert data["flags"][0] == {
        "code": "single-source",
        "map": "open",
        "message": "claim 'open-weights' cites one source ('report')",
        "do": "add a second source, ideally from another publisher",
        "file": "content/maps/open.yaml",
        "line": 6,
        "column": 7,
    }
    assert main(["report", str(content), "--format", "markdown"]) == 0
    assert "| `open` | 1 | 1 | 0 | 1.00 | 3 | 3 | 3 | Example Institute (100 %) |" in capsys.readouterr().out


def test_report_limits_fail_ci_with_exit_1(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(content), "--min-balance", "1"]) == 0
    assert main(["report", str(content), "--max-single-source", "0.5"]) == 1
    err = capsys.readouterr().err
    assert "content/maps/open.yaml: map 'open': 1.00 of the claims cite one source, over --max-single-source 0.5" in err
    assert main(["report", str(content), "--max-publisher-share", "0.99"]) == 1
    assert main(["report", str(content), "--min-balance", "2"]) == 2
    assert main(["report", str(content), "--as-of", "2024-13-01"]) == 2


def test_report_refuses_content_with_errors(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "maps" / "open.yaml").write_text(
        (content / "maps" / "open.yaml").read_text().replace("id: misuse-risk", "id: Misuse_Risk"), encoding="utf-8"
    )
    assert main(["report", str(content)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "content/maps/open.yaml:16:" in captured.err
    assert "Fix them first" in captured.err


def test_report_text_never_prints_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_site(tmp_path, {"sources/report.yaml": _source('"Evil\\u202e Press"')})
    assert main(["report", str(root)]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out
    assert "Evil\ufffd Press" in out


def test_golden_balance_pages_show_the_independent_counts() -> None:
    """The built balance page's table and chart carry the same numbers as the path enumeration."""
    import re  # noqa: PLC0415

    site = load_site(GOLDEN).site
    for map_id, debate in site.maps.items():
        sides: dict[str, set[str]] = {}
        level: dict[str, int] = {}
        for side, *path in _paths(site, debate.thesis_id):
            sides.setdefault(path[-1], set()).add(side)
            level[path[-1]] = min(level.get(path[-1], 99), len(path) - 1)
        where = {c: "both" if len(s) == 2 else next(iter(s)) for c, s in sides.items()}
        html = (GOLDEN.parent / "expected" / "maps" / map_id / "balance" / "index.html").read_text(encoding="utf-8")
        body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        rows = re.findall(r'<tr><th scope="row">(\d+)</th><td>(\d+)</td><td>(\d+)</td>(?:<td>(\d+)</td>)?</tr>', body)
        expected = sorted(
            (
                lv,
                sum(1 for c in where if level[c] == lv and where[c] == "supporting"),
                sum(1 for c in where if level[c] == lv and where[c] == "opposing"),
            )
            for lv in set(level.values())
        )
        assert [(int(a), int(b), int(c)) for a, b, c, _ in rows] == expected
        total = Counter(where.values())
        assert f"<strong>{total['supporting']}</strong> claim" in html
        assert f"and <strong>{total['opposing']}</strong> oppose it" in html
        # The chart's first row (all levels): the opposing count, then the supporting one.
        counts = re.findall(r'<text class="bal-count"[^>]*>(\d+)</text>', html)
        assert counts[:2] == [str(total["opposing"]), str(total["supporting"])]
