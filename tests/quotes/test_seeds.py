"""The seed articles: every gold quote found with its speaker after the clean and nlp stages (seedscore area
`quotes`). Skips cleanly when the shared seeds or an earlier stage are not available."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS, GOLD, SCORER = SHARED / "seeds", SHARED / "gold" / "seeds.gold.json", SHARED / "tools" / "seedscore.py"


@pytest.fixture(scope="module")
def quote_rows() -> list[dict]:
    if not (SEEDS.is_dir() and GOLD.is_file() and SCORER.is_file()):
        pytest.skip("shared seeds not available")
    try:
        from warta.clean import clean_article
        from warta.nlp import annotate
        from warta.read import read_paths
    except ImportError as error:
        pytest.skip(f"an earlier stage is missing: {error}")
    from warta.quotes import extract_quotes

    spec = importlib.util.spec_from_file_location("seedscore", SCORER)
    assert spec and spec.loader
    seedscore = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seedscore)
    records = []
    for article in read_paths([str(SEEDS)]):
        clean_article(article)
        annotate(article)
        extract_quotes(article)
        records.append(article.to_dict())
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [row for row in seedscore.score(gold, records, None, None).rows if row["area"] == "quotes"]


def test_every_gold_quote_is_found(quote_rows: list[dict]) -> None:
    found = [r for r in quote_rows if "quotes found" in r["check"]]
    assert len(found) == 5
    assert all(r["ok"] for r in found), [r["check"] for r in found if not r["ok"]]


def test_every_gold_speaker_is_right(quote_rows: list[dict]) -> None:
    speakers = [r for r in quote_rows if "speakers right" in r["check"]]
    assert all(r["ok"] for r in speakers), [r["check"] for r in speakers if not r["ok"]]
