"""Fixture MkDocs sites for the plugin's tests, built in-process as `mkdocs build` builds them.

``build_site`` writes a host project (mkdocs.yml, docs/) around a debatemap content folder and
runs MkDocs' own build with the options the CLI passes. A hook (MkDocs' ``hooks:``) records the
navigation MkDocs finished with in ``nav.json``: the section, its children, their URLs.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from mkdocs import config as mkdocs_config
from mkdocs.commands import build as mkdocs_build

from .golden import CONTENT as GOLDEN_CONTENT

SITE_URL = "https://example.org/docs/"

NAV_PROBE = '''\
"""Records the finished navigation (after every plugin's on_nav) as nav.json beside mkdocs.yml."""
import json
from pathlib import Path

from mkdocs.plugins import event_priority


def _item(item):
    entry = {"title": item.title, "kind": "section" if item.is_section else "page"}
    if item.is_section:
        entry["children"] = [_item(child) for child in item.children]
    else:
        entry["url"] = getattr(item, "url", None)
    return entry


@event_priority(-100)
def on_nav(nav, config, files):
    parents = {}
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.parent is not None:
            parents[file.src_uri] = page.parent.title
    data = {"items": [_item(i) for i in nav.items], "pages": [p.url for p in nav.pages], "parents": parents}
    Path(config.config_file_path).with_name("nav.json").write_text(json.dumps(data, indent=1))
    return nav
'''

HOST_INDEX = """\
# A host site

The debate on cycling, as an outline:

```debatemap
map: city-cycling
```

The same map drawn:

```debatemap
map: city-cycling
view: drawing
```

A card for the map, and one for a claim:

```debatemap
map: city-cycling
view: card
```

~~~ debatemap
claim: lanes-slow-buses
~~~

- In a list, a claim and its replies:

    ```debatemap
    claim: lanes-cut-injuries
    view: outline
    ```

- And where another claim sits:

    ```debatemap
    claim: lanes-cut-injuries
    view: drawing
    ```

A Markdown link to [the map's page](PREFIXmaps/city-cycling/index.md) and [a claim](PREFIXclaims/lanes-slow-buses/index.md).
"""

HOST_GUIDE = """\
# A guide, one folder down

````markdown
An example, not an embed:

```debatemap
map: no-such-map
```
````

```debatemap
claim: lanes-cut-injuries
```
"""


def write_project(
    root: Path,
    *,
    theme: str = "mkdocs",
    directory_urls: bool = True,
    prefix: str | None = None,
    nav: str | None = None,
    content: Path = GOLDEN_CONTENT,
    docs: dict[str, str] | None = None,
    plugin_options: str = "",
) -> Path:
    """A host project under ``root``; returns the path of its mkdocs.yml."""
    shown_prefix = "debates/" if prefix is None else prefix.strip("/") + "/"
    pages = {"index.md": HOST_INDEX.replace("PREFIX", shown_prefix), "guide/index.md": HOST_GUIDE} if docs is None else docs
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "nav_probe.py").write_text(NAV_PROBE, encoding="utf-8")
    theme_options = {"mkdocs": "  highlightjs: false\n", "readthedocs": "  highlightjs: false\n", "material": "  font: false\n"}[
        theme
    ]
    options = [f"content: {json.dumps(str(content))}"]
    if prefix is not None:
        options.append(f"prefix: {json.dumps(prefix)}")
    options += [line for line in plugin_options.splitlines() if line]
    config = (
        f"site_name: Host site\nsite_url: {SITE_URL}\nuse_directory_urls: {str(directory_urls).lower()}\n"
        f"theme:\n  name: {theme}\n{theme_options}"
        "plugins:\n  - search\n  - debatemap:\n" + "".join(f"      {o}\n" for o in options) + "hooks:\n  - nav_probe.py\n"
    )
    if nav:
        config += "nav:\n" + textwrap.indent(textwrap.dedent(nav), "  ")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def build(config_file: Path, *, strict: bool = True, site_dir: Path | None = None) -> Path:
    """``mkdocs build [--strict]`` in-process (the same calls as the CLI's); returns the site folder."""
    site_dir = site_dir or config_file.parent / "site"
    config = mkdocs_config.load_config(str(config_file), strict=strict, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def nav_of(config_file: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(config_file.with_name("nav.json").read_text(encoding="utf-8"))
    return data
