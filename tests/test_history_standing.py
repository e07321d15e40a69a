"""Claims in a map's recent changes say where they stood, as search results and tag pages do.

PRO and CON are towards the parent, so a listed claim names what it answered and its side of
the thesis, as the commit left them (a removed claim, as it was before it went); the map page's
cap on claims per change takes as many of each side as fit and counts the rest by side.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.history import GitHistory
from debatemap.incremental import IncrementalBuild
from debatemap.model import Answered
from tests.helpers import SITE, minimal_site

from .test_history import ATOM, commit, git
from .test_incremental import assert_same_as_full_build, edit

pytestmark = pytest.mark.skipif(shutil.which("git") is None and os.environ.get("CI") != "true", reason="needs git")

PRO_SOURCES = "      sources: [{source: report, note: Section 2.}]\n"
CON_SOURCES = "      sources: [{source: report, note: Section 3.}]\n"
REPLIES_TO_PRO = """\
      pros:
        - ref: reused
      cons:
        - id: gains-concentrate
          claim: The gains concentrate in a few firms.
          sources: [{source: report}]
"""
REPLIES_TO_CON = """\
      pros:
        - id: reused
          claim: Anyone can fine-tune the safeguards away.
          sources: [{source: report}]
      cons:
        - id: rebuttal
          claim: Closed models are misused as well.
          sources: [{source: report}]
"""
PRO_BRANCH = """\
  pros:
    - id: faster-innovation
      claim: Open weights speed up innovation.
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The map created; then a con of its pro, a rebuttal of its con (for the thesis) and a claim
    reused under both (on both sides); then its pro removed with the con answering it."""
    root = minimal_site(tmp_path / "content")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Start", "2024-01-01T12:00:00Z")
    edit(root / "maps/open.yaml", PRO_SOURCES, PRO_SOURCES + REPLIES_TO_PRO)
    edit(root / "maps/open.yaml", CON_SOURCES, CON_SOURCES + REPLIES_TO_CON)
    commit(root, "Answer both sides", "2024-02-01T12:00:00Z")
    edit(root / "maps/open.yaml", PRO_BRANCH + PRO_SOURCES + REPLIES_TO_PRO, "")
    commit(root, "Drop the pro", "2024-03-01T12:00:00Z")
    return root


def recent_changes(site: Path) -> str:
    page = (site / "maps/open/index.html").read_text(encoding="utf-8")
    start = page.index('<section class="changes"')
    return page[start : page.index("</section>", start)]


def test_each_changed_claim_keeps_what_it_answered_and_its_side_as_that_commit_left_them(repo: Path) -> None:
    dropped, answered, _created = GitHistory()(repo, ["open"])["open"]
    assert [(e.id, e.answers, e.side) for e in answered.added] == [
        ("gains-concentrate", (Answered("con", "faster-innovation", "Open weights speed up innovation."),), "con"),
        (
            "reused",
            (
                Answered("pro", "faster-innovation", "Open weights speed up innovation."),
                Answered("pro", "misuse-risk", "Open weights enable misuse."),
            ),
            "both",
        ),
        ("rebuttal", (Answered("con", "misuse-risk", "Open weights enable misuse."),), "pro"),  # a con of a con
    ]
    assert [(e.id, e.answers, e.side) for e in dropped.removed] == [
        ("faster-innovation", (Answered("pro", "open-weights", "Weights should be open."),), "pro"),
        ("gains-concentrate", (Answered("con", "faster-innovation", "Open weights speed up innovation."),), "con"),
    ]


def test_the_map_page_names_what_each_listed_claim_answered_and_its_side_of_the_thesis(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "site")
    section = recent_changes(tmp_path / "site")
    side = '<span class="standing-side standing-side-{}">{}</span></p>'
    assert (
        'Added: <a href="../../claims/rebuttal/">Closed models are misused as well.</a><p class="standing">'
        '<span class="standing-answers">Opposes <a href="../../claims/misuse-risk/">Open weights enable misuse.</a></span> · '
        + side.format("pro", "for the thesis")
    ) in section
    assert (
        'Removed: Open weights speed up innovation.<p class="standing">'
        '<span class="standing-answers">Supports <a href="../../claims/open-weights/">Weights should be open.</a></span> · '
        + side.format("pro", "for the thesis")
    ) in section
    # what it answered is gone too: named, not linked
    assert (
        'Removed: The gains concentrate in a few firms.<p class="standing">'
        '<span class="standing-answers">Opposes Open weights speed up innovation.</span> · '
        + side.format("con", "against the thesis")
    ) in section
    assert (
        '<span class="standing-answers">Supports Open weights speed up innovation.; '
        'Supports <a href="../../claims/misuse-risk/">Open weights enable misuse.</a></span> · '
        + side.format("both", "for and against the thesis")
    ) in section


def test_the_feed_names_what_each_claim_answered_and_its_side(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "site")
    feed = ET.parse(tmp_path / "site/maps/open/changes.xml").getroot()
    content = feed.findall(f"{ATOM}entry")[0].findtext(f"{ATOM}content", "")
    assert (
        "<li>Removed: Open weights speed up innovation.<br>"
        'Supports <a href="https://example.org/debates/claims/open-weights/">Weights should be open.</a> · for the thesis</li>'
    ) in content
    gone = "<li>Removed: The gains concentrate in a few firms.<br>Opposes Open weights speed up innovation."
    assert gone + " · against the thesis</li>" in content


def test_the_cap_on_claims_per_change_shows_both_sides_and_counts_what_it_leaves_out_by_side(tmp_path: Path) -> None:
    """Ten pros and three cons added at once: the page shows five pros and the three cons (it
    showed the first eight rows, all pros), and says the five it leaves out are for the thesis."""
    root = minimal_site(tmp_path / "content")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Start", "2024-01-01T12:00:00Z")
    claim = "    - id: {}\n      claim: Claim {}.\n      sources: [{{source: report}}]\n"
    pros = "".join(claim.format(f"pro-{n}", f"pro {n}") for n in range(10))
    cons = "".join(claim.format(f"con-{n}", f"con {n}") for n in range(3))
    edit(root / "maps/open.yaml", "  cons:\n", pros + "  cons:\n" + cons)
    commit(root, "Thirteen claims", "2024-02-01T12:00:00Z")
    for month in range(3, 7):  # four more changes: six in all, one more than the page shows
        edit(root / "maps/open.yaml", f"Claim con 0{'.' * (month - 2)}", f"Claim con 0{'.' * (month - 1)}")
        commit(root, "Reword", f"2024-0{month}-01T12:00:00Z")
    build(root, tmp_path / "site")
    section = recent_changes(tmp_path / "site")
    listed = section[section.index("13 claims added") :]
    listed = listed[: listed.index("</details>")]
    shown = [f"pro-{n}" for n in range(5)] + [f"con-{n}" for n in range(3)]
    assert [name for name in (f"pro-{n}" for n in range(10)) if f"claims/{name}/" in listed] == shown[:5]
    assert all(f"claims/{name}/" in listed for name in shown[5:])
    assert '<li class="muted">and 5 more claims for the thesis (the feed lists them)</li>' in listed
    assert (
        "From the history of this map's file: the 5 newest changes, and 1 older one in "
        '<a href="../../maps/open/changes.xml">its changes feed</a> (Atom).'
    ) in section
    entry = ET.parse(tmp_path / "site/maps/open/changes.xml").getroot().findall(f"{ATOM}entry")[4]
    assert all(f"claims/{name}/" in entry.findtext(f"{ATOM}content", "") for name in [f"pro-{n}" for n in range(10)])
    # without an address there is no feed, and the page says the older change is not shown
    (root / "site.yaml").write_text(SITE.replace("base_url: https://example.org/debates/\n", ""), encoding="utf-8")
    build(root, tmp_path / "site")
    section = recent_changes(tmp_path / "site")
    assert "the 5 newest changes, and 1 older one not shown here." in section
    assert '<li class="muted">and 5 more claims for the thesis</li>' in section


def test_serve_links_what_a_change_answered_when_it_comes_back(repo: Path, tmp_path: Path) -> None:
    """Whether what a claim answered still exists is a recorded read: the map page follows it."""
    live = IncrementalBuild(repo, tmp_path / "live")
    live.rebuild()
    assert "Opposes Open weights speed up innovation." in recent_changes(tmp_path / "live")
    edit(
        repo / "maps/open.yaml", "  cons:\n    - id: misuse-risk\n", PRO_BRANCH + PRO_SOURCES + "  cons:\n    - id: misuse-risk\n"
    )
    outcome = live.rebuild([str(repo / "maps/open.yaml")], defer_extras=False)
    assert outcome.ok and "maps/open/index.html" in outcome.written
    section = recent_changes(tmp_path / "live")
    assert 'Opposes <a href="../../claims/faster-innovation/">Open weights speed up innovation.</a>' in section
    assert_same_as_full_build(repo, tmp_path / "live", tmp_path)
