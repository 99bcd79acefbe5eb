"""The link score of story clustering: a linear function of named pair features, with hand-set or learned weights.

`cluster.py` computes, for an article and a candidate story, the features of the article against each of the story's
first articles (`HEAD_FEATURES`: how alike the two heads are, how many days apart, whether the headlines name other
people or actors first, other kinds of act in the leads and in the headlines, a preview against the event, other
speakers, the same specific place in an incident's headlines, the same count or amount, the same quoted words; and,
unused by hand, the same actor in both headlines, the same place whoever is named, an act of the same type) and
against the story as a whole (`STORY_FEATURES`: the cosine with its centroid, an event record both report, no person
in common). The score is the bias plus the best head's weighted features (never below no head at all; less a share
of its lead over the heads' mean, `Params.link_mean`) plus the story's weighted features, less the size guard; the
article joins the best story scoring at least `Params.threshold`.

Two sets of weights:
- `hand`: the weights tuned by hand on the synthetic stream and the dev set (`Params`, docs/stories.md);
- `learned`: a logistic regression fitted by `scripts/train_stories.py` on pairs of non-gold news-dev-2025 articles
  labelled same / thread / different (`training/stories/*.jsonl`), shipped in `data/story_link_model.json`. Its
  coefficients are rescaled so that the head cosine weighs what it weighs by hand: the size guard and the related-story
  threshold (which pair labels cannot teach) keep their hand-set meaning.

No scikit-learn at run time: the score is a dot product.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warta.stories.cluster import Params

MODEL_FILE = "story_link_model.json"
HEAD_FEATURES = ("head_cos", "days_apart", "title_people", "subject", "acts", "preview", "speakers", "place",
                 "same_actor", "same_place", "same_act", "title_acts", "number", "quote", "feature")
STORY_FEATURES = ("centroid_cos", "same_event", "other_people", "template")
FEATURES = HEAD_FEATURES + STORY_FEATURES


@dataclass(frozen=True)
class LinkWeights:
    head: tuple[float, ...]  # one per HEAD_FEATURES
    story: tuple[float, ...]  # one per STORY_FEATURES
    bias: float  # added to every score (0 by hand: the threshold is Params.threshold)

    def head_score(self, features: Sequence[float]) -> float:
        return sum(w * f for w, f in zip(self.head, features, strict=True))

    def story_score(self, features: Sequence[float]) -> float:
        return sum(w * f for w, f in zip(self.story, features, strict=True))

    def as_dict(self) -> dict[str, float]:
        return dict(zip(FEATURES, (*self.head, *self.story), strict=True)) | {"bias": self.bias}


def hand_weights(p: Params) -> LinkWeights:
    """The hand-set link score: head_weight x (head cosine - penalties + place bonus) + the rest x centroid cosine."""
    w = p.head_weight
    head = (w, -w * p.next_day_penalty, -w * p.title_people_penalty, -w * p.subject_penalty, -w * p.act_penalty,
            -w * p.preview_penalty, -w * p.speaker_penalty, w * p.place_bonus, 0.0, 0.0, 0.0,
            -w * p.title_act_penalty, w * p.number_bonus, w * p.quote_bonus, -w * p.feature_penalty)
    story = (1 - w, p.same_event_bonus, -p.other_people_penalty, -p.template_penalty)
    return LinkWeights(head, story, 0.0)


@lru_cache(maxsize=1)
def _model_data() -> dict | None:
    source = resources.files("warta.stories").joinpath("data", MODEL_FILE)
    return json.loads(source.read_text(encoding="utf-8")) if source.is_file() else None


def learned_weights(p: Params) -> LinkWeights | None:
    """The fitted logistic regression rescaled to the hand head cosine weight, its decision threshold moved to
    `Params.threshold` through the bias (so the undated and related thresholds keep their meaning); None without the
    data file."""
    data = _model_data()
    if data is None:
        return None
    coef = dict(zip(data["features"], data["weights"], strict=True))
    scale = p.head_weight / coef["head_cos"]
    bias = (data["bias"] - data["threshold_logit"]) * scale + p.threshold
    return LinkWeights(tuple(coef.get(f, 0.0) * scale for f in HEAD_FEATURES),
                       tuple(coef.get(f, 0.0) * scale for f in STORY_FEATURES), bias)


def link_weights(p: Params) -> LinkWeights:
    if p.link_model == "learned":
        learned = learned_weights(p)
        if learned is not None:
            return learned
    return hand_weights(p)
