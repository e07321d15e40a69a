"""Search in a real browser, on the built content site: queries, filters, links, keyboard, no JS."""

from __future__ import annotations

from typing import Any

import pytest

from debatemap.pipeline import load_site
from debatemap.render.search_text import normalise, stem, terms

from .conftest import CONTENT, StaticServer

pytestmark = pytest.mark.browser

RESULTS = "#search-results .search-result"


def open_search(page: Any, server: StaticServer, query: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url + "search/" + query)
    page.wait_for_selector("#search-status:not(:empty)")
    assert errors == []


def show_all(page: Any) -> None:
    """Press "Show more results" until every result is on the page."""
    while page.locator("#search-more").is_visible():
        count = page.locator(RESULTS).count()
        page.click("#search-more")
        page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length > {count}")


def result_urls(page: Any) -> list[str]:
    return [str(href) for href in page.eval_on_selector_all(RESULTS + " h2 a", "links => links.map(a => a.href)")]


def test_a_query_finds_the_expected_claim_first(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "?q=fraudsters+hackers")
    assert result_urls(page)[0] == content_server.url + "claims/misuse-by-bad-actors/"
    marks = page.eval_on_selector_all(RESULTS + ":first-child mark", "marks => marks.map(m => m.textContent)")
    assert {"fraudsters", "hackers"} <= set(marks)


def test_a_publisher_finds_its_source_and_every_claim_citing_it(page: Any, content_server: StaticServer) -> None:
    site = load_site(CONTENT).site
    citing = {content_server.url + f"claims/{c}/" for c in site.citing["ntia-open-model-weights-report"]}
    open_search(page, content_server, "?q=NTIA+report")
    show_all(page)
    urls = result_urls(page)
    # The source is among the first hits (a claim whose own sentence names the report may lead).
    assert content_server.url + "sources/ntia-open-model-weights-report/" in urls[:3]
    assert citing <= set(urls)


def test_results_show_as_you_type(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "")
    assert page.locator(RESULTS).count() == 0
    page.locator("#search-q").press_sequentially("fraudst", delay=30)  # a prefix: no whole word yet
    page.wait_for_function("document.querySelectorAll('#search-results .search-result').length > 0")
    assert result_urls(page)[0] == content_server.url + "claims/misuse-by-bad-actors/"
    # the address follows the last keystroke (on a loaded machine a pause mid-word may search first)
    page.wait_for_function("location.search === '?q=fraudst'")


def result_count(page: Any) -> int:
    return int(page.inner_text("#search-status").split()[0])


def test_a_stance_filter_leaves_only_cons(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "?q=misuse")
    everything = result_count(page)
    page.select_option("#search-stance", "con")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('filtered by Con')")
    assert new_url_param(page, "stance") == "con"
    show_all(page)
    results = page.locator(RESULTS)
    assert 0 < results.count() == result_count(page) < everything
    for i in range(results.count()):
        assert results.nth(i).locator(".badge-con").count() == 1
        assert "claim" in (results.nth(i).get_attribute("class") or "")


def new_url_param(page: Any, name: str) -> str | None:
    value = page.evaluate(f"new URLSearchParams(location.search).get('{name}')")
    return None if value is None else str(value)


def test_a_deep_link_restores_the_query_and_filters(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "?q=misuse&stance=con&type=claim")
    assert page.input_value("#search-q") == "misuse"
    assert page.input_value("#search-stance") == "con"
    assert page.input_value("#search-type") == "claim"
    assert page.locator(RESULTS).count() > 0
    assert "filtered by Claims, Con" in page.inner_text("#search-status")


def test_filters_alone_list_every_matching_document(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "?type=source&kind=law")
    urls = result_urls(page)
    assert urls
    assert all("/sources/" in url for url in urls)


def test_keyboard_alone_reaches_and_opens_a_result(page: Any, content_server: StaticServer) -> None:
    page.goto(content_server.url + "claims/misuse-by-bad-actors/")
    for _ in range(30):  # skip link, title, navigation... until the header search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "header-search-q":
            break
    assert page.evaluate("document.activeElement.id") == "header-search-q"
    page.keyboard.type("open-washing")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=open-washing")
    page.wait_for_selector(RESULTS)
    page.focus("#search-q")
    page.keyboard.press("ArrowDown")
    first = result_urls(page)[0]
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == result_urls(page)[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(first)


def test_results_are_announced_to_screen_readers(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "?q=misuse")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert "results for “misuse”" in status.inner_text()
    assert page.locator("label[for=search-q]").inner_text() == "Search claims, maps and sources"


def test_the_browser_cuts_text_into_the_same_terms_as_the_index(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "")
    samples = [
        "The Misuses of Éval-models, in 2024!",
        "Policies, analyses; Ответы — 日本語 Ελλάδα Ça",
        "naïve CAFÉS toes corpus gas",
    ]
    for text in samples:
        words = page.evaluate("t => debatemapSearchText.words(t)", text)
        meta = "() => fetch('index/meta.js').then(r => r.text()).then(t => JSON.parse(t.slice(t.indexOf(',') + 1, -3)))"
        stop = set(page.evaluate(meta)["stop"])
        in_browser = [page.evaluate("w => debatemapSearchText.stem(w)", w) for w in words if w not in stop]
        assert in_browser == terms(text), text
        assert page.evaluate("t => debatemapSearchText.normalise(t)", text) == normalise(text)
    assert page.evaluate("w => debatemapSearchText.stem(w)", "policies") == stem("policies")


def test_without_javascript_the_page_explains_and_links_to_tags_and_sources(browser: Any, content_server: StaticServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(content_server.url + "search/?q=misuse")
        assert tab.locator("#search-form").is_hidden()
        message = tab.locator(".search-nojs")
        assert message.is_visible()
        assert "needs JavaScript" in message.inner_text()
        tab.click(".search-nojs a[href='../tags/']")
        tab.wait_for_url(content_server.url + "tags/")
        tab.go_back()
        tab.click(".search-nojs a[href='../sources/']")
        tab.wait_for_url(content_server.url + "sources/")
        tab.fill("#header-search-q", "licence")
        tab.press("#header-search-q", "Enter")
        tab.wait_for_url(content_server.url + "search/?q=licence")
    finally:
        context.close()


def test_show_more_adds_the_next_results_once_and_focuses_the_first_of_them(page: Any, content_server: StaticServer) -> None:
    open_search(page, content_server, "?q=open")
    assert page.locator(RESULTS).count() == 10
    # Two clicks in a row: the second comes while the first page loads and must not add it twice.
    page.evaluate("() => { const more = document.getElementById('search-more'); more.click(); more.click(); }")
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length > 10")
    page.wait_for_function("!document.getElementById('search-more').disabled")
    urls = result_urls(page)
    assert len(urls) == len(set(urls))
    assert page.evaluate("document.activeElement.href") == urls[10]


def test_the_side_filter_keeps_claims_against_the_thesis_and_each_result_names_what_it_answers(
    page: Any, content_server: StaticServer
) -> None:
    """The review's case: "misuse" with stance=con led with a rebuttal of a con, which helps the thesis."""
    rebuttal = content_server.url + "claims/closed-models-misused-too/"
    open_search(page, content_server, "?q=misuse&stance=con")
    show_all(page)
    assert rebuttal in result_urls(page), "the stance filter is towards the parent: the rebuttal is a con"
    item = page.locator(RESULTS, has=page.locator('h2 a[href$="/claims/closed-models-misused-too/"]'))
    assert item.locator(".search-result-side").inner_text() == "for the thesis"
    assert item.locator(".search-result-answers").inner_text().startswith("Opposes: ")
    page.select_option("#search-side", "con")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('Against the thesis')")
    assert new_url_param(page, "side") == "con"
    show_all(page)
    results = page.locator(RESULTS)
    assert results.count() > 0 and rebuttal not in result_urls(page)
    sides = [results.nth(i).locator(".search-result-side").inner_text() for i in range(results.count())]
    assert set(sides) <= {"against the thesis", "on both sides of the thesis"}, sides
