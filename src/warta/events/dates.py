"""Find and resolve Indonesian date expressions against a base date (usually the publication date).

Rules (tested in tests/events/test_dates.py, documented in docs/quality.md "## Dates"):

* numeric dates need a year, a weekday or brackets, so fractions and scores ("1/2", "3-1") are never dates:
  "Senin (19/9/2022)", "(19/9)", "Jumat (30/12)", "19/9/2022";
* written dates: "24 Februari", "30 Desember 2022", "Senin, 6 Desember 2021", "20 Sep 2023";
* a day and month without a year take the year that makes the stated weekday true, nearest to the base; without a
  weekday, the latest occurrence no more than 31 days after the base (news mostly reports the past, but a date
  a few weeks ahead is an announcement);
* weekdays alone ("pada Senin", "Rabu lalu", "Jumat mendatang"): the most recent such day on or before the base
  ("lalu": strictly before; "depan"/"mendatang": strictly after);
* months ("Oktober mendatang", "akhir Februari lalu", "pada bulan Mei", "Maret 2022") have month precision;
  years ("pada 2023", "tahun 2014", "tahun lalu") year precision;
* relative expressions: "kemarin", "hari ini", "besok", "lusa", "pekan lalu", "sepekan lalu", "3 hari lalu",
  "bulan lalu", "awal bulan ini", "dua tahun lalu". Week expressions and "beberapa hari lalu" resolve to a day
  that is only approximately right; `ResolvedDate.approximate` says so.

Everything is precompiled regular expressions over the sentence; nothing here imports a heavy library.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from warta.lang.id.calendar import calendar, lowercase

Precision = Literal["day", "month", "year"]

# A day/month without a year may point this far after the base before we take the previous year instead.
FUTURE_WINDOW_DAYS = 31
# A bare month ("pada Oktober") may be this many months after the base month before it means last year's.
FUTURE_WINDOW_MONTHS = 2


@dataclass(frozen=True)
class ResolvedDate:
    """One date expression found in a text, resolved against a base date."""

    date: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: Precision
    text: str  # the words the date was resolved from
    start: int
    end: int
    approximate: bool = False  # True for weeks and vague counts ("pekan lalu", "beberapa hari lalu")

    @property
    def first_day(self) -> dt.date:
        """The first day the expression covers (for sorting and comparisons)."""
        parts = [int(p) for p in self.date.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class _Calendar:
    weekdays: dict[str, int]
    months_full: dict[str, int]
    months_short: dict[str, int]
    numbers: dict[str, int]

    def month(self, word: str) -> int | None:
        word = word.lower().rstrip(".")
        return self.months_full.get(word) or self.months_short.get(word)


@lru_cache(maxsize=1)
def _calendar() -> _Calendar:
    # Full names, other spellings and English names; abbreviations only for months (a bare "Sen" or "Min" in prose
    # is not a day). Stamp-only abbreviations ("Agust", "Sept.") are meta's.
    cal = calendar()
    return _Calendar(lowercase(cal.weekdays), lowercase(cal.months), lowercase(cal.month_abbreviations), cal.number_words)


def _first_chars(words: list[str]) -> str:
    """A lookahead for the first characters of `words`: put before a pattern that can only start with one of them,
    it changes no match but lets the regex engine skip other positions quickly (two to four times faster scans).
    Under IGNORECASE the class folds case exactly as the words themselves do."""
    return "(?=[" + re.escape("".join(sorted({w[0] for w in words}))) + "])"


def _alternation(words: list[str]) -> str:
    # Longest first so that "sept" wins over "sep" and "jum'at" over nothing.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


Handler = Callable[["_Groups", dt.date, bool], tuple[str, Precision, bool] | None]


_WORDS = re.compile(r"[a-z’']+")


@dataclass(frozen=True)
class _TriggerWords:
    months: frozenset[str]
    weekdays: frozenset[str]
    units: frozenset[str]
    near_days: frozenset[str]
    every: frozenset[str]  # all of the above


@lru_cache(maxsize=1)
def _trigger_words() -> _TriggerWords:
    cal = _calendar()
    months = frozenset(cal.months_full) | frozenset(cal.months_short)
    weekdays = frozenset(cal.weekdays)
    units = frozenset({"hari", "pekan", "minggu", "bulan", "tahun", "sepekan", "seminggu", "sebulan", "setahun",
                       "sehari"})
    near_days = frozenset({"kemarin", "besok", "lusa"})
    return _TriggerWords(months, weekdays, units, near_days, months | weekdays | units | near_days)


_DIGIT = re.compile(r"\d").search
_YEAR = re.compile(r"(?:19|20)\d\d").search


def _triggered(text: str) -> tuple[bool, ...]:
    """One cheap test per pattern in `_patterns` (same order) on the (lower-case) text and its set of words: False
    where the pattern cannot match. Most sentences have no date at all, and the patterns are slow to scan."""
    t = _trigger_words()
    # The text's words that are trigger words (one pass over its words; a word set would hash every word).
    words = t.every.intersection(_WORDS.findall(text))
    month = not words.isdisjoint(t.months)
    year = _YEAR(text) is not None
    return ("/" in text, month and _DIGIT(text) is not None, month and year, month, year,
            not words.isdisjoint(t.near_days), not words.isdisjoint(t.weekdays), not words.isdisjoint(t.units))


class _Groups(dict[str, str | None]):
    """Named groups of a core match and of its prefix match; a group that did not take part reads as None."""

    def __missing__(self, key: str) -> None:
        return None

    def need(self, key: str) -> str:
        """A group the handler's pattern always fills (so a None here is a bug in the pattern, not in the text)."""
        value = self[key]
        if value is None:
            raise KeyError(f"date pattern lacks group {key!r}")
        return value


@dataclass(frozen=True)
class _Pattern:
    """A date pattern split for speed: the `core` starts with something specific (a digit, a month or weekday name),
    so the regex engine skips most positions quickly; the optional words before it ("pada hari", "awal bulan",
    a weekday before a date) are matched by `prefix` on the few characters right before a core match."""

    core: re.Pattern[str]
    prefix: re.Pattern[str] | None
    handler: Handler


PREFIX_REACH = 32  # characters before a core match searched for its prefix


@lru_cache(maxsize=1)
def _patterns() -> list[_Pattern]:
    patterns = _build_patterns()
    for pattern in patterns:
        # _find merges a core's groups and its prefix's into one dict: a name in both would be overwritten.
        if pattern.prefix is not None and set(pattern.core.groupindex) & set(pattern.prefix.groupindex):
            raise ValueError(f"core and prefix share group names: {pattern.core.pattern}")
    return patterns


def _build_patterns() -> list[_Pattern]:
    cal = _calendar()
    wd = _alternation(list(cal.weekdays))
    mon_full = _alternation(list(cal.months_full))
    mon_any = _alternation(list(cal.months_full) + list(cal.months_short))
    num = _alternation([w for w in cal.numbers if w != "se"])
    # First-character lookaheads (see _first_chars); \d is any Unicode digit, as in the patterns themselves.
    month_first = _first_chars(list(cal.months_full))
    weekday_first = _first_chars(list(cal.weekdays))
    flags = re.IGNORECASE
    weekday_before = re.compile(rf"\b(?P<wd>{wd})\b\s*,?\s*$", flags)
    return [
        _Pattern(
            re.compile(
                r"(?=[(\d])(?P<open>\(\s*)?(?<![\d/.-])(?P<d>[0-3]?\d)\s*/\s*(?P<m>[01]?\d)"
                r"(?:\s*/\s*(?P<y>\d{4}|\d{2}))?(?![\d/])(?(open)\s*\))",
                flags,
            ),
            weekday_before,
            _numeric,
        ),
        _Pattern(
            re.compile(rf"(?=\d)(?<![\d/.-])\b(?P<d>[0-3]?\d)\s+(?P<mon>{mon_any})\b\.?(?:\s+(?P<y>\d{{4}})\b)?", flags),
            weekday_before,
            _written,
        ),
        _Pattern(
            re.compile(rf"{month_first}\b(?P<mon>{mon_full})\s+(?P<y>\d{{4}})\b", flags),
            re.compile(r"\b(?:(?P<part>awal|akhir|pertengahan|medio)\s+(?:bulan\s+)?|bulan\s+)$", flags),
            _month_year,
        ),
        _Pattern(
            re.compile(
                rf"{month_first}\b(?P<mon>{mon_full})\b"
                r"(?:\s+(?P<rel>yang\s+lalu|lalu|kemarin|mendatang|depan|nanti|ini|tahun\s+lalu|tahun\s+depan|tahun\s+ini))?",
                flags,
            ),
            re.compile(
                r"\b(?:(?P<pre>pada|sejak|hingga|sampai|jelang|menjelang|awal|akhir|pertengahan|medio|selama)\s+"
                r"(?P<bulan>bulan\s+)?|(?P<bulan_only>bulan\s+))$",
                flags,
            ),
            _month,
        ),
        _Pattern(
            re.compile(r"(?=[12])(?<![\d/.-])\b(?P<y>(?:19|20)\d{2})\b(?![/.-]?\d)", flags),
            re.compile(
                r"\b(?:(?P<pre>pada|sejak|hingga|sampai|awal|akhir|pertengahan|medio|selama|jelang|menjelang)\s+"
                r"(?:(?P<tahun>tahun)\s+)?|(?P<tahun_only>tahun)\s+)$",
                flags,
            ),
            _year,
        ),
        _Pattern(re.compile(r"\b(?P<word>kemarin\s+lusa|kemarin|besok|lusa)\b", flags), None, _relative_day),
        _Pattern(
            re.compile(
                rf"{weekday_first}\b(?P<wd>{wd})\b"
                r"(?:\s+(?P<rel>pekan\s+lalu|minggu\s+lalu|pekan\s+depan|minggu\s+depan|lalu|kemarin|ini|depan|mendatang))?",
                flags,
            ),
            re.compile(r"\b(?P<pre>pada\s+hari|pada|hari|sejak|hingga|sampai|setiap|tiap)\s+$", flags),
            _weekday,
        ),
        _Pattern(
            re.compile(
                r"(?P<unit>hari|pekan|minggu|bulan|tahun)\s+"
                r"(?P<rel>yang\s+lalu|lalu|kemarin|ini|depan|mendatang|silam|sebelumnya)\b",
                flags,
            ),
            re.compile(rf"\b(?:(?P<part>awal|akhir|pertengahan)\s+)?(?:(?P<n>\d{{1,3}}|{num})\s+|(?P<se>se))$", flags),
            _relative_period,
        ),
    ]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # 29 dates built and compared per call; an article asks the same question many times
def _year_for_weekday(month: int, day: int, weekday: int, base: dt.date) -> dt.date | None:
    """The date with this day and month that falls on `weekday`, nearest to base (ties go to the past)."""
    best: dt.date | None = None
    for offset in range(-14, 15):
        candidate = _safe_date(base.year + offset, month, day)
        if candidate is None or candidate.weekday() != weekday:
            continue
        distance = abs((candidate - base).days)
        if best is None or distance < abs((best - base).days) or (
            distance == abs((best - base).days) and candidate < best
        ):
            best = candidate
    return best


def _year_without_weekday(month: int, day: int, base: dt.date, future: bool) -> dt.date | None:
    candidates = [c for c in (_safe_date(base.year + k, month, day) for k in (-1, 0, 1)) if c is not None]
    if future:
        upcoming = [c for c in candidates if c >= base]
        return min(upcoming) if upcoming else None
    limit = base + dt.timedelta(days=FUTURE_WINDOW_DAYS)
    eligible = [c for c in candidates if c <= limit]
    return max(eligible) if eligible else None


def _day_month(day: int, month: int, year: int | None, weekday_word: str | None, base: dt.date, future: bool):
    if year is not None:
        resolved = _safe_date(year, month, day)
    elif weekday_word:
        resolved = _year_for_weekday(month, day, _calendar().weekdays[weekday_word.lower()], base)
    else:
        resolved = _year_without_weekday(month, day, base, future)
    if resolved is None:
        return None
    return resolved.isoformat(), "day", False


def _numeric(match: _Groups, base: dt.date, future: bool):
    # Without a year, a weekday or brackets "19/9" may be a fraction or a score.
    if not (match["y"] or match["wd"] or match["open"]):
        return None
    year = match["y"]
    year_number = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return _day_month(int(match.need("d")), int(match.need("m")), year_number, match["wd"], base, future)


def _written(match: _Groups, base: dt.date, future: bool):
    month = _calendar().month(match.need("mon"))
    if month is None:
        return None
    year = int(match["y"]) if match["y"] else None
    return _day_month(int(match.need("d")), month, year, match["wd"], base, future)


def _month_year(match: _Groups, base: dt.date, future: bool):
    month = _calendar().month(match.need("mon"))
    if month is None or not match.need("mon")[0].isupper():
        return None
    return f"{int(match.need('y')):04d}-{month:02d}", "month", False


def _month(match: _Groups, base: dt.date, future: bool):
    cal = _calendar()
    month = cal.month(match.need("mon"))
    # Month names are capitalised in prose; "mei" or "maret" in lower case are rarely dates, and a bare capitalised
    # month needs a preposition, "bulan" or a relative word before we trust it ("Mei" is also a given name).
    if month is None or not match.need("mon")[0].isupper():
        return None
    rel = (match["rel"] or "").lower().split()
    if not (match["pre"] or match["bulan"] or match["bulan_only"] or rel):
        return None
    if rel[-1:] == ["lalu"] and rel[:1] == ["tahun"]:
        year = base.year - 1
    elif rel[:1] == ["tahun"] and rel[-1:] == ["depan"]:
        year = base.year + 1
    elif rel[:1] == ["tahun"] or rel == ["ini"]:
        year = base.year
    elif rel and rel[-1] in ("lalu", "kemarin"):
        year = base.year if month < base.month else base.year - 1
    elif rel and rel[-1] in ("mendatang", "depan", "nanti"):
        year = base.year if month > base.month else base.year + 1
    elif future:
        year = base.year if month >= base.month else base.year + 1
    else:
        year = base.year if month <= base.month + FUTURE_WINDOW_MONTHS else base.year - 1
    return f"{year:04d}-{month:02d}", "month", False


def _year(match: _Groups, base: dt.date, future: bool):
    # A bare number like 2023 is too often a quantity; ask for "tahun" or a preposition.
    if not (match["pre"] or match["tahun"] or match["tahun_only"]):
        return None
    return f"{int(match.need('y')):04d}", "year", False


_RELATIVE_DAYS = {"kemarin lusa": -2, "kemarin": -1, "besok": 1, "lusa": 2}


def _relative_day(match: _Groups, base: dt.date, future: bool):
    word = " ".join(match.need("word").lower().split())
    return (base + dt.timedelta(days=_RELATIVE_DAYS[word])).isoformat(), "day", False


def _shift_month(base: dt.date, months: int) -> tuple[int, int]:
    index = base.year * 12 + (base.month - 1) + months
    return index // 12, index % 12 + 1


def _relative_period(match: _Groups, base: dt.date, future: bool):
    cal = _calendar()
    unit = match.need("unit").lower()
    rel = match.need("rel").lower().split()[-1]
    count_word = (match["n"] or "").lower()
    vague = count_word == "beberapa"
    if match["se"]:
        count = 1
    elif count_word:
        count = int(count_word) if count_word.isdigit() else cal.numbers[count_word]
    else:
        count = 0 if rel == "ini" else 1
    if rel == "ini" and (match["n"] or match["se"]):
        return None  # "dua hari ini" means "these two days", not a date
    sign = 1 if rel in ("depan", "mendatang") else 0 if rel == "ini" else -1
    steps = sign * count
    if unit == "hari":
        return (base + dt.timedelta(days=steps)).isoformat(), "day", vague
    if unit in ("pekan", "minggu"):
        return (base + dt.timedelta(days=7 * steps)).isoformat(), "day", True
    if unit == "bulan":
        year, month = _shift_month(base, steps)
        return f"{year:04d}-{month:02d}", "month", vague
    return f"{base.year + steps:04d}", "year", vague


def _weekday(match: _Groups, base: dt.date, future: bool):
    word = match.need("wd")
    pre = " ".join((match["pre"] or "").lower().split())
    rel = " ".join((match["rel"] or "").lower().split())
    if pre in ("setiap", "tiap"):
        return None  # "setiap Senin" is a habit, not a date
    # "minggu" is also "week"; only a capitalised "Minggu" with "pada"/"hari" is Sunday.
    if word.lower() == "minggu" and not (word[0].isupper() and pre):
        return None
    if not (pre or rel or word[0].isupper()):
        return None
    target = _calendar().weekdays[word.lower()]
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if rel in ("depan", "mendatang") or (future and not rel):
        resolved = base + dt.timedelta(days=ahead or 7)
    elif rel in ("pekan depan", "minggu depan", "pekan lalu", "minggu lalu"):
        # That weekday in the calendar week (Monday first) after or before the base's week.
        week_start = base - dt.timedelta(days=base.weekday())
        shift = 7 if rel.endswith("depan") else -7
        resolved = week_start + dt.timedelta(days=shift + target)
    elif rel in ("lalu", "kemarin"):
        resolved = base - dt.timedelta(days=back or 7)
    elif rel == "ini":
        resolved = base - dt.timedelta(days=back) if back <= ahead else base + dt.timedelta(days=ahead)
    else:
        resolved = base - dt.timedelta(days=back)
    return resolved.isoformat(), "day", False


def _as_date(base: dt.date | dt.datetime) -> dt.date:
    return base.date() if isinstance(base, dt.datetime) else base


def find_dates(text: str, base: dt.date | dt.datetime, future: bool = False) -> list[ResolvedDate]:
    """All date expressions in `text`, resolved against `base`, in text order and never overlapping.

    `future=True` resolves expressions that could point either way ("pada Senin", "pada Oktober") to the next
    occurrence instead of the last one; the events stage sets it for sentences about plans.
    """
    return _find(text, base, future, len(_patterns()))


# The patterns that can give a day-precise date written with its year ("19/9/2022", "30 Desember 2022"). They come
# first in `_patterns`, so no later pattern can take their place in find_dates' overlap rule: searching with them
# alone gives exactly find_dates' full dates (see find_full_dates).
_FULL_DATE_PATTERNS = 2
_FOUR_DIGITS = re.compile(r"\d{4}")


def find_full_dates(text: str, base: dt.date | dt.datetime) -> list[ResolvedDate]:
    """The dates of find_dates(text, base) with day precision and a four-digit year in their words, found with the
    two patterns that can give them (a whole article is searched this way when it has no publication date)."""
    return [d for d in _find(text, base, False, _FULL_DATE_PATTERNS)
            if d.precision == "day" and _FOUR_DIGITS.search(d.text)]


def find_bracketed_dates(text: str, base: dt.date | dt.datetime) -> list[ResolvedDate]:
    """The dates of find_dates(text, base) whose words hold a bracket ("Jumat (30/12)", "(19/9/2022)").

    Only the first, numeric pattern can give one (no other pattern or prefix matches a bracket), and its matches are
    never dropped for another pattern's (it comes first, and two of its matches never overlap), so it is searched
    alone: a whole article is searched this way when it has no publication date and no full date."""
    return [d for d in _find(text, base, False, 1) if "(" in d.text]


def _find(text: str, base: dt.date | dt.datetime, future: bool, pattern_count: int) -> list[ResolvedDate]:
    """find_dates with the first `pattern_count` patterns of `_patterns`."""
    base = _as_date(base)
    triggered = _triggered(text.lower())
    if not any(triggered):
        return []  # no pattern can match (most sentences)
    found: list[tuple[int, ResolvedDate]] = []
    for priority, pattern in enumerate(_patterns()[:pattern_count]):
        if not triggered[priority]:
            continue
        for core in pattern.core.finditer(text):
            start = core.start()
            # Groups that did not take part are None here and missing in the prefix's update; either reads as None.
            groups = _Groups(core.groupdict())
            if pattern.prefix is not None:
                before = pattern.prefix.search(text, max(0, start - PREFIX_REACH), start)
                if before is not None and before.end() > before.start():
                    groups.update(before.groupdict())  # no name in both (see _patterns): nothing is overwritten
                    start = before.start()
            if pattern.handler is _relative_period and start == core.start() and start > 0 and text[start - 1].isalnum():
                continue  # "unit" glued to a word that is not "se" ("sehari" is fine, "kemahari" is not)
            resolved = pattern.handler(groups, base, future)
            if resolved is None:
                continue
            iso, precision, approximate = resolved
            end = core.end()
            found.append((priority, ResolvedDate(iso, precision, text[start:end], start, end, approximate)))
    # Patterns are listed from most to least specific: "Senin (19/9/2022)" beats "pada Senin" and "2022";
    # among equals the longest, then the leftmost, wins.
    found.sort(key=lambda pr: (pr[0], -(pr[1].end - pr[1].start), pr[1].start))
    kept: list[ResolvedDate] = []
    for _, candidate in found:
        if any(candidate.start < other.end and other.start < candidate.end for other in kept):
            continue
        kept.append(candidate)
    kept.sort(key=lambda r: r.start)
    return kept


def resolve_date(text: str, base: dt.date | dt.datetime, future: bool = False) -> ResolvedDate | None:
    """Resolve the (first) date expression in `text` against `base`; None when there is none."""
    found = find_dates(text, base, future)
    return found[0] if found else None
