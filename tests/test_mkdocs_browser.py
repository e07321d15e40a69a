"""The plugin's embeds in Chromium, in each theme it supports: the drawn map works inside the host.

Each host page (the golden content, in the `mkdocs`, `readthedocs` and Material themes) is opened
in Debian's Chromium: the drawing's script runs inside the host's page (its tools appear, zoom
changes the drawing), our stylesheet reaches the embed and nothing else, and a screenshot of the
embed goes to tests/artifacts/mkdocs-<theme>.png for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import REPO, StaticServer
from .mkdocs_sites import build, write_project

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "tests" / "artifacts"
PAGE = """\
# A host page

Before the map.

```debatemap
map: city-cycling
view: drawing
```

```debatemap
claim: lanes-slow-buses
```
"""


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, StaticServer]]:
    """One built host site per theme, each served over HTTP (the site_url path is /docs/)."""
    servers = {}
    for theme in ("mkdocs", "readthedocs", "material"):
        root = tmp_path_factory.mktemp(f"browser-{theme}")
        site = build(write_project(root, theme=theme, docs={"index.md": PAGE}), site_dir=root / "www" / "docs")
        assert (site / "index.html").is_file()
        servers[theme] = StaticServer(root / "www")
    yield servers
    for server in servers.values():
        server.close()


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs", "material"])
def test_an_embedded_map_is_drawn_and_zooms_in_each_theme(browser: Any, hosts: dict[str, StaticServer], theme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    local = hosts[theme].url
    tab.on("pageerror", lambda error: errors.append(str(error)))
    # The themes' own web fonts and CDN scripts cannot load offline; every file of the site must.
    tab.on("requestfailed", lambda request: errors.append(request.url) if request.url.startswith(local) else None)
    try:
        tab.goto(hosts[theme].url + "docs/", wait_until="load")
        embed = tab.locator(".dm-embed-drawing")
        tools = embed.locator("[data-drawing-tools]")
        tools.wait_for(state="visible", timeout=10_000)  # drawing.js ran inside the host page
        svg = embed.locator("svg.dm-svg")
        before = svg.bounding_box()
        tools.get_by_role("button", name="Zoom in").click()
        after = svg.bounding_box()
        assert before is not None and after is not None and after["width"] > before["width"] * 1.1
        # Our stylesheet reached the embed: a con card's double stance edge.
        edge = tab.eval_on_selector(".dm-embed-card .card", "e => getComputedStyle(e).borderLeft")
        assert edge.startswith("6px double")
        boxes = tab.eval_on_selector_all(".dm-embed-drawing .dm-box", "els => els.length")
        assert boxes >= 9
        ARTIFACTS.mkdir(exist_ok=True)
        embed.scroll_into_view_if_needed()
        tab.screenshot(path=str(ARTIFACTS / f"mkdocs-{theme}.png"))
        assert errors == []
    finally:
        context.close()
