"""``debatemap new claim`` and ``new source --cite``: add to an existing map file in place.

The claim to add to is found by id in the whole site (a claim is defined once and reused with
``ref:``, so its replies belong where it is defined, whichever map the curator was reading);
the file is then edited as text at the positions the loader recorded (``insert``), so comments,
quoting and layout stay as they were and the change reads as a small diff.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..content import Content, read_content
from ..diagnostics import ContentError, Diagnostic, Position, Severity, UsageError
from ..load import YMap, YNode, YScalar, YSeq
from ..model import Claim
from ..schema import CLAIM, MAP, RESERVED_IDS
from ..text_files import display_path
from ..validate import check_id, id_hint, validate
from .insert import EditRefused, Item, append_item
from .yaml_text import YamlText

PLACEHOLDER_CLAIM = "State the reply as one sentence."
STANCE_KEYS = {"pro": "pros", "con": "cons"}
CLAIM_KEYS = tuple(field.name for field in CLAIM.fields)
"""The order the format documents a claim's keys in; a new key goes above the ones after it."""


@dataclass(frozen=True, slots=True)
class Added:
    """Where an addition went, for the command's report."""

    position: Position
    parent: Claim


def new_claim(root: Path, claim_id: str, *, under: str, stance: str, text: str | None, source: str | None) -> Added:
    """Add claim ``claim_id`` as a ``stance`` reply to ``under``, in the file that defines ``under``."""
    content = _read(root)
    problem = check_id(claim_id)
    if problem is not None:
        hint = "" if claim_id in RESERVED_IDS else f" ({id_hint(claim_id)})"
        raise UsageError(f"'{claim_id}' is not a valid claim id: {problem}{hint}")
    taken = next((c for c in content.claims if c.id == claim_id), None)
    if taken is not None:
        raise UsageError(f"claim id '{claim_id}' is already defined at {taken.pos}; choose another id")
    parent = _claim(content, under, "--under")
    if source is not None:
        _known_source(content, source)
    sentence = _sentence(text)
    item: Item = (("id", claim_id), ("claim", sentence))
    if source is not None:
        item += (("sources", [(("source", source),)]),)
    key = STANCE_KEYS[stance]
    return _append(root, parent, key, item)


def cite(root: Path, claim_ids: list[str], source_id: str) -> list[Added]:
    """Add ``{source: source_id}`` to the sources of each claim (the source file must exist)."""
    content = _read(root)
    parents = [_claim(content, claim_id, "--cite") for claim_id in claim_ids]
    _known_source(content, source_id)
    return [_append(root, parent, "sources", (("source", source_id),)) for parent in parents]


def check_claims(root: Path, claim_ids: list[str]) -> None:
    """Raise UsageError unless every id names a claim, before ``new source --cite`` creates anything."""
    content = _read(root)
    for claim_id in claim_ids:
        _claim(content, claim_id, "--cite")


def _read(root: Path) -> Content:
    diags: list[Diagnostic] = []
    content = read_content(root, diags)
    if not content.complete:
        raise ContentError([d for d in diags if d.severity is Severity.ERROR])
    return content


def _claim(content: Content, claim_id: str, option: str) -> Claim:
    found = [c for c in content.claims if c.id == claim_id]
    if len(found) > 1:
        places = ", ".join(str(c.pos) for c in found)
        raise UsageError(f"claim '{claim_id}' is defined {len(found)} times ({places}); fix the duplicate-id error first")
    if found:
        return found[0]
    hint = ""
    thesis = next((m.thesis_id for m in content.maps if m.id == claim_id), None)
    if thesis is not None:
        hint = f" ('{claim_id}' is a map; its thesis is '{thesis}')"
    else:
        close = difflib.get_close_matches(claim_id, sorted({c.id for c in content.claims}), n=1)
        if close:
            hint = f" (did you mean '{close[0]}'?)"
    raise UsageError(f"{option} {claim_id}: no claim has this id{hint}")


def _known_source(content: Content, source_id: str) -> None:
    ids = sorted(s.id for s in content.sources)
    if source_id in ids:
        return
    close = difflib.get_close_matches(source_id, ids, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"create it with `debatemap new source {source_id}`"
    raise UsageError(f"no source '{source_id}' in {display_path(content.root / 'sources')} ({hint})")


def _sentence(text: str | None) -> str:
    if text is None:
        return PLACEHOLDER_CLAIM
    sentence = " ".join(text.split())
    if not sentence:
        raise UsageError("--claim is empty; write the claim as one sentence")
    limit = CLAIM.by_name["claim"].max_length
    if len(sentence) > limit:
        raise UsageError(f"--claim is {len(sentence)} characters long; the limit is {limit}")
    return sentence


def _append(root: Path, parent: Claim, key: str, item: Item) -> Added:
    path = root / "maps" / f"{parent.map_id}.yaml"
    doc = YamlText.read(path, parent.pos.path)
    owner = _definition(doc.tree, parent)
    if owner is None:
        raise EditRefused(f"{parent.pos}: cannot find the mapping that defines '{parent.id}'; add the reply by hand")
    position = CLAIM_KEYS.index(key)
    data, added = append_item(doc, owner, key, item, before=CLAIM_KEYS[position + 1 :])
    _no_new_problems(doc, data)
    _replace(path, doc.data, data)
    return Added(Position(doc.shown, added.pos.line, added.pos.column), parent)


def _definition(tree: YNode, claim: Claim) -> YMap | None:
    """The mapping whose ``id`` is the claim's (an id is defined once; ``_claim`` made sure).

    Found by value rather than by the recorded position, which an earlier edit of the same
    file (``--cite`` of two claims of one map) has moved.
    """
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            pair = node.items.get("id")
            if pair is not None and isinstance(pair[1], YScalar) and pair[1].value == claim.id:
                return node
            stack.extend(value for _, value in node.items.values())
        elif isinstance(node, YSeq):
            stack.extend(node.items)
    return None


def _no_new_problems(doc: YamlText, data: bytes) -> None:
    """Refuse an edit after which the map file has a problem it did not have (a claim text the format refuses...)."""
    where = Position(doc.shown, 1, 1)
    before: list[Diagnostic] = []
    validate(doc.tree, MAP, before, where)
    after: list[Diagnostic] = []
    validate(YamlText.parse(doc.path, doc.shown, data).tree, MAP, after, where)
    old = {(d.code, d.message) for d in before}
    new = [d for d in after if (d.code, d.message) not in old]
    if new:
        raise ContentError(new)


def _replace(path: Path, expected: bytes, data: bytes) -> None:
    """Write ``data`` over ``path`` atomically, unless the file changed since it was read."""
    if path.read_bytes() != expected:
        raise UsageError(f"{display_path(path)} changed while the edit was prepared; run the command again")
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)  # noqa: PTH101 - on a descriptor-free path, as mkstemp made it 0600
        os.replace(temporary, path)  # noqa: PTH105
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
