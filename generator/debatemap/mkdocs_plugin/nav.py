"""The debate maps in the host's navigation: one section, its overview first, then the maps.

Claims, sources and tags stay out of it (a large site has tens of thousands; every page prints
the navigation), but their pages name the section as their parent, so themes show it as the
current section while a reader is anywhere in the debates. The section goes where the host's
``nav`` lists the overview page (``- debates/index.md``, with the title given there), or last.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..graph import Site
from ..render import routes, views
from ..render.markdown import plain_text
from .pages import GeneratedPage, host_title


def add_section(
    nav: Navigation, pages: dict[str, GeneratedPage], site: Site, *, title: str, limit: int, nav_config: Any = None
) -> Section:
    """Put the section into ``nav`` and link every generated page to it; ``limit`` maps at most.
    ``nav_config`` is mkdocs.yml's ``nav``, whose title for the overview page names the section."""
    index = pages[""]
    index.title = host_title(title)
    listed: list[Page] = [index]
    for debate in views.sorted_maps(site.maps.values())[: max(limit, 0)]:
        page = pages[routes.map_url(debate.id)]
        page.title = host_title(plain_text(debate.title))
        listed.append(page)
    # MkDocs puts our own page objects in its navigation, without the titles mkdocs.yml gives.
    given = dict(_titles(nav_config)).get(index.file.src_uri)
    section = Section(given or host_title(title), listed)  # type: ignore[arg-type]
    by_file = {page.file.src_uri: page for page in pages.values()}
    if not _replace(nav.items, None, section, by_file):
        nav.items.append(section)
    for page in pages.values():
        page.file.page = page  # a nav entry naming one of our files made a plain Page for it
        if page.parent is None:
            page.parent = section
    nav.pages = list(_pages(nav.items))
    for before, after in zip([None, *nav.pages], [*nav.pages, None], strict=True):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
    return section


def _replace(items: list[StructureItem], parent: Section | None, section: Section, ours: dict[str, GeneratedPage]) -> bool:
    """Swap the host's entry for the overview for the section, and any entry for another of our files
    for our page; True when the overview was found."""
    found = False
    for position, item in enumerate(items):
        if isinstance(item, Page) and item.file.src_uri in ours:
            page = ours[item.file.src_uri]
            items[position] = section if page is section.children[0] and not found else page
            found = found or items[position] is section
            items[position].parent = parent
        elif isinstance(item, Section):
            found = _replace(item.children, item, section, ours) or found
    for child in section.children:
        child.parent = section
    return found


def _titles(entries: Any) -> Iterator[tuple[str, str]]:
    """(path, title) for each ``Title: path`` of mkdocs.yml's ``nav``."""
    if isinstance(entries, list):
        for entry in entries:
            yield from _titles(entry)
    elif isinstance(entries, dict):
        for title, value in entries.items():
            if isinstance(value, str):
                yield value.lstrip("/"), str(title)
            else:
                yield from _titles(value)


def _pages(items: Sequence[StructureItem]) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)
