"""The NumPy CRF decoder gives exactly pycrfsuite's tags, and the tagger's fast feature path pycrfsuite's features."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from warta.nlp.crf import UNKNOWN_ROW, CRFModel, ModelFormatError
from warta.nlp.tagger import EntityTagger, FeatureExtractor, load_tagger
from warta.nlp.train import read_corpus

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

SENTENCES = [
    "Gubernur Jawa Tengah Rina Kartika meninjau Pelabuhan Tanjung Emas di Semarang , Senin ( 19/9/2022 ) .",
    "Bank Nusantara membuka cabang baru di Medan dan Pekanbaru .",
    "Kata Kepala Dinas Kependudukan dan Catatan Sipil Kota Malang , Agus Salim , pelayanan tetap buka .",
    "Harga Cabai Kian Mahal , Warga Medan Mulai Resah",
    "KPK",
    "di",
    "PT Kereta Api Indonesia ( Persero ) menambah perjalanan dari Stasiun Gambir ke Surabaya .",
    '" Kami bekerja keras , " ujar Menteri Luar Negeri Retno Marsudi kepada wartawan di Jakarta .',
    "Universitas Nusa Cendana di Kupang menerima 3.000 mahasiswa baru tahun ini .",
    "Presiden Rusia Vladimir Putin bertemu Presiden China Xi Jinping di Beijing pada Rabu ( 20/3 ) .",
    "ia:tidak , katanya ; lalu Ia pergi ke Bandung: kota kembang .",
    "a\x00b Jakarta",
]


def reference_tags(tagger: EntityTagger, tokens: list[str]) -> list[str]:
    """pycrfsuite's tags for the tagger's string features: what `EntityTagger.tag` did before the NumPy decoder."""
    return tagger.crf.tag(tagger.features.sentence_features(tagger.recase_title_case(tokens)))


def test_decoder_matches_pycrfsuite_on_fictional_sentences() -> None:
    tagger = load_tagger()
    sentences = [line.split(" ") for line in SENTENCES]
    # one long sentence (several shorter ones pasted together) and sentences decoded alone and together
    sentences.append([token for tokens in sentences for token in tokens])
    expected = [reference_tags(tagger, tokens) for tokens in sentences]
    assert tagger.tag_sentences(sentences) == expected
    assert [tagger.tag(tokens) for tokens in sentences] == expected
    assert tagger.tag_sentences([[], sentences[0], []]) == [[], expected[0], []]
    assert any(tag != "O" for tags in expected for tag in tags)


def test_feature_rows_are_the_feature_strings_looked_up() -> None:
    tagger = load_tagger()
    rows = tagger._rows
    assert rows is not None
    for line in SENTENCES:
        tokens = line.split(" ")
        strings = tagger.features.sentence_features(tokens)
        assert rows.items(tokens) == [[rows.model.row(feature) for feature in item] for item in strings]


def test_decoder_matches_pycrfsuite_on_shared_ner_data() -> None:
    files = [
        SHARED_DATA / "indolem-nerui-fold1" / "dev.01.tsv",
        SHARED_DATA / "indonlu-nergrit" / "valid_preprocess.txt",
    ]
    if not all(path.exists() for path in files):
        pytest.skip("shared NER data not available")
    tagger = load_tagger()
    sentences = [tokens for path in files for tokens, _ in read_corpus(path) if tokens]
    assert len(sentences) > 300
    expected = [reference_tags(tagger, tokens) for tokens in sentences]
    got = [
        tags for start in range(0, len(sentences), 50) for tags in tagger.tag_sentences(sentences[start : start + 50])
    ]
    assert got == expected


def test_decoder_reads_a_freshly_trained_model(tmp_path: Path) -> None:
    """A small model trained here (random features, all labels): same tags as pycrfsuite on unseen input."""
    generator = random.Random(7)
    labels = ["O", "B-PER", "I-PER", "B-LOC"]
    vocabulary = [f"f{number}" for number in range(40)] + ["naïve=é", "kata:2"]
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(60):
        length = generator.randint(1, 12)
        items = [generator.sample(vocabulary, generator.randint(1, 6)) for _ in range(length)]
        trainer.append(items, [generator.choice(labels) for _ in range(length)])
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True})
    path = tmp_path / "tiny.crfsuite"
    trainer.train(str(path))
    model = CRFModel.read(path)
    reference = pycrfsuite.Tagger()
    reference.open(str(path))
    assert set(model.labels) == set(labels)
    sentences = []
    for _ in range(200):
        length = generator.randint(1, 15)
        # unknown attributes and repeated ones are part of the input, as in real text
        sentences.append([generator.sample([*vocabulary, "unseen", "f1\x00tail"], 5) + ["f1"] for _ in range(length)])
    items = [[model.row(feature) for feature in item] for sentence in sentences for item in sentence]
    assert model.tag(items, [len(sentence) for sentence in sentences]) == [reference.tag(s) for s in sentences]
    assert model.row("unseen") == UNKNOWN_ROW and model.row("f1\x00tail") == model.row("f1") != UNKNOWN_ROW
    assert model.tag([], []) == []


def test_reader_rejects_files_that_are_not_crfsuite_models(tmp_path: Path) -> None:
    path = tmp_path / "model.crfsuite"
    path.write_bytes(b"not a model" * 10)
    with pytest.raises(ModelFormatError):
        CRFModel.read(path)


def test_score_table_is_used_and_adds_exactly_like_the_feature_rows() -> None:
    tagger = load_tagger()
    assert tagger._table is not None, "the fast table disagreed with the feature code when the tagger loaded"
    rows = tagger._rows
    assert rows is not None
    sentences = [tagger.recase_title_case(line.split(" ")) for line in SENTENCES if "\0" not in line]
    plain = rows.model.state_scores([item for tokens in sentences for item in rows.items(tokens)])
    assert np.array_equal(tagger._table.scores(sentences), plain)  # bit for bit, not approximately


def test_gazetteer_tags_take_the_longest_name_and_never_overlap() -> None:
    features = FeatureExtractor(
        {}, {("jawa",): "island", ("jawa", "tengah"): "province", ("tengah", "kota"): "x", ("kota",): "city"}
    )
    assert features._gazetteer_tags(["di", "jawa", "tengah", "kota", "solo"]) == [
        None,
        "B-province",
        "I-province",
        "B-city",
        None,
    ]
    assert features._gazetteer_tags(["jawa", "barat"]) == ["B-island", None]
    assert features._gazetteer_tags([]) == []


def test_decode_many_gives_decode_tags_whatever_the_grouping() -> None:
    model = load_tagger()._rows.model
    rng = np.random.default_rng(7)
    lengths = [int(n) for n in rng.integers(1, 40, size=300)]
    scores = rng.normal(size=(sum(lengths), len(model.labels)))
    expected = model.decode(scores, lengths)
    assert model.decode_many(scores, lengths) == expected  # 300 sentences: two groups of the default 256
    assert model.decode_many(scores, lengths, group=7) == expected
    assert model.decode_many(scores, lengths, group=1) == expected
    with pytest.raises(ValueError):
        model.decode_many(scores, [*lengths[:-1], lengths[-1] + 1], group=7)
