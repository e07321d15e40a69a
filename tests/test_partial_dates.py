"""Sources dated only to the month or the year: read, shown, ordered, indexed and described.

A bibliography knows some dates only as "January 2024" or "2023". The tool keeps them as ISO 8601
partial dates instead of refusing them or inventing a day (the check's messages are pinned in
test_values.py).
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jsonschema
import pytest

from debatemap.build import build
from debatemap.dates import human_date, last_day
from debatemap.editorial.sourcing import years_between
from debatemap.jsonschema import json_schema
from debatemap.render.citation import bibtex, csl
from debatemap.render.cite import Work, apa, chicago, mla
from tests.helpers import MAP, SOURCE, minimal_site
from tests.test_cite import plain


@pytest.mark.parametrize(
    ("iso", "shown"),
    [("2024-07-30", "30 July 2024"), ("2024-07-03", "3 July 2024"), ("2024-01", "January 2024"), ("2023", "2023"), (None, "")],
)
def test_dates_are_shown_to_the_precision_they_are_known(iso: str | None, shown: str) -> None:
    assert human_date(iso) == shown


DATES = {"day-in-month": "2024-01-17", "month": "2024-01", "year": "2024", "older": "2023-12-30", "undated": None}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("partial-dates")
    files: dict[str, str | bytes] = {}
    cited = []
    for source_id, date in DATES.items():
        text = SOURCE.replace("title: A report", f"title: Source {source_id}")
        text = text.replace("2024-07-30", date) if date else text.replace("published: 2024-07-30\n", "")
        files[f"sources/{source_id}.yaml"] = text
        cited.append(f"{{source: {source_id}, note: Cited.}}")
    files["maps/open.yaml"] = MAP.replace("[{source: report, note: Section 3.}]", "[" + ", ".join(cited) + "]")
    content = minimal_site(root / "content", files)
    build(content, root / "site", strict=True)
    return root / "site"


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_bibliography_newest_first_puts_a_month_or_year_after_the_days_inside_it(site: Path) -> None:
    body = _page(site, "sources/index.html").split("<tbody>", 1)[1]
    listed = re.findall(r'<td><a href="(?:\.\./)+sources/([^/"]+)/">', body)
    assert [s for s in listed if s in DATES] == ["day-in-month", "month", "year", "older", "undated"]


def test_a_source_page_shows_the_month_and_gives_it_to_machines_as_written(site: Path) -> None:
    html = _page(site, "sources/month/index.html")
    assert '<time datetime="2024-01">January 2024</time>' in html
    assert '<time datetime="2024">2024</time>' in _page(site, "sources/year/index.html")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    described = [json.loads(b) for b in blocks]
    assert any(d.get("datePublished") == "2024-01" for d in described), described


def test_the_search_year_filter_finds_a_source_known_only_by_its_month_or_year(site: Path) -> None:
    options = re.findall(r'<option value="(\d+)">', _page(site, "search/index.html"))
    assert options == ["2024", "2023"]
    script = (site / "search" / "index" / "d" / "0.js").read_text(encoding="utf-8")
    docs = json.loads(script[len('debatemapIndex("d/0",') : -len(");\n")])
    years = {d["u"]: d.get("y") for d in docs if d["k"] == "source"}
    assert years["sources/month/"] == years["sources/year/"] == years["sources/day-in-month/"] == ["2024"]
    assert years["sources/older/"] == ["2023"] and years["sources/undated/"] is None


def test_the_feed_keeps_full_timestamps_whatever_the_sources_dates(site: Path) -> None:
    feed = _page(site, "feed.xml")
    stamps = re.findall(r"<updated>([^<]*)</updated>", feed)
    assert stamps and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", s) for s in stamps), stamps
    assert "2024-01<" not in feed


@pytest.mark.parametrize(
    ("value", "valid"), [("2024-01-17", True), ("2024-01", True), ("2024", True), ("2024-1", False), ("24", False)]
)
def test_the_json_schema_takes_the_same_dates_as_the_check(value: str, valid: bool) -> None:
    document = {"title": "A report", "url": "https://example.org/report", "published": value}
    validator = jsonschema.Draft202012Validator(json_schema("source"))
    assert validator.is_valid(document) is valid
    assert jsonschema.Draft202012Validator(json_schema("map")).is_valid({"title": "Q?", "updated": "2024-01"}) is False


ESSAY = Work(
    "harris", "article-magazine", "Open-source AI is uniquely dangerous", "https://spectrum.ieee.org/open-source-ai-2666932122",
    container="IEEE Spectrum", authors=("David Evan Harris",), date="2024-01",
)  # fmt: skip


def test_citations_give_a_month_or_a_year_as_known_and_never_a_day() -> None:
    assert plain(apa(ESSAY)).startswith("Harris, D. E. (2024, January). Open-source AI is uniquely dangerous.")
    assert ", Jan. 2024, spectrum.ieee.org" in plain(mla(ESSAY))
    assert "January 2024." in plain(chicago(ESSAY)) and "January 1" not in plain(chicago(ESSAY))
    tex = bibtex(ESSAY)
    assert "year = {2024}" in tex and "month = jan" in tex and "date = {2024-01}" in tex
    assert csl(ESSAY)["issued"] == {"date-parts": [[2024, 1]]}
    year_only = dataclasses.replace(ESSAY, date="2023")
    assert "(2023)." in plain(apa(year_only)) and ", 2023, spectrum" in plain(mla(year_only))
    assert csl(year_only)["issued"] == {"date-parts": [[2023]]}


@pytest.mark.parametrize(
    ("published", "years"),
    [("2023-12-07", 2), ("2023-12-06", 3), ("2023-11", 3), ("2023-12", 2), ("2023", 2), ("2024-01", 2), ("nonsense", None)],
)
def test_a_source_known_by_its_month_or_year_is_aged_from_the_last_day_it_can_mean(published: str, years: int | None) -> None:
    assert years_between(published, "2026-12-06") == years


@pytest.mark.parametrize(
    ("iso", "day"), [("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"), ("2023-12", "2023-12-31"), ("2023", "2023-12-31")]
)
def test_the_last_day_of_a_month_or_year(iso: str, day: str) -> None:
    found = last_day(iso)
    assert found is not None and found.isoformat() == day
