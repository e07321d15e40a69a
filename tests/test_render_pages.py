"""What page contexts show, where the rule is subtle enough to pin on its own."""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.build import build

from .helpers import BADGES, MAP, minimal_site

SECOND_MAP = """\
title: Is innovation the main question?
updated: 2024-09-01
thesis:
  id: innovation-overrated
  claim: Innovation is overrated as an argument.
  sources: [{source: report}]
  cons:
    - ref: faster-innovation
"""


def backlink_groups(html: str) -> dict[str, dict[str, list[str]]]:
    """Map title -> side of its thesis -> claim links, as the source page's backlinks show them
    (each entry's own link, not the links to what it answers)."""
    groups: dict[str, dict[str, list[str]]] = {}
    for section in re.findall(r'<section class="backlink-map".*?</section>', html, re.S):
        title = re.search(r"<h3[^>]*><a [^>]*>(.*?)</a>", section, re.S)
        assert title
        by_stance = groups.setdefault(title.group(1), {})
        for stance, items in re.findall(r'backlink-side-(thesis|pro|con)".*?<ul class="[^"]*">(.*?)</ul>', section, re.S):
            by_stance[stance] = re.findall(r"<li>" + BADGES + r'<a href="[^"]*claims/([^/]+)/"', items)
    return groups


def test_source_backlinks_group_a_reused_claim_by_its_side_of_each_thesis(tmp_path: Path) -> None:
    """faster-innovation supports the thesis of one map and opposes the thesis of another."""
    root = minimal_site(tmp_path / "content", {"maps/second.yaml": SECOND_MAP})
    build(root, tmp_path / "site")
    groups = backlink_groups((tmp_path / "site" / "sources" / "report" / "index.html").read_text())
    assert groups["Should weights be open?"] == {
        "thesis": ["open-weights"],
        "pro": ["faster-innovation"],
        "con": ["misuse-risk"],
    }
    assert groups["Is innovation the main question?"] == {"thesis": ["innovation-overrated"], "con": ["faster-innovation"]}


def test_link_filters_give_the_same_urls_as_url_calls_on_every_kind_of_page(tmp_path: Path) -> None:
    from debatemap.pipeline import load_site  # noqa: PLC0415
    from debatemap.render.renderer import Renderer  # noqa: PLC0415
    from debatemap.render.routes import Route  # noqa: PLC0415
    from debatemap.render.theme import find_theme  # noqa: PLC0415

    for base_url in ("https://example.org/sub/", ""):
        root = minimal_site(tmp_path / f"content-{bool(base_url)}")
        site_yaml = root / "site.yaml"
        lines = [line for line in site_yaml.read_text().splitlines() if not line.startswith("base_url:")]
        site_yaml.write_text("\n".join(lines + ([f"base_url: {base_url}"] if base_url else [])) + "\n")
        site = load_site(root).site
        renderer = Renderer(site, find_theme(site.config, root))
        template = renderer.env.from_string(
            "{{ url(claim_url('c')) }}|{{ 'c' | claim_href }}\n{{ url(map_url('m')) }}|{{ 'm' | map_href }}\n"
            "{{ url(source_url('s')) }}|{{ 's' | source_href }}\n{{ url(tag_url('t')) }}|{{ 't' | tag_href }}\n"
            "{{ url('') }}|{{ '' | href }}\n{{ url('sources/') }}|{{ 'sources/' | href }}\n"
            "{{ asset('assets/style.css') }}|{{ 'assets/style.css' | asset_href }}"
        )
        claim_id = next(iter(site.claims))
        for route in (Route("", "home", ""), Route(f"claims/{claim_id}/", "claim", claim_id), Route("404.html", "404", "")):
            pairs = [line.split("|") for line in template.render(renderer.contexts.base(route)).splitlines()]
            assert len(pairs) == 7
            for old, new in pairs:
                assert old == new, (base_url, route, old, new)
            lines = [old for old, _ in pairs]
            if route.kind == "404":
                assert lines[0].startswith("/sub/" if base_url else "/")
            if route.kind == "claim":
                assert lines[4] == "../../"
            if route.kind == "home":
                assert lines[4] == "./" and "?v=" in lines[6]


def test_a_maps_sources_are_listed_by_title(tmp_path: Path) -> None:
    """By id they read in an order that looks random (OLMo, BadLlama, Business Insider...)."""
    extra = {
        "sources/aaa.yaml": "title: Zebra crossings\nurl: https://example.org/z\n",
        "sources/zzz.yaml": "title: apples and pears\nurl: https://example.org/a\n",
        "maps/open.yaml": MAP.replace("sources: [{source: report, note: Section 2.}]", "sources: [{source: aaa}, {source: zzz}]"),
    }
    build(minimal_site(tmp_path / "content", extra), tmp_path / "site")
    html = (tmp_path / "site" / "maps" / "open" / "index.html").read_text()
    listed = re.search(r'<ol class="source-list">(.*?)</ol>', html, re.S)
    assert listed
    titles = re.findall(r'<li><a href="[^"]*">([^<]*)</a>', listed.group(1))
    assert titles == ["A report", "apples and pears", "Zebra crossings"]
