"""The events stage's fast paths give exactly what the plain implementations they replace give."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from warta.events import extract as extract_module
from warta.events.actors import (
    ActorMention,
    _gazetteer_first_words,
    _gazetteer_matches,
    _gazetteer_pattern,
    _keyword_of,
    _sector_keywords_in,
    _sector_pattern,
    entity_mentions,
    gazetteer,
    sector_in,
    sector_keywords,
)
from warta.events.dates import find_bracketed_dates, find_dates, find_full_dates
from warta.events.evaluate import build_article, load_items
from warta.events.extract import _PLACE, _pronoun_at, _visited, _window_has, markers
from warta.events.lexicon import (
    _CLITICS,
    MAX_GAP,
    TOKEN,
    Cue,
    Token,
    actions,
    cue_candidates,
    cues_in,
    find_cues,
    stem_candidates,
    tokenize,
)
from warta.record import Entity, Event, Mention

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
     "ſeptember", "\u212aamis", "İ", "-", ".", ",", "x", "sejak", "sepekan usai", "dua hari sebelum", "3 pekan jelang",
     "ſe", "Tiga", "٣", "mereka", "kedua negara", "Kedua Pihak", "keduanya"]
)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_SCAN_PIECES, st.sampled_from(["", " ", "  ", ", "])), max_size=12))
def test_first_character_lookaheads_change_no_match(parts: list[tuple[str, str]]) -> None:
    """The date and place patterns open with a lookahead for their possible first characters, for speed only."""
    from warta.events.dates import _patterns
    from warta.events.extract import _PLACE, _offset_pattern, _pair_pattern

    text = "".join(piece + glue for piece, glue in parts)
    for pattern in [p.core for p in _patterns()] + [_PLACE, _offset_pattern(), _pair_pattern()]:
        plain = re.compile(_LOOKAHEAD.sub("", pattern.pattern), pattern.flags)
        assert plain.pattern != pattern.pattern or not pattern.pattern.startswith("(?=")
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


# ---------------------------------------------------------------------------------------------------- second round
# Each fast path below is checked against the plain code it replaced, kept here as the reference.


def _plain_tokenize(text: str) -> list[Token]:
    return [Token(m.group(0), m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _plain_tail_word_matches(word: str, token: Token) -> bool:
    if word.startswith("~"):
        return word[1:] == token.lower or word[1:] in stem_candidates(token.lower)
    return token.lower == word or any(token.lower == word + clitic for clitic in _CLITICS)


def _plain_match_from(pattern: tuple[str, ...], tokens: list[Token], first: int) -> int | None:
    position, i = first + 1, 1
    while i < len(pattern):
        word = pattern[i]
        if word == "*":
            for skip in range(MAX_GAP + 1):
                j = position + skip
                if j < len(tokens) and _plain_tail_word_matches(pattern[i + 1], tokens[j]):
                    position = j + 1
                    break
            else:
                return None
            i += 2
            continue
        if position >= len(tokens) or not _plain_tail_word_matches(word, tokens[position]):
            return None
        position += 1
        i += 1
    return position - 1


def _plain_find_cues(sentence: str, tokens: list[Token]) -> list[Cue]:
    """find_cues as it was: every token, every action of every stem candidate, one call per test."""
    index = actions()
    lowered = sentence.lower()
    found: list[Cue] = []
    for first, token in enumerate(tokens):
        for action in (a for key in stem_candidates(token.lower) for a in index.get(key, ())):
            if token.lower in action.excluded or any(lowered.startswith(p, token.start) for p in action.excluded_phrases):
                continue
            last = _plain_match_from(action.pattern, tokens, first)
            if last is not None:
                start, end = token.start, tokens[last].end
                found.append(Cue(action, first, last, start, end, sentence[start:end]))
    found.sort(key=lambda c: (-(c.last - c.first), c.first))
    kept: list[Cue] = []
    for cue in found:
        if not any(cue.first <= other.last and other.first <= cue.last for other in kept):
            kept.append(cue)
    return sorted(kept, key=lambda c: c.first)


def _lexicon_words() -> list[str]:
    words: set[str] = set()
    for entries in actions().values():
        for action in entries:
            words.update(w.lstrip("~") for w in action.pattern if w != "*")
            words.update(action.excluded)
    inflected = {f"{prefix}{w}{suffix}" for w in sorted(words)[:60] for prefix in ("", "me", "di", "ber", "pe")
                 for suffix in ("", "nya", "kan", "an")}
    with_clitics = {w + clitic for w in words for clitic in _CLITICS}
    return sorted(words | inflected | with_clitics)


_FILLERS = ["yang", "dan", "untuk", "tidak", "Rusia", "China", "itu", ",", ".", "-", "’", "1", "SEPAKAT", "Bertemu", "İ"]
_CUE_PIECES = st.sampled_from(_lexicon_words() + _FILLERS)


@st.composite
def _pattern_text(draw: st.DrawFn) -> str:
    """One action's pattern written out, as a sentence might hold it or nearly: gaps filled with 0-5 words,
    words with or without a clitic, prefix or case change."""
    pattern = draw(st.sampled_from([a.pattern for entries in actions().values() for a in entries]))
    out: list[str] = []
    for word in pattern:
        if word == "*":
            out.extend(draw(st.lists(st.sampled_from(["yang", "dan", "Rusia", "1", "itu"]), max_size=MAX_GAP + 1)))
            continue
        word = draw(st.sampled_from(["", "me", "di", "ber"])) + word.lstrip("~")
        out.append(word + draw(st.sampled_from(["", "", *_CLITICS, "kan", "i"])))
    return " ".join(out)


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.tuples(st.one_of(_CUE_PIECES, _pattern_text()), st.sampled_from([" ", "  ", "-", ", "])),
                      max_size=10))
def test_find_cues_is_the_plain_matcher(parts: list[tuple[str, str]]) -> None:
    sentence = "".join(piece + glue for piece, glue in parts)
    tokens = tokenize(sentence)
    assert tokens == _plain_tokenize(sentence)
    assert all(type(token) is Token for token in tokens)
    assert find_cues(sentence, tokens) == _plain_find_cues(sentence, tokens)
    candidates = cue_candidates([t.lower for t in tokens])
    assert find_cues(sentence, tokens, candidates) == find_cues(sentence, tokens)
    # What _sentence_events calls: the words and their match objects, before any Token is built.
    matches = list(TOKEN.finditer(sentence))
    lowers = [m.group(0).lower() for m in matches]
    assert cues_in(sentence, lowers, lambda i: matches[i].span(), candidates) == find_cues(sentence, tokens)
    # A sentence whose words start no action has no cue (what lets _sentence_events stop early).
    assert any(candidates) or not find_cues(sentence, tokens)


def _plain_gazetteer_matches(sentence: str) -> list[tuple[int, int]]:
    matches, end = [], 0
    for word in re.finditer(r"(?<![\w])[A-Z][\w'’.]*", sentence):
        if word.start() < end or word.group(0).rstrip(".") not in _gazetteer_first_words():
            continue
        match = _gazetteer_pattern().match(sentence, word.start())
        if match:
            matches.append(match.span())
            end = match.end()
    return matches


def _plain_pronoun_at(sentence: str, tokens: list[Token], start: int, end: int) -> str | None:
    pair = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in markers().pronoun_pair) + r")\b")
    if pair.search(sentence[start:end].lower()):
        return "pair"
    if any(t.lower in markers().pronoun_single for t in tokens if start <= t.start < end):
        return "single"
    return None


_ACTOR_PIECES = st.sampled_from(
    ["Rusia", "China", "AS", "AS.", "A.S.", "Korea", "Selatan", "Korea Selatan", "Moskow-Beijing", "Dewan", "Keamanan",
     "Presiden", "Xi", "Jinping", "Dia", "dia", "Mereka", "kedua negara", "Kedua Negara", "keduanya", "pihaknya",
     "di", "dan", "O'Rusia", "Rusia's", "Rusia’s", ".", ",", "x", "Ä", "İndonesia", "Indonesia", "Jakarta", "ia"]
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(_ACTOR_PIECES, st.sampled_from([" ", "", ", ", "-", "."])), max_size=12),
       cut=st.tuples(st.integers(0, 120), st.integers(0, 120)))
def test_gazetteer_and_pronoun_scans_are_the_plain_loops(parts: list[tuple[str, str]], cut: tuple[int, int]) -> None:
    sentence = "".join(piece + glue for piece, glue in parts)
    assert [m.span() for m in _gazetteer_matches(sentence)] == _plain_gazetteer_matches(sentence)
    tokens = tokenize(sentence)
    start, end = sorted(cut)
    assert _pronoun_at(sentence, tokens, start, end) == _plain_pronoun_at(sentence, tokens, start, end)


_EVAL_ITEMS = load_items(Path(__file__).parent / "data" / "event_sentences.jsonl")
_QUIET = ["Dia tidak menjelaskan lebih jauh.", "Mereka tiba di Moskow.", "Rusia dan China bertetangga.",
          "Presiden China Xi Jinping hadir.", "Di Jakarta, kedua negara diam.", "Putin, kata dia, sehat."]


@settings(max_examples=120, deadline=None)
@given(picks=st.lists(st.one_of(st.sampled_from(_EVAL_ITEMS), st.sampled_from(_QUIET)), min_size=1, max_size=8))
def test_lazy_discourse_gives_the_eager_events(picks: list[Any]) -> None:
    """Sentences without events have their actors worked out only when a later sentence asks (see _Discourse);
    the plain code worked them out at once. Both give the same events."""
    texts = [p["text"] if isinstance(p, dict) else p for p in picks]
    entities = [spec for p in picks if isinstance(p, dict) for spec in p.get("entities", [])]
    item = {"id": "mix", "text": " ".join(texts), "entities": entities}

    def events(eager: bool) -> list[Event]:
        article = build_article(item)
        extract_module._EAGER_DISCOURSE = eager
        try:
            extract_module.extract_events(article, today=dt.date(2024, 1, 1))
        finally:
            extract_module._EAGER_DISCOURSE = False
        return article.events

    lazy, eager = events(False), events(True)
    assert [e.model_dump_json() for e in lazy] == [e.model_dump_json() for e in eager]


def _plain_window_has(tokens: list[Token], first: int, words: frozenset[str], window: int,
                      skip: frozenset[str]) -> bool:
    m = markers()
    counted, i = 0, first - 1
    while i >= 0 and counted < window:
        token = tokens[i]
        if token.lower in words or (i > 0 and f"{tokens[i - 1].lower} {token.lower}" in words):
            return True
        if token.lower in m.clause_openers or token.lower in m.coordinators:
            return False
        if token.lower not in skip:
            counted += 1
        i -= 1
    return False


_MARKER_WORDS = sorted({w for name in ("negation", "intent", "negation_skip", "clause_openers", "coordinators")
                        for entry in getattr(markers(), name) for w in entry.split()})


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from([*_MARKER_WORDS, "Rusia", "bertemu", "x", "Tidak", "AKAN"]), min_size=1,
                      max_size=12), data=st.data())
@example(words=["menawarkan", "untuk", "membantu"], data=None)  # a two-word entry whose words are no entries
@example(words=["menawarkan", "untuk"], data=None)
def test_window_test_is_the_plain_loop(words: list[str], data: st.DataObject | None) -> None:
    sentence = " ".join(words)
    tokens = tokenize(sentence)
    first = data.draw(st.integers(0, len(tokens) - 1)) if data is not None else len(tokens) - 1
    cue = Cue(next(iter(actions().values()))[0], first, first, tokens[first].start, tokens[first].end,
              tokens[first].text)
    m = markers()
    for entries, window, skip in ((m.negation, m.negation_window, m.negation_skip),
                                  (m.intent, m.intent_window, m.intent_skip)):
        assert _window_has(tokens, cue, entries, window, skip) == _plain_window_has(tokens, first, entries, window,
                                                                                    skip)


def _plain_triggers(text: str) -> list[bool]:
    from warta.events.dates import _calendar

    cal = _calendar()
    words = frozenset(re.findall(r"[a-z’']+", text))
    months = frozenset(cal.months_full) | frozenset(cal.months_short)
    units = {"hari", "pekan", "minggu", "bulan", "tahun", "sepekan", "seminggu", "sebulan", "setahun", "sehari"}
    return ["/" in text, bool(words & months) and bool(re.search(r"\d", text)),
            bool(words & months) and bool(re.search(r"(?:19|20)\d\d", text)), bool(words & months),
            bool(re.search(r"(?:19|20)\d\d", text)), bool(words & {"kemarin", "besok", "lusa"}),
            bool(words & frozenset(cal.weekdays)), bool(words & units)]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.tuples(_SCAN_PIECES, st.sampled_from(["", " ", ", "])), max_size=12))
def test_date_triggers_are_the_plain_tests(parts: list[tuple[str, str]]) -> None:
    from warta.events.dates import _triggered

    text = "".join(piece + glue for piece, glue in parts).lower()
    assert list(_triggered(text)) == _plain_triggers(text)


def _plain_visited(sentence: str, actors: list[ActorMention], source: ActorMention | None) -> ActorMention | None:
    def place_actors() -> list[ActorMention]:
        out = []
        for match in _PLACE.finditer(sentence):
            entry = gazetteer().get(match.group("place"))
            if entry is not None and entry.country:
                out.append(ActorMention(match.start("place"), match.end("place"), match.group("place"),
                                        entry.country, entry.sector, None, entry.name, entry.kind))
        return out

    for match in _PLACE.finditer(sentence):
        for actor in actors + place_actors():
            if actor.start == match.start("place") and actor.country and (source is None or actor.key() != source.key()):
                return actor
    return None


_VISIT_PIECES = st.sampled_from(["di", "ke", "Rusia", "China", "Moskow", "Beijing", "Jakarta", "Senin", "tiba", "dan",
                                 "kunjungan", "Korea Selatan", "AS", "Dewan", "Eropa", ",", "Di"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_VISIT_PIECES, max_size=14), pick=st.integers(-1, 6))
def test_visited_place_is_the_plain_search(words: list[str], pick: int) -> None:
    sentence = " ".join(words)
    actors = [ActorMention(m.start(), m.end(), m.group(0), gazetteer()[m.group(0)].country, "GOV")
              for m in _gazetteer_matches(sentence)]
    source = actors[pick] if 0 <= pick < len(actors) else None
    assert _visited(sentence, actors, source) == _plain_visited(sentence, actors, source)


@settings(max_examples=200, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5), st.integers(0, 3)), max_size=25))
def test_entity_mention_index_is_the_plain_sort(spans: list[tuple[int, int, int]]) -> None:
    """Two stable C-keyed sorts order mentions as one sort by (start, -end) does, ties included."""
    text = "x" * 40
    entities = [Entity(id=f"e:{n}", name=f"E{n}", type="PER",
                       mentions=[Mention(start=a, end=a + b, text=text[a:a + b]) for a, b, owner in spans if owner == n])
                for n in range(4)]
    article = build_article({"id": "m", "text": text})
    article.entities = entities
    plain = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: (x[0], -x[1]))
    assert [(s, e, ent.id) for s, e, ent in entity_mentions(article)] == [(s, e, ent.id) for s, e, ent in plain]


_BRACKET_PIECES = st.sampled_from(
    ["(", ")", "( ", " )", "Jumat (30/12)", "Senin, (19/9/2022)", "(2022)", "(pada 2023)", "(bulan lalu)", "(Senin)",
     "(kemarin)", "(24 Februari)", "(Oktober mendatang)", "(3 hari lalu)", "( 1/2 )", "(12/10/23)", "Rabu (1/13)"]
)


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.one_of(_DATE_PIECES, _BRACKET_PIECES), max_size=12),
       glue=st.sampled_from([" ", "", ", "]),
       base=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 1, 1)))
def test_bracketed_dates_are_find_dates_bracketed_day_dates(parts: list[str], glue: str, base: dt.date) -> None:
    text = glue.join(parts)
    expected = [d for d in find_dates(text, base) if d.precision == "day" and re.search(r"\(", d.text)]
    assert find_bracketed_dates(text, base) == expected
