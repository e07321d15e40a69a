"""Templates from the content folder run no code and read nothing outside it (review D2).

A curator who previews a contributor's branch renders the contributor's templates: they render
in a sandbox, their folders must be inside the content folder, and `check` lists them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jinja2 import TemplateError

from debatemap.cli import main
from debatemap.pipeline import load_site
from debatemap.render.renderer import Renderer
from debatemap.render.routes import Route
from debatemap.render.theme import REPO_THEMES

from .golden import CONTENT as GOLDEN
from .golden import EXPECTED, read_tree
from .helpers import minimal_site

BASE = (REPO_THEMES / "default" / "templates" / "base.html").read_text(encoding="utf-8")

GADGETS = [
    # The review's payload, and the other ways out of Jinja2 that are known.
    '{{ lipsum.__globals__["os"].popen("touch PWNED").read() }}',
    '{{ lipsum|attr("__globals__") }}',
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED') }}",
    "{{ joiner.__init__.__globals__.os.popen('touch PWNED') }}",
    "{{ namespace.__init__.__globals__.os.popen('touch PWNED') }}",
    "{{ range.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ self.__init__.__globals__ }}",
    '{{ url.__globals__["os"].system("touch PWNED") }}',
    "{{ url.__closure__ }}",
    "{{ claim_url.__module__ }}",
    "{{ config.__class__.__init__.__globals__ }}",
    '{{ "{0.__class__.__init__.__globals__}".format(site) }}',
    '{{ "{x.__class__}".format_map({"x": site}) }}',
    # The model reaches the file system: a sandbox that only hides '_' names lets these through.
    '{{ site.root.parent.joinpath("PWNED").write_text("x") }}',
    '{{ (site.root / "site.yaml").read_text() }}',
    '{{ site|attr("root") }}',
    '{{ site["root"] }}',
    "{{ [site]|map(attribute='root')|list }}",
    # Mutating the model would change the pages rendered after this one.
    "{{ site.claims.clear() }}",
    '{% set claims = site.claims %}{{ claims.pop("open-weights") }}',
    "{{ nav.append(1) }}",
    # Files outside the template folders.
    '{% include "/etc/hostname" %}',
    '{% include "../../../../../../etc/hostname" %}',
    '{% include "../site.yaml" %}',
]


@pytest.fixture
def renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Renderer:
    """The helper site with a theme_dir, rendered through the sandbox, working in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    root = minimal_site(tmp_path / "content", {"overrides/claim.html": '{% extends "base.html" %}'})
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    checked = load_site(root)
    assert checked.ok and checked.theme is not None
    made = Renderer(checked.site, checked.theme)
    assert made.sandbox is not None
    return made


@pytest.mark.parametrize("gadget", GADGETS)
def test_a_content_template_cannot_run_code_read_files_or_change_the_model(
    renderer: Renderer, gadget: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[Any] = []
    monkeypatch.setattr(os, "popen", lambda *a, **k: ran.append(a))
    monkeypatch.setattr(os, "system", lambda *a, **k: ran.append(a))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: ran.append(a))
    assert renderer.sandbox is not None
    context = renderer.contexts.context(Route("claims/open-weights/", "claim", "open-weights"))
    claims = dict(renderer.site.claims)
    try:
        output = renderer.sandbox.from_string(gadget).render(context)
    except TemplateError:
        output = ""
    assert ran == [], "the template ran a command"
    assert not list(tmp_path.rglob("PWNED")), "the template wrote a file"
    assert dict(renderer.site.claims) == claims, "the template changed the model"
    for leaked in ("globals", "<class", "builtins", "Test site", str(tmp_path), "open-weights"):
        assert leaked not in output
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else ""
    assert len(hostname) < 4 or hostname not in output


def test_the_reviews_payload_fails_the_build_with_the_template_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_site(
        tmp_path / "content",
        {"overrides/base.html": BASE.replace("</body>", '<pre>{{ lipsum.__globals__["os"].popen("id").read() }}</pre></body>')},
    )
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    code = main(["build", str(root), "--out", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 1
    assert "overrides/base.html:" in err and "__globals__" in err and "unsafe" in err
    assert not (tmp_path / "site").exists()


def test_the_installed_theme_renders_byte_for_byte_the_same_inside_the_sandbox(tmp_path: Path) -> None:
    """An override of base.html (a copy) puts every page in the sandbox: the golden site must not change."""
    content = tmp_path / "content"
    shutil.copytree(GOLDEN, content)
    (content / "overrides").mkdir()
    (content / "overrides" / "base.html").write_text(BASE, encoding="utf-8")
    with (content / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    assert main(["build", str(content), "--out", str(tmp_path / "site")]) == 0
    assert read_tree(tmp_path / "site") == read_tree(EXPECTED)


def test_pages_whose_templates_are_all_installed_ones_render_outside_the_sandbox(renderer: Renderer) -> None:
    assert renderer.template("claim").environment is renderer.sandbox, "claim.html is overridden"
    assert renderer.template("home").environment is renderer.env
    assert renderer.template("map").environment is renderer.env


def test_an_override_of_an_imported_template_sandboxes_every_page_that_imports_it(tmp_path: Path) -> None:
    macros = (REPO_THEMES / "default" / "templates" / "macros.html").read_text(encoding="utf-8")
    root = minimal_site(tmp_path / "content", {"overrides/macros.html": macros})
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    checked = load_site(root)
    assert checked.theme is not None
    made = Renderer(checked.site, checked.theme)
    assert made.template("map").environment is made.sandbox
    assert made.template("robots").environment is made.env


def test_a_link_in_the_override_folder_to_a_file_outside_is_not_used(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("TOP SECRET {{ 6 * 7 }}")
    root = minimal_site(tmp_path / "content")
    (root / "overrides").mkdir()
    (root / "overrides" / "base.html").symlink_to(secret)
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    assert main(["build", str(root), "--out", str(tmp_path / "site")]) == 0
    assert not any(b"TOP SECRET" in p.read_bytes() or p.read_bytes() == b"42" for p in (tmp_path / "site").rglob("*.html"))


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("theme_dir: /", "theme_dir '/' is an absolute path"),
        ("theme_dir: /etc", "theme_dir '/etc' is an absolute path"),
        ("theme_dir: ~/templates", "theme_dir '~/templates' is an absolute path"),
        ("theme_dir: ../../../outside", "theme_dir '../../../outside' leads out of the content folder"),
        ("theme_dir: overrides/../..", "theme_dir 'overrides/../..' leads out of the content folder"),
        ("theme_dir: 'C:\\templates'", "theme_dir 'C:\\templates' is an absolute path"),
        ("theme_dir: .", "theme_dir '.' is the content folder itself"),
        ("theme_dir: linked", "theme_dir 'linked' is a link to outside the content folder"),
        ("theme_dir: nowhere", "theme_dir 'nowhere' is not a folder"),
        ("theme_dir: site.yaml", "theme_dir 'site.yaml' is not a folder"),
        ("theme: ../mytheme", "theme '../mytheme' leads out of the content folder"),
        ("theme: /srv/themes/x", "theme '/srv/themes/x' is an absolute path"),
        ("theme: ./linked", "theme './linked' is a link to outside the content folder"),
        ("theme: nosuch", "there is no installed theme 'nosuch'"),
    ],
)
def test_theme_paths_must_stay_inside_the_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "outside" / "templates").mkdir(parents=True)
    root = minimal_site(Path("content"))
    (root / "linked").symlink_to(tmp_path / "outside")
    with (root / "site.yaml").open("a") as stream:
        stream.write(setting + "\n")
    assert main(["check", "content"]) == 1
    out = capsys.readouterr().out
    column = setting.index(":") + 3  # the value, after "key: " on the line appended to site.yaml (line 5)
    assert f"content/site.yaml:5:{column}: error[theme]: {message}" in out.splitlines()
    assert main(["build", "content", "--out", "site"]) == 1
    assert not Path("site").exists()


def test_check_lists_the_templates_from_the_content_folder_and_their_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    root = minimal_site(
        Path("content"),
        {
            "overrides/claim.html": '{% extends "base.html" %}\n{% block main %}{{ claim.text }{% endblock %}\n',
            "overrides/partials/note.html": "Note",
        },
    )
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    assert main(["check", "content"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("content/overrides/claim.html:2:1: error[theme]: template error: unexpected '}'")
    listed = "content/overrides/claim.html, content/overrides/partials/note.html"
    assert f"Templates from the content folder (rendered in the sandbox): {listed}" in lines
    assert main(["check", "content", "--format", "json"]) == 1
    assert '"templates": [' in capsys.readouterr().out


def test_a_site_without_templates_of_its_own_lists_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    minimal_site(Path("content"))
    assert main(["check", "content"]) == 0
    assert "Templates" not in capsys.readouterr().out


def test_a_theme_of_the_sites_own_renders_sandboxed(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content")
    shutil.copytree(REPO_THEMES / "default", root / "themes" / "mine")
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme: ./themes/mine\n")
    checked = load_site(root)
    assert checked.ok and checked.theme is not None
    made = Renderer(checked.site, checked.theme)
    assert made.sandbox is None and made.env.sandboxed  # type: ignore[attr-defined]
    assert main(["build", str(root), "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "assets" / "style.css").is_file()


def test_a_template_that_includes_itself_fails_the_build_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_site(tmp_path / "content", {"overrides/claim.html": '{% include "claim.html" %}'})
    with (root / "site.yaml").open("a") as stream:
        stream.write("theme_dir: overrides\n")
    assert main(["build", str(root), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "overrides/claim.html:1 failed on claims/" in err and "includes or calls itself without end" in err
