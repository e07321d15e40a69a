"""Cite this claim, map or source: each style against the style guides' own examples, BibTeX and
CSL-JSON, the pages' citation blocks and meta tags, and /cite.bib."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from debatemap.render.citation import bibtex, csl, pretty_json
from debatemap.render.cite import ACCESSED, Work, _esc, apa, chicago, mla, split_name, title_case

GOLDEN = Path(__file__).parent / "golden" / "expected"


def plain(markup: str) -> str:
    """Italics as *...*, as the guides print them in plain text."""
    return str(markup).replace("<i>", "*").replace("</i>", "*").replace("&amp;", "&").replace("&#34;", '"').replace("&#39;", "'")


# APA 7 (Publication Manual 10.1, 10.2, 10.16)


def test_apa_web_page_by_its_site_is_not_named_twice() -> None:
    who = Work(
        "who", "webpage", "The top 10 causes of death", "https://www.who.int/news-room/fact-sheets/detail/the-top-10-causes-of-death",
        container="World Health Organization", organisation="World Health Organization", date="2018-05-24",
    )  # fmt: skip
    assert plain(apa(who)) == (
        "World Health Organization. (2018, May 24). *The top 10 causes of death*. "
        "https://www.who.int/news-room/fact-sheets/detail/the-top-10-causes-of-death"
    )


def test_apa_newspaper_and_journal_articles() -> None:
    news = Work(
        "carey", "article-newspaper", "Can we get better at forgetting?",
        "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
        container="The New York Times", authors=("Benedict Carey",), date="2019-03-22",
    )  # fmt: skip
    assert plain(apa(news)) == (
        "Carey, B. (2019, March 22). Can we get better at forgetting? *The New York Times*. "
        "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html"
    )
    paper = Work(
        "grady", "article-journal", "Emotions in storybooks", "https://doi.org/10.1037/ppm0000185",
        container="Psychology of Popular Media Culture", date="2019-03-01",
        authors=("Jessica Grady", "Malena Her", "Geena Moreno"),
    )  # fmt: skip
    assert plain(apa(paper)) == (
        "Grady, J., Her, M., & Moreno, G. (2019). Emotions in storybooks. *Psychology of Popular Media Culture*. "
        "https://doi.org/10.1037/ppm0000185"
    )


def test_apa_page_that_changes_gets_a_retrieval_date() -> None:
    census = Work(
        "census", "webpage", "U.S. and world population clock", "https://www.census.gov/popclock/",
        organisation="U.S. Census Bureau", publisher="U.S. Department of Commerce", modified=True,
    )  # fmt: skip
    assert plain(apa(census)).replace(ACCESSED, "July 3, 2019") == (
        "U.S. Census Bureau. (n.d.). *U.S. and world population clock*. Retrieved July 3, 2019, from https://www.census.gov/popclock/"
    )


# MLA 9 (Handbook 5.x, and its web page examples)


def test_mla_web_page_with_author_and_access_date() -> None:
    page = Work(
        "bernstein", "webpage", "10 Tips on Writing the Living Web", "https://alistapart.com/article/writeliving",
        container="A List Apart: For People Who Make Websites", authors=("Mark Bernstein",), date="2002-08-16",
    )  # fmt: skip
    assert plain(mla(page)).replace(ACCESSED, "4 May 2009") == (
        "Bernstein, Mark. “10 Tips on Writing the Living Web.” *A List Apart: For People Who Make Websites*, 16 Aug. 2002, "
        "alistapart.com/article/writeliving. Accessed 4 May 2009."
    )


def test_mla_work_by_its_site_begins_with_the_title_and_a_question_keeps_its_mark() -> None:
    page = Work(
        "q", "webpage", "Should frontier AI model weights be released openly?", "https://example.org/maps/q/",
        container="Open Weights, Open Question", organisation="Open Weights, Open Question", date="2026-11-26", modified=True,
    )  # fmt: skip
    assert plain(mla(page)) == (
        "“Should Frontier AI Model Weights Be Released Openly?” *Open Weights, Open Question*, 26 Nov. 2026, "
        f"example.org/maps/q/. Accessed {ACCESSED}."
    )


# Chicago 17 (14.206-14.208)


def test_chicago_web_pages() -> None:
    google = Work(
        "google", "webpage", "Privacy Policy", "https://www.google.com/policies/privacy/",
        container="Privacy & Terms", organisation="Google", date="2017-04-17", modified=True,
    )  # fmt: skip
    assert plain(chicago(google)).replace(f"Accessed {ACCESSED}. ", "") == (
        "Google. “Privacy Policy.” Privacy & Terms. Last modified April 17, 2017. https://www.google.com/policies/privacy/."
    )
    undated = Work(
        "mcd", "webpage", "McDonald’s Happy Meal Toy Safety Facts", "http://www.mcdonalds.com/corp/about/factsheets.html",  # noqa: RUF001
        organisation="McDonald’s",  # noqa: RUF001
    )  # fmt: skip
    assert plain(chicago(undated)).replace(ACCESSED, "July 19, 2008") == (
        "McDonald’s. “McDonald’s Happy Meal Toy Safety Facts.” Accessed July 19, 2008. http://www.mcdonalds.com/corp/about/factsheets.html."  # noqa: RUF001
    )


def test_title_case_keeps_minor_words_names_and_capitalises_compounds() -> None:
    assert title_case("open weights let anyone build on a model, which speeds up innovation") == (
        "Open Weights Let Anyone Build on a Model, Which Speeds Up Innovation"
    )
    assert title_case("BadLlama: cheaply removing safety fine-tuning from Llama 2-Chat 13B") == (
        "BadLlama: Cheaply Removing Safety Fine-Tuning from Llama 2-Chat 13B"
    )
    assert title_case("what OpenAI's R1 release says") == "What OpenAI's R1 Release Says"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_pretty_json_is_json_dumps_with_indent_byte_for_byte(value: object) -> None:
    assert pretty_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_title_case_of_a_word_depends_on_its_place() -> None:
    # The same minor word, cached per place: lower case inside, capitalised first, last and after a colon.
    assert title_case("of mice and of men") == "Of Mice and of Men"
    assert title_case("the case for: of") == "The Case For: Of"


def test_names_split_into_family_and_given() -> None:
    assert split_name("Mark Zuckerberg") == ("Zuckerberg", "Mark")
    assert split_name("Daniel Privitera (Lead Writer)") == ("Privitera", "Daniel")
    assert split_name("Ludwig van Beethoven") == ("van Beethoven", "Ludwig")
    assert split_name("Lovelace, Ada") == ("Lovelace", "Ada")
    assert split_name("Plato") == ("Plato", "")


def test_bibtex_escapes_tex_and_keeps_case_and_urls() -> None:
    work = Work(
        "x", "report", "Costs & {benefits}: 100% of $5_000", "https://example.org/a_b?x=1&y=%7B",
        authors=("Ada Lovelace",), publisher="Institute #1", date="2024-07-30",
    )  # fmt: skip
    assert bibtex(work) == (
        "@techreport{x,\n"
        "  author = {Lovelace, Ada},\n"
        "  title = {{Costs \\& \\{benefits\\}: 100\\% of \\$5\\_000}},\n"
        "  institution = {Institute \\#1},\n"
        "  year = {2024},\n"
        "  month = jul,\n"
        "  date = {2024-07-30},\n"
        "  url = {https://example.org/a_b?x=1&y=%7B}\n"
        "}"
    )
    assert bibtex(work).count("{") - bibtex(work).count("\\{") == bibtex(work).count("}") - bibtex(work).count("\\}")


def test_csl_json_item() -> None:
    work = Work(
        "claim:x", "webpage", "A claim.", "https://example.org/claims/x/",
        container="Site", organisation="Site", date="2026-11-26", version="2026-11-26", modified=True,
    )  # fmt: skip
    assert csl(work) == {
        "id": "claim:x",
        "type": "webpage",
        "title": "A claim",
        "author": [{"literal": "Site"}],
        "container-title": "Site",
        "issued": {"date-parts": [[2026, 11, 26]]},
        "version": "2026-11-26",
        "URL": "https://example.org/claims/x/",
    }


# The built pages


def test_claim_map_and_source_pages_offer_every_format_and_meta_tags() -> None:
    for page in ("claims/lanes-cut-injuries/index.html", "maps/city-cycling/index.html", "sources/lane-safety-study/index.html"):
        html = (GOLDEN / page).read_text(encoding="utf-8")
        for part in (
            'id="cite-apa"',
            'id="cite-mla"',
            'id="cite-chicago"',
            'id="cite-bibtex"',
            'id="cite-csl"',
            "assets/cite.js",
        ):
            assert part in html, (page, part)
        assert '<meta name="citation_title"' in html
        data = re.search(r'<pre class="cite-code" id="cite-csl" data-style="csl">(.*?)</pre>', html, re.S)
        assert data is not None
        items = json.loads(
            data.group(1)
            .replace("&#34;", '"')
            .replace("&#39;", "'")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
        )
        assert items[0]["URL"].startswith("https://")
    claim = (GOLDEN / "claims/lanes-cut-injuries/index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_publication_date" content="2025/03/14">' in claim  # the map's updated date
    assert '"version": "2025-03-14"' in claim.replace("&#34;", '"')
    assert "https://example.org/golden/claims/lanes-cut-injuries/" in claim


def test_the_cite_blocks_stylesheet_and_script_are_linked_once_in_the_head_of_pages_that_show_it() -> None:
    """In the head, the style is there before the block is drawn; and the macro needs no page
    context to link them, so each page uses the one imported macro module instead of making its own."""
    for page in ("claims/lanes-cut-injuries/index.html", "maps/city-cycling/index.html", "sources/lane-safety-study/index.html"):
        head, _, body = (GOLDEN / page).read_text(encoding="utf-8").partition("</head>")
        assert head.count("assets/cite.css?v=") == head.count("assets/cite.js?v=") == 1, page
        assert "assets/cite." not in body and '<section class="cite"' in body, page
    for page in ("index.html", "tags/index.html", "about/index.html"):
        html = (GOLDEN / page).read_text(encoding="utf-8")
        assert "assets/cite." not in html and '<section class="cite"' not in html, page


def test_cite_bib_lists_every_source_once() -> None:
    text = (GOLDEN / "cite.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),$", text, re.M)
    sources = sorted(p.stem for p in (GOLDEN.parent / "content" / "sources").glob("*.yaml"))
    assert keys == sources
    assert "\\& \\{\\{ 7*7 \\}\\}}}," in text  # the hostile title's TeX specials are escaped


@given(st.text())
def test_citation_escaping_is_markupsafes_byte_for_byte(text: str) -> None:
    assert _esc(text) == str(escape(text))
