"""Corpus-level event records: one real-world event, however many articles report it.

Like GDELT's event table (one row per event with NumMentions/NumSources/NumArticles) rather than one event per
article: every event mention coded by the events stage is matched to a record by (type, dyad, date), where the dyad
of a symmetric type (A meets B = B meets A) is unordered and actors are compared by country, else entity id, else
name. A mention without a date belongs to the record of the same type and dyad in the same story; one dated only to
the month joins the day-dated record of that month in the same story when there is one. Negated and intended
events get records of their own (they are not the same fact). Matching is incremental: only mentions without an
`event_id` are matched, then the counts of the records they joined are recomputed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.store.stories import StoryTables

_CHUNK = 500


@lru_cache(maxsize=1)
def event_types() -> dict[str, dict[str, Any]]:
    text = resources.files("warta.stories").joinpath("data/event_types.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def quad_of(event_type: str, quad: str | None) -> str | None:
    return quad or event_types().get(event_type, {}).get("quad")


def _actor_key(country: str | None, entity_id: str | None, name: str | None) -> str:
    return country or entity_id or (name or "").casefold() or "?"


def _dyad_key(event_type: str, source: str, target: str) -> str:
    if event_types().get(event_type, {}).get("symmetric"):
        source, target = sorted((source, target))
    return f"{source}>{target}"


def event_kind(row: sqlite3.Row) -> str:
    """"TYPE|A>B": what happened between whom, whatever the date."""
    dyad = _dyad_key(
        row["type"],
        _actor_key(row["source_country"], row["source_id"], row["source_name"]),
        _actor_key(row["target_country"], row["target_id"], row["target_name"]),
    )
    return f"{row['type']}|{dyad}"


def _record_id(match_key: str) -> str:
    return "ev-" + hashlib.sha1(match_key.encode("utf-8")).hexdigest()[:16]


def _match_key(row: sqlite3.Row) -> tuple[str, str | None]:
    """(match key, story-scoped prefix for month-precision matching)."""
    flags = ("neg|" if row["negated"] else "") + ("intent|" if row["intent"] else "")
    base = flags + event_kind(row)
    if row["date"] and row["date_precision"] == "day":
        return f"{base}|{row['date'][:10]}", None
    if row["date"]:
        return f"{base}|{row['date']}|{row['story_id'] or ''}", row["date"]
    return f"{base}|story:{row['story_id'] or row['article_id']}", None


def assign_event_records(tables: StoryTables) -> int:
    """Give every event mention without one an `event_id`; refresh the records they joined. Caller commits."""
    # records whose mentions all went away (articles deleted or re-analysed) are dropped first
    tables.drop_orphan_records()
    rows = tables.unmatched_mentions()  # day-dated first, so that month-dated ones find the records they belong to
    touched: set[str] = set()
    updates: list[tuple[str, str, int]] = []
    for row in rows:
        key, month = _match_key(row)
        record_id = _record_id(key)
        if month and row["story_id"] and not row["negated"] and not row["intent"]:
            # a month-precision mention of an event the same story dates to the day is that event
            record_id = tables.day_record_of_month(row["story_id"], row["type"], month) or record_id
        if not tables.record_exists(record_id):
            # story and date right away: a later mention of this batch may look the record up by them
            tables.create_record(record_id, key, row["type"], row["negated"], row["intent"], row["story_id"],
                                 row["date"], row["date_precision"])
        updates.append((record_id, row["article_id"], row["idx"]))
        touched.add(record_id)
    tables.set_event_ids(updates)
    # records that lost mentions (an article deleted or re-analysed) are recounted too
    touched.update(tables.records_with_stale_counts())
    # and records whose story was dropped: its lone article joined another story (`cluster._Clusterer._second_looks`)
    touched.update(tables.records_of_gone_stories())
    for record_id in touched:
        _refresh_record(tables, record_id)
    return len(touched)


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v not in (None, "")]
    return Counter(values).most_common(1)[0][0] if values else None


def _refresh_record(tables: StoryTables, record_id: str) -> None:
    mentions = tables.record_mentions(record_id)
    if not mentions:
        tables.delete_record(record_id)
        return
    first = mentions[0]
    days = [m["date"][:10] for m in mentions if m["date"] and m["date_precision"] == "day"]
    date = _most_common(days) or _most_common([m["date"] for m in mentions])
    precision = "day" if days else _most_common([m["date_precision"] for m in mentions])
    scores = [m["goldstein"] for m in mentions if m["goldstein"] is not None]
    goldstein = sum(scores) / len(scores) if scores else event_types().get(first["type"], {}).get("goldstein")
    tables.update_record(record_id, {
        "quad": quad_of(first["type"], _most_common([m["quad"] for m in mentions])), "goldstein": goldstein,
        "source_id": first["source_id"], "source_name": first["source_name"], "source_country": first["source_country"],
        "target_id": first["target_id"], "target_name": first["target_name"], "target_country": first["target_country"],
        "date": date, "date_precision": precision, "place": _most_common([m["place"] for m in mentions]),
        "story_id": _most_common([m["article_story"] for m in mentions]),
        "n_mentions": len(mentions), "n_articles": len({m["article_id"] for m in mentions}),
        # an article whose outlet is unknown still is one source
        "n_outlets": len({m["outlet"] or "article:" + m["article_id"] for m in mentions}),
        "first_article": first["article_id"], "first_published": first["published_utc"], "text": first["text"],
    })
