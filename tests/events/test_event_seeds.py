"""The seed articles through the pipeline: seedscore area `events` passes for every seed, and the RUS-CHN
meetings the gold timeline lists are among the coded events' dates. Skips cleanly when the shared seeds or an
earlier stage are not available."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed_records(seed_run) -> tuple[list[dict], dict, object]:
    return seed_run.records, seed_run.gold, seed_run.seedscore


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
