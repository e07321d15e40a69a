"""Content checks for the open-weight AI debate in ``content/``.

These tests read the YAML directly with PyYAML, independently of the debatemap package, so the
content can be checked even while the generator changes. They pin the editorial requirements of
the site: enough maps and claims, balanced and deep maps, claims reused across maps, and every
claim traceable to an existing, well-formed source.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[1] / "content"
MAPS_DIR = CONTENT / "maps"
SOURCES_DIR = CONTENT / "sources"
PAGES_DIR = CONTENT / "pages"

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_IDS = {
    "index",
    "assets",
    "con",
    "nul",
    "aux",
    "prn",
    "search",
    "tags",
    "sources",
    "claims",
    "maps",
}
MAP_KEYS = {"title", "summary", "tags", "updated", "thesis"}
CLAIM_KEYS = {"id", "claim", "details", "sources", "tags", "pros", "cons"}
CITATION_KEYS = {"source", "locator", "note"}
SOURCE_KINDS = {
    "announcement",
    "op-ed",
    "report",
    "paper",
    "standard",
    "law",
    "news",
    "blog",
    "licence",
    "interview",
    "podcast",
    "statement",
    "letter",
    "dataset",
    "website",
}
SOURCE_REQUIRED = {"title", "url", "publisher", "authors", "published", "kind", "verified", "summary"}
"""``verified`` on every source: the About page promises that each source says how it was checked."""
SOURCE_OPTIONAL = {"archived", "tags", "caution"}
PARTIAL_DATE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def children(node: dict):
    """Yield (stance, child) for the pros and cons of a defined claim."""
    for stance in ("pros", "cons"):
        for child in node.get(stance) or []:
            yield stance, child


def walk(node: dict, depth: int = 0):
    """Yield (depth, node) for a claim tree; references are leaves (not followed)."""
    yield depth, node
    if "ref" in node:
        return
    for _stance, child in children(node):
        yield from walk(child, depth + 1)


@pytest.fixture(scope="module")
def maps() -> dict[str, dict]:
    return {path.stem: load_yaml(path) for path in sorted(MAPS_DIR.glob("*.yaml"))}


@pytest.fixture(scope="module")
def sources() -> dict[str, dict]:
    return {path.stem: load_yaml(path) for path in sorted(SOURCES_DIR.glob("*.yaml"))}


@pytest.fixture(scope="module")
def definitions(maps) -> dict[str, tuple[str, dict]]:
    """claim id -> (map id, claim node), for every defined (non-ref) claim."""
    found: dict[str, tuple[str, dict]] = {}
    for map_id, data in maps.items():
        for _depth, node in walk(data["thesis"]):
            if "ref" not in node:
                found.setdefault(node["id"], (map_id, node))
    return found


@pytest.fixture(scope="module")
def references(maps) -> list[tuple[str, str]]:
    """(map id, referenced claim id) for every ``ref:`` in every map."""
    return [(map_id, node["ref"]) for map_id, data in maps.items() for _depth, node in walk(data["thesis"]) if "ref" in node]


def test_there_are_at_least_four_maps(maps):
    assert len(maps) >= 4
    for name in ("open-weights", "is-llama-open-source", "regulating-open-models", "open-weights-and-rivals"):
        assert name in maps, f"missing map {name}"


def test_map_files_have_only_the_known_keys(maps):
    for map_id, data in maps.items():
        assert isinstance(data, dict), map_id
        assert set(data) <= MAP_KEYS, f"{map_id}: unknown keys {set(data) - MAP_KEYS}"
        assert {"title", "thesis"} <= set(data), map_id
        assert data["title"].strip().endswith("?"), f"{map_id}: the title should be a question"
        assert isinstance(data.get("tags", []), list), map_id


def test_claims_are_well_formed(maps):
    for map_id, data in maps.items():
        for _depth, node in walk(data["thesis"]):
            if "ref" in node:
                assert set(node) == {"ref"}, f"{map_id}: a ref takes no other keys: {node}"
                continue
            assert set(node) <= CLAIM_KEYS, f"{node.get('id')}: unknown keys {set(node) - CLAIM_KEYS}"
            assert isinstance(node.get("claim"), str) and node["claim"].strip(), node.get("id")
            assert "\n" not in node["claim"].strip(), f"{node['id']}: a claim is one line"
            for citation in node.get("sources") or []:
                assert set(citation) <= CITATION_KEYS, f"{node['id']}: {citation}"
                assert citation.get("note"), f"{node['id']}: citation of {citation['source']} has no note"


def test_ids_are_url_safe_and_not_reserved(maps, sources, definitions):
    ids = list(maps) + list(sources) + list(definitions)
    ids += [tag for data in maps.values() for tag in data.get("tags", [])]
    ids += [tag for _m, node in definitions.values() for tag in node.get("tags", [])]
    for value in ids:
        assert isinstance(value, str) and 1 <= len(value) <= 80, value
        assert ID_RE.match(value), f"not a valid id: {value!r}"
        assert value not in RESERVED_IDS, f"reserved id: {value}"


def test_there_are_at_least_one_hundred_defined_claims(definitions):
    assert len(definitions) >= 100


def test_claim_ids_are_unique_across_all_maps(maps):
    seen: dict[str, str] = {}
    for map_id, data in maps.items():
        for _depth, node in walk(data["thesis"]):
            if "ref" in node:
                continue
            claim_id = node["id"]
            assert claim_id not in seen, f"{claim_id} defined in {seen.get(claim_id)} and {map_id}"
            seen[claim_id] = map_id


def test_each_thesis_has_at_least_five_pros_and_five_cons(maps):
    for map_id, data in maps.items():
        thesis = data["thesis"]
        assert len(thesis.get("pros") or []) >= 5, f"{map_id}: fewer than 5 pros"
        assert len(thesis.get("cons") or []) >= 5, f"{map_id}: fewer than 5 cons"


def sides_of_the_thesis(thesis: dict, definitions: dict[str, tuple[str, dict]]) -> tuple[int, int]:
    """(supporting, opposing): how many claims under ``thesis`` end up on each side of it.

    A claim's side is the product of the stances along its path: a pro of a pro and a con of a
    con support the thesis, a con of a pro and a pro of a con oppose it. A reused claim (``ref``)
    is counted at every place it appears, together with the claims under it, because the map's
    outline shows it, and its replies, at each of those places: that is what a reader weighs.
    The argument graph has no cycles (tested above), so following refs ends.
    """
    counts = {1: 0, -1: 0}

    def visit(node: dict, side: int) -> None:
        claim = definitions[node["ref"]][1] if "ref" in node else node
        counts[side] += 1
        for stance, child in children(claim):
            visit(child, side if stance == "pros" else -side)

    for stance, child in children(thesis):
        visit(child, 1 if stance == "pros" else -1)
    return counts[1], counts[-1]


@pytest.mark.parametrize("map_id", ["open-weights", "is-llama-open-source", "regulating-open-models", "open-weights-and-rivals"])
def test_each_map_is_balanced_between_the_sides_of_its_thesis(maps, definitions, map_id):
    supporting, opposing = sides_of_the_thesis(maps[map_id]["thesis"], definitions)
    share = supporting / (supporting + opposing)
    assert 0.4 <= share <= 0.6, f"{map_id}: {supporting} claims support the thesis and {opposing} oppose it"


def test_sides_of_the_thesis_follow_the_path_and_count_refs_where_they_appear():
    reused = {"id": "r", "claim": "R.", "cons": [{"id": "rc", "claim": "RC."}]}
    thesis = {
        "id": "t",
        "pros": [{"id": "p", "claim": "P.", "cons": [{"id": "pc", "claim": "PC.", "cons": [{"id": "pcc", "claim": "PCC."}]}]}],
        "cons": [{"id": "c", "claim": "C.", "cons": [{"ref": "r"}]}, reused],
    }
    definitions = {"r": ("m", reused), "rc": ("m", reused["cons"][0])}
    # Support: p, pcc, r as a con of the con c, and rc under the direct con r.
    # Oppose: pc, c, rc under the reused r below c, and r itself as a direct con.
    assert sides_of_the_thesis(thesis, definitions) == (4, 4)


def test_each_map_goes_at_least_three_levels_below_its_thesis(maps):
    for map_id, data in maps.items():
        deepest = max(depth for depth, node in walk(data["thesis"]) if "ref" not in node)
        assert deepest >= 3, f"{map_id}: deepest defined claim is only {deepest} levels down"


def test_every_ref_resolves_to_a_defined_claim(references, definitions):
    for map_id, target in references:
        assert target in definitions, f"{map_id}: ref to unknown claim {target}"


def test_at_least_ten_claims_are_reused_in_another_map(references, definitions):
    reused = {target for map_id, target in references if target in definitions and definitions[target][0] != map_id}
    assert len(reused) >= 10, sorted(reused)


def test_argument_graph_has_no_cycles(definitions):
    graph = {
        claim_id: [child.get("ref", child.get("id")) for _s, child in children(node)]
        for claim_id, (_map, node) in definitions.items()
    }
    state: dict[str, int] = {}

    def visit(claim_id: str, path: list[str]) -> None:
        state[claim_id] = 1
        for child in graph.get(claim_id, []):
            if state.get(child) == 1:
                pytest.fail("cycle: " + " > ".join([*path, claim_id, child]))
            if state.get(child) is None:
                visit(child, [*path, claim_id])
        state[claim_id] = 2

    for claim_id in graph:
        if claim_id not in state:
            visit(claim_id, [])


def test_every_claim_cites_an_existing_source(definitions, sources):
    for claim_id, (_map, node) in definitions.items():
        cited = node.get("sources") or []
        assert cited, f"{claim_id} cites no source"
        for citation in cited:
            assert citation["source"] in sources, f"{claim_id}: unknown source {citation['source']}"


def test_every_source_is_cited_at_least_once(definitions, sources):
    cited = {c["source"] for _m, node in definitions.values() for c in node.get("sources") or []}
    unused = sorted(set(sources) - cited)
    assert not unused, f"sources never cited: {unused}"


def test_there_are_at_least_thirty_sources(sources):
    assert len(sources) >= 30


def test_sources_have_the_required_fields(sources):
    for source_id, data in sources.items():
        keys = set(data)
        assert keys >= SOURCE_REQUIRED, f"{source_id}: missing {SOURCE_REQUIRED - keys}"
        assert keys <= SOURCE_REQUIRED | SOURCE_OPTIONAL, f"{source_id}: unknown {keys - SOURCE_REQUIRED - SOURCE_OPTIONAL}"
        assert isinstance(data["authors"], list), source_id
        assert data["kind"] in SOURCE_KINDS, f"{source_id}: unknown kind {data['kind']}"
        assert data["verified"] in ("original", "copy"), source_id
        if data["verified"] == "copy":
            assert (data.get("caution") or "").strip(), f"{source_id}: say which details rest on a copy"
        assert data["title"].strip() and data["publisher"].strip(), source_id
        assert data["summary"].strip(), source_id


def test_every_source_url_is_https_with_a_host(sources):
    for source_id, data in sources.items():
        for key in ("url", "archived"):
            if key not in data:
                continue
            url = data[key]
            assert url.startswith("https://"), f"{source_id}: {key} is not https: {url}"
            assert urlparse(url).netloc, f"{source_id}: {key} has no host: {url}"


def test_dates_are_valid_iso_dates(maps, sources):
    for source_id, data in sources.items():
        published = str(data["published"])  # a month or a year when that is all a source gives
        assert PARTIAL_DATE.match(published), f"{source_id}: {published}"
        datetime.date.fromisoformat((published + "-01-01")[:10] if len(published) < 10 else published)
    for _map_id, data in maps.items():
        datetime.date.fromisoformat(str(data["updated"]))


def test_site_settings_are_complete():
    site = load_yaml(CONTENT / "site.yaml")
    assert site["title"].strip() and site["description"].strip()
    assert site["base_url"].startswith("https://") and site["base_url"].endswith("/")
    assert site["language"] == "en"
    assert site["theme"] == "default"
    assert site["nav"] == ["maps", "sources", "tags", "search", "about", "contribute"]
    assert site["author"].strip() and site["license"]["name"] and site["license"]["url"].startswith("https://")


@pytest.mark.parametrize("slug", ["about", "contribute"])
def test_required_pages_exist_with_a_title(slug):
    path = PAGES_DIR / f"{slug}.md"
    assert path.is_file(), f"missing page {slug}"
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, f"{slug}: no front matter"
    front = yaml.safe_load(match.group(1))
    assert isinstance(front.get("title"), str) and front["title"].strip()
    if "order" in front:
        assert isinstance(front["order"], int)
    assert text[match.end() :].strip(), f"{slug}: empty body"


def test_content_files_are_utf8_with_lf_line_endings():
    for path in CONTENT.rglob("*"):
        if path.suffix in {".yaml", ".md"}:
            raw = path.read_bytes()
            raw.decode("utf-8")
            assert b"\r" not in raw, f"{path}: CRLF line endings"
            assert b"\t" not in raw, f"{path}: tab characters"


def test_no_yaml_anchors_aliases_or_explicit_tags():
    paths = sorted(MAPS_DIR.glob("*.yaml")) + sorted(SOURCES_DIR.glob("*.yaml")) + [CONTENT / "site.yaml"]
    for path in paths:
        for event in yaml.parse(path.read_text(encoding="utf-8")):
            assert not isinstance(event, yaml.AliasEvent), f"{path}: alias"
            assert getattr(event, "anchor", None) is None, f"{path}: anchor &{event.anchor}"
            assert getattr(event, "tag", None) is None, f"{path}: explicit tag {event.tag}"


def test_claim_tags_are_a_small_consistent_vocabulary(definitions):
    counts: dict[str, int] = defaultdict(int)
    for _m, node in definitions.values():
        for tag in node.get("tags", []):
            counts[tag] += 1
    assert 10 <= len(counts) <= 25, sorted(counts)
    rare = sorted(tag for tag, n in counts.items() if n < 2)
    assert not rare, f"tags used only once: {rare}"
