"""Reading quotes back from the store: `warta quotes --db DB --speaker NAME`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_COLUMNS = (
    "article_id",
    "title",
    "outlet",
    "published",
    "text",
    "speaker",
    "speaker_id",
    "kind",
    "start",
    "end",
    "cue",
    "cited",
)


def list_quotes(conn: sqlite3.Connection, speaker: str | None = None) -> list[dict[str, Any]]:
    """Quotes in the store, newest article first; `speaker` matches an entity id exactly or a part of the speaker's
    name, both without regard to case (Unicode case folding, so "ÖZIL" finds "Özil")."""
    # SQLite's lower() folds ASCII only; a Python function folds every script the same way.
    conn.create_function("warta_fold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True)
    sql = (
        'SELECT q.article_id, a.title, a.outlet, a.published, q.text, q.speaker, q.speaker_id, q.kind, q.start, q."end",'
        " q.cue, q.cited_json FROM quotes AS q LEFT JOIN articles AS a ON a.id = q.article_id"
    )
    params: list[str] = []
    if speaker is not None and speaker.strip():
        needle = speaker.strip().casefold()
        sql += " WHERE warta_fold(q.speaker_id) = ? OR instr(warta_fold(q.speaker), ?) > 0"
        params = [needle, needle]
    # Order by the UTC instant when the store keeps one: ISO strings with different offsets do not sort in time.
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    when = "a.published_utc" if "published_utc" in columns else "a.published"
    sql += f" ORDER BY {when} IS NULL, {when} DESC, q.article_id, q.idx"
    rows = []
    for row in conn.execute(sql, params):
        record = dict(zip(_COLUMNS, row, strict=True))
        record["cited"] = json.loads(record["cited"]) if record["cited"] else []
        rows.append(record)
    return rows
