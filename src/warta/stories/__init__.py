"""Stories across outlets, near-duplicates, corpus-level event records, timelines and dyad trends.

Corpus-level steps over the store, run after the per-article stages (`warta analyze` calls `assign_stories`):

* `assign_stories(store)`: incremental near-duplicate detection and date-aware story clustering
  (`warta.stories.cluster`), the `stories` table (`warta.stories.summary`) and event records
  (`warta.stories.records`); returns the number of stories in the store;
* `list_stories(store)`, `timeline(store, dyad, entity, min_sources)`, `dyad_trend(store, a, b)`,
  `plot_dyad(store, a, b, out_path)`: read-only views (they work on a store opened read-only).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from warta.store import Store
from warta.stories.cluster import PARAMS, Params, cluster_store
from warta.stories.records import assign_event_records, quad_of
from warta.stories.summary import refresh_stories

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")

__all__ = ["assign_stories", "list_stories", "timeline", "dyad_trend", "plot_dyad", "Params", "QUADS"]


def assign_stories(store: Store, params: Params = PARAMS) -> int:
    """Cluster the articles not yet in a story (and flag near-duplicates), refresh the stories they joined, match
    event mentions to event records. One transaction: a failure leaves the store as it was."""
    with store.conn:
        result = cluster_store(store.conn, params)
        refresh_stories(store.conn, result.touched_stories)
        assign_event_records(store.conn)
    return store.count("stories")


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def list_stories(store: Store) -> list[dict[str, Any]]:
    """All stories, earliest first."""
    out = []
    for row in store.conn.execute(
        "SELECT id, headline, first_date, last_date, n_articles, n_outlets, data_json FROM stories "
        "ORDER BY coalesce(first_date, '9999'), id"
    ):
        data = json.loads(row["data_json"] or "{}")
        out.append({
            "id": row["id"],
            "headline": row["headline"],
            "first_date": row["first_date"],
            "last_date": row["last_date"],
            "articles": data.get("articles", []),
            "outlets": data.get("outlets", []),
            "n_articles": row["n_articles"],
            "n_outlets": row["n_outlets"],
            "entities": data.get("entities", []),
            "summary": data.get("summary", ""),
            "summary_sentences": data.get("summary_sentences", []),
            "duplicates": data.get("duplicates", {}),
        })
    return out


def _entity_ids(conn: sqlite3.Connection, entity: str) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT entity_id FROM entities WHERE entity_id = ? OR name = ? COLLATE NOCASE", (entity, entity)
    )
    return {r[0] for r in rows} | {entity}


def timeline(store: Store, dyad: tuple[str, str] | None = None, entity: str | None = None,
             min_sources: int = 1) -> list[dict[str, Any]]:
    """Dated event records (not articles) in date order: of the dyad (both directions) and/or with the entity as an
    actor (by id or name), reported by at least `min_sources` outlets; negated and intended events left out."""
    conn = store.conn
    if not _has_table(conn, "event_records"):
        return []
    where = ["date IS NOT NULL", "negated = 0", "intent = 0", "n_outlets >= ?"]
    args: list[Any] = [min_sources]
    if dyad:
        a, b = (code.upper() for code in dyad)
        where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
        args += [a, b, b, a]
    if entity:
        ids = sorted(_entity_ids(conn, entity))
        marks = ",".join("?" * len(ids))
        where.append(f"(source_id IN ({marks}) OR target_id IN ({marks}) "
                     "OR source_name = ? COLLATE NOCASE OR target_name = ? COLLATE NOCASE)")
        args += [*ids, *ids, entity, entity]
    rows = conn.execute(
        f"SELECT * FROM event_records WHERE {' AND '.join(where)} ORDER BY date, first_published, id", args
    ).fetchall()
    out = []
    for r in rows:
        articles = [a[0] for a in conn.execute(
            """SELECT DISTINCT e.article_id FROM events e JOIN articles a ON a.id = e.article_id
               WHERE e.event_id = ? ORDER BY coalesce(a.published_utc, '9999'), e.article_id""", (r["id"],))]
        out.append({
            "id": r["id"],
            "date": r["date"],
            "date_precision": r["date_precision"],
            "type": r["type"],
            "quad": quad_of(r["type"], r["quad"]),
            "goldstein": r["goldstein"],
            "source": r["source_country"] or r["source_name"],
            "target": r["target_country"] or r["target_name"],
            "source_name": r["source_name"],
            "target_name": r["target_name"],
            "place": r["place"],
            "n_mentions": r["n_mentions"],
            "n_articles": r["n_articles"],
            "n_outlets": r["n_outlets"],
            "story_id": r["story_id"],
            "first_report": r["first_article"],
            "text": r["text"],
            "articles": articles,
        })
    return out


def dyad_trend(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Per month: event records of the dyad (both directions) by PLOVER quad class, and their mean Goldstein."""
    months: dict[str, dict[str, Any]] = {}
    for event in timeline(store, dyad=(a, b)):
        month = event["date"][:7]
        if len(month) < 7:
            continue  # dated to the year only: no month to count it in
        m = months.setdefault(month, {"month": month, **dict.fromkeys(QUADS, 0), "events": 0, "_g": []})
        if event["quad"] in QUADS:
            m[event["quad"]] += 1
        m["events"] += 1
        if event["goldstein"] is not None:
            m["_g"].append(event["goldstein"])
    out = []
    for month in sorted(months):
        m = months[month]
        scores = m.pop("_g")
        m["goldstein"] = round(sum(scores) / len(scores), 3) if scores else None
        out.append(m)
    return out


def plot_dyad(store: Store, a: str, b: str, out_path: str | Path) -> Path:
    """Monthly stacked bars of the four quad classes with the mean Goldstein line; written as an image file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    trend = dyad_trend(store, a, b)
    months = [t["month"] for t in trend]
    colours = {"verbal_coop": "#7fbf7b", "material_coop": "#1b7837", "verbal_conflict": "#f4a582",
               "material_conflict": "#b2182b"}
    fig, ax = plt.subplots(figsize=(max(6.0, 0.45 * len(months) + 2), 4.2))
    bottom = [0] * len(months)
    for quad in QUADS:
        values = [t[quad] for t in trend]
        ax.bar(months, values, bottom=bottom, color=colours[quad], label=quad.replace("_", " "))
        bottom = [x + y for x, y in zip(bottom, values, strict=True)]
    ax.set_ylabel("events")
    ax.set_title(f"{a.upper()}–{b.upper()}: cooperation and conflict by month")
    ax.tick_params(axis="x", rotation=60)
    line = ax.twinx()
    points = [(m, t["goldstein"]) for m, t in zip(months, trend, strict=True) if t["goldstein"] is not None]
    if points:
        line.plot([p[0] for p in points], [p[1] for p in points], color="black", marker="o", label="mean Goldstein")
    line.set_ylim(-10, 10)
    line.axhline(0, color="grey", linewidth=0.5)
    line.set_ylabel("mean Goldstein")
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = line.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="upper left", fontsize=8)
    if not months:
        ax.text(0.5, 0.5, "no dated events for this dyad", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    out = Path(out_path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
