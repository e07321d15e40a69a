"""Find a theme's templates and static files, with a site's own override folder first.

Templates are code, and where they come from decides how far they are trusted. The themes
installed with debatemap are trusted and render as they are. A site's own templates (its
``theme_dir``, or a theme given as a path) come from the content folder, which strangers change
through pull requests: they must be folders inside the content folder (never ``..``, an absolute
path or a link out of it), and they render in a sandbox (``sandbox.py``). A bare theme name
only ever means an installed theme.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from .. import rules
from ..diagnostics import Diagnostic, Position, UsageError
from ..model import SiteConfig
from ..static import StaticFile, static_files
from ..text_files import display_path

PACKAGE_THEMES = Path(__file__).resolve().parent.parent / "_themes"
"""Where a wheel install carries the bundled themes."""
REPO_THEMES = Path(__file__).resolve().parents[3] / "themes"
"""Where they live in a checkout (editable installs and running from the repository)."""

MAX_ASSET_BYTES = 5 * 1024 * 1024
MAX_THEME_FILES = 5000
"""More files than this in a theme's folders is a mistake (a theme_dir naming a big folder)."""


class ThemeSettingError(UsageError):
    """``theme`` or ``theme_dir`` in site.yaml names no usable folder; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(f"{diagnostic.position}: {diagnostic.message}")
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    template_dirs: tuple[Path, ...]
    """Searched in order: the site's `theme_dir` first, then the theme."""
    static_dir: Path | None
    files: tuple[Path, ...]
    """Every template and static file, for the watcher and for change detection."""
    content_dirs: tuple[Path, ...] = ()
    """The template folders that come from the content folder: their templates render sandboxed."""
    site_static: tuple[StaticFile, ...] = ()
    """The content's static/ files, copied into the site as they are (``static.py``). Part of the
    theme because, like it, they are files besides the model that a build publishes."""

    @property
    def trusted_dirs(self) -> tuple[Path, ...]:
        """The installed theme's template folders, which render without the sandbox."""
        return tuple(d for d in self.template_dirs if d not in self.content_dirs)

    def overrides(self) -> list[Path]:
        """The template files that come from the content folder, as `check` lists them."""
        return [f for f in self.files if any(f.is_relative_to(d) for d in self.content_dirs)]

    def assets(self) -> dict[str, bytes]:
        """Static files by output path under assets/, read once per build."""
        if self.static_dir is None:
            return {}
        out: dict[str, bytes] = {}
        for path in walk(self.static_dir):
            if not path.name.startswith("."):
                data = path.read_bytes()
                if len(data) <= MAX_ASSET_BYTES:
                    out["assets/" + path.relative_to(self.static_dir).as_posix()] = data
        return out

    def fingerprint(self, assets: dict[str, bytes]) -> dict[str, str]:
        """Asset path -> a short content hash, appended as ?v= so browsers never use a stale copy."""
        return {path: hashlib.sha256(data).hexdigest()[:10] for path, data in assets.items()}


def walk(folder: Path) -> list[Path]:
    """The regular files under ``folder``, sorted; links and special files are left out.

    Links are not followed, so a link in a theme cannot publish a file from elsewhere, and a
    link loop cannot make the walk endless.
    """
    found: list[Path] = []
    todo = [folder]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    todo.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
        if len(found) > MAX_THEME_FILES:
            raise UsageError(f"{display_path(folder)} holds more than {MAX_THEME_FILES} files: is it really a theme folder?")
    return sorted(found)


def find_theme(config: SiteConfig, content_root: Path) -> Theme:
    """The theme ``config`` names; ThemeSettingError (positioned in site.yaml) when it is unusable."""
    root = Path(os.path.realpath(content_root))
    name = config.theme
    theme_pos = config.theme_pos or Position(config.pos.path, 0, 0)
    trusted = not _is_path(name)
    if trusted:
        found = next((c for c in (REPO_THEMES / name, PACKAGE_THEMES / name) if (c / "templates").is_dir()), None)
        if found is None:
            installed = sorted({p.name for d in (REPO_THEMES, PACKAGE_THEMES) if d.is_dir() for p in d.iterdir() if p.is_dir()})
            raise ThemeSettingError(
                rules.THEME.at(
                    theme_pos,
                    f"there is no installed theme '{name}'",
                    hint=f"installed: {', '.join(installed)}; a theme of your own is a path inside the content "
                    f"folder, such as ./themes/{name}",
                )
            )
        base = found
    else:
        base = _folder_inside(root, name, "theme", theme_pos)
    templates = base / "templates"
    if not trusted:
        templates = _folder_inside(root, f"{name.rstrip('/')}/templates", "theme", theme_pos)
    dirs: list[Path] = []
    if config.theme_dir:
        dirs.append(_folder_inside(root, config.theme_dir, "theme_dir", config.theme_dir_pos or Position(config.pos.path, 0, 0)))
    dirs.append(templates)
    content_dirs = tuple(dirs if not trusted else dirs[:-1])
    static: Path | None = base / "static" if (base / "static").is_dir() and not (base / "static").is_symlink() else None
    try:
        files = [p for d in dirs for p in walk(d)] + (walk(static) if static else [])
    except (OSError, UsageError) as exc:
        problem = f"{exc.strerror} ({exc.filename})" if isinstance(exc, OSError) and exc.strerror else str(exc)
        setting_pos = config.theme_dir_pos if config.theme_dir else theme_pos
        raise ThemeSettingError(rules.THEME.at(setting_pos or theme_pos, f"cannot read the theme's files: {problem}")) from None
    site_static = tuple(static_files(root)[0])
    files += [item.path for item in site_static]
    return Theme(name, tuple(dirs), static, tuple(files), content_dirs, site_static)


def _is_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith((".", "~")) or bool(PureWindowsPath(name).drive)


def _folder_inside(root: Path, value: str, setting: str, pos: Position) -> Path:
    """The folder ``value`` names, relative to the content folder; refused if it leaves it."""

    def refuse(problem: str, hint: str) -> ThemeSettingError:
        return ThemeSettingError(rules.THEME.at(pos, f"{setting} '{value}' {problem}", hint=hint))

    example = "theme-overrides" if setting == "theme_dir" else "./themes/mine"
    inside_hint = f"name a folder inside the content folder, relative to it, such as {example}"
    written = PurePosixPath(value.replace("\\", "/"))
    if written.is_absolute() or value.startswith("~") or PureWindowsPath(value).drive:
        raise refuse("is an absolute path", inside_hint)
    if ".." in written.parts:
        raise refuse("leads out of the content folder", inside_hint)
    target = Path(os.path.realpath(root.joinpath(*written.parts)))
    if target == root or not target.is_relative_to(root):
        raise refuse("is the content folder itself" if target == root else "is a link to outside the content folder", inside_hint)
    try:
        is_folder = stat.S_ISDIR(target.stat().st_mode)
    except OSError:
        is_folder = False
    if not is_folder:
        raise refuse("is not a folder", "create it, or remove the setting from site.yaml")
    return target
