"""Cleaner fast paths against the plain code they replace: same answers on many generated lines."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.clean.rules import PROBE_CHARS, boilerplate_kind, rules, starts_footer

_LINE_PIECES = st.sampled_from(
    ["Foto: Dok/Istimewa", "(foto: antara)", "(ANTARA FOTO/Made)", "kompas.com/read/2023", " - (Reuters)", "Tag:",
     "TAGS :", "Penulis: A", "Verified Writer", "VERİFİED WRİTER", "Community adalah media", "Baca juga", "Google Play",
     "©", "›", "Home »", "Pemerintah mengumumkan kebijakan baru", "kata dia.", "“Kami siap,”", "ſ", "\u212a", "ı", " ",
     ". ", ", ", "(", ")", "-", "x" * 150]
)
_LINES = st.lists(_LINE_PIECES, min_size=1, max_size=14).map("".join)


def _plain_boilerplate_kind(line: str) -> str | None:
    """boilerplate_kind as written before the tail search got its lookahead."""
    r = rules()
    if line.strip(" .:•·").casefold() in r.navigation_words:
        return "navigation"
    probe = (line if len(line) <= 2 * PROBE_CHARS else line[:PROBE_CHARS] + "\n" + line[-PROBE_CHARS:]).lower()
    match = r.at_start.match(probe) or r.at_end.search(probe, max(0, len(probe) - PROBE_CHARS))
    if match is None and re.search("|".join(re.escape(k) for k in r.floating_keywords), probe):
        match = r.floating.search(probe)
    return match.lastgroup if match else None


@settings(max_examples=500, deadline=None)
@given(line=_LINES)
def test_boilerplate_kind_equals_the_plain_search(line: str) -> None:
    assert boilerplate_kind(line) == _plain_boilerplate_kind(line)


@settings(max_examples=500, deadline=None)
@given(line=_LINES)
def test_footer_start_equals_the_plain_search(line: str) -> None:
    assert starts_footer(line) == (rules().footer_start.search(line) is not None)


def test_footer_and_caption_examples() -> None:
    assert starts_footer("Tags: banjir, Jakarta") and starts_footer("A Photo Verified Writer A")
    assert not starts_footer("Pemerintah mengumumkan kebijakan baru, kata dia.")
    assert boilerplate_kind("Warga mengungsi (Foto: Antara)") == "caption"
    assert boilerplate_kind("foto: Dok/Istimewa") == "caption"


def _plain_normalise_lines(raw: str) -> list[str]:
    """normalise_lines as written before its blank-run and punctuation-line shortcuts."""
    import unicodedata

    from warta.clean import text as module

    text = module._INVISIBLE.sub("", unicodedata.normalize("NFC", raw))
    text = module._JOINED_PARAGRAPHS.sub(r"\1\n", text)
    text = module._SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[str] = []
    blank_before = True
    for line in text.split("\n"):
        line = line.strip()
        line = module._EDGE_COMMAS.sub("", line) if line.startswith(",") or line.endswith(",") else line
        if not line or module._PUNCT_ONLY.match(line):
            blank_before = True
            continue
        if lines and not blank_before and line[:1].islower() and not module._ends_sentence(lines[-1]):
            lines[-1] = lines[-1] + " " + line
        else:
            lines.append(line)
        blank_before = False
    return lines


_RAW_PIECES = st.sampled_from(
    ["Kata", "dia", "selesai.", ",", ", ,", "  ", " ", "\t", "\u00a0", "\u2003", "\u3000", "\u202f", "\n", "\r\n", "\r",
     "\n\n", "-", "–", "•", "*", "==", "|", ".", "\u200b", "\u00ad", "Paragraf", "“Kami", "siap,”", "e\u0301", "#"]
)


@settings(max_examples=500, deadline=None)
@given(raw=st.lists(_RAW_PIECES, max_size=40).map("".join))
def test_normalise_lines_equals_the_plain_code(raw: str) -> None:
    from warta.clean.text import normalise_lines

    assert normalise_lines(raw) == _plain_normalise_lines(raw)


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"aBzZ .\nİé@", "denganPresiden", "iPhone", "KOMPAS.com", "Indonesia", "Indo", "wargaJakarta"]),
        max_size=20,
    ).map("".join)
)
def test_glued_words_split_as_with_the_plain_patterns(text: str) -> None:
    from warta.clean.rules import _CASE_CHANGE, DATA, rules, split_glued_words

    assert bool(_CASE_CHANGE.search(text)) == bool(re.search(r"[a-z][A-Z]", text))
    words = [w.strip() for w in (DATA / "glue_words.txt").read_text(encoding="utf-8").splitlines()]
    words = [w for w in words if w and not w.startswith("#")]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    plain = re.compile(rf"(?<![A-Za-z@#/.\-_])([a-z]{{2,}})(?=(?:{alternatives})(?![a-z]))")
    assert rules().glued.sub(r"\1 ", text) == plain.sub(r"\1 ", text)
    expected = plain.sub(r"\1 ", text) if re.search(r"[a-z][A-Z]", text) else text
    assert split_glued_words(text) == expected


_KEY_PIECES = st.sampled_from(
    ["Menlu", "Retno", "MENLU", "retno:", "Pertemuan", "di", "Bali", "  ", " ", "!!", "—", "ß", "ẞ", "İ", "Σ", "x" * 30,
     "(Foto: Antara)", "...", "\u0301"]
)


@settings(max_examples=500, deadline=None)
@given(title=st.lists(_KEY_PIECES, min_size=1, max_size=6).map(" ".join), tail=st.lists(_KEY_PIECES, max_size=25).map("".join))
def test_title_comparison_from_the_line_head_equals_the_full_key(title: str, tail: str) -> None:
    from warta.clean.text import _key, _key_against

    title_key = _key(title)
    for line in (title + tail, tail + title, title, tail):
        fast, full = _key_against(line, title_key), _key(line)
        assert (fast == title_key) == (full == title_key)
        assert fast.startswith(title_key) == full.startswith(title_key)
