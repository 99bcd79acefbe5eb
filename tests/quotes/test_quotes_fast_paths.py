"""The quote extractor's fast paths give exactly what the plain code they replace gives.

Each reference below is the straightforward form (a list of characters masked in place, a regex scan per paragraph,
every word counted, every word tried as a role); the package's versions skip work by C-level passes and first-word
sets.
"""

from __future__ import annotations

import copy
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.pipeline import run_until
from warta.quotes import extract as extract_module
from warta.quotes import extract_quotes
from warta.quotes.extract import _WORD, _Extractor, _indexes_in, _masked, _words_up_to
from warta.quotes.lexicon import lexicon
from warta.quotes.marks import (
    _MARK_RE,
    Mark,
    QuotedSpan,
    classify_mark,
    find_quoted_spans,
    paragraphs,
    quoted_spans,
)
from warta.quotes.speakers import EntityIndex
from warta.record import Article, Entity, Mention, Source

# Bodies made of the pieces the extractor reacts to (marks, cues, pronouns, names, roles), as in test_properties.
PIECES = ["“", "”", '"', "'", "‘", "’", "«", "»", ",", ".", ":", "?", "\n", "\n\n", " ", "-nya", "(", ")", "kata",
          "ujar", "katanya", "mengatakan", "bahwa", "menurut", "dikutip dari", "lapor", "dia", "pihaknya", "Budi",
          "Reuters", "badan keamanan", "seorang juru bicara", "Presiden", "Rusia", "Kami siap membantu", "tidak",
          "yang", "Kepala Riset", "juru bicara Kementerian", "pemimpin", "itu", "Antara", "kepada"]
bodies = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


def article_with_entities(body: str) -> Article:
    entities = []
    for name, kind in (("Budi", "PER"), ("Reuters", "ORG"), ("Rusia", "LOC")):
        mentions = [Mention(start=m.start(), end=m.end(), text=name) for m in re.finditer(name, body)]
        entities.append(Entity(id=f"T:{name}", name=name, type=kind, mentions=mentions))
    article = Article(id="p", source=Source(path="p", format="txt", sha256="0"), body=body, entities=entities)
    return run_until(article, "sentences", given=("body",))  # as the nlp stages hand it to quotes

# ---------------------------------------------------------------------------------------------------- references


def plain_masked(body: str, spans: list[QuotedSpan]) -> str:
    characters = list(body)
    for span in spans:
        for start, end in span.parts:
            characters[start:end] = "\x00" * (end - start)
    return "".join(characters)


def plain_find_quoted_spans(text: str) -> list[QuotedSpan]:
    """find_quoted_spans as it was: the same quote rules (`quoted_spans`), each paragraph scanned for marks on its own."""

    def marks_in(start: int, end: int) -> list[Mark]:
        return [m for m in (classify_mark(text, x.start()) for x in _MARK_RE.finditer(text, start, end)) if m]

    return quoted_spans(text, paragraphs(text), marks_in)


def plain_marks_by_paragraph(text: str) -> list[list[tuple[int, str, str]]]:
    """The classified marks of each paragraph, each paragraph scanned on its own."""
    found = []
    for start, end in paragraphs(text):
        marks = [classify_mark(text, match.start()) for match in _MARK_RE.finditer(text, start, end)]
        found.append([(mark.pos, mark.family, mark.role) for mark in marks if mark])
    return found


# ---------------------------------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_masked_text_is_the_plain_masking(body: str) -> None:
    spans = find_quoted_spans(body)
    assert _masked(body, spans) == plain_masked(body, spans)


def test_masking_overlapping_parts_masks_their_union() -> None:
    body = "abcdefghij"
    spans = [QuotedSpan([(1, 5)]), QuotedSpan([(3, 8)]), QuotedSpan([(2, 4)])]
    assert _masked(body, spans) == plain_masked(body, spans) == "a\x00\x00\x00\x00\x00\x00\x00ij"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_quoted_spans_are_those_of_a_scan_per_paragraph(body: str) -> None:
    # find_quoted_spans finds all marks in one pass; its spans must be built from each paragraph's own marks.
    spans = find_quoted_spans(body)
    assert spans == plain_find_quoted_spans(body)
    assert find_quoted_spans(body, paragraphs(body)) == spans
    marks = {pos for paragraph in plain_marks_by_paragraph(body) for pos, _, _ in paragraph}
    assert all(position is None or position in marks for span in spans for position in (span.open_pos, span.close_pos))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60), st.integers(1, 4))
def test_words_up_to_is_the_capped_count_of_the_slice(body: str, start: int, end: int, limit: int) -> None:
    assert _words_up_to(body, limit, start, end) == min(limit, len(_WORD.findall(body[start:end])))
    assert _words_up_to(body, limit) == min(limit, len(_WORD.findall(body)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_extractor_word_lists_are_the_plain_ones(body: str) -> None:
    extractor = _Extractor(article_with_entities(body))
    plain = [(m.start(), m.end(), m.group(), m.group().casefold()) for m in _WORD.finditer(extractor.masked)]
    assert [tuple(word) for word in extractor.words] == plain
    assert extractor.word_starts == [word[0] for word in plain]
    assert extractor.word_ends == [word[1] for word in plain]
    assert extractor.lowers == [word[3] for word in plain]
    cues, cite_words = lexicon().cues, lexicon().cite_first_words
    assert extractor.cue_indexes == [k for k, word in enumerate(plain) if word[3] in cues]
    assert extractor.cite_starts == [k for k, word in enumerate(plain) if word[3] in cite_words]
    assert _indexes_in(["a", "b", "a"], {"a"}) == [0, 2]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_quotes_are_the_same_without_the_role_first_word_shortcut(body: str) -> None:
    # A lexicon without role_first_words makes role_at try every length at every word (the plain lookup).
    fast = article_with_entities(body)
    extract_quotes(fast)
    plain_lexicon = copy.copy(lexicon())
    plain_lexicon.role_first_words = None
    plain = article_with_entities(body)
    original = extract_module.lexicon
    extract_module.lexicon = lambda: plain_lexicon  # type: ignore[assignment]
    try:
        extract_quotes(plain)
    finally:
        extract_module.lexicon = original  # type: ignore[assignment]
    assert [q.model_dump() for q in plain.quotes] == [q.model_dump() for q in fast.quotes]


def test_role_at_with_and_without_first_words() -> None:
    lex = lexicon()
    plain = copy.copy(lex)
    plain.role_first_words = None
    sample = [w for phrase in list(lex.roles)[:40] for w in phrase] + ["warga", "itu", "kata", "presiden", "juru"]
    for index in range(len(sample)):
        assert lex.role_at(sample, index) == plain.role_at(sample, index)


def test_quote_records_validate() -> None:
    # Quotes are built without validation: they must be what validating the same values gives.
    article = article_with_entities("“Kami siap membantu warga di sini,” kata Budi. Menurut Budi, harga beras turun.")
    extract_quotes(article)
    assert article.quotes
    for quote in article.quotes:
        assert type(quote).model_validate(quote.model_dump()) == quote
        assert re.fullmatch(r"[^\x00]*", quote.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=6), max_size=6))
def test_entity_index_orders_mentions_as_the_plain_sort(entities_spans: list[list[tuple[int, int]]]) -> None:
    entities = [
        Entity(
            id=f"E{number}",
            name=f"E{number}",
            type="PER",
            mentions=[Mention(start=start, end=start + length, text="x" * length) for start, length in spans],
        )
        for number, spans in enumerate(entities_spans)
    ]
    expected = sorted(
        ((m.start, m.end, m.text, e.id) for e in entities for m in e.mentions if m.end > m.start),
        key=lambda mention: (mention[0], -mention[1]),
    )
    index = EntityIndex(entities)
    assert [(m.start, m.end, m.text, m.entity.id) for m in index.mentions] == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies, st.integers(min_value=0, max_value=80), st.integers(min_value=0, max_value=80))
def test_cue_and_cite_shortcuts_skip_only_ranges_without_candidates(body: str, start: int, end: int) -> None:
    # acts_in and cites_in return at once when no cue (citing) word starts in the range; the plain test is whether
    # any such word lies wholly inside it.
    extractor = _Extractor(article_with_entities(body))
    first, last = extractor._word_range(start, end)
    if not any(first <= index < last for index in extractor.cue_indexes):
        assert extractor.acts_in(start, end) == []
    if not any(first <= index < last for index in extractor.cite_starts):
        assert extractor.cites_in(start, end) == []


@given(st.text(max_size=12))
def test_folding_five_characters_tells_a_folded_prefix(text: str) -> None:
    for prefix in ("bahwa", "ba", "ß"):
        assert text[:5].casefold().startswith(prefix) == text.casefold().startswith(prefix)


@given(bodies, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_break_searches_between_offsets_are_searches_of_the_slice(body: str, start: int, end: int) -> None:
    for compiled, plain in (
        (extract_module._PHRASE_BREAK, r"[,.;:()!?\"“”«»]"),
        (extract_module._SENTENCE_BREAK, r"[.!?;]"),
    ):
        assert (compiled.search(body, start, end) is not None) == (re.search(plain, body[start:end]) is not None)
