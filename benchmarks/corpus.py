"""A deterministic synthetic content folder, for benchmarks of check and build.

``generate(root, claims=10_000)`` writes a complete site that passes ``debatemap check --strict``:
site.yaml, an About page, ``maps`` debate maps and ``sources`` source files. The corpus looks like
real content where it matters for speed: claims of 15 to 30 words, a details paragraph of 60 to
120 words on about one claim in five, summaries on every map and source, tags, trees of pros and
cons 3 to 6 levels deep, about 3 % of claims reused through ``ref:`` in later maps (never forming
a cycle), every claim citing one or two sources and every source cited.

The same ``seed`` always gives byte-identical files. The YAML is written with string formatting,
not ``yaml.dump``, so 100,000 claims take a few seconds.

    python benchmarks/corpus.py OUT --claims 10000 [--maps 100] [--sources 1250] [--seed 1]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["default_maps", "default_sources", "generate"]

CLAIMS_PER_MAP = 100
"""The default number of claims in one map."""
CLAIMS_PER_SOURCE = 8
"""The default number of claims per source file."""
REF_SHARE = 0.03
"""The share of claims that are also reused in a later map through ``ref:``."""

_WORDS = """
ability access accountability adapt advantage agency agreement algorithm analysis argue attack
audit balance barrier benefit bias capability capacity case change choice citizen claim close
code community company competition compute concentration consent control cost court data
debate decision defence deploy design developer digital disclosure dispute distribution
economy effect energy engineer evaluation evidence expert exposure failure fairness field
firm framework freedom fund funding gain governance government growth guard harm hardware
impact incentive industry information infrastructure innovation institution interest
knowledge label labour law leak liability licence limit market measure method misuse model
monitor network norm openness oversight ownership participation patch pattern permission
platform policy power practice pressure privacy process product progress protection public
publish purpose quality rate reason regulation release report research resource responsibility
review right risk rule safeguard safety scale science scrutiny security sector service share
society software standard state study supply support system talent task team technique
technology test threat tool trade training transparency trust university user value vendor
weight welfare workforce
""".split()  # noqa: SIM905 (a word list reads better as wrapped text)
_FILLER = "a the of to and in for that with by on from more less than can will may should often".split()  # noqa: SIM905
_TAGS = [
    "open-weights", "safety", "security", "innovation", "policy", "regulation", "competition",
    "economics", "research", "transparency", "misuse", "licensing", "geopolitics", "privacy",
    "governance", "openness", "education", "labour", "energy", "standards",
]  # fmt: skip
_KINDS = ["announcement", "op-ed", "report", "paper", "standard", "law", "news", "blog", "licence"]
_PUBLISHERS = ["Example Institute", "Policy Lab", "Open Research Group", "The Daily Record", "Standards Body"]
_FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Tim", "Radia", "Claude"]
_LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Berners-Lee", "Perlman", "Shannon"]

SITE_YAML = """\
title: Synthetic debates
description: A generated corpus for benchmarks; every claim cites a source.
base_url: https://example.org/bench/
language: en
theme: default
nav: [maps, sources, tags, search, about]
"""

ABOUT_MD = """\
---
title: About this corpus
nav_title: About
order: 1
---
A synthetic site written by `benchmarks/corpus.py` to time `debatemap check` and `build`.
"""


@dataclass(slots=True)
class _Node:
    claim_id: str
    depth: int
    pros: list[_Node] = field(default_factory=list)
    cons: list[_Node] = field(default_factory=list)
    pro_refs: list[str] = field(default_factory=list)
    """Ids of claims from earlier maps reused here as pros."""
    con_refs: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    """Indices of the sources cited."""


def default_maps(claims: int) -> int:
    """How many maps ``generate`` makes for ``claims`` claims when not told."""
    return max(1, round(claims / CLAIMS_PER_MAP))


def default_sources(claims: int) -> int:
    """How many source files ``generate`` makes for ``claims`` claims when not told."""
    return max(1, claims // CLAIMS_PER_SOURCE)


def generate(root: Path, claims: int, maps: int | None = None, sources: int | None = None, seed: int = 1) -> Path:
    """Write a synthetic content folder with exactly ``claims`` claim definitions under ``root``.

    ``root`` must not exist or be empty. Returns ``root``. Every map holds at least three claims
    (a thesis, a pro and a con), so ``maps`` is at most ``claims // 3``; ``sources`` is at most
    ``claims`` (each source must be cited).
    """
    maps = default_maps(claims) if maps is None else maps
    sources = default_sources(claims) if sources is None else sources
    if maps < 1 or claims < 3 * maps:
        raise ValueError(f"{claims} claims cannot fill {maps} maps (each needs a thesis, a pro and a con)")
    if not 1 <= sources <= claims:
        raise ValueError(f"sources must be between 1 and the number of claims ({claims}), not {sources}")
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} exists and is not empty")
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects that all live to the end: the cycle collector only costs time
    try:
        _generate(root, claims, maps, sources, random.Random(seed))
    finally:
        if collecting:
            gc.enable()
    return root


def _generate(root: Path, claims: int, maps: int, sources: int, rng: random.Random) -> None:
    writer = _Writer(rng)

    sizes = _split(claims, maps, rng)
    trees: list[list[_Node]] = []  # per map: its nodes in creation order, the thesis first
    for index, size in enumerate(sizes):
        trees.append(_tree(index, size, rng, writer))
    _add_refs(trees, round(claims * REF_SHARE), rng)
    _cite(trees, sources, rng)

    (root / "maps").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir()
    (root / "pages").mkdir()
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "pages" / "about.md").write_text(ABOUT_MD, encoding="utf-8")
    source_ids = [f"{writer.slug(3)}-s{i}" for i in range(sources)]
    for index, nodes in enumerate(trees):
        map_id = f"{writer.slug(2)}-m{index}"
        (root / "maps" / f"{map_id}.yaml").write_text(writer.map_file(nodes[0], source_ids), encoding="utf-8")
    for index, source_id in enumerate(source_ids):
        (root / "sources" / f"{source_id}.yaml").write_text(writer.source_file(index), encoding="utf-8")


def _split(claims: int, maps: int, rng: random.Random) -> list[int]:
    """Claims per map: around the mean, each at least 3, summing to ``claims``."""
    mean = claims / maps
    sizes = [max(3, int(mean * rng.uniform(0.6, 1.4))) for _ in range(maps)]
    diff = claims - sum(sizes)
    i = 0
    while diff != 0:
        j = i % maps
        if diff > 0:
            sizes[j] += 1
            diff -= 1
        elif sizes[j] > 3:
            sizes[j] -= 1
            diff += 1
        i += 1
    return sizes


def _tree(map_index: int, size: int, rng: random.Random, writer: _Writer) -> list[_Node]:
    """A claim tree of ``size`` claims and depth 3 to 6 (less when the map is tiny)."""
    thesis = _Node(writer.claim_id(map_index, 0), 0)
    nodes = [thesis]
    max_depth = min(rng.randint(3, 6), size - 2)
    # A spine reaches the chosen depth; a con under the thesis makes the map two-sided.
    parent = thesis
    for depth in range(1, max_depth + 1):
        child = _Node(writer.claim_id(map_index, len(nodes)), depth)
        (parent.pros if depth == 1 or rng.random() < 0.5 else parent.cons).append(child)
        nodes.append(child)
        parent = child
    con = _Node(writer.claim_id(map_index, len(nodes)), 1)
    thesis.cons.append(con)
    nodes.append(con)
    open_nodes = [n for n in nodes if n.depth < max_depth]
    while len(nodes) < size:
        parent = open_nodes[int(len(open_nodes) * rng.random() ** 1.5)]  # favour shallow parents: bushy tops
        child = _Node(writer.claim_id(map_index, len(nodes)), parent.depth + 1)
        (parent.pros if rng.random() < 0.55 else parent.cons).append(child)
        nodes.append(child)
        if child.depth < max_depth:
            open_nodes.append(child)
    return nodes


def _add_refs(trees: list[list[_Node]], count: int, rng: random.Random) -> None:
    """Reuse ``count`` claims in later maps. Refs only point to earlier maps, so no cycle can form."""
    if len(trees) < 2:
        return
    for _ in range(count):
        later = rng.randrange(1, len(trees))
        target = rng.choice(trees[rng.randrange(later)])
        parent = rng.choice(trees[later])
        (parent.pro_refs if rng.random() < 0.5 else parent.con_refs).append(target.claim_id)


def _cite(trees: list[list[_Node]], sources: int, rng: random.Random) -> None:
    """One or two sources per claim; the first pass over all claims cites every source once."""
    every = [node for nodes in trees for node in nodes]
    order = list(range(len(every)))
    rng.shuffle(order)
    for position, index in enumerate(order):
        node = every[index]
        node.sources.append(position % sources if position < sources else rng.randrange(sources))
        if rng.random() < 0.3 and sources > 1:
            second = rng.randrange(sources)
            if second != node.sources[0]:
                node.sources.append(second)


class _Writer:
    """Words, ids and YAML text, all drawn from one seeded generator.

    Words and small choices come from a buffer of random bytes (a word is one byte through a
    256-entry table): one ``randbytes`` call per 256 KiB instead of a ``choice`` per word is what
    makes 100,000 claims fast.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        table = _FILLER + _WORDS
        self.table = (table * (256 // len(table) + 1))[:256]
        self.buffer = b""
        self.at = 0
        self.pools: dict[tuple[int, int], tuple[list[str], list[str]]] = {}

    def _take(self, count: int) -> int:
        """Make sure ``count`` bytes are ready at ``self.at``; return that offset."""
        if self.at + count > len(self.buffer):
            self.buffer = self.rng.randbytes(262144)
            self.at = 0
        at = self.at
        self.at = at + count
        return at

    def byte(self) -> int:
        """A random number in 0..255."""
        return self.buffer[self._take(1)]

    def pick(self, items: list[str]) -> str:
        return items[self.byte() % len(items)]

    def words(self, low: int, high: int) -> str:
        """``low`` to ``high`` words, separated by spaces."""
        at = self._take(high + 1)
        count = low + self.buffer[at] % (high - low + 1)
        table = self.table
        return " ".join([table[b] for b in self.buffer[at + 1 : at + 1 + count]])

    def sentence(self, low: int, high: int) -> str:
        """``low`` to ``high`` words, capitalised, with a full stop.

        Two halves from pools of 4,096 fragments: over 16 million different sentences at the
        cost of two random bytes and a concatenation each.
        """
        pools = self.pools.get((low, high))
        if pools is None:
            first = [self.words(low // 2, high // 2) for _ in range(4096)]
            second = [self.words(low - low // 2, high - high // 2) for _ in range(4096)]
            pools = self.pools[(low, high)] = (first, second)
        at = self._take(4)
        b = self.buffer
        text = pools[0][(b[at] << 4 | b[at + 1] >> 4)] + " " + pools[1][(b[at + 2] << 4 | b[at + 3] >> 4)]
        return text[0].upper() + text[1:] + "."

    def paragraph(self, low: int, high: int, indent: str) -> str:
        """Sentences of ``low`` to at most ``high`` words, wrapped at 96 columns."""
        sentences: list[str] = []
        total = 0
        while total < low:
            sentence = self.sentence(8, 18)
            count = sentence.count(" ") + 1
            if total + count > high:
                break
            sentences.append(sentence)
            total += count
        rest = " ".join(sentences)
        width = 96 - len(indent)
        lines: list[str] = []
        while len(rest) > width:
            cut = rest.rfind(" ", 0, width + 1)
            lines.append(rest[:cut])
            rest = rest[cut + 1 :]
        lines.append(rest)
        return indent + ("\n" + indent).join(lines) + "\n"

    def slug(self, count: int) -> str:
        return self.words(count, count).replace(" ", "-")

    def claim_id(self, map_index: int, index: int) -> str:
        return f"{self.slug(3)}-{map_index}-{index}"

    def tags(self, high: int) -> str:
        """A flow list of 0 to ``high`` distinct tags, or "" for none."""
        count = self.byte() % (high + 1)
        return "[" + ", ".join(sorted({self.pick(_TAGS) for _ in range(count)})) + "]" if count else ""

    def date(self) -> str:
        return f"{2015 + self.byte() % 11}-{1 + self.byte() % 12:02d}-{1 + self.byte() % 28:02d}"

    def map_file(self, thesis: _Node, source_ids: list[str]) -> str:
        out = [
            f"title: {self.sentence(6, 14)[:-1]}?\n",
            "summary: |\n",
            self.paragraph(40, 80, "  "),
            f"tags: {self.tags(3) or '[policy]'}\n",
            f"updated: {self.date()}\n",
            "thesis:\n",
        ]
        self._claim(thesis, "  ", False, source_ids, out)
        return "".join(out)

    def _claim(self, node: _Node, indent: str, item: bool, source_ids: list[str], out: list[str]) -> None:
        """Append one claim whose keys sit at ``indent`` (as a ``- `` list item when ``item``); depth <= 6."""
        out.append(f"{indent[:-2]}- id: {node.claim_id}\n" if item else f"{indent}id: {node.claim_id}\n")
        out.append(f"{indent}claim: {self.sentence(15, 30)}\n")
        if self.byte() < 51:  # one claim in five
            out.append(f"{indent}details: |\n")
            out.append(self.paragraph(60, 120, indent + "  "))
        out.append(f"{indent}sources:\n")
        for source in node.sources:
            out.append(f"{indent}  - source: {source_ids[source]}\n")
            if self.byte() < 102:
                out.append(f'{indent}    locator: "section {1 + self.byte() % 12}.{1 + self.byte() % 9}"\n')
            out.append(f"{indent}    note: {self.sentence(8, 20)}\n")
        tags = self.tags(2)
        if tags:
            out.append(f"{indent}tags: {tags}\n")
        for key, kids, refs in (("pros", node.pros, node.pro_refs), ("cons", node.cons, node.con_refs)):
            if kids or refs:
                out.append(f"{indent}{key}:\n")
                for kid in kids:
                    self._claim(kid, indent + "    ", True, source_ids, out)
                for claim_id in refs:
                    out.append(f"{indent}  - ref: {claim_id}\n")

    def source_file(self, index: int) -> str:
        authors = ", ".join(f"{self.pick(_FIRST)} {self.pick(_LAST)}" for _ in range(1 + self.byte() % 3))
        return (
            f"title: {self.sentence(4, 10)[:-1]}\n"
            f"url: https://example.org/sources/{index}/{self.slug(2)}\n"
            f"publisher: {self.pick(_PUBLISHERS)}\n"
            f"authors: [{authors}]\n"
            f"published: {self.date()}\n"
            f"kind: {self.pick(_KINDS)}\n"
            + (f"tags: {tags}\n" if (tags := self.tags(2)) else "")
            + "summary: |\n"
            + self.paragraph(30, 70, "  ")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic debatemap content folder for benchmarks.")
    parser.add_argument("out", type=Path, help="the content folder to create (must not exist or be empty)")
    parser.add_argument("--claims", type=int, default=10_000, help="number of claims (default: 10000)")
    parser.add_argument("--maps", type=int, help=f"number of maps (default: claims / {CLAIMS_PER_MAP})")
    parser.add_argument("--sources", type=int, help=f"number of sources (default: claims / {CLAIMS_PER_SOURCE})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    try:
        generate(args.out, args.claims, args.maps, args.sources, args.seed)
    except (ValueError, OSError) as exc:
        print(f"corpus: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.claims} claims to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
