"""A wheel carries every package and every theme file, so an install outside the repo works."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_under_generator_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(init.parent.relative_to(REPO / "generator").parts)
        for init in (REPO / "generator").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    listed = set(SETUPTOOLS["packages"]) - {"debatemap._themes"}
    assert found == listed


def test_every_theme_file_matches_the_wheels_package_data() -> None:
    patterns = SETUPTOOLS["package-data"]["debatemap._themes"]
    themes = REPO / "themes"
    files = [p.relative_to(themes).as_posix() for p in themes.rglob("*") if p.is_file()]
    # setuptools globs do not cross '/' with '*', like fnmatch on each path depth here.
    unmatched = [f for f in files if not any(fnmatch.fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)]
    assert files
    assert unmatched == []


def test_the_mkdocs_extra_keeps_mkdocs_below_2_which_has_no_plugins() -> None:
    """MkDocs 2.0 (announced) removes the plugin system; without a cap, `debatemap[mkdocs]` would
    install it as soon as it is released, and the plugin would stop loading."""
    from packaging.requirements import Requirement  # noqa: PLC0415 - a dependency of mkdocs, so in every test install

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra in ("mkdocs", "test"):
        (mkdocs,) = [Requirement(r) for r in extras[extra] if Requirement(r).name == "mkdocs"]
        assert mkdocs.specifier.contains("1.6.1") and not mkdocs.specifier.contains("2.0.0"), extra
