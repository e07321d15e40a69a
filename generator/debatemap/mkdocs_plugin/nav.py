"""The debate maps in the host's navigation: one section, its overview first, then the maps.

Claims, sources and tags stay out of it (a large site has tens of thousands; every page prints
the navigation), but their pages name the section as their parent, so themes show it as the
current section while a reader is anywhere in the debates. The section goes where the host's
``nav`` lists the overview page (``- debates/index.md``, with the title given there), or last.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..graph import Site
from ..render import routes, views
from ..render.markdown import plain_text
from .pages import GeneratedPage


def add_section(nav: Navigation, pages: dict[str, GeneratedPage], site: Site, title: str, limit: int) -> Section:
    """Put the section into ``nav`` and link every generated page to it; ``limit`` maps at most."""
    index = pages[""]
    index.title = html.escape(title)
    listed: list[Page] = [index]
    for debate in views.sorted_maps(site.maps.values())[: max(limit, 0)]:
        page = pages[routes.map_url(debate.id)]
        page.title = html.escape(plain_text(debate.title))  # MkDocs' themes print titles unescaped
        listed.append(page)
    section = Section(html.escape(title), listed)  # type: ignore[arg-type]
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
    """Swap the host's entries for our files: the overview's for the section (keeping a title the
    host gave it), any other for our page. True when the overview was found."""
    found = False
    for position, item in enumerate(items):
        if isinstance(item, Page) and item.file.src_uri in ours:
            ours_page = ours[item.file.src_uri]
            given = item.title if item.title is not None and not isinstance(item, GeneratedPage) else None
            if ours_page is section.children[0] and not found:
                items[position] = section
                section.title = given or section.title
                found = True
            else:
                items[position] = ours_page
                ours_page.title = given or ours_page.title
            items[position].parent = parent
        elif isinstance(item, Section):
            found = _replace(item.children, item, section, ours) or found
    for child in section.children:
        child.parent = section
    return found


def _pages(items: Sequence[StructureItem]) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)
