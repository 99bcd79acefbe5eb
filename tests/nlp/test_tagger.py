"""The shipped entity tagger: API behaviour on fictional Indonesian sentences."""

from __future__ import annotations

import io

import pytest

from warta.nlp import tagger
from warta.nlp.tagger import load_tagger, tag_conll, tag_entities, tag_tokens

VALID_TAGS = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}


def entities(text: str) -> set[tuple[str, str]]:
    return {(text[start:end], label) for start, end, label in tag_entities(text)}


def test_model_is_shipped_small_and_cached() -> None:
    size = sum(path.stat().st_size for path in tagger.MODEL_DIR.rglob("*") if path.is_file())
    assert size <= 30 * 1024 * 1024
    assert load_tagger() is load_tagger()
    assert load_tagger().meta["labels"] == ["PER", "ORG", "LOC"]


def test_finds_person_organisation_and_location() -> None:
    text = (
        "Menteri Keuangan Sri Mulyani Indrawati mengatakan Bank Indonesia akan menahan suku bunga, "
        "kata dia di Jakarta, Senin (19/9/2022)."
    )
    found = entities(text)
    assert ("Sri Mulyani Indrawati", "PER") in found
    assert ("Bank Indonesia", "ORG") in found
    assert ("Jakarta", "LOC") in found
    assert not any(label == "PER" and "Senin" in span for span, label in found)


def test_spans_are_character_offsets_into_raw_text() -> None:
    text = 'Wakil Ketua KPK Nurul Hidayat ditemui di Surabaya. "Kami bekerja," ujarnya kepada Kompas.'
    spans = tag_entities(text)
    assert spans, "expected entities"
    for start, end, label in spans:
        assert label in {"PER", "ORG", "LOC"}
        assert text[start:end] == text[start:end].strip() and end > start
    assert ("Surabaya", "LOC") in entities(text)


def test_hyphenated_country_pair_gives_two_locations() -> None:
    found = entities("Hubungan Rusia-China makin erat setelah pertemuan di Beijing.")
    assert ("Rusia", "LOC") in found and ("China", "LOC") in found


def test_tokenizer_splits_indonesian_punctuation_but_keeps_dates() -> None:
    words = [
        token.text for token in tagger.indonesian_tokenizer()('Rusia-China, Senin (19/9/2022). Kata Rina:"Tidak."')
    ]
    assert words[:8] == ["Rusia", "-", "China", ",", "Senin", "(", "19/9/2022", ")"]
    assert words[-6:] == ["Rina", ":", '"', "Tidak", ".", '"']


def test_title_case_headline_is_read_as_sentence_case() -> None:
    model = load_tagger()
    headline = ["Harga", "Cabai", "Kian", "Mahal", ",", "Warga", "Medan", "Mulai", "Resah"]
    assert model.recase_title_case(headline)[1:4] == ["cabai", "kian", "mahal"]
    assert model.recase_title_case(headline)[6] == "Medan"
    # an ordinary sentence with a long name keeps its capitals
    sentence = ["Ia", "diangkat", "sebagai", "Pahlawan", "Nasional", "oleh", "Presiden", "Joko", "Widodo", "."]
    assert model.recase_title_case(sentence) == sentence
    assert entities("Harga Cabai Kian Mahal, Warga Medan Mulai Resah") == {("Medan", "LOC")}


def test_empty_text_has_no_entities() -> None:
    assert tag_entities("") == [] and tag_entities("   \n") == []


def test_tag_tokens_returns_one_bio_tag_per_token() -> None:
    tokens = ["Presiden", "Joko", "Widodo", "berkunjung", "ke", "Papua", "."]
    tags = tag_tokens(tokens)
    assert len(tags) == len(tokens) and set(tags) <= VALID_TAGS
    assert tags[1:3] == ["B-PER", "I-PER"] and tags[5] == "B-LOC"
    assert tag_tokens([]) == []
    # odd tokens (empty, inner space) keep the output aligned
    assert len(tag_tokens(["", "Kota Baru", "x"])) == 3


def test_tag_conll_round_trip() -> None:
    source = "Gubernur\tO\nRidwan\tO\nKamil\tO\nmeninjau\tO\nBandung\tO\n.\tO\n\n\nPolri\nmenangkap\ndua\norang\n.\n"
    out = io.StringIO()
    assert tag_conll(io.StringIO(source), out) == 2
    blocks = out.getvalue().split("\n\n")
    assert blocks[-1] == "" and len(blocks) == 3
    first = [line.split("\t") for line in blocks[0].split("\n")]
    assert [token for token, _ in first] == ["Gubernur", "Ridwan", "Kamil", "meninjau", "Bandung", "."]
    assert all(tag in VALID_TAGS for _, tag in first)
    assert [tag for _, tag in first][1:3] == ["B-PER", "I-PER"] and first[4][1] == "B-LOC"
    # reading our own output back gives the same tokens and tags
    again = io.StringIO()
    assert tag_conll(io.StringIO(out.getvalue()), again) == 2
    assert again.getvalue() == out.getvalue()


@pytest.mark.parametrize("text", ["KPK", "di", "Jakarta, Senin (19/9/2022)."])
def test_short_inputs_do_not_break(text: str) -> None:
    for start, end, _ in tag_entities(text):
        assert 0 <= start < end <= len(text)


def test_capitalised_runs_cross_connectors_and_numbers() -> None:
    features = load_tagger().features
    tokens = ["Kepala", "Dinas", "Kependudukan", "dan", "Catatan", "Sipil", "di", "SMA", "Negeri", "3", "Malang", "."]
    assert features.capitalised_runs(tokens) == [(0, 6), (7, 11)]
    # a connector only continues a run when a capitalised word follows it
    assert features.capitalised_runs(["Rina", "dan", "ibunya"]) == [(0, 1)]


def test_sentence_features_mark_knowledge_base_names_and_head_nouns() -> None:
    features = load_tagger().features
    assert features.names and features.org_heads, "shipped model has the knowledge-base and head-noun features"
    # the first knowledge-base organisation name of two or more words, written capitalised in a sentence
    name = next(name for name, kind in sorted(features.names.items()) if kind == "ORG" and len(name) >= 2)
    tokens = ["Kata", *(word.capitalize() for word in name), "kemarin", "."]
    items = features.sentence_features(tokens)
    assert "kb=B-ORG" in items[1] and "kb=I-ORG" in items[2]
    assert "1kb=B-ORG" in items[0] and not any(feature.startswith("kb=") for feature in items[-1])
    items = features.sentence_features(["Ia", "kuliah", "di", "Universitas", "Nusa", "Cendana", "."])
    assert "0head" in items[3] and "-1head" in items[4] and "-2head" in items[5]
    assert "runhead" in items[5] and "run=3L" in items[5] and "runf=universitas" in items[5]
    assert not any(feature.endswith("head") for feature in items[0])


def test_tag_entities_many_gives_each_text_its_own_spans() -> None:
    from warta.demo import corpus_dir
    from warta.nlp.tagger import tag_entities, tag_entities_many

    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_dir().glob("*.txt"))[:12]]
    texts[3:3] = ["", "   \n ", "Jakarta"]
    expected = [tag_entities(text) for text in texts]
    assert tag_entities_many(texts) == expected
    assert sum(map(len, expected)) > 50 and expected[3] == expected[4] == []
    assert tag_entities_many([]) == [] and tag_entities_many([""]) == [[]]
