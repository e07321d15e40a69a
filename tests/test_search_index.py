"""The search index: what it holds for every map, claim and source, and how its files are cut."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debatemap.build import build
from debatemap.graph import Site
from debatemap.incremental.builder import IncrementalBuild
from debatemap.pipeline import load_site
from debatemap.render import search, search_index, search_records
from debatemap.render.search_text import STOP_WORDS, block_text, stem, terms
from debatemap.write import safe_relative

from .helpers import minimal_site, write_tree

CONTENT = Path(__file__).resolve().parents[1] / "content"

TWO_MAPS = {
    "sources/paper.yaml": """\
        title: A paper on bioweapons
        url: https://example.org/paper
        publisher: Lab Press
        authors: [Grace Hopper]
        published: 2023-05-01
        kind: paper
        summary: Measures uplift.
        tags: [biosecurity]
        """,
    "maps/second.yaml": """\
        title: Should labs test models?
        summary: A second *question*.
        tags: [testing]
        updated: 2024-09-01
        thesis:
          id: labs-should-test
          claim: Labs should test models before release.
          sources: [{source: paper}]
          pros:
            - ref: misuse-risk
          cons:
            - id: tests-are-costly
              claim: Tests are costly.
              details: |
                Red-teaming a model takes **weeks** of [expert time](https://example.org/time).

                - one
                - two
              sources: [{source: paper, note: Costs.}]
              tags: [cost]
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = minimal_site(tmp_path_factory.mktemp("search") / "content", TWO_MAPS)
    checked = load_site(root, strict=True)
    assert checked.ok, checked.diagnostics
    return checked.site


def as_json(files: dict[str, bytes]) -> dict[str, bytes]:
    """The index's scripts as the JSON each hands to search.js, by ``.json`` name: what these tests read."""
    out = {}
    for name, data in files.items():
        assert name.startswith(search.INDEX_DIR) and name.endswith(".js"), name
        prefix = b'debatemapIndex("' + name[len(search.INDEX_DIR) : -len(".js")].encode() + b'",'
        assert data.startswith(prefix) and data.endswith(b");\n"), name
        out[name[: -len(".js")] + ".json"] = data[len(prefix) : -len(b");\n")]
    return out


def index_files(site: Site) -> dict[str, bytes]:
    return as_json(search.search_files(site))


@pytest.fixture(scope="module")
def files(site: Site) -> dict[str, bytes]:
    return index_files(site)


def index_json(files: dict[str, bytes], name: str) -> dict[str, object] | list[object]:
    data: dict[str, object] | list[object] = json.loads(files[search.INDEX_DIR + name])
    return data


def documents(files: dict[str, bytes]) -> list[dict[str, object]]:
    meta = index_json(files, "meta.json")
    assert isinstance(meta, dict)
    docs: list[dict[str, object]] = []
    for number in range(-(-int(str(meta["docs"])) // int(str(meta["chunk"])))):
        chunk = index_json(files, f"d/{number}.json")
        assert isinstance(chunk, list)
        docs += chunk
    assert len(docs) == meta["docs"]
    return docs


def undelta(gaps: list[int], step: int) -> list[int]:
    out = list(gaps)
    for i in range(step, len(out), step):
        out[i] += out[i - step]
    return out


def term_postings(files: dict[str, bytes], term: str) -> dict[int, int]:
    """Doc number -> weight for ``term``, read the way search.js reads it."""
    meta = index_json(files, "meta.json")
    assert isinstance(meta, dict)
    head = term[:2]
    key = term[:3] if head in meta["split"] else head
    name = f"t/{search_index.file_key(key)}.json"
    if search.INDEX_DIR + name not in files:
        return {}
    shard = index_json(files, name)
    assert isinstance(shard, dict)
    values = undelta(shard.get(term, []), 2)  # type: ignore[arg-type]
    return dict(zip(values[::2], values[1::2], strict=True))


def facet(files: dict[str, bytes], name: str, value: str) -> list[int]:
    path = f"f/{name}/{search_index.file_key(value)}.json"
    if search.INDEX_DIR + path not in files:
        return []
    numbers = index_json(files, path)
    assert isinstance(numbers, list)
    return undelta(numbers, 1)


# -- what the index holds ----------------------------------------------------------------------


def test_every_map_claim_and_source_is_a_document_with_its_url_and_title(site: Site, files: dict[str, bytes]) -> None:
    docs = documents(files)
    by_url = {d["u"]: d for d in docs}
    assert len(docs) == len(site.maps) + len(site.claims) + len(site.sources)
    for claim in site.claims.values():
        doc = by_url[f"claims/{claim.id}/"]
        assert (doc["k"], doc["t"]) == ("claim", claim.text)
    for debate in site.maps.values():
        assert by_url[f"maps/{debate.id}/"]["k"] == "map"
    for source in site.sources.values():
        doc = by_url[f"sources/{source.id}/"]
        assert (doc["k"], doc["t"]) == ("source", source.title)


def test_real_content_is_indexed_whole() -> None:
    checked = load_site(CONTENT)
    docs = documents(index_files(checked.site))
    urls = {d["u"] for d in docs}
    site = checked.site
    expected = {f"maps/{m}/" for m in site.maps} | {f"claims/{c}/" for c in site.claims} | {f"sources/{s}/" for s in site.sources}
    assert urls == expected


def test_claim_documents_carry_stance_maps_details_and_cited_sources(files: dict[str, bytes]) -> None:
    by_url = {d["u"]: d for d in documents(files)}
    thesis = by_url["claims/labs-should-test/"]
    assert thesis["s"] == ["thesis"]
    con = by_url["claims/tests-are-costly/"]
    assert con["s"] == ["con"]
    assert con["m"] == ["second"]
    assert con["b"] == "Red-teaming a model takes weeks of expert time. one two"
    assert con["x"] == ["A paper on bioweapons (Lab Press, paper)"]
    reused = by_url["claims/misuse-risk/"]
    assert reused["s"] == ["pro", "con"]  # a con in one map, a pro in the other
    assert reused["m"] == ["open", "second"]


def test_source_documents_carry_kind_year_byline_and_the_maps_citing_them(files: dict[str, bytes]) -> None:
    by_url = {d["u"]: d for d in documents(files)}
    paper = by_url["sources/paper/"]
    assert (paper["sk"], paper["y"], paper["x"], paper["m"]) == (["paper"], ["2023"], ["Lab Press · Grace Hopper"], ["second"])
    assert "s" not in paper


def test_map_documents_carry_their_summary_and_thesis(files: dict[str, bytes]) -> None:
    by_url = {d["u"]: d for d in documents(files)}
    second = by_url["maps/second/"]
    assert second["t"] == "Should labs test models?"
    assert second["b"] == "A second question."
    assert second["x"] == ["Labs should test models before release."]


def test_every_word_of_every_field_finds_its_document(site: Site, files: dict[str, bytes]) -> None:
    docs = documents(files)
    number = {d["u"]: i for i, d in enumerate(docs)}
    for claim in site.claims.values():
        for term in terms(claim.text + " " + " ".join(claim.tags) + " " + block_text(claim.details or "")):
            assert number[f"claims/{claim.id}/"] in term_postings(files, term), (claim.id, term)
    paper = number["sources/paper/"]
    for term in terms("A paper on bioweapons Lab Press Grace Hopper paper biosecurity Measures uplift"):
        assert paper in term_postings(files, term), term


def test_a_word_in_the_claim_outweighs_the_same_word_in_details_or_cited_sources(files: dict[str, bytes]) -> None:
    number = {d["u"]: i for i, d in enumerate(documents(files))}
    # 'model' is in one claim's text and in another's details only.
    weights = term_postings(files, "model")
    assert weights[number["claims/labs-should-test/"]] > weights[number["claims/tests-are-costly/"]] > 0
    # 'bioweapon' is only in the title of a source the claims cite.
    cited = term_postings(files, "bioweapon")
    assert cited[number["sources/paper/"]] > cited[number["claims/tests-are-costly/"]] > 0


def test_filters_list_the_documents_of_each_stance_map_tag_kind_and_year(files: dict[str, bytes]) -> None:
    docs = documents(files)
    urls = lambda ids: {docs[i]["u"] for i in ids}  # noqa: E731
    assert urls(facet(files, "stance", "con")) == {"claims/misuse-risk/", "claims/tests-are-costly/"}
    assert urls(facet(files, "stance", "thesis")) == {"claims/open-weights/", "claims/labs-should-test/"}
    assert urls(facet(files, "map", "second")) == {
        "maps/second/",
        "claims/labs-should-test/",
        "claims/misuse-risk/",
        "claims/tests-are-costly/",
        "sources/paper/",
        "sources/report/",  # cited by misuse-risk, which 'second' reuses
    }
    assert urls(facet(files, "tag", "cost")) == {"claims/tests-are-costly/"}
    assert urls(facet(files, "kind", "paper")) == {"sources/paper/", "claims/labs-should-test/", "claims/tests-are-costly/"}
    assert "claims/faster-innovation/" in urls(facet(files, "year", "2024"))  # cites the 2024 report


def test_meta_gives_the_document_ranges_of_each_type(files: dict[str, bytes]) -> None:
    meta = index_json(files, "meta.json")
    assert isinstance(meta, dict)
    docs = documents(files)
    for kind, (start, end) in meta["types"].items():
        assert {d["k"] for d in docs[start:end]} == {kind}
    assert meta["stop"] == sorted(STOP_WORDS)


# -- how the files are cut -------------------------------------------------------------------


def test_the_index_is_byte_identical_across_builds(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", TWO_MAPS)
    first = index_files(load_site(root).site)
    second = index_files(load_site(root).site)
    assert first == second


def test_the_version_changes_when_content_changes(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", TWO_MAPS)
    before = json.loads(index_files(load_site(root).site)[search.INDEX_DIR + "meta.json"])
    write_tree(root, {"sources/paper.yaml": TWO_MAPS["sources/paper.yaml"].replace("uplift", "nothing")})
    after = json.loads(index_files(load_site(root).site)[search.INDEX_DIR + "meta.json"])
    assert before["version"] != after["version"]


def test_crowded_prefixes_split_into_three_letter_shards(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "SPLIT_BYTES", 40)
    files = index_files(site)
    meta = index_json(files, "meta.json")
    assert isinstance(meta, dict)
    assert "te" in meta["split"]
    assert {"tes", "tea"} <= set(meta["keys"])
    assert term_postings(files, "test")  # found through the three-letter shard
    number = {d["u"]: i for i, d in enumerate(documents(files))}
    assert number["claims/tests-are-costly/"] in term_postings(files, "test")


def test_shard_file_names_are_safe_for_any_script(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", {"maps/open.yaml": _map_with_claim("Ответ — 日本語 Ελλάδα Ça")})
    files = index_files(load_site(root).site)
    for name in files:
        safe_relative(name)
        assert name.isascii(), name
    assert term_postings(files, "ответ")
    assert term_postings(files, "ca")  # accents are dropped


def test_documents_are_cut_into_chunks_of_fixed_size(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "CHUNK", 2)
    files = index_files(site)
    chunks = sorted(name for name in files if "/d/" in name)
    assert len(chunks) == -(-(len(site.maps) + len(site.claims) + len(site.sources)) // 2)
    assert all(len(json.loads(files[name])) <= 2 for name in chunks)


def test_long_details_are_clipped_for_excerpts_but_indexed_whole(tmp_path: Path) -> None:
    details = "filler " * 400 + "zeppelin"
    root = minimal_site(tmp_path / "content", {"maps/open.yaml": _map_with_claim("A claim.", details)})
    files = index_files(load_site(root).site)
    doc = next(d for d in documents(files) if d["u"] == "claims/open-weights/")
    assert len(str(doc["b"])) <= search_records.BODY_LIMIT + 1
    assert str(doc["b"]).endswith("…")
    assert term_postings(files, "zeppelin")


def _map_with_claim(text: str, details: str = "") -> str:
    body = f"  details: {json.dumps(details)}\n" if details else ""
    return (
        f"title: Q?\nupdated: 2024-01-01\nthesis:\n  id: open-weights\n  claim: {json.dumps(text)}\n{body}"
        "  sources: [{source: report}]\n"
    )


# -- text rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("policies", "policy"),
        ("releases", "release"),
        ("models", "model"),
        ("analysis", "analysis"),
        ("access", "access"),
        ("corpus", "corpus"),
        ("gas", "gas"),
        ("toes", "toe"),
    ],
)
def test_stemming_folds_plurals_only(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_lowercase_drop_accents_and_stop_words_and_split_on_punctuation() -> None:
    assert terms("The Misuses of Éval-models, in 2024!") == ["misuse", "eval", "model", "2024"]


def test_block_text_keeps_only_the_words_of_markdown() -> None:
    assert block_text("# Head\n\nSome **bold** and [a link](https://x.org) with `code`.\n\n1. one\n2. two") == (
        "Head Some bold and a link with code. one two"
    )
    assert block_text("Plain  text\nover lines.") == "Plain text over lines."


# -- the search page -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("search-site")
    root = minimal_site(base / "content", {**TWO_MAPS, "site.yaml": _site_with_nav("[maps, sources, tags, search, about]")})
    build(root, base / "site")
    return base / "site"


def _site_with_nav(nav: str) -> str:
    return f"title: Test site\nbase_url: https://example.org/debates/\nnav: {nav}\n"


def test_the_search_page_and_index_are_written(built: Path) -> None:
    assert (built / "search/index.html").is_file()
    assert (built / "search/index/meta.js").is_file()
    assert (built / "assets/search.js").is_file()


def test_the_search_page_offers_every_filter_value(built: Path) -> None:
    html = (built / "search/index.html").read_text()
    for value in ('value="second"', 'value="open"', 'value="cost"', 'value="paper"', 'value="2023"', 'value="con"'):
        assert value in html
    assert 'data-search-index="../search/index/"' in html


def test_without_javascript_the_search_page_explains_and_links_to_tags_and_sources(built: Path) -> None:
    html = (built / "search/index.html").read_text()
    noscript = html[html.index("<noscript>") : html.index("</noscript>")]
    assert "needs JavaScript" in noscript
    assert 'href="../tags/"' in noscript
    assert 'href="../sources/"' in noscript
    assert '<form class="search-form" id="search-form" role="search"' in html
    assert html[html.index('id="search-form"') :].split(">", 1)[0].rstrip().endswith("hidden")


def test_every_other_page_has_a_header_search_form_that_works_without_javascript(built: Path) -> None:
    claim = (built / "claims/tests-are-costly/index.html").read_text()
    assert '<form class="header-search" role="search" action="../../search/" method="get">' in claim
    assert '<input id="header-search-q" type="search" name="q"' in claim
    home = (built / "index.html").read_text()
    assert 'action="search/"' in home
    assert "header-search" not in (built / "search/index.html").read_text().split("<main", 1)[0].split("search.css", 1)[1]


def test_search_is_in_the_navigation_when_site_yaml_lists_it(built: Path, tmp_path: Path) -> None:
    assert '<a href="../search/" aria-current="page">Search</a>' in (built / "search/index.html").read_text()
    root = minimal_site(tmp_path / "content", {"site.yaml": _site_with_nav("[maps, about]")})
    build(root, tmp_path / "site")
    assert ">Search</a></li>" not in (tmp_path / "site/index.html").read_text()
    assert (tmp_path / "site/search/index.html").is_file()  # the page exists all the same


# -- serve keeps the index current -----------------------------------------------------------


def test_an_incremental_rebuild_keeps_the_index_current(tmp_path: Path) -> None:
    root = minimal_site(tmp_path / "content", TWO_MAPS)
    live = IncrementalBuild(root, tmp_path / "live")
    assert live.rebuild().ok
    edited = TWO_MAPS["maps/second.yaml"].replace("Tests are costly.", "Tests cost a zeppelin.")
    write_tree(root, {"maps/second.yaml": edited})
    assert live.rebuild([str(root / "maps/second.yaml")]).ok
    live.refresh_extras()
    build(root, tmp_path / "full")
    full, live_files = (
        as_json(
            {p.relative_to(tmp_path / side).as_posix(): p.read_bytes() for p in (tmp_path / side / "search/index").rglob("*.js")}
        )
        for side in ("full", "live")
    )
    assert live_files == full  # no stale shard left behind, none missing
    assert term_postings(live_files, "zeppelin")


def test_every_index_file_is_a_script_handing_its_json_to_the_page(files: dict[str, bytes]) -> None:
    """Scripts load from disk (file://), where fetch() is refused; the JSON inside is the value."""
    assert files, "as_json checked every file's wrapper"
    data = json.dumps(["a\u2028b\u2029c"], ensure_ascii=False).encode()
    name, script = search_index.as_script(search.INDEX_DIR + "d/0.json", data)
    assert name == search.INDEX_DIR + "d/0.js"
    assert script == b'debatemapIndex("d/0",["a\\u2028b\\u2029c"]);\n', "line separators escaped, as JavaScript wants"
    assert json.loads(as_json({name: script})[search.INDEX_DIR + "d/0.json"]) == ["a\u2028b\u2029c"]
