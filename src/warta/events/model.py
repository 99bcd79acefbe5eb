"""Learned parts of the event coder (issue 17): sparse linear models trained by `scripts/train_events.py` on real
sentences labelled in `training/events/*.jsonl`, shipped as weights in `data/events_model.json`.

Two models, each a multinomial logistic regression scored here with a plain dot product (no scikit-learn at run
time):
- `mode`: for each candidate the rules propose (cue, type, source), is it an asserted event of that type, one the
  text does not assert (negated, planned, hypothetical), or no event of that type at all;
- `trigger`: for each word that starts an event in the training labels, the PLOVER type it starts here, or none.
  Words the rules' lexicon does not cover become cues of their own, handed to the same actor and date rules.

The feature functions below are the only ones: training calls them on the same tokens and cues. Without the data
file (or with `enabled(False)`, which training uses to read the rules' own output) the rules alone decide.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from warta.events.lexicon import Cue, Token
from warta.events.stem import stem_candidates

MODEL_FILE = "events_model.json"
MODE_CLASSES = ("asserted", "other", "none")  # other: negated, planned or hypothetical
NO_TYPE = "O"
WINDOW = 4  # words read on each side of a cue or word
_QUOTES = "\"“”"
_state: dict = {"enabled": True, "record": None}


@dataclass(frozen=True)
class Linear:
    """A multinomial logistic regression: feature -> weight per class, plus a bias per class."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        scores = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    @classmethod
    def from_json(cls, data: dict) -> Linear:
        return cls(tuple(data["classes"]), {f: tuple(w) for f, w in data["weights"].items()}, tuple(data["bias"]))


@dataclass(frozen=True)
class Models:
    mode: Linear | None
    trigger: Linear | None
    trigger_words: frozenset[str]  # lower-case words (or their stems) that may start a learned cue
    manifest: dict
    mode_drop: float  # p(none) at which the mode model drops a candidate, chosen by cross-validation
    # word -> whether it may start a learned cue, remembered (most words recur); cleared when it grows large
    may_trigger: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=1)
def models() -> Models | None:
    """The shipped models, loaded once; None when no model is shipped."""
    path = resources.files("warta.events").joinpath(f"data/{MODEL_FILE}")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    mode = Linear.from_json(data["mode"]) if data.get("mode") else None
    trigger = Linear.from_json(data["trigger"]) if data.get("trigger") else None
    return Models(mode, trigger, frozenset(data.get("trigger_words", ())), data.get("manifest", {}),
                  float(data.get("mode_drop", 1.0)))


def active() -> Models | None:
    return models() if _state["enabled"] else None


@contextmanager
def enabled(on: bool) -> Iterator[None]:
    """Run the events stage with (True) or without (False) the learned models."""
    before = _state["enabled"]
    _state["enabled"] = on
    try:
        yield
    finally:
        _state["enabled"] = before


@contextmanager
def recording() -> Iterator[list[dict]]:
    """Collect every candidate the rules propose, with its mode features (training reads them; models off)."""
    records: list[dict] = []
    before = dict(_state)
    _state.update(enabled=False, record=records)
    try:
        yield records
    finally:
        _state.update(before)


def is_recording() -> bool:
    return _state["record"] is not None


def record(candidate: dict) -> None:
    if _state["record"] is not None:
        _state["record"].append(candidate)


def _inside_quote(sentence: str, offset: int) -> bool:
    before = sentence[:offset]
    return sum(before.count(q) for q in _QUOTES) % 2 == 1


def _shape(word: str) -> str:
    """The word's affix class: passive di-, active me-, ber-, ter-, noun -an, pe- noun, bare."""
    for prefix, name in (("di", "di"), ("me", "me"), ("ber", "ber"), ("ter", "ter"), ("pe", "pe"), ("ke", "ke")):
        if word.startswith(prefix) and len(word) > len(prefix) + 3:
            return name + ("-an" if word.endswith("an") and not word.endswith("kan") else "")
    return "an" if word.endswith("an") else "bare"


def _context(tokens: list[Token], first: int, last: int) -> list[str]:
    before = [t.lower for t in tokens[max(0, first - WINDOW):first]]
    after = [t.lower for t in tokens[last + 1:last + 1 + WINDOW]]
    out = [f"b={w}" for w in before] + [f"a={w}" for w in after]
    if before:
        out.append(f"b1={before[-1]}")
    if after:
        out.append(f"a1={after[0]}")
    return out


def word_features(sentence: str, tokens: list[Token], i: int, lexicon_type: str | None) -> list[str]:
    """Features of word i as a possible event start (the trigger model)."""
    word = tokens[i].lower
    out = ["bias", f"w={word}", f"shape={_shape(word)}", f"lex={lexicon_type or '-'}"]
    out += [f"k={k}" for k in sorted(trigger_keys(word))]
    out += _context(tokens, i, i)
    if _inside_quote(sentence, tokens[i].start):
        out.append("inq")
    if i == 0:
        out.append("first")
    return out


def candidate_features(sentence: str, tokens: list[Token], cue: Cue, flags: tuple[bool, bool],
                       source_kind: str | None, has_target: bool, first_sentence: bool) -> list[str]:
    """Features of a candidate event the rules propose (the mode model). `flags`: the rules' (negated, intent)."""
    type_ = cue.action.type
    word = tokens[cue.first].lower
    negated, intent = flags
    out = [f"t={type_}", f"p={' '.join(cue.action.pattern)}", f"tw={type_}|{word}", f"shape={_shape(word)}",
           f"t|shape={type_}|{_shape(word)}", f"neg={negated}", f"int={intent}", f"t|neg={type_}|{negated}",
           f"t|int={type_}|{intent}", f"sk={source_kind or '-'}", f"t|sk={type_}|{source_kind or '-'}",
           f"tgt={has_target}", f"first={first_sentence}", f"len={min(len(tokens) // 10, 5)}"]
    out += _context(tokens, cue.first, cue.last)
    if _inside_quote(sentence, cue.start):
        out.append("inq")
    if any(t.lower in ("jika", "apabila", "kalau", "bila", "seandainya") for t in tokens[:cue.first]):
        out.append("cond")
    return out


MIN_KEY = 5  # the shortest stem that keys the trigger vocabulary ("periksa", "tahan", "tuntut")


def trigger_keys(word: str) -> set[str]:
    """The keys a word is found under in the trigger vocabulary: itself and its stems of MIN_KEY letters or more."""
    return {word} | {s for s in stem_candidates(word)[1:] if len(s) >= MIN_KEY}


def trigger_candidates(lowers: Sequence[str], learned: Models) -> list[int]:
    """Indices of the words that may start a learned cue: one of their keys started an event in training."""
    memo, vocabulary = learned.may_trigger, learned.trigger_words
    out = []
    for i, word in enumerate(lowers):
        found = memo.get(word)
        if found is None:
            if len(memo) > 200_000:
                memo.clear()
            found = memo[word] = bool(word) and not vocabulary.isdisjoint(trigger_keys(word))
        if found:
            out.append(i)
    return out
