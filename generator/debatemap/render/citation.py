"""A work's citation in every form a page offers: the three styles (``cite``) and the data forms.

BibTeX and CSL-JSON are written here: what reference managers and TeX read, where the styles in
``cite`` are what a reader copies. CSL-JSON is printed by ``pretty_json``, byte for byte what
``json.dumps(indent=2, ensure_ascii=False)`` gives, at a fraction of its cost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .cite import MLA_MONTHS, Work, _date, _sentence, apa, chicago, mla, split_name


@dataclass(frozen=True, slots=True)
class Citation:
    """One work in every form a page offers (HTML fragments are escaped; texts are plain)."""

    apa: Markup
    mla: Markup
    chicago: Markup
    bibtex: str
    csl_json: str


def cite(work: Work) -> Citation:
    return Citation(apa(work), mla(work), chicago(work), bibtex(work), pretty_json([csl(work)]))


_json_string = json.encoder.encode_basestring
"""JSON's own string encoder (the C one where there is one), as ``json.dumps(..., ensure_ascii=False)`` uses it."""


def pretty_json(value: Any, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, for the str, int, bool,
    None, list and dict values CSL-JSON is made of: with ``indent`` the json module encodes in
    pure Python, which cost a claim page more than its Jinja template's tags."""
    if isinstance(value, str):
        return _json_string(value)
    if type(value) is int:  # the date parts: json.dumps(3) is "3", at a tenth of the cost
        return str(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = [f"{inner}{_json_string(key)}: {pretty_json(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + pretty_json(item, inner) for item in value) + "\n" + indent + "]"
    return json.dumps(value)


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_TYPES = {
    "article-journal": "article",
    "article-newspaper": "article",
    "article-magazine": "article",
    "report": "techreport",
    "book": "book",
}


_TEX = str.maketrans(_BIBTEX_SPECIAL)


def _tex(text: str) -> str:
    return text.translate(_TEX)


def bibtex(work: Work) -> str:
    """One entry; titles are braced twice so BibTeX styles keep their case. URLs go in ``url``
    as written (the url package reads them verbatim), other text is escaped."""
    entry = _BIBTEX_TYPES.get(work.kind, "misc")
    fields: list[tuple[str, str]] = []
    if work.authors:
        fields.append(("author", " and ".join(_tex(f"{f}, {g}".rstrip(", ")) for f, g in map(split_name, work.authors))))
    elif work.organisation:
        fields.append(("author", "{" + _tex(work.organisation) + "}"))
    fields.append(("title", "{" + _tex(_sentence(work.title) if work.title.endswith(".") else work.title) + "}"))
    if work.container:
        fields.append(("journal" if entry == "article" else "howpublished", _tex(work.container)))
    if work.publisher:
        fields.append(("institution" if entry == "techreport" else "publisher", _tex(work.publisher)))
    date = _date(work.date)
    if date is not None:
        fields.append(("year", str(date[0])))
        if date[1] is not None:
            fields.append(("month", MLA_MONTHS[date[1] - 1].rstrip(".").lower()[:3]))
            fields.append(("date", work.date or ""))
    if work.version:
        fields.append(("version", work.version))
    if work.url:
        fields.append(("url", work.url.replace("{", "%7B").replace("}", "%7D")))
    fields += sorted(work.extra.items())
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry}{{{work.key},\n{body}\n}}"


def csl(work: Work) -> dict[str, Any]:
    """The CSL-JSON item (what Zotero, Mendeley and pandoc import)."""
    item: dict[str, Any] = {"id": work.key, "type": work.kind, "title": _sentence(work.title)}
    if work.authors:
        item["author"] = [{"family": f, "given": g} if g else {"literal": f} for f, g in map(split_name, work.authors)]
    elif work.organisation:
        item["author"] = [{"literal": work.organisation}]
    if work.container:
        item["container-title"] = work.container
    if work.publisher:
        item["publisher"] = work.publisher
    date = _date(work.date)
    if date is not None:
        item["issued"] = {"date-parts": [[part for part in date if part is not None]]}
    if work.version:
        item["version"] = work.version
    if work.url:
        item["URL"] = work.url
    return item
