"""A small learned reader of portrayal evidence (issue 27, "learn where it helps").

The rules of `warta.tone.portrayal` give, for each sentence naming an entity, the lexicon's sums around it, the same
sums after its role's weights (speaker, victim, aggressor, side of a role word) and the role flags (`Evidence`). A
multinomial logistic regression over those features, trained on sentences annotated by hand from news-dev-2025
(`data/portrayal_sentences.tsv`: article id, offsets and a TONE.md label, never text), gives each sentence a
probability of portraying the entity negatively, neutrally or positively; an entity's tone pools the expected
values as the rules pool their sums.

The model is used only when `data/portrayal_model.json` is shipped (`scripts/train_tone_model.py` writes it); without
it the rules' sums are pooled as they are. Prediction is a few multiplications per sentence, in plain Python.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from warta.record import Tone
from warta.tone.scoring import ToneCounts, pooled_tone

if TYPE_CHECKING:
    from warta.tone.portrayal import Evidence

MODEL_FILE = "data/portrayal_model.json"
FEATURES = (
    "weighed_positive", "weighed_negative", "near_positive", "near_negative", "sentence_positive",
    "sentence_negative", "speaking", "victim", "aggressor", "headline",
)
CLASSES = (-1, 0, 1)


def features(item: Evidence) -> list[float]:
    """The model's inputs for one sentence's evidence, in FEATURES order (sums on a log scale)."""
    return [
        math.log1p(item.weighed.positive), math.log1p(item.weighed.negative),
        math.log1p(item.near.positive), math.log1p(item.near.negative),
        math.log1p(item.sentence.positive), math.log1p(item.sentence.negative),
        float(item.speaking), float(item.victim), float(item.aggressor), float(item.index < 0),
    ]


@dataclass(frozen=True)
class PortrayalModel:
    """Multinomial logistic regression: one row of weights and one intercept per class of CLASSES."""

    weights: tuple[tuple[float, ...], ...]
    intercepts: tuple[float, ...]
    prior: float  # the pooled polarity's smoothing constant, (P - N) / (P + N + prior)

    def probabilities(self, item: Evidence) -> list[float]:
        x = features(item)
        scores = [
            b + sum(w * v for w, v in zip(row, x, strict=True))
            for row, b in zip(self.weights, self.intercepts, strict=True)
        ]
        top = max(scores)
        exp = [math.exp(score - top) for score in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def expected(self, item: Evidence) -> float:
        """The sentence's expected class, -1 .. +1."""
        return sum(c * p for c, p in zip(CLASSES, self.probabilities(item), strict=True))

    def tone(self, evidence: list[Evidence]) -> Tone:
        parts = []
        for item in evidence:
            value = self.expected(item)
            part = ToneCounts(words=item.weighed.words, positive_words=item.weighed.positive_words,
                              negative_words=item.weighed.negative_words)
            part.positive, part.negative = max(value, 0.0), max(-value, 0.0)
            parts.append(part)
        return pooled_tone(parts, self.prior)

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "classes": list(CLASSES), "weights": [list(r) for r in self.weights],
                "intercepts": list(self.intercepts), "prior": self.prior}


def read_model(text: str) -> PortrayalModel:
    """A model from the JSON PortrayalModel.to_json writes; ValueError when it was trained on other features."""
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES or tuple(data["classes"]) != CLASSES:
        raise ValueError(f"{MODEL_FILE} was trained on other features; rerun scripts/train_tone_model.py")
    return PortrayalModel(tuple(tuple(r) for r in data["weights"]), tuple(data["intercepts"]), float(data["prior"]))


@lru_cache(maxsize=1)
def load_portrayal_model() -> PortrayalModel | None:
    """The shipped model, or None when none is shipped (the rules' sums are pooled then)."""
    path = resources.files("warta.tone").joinpath(MODEL_FILE)
    return read_model(path.read_text(encoding="utf-8")) if path.is_file() else None
