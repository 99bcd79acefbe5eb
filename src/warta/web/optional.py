"""Corpus-level features from other stages (warta.stories, warta.tone), used when they are built.

Each function returns `(rows, note)`: `note` is None when the stage answered, otherwise a sentence saying why the
section is empty or what it fell back to. A missing or failing stage never turns into a 500: the dashboard stays up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from warta.errors import StageNotBuilt
from warta.store import Store
from warta.web import queries
from warta.web.cache import cached, results

log = logging.getLogger(__name__)

Rows = list[dict[str, Any]]


def _stage_function(module: str, name: str) -> Callable[..., Any] | None:
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError:
        return None
    return getattr(mod, name, None)


def clear_cache() -> None:
    results.clear()


def _call(module: str, name: str, store: Store, *args: Any, via_conn: bool = False,
          **kwargs: Any) -> tuple[Any, str | None]:
    """(result, None) from module.name(store, *args) (or (store.conn, *args) with via_conn), or (None, reason)
    when it is missing or fails. Answers are cached per database state; failures are not, so a fixed stage is
    retried."""
    target = store.conn if via_conn else store
    return results.get(
        store, ("stage", module, name, args, tuple(sorted(kwargs.items()))),
        lambda: _call_uncached(module, name, target, *args, **kwargs),
        keep=lambda answer: answer[1] is None or "not available" in answer[1],
    )


def _call_uncached(module: str, name: str, *args: Any, **kwargs: Any) -> tuple[Any, str | None]:
    func = _stage_function(module, name)
    if func is None:
        return None, f"{module}.{name} is not available in this installation"
    try:
        return func(*args, **kwargs), None
    except StageNotBuilt as exc:
        return None, f"{module}.{name} is not built yet: {exc}"
    except Exception as exc:  # noqa: BLE001 - another stage's failure must not take the dashboard down
        log.exception("%s.%s failed", module, name)
        return None, f"{module}.{name} failed ({type(exc).__name__}); showing what the store holds directly"


def preload() -> None:
    """Import the optional stages now (they load lexicons and models), so the first request does not pay for it."""
    for module in ("warta.stories", "warta.tone"):
        try:
            __import__(module)
        except Exception:  # noqa: BLE001 - a stage that cannot load is reported per request, with a note
            log.warning("optional stage %s cannot be imported", module, exc_info=True)


def _as_rows(result: Any) -> Rows:
    rows = []
    for row in result or []:
        if isinstance(row, dict):
            rows.append(row)
        elif hasattr(row, "model_dump"):
            rows.append(row.model_dump(mode="json"))
        elif hasattr(row, "_asdict"):
            rows.append(row._asdict())
        elif hasattr(row, "__dict__"):
            rows.append(dict(vars(row)))
    return rows


def stories(store: Store) -> tuple[Rows, str | None]:
    result, note = _call("warta.stories", "list_stories", store)
    if note is None:
        return _as_rows(result), None
    return cached(queries.stories_table, store), note


NO_RECORDS = "the stories stage has not been run on this database (no event records)"


def _records_missing(store: Store) -> bool:
    """True when the database has event mentions but no corpus-level event records (e.g. `analyze --no-stories`):
    warta.stories would then report nothing, so the per-article mentions are the better answer."""
    conn = store.conn
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_records'").fetchone()
    if has_table and conn.execute("SELECT 1 FROM event_records LIMIT 1").fetchone():
        return False
    return conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None


def timeline(store: Store, *, dyad: tuple[str, str] | None = None, entity: str | None = None,
             min_sources: int = 1) -> tuple[Rows, str | None]:
    note: str | None = NO_RECORDS
    if not _records_missing(store):
        result, note = _call("warta.stories", "timeline", store, dyad=dyad, entity=entity, min_sources=min_sources)
        if note is None:
            return _as_rows(result), None
    rows = cached(queries.event_timeline, store, dyad=dyad, entity=entity, min_sources=min_sources)
    return rows, note + "; timeline built from the per-article event mentions"


def dyad_trend(store: Store, a: str, b: str) -> tuple[Rows, str | None]:
    note: str | None = NO_RECORDS
    if not _records_missing(store):
        result, note = _call("warta.stories", "dyad_trend", store, a, b)
        if note is None:
            return _as_rows(result), None
    return cached(queries.dyad_months, store, a, b), note + "; trend computed from the per-article event mentions"


def tone_by(store: Store, entity: str | None, by: str) -> tuple[Rows, str | None]:
    """warta.tone's tone_report rows (each with its `themes` counts): of `entity`, or of whole articles when None."""
    result, note = _call("warta.tone", "tone_report", store, entity, by, via_conn=True)
    if note is None:
        return _as_rows(result), None
    return [], note


def themes_by(store: Store, entity: str | None, by: str) -> tuple[Rows, str | None]:
    """warta.tone's theme_report rows: theme counts per outlet or month, of the articles naming `entity`."""
    result, note = _call("warta.tone.report", "theme_report", store, entity, by, via_conn=True)
    if note is None:
        return _as_rows(result), None
    return [], note


def theme_labels() -> dict[str, str]:
    """{theme id: label} from the tone stage's taxonomy; empty when the stage is missing (ids are shown instead)."""
    func = _stage_function("warta.tone.report", "theme_labels")
    if func is None:
        return {}
    try:
        return dict(func())
    except Exception:  # noqa: BLE001 - a broken taxonomy file must not take the pages down
        log.exception("warta.tone.report.theme_labels failed")
        return {}


def theme_totals(rows: Rows) -> list[tuple[str, int]]:
    """[(theme id, articles)] summed over the groups of a theme report, most frequent first."""
    totals: dict[str, int] = {}
    for row in rows:
        for theme, n in (row.get("themes") or {}).items():
            totals[str(theme)] = totals.get(str(theme), 0) + int(n)
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
