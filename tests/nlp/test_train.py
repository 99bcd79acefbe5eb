"""The training command and its data handling, on tiny fictional data (seconds, never the full model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.nlp import train
from warta.nlp.tagger import EntityTagger
from warta.nlp.train import CaseModel, bio_spans, normalise_tags, read_conll, score_entities

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

# Fictional sentences in the IndoLEM NER UI layout (token<TAB>tag, blank line between sentences).
TINY_SENTENCES = [
    [
        ("Gubernur", "O"),
        ("Rina", "B-PERSON"),
        ("Kartika", "I-PERSON"),
        ("meninjau", "O"),
        ("Pelabuhan", "O"),
        ("Tanjung", "B-LOCATION"),
        ("Emas", "I-LOCATION"),
        ("di", "O"),
        ("Semarang", "B-LOCATION"),
        (".", "O"),
    ],
    [
        ("Bank", "B-ORGANIZATION"),
        ("Nusantara", "I-ORGANIZATION"),
        ("membuka", "O"),
        ("cabang", "O"),
        ("di", "O"),
        ("Medan", "B-LOCATION"),
        (".", "O"),
    ],
    [
        ("Menurut", "O"),
        ("Agus", "B-PERSON"),
        ("Salim", "I-PERSON"),
        (",", "O"),
        ("Partai", "B-ORGANIZATION"),
        ("Rakyat", "I-ORGANIZATION"),
        ("menolak", "O"),
        ("usulan", "O"),
        ("itu", "O"),
        (".", "O"),
    ],
    [
        ("Warga", "O"),
        ("Bandung", "B-LOCATION"),
        ("menyambut", "O"),
        ("Dewi", "B-PERSON"),
        ("Lestari", "I-PERSON"),
        ("dari", "O"),
        ("Yayasan", "B-ORGANIZATION"),
        ("Pelita", "I-ORGANIZATION"),
        (".", "O"),
    ],
]


def write_conll(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("".join(f"{t}\t{g}\n" for t, g in s) + "\n" for s in sentences), encoding="utf-8")


def test_normalise_tags_maps_every_source_scheme_and_repairs_bio() -> None:
    assert normalise_tags(["B-PERSON", "I-PERSON", "B-PLACE", "B-ORGANISATION"]) == ["B-PER", "I-PER", "B-LOC", "B-ORG"]
    assert normalise_tags(["B-PPL", "B-PLC", "B-IND", "B-EVT", "I-EVT", "B-FNB"]) == [
        "B-PER",
        "B-LOC",
        "B-ORG",
        "O",
        "O",
        "O",
    ]
    # an I- that continues nothing starts an entity
    assert normalise_tags(["O", "I-LOCATION", "I-PERSON"]) == ["O", "B-LOC", "B-PER"]


def test_read_conll_splits_on_blank_lines() -> None:
    lines = ["A\tB-PERSON\n", "b\tO\n", "\n", "\n", "C\tO\n"]
    assert list(read_conll(lines)) == [(["A", "b"], ["B-PERSON", "O"]), (["C"], ["O"])]


def test_bio_spans_and_scores_are_exact_span_and_type() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    predicted = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    assert bio_spans(gold[0]) == {(0, 2, "PER"), (3, 4, "LOC")}
    assert bio_spans(["I-PER", "I-PER", "I-LOC"]) == {(0, 2, "PER"), (2, 3, "LOC")}
    scores = score_entities(gold, predicted)
    assert scores["LOC"]["f1"] == 1.0
    assert scores["PER"]["p"] == 0.0 and scores["PER"]["r"] == 0.0  # a truncated name is wrong
    assert scores["ALL"]["p"] == pytest.approx(2 / 3) and scores["ALL"]["r"] == pytest.approx(2 / 3)


def test_truecasing_restores_names_from_cased_statistics() -> None:
    cased = [["Kemarin", "warga", "Jakarta", "bertemu", "KPK", "dan", "polisi", "."]] * 25
    model = CaseModel(cased)
    tokens = ["warga", "jakarta", "dan", "kpk", "bertemu", "budi", "dan", "ani", ".", "mereka", "pulang"]
    in_entity = [False, True, False, True, False, True, True, True, False, False, False]
    assert model.truecase(tokens, in_entity) == [
        "Warga",
        "Jakarta",
        "dan",
        "KPK",
        "bertemu",
        "Budi",
        "dan",
        "Ani",
        ".",
        "Mereka",
        "pulang",
    ]


def test_training_command_on_tiny_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_conll(data / "indolem-nerui-fold1" / "train.01.tsv", TINY_SENTENCES * 3)
    write_conll(data / "indolem-nerui-fold1" / "dev.01.tsv", TINY_SENTENCES[:2])
    unlabelled = [[(token, "X") for token, _ in sentence] for sentence in TINY_SENTENCES]
    write_conll(data / "nlpid-postag" / "dataset_postag.txt", unlabelled * 3)
    (data / "country-names-id").mkdir()
    (data / "country-names-id" / "country.csv").write_text('id,value\nXX,"Negeri Antah"\n', encoding="utf-8")
    output = tmp_path / "model"
    assert train.main(["--data-dir", str(data), "--output", str(output), "--max-iterations", "30"]) == 0

    model = EntityTagger(output)
    assert model.features.gazetteer == {("negeri", "antah"): "country"}
    assert model.features.lexicon["semarang"][-1] == "title"  # capitalisation habit learnt from text
    tags = model.tag(["Gubernur", "Rina", "Kartika", "meninjau", "Semarang", "."])
    assert len(tags) == 6 and set(tags) <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    # a training sentence seen three times is learnt
    assert tags[1:3] == ["B-PER", "I-PER"]
    # the config's extra features travel with the model: knowledge-base names, head nouns, runs
    assert model.features.names == train.knowledge_base_names() and model.features.names
    assert "partai" in model.features.org_heads and model.features.capital_runs
    assert (output / "names.tsv").exists()


def test_training_command_without_data_fails_cleanly(tmp_path: Path) -> None:
    assert train.main(["--data-dir", str(tmp_path), "--output", str(tmp_path / "out")]) == 2


def test_shared_training_data_reads_with_warta_labels() -> None:
    path = SHARED_DATA / train.NERGRIT_DEV
    if not path.exists():
        pytest.skip("shared data absent")
    sentences = train.read_corpus(path)
    labels = {tag for _, tags in sentences for tag in tags}
    assert labels == {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    assert all(len(tokens) == len(tags) for tokens, tags in sentences)


def test_knowledge_base_names_are_typed_and_skip_one_letter_aliases() -> None:
    names = train.knowledge_base_names()
    assert set(names.values()) <= {"PER", "ORG", "LOC"}
    assert not any(len(name) == 1 and len(name[0]) < 2 for name in names)
    assert all(name == tuple(" ".join(name).split()) and " ".join(name) == " ".join(name).lower() for name in names)
