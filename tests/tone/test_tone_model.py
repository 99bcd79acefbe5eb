"""The learned portrayal reader (warta.tone.model): its arithmetic, its file format, and the evidence it reads."""

from __future__ import annotations

import json

import pytest

from warta.record import Article, Entity, Mention, Source
from warta.tone import portrayal_evidence
from warta.tone.model import CLASSES, FEATURES, PortrayalModel, features, read_model
from warta.tone.portrayal import Evidence
from warta.tone.scoring import ToneCounts


def _evidence(positive: float, negative: float, speaking: bool = False) -> Evidence:
    counts = ToneCounts(positive=positive, negative=negative, words=10)
    return Evidence(0, counts, counts, counts, speaking, False, False)


# a hand-set model: negative sums vote for -1, positive sums for +1, a speaker for 0
_ROWS = {-1: {"weighed_negative": 3.0}, 0: {"speaking": 4.0}, 1: {"weighed_positive": 3.0}}
MODEL = PortrayalModel(
    tuple(tuple(_ROWS[c].get(name, 0.0) for name in FEATURES) for c in CLASSES), (0.0, 1.0, 0.0), prior=0.5
)


def test_probabilities_follow_the_evidence_and_sum_to_one() -> None:
    for item in (_evidence(0, 0), _evidence(2, 0), _evidence(0, 2), _evidence(2, 0, speaking=True)):
        assert sum(MODEL.probabilities(item)) == pytest.approx(1.0)
    assert MODEL.expected(_evidence(2.0, 0.0)) > 0.5
    assert MODEL.expected(_evidence(0.0, 2.0)) < -0.5
    assert abs(MODEL.expected(_evidence(2.0, 0.0, speaking=True))) < 0.2  # a speaker's words do not portray it
    assert abs(MODEL.expected(_evidence(0.0, 0.0))) < 0.3


def test_an_entity_pools_its_sentences_expected_values() -> None:
    praised = MODEL.tone([_evidence(2.0, 0.0), _evidence(0.0, 0.0)])
    blamed = MODEL.tone([_evidence(0.0, 2.0), _evidence(0.0, 2.0)])
    assert praised.polarity > 0.3 and blamed.polarity < -0.6 and blamed.words == 20


def test_the_model_file_round_trips_and_rejects_other_features() -> None:
    text = json.dumps(MODEL.to_json())
    assert read_model(text) == MODEL
    with pytest.raises(ValueError, match="other features"):
        read_model(text.replace("headline", "title"))


def test_evidence_of_an_article_names_each_sentence_and_role() -> None:
    body = "Tim Merah kalahkan Tim Biru. Tim Biru menjelaskan kekalahan itu kepada wartawan."
    article = Article(id="m1", source=Source(path="m.txt", format="txt", sha256="0"), body=body, title=None)
    article.entities = [
        Entity(id=f"o:{name}", name=f"Tim {name}", type="ORG",
               mentions=[Mention(start=i, end=i + len(f"Tim {name}"), text=f"Tim {name}")
                         for i in range(len(body)) if body.startswith(f"Tim {name}", i)])
        for name in ("Merah", "Biru")
    ]
    article.scratch.sentences = [(0, 28), (29, len(body))]
    evidence = portrayal_evidence(article)
    assert [item.index for item in evidence["o:Biru"]] == [0, 1]
    beaten, speaking = evidence["o:Biru"]
    assert beaten.weighed.negative > 0 and not beaten.speaking
    assert speaking.speaking and speaking.weighed.negative == 0  # its own account of the defeat does not count
    assert len(features(beaten)) == len(FEATURES)
