"""The date an article is about, for date-aware clustering.

A story is one happening at one time: the same people meeting on the same day-month of another year is another
story. Each article gets an anchor date: its publication date (local calendar day), else the day of its page's date
line without a clock time ("09 Jun 2025", which the meta stage does not take for a publication time), else the latest day-precision
date of an event it reports as done, else none: a date merely written in the text ("Senin (19/9/2022)", an election
day recalled) may be any date the report mentions, not the one it is about, so an undated article stays undated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from warta.lang.id.calendar import calendar, lowercase


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names written in dates (lower case): full names, other spellings, English and abbreviations, as
    events reads them."""
    words = calendar()
    return lowercase({**words.months, **words.month_abbreviations})


@lru_cache(maxsize=1)
def _written_date() -> re.Pattern[str]:
    names = "|".join(sorted(month_names(), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})/(?P<y1>(?:19|20)\d{{2}})\b"
        rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{names})\.?\s+(?P<y2>(?:19|20)\d{{2}})\b",
        re.IGNORECASE,
    )


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD prefix as a date; None for month/year precision or junk."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dates_in_text(text: str) -> list[date]:
    """Full dates written in the text, in order of appearance."""
    found: list[date] = []
    months = month_names()
    for m in _written_date().finditer(text):
        try:
            if m.group("d1"):
                found.append(date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))))
            else:
                found.append(date(int(m.group("y2")), months[m.group("m2").lower()], int(m.group("d2"))))
        except ValueError:
            continue
    return found


def header_day(lines: Iterable[str]) -> date | None:
    """The day of the first of an article's header date lines (removed by the cleaner) that gives a full date."""
    for line in lines:
        found = dates_in_text(line)
        if found:
            return found[0]
    return None


def anchor_date(published: str | None, event_days: Iterable[date], header_day: date | None = None) -> date | None:
    """The day the article is about (see the module doc)."""
    day = parse_day(published) or header_day
    if day:
        return day
    reported = list(event_days)
    return max(reported) if reported else None
