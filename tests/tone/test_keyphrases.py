"""The lazy YAKE ranking behind extract_keyphrases must give exactly what YAKE's own extract_keywords gives."""

from __future__ import annotations

from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.demo import corpus_dir
from warta.tone import _lead
from warta.tone.keyphrases import _extractor, _ranked_phrases, extract_keyphrases

LEADS = [_lead(path.read_text(encoding="utf-8")) for path in sorted(corpus_dir().glob("*.txt"))]


@pytest.mark.parametrize("text", LEADS[:12] + ["Satu kata.", "Presiden Joko Widodo bertemu Presiden Joko Widodo."])
def test_lazy_ranking_matches_yake(text: str) -> None:
    extractor = _extractor()
    expected = [phrase for phrase, _score in extractor.extract_keywords(text)]
    assert list(_ranked_phrases(extractor, text)) == expected


def test_ranking_is_a_prefix_whatever_is_consumed() -> None:
    # extract_keyphrases stops early; a partial read must be the head of the full ranking.
    extractor = _extractor()
    full = list(_ranked_phrases(extractor, LEADS[0]))
    assert len(full) > 5
    assert list(islice(_ranked_phrases(extractor, LEADS[0]), 5)) == full[:5]


def test_keyphrases_of_a_lead() -> None:
    phrases = extract_keyphrases(LEADS[0])
    assert 0 < len(phrases) <= 10
    assert all(not any(char.isdigit() for char in phrase) for phrase in phrases)


WORDS = ["Presiden", "Jokowi", "bertemu", "menteri", "luar", "negeri", "di", "Jakarta", "yang", "kerja", "sama",
         "militer", "Rusia", "China", "AS", "2023", ".", ",", "(", ")", "\n", "-", "dan", "sanksi", "Barat"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_lazy_ranking_matches_yake_on_any_word_sequence(words: list[str]) -> None:
    text = " ".join(words)
    extractor = _extractor()
    assert list(_ranked_phrases(extractor, text)) == [phrase for phrase, _score in extractor.extract_keywords(text)]
