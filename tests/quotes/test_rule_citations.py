"""A quoted law or rule after "Menurut Pasal ..." is attributed to no one (rule_citations.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.quotes.evaluate import Situation, load_situations, score

CASES = load_situations(Path(__file__).with_name("rule_citations.toml"))


@pytest.mark.parametrize("situation", CASES, ids=[s.name for s in CASES])
def test_rule_citation(situation: Situation) -> None:
    result = score([situation])
    assert not result.failures, result.failures[0]
