"""A claim shown out of its tree says what it answers and which side of each thesis it ends up on:
in the search index (with a filter by side), on tag pages and in a source's backlinks.

PRO and CON are towards the parent: the rebuttal of a con supports the thesis, and a claim
reused under a pro and a con of one thesis ends up on both sides.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from debatemap.build import build
from debatemap.graph import Site
from debatemap.model import ParentLink
from debatemap.pipeline import load_site
from debatemap.render import views
from debatemap.render.standing import Sides

from .helpers import BADGES, minimal_site
from .test_search_index import documents, facet, index_files

DEBATE = {
    "maps/open.yaml": """\
        title: Should weights be open?
        updated: 2024-08-01
        tags: [policy]
        thesis:
          id: open-weights
          claim: Weights should be open.
          sources: [{source: report}]
          pros:
            - id: faster-innovation
              claim: Open weights speed up innovation.
              sources: [{source: report}]
              cons:
                - ref: gains-concentrate
          cons:
            - id: misuse-risk
              claim: Open weights enable misuse.
              sources: [{source: report}]
              tags: [security]
              cons:
                - id: closed-misused-too
                  claim: Closed models are misused as well.
                  sources: [{source: report}]
                  tags: [security]
                  pros:
                    - id: gains-concentrate
                      claim: The gains concentrate in a few firms.
                      sources: [{source: report}]
                      tags: [security]
        """,
    "maps/second.yaml": """\
        title: Should labs test models?
        updated: 2024-09-01
        thesis:
          id: labs-should-test
          claim: Labs should test models.
          sources: [{source: report}]
          pros:
            - ref: closed-misused-too
          cons:
            - id: tests-are-costly
              claim: Tests are costly.
              sources: [{source: report}]
        """,
}
"""closed-misused-too is a CON of a con (so FOR the open thesis) and a pro of the second thesis;
gains-concentrate is a con of a pro and a pro of a pro-of-the-thesis's con: on both sides."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    checked = load_site(minimal_site(tmp_path_factory.mktemp("standing") / "c", DEBATE), strict=True)
    assert checked.ok, checked.diagnostics
    return checked.site


def sides_of(site: Site, claim_id: str) -> dict[str, str]:
    return {debate.id: side for debate, side in Sides(site, views.maps_by_thesis(site)).sides(claim_id)}


def test_a_con_of_a_con_is_for_the_thesis_and_a_claim_under_both_is_on_both_sides(site: Site) -> None:
    assert sides_of(site, "open-weights") == {"open": "thesis"}
    assert sides_of(site, "misuse-risk") == {"open": "con"}
    assert sides_of(site, "closed-misused-too") == {"open": "pro", "second": "pro"}
    assert sides_of(site, "gains-concentrate") == {"open": "both", "second": "pro"}


def test_sides_of_a_deep_chain_are_worked_out_without_recursion(site: Site) -> None:
    """A chain of refs through many maps can be deeper than Python's recursion limit."""
    depth = 5000
    parents = {f"c{n}": (ParentLink(f"c{n - 1}", "con"),) for n in range(1, depth)}
    chain = SimpleNamespace(parents=parents, claims={})
    sides = Sides(chain, {"c0": (site.maps["open"],)})  # type: ignore[arg-type]
    assert [side for _, side in sides.sides(f"c{depth - 1}")] == ["con" if (depth - 1) % 2 else "pro"]
    assert [side for _, side in sides.sides("c2")] == ["pro"], "what a deep claim worked out is kept"


def test_search_documents_name_the_parent_and_the_side_of_each_thesis(site: Site) -> None:
    files = index_files(site)
    by_url = {d["u"]: d for d in documents(files)}
    rebuttal = by_url["claims/closed-misused-too/"]
    assert rebuttal["s"] == ["pro", "con"]  # its stances towards its two parents
    assert sorted(rebuttal["p"]) == [  # type: ignore[type-var]
        ["con", "Open weights enable misuse.", "claims/misuse-risk/"],
        ["pro", "Labs should test models.", "claims/labs-should-test/"],
    ]
    assert rebuttal["m"] == ["open", "second"] and rebuttal["o"] == ["pro", "pro"]
    assert by_url["claims/gains-concentrate/"]["o"] == ["both", "pro"]
    assert "p" not in by_url["claims/open-weights/"] and by_url["claims/open-weights/"]["o"] == ["thesis"]
    docs = documents(files)
    urls = lambda numbers: {docs[n]["u"] for n in numbers}  # noqa: E731
    assert urls(facet(files, "side", "con")) == {"claims/misuse-risk/", "claims/gains-concentrate/", "claims/tests-are-costly/"}
    assert urls(facet(files, "side", "pro")) == {
        "claims/faster-innovation/",
        "claims/closed-misused-too/",
        "claims/gains-concentrate/",
    }
    assert urls(facet(files, "stance", "con")) >= {"claims/closed-misused-too/"}, "the stance filter is still towards the parent"


@pytest.fixture(scope="module")
def built(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("standing-site") / "site"
    build(site.root, out)
    return out


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_tag_page_says_what_each_claim_answers_and_its_side_of_each_thesis(built: Path) -> None:
    items = re.findall(r"<li>.*?</li>", (built / "tags" / "security" / "index.html").read_text(), re.S)
    rebuttal = text_of(next(i for i in items if "claims/closed-misused-too/" in i))
    assert "Opposes Open weights enable misuse." in rebuttal
    assert "Supports Labs should test models." in rebuttal
    assert "for the thesis of Should weights be open?" in rebuttal
    assert "for the thesis of Should labs test models?" in rebuttal
    both = text_of(next(i for i in items if "claims/gains-concentrate/" in i))
    assert "for and against the thesis of Should weights be open?" in both


def entries(html: str) -> dict[str, str]:
    """Each listed claim's URL -> the text of its entry (its link first, then what it answers)."""
    found = re.findall(r"<li>" + BADGES + r'<a href="\.\./\.\./(claims/[^"]+)">(.*?)</li>', html, re.S)
    return {url: text_of(rest) for url, rest in found}


def test_a_sources_backlinks_group_claims_by_their_side_of_the_thesis(built: Path) -> None:
    html = (built / "sources" / "report" / "index.html").read_text()
    split = html.index('id="bl-open"')  # maps by title: the second map comes first
    second, open_map = html[html.index('id="bl-second"') : split], html[split:]
    for_it = entries(open_map[open_map.index("For the thesis") : open_map.index("Against the thesis")])
    against = entries(open_map[open_map.index("Against the thesis") :])
    assert "claims/closed-misused-too/" in for_it, "a rebuttal of a con is listed for the thesis"
    assert "claims/closed-misused-too/" not in against
    assert "claims/misuse-risk/" in against
    assert "claims/gains-concentrate/" in for_it and "claims/gains-concentrate/" in against
    assert "Opposes Open weights enable misuse." in for_it["claims/closed-misused-too/"]
    # under a map, a claim names the parents it answers in that map only
    entry = entries(second)["claims/closed-misused-too/"]
    assert "Supports Labs should test models." in entry and "Opposes" not in entry


def test_a_claim_page_shows_paths_for_and_against_alike_and_counts_the_rest(tmp_path: Path) -> None:
    """A claim reused under 10 pros and 10 cons of the thesis has 20 paths up to it, 10 on each
    side; the page shows 12 (it showed the first 12 in order: 10 for, 2 against) and says so."""

    def replies(side: str) -> str:
        rows = [
            f"    - id: {side}-{n:02}\n      claim: {side} {n}.\n      sources: [{{source: report}}]\n      pros:\n"
            + (
                "        - id: reused\n          claim: The reused claim.\n          sources: [{source: report}]\n"
                if side == "a" and n == 0
                else "        - ref: reused\n"
            )
            for n in range(10)
        ]
        return "".join(rows)

    head = "title: Many paths\nupdated: 2024-08-01\nthesis:\n  id: thesis\n  claim: The thesis.\n  sources: [{source: report}]\n"
    content = head + "  pros:\n" + replies("a") + "  cons:\n" + replies("b")
    root = minimal_site(tmp_path / "content", {"maps/open.yaml": content})
    build(root, tmp_path / "site")
    html = (tmp_path / "site" / "claims" / "reused" / "index.html").read_text()
    standing = text_of(html[html.index('id="maps-heading"') :])
    assert "by 20 paths from a thesis" in standing
    assert "not shown: 4 for and 4 against." in standing
    shown = re.findall(r"so it (supports|opposes) the thesis", html)
    assert shown.count("supports") == 6 and shown.count("opposes") == 6
