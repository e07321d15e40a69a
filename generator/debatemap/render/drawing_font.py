"""Text measurement without a browser: DejaVu Sans advance widths, so wrapping is deterministic.

The drawings name DejaVu Sans first (then Verdana, whose metrics are nearly the same, then any
sans-serif) and every wrapped line also carries ``textLength``, so a line never leaves its box
even where another font is used. Widths are in font units (2048 to the em) for the characters
debate text uses: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic and common punctuation;
anything else counts as one em (wide characters) or nothing (combining marks).

Regenerate the table (needs fontTools, not a dependency of debatemap) with
``python -m debatemap.render.drawing_font /usr/share/fonts/truetype/dejavu``.
"""

from __future__ import annotations

import importlib
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path

UNITS_PER_EM = 2048
FONT_FAMILY = '"DejaVu Sans", Verdana, "Bitstream Vera Sans", sans-serif'
RANGES = (
    (0x20, 0x7F),
    (0xA0, 0x180),
    (0x370, 0x400),
    (0x400, 0x460),
    (0x2010, 0x2028),
    (0x2030, 0x203B),
    (0x20AC, 0x20AD),
    (0x2122, 0x2123),
    (0x2190, 0x2194),
    (0x2212, 0x2213),
)
"""Code point ranges (start, end exclusive) covered by the tables, in order."""
FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}

_TABLES = {
    "regular": (
        "651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 1303 1303 1303 1303 1303 1303 1303 1303 "
        "1303 1303 690 690 1716 1716 1716 1087 2048 1401 1405 1430 1577 1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 "
        "1235 1612 1423 1300 1251 1499 1401 2025 1403 1251 1403 799 690 799 1716 1024 1024 1255 1300 1126 1300 1260 721 1300 "
        "1298 569 569 1186 569 1995 1298 1253 1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 1303 690 1303 1716 651 "
        "821 1303 1303 1303 1303 690 1024 1024 2048 965 1253 1716 739 2048 1024 1024 1716 821 821 1024 1303 1303 651 1024 "
        "821 965 1253 1985 1985 1985 1087 1401 1401 1401 1401 1401 1401 1995 1430 1294 1294 1294 1294 604 604 604 604 1587 "
        "1532 1612 1612 1612 1612 1612 1716 1612 1499 1499 1499 1499 1251 1239 1290 1255 1255 1255 1255 1255 1255 2011 1126 1260 "
        "1260 1260 1260 569 569 569 569 1253 1298 1253 1253 1253 1253 1253 1716 1253 1298 1298 1298 1298 1212 1300 1212 1401 "
        "1255 1401 1255 1401 1255 1430 1126 1430 1126 1430 1126 1430 1126 1577 1300 1587 1300 1294 1260 1294 1260 1294 1260 1294 "
        "1260 1294 1260 1587 1300 1587 1300 1587 1300 1587 1300 1540 1298 1876 1423 604 569 604 569 604 569 604 569 604 "
        "569 1208 1138 604 569 1343 1186 1186 1141 569 1141 569 1141 768 1141 700 1151 582 1532 1298 1532 1298 1532 1298 "
        "1666 1532 1298 1612 1253 1612 1253 1612 1253 2191 2095 1423 842 1423 842 1423 842 1300 1067 1300 1067 1300 1067 1300 "
        "1067 1251 803 1251 803 1251 803 1499 1298 1499 1298 1499 1298 1499 1298 1499 1298 1499 1298 2025 1675 1251 1212 1251 "
        "1403 1075 1403 1075 1403 1075 721 1340 1163 1765 1326 570 570 1532 1331 0 0 1024 1125 1126 1125 690 604 0 "
        "0 0 0 1024 1024 1418 651 1528 1784 836 0 1664 0 1689 1691 693 1401 1405 1141 1401 1294 1403 1540 1612 "
        "604 1343 1401 1767 1532 1294 1612 1540 1235 0 1294 1251 1251 1612 1403 1612 1565 604 1251 1350 1107 1298 693 1185 "
        "1350 1307 1212 1253 1107 1114 1298 1253 693 1207 1212 1303 1144 1142 1253 1233 1300 1202 1298 1233 1185 1351 1183 1351 "
        "1715 693 1185 1253 1185 1715 1343 1258 1268 1431 1725 1431 1351 1715 1359 1612 1253 1328 1202 1178 939 1351 1351 1772 "
        "1285 1912 1715 1553 1350 1621 1259 1406 1243 1572 1280 1432 1253 1251 1098 1359 1300 1126 569 1612 1260 1260 1239 1300 "
        "1430 1767 1333 1300 1440 1430 1440 1294 1294 1610 1249 1430 1300 604 604 604 2240 2140 1610 1454 1532 1248 1540 1401 "
        "1405 1405 1249 1600 1294 2206 1313 1532 1532 1454 1540 1767 1540 1612 1540 1235 1430 1251 1248 1763 1403 1590 1404 2190 "
        "2240 1705 1807 1405 1430 2211 1423 1255 1263 1207 1076 1416 1260 1845 1089 1331 1331 1237 1309 1545 1339 1253 1339 1300 "
        "1126 1193 1212 1751 1212 1394 1210 1874 1929 1447 1617 1207 1124 1724 1232 1260 1260 1280 1076 1124 1067 569 569 569 "
        "1848 1840 1335 1237 1331 1212 1339 739 739 1303 1024 2048 2048 1024 1024 651 651 651 651 1061 1061 1061 1061 1024 "
        "1024 1208 1208 685 1367 2048 651 2748 3554 465 765 1065 465 765 1065 694 819 819 1303 2048 1716 1716 1716 1716 "
        "1716"
    ),
    "bold": (
        "713 934 1067 1716 1425 2052 1786 627 936 936 1071 1716 778 850 778 748 1425 1425 1425 1425 1425 1425 1425 1425 "
        "1425 1425 819 819 1716 1716 1716 1188 2048 1585 1561 1503 1700 1399 1399 1681 1714 762 762 1587 1305 2038 1714 1741 "
        "1501 1741 1577 1475 1397 1663 1585 2259 1579 1483 1485 936 748 936 1716 1024 1024 1382 1466 1214 1466 1389 891 1466 "
        "1458 702 702 1362 702 2134 1458 1407 1466 1466 1010 1219 979 1458 1335 1892 1321 1335 1192 1458 748 1458 1716 713 "
        "934 1425 1425 1303 1425 748 1024 1024 2048 1155 1323 1716 850 2048 1024 1024 1716 897 897 1024 1507 1303 778 1024 "
        "897 1155 1323 2120 2120 2120 1188 1585 1585 1585 1585 1585 1585 2222 1503 1399 1399 1399 1399 762 762 762 762 1716 "
        "1714 1741 1741 1741 1741 1741 1716 1741 1663 1663 1663 1663 1483 1511 1473 1382 1382 1382 1382 1382 1382 2146 1214 1389 "
        "1389 1389 1389 702 702 702 702 1407 1458 1407 1407 1407 1407 1407 1716 1407 1458 1458 1458 1458 1335 1466 1335 1585 "
        "1382 1585 1382 1585 1382 1503 1214 1503 1214 1503 1214 1503 1214 1700 1466 1716 1466 1399 1389 1399 1389 1399 1389 1399 "
        "1389 1399 1389 1681 1466 1681 1466 1681 1466 1681 1466 1714 1458 1994 1618 762 702 762 702 762 702 762 702 762 "
        "702 1524 1404 762 702 1587 1362 1362 1305 702 1305 702 1305 982 1305 1140 1315 760 1714 1458 1714 1458 1714 1458 "
        "2013 1714 1458 1741 1407 1741 1407 1741 1407 2390 2241 1577 1010 1577 1010 1577 1010 1475 1219 1475 1219 1475 1219 1475 "
        "1219 1397 979 1397 979 1397 979 1663 1458 1663 1458 1663 1458 1663 1458 1663 1458 1663 1458 2259 1892 1483 1335 1483 "
        "1485 1192 1485 1192 1485 1192 891 1429 1157 2093 1712 618 618 1714 1435 0 0 1024 1214 1126 1125 819 762 0 "
        "0 0 0 904 1024 1633 778 1732 2066 1154 0 1824 0 2007 1831 798 1585 1561 1305 1585 1399 1485 1714 1741 "
        "762 1587 1585 2038 1714 1294 1741 1714 1501 0 1399 1397 1483 1741 1579 1740 1741 762 1483 1407 1140 1458 798 1383 "
        "1407 1466 1395 1407 1140 1210 1458 1407 798 1455 1296 1507 1395 1210 1407 1620 1466 1214 1595 1307 1383 1602 1321 1626 "
        "1780 798 1383 1407 1383 1780 1587 1333 1353 1528 2010 1528 1631 1780 1523 1741 1407 1503 1214 1399 1011 1438 1351 1882 "
        "1284 2238 1715 1704 1466 1900 1523 1502 1332 1615 1374 1540 1466 1397 1208 1523 1466 1214 702 1741 1320 1319 1511 1466 "
        "1503 2038 1499 1466 1430 1503 1430 1399 1399 1799 1305 1503 1475 762 762 762 2364 2314 1799 1674 1714 1579 1714 1585 "
        "1561 1561 1305 1824 1399 2507 1455 1714 1714 1674 1701 2038 1714 1741 1714 1501 1503 1397 1579 2031 1579 1900 1655 2530 "
        "2715 1924 2122 1561 1503 2404 1577 1382 1430 1296 1070 1654 1389 2038 1190 1435 1435 1390 1500 1674 1415 1407 1415 1466 "
        "1214 1187 1335 2032 1321 1518 1406 2175 2264 1539 1852 1295 1214 1991 1315 1389 1389 1462 1070 1214 1219 702 702 702 "
        "2030 1958 1504 1390 1435 1335 1415 850 850 1425 1024 2048 2048 1024 1024 778 778 778 778 1346 1346 1346 1346 1024 "
        "1024 1309 1309 682 1366 2048 713 2949 3864 540 915 1290 540 915 1290 1501 844 844 1425 2048 1716 1716 1716 1716 "
        "1716"
    ),
}
"""Advance widths in font units, space-separated, for every code point of RANGES in order (0: not in the font)."""


def _load(weight: str) -> dict[str, int]:
    widths = [int(w) for w in "".join(_TABLES[weight]).split()]
    chars = [chr(cp) for start, end in RANGES for cp in range(start, end)]
    return {ch: w for ch, w in zip(chars, widths, strict=True) if w}


_WIDTHS = {weight: _load(weight) for weight in _TABLES}


def _fallback(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return UNITS_PER_EM  # wide (CJK) and unknown characters: one em is the safe guess


@lru_cache(maxsize=262144)
def text_units(text: str, bold: bool = False) -> int:
    """The advance width of ``text`` in font units."""
    table = _WIDTHS["bold" if bold else "regular"]
    try:
        return sum(map(table.__getitem__, text))  # every character in the font: the common case
    except KeyError:
        return sum(table.get(ch) or _fallback(ch) for ch in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in pixels at font size ``size``."""
    return text_units(text, bold) * size / UNITS_PER_EM


@lru_cache(maxsize=65536)
def wrap(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> tuple[tuple[str, ...], bool]:
    """Greedy word wrap into at most ``max_lines`` lines no wider than ``width`` pixels.

    Returns the lines and whether the text was shortened (the last line then ends with '…').
    A word longer than a line is broken between characters, so no line ever overflows. Cached:
    a claim is drawn on its map, its own page and the pages of its parents and children.
    """
    limit = width * UNITS_PER_EM / size
    space = text_units(" ", bold)
    lines: list[str] = []
    current: list[str] = []
    used = 0
    # Lazily: once the lines are full the rest is only looked at while it fits after the last
    # line, so a long text in a narrow box costs no more than the words that show.
    words = _split_long(text.split(), limit, bold)
    for word in words:
        w = text_units(word, bold)
        if current and used + space + w > limit:
            lines.append(" ".join(current))
            if len(lines) == max_lines:
                return tuple(_ellipsis(lines, chain((word,), words), limit, bold)), True
            current, used = [], 0
        used += (space if current else 0) + w
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return tuple(lines), False


def _split_long(words: list[str], limit: float, bold: bool) -> Iterator[str]:
    """The words, with any word wider than ``limit`` broken between characters."""
    for word in words:
        rest = word
        while text_units(rest, bold) > limit:
            cut = 1
            while cut < len(rest) and text_units(rest[: cut + 1], bold) <= limit:
                cut += 1
            yield rest[:cut]
            rest = rest[cut:]
        yield rest


def _ellipsis(lines: list[str], rest: Iterable[str], limit: float, bold: bool) -> list[str]:
    """End the last line with '…', taking words from ``rest`` while they fit, cutting if needed."""
    mark = "…"
    last = lines[-1]
    for word in rest:
        if text_units(f"{last} {word}{mark}", bold) > limit:
            break
        last = f"{last} {word}"
    while last and text_units(last.rstrip(" ,;:.") + mark, bold) > limit:
        last = last[:-1]
    lines[-1] = last.rstrip(" ,;:.") + mark
    return lines


def shorten(text: str, width: float, size: float, bold: bool = False) -> str:
    """One line no wider than ``width``: the text, or as much as fits followed by '…'."""
    return wrap(text, width, size, 1, bold)[0][0] if text.strip() else ""


def regenerate(font_dir: Path) -> str:
    """The source of ``_TABLES`` read from the DejaVu fonts in ``font_dir`` (needs fontTools)."""
    ttlib = importlib.import_module("fontTools.ttLib")
    out = ["_TABLES = {"]
    for weight, name in FILES.items():
        font = ttlib.TTFont(str(font_dir / name))
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths = [str(hmtx[cmap[cp]][0]) if cp in cmap else "0" for start, end in RANGES for cp in range(start, end)]
        out.append(f'    "{weight}": (')
        chunks = [" ".join(widths[i : i + 24]) for i in range(0, len(widths), 24)]
        out += [f'        "{chunk} "' for chunk in chunks[:-1]] + [f'        "{chunks[-1]}"', "    ),"]
    out.append("}")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(regenerate(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")) + "\n")
