"""Each map's changes from the content's git history: the page's "Recent changes" and its Atom feed.

A small repository is made with commits at fixed dates, so every date on the pages is a
commit's date; the clock is never read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.cli import main
from debatemap.history import GitHistory
from debatemap.history import git as history_git
from debatemap.history.versions import claims_of
from debatemap.incremental import IncrementalBuild
from debatemap.pipeline import load_site
from tests.helpers import MAP, minimal_site

from .test_incremental import assert_same_as_full_build, edit

pytestmark = pytest.mark.skipif(shutil.which("git") is None and os.environ.get("CI") != "true", reason="needs git")

ATOM = "{http://www.w3.org/2005/Atom}"


def git(root: Path, *args: str, date: str = "2024-01-01T12:00:00Z") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org", "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "curator@example.org", "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, env=env, check=True)
    return done.stdout.decode()


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content folder at the top of a repository: the map created, then reworded and grown, then trimmed."""
    root = minimal_site(tmp_path / "content")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Start", "2024-01-01T12:00:00Z")
    edit(root / "maps/open.yaml", "claim: Open weights speed up innovation.", "claim: Open weights *speed up* innovation.")
    edit(
        root / "maps/open.yaml",
        "      sources: [{source: report, note: Section 3.}]\n",
        "      sources: [{source: report, note: Section 3.}]\n"
        "      cons:\n        - id: misuse-overstated\n          claim: The misuse risk is overstated.\n"
        "          sources: [{source: report}]\n",
    )
    commit(root, "Reword a pro, answer the con", "2024-02-03T08:30:00Z")
    edit(root / "maps/open.yaml", "        - id: misuse-overstated\n", "        - id: misuse-overstated-x\n")
    commit(root, "Rename an id", "2024-03-04T23:59:59Z")
    return root


def changes_of(root: Path, map_id: str = "open") -> list[tuple[str, bool, list[str], list[str], list[str]]]:
    found = GitHistory()(root, [map_id]).get(map_id, ())
    return [(c.time, c.created, [e.id for e in c.added], [e.id for e in c.reworded], [e.id for e in c.removed]) for c in found]


def test_changes_are_added_reworded_and_removed_claims_dated_by_their_commits(repo: Path) -> None:
    assert changes_of(repo) == [
        ("2024-03-04T23:59:59Z", False, ["misuse-overstated-x"], [], ["misuse-overstated"]),
        ("2024-02-03T08:30:00Z", False, ["misuse-overstated"], ["faster-innovation"], []),
        ("2024-01-01T12:00:00Z", True, ["open-weights", "faster-innovation", "misuse-risk"], [], []),
    ]
    reworded = GitHistory()(repo, ["open"])["open"][1].reworded[0]
    assert (reworded.text, reworded.before) == ("Open weights *speed up* innovation.", "Open weights speed up innovation.")


@pytest.mark.parametrize("content", ["content", "tests/golden/content"])
def test_versions_are_read_as_the_content_loader_reads_them(content: str) -> None:
    """History parses versions from libyaml's events, for speed; it must find what the loader
    finds: each claim's text, and what it answers in its file (definitions and refs alike)."""
    root = Path(__file__).resolve().parents[1] / content
    site = load_site(root).site
    for path in sorted((root / "maps").glob("*.yaml")):
        version = claims_of(path.read_bytes())
        assert version is not None
        defined = {c.id: " ".join(c.text.split()) for c in site.claims.values() if c.map_id == path.stem}
        assert version.texts == defined, path.name
        assert version.thesis == site.maps[path.stem].thesis_id
        answered_here = {
            claim_id: here
            for claim_id, links in site.parents.items()
            if (here := tuple(p for p in links if site.claims[p.parent_id].map_id == path.stem))
        }
        assert version.parents == answered_here, path.name


def test_a_commit_that_changes_no_claim_is_no_change(repo: Path) -> None:
    edit(repo / "maps/open.yaml", "summary: Framing of the question.", "summary: A new framing.")
    edit(repo / "maps/open.yaml", "      note: The report's conclusion.", "      note: Its conclusion.  # a comment")
    commit(repo, "Edit the summary", "2024-04-01T00:00:00Z")
    assert changes_of(repo)[0][0] == "2024-03-04T23:59:59Z"


def test_the_map_page_lists_the_changes_and_links_the_claims_that_remain(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "site")
    page = (tmp_path / "site/maps/open/index.html").read_text(encoding="utf-8")
    section = page[page.index('<section class="changes"') : page.index("</section>", page.index('<section class="changes"'))]
    assert '<time datetime="2024-03-04T23:59:59Z">4 March 2024</time>: 1 claim added, 1 removed' in section
    assert 'Added: <a href="../../claims/misuse-overstated-x/">The misuse risk is overstated.</a>' in section
    assert "Removed: The misuse risk is overstated." in section  # gone: no link
    assert "(was: Open weights speed up innovation.)" in section
    assert "Map created, with 3 claims" in section
    feed = "../../maps/open/changes.xml"
    assert f'<link rel="alternate" type="application/atom+xml" title="Changes to this map" href="{feed}">' in page


def test_the_changes_feed_is_atom_with_one_entry_per_change(repo: Path, tmp_path: Path) -> None:
    licence = "license:\n  name: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n"
    (repo / "site.yaml").write_text((repo / "site.yaml").read_text(encoding="utf-8") + licence, encoding="utf-8")
    build(repo, tmp_path / "site")
    feed = ET.parse(tmp_path / "site/maps/open/changes.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2024-03-04T23:59:59Z"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/debates/maps/open/changes.xml"
    assert feed.findtext(f"{ATOM}rights") == "CC BY 4.0"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "1 claim added, 1 removed",
        "1 claim added, 1 reworded",
        "Map created, with 3 claims",
    ]
    first = entries[0]
    assert first.findtext(f"{ATOM}id", "").startswith("https://example.org/debates/maps/open/#change-")
    content = first.findtext(f"{ATOM}content", "")
    assert '<a href="https://example.org/debates/claims/misuse-overstated-x/">' in content


def test_the_same_commit_builds_the_same_bytes(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "one")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    build(clone, tmp_path / "two")
    for name in ("maps/open/index.html", "maps/open/changes.xml"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_uncommitted_edits_are_not_history(repo: Path) -> None:
    edit(repo / "maps/open.yaml", "claim: Open weights enable misuse.", "claim: Open weights enable some misuse.")
    assert changes_of(repo)[0][0] == "2024-03-04T23:59:59Z"


def test_a_map_not_yet_committed_has_no_history(repo: Path, tmp_path: Path) -> None:
    (repo / "maps/second.yaml").write_text(MAP.replace("id: ", "id: s-").replace("s-open", "s-open"), encoding="utf-8")
    build(repo, tmp_path / "site")
    assert not (tmp_path / "site/maps/second/changes.xml").exists()
    assert "Recent changes" not in (tmp_path / "site/maps/second/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site/maps/open/changes.xml").exists()


@pytest.mark.parametrize("how", ["no repository", "history: off"])
def test_no_history_without_a_repository_or_when_turned_off(repo: Path, tmp_path: Path, how: str) -> None:
    if how == "no repository":
        shutil.rmtree(repo / ".git")
    else:
        (repo / "site.yaml").write_text((repo / "site.yaml").read_text(encoding="utf-8") + "history: off\n", encoding="utf-8")
    result = build(repo, tmp_path / "site")
    assert result.note is None
    assert "Recent changes" not in (tmp_path / "site/maps/open/index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "site/maps/open/changes.xml").exists()


def test_a_shallow_clone_has_no_history_and_build_says_why(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "shallow", "--out", "site"]) == 0
    err = capsys.readouterr().err
    assert err == "note: the content is a shallow git clone, so the maps show no changes (clone the whole history)\n"
    assert "Recent changes" not in (tmp_path / "site/maps/open/index.html").read_text(encoding="utf-8")


def test_without_git_there_is_no_history(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    history = GitHistory()
    assert history(repo, ["open"]) == {}
    assert history.note == "git is not installed, so the maps show no changes"


def test_one_git_log_and_one_cat_file_for_the_whole_site(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not one process per claim or per map: the history of every map comes from two."""
    for n in range(3):
        (repo / f"maps/m{n}.yaml").write_text(MAP.replace("id: ", f"id: m{n}-"), encoding="utf-8")
    commit(repo, "More maps", "2024-05-01T00:00:00Z")
    calls: list[str] = []
    popen = subprocess.Popen

    def counting_popen(args: list[str], **kwargs: object) -> object:  # subprocess.run starts its process here too
        calls.append(args[args.index("-C") + 2])
        return popen(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(history_git.subprocess, "Popen", counting_popen)
    found = GitHistory()(repo, ["open", "m0", "m1", "m2"])
    assert sorted(found) == ["m0", "m1", "m2", "open"]
    assert calls == ["rev-parse", "config", "log", "cat-file"], calls


def test_a_version_that_does_not_parse_is_skipped(repo: Path) -> None:
    (repo / "maps/open.yaml").write_text("title: [broken\n", encoding="utf-8")
    commit(repo, "Break it", "2024-06-01T00:00:00Z")
    git(repo, "checkout", "-q", "HEAD~1", "--", "maps/open.yaml")
    edit(repo / "maps/open.yaml", "claim: Open weights enable misuse.", "claim: Open weights enable abuse.")
    commit(repo, "Mend it", "2024-06-02T00:00:00Z")
    assert changes_of(repo)[:2] == [
        ("2024-06-02T00:00:00Z", False, [], ["misuse-risk"], []),  # the mend, against the version before the break
        ("2024-03-04T23:59:59Z", False, ["misuse-overstated-x"], [], ["misuse-overstated"]),
    ]


def test_a_renamed_map_file_starts_a_new_history(repo: Path) -> None:
    git(repo, "mv", "maps/open.yaml", "maps/opened.yaml")
    commit(repo, "Rename the map", "2024-07-01T00:00:00Z")
    assert changes_of(repo, "opened") == [
        ("2024-07-01T00:00:00Z", True, ["open-weights", "faster-innovation", "misuse-risk", "misuse-overstated-x"], [], [])
    ]


def test_a_merged_branch_is_one_change_dated_by_the_merge(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "topic")
    edit(repo / "maps/open.yaml", "claim: Open weights enable misuse.", "claim: Open weights enable abuse.")
    commit(repo, "On a branch", "2024-08-01T00:00:00Z")
    edit(repo / "maps/open.yaml", "claim: Weights should be open.", "claim: Weights should be openly released.")
    commit(repo, "Still on it", "2024-08-02T00:00:00Z")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge topic", "topic", date="2024-08-05T10:00:00Z")
    assert changes_of(repo)[0] == ("2024-08-05T10:00:00Z", False, [], ["open-weights", "misuse-risk"], [])


# serve


def test_serve_reads_the_history_again_after_a_commit_at_the_next_save(repo: Path, tmp_path: Path) -> None:
    """HEAD moving is seen at the next rebuild (a commit alone does not start one): the map page and its
    feed render again through their recorded reads of the history, and equal a full build."""
    live = IncrementalBuild(repo, tmp_path / "live")
    live.rebuild()
    assert ("history", "open") in live.reads("maps/open/index.html")
    assert ("history", "open") in live.reads("maps/open/changes.xml")
    edit(repo / "maps/open.yaml", "claim: Open weights enable misuse.", "claim: Open weights enable abuse.")
    commit(repo, "Reword the con", "2024-09-09T09:09:09Z")
    outcome = live.rebuild([str(repo / "maps/open.yaml")], defer_extras=False)
    assert outcome.ok
    assert "maps/open/changes.xml" in outcome.written
    page = (tmp_path / "live/maps/open/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-09-09T09:09:09Z">9 September 2024</time>: 1 claim reworded' in page
    assert_same_as_full_build(repo, tmp_path / "live", tmp_path)


def test_serve_does_not_read_git_again_while_head_stays(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = IncrementalBuild(repo, tmp_path / "live")
    live.rebuild()
    logs: list[int] = []
    read = history_git.Repository.map_changes
    monkeypatch.setattr(history_git.Repository, "map_changes", lambda self: logs.append(1) or read(self))
    edit(repo / "maps/open.yaml", "claim: Open weights enable misuse.", "claim: Open weights enable abuse.")
    outcome = live.rebuild([str(repo / "maps/open.yaml")])
    assert outcome.ok and logs == []
    assert "maps/open/changes.xml" not in outcome.written
