"""Sentence tone: lexicon lookup, affix-aware normalisation, negation, intensifiers, and the labelled sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.tone import label, text_tone
from warta.tone.evaluation import evaluate_polarity, read_labelled
from warta.tone.lexicon import load_lexicon, stem

DATA = Path(__file__).parent / "data"


def polarity(text: str) -> float:
    return text_tone(text).polarity


@pytest.mark.parametrize(("word", "root"), [("mengecam", "kecam"), ("kerugian", "rugi"), ("dukungan", "dukung")])
def test_affixed_forms_reach_their_root(word: str, root: str) -> None:
    assert stem(word) == root
    assert load_lexicon().word_weight(word) == load_lexicon().word_weight(root) != 0


def test_function_words_inset_scores_do_not_count() -> None:
    # InSet weighs "yang" and "tahun" -5; news is full of them.
    assert text_tone("Yang terjadi tahun ini adalah yang pertama.").polarity == 0


def test_negation_flips_positive_and_negative_words() -> None:
    assert label(text_tone("Hubungan kedua negara baik.")) == "positive"
    assert label(text_tone("Hubungan kedua negara tidak baik.")) == "negative"
    assert label(text_tone("Latihan itu merupakan ancaman bagi kawasan.")) == "negative"
    assert label(text_tone("Latihan itu bukan ancaman bagi kawasan.")) == "positive"
    assert label(text_tone("Warga jangan khawatir.")) == "positive"


def test_negation_stops_at_the_clause_break() -> None:
    # "tidak" belongs to the first clause; the threat in the second clause stays negative.
    assert polarity("Pemerintah tidak hadir, ancaman itu nyata.") < 0


def test_not_only_is_not_negation() -> None:
    assert polarity("Kunjungan itu tidak hanya sukses tetapi juga bersejarah.") > 0


def test_intensifiers_strengthen_the_next_or_previous_term() -> None:
    plain = polarity("Hasilnya baik.")
    assert polarity("Hasilnya sangat baik.") > plain
    assert polarity("Hasilnya baik sekali.") > plain


def test_tone_fields_are_counts_and_rates() -> None:
    tone = text_tone("Serangan itu menewaskan warga, tetapi bantuan segera tiba.")
    assert tone.negative_words == 2 and tone.positive_words == 1
    assert tone.words == 8
    assert tone.negative > tone.positive > 0
    assert -1 < tone.polarity < 0


def test_polarity_agreement_on_the_labelled_sentences() -> None:
    rows = read_labelled(DATA / "polarity_test.tsv")
    assert len(rows) >= 100
    assert {expected for expected, _ in rows} == {"positive", "negative", "neutral"}
    negators = {"tidak", "bukan", "belum", "tak", "tanpa", "jangan", "kurang"}
    assert sum(bool(negators & set(sentence.lower().split())) for _, sentence in rows) >= 20
    result = evaluate_polarity(rows)
    assert result.agreement >= 0.85, result.errors


def test_polarity_agreement_on_the_second_set() -> None:
    result = evaluate_polarity(read_labelled(DATA / "polarity_heldout.tsv"))
    assert result.agreement >= 0.85, result.errors


def test_polarity_agreement_on_the_set_written_after_tuning() -> None:
    result = evaluate_polarity(read_labelled(DATA / "polarity_fresh.tsv"))
    assert result.agreement >= 0.85, result.errors


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["tidak", "sangat", "sekali", "baik", "ancaman", "kerja sama", ",", ".", "a-", "12", "yang"]))
    .map(" ".join)
    | st.text()
)
def test_any_text_gives_a_bounded_tone(text: str) -> None:
    tone = text_tone(text)
    assert -1 < tone.polarity < 1
    assert tone.positive >= 0 and tone.negative >= 0
    assert tone.positive_words + tone.negative_words <= tone.words
