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
from warta.meta.registry import cities, outlet_marker_alternation, outlets

_DASH = r"\s*(?:-{1,3}|–|—|―)\s+"
# After an outlet marker the separator may be glued to the lead ("TEMPO.CO,Jakarta-Pengacara", "POSMETRO –Wali") or be
# a colon ("BINTAN, Posmetro.co: Adzan"), or follow a stray comma ("TRIBUN-MEDAN.COM,- Polisi"): the marker already makes the line a dateline, so a capital after will do.
_OUTLET_SEP = rf"(?:{_DASH}|\s*,?(?:-{{1,3}}|–|—|―|:)\s*(?=[A-Z0-9\"“‘']))"
# A site name written as a domain ("FOOBAR.CO.ID") when the outlet is not in the registry.
_DOMAIN = r"[A-Za-z][A-Za-z0-9-]*\.(?:CO\.ID|co\.id|COM|com|ID|id|CO|co|NET|net|TV|tv)"
_DOMAIN_END = re.compile(r"\.(?:co\.id|com|id|co|net|tv)$", re.IGNORECASE)
_CITY_TITLE = r"[A-Z][A-Za-z'.]+(?:[ -](?:[A-Z][A-Za-z'.]+|de|di|al))*"
_CITY_CAPS = r"[A-Z][A-Z'.]{2,}(?:[ -][A-Z][A-Z'.]+){0,3}"
# Every dateline pattern ends in a dash or colon (or a known city glued to the lead): a line without either has none.
_DASH_THEN_BLANK = re.compile(r"[-–—―:]|,\s*[A-Z][a-z]+[A-Z]")


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
        re.compile(rf"{city_any}{region}\s*,\s*{outlet}{_OUTLET_SEP}"),
        # REPUBLIKA.CO.ID, MOSKOW --   /   Berita Baru, Washington –   /   Liputan6.com, Washington, DC -   /
        # SURYA.co.id | SIDOARJO -   /   Tribunjogja.com I SLEMAN -  (a capital I typed for the bar)
        re.compile(rf"{outlet}(?:\s*[,|]\s*|\s+I\s+){city_any}{region}{_OUTLET_SEP}"),
        # JAKARTA (ANTARA) -   /   Nusa Dua, Bali (ANTARA) -
        re.compile(rf"{city_any}{region}\s*\(\s*{outlet}\s*\){_OUTLET_SEP}"),
        # JAKARA --   /   Jakarta - (a title-case city only when the registry knows it)
        re.compile(rf"(?P<city>{_CITY_CAPS}|{_CITY_TITLE}){_DASH}"),
        # KOMPAS.com -  (outlet alone, then the lead)
        re.compile(rf"{outlet}{_OUTLET_SEP}(?=[A-Z\"“])"),
        # Semarang, Warta Kota Kecil -  (a known city, then a site the registry does not know)
        re.compile(rf"{city_any}\s*,\s*(?P<outlet>[A-Z][A-Za-z0-9.]*(?: [A-Z][A-Za-z0-9.]*){{0,3}}){_DASH}"),
        # Liputan6.com, JakartaTimnas ...  (the dash lost and the lead glued to a known city)
        re.compile(rf"{outlet}\s*,\s*(?P<city>[A-Z][a-z]+)(?=[A-Z])"),
    ]


# Where a dateline can start inside a merged line: right after a clock time with its zone ("21:44 WIBMOSKOW").
_ZONES = "|".join(sorted(calendar().indonesian_zones, key=len, reverse=True))  # WITA before WIT
_AFTER_ZONE = re.compile(rf"\d[:.]\d\d\s*(?:{_ZONES})\s*")


def _acceptable(match: re.Match[str], pattern_index: int) -> bool:
    city = match.groupdict().get("city")
    if city and match.group(0).rstrip().endswith(":") and not (city.isupper() or cities().is_known(city)):
        return False  # "IHRAM.CO.ID, Oleh: A" is a credit; a colon dateline names a city ("BINTAN, Posmetro.co:")
    if pattern_index in (5, 6):
        return cities().is_known(city or "")
    if pattern_index == 3:
        assert city is not None
        if city in outlets().by_marker or _DOMAIN_END.search(city):
            return False  # "POSMETRO MEDAN–", "TRIBUNJATENG.COM -": an outlet alone, read by the pattern after
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
