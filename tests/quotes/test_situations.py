"""Every quote situation of situations.toml comes out exactly as a reader would mark it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from warta.quotes.evaluate import Situation, load_situations, score

SITUATIONS = load_situations(Path(__file__).with_name("situations.toml"))


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s.name for s in SITUATIONS])
def test_situation(situation: Situation) -> None:
    result = score([situation])
    assert not result.failures, result.failures[0]


def test_the_set_covers_every_kind_of_situation() -> None:
    tags = Counter(tag for s in SITUATIONS for tag in s.tags)
    assert len(SITUATIONS) >= 60
    for tag in (
        "cue-after",
        "cue-before",
        "pronoun",
        "continuation",
        "nesting",
        "partial",
        "scare",
        "no-speaker",
        "org",
        "media",
        "indirect",
        "mismatch",
    ):
        assert tags[tag] >= 2, tag


def test_precision_and_recall_are_perfect_on_the_set() -> None:
    result = score(load_situations(Path(__file__).with_name("situations.toml")))
    assert (result.quote_precision, result.quote_recall) == (1.0, 1.0)
    assert (result.speaker_precision, result.speaker_recall) == (1.0, 1.0)


@pytest.mark.parametrize("name", ["heldout.toml", "heldout2.toml", "heldout3.toml"])
def test_held_out_sets_stay_above_nine_in_ten(name: str) -> None:
    """The held-out articles (see docs/quality.md) are not all solved; they must not get worse than this."""
    result = score(load_situations(Path(__file__).with_name(name)))
    assert min(result.quote_precision, result.quote_recall) >= 0.9
    assert min(result.speaker_precision, result.speaker_recall) >= 0.9
