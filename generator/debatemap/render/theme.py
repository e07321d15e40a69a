"""Find a theme's templates and static files, with a site's own override folder first."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import UsageError
from ..model import SiteConfig

PACKAGE_THEMES = Path(__file__).resolve().parent.parent / "_themes"
"""Where a wheel install carries the bundled themes."""
REPO_THEMES = Path(__file__).resolve().parents[3] / "themes"
"""Where they live in a checkout (editable installs and running from the repository)."""

MAX_ASSET_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    template_dirs: tuple[Path, ...]
    """Searched in order: the site's `theme_dir` first, then the theme."""
    static_dir: Path | None
    files: tuple[Path, ...]
    """Every template and static file, for the watcher and for change detection."""

    def assets(self) -> dict[str, bytes]:
        """Static files by output path under assets/, read once per build."""
        if self.static_dir is None:
            return {}
        out: dict[str, bytes] = {}
        for path in sorted(self.static_dir.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and not path.is_symlink():
                data = path.read_bytes()
                if len(data) <= MAX_ASSET_BYTES:
                    out["assets/" + path.relative_to(self.static_dir).as_posix()] = data
        return out

    def fingerprint(self, assets: dict[str, bytes]) -> dict[str, str]:
        """Asset path -> a short content hash, appended as ?v= so browsers never use a stale copy."""
        return {path: hashlib.sha256(data).hexdigest()[:10] for path, data in assets.items()}


def find_theme(config: SiteConfig, content_root: Path) -> Theme:
    name = config.theme
    candidates: list[Path]
    if "/" in name or name.startswith("."):
        candidates = [(content_root / name).resolve()]
    else:
        candidates = [content_root.resolve().parent / "themes" / name, REPO_THEMES / name, PACKAGE_THEMES / name]
    base = next((c for c in candidates if (c / "templates").is_dir()), None)
    if base is None:
        raise UsageError(f"theme '{name}' not found (looked in {', '.join(str(c) for c in candidates)})")
    dirs: list[Path] = []
    if config.theme_dir:
        override = (content_root / config.theme_dir).resolve()
        if not override.is_dir():
            raise UsageError(f"theme_dir '{config.theme_dir}' in site.yaml is not a folder")
        dirs.append(override)
    dirs.append(base / "templates")
    static = base / "static"
    files = [p for d in dirs for p in sorted(d.rglob("*")) if p.is_file()]
    if static.is_dir():
        files += [p for p in sorted(static.rglob("*")) if p.is_file()]
    return Theme(name, tuple(dirs), static if static.is_dir() else None, tuple(files))
