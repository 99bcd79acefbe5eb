"""The events stage's fast paths give exactly what the plain implementations they replace give."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.events.actors import _keyword_of, _sector_keywords_in, _sector_pattern, sector_in, sector_keywords
from warta.events.dates import find_dates, find_full_dates

_KEYWORDS = [keyword for keyword, _ in sector_keywords()]
_PIECES = st.sampled_from(
    _KEYWORDS + [k.upper() for k in _KEYWORDS] + [k.title() for k in _KEYWORDS]
    + ["", " ", "  ", "-", "_", "x", "nya", "1", ",", ".", "’", "é", "İ", "\u212a", "ſ", "\n", "China", "dan"]
)
_GLUE = st.sampled_from(["", " ", "-", "_", "\u00a0"])


def _sector_by_regex(text: str, last: bool) -> str | None:
    table = dict(sector_keywords())
    matches = list(_sector_pattern().finditer(text))
    if not matches:
        return None
    chosen = matches[-1] if last else max(matches, key=lambda m: len(m.group(0)))
    return table[_keyword_of(chosen.group(0))]


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(_PIECES, _GLUE), max_size=8))
def test_sector_words_match_the_pattern(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + glue for piece, glue in parts)
    assert _sector_keywords_in(text) == [_keyword_of(m.group(0)) for m in _sector_pattern().finditer(text)]
    assert sector_in(text) == _sector_by_regex(text, last=False)
    assert sector_in(text, last=True) == _sector_by_regex(text, last=True)


def test_sector_longest_and_last_keyword() -> None:
    assert sector_in("kata Menteri Pertahanan Rusia") == "MIL"  # "menteri pertahanan" beats "menteri"
    assert sector_in("Wakil Presiden dan jenderal", last=True) == sector_in("jenderal")
    assert sector_in("Presidensial") is None  # a keyword must end at a word boundary
    # Non-ASCII text goes to the pattern; a dotted capital I no longer breaks the keyword lookup.
    assert sector_in("kata PRESİDEN") == "GOV"


_DATE_PIECES = st.sampled_from(
    ["19/9/2022", "(19/9)", "(30/12)", "1/2", "3-1", "30", "Desember", "2022", "2023", "1234", "Sep", "Senin", "Jumat",
     "(", ")", ",", "pada", "tahun", "bulan", "awal", "lalu", "depan", "hari", "pekan", "sepekan", "kemarin", "dua",
     "24 Februari", "Mei", "Oktober mendatang", "Senin, 6 Desember 2021", "20 Sep 2023", "12/10/23", "2 hari lalu"]
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(_DATE_PIECES, max_size=12), base=st.dates(min_value=dt.date(1990, 1, 1),
                                                                  max_value=dt.date(2060, 1, 1)))
def test_full_dates_are_find_dates_full_dates(parts: list[str], base: dt.date) -> None:
    text = " ".join(parts)
    expected = [d for d in find_dates(text, base) if d.precision == "day" and re.search(r"\d{4}", d.text)]
    assert find_full_dates(text, base) == expected


_LOOKAHEAD = re.compile(r"^\(\?=(?:\[(?:[^\]\\]|\\.)*\]|\\d)\)")  # (?=[...]) or (?=\d)
_SCAN_PIECES = st.sampled_from(
    ["19/9/2022", "(19/9)", "(", ")", "1/2", "30", "٣", "2022", "1999", "Desember", "desember", "DESEMBER", "Mei",
     "pada", "bulan", "tahun", "Senin", "SABTU", "jum'at", "Minggu", "lalu", "depan", "di", "ke", "Jakarta", "Di",
     "ſeptember", "\u212aamis", "İ", "-", ".", ",", "x", "sejak"]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_SCAN_PIECES, st.sampled_from(["", " ", "  ", ", "])), max_size=12))
def test_first_character_lookaheads_change_no_match(parts: list[tuple[str, str]]) -> None:
    """The date and place patterns open with a lookahead for their possible first characters, for speed only."""
    from warta.events.dates import _patterns
    from warta.events.extract import _PLACE

    text = "".join(piece + glue for piece, glue in parts)
    for pattern in [p.core for p in _patterns()] + [_PLACE]:
        plain = re.compile(_LOOKAHEAD.sub("", pattern.pattern), pattern.flags)
        assert plain.pattern != pattern.pattern or not pattern.pattern.startswith("(?=")
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
