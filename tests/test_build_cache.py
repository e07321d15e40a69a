"""The build cache: a warm ``debatemap build`` writes byte for byte what a cold one writes.

Each test builds the real content (a copy) once with a cache, edits it, builds again with the
cache and compares every file with a build without one. Caches that cannot be trusted (corrupt,
truncated, foreign, from another version) are ignored with one warning line; output folders
deleted or edited by hand lead to a correct site; two builds sharing a cache take turns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment

from debatemap import staging
from debatemap.build import BuildResult, build
from debatemap.cli import main
from debatemap.incremental import cached, snapshot, stale_pages, store
from debatemap.incremental.cached import spare_path
from debatemap.incremental.reads import hash_set
from debatemap.incremental.saved import checked_with_cache
from debatemap.incremental.search_units import Indexed
from debatemap.pipeline import load_site
from debatemap.staging import WriteError

from .conftest import CONTENT
from .test_benchmarks import load_module
from .test_incremental import ANSWERED, MAP, OVERRIDE, edit, tree

NEW_CLAIM = (
    "            - id: a-brand-new-rebuttal\n"
    "              claim: A brand new rebuttal, tagged with a brand new tag.\n"
    "              sources: [{source: deepseek-r1-release, note: Added in a test.}]\n"
    "              tags: [brand-new-tag]\n"
)
MOVED_CLAIM = (
    "    - id: a-brand-new-rebuttal\n"
    "      claim: A brand new rebuttal, tagged with a brand new tag.\n"
    "      sources: [{source: deepseek-r1-release, note: Added in a test.}]\n"
)
EXTRA_MAP = """\
title: An extra question?
summary: A map added in a test.
tags: [brand-new-tag]
updated: 2026-01-01
thesis:
  id: extra-thesis
  claim: An extra thesis.
  sources: [{source: deepseek-r1-release, note: Added in a test.}]
  pros:
    - id: extra-pro
      claim: An extra pro.
      sources: [{source: deepseek-r1-release, note: Added in a test.}]
  cons:
    - id: extra-con
      claim: An extra con.
      sources: [{source: deepseek-r1-release, note: Added in a test.}]
"""
STANCE = "      tags: [innovation]\n      cons:\n        - id: innovation-gains-concentrate"


class Built:
    """A content folder built into ``out`` with the cache in ``cache``; records the warnings."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.out = root / "site"
        self.cache = root / "cache"
        self.warnings: list[str] = []
        shutil.copytree(CONTENT, self.content)

    def build(self) -> BuildResult:
        return build(self.content, self.out, cache_dir=self.cache, warn=self.warnings.append)

    def assert_same_as_cold(self) -> None:
        cold = self.root / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        build(self.content, cold)
        expected, actual = tree(cold), tree(self.out)
        assert sorted(actual) == sorted(expected), (
            sorted(actual.keys() - expected.keys()),
            sorted(expected.keys() - actual.keys()),
        )
        assert [name for name in expected if expected[name] != actual[name]] == []
        assert [p for p in self.out.rglob("*") if p.is_dir() and not any(p.iterdir())] == []


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    """The content built once with the cache. Warm builds here render their stale pages on two
    processes however few they are (``stale_pages``), each side taking some, as a large site's do."""
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    monkeypatch.setattr(stale_pages, "FORK_FROM_BYTES", 0)
    site = Built(tmp_path)
    first = site.build()
    assert first.rendered is None  # no cache yet: everything
    return site


def _source(content: Path, source_id: str, title: str) -> None:
    text = (content / "sources" / "deepseek-r1-release.yaml").read_text(encoding="utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title:"))
    (content / "sources" / f"{source_id}.yaml").write_text(text.replace(old_title, f"title: {title}"), encoding="utf-8")


def _override(content: Path, text: str) -> None:
    overrides = content / "overrides"
    overrides.mkdir(exist_ok=True)
    (overrides / "404.html").write_text(OVERRIDE.format(text), encoding="utf-8")


def _claim_text(c: Path) -> None:
    edit(c / MAP, "which speeds up innovation across the field.", "which speeds up innovation everywhere.")


def _add_claim(c: Path) -> None:
    edit(c / MAP, ANSWERED, ANSWERED + NEW_CLAIM)


def _move_claim(c: Path) -> None:
    edit(c / MAP, NEW_CLAIM, "")
    edit(c / MAP, "    - id: open-weights-cut-costs\n", MOVED_CLAIM + "    - id: open-weights-cut-costs\n")


def _tag(c: Path) -> None:
    edit(c / MAP, "tags: [innovation]\n      cons:", "tags: [innovation, brand-new-tag]\n      cons:")


def _page(c: Path) -> None:
    about = c / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")


def _theme(c: Path) -> None:
    _override(c, "Lost?")
    edit(c / "site.yaml", "theme: default\n", "theme: default\ntheme_dir: overrides\n")


def _settings(c: Path) -> None:
    edit(c / "site.yaml", "title: Open Weights, Open Question", "title: Open Weights, Still Open")


Edit = Callable[[Path], None]
EDITS: dict[str, list[Edit]] = {
    "claim text": [_claim_text],
    "add and remove a claim": [_add_claim, lambda c: edit(c / MAP, NEW_CLAIM, "")],
    "move a claim": [_add_claim, _move_claim],
    "change a stance": [lambda c: edit(c / MAP, STANCE, STANCE.replace("cons:", "pros:"))],
    "add and remove a source": [
        lambda c: _source(c, "a-new-source", "A new source"),
        lambda c: (c / "sources" / "a-new-source.yaml").unlink(),
    ],
    "edit a source": [lambda c: _source(c, "deepseek-r1-release", "A renamed source")],
    "rename a map file": [lambda c: (c / "maps" / "regulating-open-models.yaml").rename(c / "maps" / "regulating-models.yaml")],
    "add and delete a map file": [
        lambda c: (c / "maps" / "an-extra-map.yaml").write_text(EXTRA_MAP, encoding="utf-8"),
        lambda c: (c / "maps" / "an-extra-map.yaml").unlink(),
    ],
    "change a tag": [_tag],
    "edit a page": [_page],
    "change the theme and a template": [_theme, lambda c: _override(c, "Gone.")],
    "change site.yaml": [_settings],
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_a_warm_build_after_each_kind_of_edit_equals_a_cold_one(built: Built, kind: str) -> None:
    for step in EDITS[kind]:
        step(built.content)
        built.build()
        built.assert_same_as_cold()
    # A later edit starts from what this build saved (the model, its indices, the reads): still right.
    edit(built.content / MAP, "so the savings go mainly to", "so the savings go mostly to")
    assert built.build().rendered is not None
    built.assert_same_as_cold()
    assert built.warnings == []


def test_a_claim_text_edit_renders_only_the_pages_that_show_it(built: Built) -> None:
    built.build()  # the first warm build keeps the cold build's site as the spare
    EDITS["claim text"][0](built.content)
    result = built.build()
    assert result.rendered is not None
    assert 0 < result.rendered < result.pages // 4
    assert spare_path(built.out).is_dir()
    built.assert_same_as_cold()


def test_stale_pages_rendered_by_a_forked_child_and_by_this_process_make_the_cold_site(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    built.build()
    sides: list[tuple[int, int]] = []
    real = stale_pages._render

    def render(*args: Any) -> stale_pages.Rendered:
        done = real(*args)
        (Path(built.root) / f"side-{os.getpid()}").write_text(str(len(done)))
        return done

    monkeypatch.setattr(stale_pages, "_render", render)
    EDITS["claim text"][0](built.content)
    result = built.build()
    for side in built.root.glob("side-*"):
        sides.append((int(side.name.split("-")[1]), int(side.read_text())))
    assert {pid == os.getpid() for pid, _ in sides} == {True, False}  # a child rendered some pages, this process others
    assert all(count > 0 for _, count in sides)
    assert sum(count for _, count in sides) == result.rendered
    built.assert_same_as_cold()


def test_theme_site_settings_and_version_changes_render_everything(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    _override(built.content, "Lost?")
    edit(built.content / "site.yaml", "theme: default\n", "theme: default\ntheme_dir: overrides\n")
    assert built.build().rendered is None
    _override(built.content, "Gone.")
    assert built.build().rendered is None
    built.assert_same_as_cold()
    monkeypatch.setattr(store, "__version__", "99.0")
    assert built.build().rendered is None
    assert len(built.warnings) == 1
    assert "debatemap 0.1.0, this is 99.0" in built.warnings[0]
    built.assert_same_as_cold()


def _removals(built: Built, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make every folder deletion note the folder's inode and the deleting process in ``removed/``."""
    notes = built.root / "removed"
    notes.mkdir()
    real = staging._remove

    def remove(path: Path) -> None:
        (notes / f"{os.lstat(path).st_ino}-{os.getpid()}").touch()
        real(path)

    monkeypatch.setattr(staging, "_remove", remove)
    return notes


def _beside(built: Built) -> list[str]:
    return sorted(p.name for p in built.root.iterdir() if p.name.startswith(f".{built.out.name}."))


def test_a_build_that_renders_everything_deletes_the_old_spare_on_a_child_meanwhile(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    built.build()  # keeps the first site as the spare
    old_spare = spare_path(built.out).stat().st_ino
    notes = _removals(built, monkeypatch)
    _settings(built.content)
    assert built.build().rendered is None
    removed = {int(inode): int(pid) for inode, pid in (note.name.split("-") for note in notes.iterdir())}
    assert old_spare in removed
    assert removed[old_spare] != os.getpid()  # a forked child deleted it while this process rendered
    assert _beside(built) == [".site.spare"]  # the replaced site is the new spare; no leftovers
    built.assert_same_as_cold()


def test_a_build_that_fails_while_the_old_spare_is_deleted_leaves_the_site_and_no_leftovers(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    built.build()
    before = tree(built.out)
    render_everything = cached.render_everything

    def full_disk(*args: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cached, "render_everything", full_disk)
    _settings(built.content)
    with pytest.raises(WriteError, match="No space left on device"):
        built.build()
    assert tree(built.out) == before
    assert _beside(built) == []  # the deletion finished before the error was raised
    monkeypatch.setattr(cached, "render_everything", render_everything)
    built.build()
    built.assert_same_as_cold()


def test_a_deleted_output_folder_is_rendered_whole(built: Built) -> None:
    built.build()
    shutil.rmtree(built.out)
    EDITS["claim text"][0](built.content)
    assert built.build().rendered is None
    built.assert_same_as_cold()
    assert built.warnings == []


def test_files_edited_or_added_by_hand_in_the_output_never_reach_the_next_site(built: Built) -> None:
    built.build()
    (built.out / "index.html").write_bytes(b"edited by hand")
    (built.out / "claims" / "stray.html").write_bytes(b"added by hand")
    for step in (EDITS["claim text"][0], EDITS["change a tag"][0]):
        step(built.content)
        built.build()  # the edited site becomes the spare: the build after this one must not trust it
        built.assert_same_as_cold()


def test_a_spare_edited_by_hand_is_not_trusted(built: Built) -> None:
    built.build()
    spare = spare_path(built.out)
    (spare / "claims" / "open-weights-cut-costs" / "index.html").write_bytes(b"edited by hand")
    EDITS["claim text"][0](built.content)
    built.build()
    built.assert_same_as_cold()


def _damage(cache: Path, how: str) -> None:
    state = cache / store.STATE
    data = state.read_bytes()
    if how == "truncated":
        state.write_bytes(data[: len(data) // 2])
    elif how == "corrupt":
        middle = len(data) // 2
        state.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "not a cache":
        state.write_bytes(b"hello\n")
    elif how == "empty":
        state.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "corrupt", "not a cache", "empty"])
def test_a_damaged_cache_is_ignored_with_one_warning(built: Built, how: str) -> None:
    _damage(built.cache, how)
    EDITS["claim text"][0](built.content)
    assert built.build().rendered is None
    assert len(built.warnings) == 1
    assert built.warnings[0].startswith(f"ignoring the build cache in {built.cache}: ")
    built.assert_same_as_cold()
    built.warnings.clear()
    built.build()  # the cache written by that build is trusted again
    assert built.warnings == []


def test_a_cache_of_another_content_folder_is_ignored_with_one_warning(built: Built, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(CONTENT, other)
    warnings: list[str] = []
    result = build(other, tmp_path / "other-site", cache_dir=built.cache, warn=warnings.append)
    assert result.rendered is None
    assert len(warnings) == 1
    assert "for another content folder" in warnings[0]


def test_the_cli_takes_cache_options_and_prints_one_warning_line(
    built: Built, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(built.root)
    assert main(["build", "content", "--out", "site", "--cache-dir", "cache"]) == 0
    assert "run from" in capsys.readouterr().err  # named another way than in the fixture's build
    _damage(built.cache, "truncated")
    assert main(["build", "content", "--out", "site", "--cache-dir", "cache"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "ignoring the build cache in cache: it is truncated" in err
    assert main(["build", "content", "--out", "site", "--no-cache"]) == 0
    assert main(["build", "content", "--out", "site"]) == 0  # the default: .debatemap-cache beside the content
    assert (built.root / store.DEFAULT_DIR / store.STATE).is_file()
    capsys.readouterr()
    assert main(["build", "content", "--out", "site", "--cache-dir", "cache", "--no-cache"]) == 2


def test_check_with_the_cache_reports_what_check_without_it_reports(built: Built) -> None:
    thesis_tags = "  tags: [open-weights, innovation, safety]\n  pros:"
    edit(built.content / MAP, thesis_tags, thesis_tags.replace("  pros:", "  colour: red\n  pros:"))
    edit(built.content / MAP, "which speeds up innovation across the field.", "which speeds up innovation.")
    for errors in (1, 0):
        cold = load_site(built.content)
        assert cold.errors == errors
        warm = checked_with_cache(built.content, built.cache, strict=True)
        assert warm.diagnostics == load_site(built.content, strict=True).diagnostics
        assert checked_with_cache(built.content, built.cache, strict=False).diagnostics == cold.diagnostics
        if errors:
            edit(built.content / MAP, "  colour: red\n", "")  # fixed: the cached parse of the file must not be used


_BUILD = """
import sys
from pathlib import Path
from debatemap.build import build
build(Path(sys.argv[1]), Path(sys.argv[2]), cache_dir=Path(sys.argv[3]))
"""


def test_two_builds_sharing_a_cache_at_once_leave_it_whole(built: Built, tmp_path: Path) -> None:
    EDITS["claim text"][0](built.content)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen([sys.executable, "-c", _BUILD, str(built.content), str(out), str(built.cache)], env=env)
        for out in (built.out, tmp_path / "second")
    ]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    assert store.read(built.cache, built.content) is not None
    built.build()
    assert built.warnings == []
    built.assert_same_as_cold()


def _git(root: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "-C", str(root), *args]
    subprocess.run(command, check=True, capture_output=True)


def test_a_commit_brings_the_maps_changes_up_to_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
    site = Built(tmp_path)
    _git(site.content, "init", "-q")
    _git(site.content, "add", "-A")
    _git(site.content, "commit", "-qm", "first")
    site.build()
    _claim_text(site.content)
    _git(site.content, "commit", "-qam", "reworded")  # HEAD moves: the history is read again
    site.build()
    site.assert_same_as_cold()
    assert b"speeds up innovation everywhere" in (site.out / "maps" / "open-weights" / "index.html").read_bytes()
    _tag(site.content)  # HEAD stays: the cached history serves
    site.build()
    site.assert_same_as_cold()
    assert site.warnings == []


def _committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
    site = Built(tmp_path)
    _git(site.content, "init", "-q")
    _git(site.content, "add", "-A")
    _git(site.content, "commit", "-qm", "first")
    site.build()
    return site


def _changes_unpickled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the maps whose stored changes are read from now on, one entry per read."""
    loaded: list[str] = []
    real = snapshot.StoredChanges.__getitem__

    def getitem(self: snapshot.StoredChanges, key: str) -> Any:
        loaded.append(key)
        return real(self, key)

    monkeypatch.setattr(snapshot.StoredChanges, "__getitem__", getitem)
    return loaded


def test_a_wording_edit_loads_from_the_cache_only_the_changes_its_pages_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEBATEMAP_WORKERS", "1")  # every page rendered here, where the loads are counted
    site = _committed(tmp_path, monkeypatch)
    loaded = _changes_unpickled(monkeypatch)
    _claim_text(site.content)  # not committed: HEAD stays
    assert site.build().rendered is not None
    # The pages of the two maps showing the claim (its own, and one that refers to it) list their
    # changes; the other maps' changes are never unpickled.
    assert set(loaded) == {"open-weights", "open-weights-and-rivals"}
    site.assert_same_as_cold()


def test_check_with_the_cache_unpickles_no_maps_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _committed(tmp_path, monkeypatch)
    loaded = _changes_unpickled(monkeypatch)
    _claim_text(site.content)
    checked = checked_with_cache(site.content, site.cache, strict=False)
    assert checked.ok
    assert loaded == []  # check shows no history: its model starts without one, as before the changes were stored map by map


def test_changes_turned_off_and_on_again_come_back_for_every_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _committed(tmp_path, monkeypatch)
    site.build()
    for before, after in (("theme: default\n", "theme: default\nhistory: off\n"), ("history: off\n", "")):
        edit(site.content / "site.yaml", before, after)
        site.build()
        site.assert_same_as_cold()
    assert b"Recent changes" in (site.out / "maps" / "open-weights" / "index.html").read_bytes()
    _claim_text(site.content)
    site.build()
    site.assert_same_as_cold()


def test_new_site_keeps_the_build_cache_out_of_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("*.pyc")
    assert main(["new", "site", "content"]) == 0
    assert (tmp_path / ".gitignore").read_text().splitlines()[0] == "*.pyc"
    assert {"/.debatemap-cache/", "/.*.spare/"} <= set((tmp_path / ".gitignore").read_text().splitlines())
    before = (tmp_path / ".gitignore").read_text()
    assert main(["new", "site", "other"]) == 0
    assert (tmp_path / ".gitignore").read_text() == before  # listed once
    assert main(["build", "content", "--out", "site"]) == 0
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    status = ["git", "status", "--porcelain", "--ignored"]
    ignored = subprocess.run(status, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "!! .debatemap-cache/" in ignored.stdout.splitlines()


def test_a_site_rendered_on_every_core_records_its_reads_as_one_rendered_alone_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = load_module("corpus").generate(tmp_path / "content", 400)  # about 480 pages: the render workers' share
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    pooled, alone = tmp_path / "pooled", tmp_path / "alone"
    build(content, pooled / "site", cache_dir=pooled / "cache")
    monkeypatch.setenv("DEBATEMAP_WORKERS", "1")
    build(content, alone / "site", cache_dir=alone / "cache")
    assert tree(pooled / "site") == tree(alone / "site")
    saved = [store.read(folder / "cache", content) for folder in (pooled, alone)]
    pooled_reads, alone_reads = ({unit: hash_set(blob) for unit, blob in found.deps.units.items()} for found in saved)  # type: ignore[union-attr]
    assert pooled_reads == alone_reads
    assert saved[0].made_by == saved[1].made_by  # type: ignore[union-attr]


def test_a_warm_build_updates_the_search_index_or_makes_it_anew_beside_its_pages_as_a_cold_one_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text edit updates the index in place (a few files rewritten); a new map changes every
    document's place, and the index is made anew in a worker while the pages render."""
    content = load_module("corpus").generate(tmp_path / "content", 400)  # from 400 pages the index is made in a worker
    monkeypatch.setenv("DEBATEMAP_WORKERS", "2")
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache_dir=cache)
    updates: list[Indexed | None] = []
    remade: list[bool] = []
    real_changes, real_job = cached.index_changes, cached.SearchJob

    def index_changes(*args: Any) -> Indexed | None:
        updates.append(real_changes(*args))
        return updates[-1]

    def search_job(*args: Any, parallel: bool) -> Any:
        remade.append(parallel)
        return real_job(*args, parallel=parallel)

    monkeypatch.setattr(cached, "index_changes", index_changes)
    monkeypatch.setattr(cached, "SearchJob", search_job)
    bench = load_module("bench_cache")
    for run in range(2):
        bench.edit_one_claim(content, run)
        result = build(content, out, cache_dir=cache)
        assert result.rendered is not None
        build(content, tmp_path / "cold")
        assert tree(out) == tree(tmp_path / "cold")
        assert any(b"Edited " + str(run).encode() in p.read_bytes() for p in (out / "search" / "index" / "d").glob("*.js"))
    assert remade == []
    assert len(updates) == 2
    indexed = [update for update in updates if update is not None]
    assert len(indexed) == 2
    assert all(0 < len(update.files) < len(update.names) / 4 for update in indexed), [len(u.files) for u in indexed]
    first = sorted((content / "maps").glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    source = text.split("    - source: ", 1)[1].split("\n", 1)[0]
    added = (
        f"  pros:\n    - id: a-claim-added-in-a-test\n      claim: A claim added in a test.\n"
        f"      sources: [{{source: {source}}}]\n"
    )
    first.write_text(text.replace("  pros:\n", added, 1), encoding="utf-8")  # every later document gets a new number
    assert build(content, out, cache_dir=cache).rendered is not None
    assert remade == [True]
    shutil.rmtree(tmp_path / "cold")
    build(content, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")


def test_a_cache_in_another_format_is_ignored_with_one_warning_naming_it(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    assert built.build().rendered is None
    assert len(built.warnings) == 1
    assert f"it is in format {store.FORMAT - 1}, this debatemap keeps format {store.FORMAT}" in built.warnings[0]


def test_files_parsed_again_are_saved_as_parsed_again_never_as_another_files_old_parse(tmp_path: Path) -> None:
    site = Built(tmp_path)
    site.build()
    for run in range(3):
        for path in sorted((site.content / "sources").glob("*.yaml")):  # every source parsed again, old parses freed
            path.write_text(path.read_text(encoding="utf-8") + f"\n# run {run}\n", encoding="utf-8")
        site.build()
        loaded = snapshot.load(store.read(site.cache, site.content).model, site.content)  # type: ignore[union-attr]
        for name, entry in loaded.parsed.items():
            if "/sources/" in name:
                assert [s.id for s in entry.part.sources] == [Path(name).stem]
        site.assert_same_as_cold()


def test_check_reads_the_cache_while_a_build_holds_it(built: Built) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "debatemap", "check", str(built.content), "--cache-dir", str(built.cache)]
    with store.locked(built.cache):  # as a build running meanwhile
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_warm_build_loads_the_templates_the_last_build_compiled(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str | None] = []
    real = Environment.compile

    def compile_template(self: Environment, source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", compile_template)
    EDITS["claim text"][0](built.content)
    result = built.build()
    assert result.rendered is not None
    assert compiled == []
    built.assert_same_as_cold()
    assert compiled, "the cold build compiles: the spy sees it"
