"""A Hugo site that does the work our pages do, from the same corpus: the equal-content peer.

The bare peer (``peers.write_hugo``) renders each page's text through a one-line layout, so it
times Hugo writing as many pages as we do, not Hugo doing what we do. This peer gives Hugo the
corpus as data and layouts (Go templates) that show what our pages show:

- a claim page: the claim (Markdown), its stance ("Thesis"/"Claim" and the badge of every
  parent link), the trail from its thesis down to it (as breadcrumbs and again under "Where
  this claim stands", walked up parent by parent in the template), its parent, every pro and
  con as a card with its text, link and its own pro and con counts, every citation with the
  source's title, publisher, date, locator, note (Markdown) and link out, its tags, its
  details (Markdown);
- a map page: the summary, then the whole map as a nested outline (a partial that calls itself
  for every pro and con, looking each claim up by its path);
- a source page: the source's fields and every claim that cites it, looked up by path;
- the listing pages: home (the first 200 maps), the maps index and the bibliography in four
  orders (by title, citations, kind, publisher), paginated by 200 as ours are, the tags index
  and one page per tag listing its claims, maps and sources (a Hugo taxonomy, paginated by 200).

Only the SVG drawings (the map's drawing, a claim's local map), the "Cite this" blocks, the
balance pages, the map exports, the search index, the feed and the sitemap are ours alone.

What the front matter holds is what the content files hold (a claim's text, details, tags,
citations, the ids of its pros and cons), plus the three reverse links our loader indexes once
(a claim's parent and stance, the claims citing a source, a source's citation count): Hugo has
no way to compute them once for all pages, and computing them per page would walk the whole
site on every page. Everything a page shows about another page (a parent's text, a child's
counts, a source's title) the template looks up itself with ``site.GetPage``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from debatemap.graph import Site

CONFIG = """\
baseURL = "https://example.org/bench/"
title = "Synthetic debates"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
paginate = 200
[taxonomies]
tag = "tags"
[markup.goldmark.renderer]
unsafe = false
"""

BASEOF = """\
<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Title }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="wrap header-inner">
<a class="site-title" href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav class="site-nav" aria-label="Main"><ul>
<li><a href="{{ "maps/" | relURL }}">Maps</a></li>
<li><a href="{{ "sources/" | relURL }}">Sources</a></li>
<li><a href="{{ "tags/" | relURL }}">Tags</a></li>
<li><a href="{{ "search/" | relURL }}">Search</a></li>
<li><a href="{{ "about/" | relURL }}">About</a></li>
</ul></nav>
<form class="header-search" role="search" action="{{ "search/" | relURL }}" method="get">
<label class="visually-hidden" for="q">Search claims, maps and sources</label>
<input id="q" type="search" name="q" placeholder="Search…"><button type="submit">Search</button></form>
</div></header>
<main id="main" class="wrap" tabindex="-1">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><div class="wrap"><p>{{ site.Title }}</p></div></footer>
</body>
</html>
"""

BADGE = """\
{{- if eq . "pro" -}}<span class="badge badge-pro"><span class="badge-icon" aria-hidden="true">+</span>Pro</span>
{{- else if eq . "con" -}}<span class="badge badge-con"><span class="badge-icon" aria-hidden="true">−</span>Con</span>
{{- else -}}<span class="badge badge-thesis"><span class="badge-icon" aria-hidden="true">◆</span>Thesis</span>{{- end -}}
"""

CARD = """\
{{- $c := site.GetPage (printf "/claims/%s" .id) -}}
<li class="card card-{{ .stance }}">{{ partial "badge.html" .stance }} <a href="{{ $c.RelPermalink }}">{{ $c.Title }}</a>
<p class="card-counts muted">{{ len $c.Params.pros }} for · {{ len $c.Params.cons }} against</p></li>
"""

TAGS = """\
{{- with .Params.tags -}}<p class="tags"><span class="visually-hidden">Tags:</span>
{{- range . }} <a class="tag" href="{{ (printf "tags/%s/" (. | urlize)) | relURL }}">#{{ . }}</a>{{ end }}</p>{{- end -}}
"""

TRAIL = """\
{{- /* The claims from the thesis down to this one's parent, walked up parent by parent. */ -}}
{{- $trail := slice -}}
{{- $cur := . -}}
{{- range seq 12 -}}
  {{- with $cur.Params.parent -}}
    {{- $up := site.GetPage (printf "/claims/%s" .) -}}
    {{- $trail = (slice $up) | append $trail -}}
    {{- $cur = $up -}}
  {{- end -}}
{{- end -}}
{{- return $trail -}}
"""

CLAIM = """\
{{ define "main" }}
{{- $trail := partial "trail.html" . -}}
{{- $map := site.GetPage (printf "/maps/%s" .Params.map) -}}
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>
<li><a href="{{ "maps/" | relURL }}">Maps</a></li>
<li><a href="{{ $map.RelPermalink }}">{{ $map.Title | truncate 48 }}</a></li>
{{- range $trail }}
<li>{{ partial "badge.html" .Params.stance }} <a href="{{ .RelPermalink }}">{{ .Title | truncate 48 }}</a></li>
{{- end }}
<li aria-current="page">This claim</li></ol></nav>
<article class="claim" aria-labelledby="claim-title">
<header class="page-head">
<p class="kicker">{{ if eq .Params.stance "thesis" }}Thesis{{ else }}Claim{{ end }}</p>
<h1 id="claim-title">{{ .Title | markdownify }}</h1>
<ul class="relations">
{{- if eq .Params.stance "thesis" }}
<li>{{ partial "badge.html" "thesis" }} The answer weighed by <a href="{{ $map.RelPermalink }}">{{ $map.Title }}</a></li>
{{- end }}
{{- with .Params.parent }}{{ $p := site.GetPage (printf "/claims/%s" .) }}
<li>{{ partial "badge.html" $.Params.stance }} {{ if eq $.Params.stance "pro" }}Supports{{ else }}Opposes{{ end }} <a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></li>
{{- end }}
</ul>
{{ partial "tags.html" . }}
</header>
{{ with .Content }}<div class="prose details-text">{{ . }}</div>{{ end }}
<section aria-labelledby="evidence-heading" class="evidence">
<h2 id="evidence-heading">Sources <span class="muted">({{ len .Params.citations }})</span></h2>
<ul class="citations">
{{- range .Params.citations }}{{ $s := site.GetPage (printf "/sources/%s" .source) }}
<li class="citation">
<p class="citation-source"><a href="{{ $s.RelPermalink }}">{{ $s.Title }}</a>
<span class="muted">{{ $s.Params.publisher }}{{ with $s.Params.published }}, <time datetime="{{ dateFormat "2006-01-02" . }}">{{ dateFormat "2 January 2006" . }}</time>{{ end }}</span></p>
{{- with .locator }}
<p class="citation-locator"><span class="muted">Where:</span> {{ . }}</p>{{ end }}
{{- with .note }}
<p class="citation-note">{{ . | markdownify }}</p>{{ end }}
<p class="citation-out"><a href="{{ $s.Params.link }}" rel="noopener noreferrer">Read the source<span class="visually-hidden">: {{ $s.Title }}</span></a></p>
</li>
{{- end }}
</ul>
</section>
<div class="columns">
<section class="column column-pro" aria-labelledby="pros-heading">
<h2 id="pros-heading">Supporting this claim <span class="muted">({{ len .Params.pros }})</span></h2>
{{ with .Params.pros }}<ul class="cards">{{ range . }}{{ partial "card.html" (dict "id" . "stance" "pro") }}{{ end }}</ul>
{{ else }}<p class="muted">No supporting claims.</p>{{ end }}
</section>
<section class="column column-con" aria-labelledby="cons-heading">
<h2 id="cons-heading">Opposing this claim <span class="muted">({{ len .Params.cons }})</span></h2>
{{ with .Params.cons }}<ul class="cards">{{ range . }}{{ partial "card.html" (dict "id" . "stance" "con") }}{{ end }}</ul>
{{ else }}<p class="muted">No opposing claims.</p>{{ end }}
</section>
</div>
<section class="standing" aria-labelledby="maps-heading">
<h2 id="maps-heading">Where this claim stands</h2>
<h3><a href="{{ $map.RelPermalink }}">{{ $map.Title }}</a></h3>
<ol class="trail">
{{- range $trail }}
<li>{{ partial "badge.html" .Params.stance }} <a href="{{ .RelPermalink }}">{{ .Title | plainify | truncate 70 }}</a></li>
{{- end }}
<li class="trail-here">{{ partial "badge.html" .Params.stance }} This claim</li>
</ol>
<p class="standing-link"><a href="{{ $map.RelPermalink }}#claim-{{ .Params.id }}">Show it in the map's outline</a></p>
</section>
</article>
{{ end }}
"""

OUTLINE = """\
{{- $c := site.GetPage (printf "/claims/%s" .id) -}}
<li id="claim-{{ .id }}" class="outline-{{ .stance }}">{{ partial "badge.html" .stance }} <a href="{{ $c.RelPermalink }}">{{ $c.Title }}</a>
{{- if or $c.Params.pros $c.Params.cons }}
<details open><summary>{{ len $c.Params.pros }} for · {{ len $c.Params.cons }} against</summary>
<ul>
{{- range $c.Params.pros }}{{ partial "outline.html" (dict "id" . "stance" "pro") }}{{ end }}
{{- range $c.Params.cons }}{{ partial "outline.html" (dict "id" . "stance" "con") }}{{ end }}
</ul></details>
{{- end }}</li>
"""

MAP = """\
{{ define "main" }}
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="{{ "maps/" | relURL }}">Maps</a></li><li aria-current="page">This map</li></ol></nav>
<article class="map">
<header class="page-head"><p class="kicker">Debate map</p><h1>{{ .Title }}</h1>{{ partial "tags.html" . }}</header>
<div class="prose summary">{{ .Content }}</div>
<section class="outline" aria-labelledby="outline-heading"><h2 id="outline-heading">The debate as an outline</h2>
<ul class="outline-tree">{{ partial "outline.html" (dict "id" .Params.thesis "stance" "thesis") }}</ul>
</section>
</article>
{{ end }}
"""

SOURCE = """\
{{ define "main" }}
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="{{ "sources/" | relURL }}">Sources</a></li><li aria-current="page">This source</li></ol></nav>
<article class="source">
<header class="page-head"><p class="kicker">Source · {{ .Params.kind }}</p><h1>{{ .Title }}</h1>
<p class="muted">{{ delimit .Params.authors ", " }} · {{ .Params.publisher }}{{ with .Params.published }}, <time datetime="{{ dateFormat "2006-01-02" . }}">{{ dateFormat "2 January 2006" . }}</time>{{ end }}</p>
<p><a href="{{ .Params.link }}" rel="noopener noreferrer">Read the source</a></p>
{{ partial "tags.html" . }}</header>
<div class="prose summary">{{ .Content }}</div>
<section aria-labelledby="citing-heading"><h2 id="citing-heading">Claims citing it <span class="muted">({{ len .Params.cited_by }})</span></h2>
<ul class="plain-list">
{{- range .Params.cited_by }}{{ $c := site.GetPage (printf "/claims/%s" .) }}
<li>{{ partial "badge.html" $c.Params.stance }} <a href="{{ $c.RelPermalink }}">{{ $c.Title }}</a></li>
{{- end }}
</ul></section>
</article>
{{ end }}
"""

MAP_ENTRY = """\
{{- $t := site.GetPage (printf "/claims/%s" .Params.thesis) -}}
<li class="map-entry"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ partial "badge.html" "thesis" }} {{ $t.Title }}</p>
<p class="muted">{{ len $t.Params.pros }} for · {{ len $t.Params.cons }} against</p></li>
"""

SOURCE_ENTRY = """\
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="muted">{{ .Params.publisher }} · {{ .Params.kind }} · cited {{ .Params.cited }} times</span></li>
"""

PAGER = """\
{{- if gt .TotalPages 1 }}<nav class="pager"><p class="muted">Page {{ .PageNumber }} of {{ .TotalPages }}</p><ol>
{{- range .Pagers }}<li><a href="{{ .URL }}">{{ .PageNumber }}</a></li>{{ end }}</ol></nav>{{ end -}}
"""

HOME = """\
{{ define "main" }}
<header class="page-head"><h1>{{ site.Title }}</h1></header>
<ul class="map-list">
{{- range first 200 (where site.RegularPages "Section" "maps").ByTitle }}{{ partial "map_entry.html" . }}{{ end }}
</ul>
{{ end }}
"""

MAPS = """\
{{ define "main" }}
<header class="page-head"><h1>All maps</h1></header>
{{ $pager := .Paginate (where site.RegularPages "Section" "maps").ByTitle }}{{ partial "pager.html" $pager }}
<ul class="map-list">{{ range $pager.Pages }}{{ partial "map_entry.html" . }}{{ end }}</ul>
{{ end }}
"""

SOURCES = """\
{{ define "main" }}
<header class="page-head"><h1>Sources</h1><p class="muted">{{ .Params.order_label }}</p></header>
{{ $order := .Params.order | default "title" }}
{{ $pager := .Paginate (partialCached "sorted_sources.html" $order $order) }}{{ partial "pager.html" $pager }}
<ul class="plain-list">{{ range $pager.Pages }}{{ partial "source_entry.html" . }}{{ end }}</ul>
{{ end }}
"""

SORTED_SOURCES = """\
{{- /* Every source in one order, sorted once per order (partialCached) for all its pages. */ -}}
{{- $all := where site.RegularPages "Section" "sources" -}}
{{- $sorted := $all.ByTitle -}}
{{- if eq . "cited" }}{{ $sorted = sort $all "Params.cited" "desc" -}}
{{- else if eq . "kind" }}{{ $sorted = sort $all "Params.kind" -}}
{{- else if eq . "publisher" }}{{ $sorted = sort $all "Params.publisher" }}{{ end -}}
{{- return $sorted -}}
"""

TERMS = """\
{{ define "main" }}
<header class="page-head"><h1>Tags</h1></header>
<ul class="plain-list">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">#{{ .Page.Title }}</a> <span class="muted">({{ .Count }})</span></li>{{ end }}</ul>
{{ end }}
"""

TERM = """\
{{ define "main" }}
<header class="page-head"><p class="kicker">Tag</p><h1>#{{ .Title }}</h1></header>
{{ $pager := .Paginate .Pages.ByTitle }}{{ partial "pager.html" $pager }}
<ul class="plain-list standing-list">
{{- range $pager.Pages }}
<li>{{ if eq .Section "claims" }}{{ partial "badge.html" .Params.stance }} {{ end }}<a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": '{{ define "main" }}<article>{{ .Content }}</article>{{ end }}\n',
    "_default/list.html": MAPS,
    "index.html": HOME,
    "claims/single.html": CLAIM,
    "maps/single.html": MAP,
    "maps/list.html": MAPS,
    "sources/single.html": SOURCE,
    "sources/list.html": SOURCES,
    "_default/terms.html": TERMS,
    "_default/taxonomy.html": TERM,
    "_default/term.html": TERM,
    "partials/badge.html": BADGE,
    "partials/card.html": CARD,
    "partials/tags.html": TAGS,
    "partials/trail.html": TRAIL,
    "partials/outline.html": OUTLINE,
    "partials/map_entry.html": MAP_ENTRY,
    "partials/source_entry.html": SOURCE_ENTRY,
    "partials/pager.html": PAGER,
    "partials/sorted_sources.html": SORTED_SOURCES,
}

SOURCE_ORDERS = {"by-citations": "cited", "by-kind": "kind", "by-publisher": "publisher"}
"""The bibliography's other orders, each its own paginated list (ours has the same four)."""


def _page(front: dict[str, object], body: str) -> str:
    """A content file with JSON front matter (Hugo reads a file starting with '{' as JSON)."""
    return json.dumps(front, ensure_ascii=False, indent=0) + "\n" + body + "\n"


def write_hugo_equal(site: Site, root: Path) -> Path:
    """Write the equal-content Hugo site for ``site`` under ``root`` (replacing it); return ``root``."""
    shutil.rmtree(root, ignore_errors=True)
    for name, text in LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "style.css").write_text("body{font-family:sans-serif}\n", encoding="utf-8")
    content = root / "content"
    for folder in ("claims", "maps", "sources"):
        (content / folder).mkdir(parents=True)
    thesis_of = {debate.thesis_id: debate.id for debate in site.maps.values()}
    for claim in site.claims.values():
        parents = [p for p in site.parents.get(claim.id, ()) if p.parent_id in site.claims]
        # The parent in the claim's own map (a claim reused elsewhere keeps its first parent).
        parent = next((p for p in parents if site.claims[p.parent_id].map_id == claim.map_id), parents[0] if parents else None)
        front = {
            "title": claim.text,
            "id": claim.id,
            "map": claim.map_id,
            "stance": "thesis" if claim.id in thesis_of else (parent.stance if parent else "thesis"),
            "parent": parent.parent_id if parent else "",
            "pros": [link.claim_id for link in claim.children if link.stance == "pro" and link.claim_id in site.claims],
            "cons": [link.claim_id for link in claim.children if link.stance == "con" and link.claim_id in site.claims],
            "citations": [{"source": c.source_id, "locator": c.locator or "", "note": c.note or ""} for c in claim.citations],
            "tags": list(claim.tags),
        }
        (content / "claims" / f"{claim.id}.md").write_text(_page(front, claim.details or ""), encoding="utf-8")
    for debate in site.maps.values():
        front = {"title": debate.title, "thesis": debate.thesis_id, "tags": list(debate.tags), "date": debate.updated}
        (content / "maps" / f"{debate.id}.md").write_text(_page(front, debate.summary or ""), encoding="utf-8")
    for source in site.sources.values():
        citing = list(site.citing.get(source.id, ()))
        front = {
            "title": source.title,
            "link": source.url,
            "publisher": source.publisher or "",
            "authors": list(source.authors),
            "published": source.published or "",
            "kind": source.kind or "",
            "tags": list(source.tags),
            "cited_by": citing,
            "cited": len(citing),
        }
        (content / "sources" / f"{source.id}.md").write_text(_page(front, source.summary or ""), encoding="utf-8")
    # Ours has no index of all claims: the section exists (pages look claims up in it) but is not written.
    claims_index = {"title": "Claims", "_build": {"render": "never", "list": "always"}}
    (content / "claims" / "_index.md").write_text(_page(claims_index, ""), encoding="utf-8")
    (content / "maps" / "_index.md").write_text(_page({"title": "All maps"}, ""), encoding="utf-8")
    (content / "sources" / "_index.md").write_text(_page({"title": "Sources", "order": "title"}, ""), encoding="utf-8")
    for slug, order in SOURCE_ORDERS.items():
        # A section of its own under sources/ whose list layout sorts the sources its way.
        (content / "sources" / slug).mkdir()
        front = {"title": "Sources", "order": order, "order_label": slug, "layout": "list", "type": "sources"}
        (content / "sources" / slug / "_index.md").write_text(_page(front, ""), encoding="utf-8")
    return root
