"""Corpus-level views of the dashboard that depend on what has been run on the database (warta.stories, warta.tone).

Each function returns `(rows, note)`: `note` is None when the view answered from what it is made of, otherwise a
sentence saying what it fell back to. The one expected gap is a database the stories stage has not been run on (no
event records, e.g. `analyze --no-stories`): timelines and trends are then built from the per-article event mentions.
Anything else that goes wrong is a real error and reaches the app's exception handler.
"""

from __future__ import annotations

import gc
from typing import Any

from warta.store import Store, queries
from warta.web.cache import cached, results

Rows = list[dict[str, Any]]

NO_RECORDS = "the stories stage has not been run on this database (no event records)"


def clear_cache() -> None:
    results.clear()


def preload() -> None:
    """Load the tone stage's taxonomy and the knowledge base now, so the first request does not pay for them; then
    set everything loaded so far aside from the garbage collector (`gc.freeze`): the code, the knowledge base and the
    templates live as long as the server, and a full collection that walked them again and again held every request
    up for ~150 ms (~15 ms without them)."""
    from warta.nlp.kb import load_kb

    queries.theme_labels()
    load_kb()
    gc.collect()
    gc.freeze()


def stories(store: Store) -> tuple[Rows, str | None]:
    return cached(queries.list_stories, store), None


def timeline(store: Store, *, dyad: tuple[str, str] | None = None, entity: str | None = None,
             min_sources: int = 1) -> tuple[Rows, str | None]:
    if not cached(queries.event_records_missing, store):
        return cached(queries.timeline, store, dyad=dyad, entity=entity, min_sources=min_sources), None
    rows = cached(queries.event_timeline, store, dyad=dyad, entity=entity, min_sources=min_sources)
    return rows, NO_RECORDS + "; timeline built from the per-article event mentions"


def dyad_trend(store: Store, a: str, b: str) -> tuple[Rows, str | None]:
    if not cached(queries.event_records_missing, store):
        return cached(queries.dyad_trend, store, a, b), None
    return cached(queries.dyad_months, store, a, b), NO_RECORDS + "; trend computed from the per-article event mentions"


def tone_by(store: Store, entity: str | None, by: str) -> tuple[Rows, str | None]:
    """tone_report rows (each with its `themes` counts): of `entity`, or of whole articles when None."""
    return cached(queries.tone_report, store, entity, by), None


def themes_by(store: Store, entity: str | None, by: str) -> tuple[Rows, str | None]:
    """theme_report rows: theme counts per outlet or month, of the articles naming `entity`."""
    return cached(queries.theme_report, store, entity, by), None


def theme_labels() -> dict[str, str]:
    """{theme id: label} from the tone stage's taxonomy."""
    return queries.theme_labels()


def theme_totals(rows: Rows) -> list[tuple[str, int]]:
    """[(theme id, articles)] summed over the groups of a theme report, most frequent first."""
    totals: dict[str, int] = {}
    for row in rows:
        for theme, n in (row.get("themes") or {}).items():
            totals[str(theme)] = totals.get(str(theme), 0) + int(n)
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
