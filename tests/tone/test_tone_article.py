"""score_tone on hand-built articles: entity tone from the sentences that mention each entity, themes, keyphrases."""

from __future__ import annotations

import pytest

from warta.pipeline import run_until
from warta.record import Article, Entity, Mention, Source
from warta.stages import StageOrderError
from warta.tone import assign_themes, extract_keyphrases, score_tone

BODY = (
    "Indonesia dan Jepang sepakat memperkuat kerja sama militer melalui latihan bersama. "
    "Presiden memuji persahabatan kedua negara. "
    "Sementara itu, Korea Utara mengancam akan meluncurkan rudal dan dikecam banyak negara. "
    "Serangan itu merusak hubungan di kawasan."
)


def _mentions(body: str, *names: str) -> list[Mention]:
    found = []
    for name in names:
        start = body.find(name)
        while start >= 0:
            found.append(Mention(start=start, end=start + len(name), text=name))
            start = body.find(name, start + 1)
    return found


def _article(body: str = BODY, title: str | None = None) -> Article:
    article = Article(id="t1", source=Source(path="t.txt", format="txt", sha256="0"), body=body, title=title)
    article.entities = [
        Entity(id="Q:jepang", name="Jepang", type="LOC", mentions=_mentions(body, "Jepang")),
        Entity(id="Q:korea-utara", name="Korea Utara", type="LOC", mentions=_mentions(body, "Korea Utara")),
        Entity(id="L:tanpa-sebutan", name="Tanpa Sebutan", type="ORG", mentions=[]),
    ]
    return article


def _sentences(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, char in enumerate(body):
        if char == "." and (index + 1 == len(body) or body[index + 1] == " "):
            spans.append((start, index + 1))
            start = index + 2
    return spans


def test_entity_tone_uses_only_the_sentences_that_mention_the_entity() -> None:
    article = _article()
    article.scratch.sentences = _sentences(BODY)
    score_tone(article)
    japan, north_korea = article.entity_tone["Q:jepang"], article.entity_tone["Q:korea-utara"]
    assert japan.polarity > 0.3
    assert north_korea.polarity < -0.3
    # Only the first sentence mentions Japan: its word count is that sentence's.
    assert japan.words == len(BODY[: BODY.index(".")].split())
    assert "L:tanpa-sebutan" not in article.entity_tone


def test_article_tone_pools_every_sentence() -> None:
    article = _article()
    article.scratch.sentences = _sentences(BODY)
    score_tone(article)
    assert article.tone is not None
    assert article.tone.positive_words >= 4 and article.tone.negative_words >= 3
    assert article.tone.words == len(BODY.split())


def test_the_title_counts_for_an_entity_it_names() -> None:
    body = "Korea Utara menggelar parade di Pyongyang pada Sabtu."
    article = _article(body, title="Korea Utara Kembali Mengancam Tetangganya")
    article.scratch.sentences = [(0, len(body))]
    score_tone(article)
    assert article.entity_tone["Q:korea-utara"].polarity < 0
    untitled = _article(body)
    untitled.scratch.sentences = [(0, len(body))]
    score_tone(untitled)
    assert untitled.entity_tone["Q:korea-utara"].polarity == 0


def test_without_sentences_tone_refuses_and_run_until_splits_them_first() -> None:
    article = _article()
    with pytest.raises(StageOrderError, match="'sentences' stage has not run"):
        score_tone(article)
    run_until(article, "tone", given=("body", "title", "subtitle", "entities", "quotes", "events"))
    assert article.sentences and article.entity_tone["Q:korea-utara"].polarity < 0


def test_empty_article() -> None:
    article = Article(id="e", source=Source(path="e.txt", format="txt", sha256="0"), body="")
    article.scratch.sentences = []
    score_tone(article)
    assert article.tone is not None and article.tone.words == 0
    assert article.themes == [] and article.keyphrases == [] and article.entity_tone == {}


def test_themes_come_with_evidence_and_need_every_group() -> None:
    themes = {item["theme"]: item for item in assign_themes(BODY)}
    assert "military_cooperation" in themes
    assert {"kerja sama", "militer"} <= set(themes["military_cooperation"]["evidence"])
    assert themes["military_cooperation"]["score"] > 0
    # Military words alone, without cooperation, are not military cooperation.
    alone = {item["theme"] for item in assign_themes("Militer menggelar parade. Tentara berbaris di militer kota.")}
    assert "military_cooperation" not in alone


def test_themes_match_affixed_forms_of_roots() -> None:
    text = "Gempa mengguncang Palu. Ribuan warga mengungsi setelah gempa dan tsunami melanda."
    assert [item["theme"] for item in assign_themes(text)] == ["disasters"]
    text = "KPK menetapkan bupati sebagai tersangka suap. Kasus korupsi itu merugikan negara."
    themes = [item["theme"] for item in assign_themes(text)]
    assert themes[0] == "corruption"


def test_a_single_passing_word_is_no_theme() -> None:
    assert assign_themes("Harga beras naik di pasar tradisional setelah banjir.") == []


def test_keyphrases_are_phrases_of_the_text_without_overlaps_or_numbers() -> None:
    text = (
        "Bank Indonesia mempertahankan suku bunga acuan.\n"
        "Bank Indonesia menilai inflasi masih terkendali pada 2024. Gubernur Bank Indonesia menyebut suku bunga "
        "acuan tetap 6 persen untuk menjaga stabilitas rupiah. Suku bunga acuan itu diputuskan dalam rapat dewan "
        "gubernur."
    )
    phrases = extract_keyphrases(text)
    assert phrases and len(phrases) <= 10
    assert any("Bank Indonesia" in phrase for phrase in phrases)
    for phrase in phrases:
        assert phrase.lower() in text.lower().replace("\n", " ")
        assert not any(char.isdigit() for char in phrase)
    word_sets = [set(phrase.lower().split()) for phrase in phrases]
    for index, words in enumerate(word_sets):
        for other in word_sets[index + 1 :]:
            assert not (words <= other or other <= words)


def test_body_tokens_reuse_sentence_tokens_only_when_identical() -> None:
    from warta.tone import _body_tokens
    from warta.tone.lexicon import tokenize

    body = "Inflasi naik 3.5 persen. Harga beras turun."
    cases = [
        [(0, 24), (25, 43)],  # spans tile the body at white space
        [(0, 14), (14, 43)],  # boundary inside "3.5": tokenising per span would split the number
        [(0, 24)],  # text after the last span
        [(25, 43)],  # text before the first span
        [(0, 30), (25, 43)],  # overlapping spans
    ]
    for spans in cases:
        sentence_tokens = [tokenize(body[start:end]) for start, end in spans]
        assert _body_tokens(body, spans, sentence_tokens) == tokenize(body), spans


def test_pooled_tone_is_the_tone_of_the_added_counts_and_a_valid_record() -> None:
    from warta.tone.lexicon import tokenize
    from warta.tone.scoring import ToneCounts, count_spans, pooled_tone

    parts = count_spans([tokenize(sentence) for sentence in BODY.split(". ")])
    added = ToneCounts()
    for part in parts:
        added.add(part)
    expected = added.to_tone()
    assert pooled_tone(parts).model_dump_json() == expected.model_dump_json()
    assert expected.positive > 0 and expected.negative > 0  # the body praises and condemns
    assert type(expected).model_validate(expected.model_dump()) == expected  # the unvalidated Tone is a valid one
