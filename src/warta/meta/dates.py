"""Publication timestamps as Indonesian news sites print them, to ISO 8601 with the zone's offset.

Handled: "Rabu 20 Sep 2023 14:35 WIB", "19 September 2022, 21:44 WIB", "Thursday, 16 Dec 2021 20:20 WIB",
"20/09/2023, 14:35 WIB", "14.35 WIB", "Senin, 19 Sep 2022 | 21:44 WITA", "Sep 20, 2023 14:35 WIB", ISO stamps,
"Diperbarui ..." stamps, outlet names glued in front ("detikNewsSenin, 19 Sep 2022 ..."). A stamp needs a time of day:
a bare date is not an instant, and guessing midnight would claim a precision the page does not have.
dateparser is the fallback for the rare stamp these rules do not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache

from warta.lang.id.calendar import calendar as id_calendar
from warta.lang.id.calendar import lowercase
from warta.meta.lookahead import longest_first_alternation

# A year not glued to other digits, (?<!\d)(?:19|20)\d\d(?!\d), written to open with its first digits (the engine
# scans for those quickly) and to check the character before it once they matched: twice as fast, same matches.
_HAS_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")
_HAS_CLOCK = re.compile(r"\d[:.][0-5]\d")
# A date line is the stamp plus at most a short label; longer lines are sentences.
MAX_DATE_LINE = 160
_SENTENCE_END = (".", "?", "!", '"', "”")


@dataclass(frozen=True)
class Stamp:
    iso: str  # ISO 8601 with offset
    updated: bool  # an "updated"/"diperbarui" stamp rather than the first publication
    start: int
    end: int
    zoned: bool = True  # the stamp names its zone or offset (otherwise it is read in the default zone, WIB)

    def in_zone(self, offset: str | None) -> str:
        """The stamp's time, read in `offset` ("+08:00") when the stamp names no zone of its own."""
        return self.iso if self.zoned or not offset else self.iso[:-6] + offset


@dataclass
class _Calendar:
    months: dict[str, int]
    zones: dict[str, str]
    default_zone: str
    day_names: list[str]
    updated_words: list[str]
    patterns: list[re.Pattern[str]]
    updated_pattern: re.Pattern[str]
    any_zone: re.Pattern[str]
    indonesian_zone: re.Pattern[str]  # WIB, WITA or WIT as a word, in group 1 (dateparser does not know them)


def _dot_variants(key: str) -> list[str]:
    r"""The strings `re.escape(key).replace(r"\.", r"\.?")` matches, in the order it tries them (a dot first)."""
    pieces = key.split(".")
    variants = [pieces[0]]
    for piece in pieces[1:]:
        variants = [v + dot + piece for v in variants for dot in (".", "")]
    return variants


def _month_alternation(months: dict[str, int]) -> str:
    """Month names with optional dots ("sept." also as "sept"), longest first: as a trie where that tries the same
    strings in the same order, i.e. where no string is tried before a longer one it is a prefix of."""
    keys = sorted(months, key=len, reverse=True)
    tried = [variant.lower() for key in keys for variant in _dot_variants(key)]
    for index, shorter in enumerate(tried):
        if any(len(later) > len(shorter) and later.startswith(shorter) for later in tried[index + 1 :]):
            return "|".join(re.escape(m).replace(r"\.", r"\.?") for m in keys)
    return longest_first_alternation(tried, ignore_case=True)


@cache
def calendar() -> _Calendar:
    words = id_calendar()
    # Stamps print every form: full names, other spellings, English, abbreviations ("Rab, 20 Agust 2023").
    months = lowercase(
        {**words.months, **words.month_abbreviations, **words.stamp_month_abbreviations}
    )
    days = [*words.weekdays, *words.weekday_abbreviations]
    zones = words.time_zones
    month_alt = _month_alternation(months)
    day_alt = longest_first_alternation(days, ignore_case=True)  # as a trie: the patterns ignore case
    zone_alt = "|".join(re.escape(z) for z in sorted(zones, key=len, reverse=True))
    indonesian_zone_alt = "|".join(re.escape(z) for z in sorted(words.indonesian_zones, key=len, reverse=True))
    day = rf"(?:(?:{day_alt})\.?\s*,?\s*)?"
    # Lookaheads for the characters a stamp can start with (a day or month name, a digit): they change no match
    # but let the regex engine skip other positions quickly. Day and month names are matched ignoring case, and so
    # are these classes.
    day_first = "".join(sorted({d[0] for d in days}))
    month_first = "".join(sorted({m[0] for m in months}))
    starts_day_or_digit = rf"(?=[{re.escape(day_first)}\d])"
    starts_day_or_month = rf"(?=[{re.escape(day_first + month_first)}])"
    sep = r"\s*(?:[,|/\-–—·•]|pukul|jam|at)?\s*(?:[,|/\-–—·•]|pukul|jam)?\s*"
    time = r"(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?:[:.](?P<S>[0-5]\d))?"
    zone = rf"(?:\s*(?P<Z>{zone_alt})(?![a-z]))?"
    flags = re.IGNORECASE
    patterns = [
        # 2023-09-20T14:35:00+07:00, 2023-09-20 14:35, 2023/09/20 14:35:00
        re.compile(
            r"(?=\d)(?P<y>\d{4})[-/](?P<m>\d{2})[-/](?P<d>\d{2})[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?P<off>Z|[+-]\d{2}:?\d{2})?"
        ),
        # Rabu, 20 Sep 2023 14:35 WIB
        re.compile(rf"{starts_day_or_digit}{day}(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{month_alt})\.?\s+(?P<y>\d{{4}}){sep}{time}{zone}", flags),
        # Sep 20, 2023 14:35 WIB
        re.compile(rf"{starts_day_or_month}{day}(?P<mon>{month_alt})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}}){sep}{time}{zone}", flags),
        # 20/09/2023, 14:35 WIB  and 20-09-2023 14:35
        re.compile(rf"{starts_day_or_digit}{day}(?<!\d)(?P<d>\d{{1,2}})[/\-.](?P<m>\d{{1,2}})[/\-.](?P<y>\d{{4}}){sep}{time}{zone}", flags),
        # 14:35 WIB, Rabu 20 September 2023 (time first)
        re.compile(
            rf"(?=\d){time}{zone}\s*[,|\-–—]?\s*{day}(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{month_alt})\.?\s+(?P<y>\d{{4}})",
            flags,
        ),
    ]
    updated_alt = "|".join(re.escape(w) for w in sorted(words.updated_words, key=len, reverse=True))
    return _Calendar(
        months=months,
        zones=zones,
        default_zone=words.default_zone,
        day_names=days,
        updated_words=list(words.updated_words),
        patterns=patterns,
        updated_pattern=re.compile(rf"(?:{updated_alt})\s*:?\s*(?:pada\s*)?$"),
        any_zone=re.compile(rf"\d[:.]\d\d\s*(?:{zone_alt})(?![a-z])", flags),
        indonesian_zone=re.compile(rf"\b({indonesian_zone_alt})\b"),
    )


def _offset(cal: _Calendar, zone: str | None, explicit: str | None) -> str:
    if explicit:
        if explicit.upper() == "Z":
            return "+00:00"
        return explicit if ":" in explicit else explicit[:3] + ":" + explicit[3:]
    if zone:
        return cal.zones.get(zone.upper(), cal.default_zone)
    # Indonesian sites print local (Jakarta) time when they name no zone.
    return cal.default_zone


def _build(cal: _Calendar, match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    try:
        month = cal.months[groups["mon"].lower().rstrip(".")] if groups.get("mon") else int(groups["m"])
        stamp = datetime(
            int(groups["y"]), month, int(groups["d"]), int(groups["H"]), int(groups["M"]), int(groups.get("S") or 0)
        )
    except (KeyError, ValueError):
        return None
    if not 1990 <= stamp.year <= 2100:
        return None
    return stamp.isoformat() + _offset(cal, groups.get("Z"), groups.get("off"))


def find_stamps(text: str) -> list[Stamp]:
    """Every date-with-time stamp in `text`, in order, marking the ones introduced as updates."""
    if not _HAS_YEAR.search(text) or not _HAS_CLOCK.search(text):
        return []  # cheap exit: every stamp form carries a four-digit year and a clock time
    return list(_stamps_in(text))


# The cleaner reads a stamp line (is it a date line?) and metadata reads it again (which time?) right after: a few
# entries keep the current article's stamp lines, so the five patterns run once per line.
@lru_cache(maxsize=8)
def _stamps_in(text: str) -> tuple[Stamp, ...]:
    cal = calendar()
    found: list[Stamp] = []
    taken: list[tuple[int, int]] = []
    for pattern in cal.patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            iso = _build(cal, match)
            if iso is None:
                continue
            before = text[max(0, match.start() - 30) : match.start()]
            zoned = bool(match.groupdict().get("Z") or match.groupdict().get("off"))
            found.append(Stamp(iso, bool(cal.updated_pattern.search(before)), match.start(), match.end(), zoned))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda s: s.start)
    return tuple(found)


def parse_with_dateparser(text: str) -> str | None:
    """Fallback for stamps the rules miss; only called on lines already known to carry a time and zone."""
    import dateparser  # imported lazily: slow to import, rarely needed

    cal = calendar()
    zone_match = cal.indonesian_zone.search(text)
    offset = cal.zones[zone_match.group(1)] if zone_match else cal.default_zone
    cleaned = cal.indonesian_zone.sub("", text)
    parsed = dateparser.parse(
        cleaned,
        languages=["id", "en"],
        settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )
    if parsed is None:
        return None
    return parsed.replace(microsecond=0, tzinfo=None).isoformat() + offset


def has_clock_time(text: str) -> bool:
    """True when `text` shows a time of day with an Indonesian zone (a line worth a dateparser fallback)."""
    return bool(calendar().any_zone.search(text))


def zone_offset(zone: str | None) -> str | None:
    """The UTC offset of an Indonesian zone name ("WITA" -> "+08:00"), or None for an unknown one."""
    return calendar().zones.get(zone.upper()) if zone else None


def publication_time(lines: list[str], offset: str | None = None) -> str | None:
    """The first publication stamp among header/footer lines; an update stamp only when nothing else is there.
    A stamp that names no zone is read in `offset` (the outlet's zone) when given, else in the default zone."""
    updated: str | None = None
    for line in lines:
        stamps = find_stamps(line)
        if not stamps and has_clock_time(line) and len(line) < 120:
            iso = parse_with_dateparser(line)
            stamps = [Stamp(iso, False, 0, len(line))] if iso else []
        for stamp in stamps:
            if not stamp.updated:
                return stamp.in_zone(offset)
            updated = updated or stamp.in_zone(offset)
    return updated


@cache
def _date_only() -> re.Pattern[str]:
    cal = calendar()
    month_alt = longest_first_alternation(cal.months, ignore_case=True)  # as a trie: the pattern ignores case
    # A date starts with a digit or a month name; the lookahead changes no match but speeds the scan.
    first = rf"(?=[{re.escape(''.join(sorted({m[0] for m in cal.months})))}\d])"
    return re.compile(
        rf"{first}(?:(?<!\d)\d{{1,2}}\s+(?:{month_alt})\.?\s+\d{{4}}|(?:{month_alt})\.?\s+\d{{1,2}},\s+\d{{4}}|(?<![\d/(])\d{{1,2}}/\d{{1,2}}/\d{{4}}(?![\d)]))",
        re.IGNORECASE,
    )


def looks_like_date_line(line: str) -> bool:
    """A line that is mostly a date or timestamp (a header/footer stamp, not a sentence mentioning a date)."""
    # A line that ends like a sentence is never a date line: the cheapest test goes first.
    if len(line) > MAX_DATE_LINE or line.rstrip().endswith(_SENTENCE_END) or not _HAS_YEAR.search(line):
        return False
    stamps = find_stamps(line)
    spans = [(s.start, s.end) for s in stamps] or [(m.start(), m.end()) for m in _date_only().finditer(line)]
    if not spans:
        return False
    covered = sum(end - start for start, end in spans)
    rest = len(line) - covered
    return rest <= 60
