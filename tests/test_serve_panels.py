"""What serve says about the content's problems: the warnings listed (terminal and page, in a
closed panel), the errors in a panel that can be minimised, and "fixed" when the errors go."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.serve import Preview
from debatemap.serve.overlay import SHOWN_WARNINGS

from .helpers import minimal_site
from .serving import until
from .test_serve import EventStream, port_of, request

UNUSED = "title: Unused {n}\nurl: https://example.org/unused-{n}\npublished: 2024-01-01\n"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, Path, io.StringIO]]:
    content = minimal_site(tmp_path / "content", {"sources/unused-0.yaml": UNUSED.format(n=0)})
    log = io.StringIO()
    preview = Preview(content, port=0, log=log)
    preview.start()
    yield preview, content, log
    preview.close()


def test_the_warnings_are_listed_in_the_terminal_and_in_a_closed_panel(served: tuple[Preview, Path, io.StringIO]) -> None:
    preview, _, log = served
    said = log.getvalue()
    assert "1 warning:" in said and "unused-0.yaml:1:1: warning[unused-source]" in said
    page = request(port_of(preview), "/debates/").text
    panel = re.search(r'<details id="debatemap-warnings">.*?</details>', page, re.S)
    assert panel and "warning[unused-source]" in panel[0]  # closed: no open attribute
    assert 'id="debatemap-errors"' not in page


def test_a_save_lists_its_new_warnings_and_a_fix_is_reported_in_so_many_words(
    served: tuple[Preview, Path, io.StringIO],
) -> None:
    preview, content, log = served
    port = port_of(preview)
    map_file = content / "maps" / "open.yaml"
    good = map_file.read_text()
    (content / "sources" / "unused-1.yaml").write_text(UNUSED.format(n=1))
    until(lambda: "2 warnings now (1 new):" in log.getvalue(), "the new warning was not listed")
    assert "unused-1.yaml:1:1: warning[unused-source]" in log.getvalue()
    stream = EventStream(port, request(port, "/debates/").text)
    try:
        map_file.write_text(good + "\n  pros: [unclosed\n")
        stream.wait_for(None)
        assert 'id="debatemap-errors"' in request(port, "/debates/").text
        map_file.write_text(good)
        stream.wait_for(None)
    finally:
        stream.close()
    assert re.search(r"\d\d:\d\d:\d\d fixed: no errors now; rebuilt ", log.getvalue())
    page = request(port, "/debates/").text
    assert 'id="debatemap-errors"' not in page and 'id="debatemap-warnings"' in page


def test_a_page_lists_a_capped_number_of_warnings(tmp_path: Path) -> None:
    many = {f"sources/unused-{n:02}.yaml": UNUSED.format(n=n) for n in range(SHOWN_WARNINGS + 10)}
    log = io.StringIO()
    preview = Preview(minimal_site(tmp_path / "content", many), port=0, log=log)
    preview.start()
    try:
        page = request(port_of(preview), "/debates/").text
        assert page.count("warning[unused-source]") == SHOWN_WARNINGS
        assert f"{SHOWN_WARNINGS + 10} warnings" in page and "and 10 more: `debatemap check` lists them all" in page
        assert "and 40 more" in log.getvalue()  # the terminal lists 20
    finally:
        preview.close()
