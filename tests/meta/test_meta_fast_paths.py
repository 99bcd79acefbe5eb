"""Metadata patterns open with a lookahead for their possible first characters: for speed only, no match changes."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.meta.dates import _date_only, calendar
from warta.meta.registry import media

_LOOKAHEAD = re.compile(r"^\(\?=(?:\[(?:[^\]\\]|\\.)*\]|\\d)\)")  # (?=[...]) or (?=\d)
_PIECES = st.sampled_from(
    ["Rabu", "rabu", "RABU", "Sen", "20", "9", "2023", "٣", "Sep", "september", "SEPT", "Agu", "14:35", "14.35", "WIB",
     "wita", "20/09/2023", "2023-09-20T14:35:00+07:00", "|", ",", "-", "pukul", "Reuters", "REUTERS", "AP", "kantor",
     "berita", "Al Jazeera", "Antara", "CNN", "ſ", "\u212a", "İ", "x", "("]
)


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    stripped = _LOOKAHEAD.sub("", pattern.pattern)
    assert stripped != pattern.pattern  # the lookahead is there
    return re.compile(stripped, pattern.flags)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", ", ", " | "])), max_size=12))
def test_first_character_lookaheads_change_no_match(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + glue for piece, glue in parts)
    for pattern in [*calendar().patterns, _date_only(), media().pattern]:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in _plain(pattern).finditer(text)]
