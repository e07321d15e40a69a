"""Two builds of the same content are byte-identical, whatever the machine around them.

The golden content is written out in a different order each time (file creation order decides
the order some file systems list a folder in), with different modification times, and built by
the real command in a fresh process under a different hash seed, time zone, locale, working
folder and number of workers. Every file of every build must be the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from .golden import CONTENT

RUNS = [
    # (PYTHONHASHSEED, TZ, LANG, DEBATEMAP_WORKERS, creation order, where the command runs)
    ("0", "UTC", "C.UTF-8", "", "sorted", "parent"),
    ("4242", "Pacific/Kiritimati", "tr_TR.UTF-8", "1", "reversed", "content"),
    ("random", "America/St_Johns", "de_DE.UTF-8", "2", "shuffled", "root"),
    ("1", "Asia/Kolkata", "ja_JP.UTF-8", "", "shuffled", "elsewhere"),
]


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def copy_in_order(target: Path, order: str, rng: random.Random) -> Path:
    files = sorted(p for p in CONTENT.rglob("*") if p.is_file())
    if order == "reversed":
        files.reverse()
    elif order == "shuffled":
        rng.shuffle(files)
    for index, source in enumerate(files):
        path = target / source.relative_to(CONTENT)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.read_bytes())
        stamp = 1_000_000_000 + rng.randrange(10**8) + index
        os.utime(path, (stamp, stamp))
    return target


@pytest.mark.parametrize("run", range(len(RUNS)))
def test_builds_are_byte_identical_under_any_seed_zone_locale_folder_and_file_order(
    run: int, tmp_path: Path, reference: dict[str, str]
) -> None:
    seed, zone, lang, workers, order, where = RUNS[run]
    base = tmp_path / f"run{run}"
    content = copy_in_order(base / "content", order, random.Random(run))
    (base / "elsewhere").mkdir()
    out = base / "site"
    cwd, args = {
        "parent": (base, ["content", "--out", "site"]),
        "content": (content, [".", "--out", "../site"]),
        "root": (Path("/"), [str(content), "--out", str(out)]),
        "elsewhere": (base / "elsewhere", ["../content", "--out", "../site"]),
    }[where]
    env = {key: value for key, value in os.environ.items() if key not in ("DEBATEMAP_WORKERS", "LC_ALL", "SOURCE_DATE_EPOCH")}
    env.update({"PYTHONHASHSEED": seed, "TZ": zone, "LANG": lang, "LC_ALL": lang})
    if workers:
        env["DEBATEMAP_WORKERS"] = workers
    done = subprocess.run(
        [sys.executable, "-m", "debatemap", "build", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    built = tree_digest(out)
    assert sorted(built) == sorted(reference)
    assert [name for name in reference if built[name] != reference[name]] == []


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The golden content built in this process, in the usual way."""
    from debatemap.build import build  # noqa: PLC0415

    out = tmp_path_factory.mktemp("reference") / "site"
    build(CONTENT, out)
    return tree_digest(out)
