"""Lay an imported graph out as the content format: map files holding trees of claims.

The YAML defines each claim once, nested under one parent (or as a map's thesis), and reuses
it elsewhere with ``ref:``. A claim is defined where the input wrote it out in full when that
place is part of a map (so an exported site comes back with every claim in its own file and
place), else where the maps first meet it. Before that, relations that would close a loop are
dropped (the content format is a DAG) and claims no map reaches are left out: both reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load import MAX_DEPTH
from .imported import Edge, Graph, MapSpec

MAX_LEVELS = (MAX_DEPTH - 4) // 2
"""The deepest claim a map file can hold: each level nests two YAML collections (a claim and
its pros or cons list), and the map, its thesis and the deepest claim's sources take four."""

Where = tuple[str, str, int]
"""Where a claim is defined: ('root', map index as text, 0) or ('edge', parent key, edge index)."""


FILE_BUDGET = 3 * 512 * 1024
"""What one map file may be estimated at before branches move to maps of their own: about 1.5 MB,
a file a curator can still open, review and diff. The loader reads far larger files
(``MAX_FILE_BYTES``); the estimate is rough, and this stays well below that."""


@dataclass(slots=True)
class Layout:
    defined_at: dict[str, Where] = field(default_factory=dict)
    """Each claim kept, and where it is defined."""
    edges: dict[str, list[Edge]] = field(default_factory=dict)
    """Each kept claim's relations after loops and duplicates are taken out."""
    order: list[str] = field(default_factory=list)
    """Claims in the order they are defined, map by map."""


def lay_out(graph: Graph) -> Layout:
    edges = _without_loops(graph)
    reached = _reached(graph, edges)
    for key, node in graph.nodes.items():
        if key not in reached:
            graph.note(node.line, f"'{_short(node.text or node.title)}' is connected to no map's thesis: left out")
    layout = Layout(edges={k: edges[k] for k in reached})
    prefer = _valid_preferences(graph, layout.edges)
    for index, spec in enumerate(graph.maps):
        root: Where = ("root", str(index), 0)
        if spec.thesis not in layout.defined_at and prefer.get(spec.thesis, root) == root:
            _define(layout, spec.thesis, root)
        if layout.defined_at.get(spec.thesis) != root:
            continue
        stack = [(spec.thesis, 0)]
        while stack:
            key, depth = stack.pop()
            for position in range(len(edges[key]) - 1, -1, -1):
                child = edges[key][position].child
                here: Where = ("edge", key, position)
                if child not in layout.defined_at and prefer.get(child, here) == here:
                    if depth + 1 > MAX_LEVELS:
                        prefer[child] = _own_map(graph, layout, child, f"is more than {MAX_LEVELS} levels below its thesis")
                        continue
                    _define(layout, child, here)
                    stack.append((child, depth + 1))
    _split_large(graph, layout)
    # The depth-first walk above defines children in reverse; the files list claims in the input's order.
    rank = {key: n for n, key in enumerate(graph.nodes)}
    layout.order.sort(key=rank.__getitem__)
    return layout


def _own_map(graph: Graph, layout: Layout, key: str, why: str) -> Where:
    """Make the claim ``key`` the thesis of a new map (its replies go with it); where it was, a ref."""
    node = graph.nodes[key]
    root: Where = ("root", str(len(graph.maps)), 0)
    graph.maps.append(MapSpec(_short(node.text or node.title, 200), key, node.line))  # a title of ours: short enough
    layout.defined_at[key] = root
    layout.order.append(key)
    message = f"'{_short(node.text or node.title)}' {why}: it and its replies became a map of their own, reused in place"
    graph.note(node.line, message)
    return root


def _estimate(graph: Graph, layout: Layout, key: str, depth: int) -> int:
    """Roughly the bytes of the claim's own YAML at ``depth`` (its replies not counted)."""
    node = graph.nodes[key]
    indent = 4 + 4 * depth
    lines = 3 + (node.details or "").count("\n") + 2 * len(node.cites) + (1 if node.tags else 0) + len(layout.edges[key])
    cites = sum(40 + len(c.locator or "") + len(c.note or "") for c in node.cites)
    return 40 + min(len(node.title), 80) + len(node.text) + len(node.details or "") + cites + 20 * len(node.tags) + indent * lines


def _split_large(graph: Graph, layout: Layout) -> None:
    """Move branches of a map too large for one file into maps of their own, largest fitting first.

    Sizes are estimated once per map and then kept up to date (a moved branch's size comes off
    each claim above it), so a split costs a pass over the map, not a new estimate of it.
    """
    index = 0
    while index < len(graph.maps):
        thesis = graph.maps[index].thesis
        root: Where = ("root", str(index), 0)
        index += 1
        if layout.defined_at.get(thesis) != root:
            continue
        sizes, parent, kids = _subtree_sizes(graph, layout, thesis)
        gone: set[str] = set()
        while sizes[thesis] > FILE_BUDGET:
            fitting = [k for k, size in sizes.items() if size <= FILE_BUDGET and k != thesis and k not in gone]
            if not fitting:  # a claim with so many replies that none fits alone: the check will say so
                break
            branch = max(fitting, key=sizes.__getitem__)
            _own_map(graph, layout, branch, "makes its map too large for one file")
            stack = [branch]
            while stack:
                key = stack.pop()
                gone.add(key)
                stack.extend(kids.get(key, ()))
            above = parent.get(branch)
            while above is not None:
                sizes[above] -= sizes[branch]
                above = parent.get(above)


def _subtree_sizes(graph: Graph, layout: Layout, thesis: str) -> tuple[dict[str, int], dict[str, str], dict[str, list[str]]]:
    """The estimated bytes of each claim defined in the thesis's map with everything defined under
    it; and the map's tree as each claim's parent and children."""
    order: list[tuple[str, int]] = []
    parent: dict[str, str] = {}
    kids: dict[str, list[str]] = {}
    stack = [(thesis, 0)]
    while stack:
        key, depth = stack.pop()
        order.append((key, depth))
        for position, edge in enumerate(layout.edges[key]):
            if layout.defined_at.get(edge.child) == ("edge", key, position):
                parent[edge.child] = key
                kids.setdefault(key, []).append(edge.child)
                stack.append((edge.child, depth + 1))
    sizes: dict[str, int] = {}
    for key, depth in reversed(order):
        sizes[key] = _estimate(graph, layout, key, depth) + sum(sizes[child] for child in kids.get(key, ()))
    return sizes, parent, kids


def _define(layout: Layout, key: str, where: Where) -> None:
    layout.defined_at[key] = where
    layout.order.append(key)


def _without_loops(graph: Graph) -> dict[str, list[Edge]]:
    """Each node's relations without exact repeats and without those that close a loop (reported)."""
    edges: dict[str, list[Edge]] = {}
    for key, node in graph.nodes.items():
        seen: set[tuple[str, str]] = set()
        kept = []
        for edge in node.children:
            if edge.child not in graph.nodes or (edge.child, edge.stance) in seen:
                continue
            seen.add((edge.child, edge.stance))
            kept.append(edge)
        edges[key] = kept
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for spec in graph.maps:
        if spec.thesis in state:
            continue
        state[spec.thesis] = 1
        stack: list[tuple[str, int]] = [(spec.thesis, 0)]
        while stack:
            key, position = stack.pop()
            if position < len(edges[key]):
                stack.append((key, position + 1))
                edge = edges[key][position]
                seen_state = state.get(edge.child)
                if seen_state == 1:
                    parent, child = graph.nodes[key], graph.nodes[edge.child]
                    graph.note(
                        edge.line,
                        f"'{_short(child.text)}' {'supports' if edge.stance == 'pro' else 'opposes'} '{_short(parent.text)}', "
                        "which leads back to it: a loop the content format cannot hold, so this relation is left out",
                    )
                    edge.child = ""  # marked; removed below
                elif seen_state is None:
                    state[edge.child] = 1
                    stack.append((edge.child, 0))
            else:
                state[key] = 2
    return {key: [e for e in kept if e.child] for key, kept in edges.items()}


def _reached(graph: Graph, edges: dict[str, list[Edge]]) -> set[str]:
    reached: set[str] = set()
    stack = [spec.thesis for spec in graph.maps]
    while stack:
        key = stack.pop()
        if key in reached:
            continue
        reached.add(key)
        stack.extend(edge.child for edge in edges[key])
    return reached


def _valid_preferences(graph: Graph, edges: dict[str, list[Edge]]) -> dict[str, Where]:
    """Where the input writes each claim out in full, kept only where that place is in a map.

    A preference is kept when following preferred parents upwards reaches a map's thesis
    written out at its top, or a claim with no preference (defined wherever the walk first
    meets it): the walk then surely passes there. Any other claim is defined where the walk
    first meets it. ``edges`` holds only the claims the maps reach.
    """
    wanted: dict[str, Where] = {}
    for index, spec in enumerate(graph.maps):
        if spec.defines_thesis:
            wanted.setdefault(spec.thesis, ("root", str(index), 0))
    for key, kept in edges.items():
        for position, edge in enumerate(kept):
            if edge.defines:
                wanted.setdefault(edge.child, ("edge", key, position))
    valid: dict[str, bool] = {}
    for start in wanted:
        path: list[str] = []
        key = start
        result = False
        while key not in valid:
            if key in path:  # preferences in a loop: none of them can hold
                break
            path.append(key)
            where = wanted.get(key)
            if where is None:
                break
            if where[0] == "root":
                result = True
                break
            key = where[1]
        else:
            result = valid[key]
        for visited in path:
            valid[visited] = result
    return {key: where for key, where in wanted.items() if valid.get(key)}


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
