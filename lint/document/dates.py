"""Danish dates as minutes write them: `04-05-2020`, `4. maj 2020`, `Mandag d. 04. maj 2020`."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import NamedTuple

from referat_lint.input.regex_cache import regex

MONTHS = {
    "januar": 1,
    "februar": 2,
    "marts": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8}
_MONTH_ABBREVIATIONS |= {"sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12}

WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_WEEKDAY_ABBREVIATIONS = {"man": 0, "tirs": 1, "tir": 1, "ons": 2, "tors": 3, "tor": 3}
_WEEKDAY_ABBREVIATIONS |= {"fre": 4, "lør": 5, "søn": 6}

_month_names = sorted([*MONTHS, *_MONTH_ABBREVIATIONS], key=len, reverse=True)
_weekday_names = sorted([*WEEKDAYS_DA, *_WEEKDAY_ABBREVIATIONS], key=len, reverse=True)
_WEEKDAY = rf"(?P<weekday>{'|'.join(_weekday_names)})\.?\s+(?:(?:d\.|den)\s*)?"
_NAMED = regex(
    rf"(?<!\w)(?:{_WEEKDAY})?(?P<day>\d{{1,2}})\.?\s*(?P<month>{'|'.join(_month_names)})\.?"
    r"(?:\s+(?P<year>\d{4}))?(?!\w)",
    re.IGNORECASE,
)
_NUMERIC = regex(
    rf"(?<![\w.\-/])(?:{_WEEKDAY})?(?P<day>\d{{1,2}})(?P<sep>[-./])(?P<month>\d{{1,2}})"
    r"(?P=sep)(?P<year>\d{4})(?![\w\-/]|\.\d)",
    re.IGNORECASE,
)


class DateMention(NamedTuple):
    """A date written in a text, where it stands, and the weekday written before it."""

    text: str  # as written, weekday included
    start: int  # offset in the searched string
    day: int
    month: int
    year: int | None  # None when the text names no year ("den 4. maj")
    weekday: str | None = None  # as written ("Mandag"), if any
    weekday_index: int | None = None  # 0 = Monday

    @property
    def valid(self) -> bool:
        """Whether the day exists (a year-less 29 February counts as existing)."""
        try:
            datetime.date(self.year or 2000, self.month, self.day)
        except ValueError:
            return False
        return True

    @property
    def date(self) -> datetime.date | None:
        """The calendar date, when the text names a year and the day exists."""
        if self.year is None or not self.valid:
            return None
        return datetime.date(self.year, self.month, self.day)

    def agrees(self, other: DateMention) -> bool:
        """Same day and month, and the same year where both name one."""
        same_year = self.year is None or other.year is None or self.year == other.year
        return (self.day, self.month) == (other.day, other.month) and same_year

    def iso(self) -> str:
        """`2020-05-04`, or `--05-04` without a year (ISO 8601's year-less form)."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        return f"{year}-{self.month:02d}-{self.day:02d}"


# ISO 8601 (`2020-05-04`), as some systems print it.
_ISO = regex(
    rf"(?<![\w.\-/])(?:{_WEEKDAY})?(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})"
    r"(?![\w\-/]|\.\d)",
    re.IGNORECASE,
)


_REMEMBERED = 200  # values up to this long are remembered (a long line is not kept)


def find_date(text: str) -> DateMention | None:
    """The first date in `text`, named (`4. maj 2020`), numeric (`04-05-2020`) or ISO."""
    return _remembered_date(text) if len(text) <= _REMEMBERED else _first_date(text)


# Asked of short values (a header's date, a decision heading's) that recur in every item of
# a file and across files; a DateMention is immutable.
@lru_cache(maxsize=1024)
def _remembered_date(text: str) -> DateMention | None:
    return _first_date(text)


def _first_date(text: str) -> DateMention | None:
    searches = (_NAMED.search(text), _NUMERIC.search(text), _ISO.search(text))
    found = [m for m in searches if m is not None]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    month_text = match["month"]
    if month_text.isdigit():
        month = int(month_text)
    else:
        month = MONTHS.get(month_text.casefold()) or _MONTH_ABBREVIATIONS[month_text.casefold()]
    weekday = match["weekday"]
    weekday_index = None
    if weekday:
        key = weekday.casefold()
        weekday_index = (
            WEEKDAYS_DA.index(key) if key in WEEKDAYS_DA else _WEEKDAY_ABBREVIATIONS[key]
        )
    return DateMention(
        text=match.group(),
        start=match.start(),
        day=int(match["day"]),
        month=month,
        year=int(match["year"]) if match["year"] else None,
        weekday=weekday,
        weekday_index=weekday_index,
    )
