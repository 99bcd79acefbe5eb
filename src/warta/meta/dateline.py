"""Dateline leads ("MOSKOW, KOMPAS.TV - ", "REPUBLIKA.CO.ID, MOSKOW -- ", "Jakarta, IDN Times - ", "JAKARTA (ANTARA) - ").

The cleaner uses `find_dateline` to find where the body starts (also inside merged header lines such as
"... 21:44 WIBMOSKOW, KOMPAS.TV - Rusia ..."); metadata reads the city and outlet marker it recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.lang.id.calendar import calendar
from warta.meta.dates import looks_like_date_line
from warta.meta.registry import cities, outlet_marker_alternation

_DASH = r"\s*(?:-{1,3}|–|—|―)\s+"
# A site name written as a domain ("FOOBAR.CO.ID") when the outlet is not in the registry.
_DOMAIN = r"[A-Za-z][A-Za-z0-9-]*\.(?:CO\.ID|co\.id|COM|com|ID|id|CO|co|NET|net|TV|tv)"
_CITY_TITLE = r"[A-Z][A-Za-z'.]+(?:[ -](?:[A-Z][A-Za-z'.]+|de|di|al))*"
_CITY_CAPS = r"[A-Z][A-Z'.]{2,}(?:[ -][A-Z][A-Z'.]+){0,3}"
# Every dateline pattern ends in _DASH: a line without a dash followed by a blank has none (one scan, not six).
_DASH_THEN_BLANK = re.compile(r"[-–—―]\s")


@dataclass(frozen=True)
class Dateline:
    city: str | None  # as written
    outlet_marker: str | None  # as written
    start: int  # where the dateline starts in the line
    end: int  # where the body text starts in the line


@cache
def _patterns() -> list[re.Pattern[str]]:
    outlet = rf"(?P<outlet>{outlet_marker_alternation()}|{_DOMAIN})"
    city_any = rf"(?P<city>{_CITY_CAPS}|{_CITY_TITLE})"
    # The province or country after the city ("Nusa Dua, Bali (ANTARA) -"); the dateline is the city.
    region = rf"(?:\s*,\s*(?:{_CITY_CAPS}|{_CITY_TITLE}))?"
    return [
        # MOSKOW, KOMPAS.TV -   /   Jakarta, IDN Times -   /   Jakarta, CNN Indonesia --
        re.compile(rf"{city_any}{region}\s*,\s*{outlet}{_DASH}"),
        # REPUBLIKA.CO.ID, MOSKOW --   /   Berita Baru, Washington –   /   Liputan6.com, Jakarta -
        re.compile(rf"{outlet}\s*,\s*{city_any}{_DASH}"),
        # JAKARTA (ANTARA) -   /   Nusa Dua, Bali (ANTARA) -
        re.compile(rf"{city_any}{region}\s*\(\s*{outlet}\s*\){_DASH}"),
        # JAKARA --   /   Jakarta - (a title-case city only when the registry knows it)
        re.compile(rf"(?P<city>{_CITY_CAPS}|{_CITY_TITLE}){_DASH}"),
        # KOMPAS.com -  (outlet alone, then the lead)
        re.compile(rf"{outlet}{_DASH}(?=[A-Z\"“])"),
        # Semarang, Warta Kota Kecil -  (a known city, then a site the registry does not know)
        re.compile(rf"{city_any}\s*,\s*(?P<outlet>[A-Z][A-Za-z0-9.]*(?: [A-Z][A-Za-z0-9.]*){{0,3}}){_DASH}"),
    ]


# Where a dateline can start inside a merged line: right after a clock time with its zone ("21:44 WIBMOSKOW").
_ZONES = "|".join(sorted(calendar().indonesian_zones, key=len, reverse=True))  # WITA before WIT
_AFTER_ZONE = re.compile(rf"\d[:.]\d\d\s*(?:{_ZONES})\s*")


def _acceptable(match: re.Match[str], pattern_index: int) -> bool:
    city = match.groupdict().get("city")
    if pattern_index == 5:
        return cities().is_known(city or "")
    if pattern_index == 3:
        assert city is not None
        if city.isupper():
            # All-caps leads are datelines by convention, but not acronyms such as "PBB" or "NATO" opening a lead.
            return len(city.replace(" ", "")) >= 4 and (cities().is_known(city) or len(city) >= 5)
        return cities().is_known(city)
    return True


def find_dateline(line: str, anywhere: bool = False) -> Dateline | None:
    """A dateline at the start of `line` (or, with `anywhere`, right after a glued timestamp)."""
    if _DASH_THEN_BLANK.search(line) is None:
        return None
    starts = [0]
    if anywhere:
        starts += [m.end() for m in _AFTER_ZONE.finditer(line)]
    for start in starts:
        for index, pattern in enumerate(_patterns()):
            match = pattern.match(line, start)
            # "Merdeka.com - Senin, 1 April 2024 18:30" is a stamp line, not a dateline lead.
            if (
                match
                and _acceptable(match, index)
                and match.end() < len(line)
                and not looks_like_date_line(line[match.end() :])
            ):
                groups = match.groupdict()
                return Dateline(groups.get("city"), groups.get("outlet"), start, match.end())
    return None


def normalise_city(raw: str | None) -> str | None:
    if not raw:
        return None
    return cities().normalise(raw)
