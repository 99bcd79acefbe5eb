"""The link score as weighted pair features (issue 18): the hand weights are the clustering parameters, the learned
ones a logistic regression rescaled to them, and the features of any pair of stored articles can be read out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from warta.store import Store
from warta.store.stories import StoryTables
from warta.stories import model
from warta.stories.cluster import PARAMS, _Clusterer, pair_features

FIRE_A = ("Jakarta - Kebakaran melanda pool bus di Terminal Rawa Buaya, Cengkareng, Senin malam. Sebanyak 20 bangkai "
          "bus terbakar. Petugas pemadam mengerahkan 12 unit mobil pemadam ke lokasi.")
FIRE_B = ("Jakarta - Sebanyak 20 bangkai bus terbakar di Terminal Rawa Buaya, Cengkareng. Api diduga berasal dari "
          "pemotongan rangka bus. Petugas pemadam memadamkan api dalam dua jam.")
MATCH = ("Jakarta - Timnas Italia menang 2-0 atas Moldova di Stadion Mapei, Reggio Emilia. Gol dicetak Raspadori dan "
         "Cambiaso. Pelatih Luciano Spalletti menyebut kemenangan itu penting.")
DAY = "2025-06-10T10:00:00+07:00"


def test_hand_weights_are_the_clustering_parameters() -> None:
    w = model.hand_weights(PARAMS)
    named = w.as_dict()
    assert named["head_cos"] == PARAMS.head_weight
    assert named["centroid_cos"] == pytest.approx(1 - PARAMS.head_weight)
    assert named["subject"] == pytest.approx(-PARAMS.head_weight * PARAMS.subject_penalty)
    assert named["same_event"] == PARAMS.same_event_bonus and w.bias == 0.0
    assert model.link_weights(PARAMS) == w


def test_learned_weights_are_rescaled_to_the_hand_head_weight() -> None:
    learned = model.learned_weights(PARAMS)
    if learned is None:
        pytest.skip("no learned link model shipped")
    data = model._model_data()
    assert data is not None and data["manifest"]["labels"]
    assert learned.as_dict()["head_cos"] == pytest.approx(PARAMS.head_weight)
    # a pair at the model's decision threshold scores exactly the clustering threshold
    scale = PARAMS.head_weight / dict(zip(data["features"], data["weights"], strict=True))["head_cos"]
    assert learned.bias == pytest.approx((data["bias"] - data["threshold_logit"]) * scale + PARAMS.threshold)
    assert model.link_weights(replace(PARAMS, link_model="learned")) == learned


def test_pair_features_of_stored_articles(store: Store, save: Callable[..., object]) -> None:
    save("a", "kompas", DAY, "Bus Transjakarta Terbakar di Terminal Rawa Buaya", FIRE_A)
    save("b", "detik", DAY, "20 Bangkai Bus Terbakar di Rawa Buaya", FIRE_B)
    save("c", "detik", DAY, "Italia Kalahkan Moldova 2-0", MATCH)
    found = {(a, b): f for a, b, f in pair_features(StoryTables(store), [("a", "b"), ("a", "c"), ("a", "zz")])}
    assert set(found) == {("a", "b"), ("a", "c")}  # an article not in the store is left out
    fire, other = found["a", "b"], found["a", "c"]
    assert set(model.FEATURES) <= set(fire) and fire["days"] == 0 and fire["linked"] == 1.0
    assert fire["head_cos"] > 0.3 > other["head_cos"]
    assert fire["centroid_cos"] > other["centroid_cos"]
    # the features are the clusterer's own: the weighted sum is what the pass scores for a one-article story
    w = model.hand_weights(PARAMS)
    score = (max(0.0, w.head_score([fire[f] for f in model.HEAD_FEATURES]))
             + w.story_score([fire[f] for f in model.STORY_FEATURES]))
    assert score > PARAMS.threshold > max(0.0, w.head_score([other[f] for f in model.HEAD_FEATURES])) + w.story_score(
        [other[f] for f in model.STORY_FEATURES])
    assert isinstance(_Clusterer(StoryTables(store), PARAMS).weights, model.LinkWeights)
