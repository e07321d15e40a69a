"""Every save reaches the preview, whenever it happens.

A real ``debatemap serve`` subprocess gets pairs of saves at seeded random offsets, during and
right after the rebuild of the first (good edits, broken edits, edits of the same size; written
in place, appended, or renamed over the file as editors do), and the page must show the last
save, or its errors, within a bounded time and still show it once everything has gone quiet.
Then the two races it found, each on its own: the extra files made at a pause took down the
errors of a broken save, and a save made before the watch began had no event and was lost.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.serve import Preview
from debatemap.serve import preview as preview_module

from .helpers import minimal_site
from .serving import Served, until

REPO = Path(__file__).resolve().parent.parent
BOUND = 10.0
"""Seconds within which a save must show (a rebuild of the repository's site takes well under one)."""
QUIET = 0.7
"""Then nothing may change for this long: past the watcher's pause (0.3 s) and the extra files it makes."""
TRIALS = 12
BROKEN = "\n  pros: [unclosed\n"


@pytest.fixture
def served_copy(tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    served = Served(content)
    try:
        yield served, content
    finally:
        served.stop()


def _save(path: Path, text: str, how: str) -> None:
    """Save as an editor would: in place, by appending, or by renaming a new file over the old one."""
    if how == "append" and text.startswith(old := path.read_text(encoding="utf-8")):
        with path.open("a", encoding="utf-8") as file:
            file.write(text[len(old) :])
    elif how == "rename":
        fresh = path.with_name(f".{path.name}.saving")
        fresh.write_text(text, encoding="utf-8")
        os.replace(fresh, path)
    else:
        path.write_text(text, encoding="utf-8")


def test_every_save_reaches_the_page_at_any_moment(served_copy: tuple[Served, Path]) -> None:
    served, content = served_copy
    map_file = sorted((content / "maps").glob("*.yaml"))[0]
    page = f"/maps/{map_file.stem}/"
    original = map_file.read_text(encoding="utf-8")
    assert re.search(r"^title: ", original, re.MULTILINE)
    rng = random.Random(20260514)
    for trial in range(TRIALS):
        first = re.sub(r"^title: ", f"title: Alpha{trial}q ", original, count=1, flags=re.MULTILINE)
        _save(map_file, first, rng.choice(["write", "rename"]))
        if rng.random() < 0.6:  # right after the rebuild that shows it, else during it
            until(lambda n=trial: f"Alpha{n}q" in served.get(page), f"trial {trial}: the first save never showed")
        time.sleep(rng.uniform(0.0, 0.5))
        kind, how = rng.choice(["good", "same-size", "broken"]), rng.choice(["write", "append", "rename"])
        if kind == "broken":
            last, marker = first + BROKEN, None
        else:
            marker = f"Omega{trial}q" if kind == "good" else f"Alpha{trial}Q"  # same size as the first save
            last = first.replace(f"Alpha{trial}q", marker)
        _save(map_file, last, how)

        def shows(marker: str | None = marker) -> bool:
            body = served.get(page)
            return 'id="debatemap-errors"' in body if marker is None else marker in body and "debatemap-errors" not in body

        what = f"trial {trial} ({kind} save by {how}):"
        until(shows, f"{what} the page never showed it\n" + "".join(served.output[-20:]))
        time.sleep(QUIET)
        assert shows(), f"{what} the page showed it, then lost it\n" + "".join(served.output[-20:])
    map_file.write_text(original, encoding="utf-8")
    assert served.process.poll() is None
    assert not [line for line in served.output if "internal error" in line or "Traceback" in line]


def test_the_extra_files_made_at_a_pause_leave_a_broken_saves_errors_up(tmp_path: Path) -> None:
    content = minimal_site(tmp_path / "content")
    preview = Preview(content, port=0, log=io.StringIO())
    try:
        preview.rebuild([], first=True)
        map_file = content / "maps" / "open.yaml"
        good = map_file.read_text(encoding="utf-8").replace("Weights should be open.", "Weights should be shared.")
        map_file.write_text(good, encoding="utf-8")
        preview.rebuild([str(map_file)], complete=True)
        assert preview.builder.extras_pending  # made at the next pause
        map_file.write_text(good + BROKEN, encoding="utf-8")
        preview.rebuild([str(map_file)], complete=True)
        assert preview.overlay is not None
        preview.refresh_extras()  # the pause after the broken save
        assert preview.overlay is not None and "yaml-syntax" in preview.overlay
        assert not preview.builder.extras_pending
    finally:
        preview.close()


def test_a_save_made_before_the_watch_began_reaches_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = minimal_site(tmp_path / "content")
    map_file = content / "maps" / "open.yaml"
    watch_loop = preview_module.watch_loop

    def saved_first(*args: object, **kwargs: object) -> None:
        """A save after the first build read the file, but before the watcher was set up."""
        map_file.write_text(map_file.read_text(encoding="utf-8").replace("Weights should be open.", "Weights may be open."))
        watch_loop(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(preview_module, "watch_loop", saved_first)
    preview = Preview(content, port=0, log=io.StringIO())
    try:
        preview.start()
        url = f"{preview.url}claims/open-weights/"

        def shown() -> bool:
            with urllib.request.urlopen(url, timeout=10) as response:
                return "Weights may be open." in response.read().decode("utf-8")

        until(shown, "the save made before the watch began never showed")
    finally:
        preview.close()
