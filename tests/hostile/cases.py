"""The hostile content trees and the verdict each must get.

A case adds files to (or takes them from) the helper site, a one-map site that passes
``check --strict``. Its verdict is either ``refused``: `debatemap build` exits 1 and prints at
least these diagnostics, each at this exact file, line and column; or ``builds``: it exits 0
(warnings allowed, as listed) and no built file holds anything live. Files the cases write are
given whole, so the positions can be read off the text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..scanner import EVALUATED
from ..test_escaping import MAP as XSS_MAP
from ..test_escaping import MARKDOWN as XSS_MARKDOWN
from ..test_escaping import PAGE as XSS_PAGE
from ..test_escaping import SITE as XSS_SITE
from ..test_escaping import SOURCE as XSS_SOURCE


@dataclass(frozen=True)
class Folder:
    """A folder at this path."""


@dataclass(frozen=True)
class Fifo:
    """A named pipe at this path."""


@dataclass(frozen=True)
class Link:
    """A symbolic link at this path to ``target`` (relative to the link's folder, or absolute)."""

    target: str


@dataclass(frozen=True)
class Outside:
    """A file outside the content folder (in ``outside/``), and a link to it at this path."""

    text: str


Spec = str | bytes | Folder | Fifo | Link | Outside | None
"""Text or bytes to write, a folder, a pipe, a link, or None to delete the helper site's file."""


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, Spec]
    refused: tuple[tuple[str, str], ...] = ()
    """(code, position) pairs the build must print; empty for a case that builds."""
    warnings: tuple[tuple[str, str], ...] = ()
    """For a case that builds: the warnings it prints, exactly."""
    render_error: str = ""
    """For a case whose content checks but whose template the sandbox stops: words of the error."""
    seconds: float = 30
    command: str = "build"
    """`build`, or `check` for a case too large to build in a test (the benchmarks build it)."""
    setup: Callable[[Path], None] | None = None
    """Makes content no literal can (a generated corpus); gets the content folder."""
    expect: Callable[[Path], None] | None = None
    """Further checks on the built site (gets the output folder)."""
    static: frozenset[str] = field(default_factory=frozenset)
    """Output paths copied from static/, which the scanner leaves alone."""
    markers: tuple[str, ...] = EVALUATED
    """What evaluated template syntax in this case's content would leave in a page."""


M = "content/maps/case.yaml"
S = "content/sources/case.yaml"
P = "content/pages/case.md"
SITE_YAML = "content/site.yaml"


def case_map(body: str = "", *, thesis: str = "case-thesis") -> str:
    """A valid map (14 lines) whose thesis has one pro and one con; ``body`` is appended."""
    return f"""\
title: A case
updated: 2024-08-01
thesis:
  id: {thesis}
  claim: The case thesis.
  sources: [{{source: report}}]
  pros:
    - id: case-pro
      claim: A pro.
      sources: [{{source: report}}]
  cons:
    - id: case-con
      claim: A con.
      sources: [{{source: report}}]
{body}"""


ALIAS_BOMB = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)
XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 1234+5 }}'
LIPSUM = '{{ lipsum.__globals__["os"].popen("id").read() }}'
BASE_OVERRIDE = '{% extends "base.html" %}{% block main %}GADGET{% endblock %}'


def _generated(claims: int, maps: int) -> Callable[[Path], None]:
    """Replace the helper site's maps and sources with a synthetic corpus of this size."""

    def setup(content: Path) -> None:
        from ..test_benchmarks import load_module  # noqa: PLC0415

        corpus = load_module("corpus")
        made = corpus.generate(content.parent / "generated", claims, maps=maps)
        for folder in ("maps", "sources"):
            for old in (content / folder).iterdir():
                old.unlink()
            for new in (made / folder).iterdir():
                new.rename(content / folder / new.name)

    return setup


def _maps_loop(content: Path) -> None:
    """maps/ as a link to itself."""
    for path in (content / "maps").iterdir():
        path.unlink()
    (content / "maps").rmdir()
    (content / "maps").symlink_to("maps")


def _has(path: str, *needles: bytes) -> Callable[[Path], None]:
    def expect(out: Path) -> None:
        data = (out / path).read_bytes()
        for needle in needles:
            assert needle in data, f"{path} lacks {needle!r}"

    return expect


def _lacks(path: str, *needles: bytes) -> Callable[[Path], None]:
    def expect(out: Path) -> None:
        data = (out / path).read_bytes()
        for needle in needles:
            assert needle not in data, f"{path} holds {needle!r}"

    return expect


CASES: list[Case] = [
    # --- YAML that is more than data -----------------------------------------------------------
    Case("alias-bomb", {"maps/case.yaml": ALIAS_BOMB}, refused=(("yaml-alias", f"{M}:1:4"), ("yaml-alias", f"{M}:2:8"))),
    Case("merge-key", {"maps/case.yaml": "base: {title: x}\nthesis:\n  <<: {id: a}\n"}, refused=(("yaml-alias", f"{M}:3:3"),)),
    Case(
        "python-tag",
        {"maps/case.yaml": "title: !!python/object/apply:os.system ['touch PWNED']\nupdated: 2024-08-01\n"},
        refused=(("yaml-tag", f"{M}:1:8"),),
    ),
    Case(
        "python-name-tag",
        {"sources/case.yaml": "title: !!python/name:os.system\nurl: https://x.org/\n"},
        refused=(("yaml-tag", f"{S}:1:8"),),
    ),
    Case(
        "custom-tag",
        {"sources/case.yaml": "title: !include /etc/passwd\nurl: https://x.org/\n"},
        refused=(("yaml-tag", f"{S}:1:8"),),
    ),
    Case(
        "binary-tag",
        {"sources/case.yaml": "title: !!binary aGVsbG8=\nurl: https://x.org/\n"},
        refused=(("yaml-tag", f"{S}:1:8"),),
    ),
    Case(
        "second-document",
        {"sources/case.yaml": "title: A\nurl: https://x.org/\n---\ntitle: B\n"},
        refused=(("multiple-documents", f"{S}:3:1"),),
    ),
    Case("duplicate-keys", {"maps/case.yaml": case_map("updated: 2025-01-01\n")}, refused=(("duplicate-key", f"{M}:15:1"),)),
    Case(
        "deep-brackets",
        {"sources/case.yaml": "title: A\nurl: https://x.org/\ntags: " + "[" * 150 + "]" * 150 + "\n"},
        refused=(("too-deep", f"{S}:3:106"),),
    ),
    # --- wrong types and YAML 1.1 surprises -----------------------------------------------------
    Case(
        "wrong-types",
        {
            "maps/case.yaml": case_map()
            .replace("  pros:\n", "  tags: {a: b}\n  pros:\n")
            .replace("title: A case", "title: [A, case]")
        },
        refused=(("wrong-type", f"{M}:1:8"), ("wrong-type", f"{M}:7:9")),
    ),
    Case(
        "yaml11-boolean-id",
        {"maps/case.yaml": case_map().replace("id: case-pro", "id: no")},
        refused=(("wrong-type", f"{M}:8:11"),),
    ),
    Case(
        "yaml11-number-id",
        {"maps/case.yaml": case_map().replace("id: case-con", "id: 012")},
        refused=(("wrong-type", f"{M}:12:11"),),
    ),
    Case(
        "yaml11-float-id",
        {"maps/case.yaml": case_map().replace("id: case-thesis", "id: 1.10")},
        refused=(("wrong-type", f"{M}:4:7"),),
    ),
    Case(
        "null-title", {"maps/case.yaml": case_map().replace("title: A case", "title: ~")}, refused=(("empty-value", f"{M}:1:8"),)
    ),
    # --- syntax, with the exact line ------------------------------------------------------------
    Case(
        "tab-indent",
        {"maps/case.yaml": case_map().replace("  cons:\n    - id", "  cons:\n\t- id")},
        refused=(("yaml-syntax", f"{M}:12:1"),),
    ),
    Case("unclosed-bracket", {"maps/case.yaml": case_map("tags: [one, two\n")}, refused=(("yaml-syntax", f"{M}:16:1"),)),
    Case(
        "unclosed-quote",
        {"maps/case.yaml": case_map('summary: "A summary\n\nthat never ends\n')},
        refused=(("yaml-syntax", f"{M}:15:10"),),
    ),
    Case(
        "colon-in-text",
        {"maps/case.yaml": case_map().replace("claim: A pro.", "claim: Note: a pro.")},
        refused=(("yaml-syntax", f"{M}:9:18"),),
    ),
    Case(
        "unknown-keys",
        {"maps/case.yaml": case_map().replace("  claim: The case", "  clam: The case")},
        refused=(("unknown-key", f"{M}:5:3"),),
    ),
    Case(
        "front-matter-unclosed",
        {"pages/case.md": "---\ntitle: Case\nBody without the closing line.\n"},
        refused=(("front-matter", f"{P}:1:1"),),
    ),
    # --- the graph: cycles, missing and colliding ids ---------------------------------------------
    Case(
        "ref-cycle",
        {
            "maps/case.yaml": case_map().replace(
                "      claim: A pro.\n", "      claim: A pro.\n      pros:\n        - ref: case-thesis\n"
            )
        },
        refused=(("cycle", f"{M}:11:16"),),
    ),
    Case(
        "missing-ref",
        {"maps/case.yaml": case_map("").replace("  cons:\n", "  cons:\n    - ref: no-such-claim\n")},
        refused=(("unknown-ref", f"{M}:12:12"),),
    ),
    Case(
        "missing-source",
        {"maps/case.yaml": case_map().replace("[{source: report}]\n  pros", "[{source: nowhere}]\n  pros")},
        refused=(("unknown-source", f"{M}:6:22"),),
    ),
    Case(
        "duplicate-claim-id",
        {"maps/case.yaml": case_map().replace("id: case-con", "id: misuse-risk")},
        refused=(("duplicate-id", "content/maps/open.yaml:16:11"),),
    ),
    Case("case-colliding-file", {"maps/Open.yaml": case_map()}, refused=(("invalid-id", "content/maps/Open.yaml"),)),
    Case(
        "uppercase-id",
        {"maps/case.yaml": case_map().replace("id: case-pro", "id: Case-Pro")},
        refused=(("invalid-id", f"{M}:8:11"),),
    ),
    Case(
        "look-alike-id",
        {"maps/case.yaml": case_map().replace("id: case-pro", "id: \u0441ase-pro")},
        refused=(("invalid-id", f"{M}:8:11"),),
    ),
    Case(
        "look-alike-ref",
        {"maps/case.yaml": case_map().replace("  cons:\n", "  cons:\n    - ref: misuse-r\u0456sk\n")},
        refused=(("invalid-id", f"{M}:12:12"),),
    ),
    Case(
        "path-traversal-ids",
        {"maps/case.yaml": case_map().replace("id: case-pro", "id: ../../etc/passwd")},
        refused=(("invalid-id", f"{M}:8:11"),),
    ),
    Case(
        "path-traversal-source",
        {"maps/case.yaml": case_map().replace("[{source: report}]\n  pros", "[{source: ../../../etc/passwd}]\n  pros")},
        refused=(("invalid-id", f"{M}:6:22"),),
    ),
    Case(
        "absolute-id",
        {"maps/case.yaml": case_map().replace("id: case-con", "id: /etc/passwd")},
        refused=(("invalid-id", f"{M}:12:11"),),
    ),
    Case(
        "windows-reserved-ids",
        {"maps/case.yaml": case_map().replace("id: case-pro", "id: con"), "sources/aux.yaml": "title: A\nurl: https://x.org/\n"},
        refused=(("invalid-id", f"{M}:8:11"), ("invalid-id", "content/sources/aux.yaml")),
    ),
    Case(
        "over-long-id",
        {"maps/case.yaml": case_map().replace("id: case-pro", "id: " + "a" * 81)},
        refused=(("invalid-id", f"{M}:8:11"),),
    ),
    Case(
        "ids-colliding-with-site-files",
        {
            "pages/search.md": "---\ntitle: S\n---\n",
            "sources/by-title.yaml": "title: A\nurl: https://x.org/\n",
            "maps/page.yaml": case_map(),
            "maps/index.yaml": case_map(thesis="other-thesis"),
        },
        refused=(
            ("invalid-id", "content/pages/search.md"),
            ("invalid-id", "content/sources/by-title.yaml"),
            ("invalid-id", "content/maps/page.yaml"),
            ("invalid-id", "content/maps/index.yaml"),
        ),
    ),
    # --- text that must stay text ------------------------------------------------------------------
    Case(
        "xss-in-every-text-field",
        {"site.yaml": XSS_SITE, "maps/open.yaml": XSS_MAP, "sources/report.yaml": XSS_SOURCE, "pages/about.md": XSS_PAGE},
        expect=_has("claims/open-weights/index.html", b"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        markers=(*EVALUATED, "1239"),
    ),
    Case(
        "markdown-raw-html-and-bad-schemes",
        {
            "pages/case.md": "---\ntitle: Case\n---\n"
            + XSS_MARKDOWN
            + "\n<a href='vbscript:msgbox(1)'>v</a> [d](data:text/html,<script>x</script>) [f](file:///etc/passwd)\n"
        },
        expect=_lacks("case/index.html", b'href="vbscript', b'href="data:', b'href="file:', b'href="javascript'),
    ),
    Case(
        "template-syntax-in-content",
        {
            "maps/case.yaml": case_map().replace(
                "claim: A pro.", 'claim: \'{{ "QQ" ~ "ZZ" }} {% include "/etc/passwd" %} {{ lipsum }}\''
            )
        },
        expect=_has("claims/case-pro/index.html", b"{{ &#34;QQ&#34; ~ &#34;ZZ&#34; }}"),
    ),
    Case(
        "source-urls",
        {
            "sources/case.yaml": "title: A\nurl: 'javascript:alert(1)'\narchived: 'data:text/html,x'\n",
            "sources/case2.yaml": "title: B\nurl: 'http://exa mple.org/'\n",
            "sources/case3.yaml": "title: C\nurl: ftp://example.org/file\n",
            "sources/case4.yaml": "title: D\nurl: //example.org/x\n",
        },
        refused=(
            ("invalid-url", f"{S}:2:6"),
            ("invalid-url", f"{S}:3:11"),
            ("invalid-url", "content/sources/case2.yaml:2:6"),
            ("invalid-url", "content/sources/case3.yaml:2:6"),
            ("invalid-url", "content/sources/case4.yaml:2:6"),
        ),
    ),
    Case("nul-byte", {"sources/case.yaml": "title: A\x00B\nurl: https://x.org/\n"}, refused=(("control-character", f"{S}:1:9"),)),
    Case(
        "terminal-escape",
        {"sources/case.yaml": "title: A\x1b[31mred\nurl: https://x.org/\n"},
        refused=(("control-character", f"{S}:1:9"),),
    ),
    Case(
        "escaped-terminal-escape",
        {"sources/case.yaml": 'title: "A\\e[2J\\x1b]0;pwned\\x07"\nurl: https://x.org/\n'},
        refused=(("control-character", f"{S}:1:8"),),
    ),
    Case(
        "bidi-override",
        {"maps/case.yaml": case_map().replace("claim: A pro.", "claim: A \u202epro\u202c.")},
        warnings=(("bidi-control", f"{M}:9:16"),),
    ),
    Case(
        "line-separators",
        {"maps/case.yaml": case_map().replace("claim: A pro.", "claim: A\u2028pro\u2029here.")},
        expect=_has("claims/case-pro/index.html", b"A pro here."),
    ),
    # --- encodings and line ends --------------------------------------------------------------------
    Case(
        "latin-1",
        {"sources/case.yaml": "title: Caf\u00e9\nurl: https://x.org/\n".encode("latin-1")},
        refused=(("encoding", f"{S}:1:11"),),
    ),
    Case(
        "utf-16", {"sources/case.yaml": "title: A\nurl: https://x.org/\n".encode("utf-16")}, refused=(("encoding", f"{S}:1:1"),)
    ),
    Case("utf-8-bom", {"maps/case.yaml": b"\xef\xbb\xbf" + case_map().encode()}),
    Case("crlf", {"maps/case.yaml": case_map().replace("\n", "\r\n").encode()}),
    Case("cr-only", {"maps/case.yaml": case_map().replace("\n", "\r").encode()}),
    Case(
        "crlf-error-line",
        {"maps/case.yaml": case_map().replace("id: case-con", "id: Case-Con").replace("\n", "\r\n").encode()},
        refused=(("invalid-id", f"{M}:12:11"),),
    ),
    Case("empty-file", {"maps/case.yaml": ""}, refused=(("empty-value", f"{M}:1:1"),)),
    Case("comments-only", {"sources/case.yaml": "# nothing here\n# at all\n"}, refused=(("empty-value", f"{S}:1:1"),)),
    Case("empty-site-yaml", {"site.yaml": "\n"}, refused=(("empty-value", f"{SITE_YAML}:1:1"),)),
    Case("no-site-yaml", {"site.yaml": None}, refused=(("no-content", SITE_YAML),)),
    # --- the file system -------------------------------------------------------------------------
    Case("folder-named-like-yaml", {"maps/case.yaml": Folder()}, refused=(("file-unreadable", M),)),
    Case("fifo", {"maps/case.yaml": Fifo()}, refused=(("file-unreadable", M),), seconds=20),
    Case("link-out-of-the-content", {"maps/case.yaml": Outside(case_map())}, refused=(("file-unreadable", M),)),
    Case("link-to-etc-passwd", {"sources/case.yaml": Link("/etc/passwd")}, refused=(("file-unreadable", S),)),
    Case("link-loop", {"sources/case.yaml": Link("case.yaml")}, refused=(("file-unreadable", S),)),
    Case("dangling-link", {"sources/case.yaml": Link("nowhere.yaml")}, refused=(("file-unreadable", S),)),
    Case("maps-folder-loop", {}, setup=_maps_loop, refused=(("file-unreadable", "content/maps"),)),
    Case(
        "editor-backups",
        {
            "maps/open.yaml~": "{",
            "maps/.open.yaml.swp": b"\x00\x01",
            "maps/#open.yaml#": "[",
            "maps/.#open.yaml": Link("nowhere"),
            "sources/report.yaml.bak": "x",
        },
    ),
    Case(
        "escape-sequence-in-a-file-name",
        {"sources/\x1b]0;owned\x07.yaml": "title: A\nurl: https://x.org/\n"},
        refused=(("invalid-id", "content/sources/\\x1b]0;owned\\x07.yaml"),),
    ),
    Case(
        "file-name-not-utf-8",
        {"sources/" + os.fsdecode(b"caf\xe9.yaml"): "title: A\nurl: https://x.org/\n"},
        refused=(("invalid-id", "content/sources/caf\\udce9.yaml"),),
    ),
    # --- size -----------------------------------------------------------------------------------
    Case(
        "ten-megabyte-field",
        {"maps/case.yaml": case_map().replace("claim: A pro.", "claim: " + "x" * (10 * 1024 * 1024))},
        refused=(("too-long", f"{M}:9:14"),),
    ),
    Case(
        "pathological-markdown",
        {
            "pages/case.md": "---\ntitle: Case\n---\n"
            + ">" * 5000
            + " deep\n\n"
            + "*a " * 3000
            + "\n\n"
            + "[" * 8000
            + "\n\n"
            + "`" * 5000
            + "\n\n"
            + "- " * 2000
            + "x\n\n"
            + "_" * 9000
            + "\n"
        },
    ),
    Case(
        "pathological-inline-markdown",
        {"maps/case.yaml": case_map().replace("claim: A pro.", "claim: '" + "*[" * 300 + "x" + "](" * 150 + "'")},
    ),
    Case("a-thousand-map-files", {}, setup=_generated(3000, 1000), seconds=180),
    Case("twenty-thousand-claims-in-one-map", {}, setup=_generated(20000, 1), seconds=180, command="check"),
    # --- themes and static files -------------------------------------------------------------------
    Case("theme-dir-root", {"site.yaml": "title: T\ntheme_dir: /\n"}, refused=(("theme", f"{SITE_YAML}:2:12"),)),
    Case("theme-dir-outside", {"site.yaml": "title: T\ntheme_dir: ../outside\n"}, refused=(("theme", f"{SITE_YAML}:2:12"),)),
    Case(
        "theme-path-outside", {"site.yaml": "title: T\ntheme: ../../themes/default\n"}, refused=(("theme", f"{SITE_YAML}:2:8"),)
    ),
    Case(
        "template-gadget",
        {"site.yaml": "title: T\ntheme_dir: t\n", "t/claim.html": BASE_OVERRIDE.replace("GADGET", LIPSUM)},
        render_error="__globals__",
    ),
    Case(
        "template-reaching-files",
        {
            "site.yaml": "title: T\ntheme_dir: t\n",
            "t/claim.html": BASE_OVERRIDE.replace("GADGET", "{{ (site.root / 'site.yaml').read_text() }}"),
        },
        render_error="unsafe",
    ),
    Case(
        "template-including-outside",
        {
            "site.yaml": "title: T\ntheme_dir: t\n",
            "t/claim.html": BASE_OVERRIDE.replace("GADGET", '{% include "secret.txt" %}'),
            "t/secret.txt": Outside("TOP-SECRET-CANARY"),
        },
        render_error="secret.txt",
    ),
    Case(
        "static-link-out",
        {"static/CNAME": "x.org\n", "static/leak.txt": Outside("TOP-SECRET-CANARY")},
        refused=(("file-unreadable", "content/static/leak.txt"),),
    ),
    Case(
        "static-over-a-page",
        {"static/index.html": "<script>alert(1)</script>"},
        refused=(("static-path", "content/static/index.html"),),
    ),
    Case(
        "static-files",
        {"static/CNAME": "debates.example.org\n", "static/.nojekyll": ""},
        static=frozenset({"CNAME", ".nojekyll"}),
        expect=_has("CNAME", b"debates.example.org"),
    ),
]
"""The cases, in the order the issue lists what they cover."""
