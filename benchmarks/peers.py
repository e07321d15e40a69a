"""Equal-page content for peer generators (Hugo, MkDocs), made from a debatemap corpus.

Each HTML page debatemap writes becomes one Markdown page for the peer with the same text
(claim, details, citation notes; a map's summary and thesis; a source's summary), so the
builds compare the same number of pages of the same length.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from debatemap.graph import Site

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_BASEOF = """\
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/style.css"></head><body><header><a href="/">Home</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n'
HUGO_LIST = (
    '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
)


def _pages(site: Site) -> list[tuple[str, str, str]]:
    """(section, slug, markdown body) for every claim, map and source page."""
    pages: list[tuple[str, str, str]] = []
    for claim in site.claims.values():
        body = [claim.text, "", claim.details or ""]
        body += [f"- {c.source_id}: {c.note or ''}" for c in claim.citations]
        pages.append(("claims", claim.id, "\n".join(body)))
    for debate in site.maps.values():
        thesis = site.claims[debate.thesis_id]
        body = [debate.summary or "", "", f"**Thesis:** {thesis.text}"]
        body += [f"- {site.claims[link.claim_id].text}" for link in thesis.children if link.claim_id in site.claims]
        pages.append(("maps", debate.id, "\n".join(body)))
    for source in site.sources.values():
        pages.append(("sources", source.id, f"{source.title}\n\n{source.summary or ''}"))
    return pages


def _title(body: str) -> str:
    first = body.split("\n", 1)[0].replace('"', "'")
    return first[:80]


def write_hugo(site: Site, root: Path, pages: int) -> Path:
    """A Hugo site with ``pages`` single pages (padded from the corpus pages if needed)."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG)
    (root / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF)
    (root / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (root / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    (root / "static").mkdir()
    (root / "static" / "style.css").write_text("body{font-family:sans-serif}\n")
    for index, (section, slug, body) in enumerate(_cycle(_pages(site), pages)):
        path = root / "content" / section / f"{slug}-{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'---\ntitle: "{_title(body)}"\n---\n{body}\n', encoding="utf-8")
    return root


def write_mkdocs(site: Site, root: Path, pages: int, *, in_nav: bool = True) -> Path:
    """An MkDocs project with the built-in `mkdocs` theme and ``pages`` documents.

    By default every page is in the navigation MkDocs makes from the files, which every page
    prints: the build grows with the square of the pages. ``in_nav=False`` keeps them out (as
    the plugin keeps claims out), so the build measures MkDocs' own cost per page.
    """
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    config = "site_name: Benchmark\ntheme:\n  name: mkdocs\n"
    if not in_nav:
        config += "nav:\n  - index.md\nnot_in_nav: |\n  /claims/\n  /maps/\n  /sources/\n"
    (root / "mkdocs.yml").write_text(config)
    (root / "docs" / "index.md").write_text("# Benchmark\n")
    for index, (section, slug, body) in enumerate(_cycle(_pages(site), pages - 1)):
        path = root / "docs" / section / f"{slug}-{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {_title(body)}\n\n{body}\n", encoding="utf-8")
    return root


def write_mkdocs_plugin(content: Path, root: Path) -> Path:
    """An MkDocs project (the `mkdocs` theme, one page of its own) whose plugin adds a debatemap content folder."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Benchmark\n")
    config = f"site_name: Benchmark\ntheme:\n  name: mkdocs\nplugins:\n  - search\n  - debatemap:\n      content: {content}\n"
    (root / "mkdocs.yml").write_text(config)
    return root


def _cycle(items: list[tuple[str, str, str]], count: int) -> list[tuple[str, str, str]]:
    return [items[i % len(items)] for i in range(count)]
