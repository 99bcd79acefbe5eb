"""The seed articles: every gold quote found with its speaker after the pipeline (seedscore area
`quotes`). Skips cleanly when the shared seeds or an earlier stage are not available."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def quote_rows(seed_run) -> list[dict]:
    return seed_run.rows("quotes")


def test_every_gold_quote_is_found(quote_rows: list[dict]) -> None:
    found = [r for r in quote_rows if "quotes found" in r["check"]]
    assert len(found) == 5
    assert all(r["ok"] for r in found), [r["check"] for r in found if not r["ok"]]


def test_every_gold_speaker_is_right(quote_rows: list[dict]) -> None:
    speakers = [r for r in quote_rows if "speakers right" in r["check"]]
    assert all(r["ok"] for r in speakers), [r["check"] for r in speakers if not r["ok"]]
