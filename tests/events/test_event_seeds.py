"""The seed articles through clean, meta and nlp: seedscore area `events` passes for every seed, and the RUS-CHN
meetings the gold timeline lists are among the coded events' dates. Skips cleanly when the shared seeds or an
earlier stage are not available."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS, GOLD, SCORER = SHARED / "seeds", SHARED / "gold" / "seeds.gold.json", SHARED / "tools" / "seedscore.py"


@pytest.fixture(scope="module")
def seed_records() -> tuple[list[dict], dict, object]:
    if not (SEEDS.is_dir() and GOLD.is_file() and SCORER.is_file()):
        pytest.skip("shared seeds not available")
    try:
        from warta.clean import clean_article
        from warta.meta import extract_metadata
        from warta.nlp import annotate
        from warta.read import read_paths
    except ImportError as error:
        pytest.skip(f"an earlier stage is missing: {error}")
    from warta.events import extract_events

    spec = importlib.util.spec_from_file_location("seedscore_events", SCORER)
    assert spec and spec.loader
    seedscore = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seedscore)
    records = []
    for article in read_paths([str(SEEDS)]):
        clean_article(article)
        extract_metadata(article)
        annotate(article)
        extract_events(article)
        records.append(article.to_dict())
    return records, json.loads(GOLD.read_text(encoding="utf-8")), seedscore


def test_seedscore_events_area_passes(seed_records) -> None:
    records, gold, seedscore = seed_records
    rows = [row for row in seedscore.score(gold, records, None, None).rows if row["area"] == "events"]
    assert len(rows) == len(gold["documents"])
    assert all(row["ok"] for row in rows), [row["check"] for row in rows if not row["ok"]]


def test_rus_chn_timeline_dates_are_coded(seed_records) -> None:
    records, gold, _ = seed_records
    dyad_dates = {
        (event.get("date") or "")[:10]
        for record in records
        for event in record["events"]
        if {event["source"].get("country"), event["target"].get("country")} == {"RUS", "CHN"}
    }
    assert set(gold["timeline_rus_chn"]) <= dyad_dates


def test_event_offsets_point_into_the_body(seed_records) -> None:
    records, _, _ = seed_records
    for record in records:
        for event in record["events"]:
            assert record["body"][event["start"]:event["end"]] == event["text"]
