"""What page contexts show, where the rule is subtle enough to pin on its own."""

from __future__ import annotations

import re
from pathlib import Path

from debatemap.build import build

from .helpers import minimal_site

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
    """Map title -> stance -> claim links, as the source page's backlinks show them."""
    groups: dict[str, dict[str, list[str]]] = {}
    for section in re.findall(r'<section class="backlink-map".*?</section>', html, re.S):
        title = re.search(r"<h3[^>]*><a [^>]*>(.*?)</a>", section, re.S)
        assert title
        by_stance = groups.setdefault(title.group(1), {})
        for stance, items in re.findall(r'badge-(thesis|pro|con)".*?<ul class="plain-list">(.*?)</ul>', section, re.S):
            by_stance[stance] = re.findall(r'href="[^"]*claims/([^/]+)/"', items)
    return groups


def test_source_backlinks_group_a_reused_claim_by_its_stance_in_each_map(tmp_path: Path) -> None:
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
