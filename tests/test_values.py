"""Values with a format of their own: ids, dates, URLs, whole numbers; and ids across files."""

from __future__ import annotations

from pathlib import Path

import pytest

from debatemap.pipeline import load_site
from debatemap.schema import ID_MAX
from debatemap.validate import check_id, id_hint
from tests.helpers import MAP, SOURCE, minimal_site

S = "content/sources/report.yaml"
PARTIAL_HINT = "e.g. 2024-07-23, or 2024-07 or 2024 when only the month or year is known"
FORM = "is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY"
TWO_DIGITS = "write months and days with two digits:"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def problems(files: dict[str, str | bytes]) -> list[str]:
    root = minimal_site(Path("content"), files)
    return [f"{d.position}: {d.code}: {d.message}" for d in load_site(root).diagnostics]


# Ids


@pytest.mark.parametrize("good", ["a", "open-weights", "llama-3-1", "404-errors", "x" * ID_MAX])
def test_valid_ids(good: str) -> None:
    assert check_id(good) is None


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("Open-Weights", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("open_weights", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("open--weights", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("-open", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("open-", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("caf\u00e9", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("open weights", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("open\n", "ids use lowercase ASCII letters, digits and single hyphens"),
        ("x" * (ID_MAX + 1), f"ids are at most {ID_MAX} characters"),
        ("index", "this name is reserved"),
        ("search", "this name is reserved"),
        ("404", "this name is reserved"),
        ("con", "this name is reserved"),
        ("lpt1", "this name is reserved"),
    ],
)
def test_invalid_ids_say_why(bad: str, problem: str) -> None:
    assert check_id(bad) == problem


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        ("Open Weights", "try 'open-weights'"),
        ("open_weights__now", "try 'open-weights-now'"),
        ("index", "use lowercase letters, digits and hyphens, e.g. open-weights-speed-innovation"),
        ("___", "use lowercase letters, digits and hyphens, e.g. open-weights-speed-innovation"),
    ],
)
def test_invalid_id_hint_suggests_a_valid_id_when_there_is_one(bad: str, hint: str) -> None:
    assert id_hint(bad) == hint


def test_id_in_content_longer_than_80_characters_is_refused() -> None:
    long_id = "a" * 81
    assert problems({"maps/open.yaml": MAP.replace("id: misuse-risk", f"id: {long_id}")}) == [
        f"content/maps/open.yaml:16:11: invalid-id: invalid id '{long_id}': ids are at most 80 characters"
    ]


def test_reserved_name_as_a_claim_id_is_refused() -> None:
    assert problems({"maps/open.yaml": MAP.replace("id: misuse-risk", "id: sitemap")}) == [
        "content/maps/open.yaml:16:11: invalid-id: invalid id 'sitemap': this name is reserved"
    ]


def test_file_name_that_is_no_id_is_refused() -> None:
    assert problems({"sources/A Report.yaml": SOURCE}) == [
        "content/sources/A Report.yaml: invalid-id: invalid file name 'A Report.yaml': "
        "ids use lowercase ASCII letters, digits and single hyphens",
    ]


def test_page_named_like_a_section_is_refused() -> None:
    assert problems({"pages/maps.md": "---\ntitle: Maps\n---\nA page that would hide /maps/.\n"}) == [
        "content/pages/maps.md: invalid-id: invalid file name 'maps.md': this name is taken by a section of the site"
    ]


def test_same_claim_id_in_two_maps_is_a_duplicate() -> None:
    other = MAP.replace("open-weights", "closed-weights").replace("faster-innovation", "slower-innovation")
    assert problems({"maps/other.yaml": other}) == [
        "content/maps/other.yaml:16:11: duplicate-id: the claim id 'misuse-risk' is already defined at "
        "content/maps/open.yaml:16:11"
    ]


def test_map_ids_differing_only_by_case_are_duplicates() -> None:
    # Two files that a case-insensitive file system (macOS, Windows) could not even hold together.
    other = (
        MAP.replace("open-weights", "upper-thesis").replace("faster-innovation", "upper-pro").replace("misuse-risk", "upper-con")
    )
    assert problems({"maps/Open.yaml": other}) == [
        "content/maps/Open.yaml: invalid-id: invalid file name 'Open.yaml': "
        "ids use lowercase ASCII letters, digits and single hyphens",
        "content/maps/open.yaml:1:1: duplicate-id: the map id 'open' is already defined at content/maps/Open.yaml:1:1",
    ]


def test_claim_ids_and_source_ids_are_separate_namespaces() -> None:
    assert problems({"maps/open.yaml": MAP.replace("id: misuse-risk", "id: report")}) == []


def test_a_claim_with_a_broken_text_is_still_a_target_for_refs() -> None:
    broken = MAP.replace("      claim: Open weights enable misuse.\n", "") + "    - ref: misuse-risk\n"
    assert problems({"maps/open.yaml": broken}) == [
        "content/maps/open.yaml:16:7: missing-field: claim is missing the required field 'claim'"
    ]


# Dates


@pytest.mark.parametrize("good", ["2024-02-29", "1999-12-31", "2024-07-23", "2024-01", "2023-12", "2023", "0001"])
def test_real_dates_months_and_years_are_accepted_for_a_source(good: str) -> None:
    assert problems({"sources/report.yaml": SOURCE.replace("2024-07-30", good)}) == []


@pytest.mark.parametrize(
    ("bad", "message", "hint"),
    [
        ("2024-02-30", "'2024-02-30' is not a real date: day is out of range for month", "check the day of the month"),
        ("2023-02-29", "'2023-02-29' is not a real date: day is out of range for month", "check the day of the month"),
        ("2024-13-01", "'2024-13-01' is not a real date: month 13 is not between 01 and 12", "e.g. 2024-01 for January 2024"),
        ("2024-13", "'2024-13' is not a real date: month 13 is not between 01 and 12", "e.g. 2024-01 for January 2024"),
        ("2024-00", "'2024-00' is not a real date: month 00 is not between 01 and 12", "e.g. 2024-01 for January 2024"),
        ("0000", "'0000' is not a real date: there is no year 0", "years start at 0001"),
        ("2024-1", "'2024-1' " + FORM, f"{TWO_DIGITS} 2024-01"),
        ("2024-7-3", "'2024-7-3' " + FORM, f"{TWO_DIGITS} 2024-07-03"),
        ("2024/01", "'2024/01' " + FORM, f"{TWO_DIGITS} 2024-01"),
        ("24", "'24' " + FORM, "write the year with four digits, e.g. 2024"),
        ("24-01", "'24-01' " + FORM, PARTIAL_HINT),
        ("20240", "'20240' " + FORM, PARTIAL_HINT),
        ("23 July 2024", "'23 July 2024' " + FORM, PARTIAL_HINT),
        ("2024-07-30T10:00:00", "'2024-07-30T10:00:00' " + FORM, PARTIAL_HINT),
        ("\uff12\uff10\uff12\uff14", "'\uff12\uff10\uff12\uff14' " + FORM, PARTIAL_HINT),
    ],
)
def test_invalid_source_dates_are_refused_where_they_are_written(bad: str, message: str, hint: str) -> None:
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE.replace("2024-07-30", bad)})
    diagnostics = load_site(root).diagnostics
    assert [f"{d.position}: {d.code}: {d.message}" for d in diagnostics] == [f"{S}:5:12: invalid-date: {message}"]
    assert diagnostics[0].hint == hint


@pytest.mark.parametrize("partial", ["2024-08", "2024"])
def test_a_map_is_updated_on_a_day_not_a_month_or_year(partial: str) -> None:
    """The feed and the sitemap date pages by ``updated``, and Atom needs a full date."""
    found = problems({"maps/open.yaml": MAP.replace("2024-08-01", partial)})
    assert found == [f"content/maps/open.yaml:4:10: invalid-date: '{partial}' is not a date in the form YYYY-MM-DD"]


# URLs


@pytest.mark.parametrize(
    "good",
    [
        "https://example.org",
        "http://example.org/a?b=c#d",
        "https://localhost:8000/x",
        "https://xn--caf-dma.example/",
        "https://a.b/%20",
    ],
)
def test_http_urls_with_a_host_are_accepted(good: str) -> None:
    assert problems({"sources/report.yaml": SOURCE.replace("https://example.org/report", good)}) == []


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("javascript:alert(1)", "only http and https links are allowed"),
        ("ftp://example.org/file", "only http and https links are allowed"),
        ("data:text/html,hello", "only http and https links are allowed"),
        ("example.org/report", "only http and https links are allowed"),
        ("https:///report", "it has no valid host name"),
        ("https://example/report", "it has no valid host name"),
        ("https://example.org:0/", "it has no valid host name"),
        ("https://example.org:99999/", "Port out of range 0-65535"),
        ("https://exa mple.org/", "it contains spaces or characters that must be percent-encoded"),
        ("https://example.org/a b", "it contains spaces or characters that must be percent-encoded"),
        ("https://example.org/<script>", "it contains spaces or characters that must be percent-encoded"),
        ("https://[::1/", "Invalid IPv6 URL"),
        ("https://example.org/" + "a" * 2000, "it is longer than 2000 characters"),
    ],
)
def test_invalid_urls_are_refused_with_the_reason(bad: str, problem: str) -> None:
    data = SOURCE.replace("url: https://example.org/report", f"url: '{bad}'")
    assert problems({"sources/report.yaml": data}) == [f"{S}:2:6: invalid-url: 'url' is not a valid URL: {problem}"]


def test_base_url_gets_a_trailing_slash() -> None:
    root = minimal_site(Path("content"), {"site.yaml": "title: T\nbase_url: https://example.org/debates\nnav: [about]\n"})
    assert load_site(root).site.config.base_url == "https://example.org/debates/"


# Whole numbers


@pytest.mark.parametrize(("written", "value"), [("3", 3), ("-2", -2), ("'7'", 7), ("012", 12)])
def test_page_order_is_a_whole_number(written: str, value: int) -> None:
    root = minimal_site(Path("content"), {"pages/about.md": f"---\ntitle: About\norder: {written}\n---\nBody.\n"})
    checked = load_site(root)
    assert checked.diagnostics == ()
    assert checked.site.pages["about"].order == value


@pytest.mark.parametrize("written", ["1.5", "yes", "first", "1_000", "0x10", "1234567890"])
def test_page_order_that_is_no_whole_number_says_so(written: str) -> None:
    assert problems({"pages/about.md": f"---\ntitle: About\norder: {written}\n---\nBody.\n"}) == [
        f"content/pages/about.md:3:8: wrong-type: 'order' must be a whole number, not '{written}'"
    ]


# Lists and texts


def test_nav_entries_may_be_long_page_slugs() -> None:
    slug = "how-we-choose-claims-and-sources-for-the-maps"
    root = minimal_site(
        Path("content"),
        {"site.yaml": f"title: T\nnav: [maps, {slug}]\n", f"pages/{slug}.md": "---\ntitle: Method\n---\nText.\n"},
    )
    assert load_site(root, strict=True).diagnostics == ()


def test_too_many_tags_are_refused() -> None:
    tags = ", ".join(f"tag-{i}" for i in range(51))
    assert problems({"sources/report.yaml": SOURCE + f"tags: [{tags}]\n"}) == [
        f"{S}:8:7: too-long: 'tags' has 51 items; the limit is 50"
    ]


def test_multi_line_plain_text_is_joined_into_one_line() -> None:
    root = minimal_site(
        Path("content"), {"sources/report.yaml": SOURCE.replace("title: A report", "title: A report\n  in two lines")}
    )
    assert load_site(root).site.sources["report"].title == "A report in two lines"


def test_markdown_keeps_a_leading_code_block() -> None:
    summary = "summary: |2\n      code block\n  then text\n"
    root = minimal_site(Path("content"), {"sources/report.yaml": SOURCE.replace("summary: What the report says.\n", summary)})
    assert load_site(root).site.sources["report"].summary == "    code block\nthen text"


def test_empty_list_value_is_refused_like_an_empty_text() -> None:
    assert problems({"sources/report.yaml": SOURCE.replace("authors: [Ada Lovelace]", "authors: ~")}) == [
        f"{S}:4:10: empty-value: 'authors' is empty"
    ]


@pytest.mark.parametrize("name", ["page", "by-title", "by-citations"])
def test_source_named_like_a_bibliography_page_is_refused(name: str) -> None:
    assert problems({f"sources/{name}.yaml": SOURCE}) == [
        f"content/sources/{name}.yaml: invalid-id: invalid file name '{name}.yaml': "
        "this name is taken by a page of the bibliography"
    ]


def test_map_named_like_a_page_of_the_maps_index_is_refused() -> None:
    found = problems({"maps/page.yaml": MAP})
    message = "invalid file name 'page.yaml': this name is taken by a page of the maps index"
    assert f"content/maps/page.yaml: invalid-id: {message}" in found
