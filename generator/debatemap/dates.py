"""Dates known to the day, the month or only the year (ISO 8601: ``2024-07-23``, ``2024-01``, ``2023``).

A bibliography often knows a date only to the month or the year (an essay dated "January 2024",
a report from "June 2023"); inventing a day would be a false fact. A partial date is kept as the
ISO 8601 text the curator wrote, which is what HTML's ``<time datetime>``, schema.org's
``datePublished`` and the search index want, and which sorts correctly as text: ``2023`` <
``2023-06`` < ``2023-06-01`` < ``2023-07``. A period thus sorts just before the days inside it,
so in a newest-first list a source dated "June 2023" comes after those dated within June 2023
and before those of May. Map ``updated`` dates stay full dates: the feed and the sitemap need a
day.
"""

from __future__ import annotations

import datetime
import re

PARTIAL_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
"""YYYY, YYYY-MM or YYYY-MM-DD, as the check and the JSON Schema accept them."""
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def partial_date_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not a partial date, with a hint for the curator; None when it is one."""
    match = PARTIAL_DATE_RE.fullmatch(text)
    if match is None:
        return (
            f"'{text}' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
            _form_hint(text),
        )
    year, month, day = match.groups()
    if year == "0000":
        return f"'{text}' is not a real date: there is no year 0", "years start at 0001"
    if month is not None and not 1 <= int(month) <= 12:
        return f"'{text}' is not a real date: month {month} is not between 01 and 12", "e.g. 2024-01 for January 2024"
    if day is not None:
        try:
            datetime.date(int(year), int(month or 1), int(day))
        except ValueError as exc:
            return f"'{text}' is not a real date: {exc}", "check the day of the month"
    return None


def _form_hint(text: str) -> str:
    """A hint for text that is nearly a date: single-digit parts, a two-digit year, slashes."""
    parts = re.fullmatch(r"([0-9]{1,4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?", text)
    if parts and len(parts.group(1)) == 4:
        fixed = "-".join(p.zfill(2) for p in parts.groups() if p is not None)
        if PARTIAL_DATE_RE.fullmatch(fixed):
            return f"write months and days with two digits: {fixed}"
    if re.fullmatch(r"[0-9]{1,3}", text):
        return "write the year with four digits, e.g. 2024"
    return "e.g. 2024-07-23, or 2024-07 or 2024 when only the month or year is known"


def last_day(iso: str) -> datetime.date | None:
    """The latest day a day, month or year can mean ('2024-02' -> 2024-02-29); None if not a date.

    Ages are measured from it, so a source known only by its year is never called older than it
    may be.
    """
    if partial_date_problem(iso) is not None:
        return None
    year, month, day = [*iso.split("-"), "", ""][:3]
    if day:
        return datetime.date(int(year), int(month), int(day))
    if month:
        following = datetime.date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(int(year), 12, 31)


def human_date(iso: str | None) -> str:
    """'2024-07-30' -> '30 July 2024', '2024-01' -> 'January 2024', '2023' -> '2023'.

    No locale lookups: builds must not depend on the machine.
    """
    if not iso:
        return ""
    year, _, rest = iso.partition("-")
    if not rest:
        return year
    month, _, day = rest.partition("-")
    name = MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"
