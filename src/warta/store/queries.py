"""The read layer: every query the CLI, the API and the pages run, each a function of an open `Store` that returns
plain dicts (a store opened read-only is enough).

All SQL here uses bound parameters only: request values never become SQL text. Name matching that ignores case
folds with Python's `str.casefold` (the `warta_fold` SQL function the store registers), not SQLite's ASCII-only
`lower()`/`LIKE`, so "özil" finds "Özil" in every command and endpoint alike.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from warta.store import Store
from warta.store.facets import SearchIndex, remembered, search_index

# the stories stage's event taxonomy fills a record's quad class when the events stage left it empty
from warta.stories.records import quad_of

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")

# Markers FTS5's snippet() puts around matched words. Private-use characters never occur in news text, so the
# snippet can be split on them and each piece escaped on its own (the snippet itself is untrusted article text).
MATCH_OPEN = "\ue000"
MATCH_CLOSE = "\ue001"

_WORD = re.compile(r"[\w\u00C0-\uFFFF]+\*?", re.UNICODE)


class BadQuery(ValueError):
    """A search query FTS5 cannot run; the message says why (shown to the user as a 400)."""


def _rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cursor.fetchall()]


# counts and lists -------------------------------------------------------------------------------------------------
def counts(store: Store) -> dict[str, int]:
    conn = store.conn
    one = lambda sql: int(conn.execute(sql).fetchone()[0])  # noqa: E731 - a tiny local helper
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
        "entities": one("SELECT count(DISTINCT entity_id) FROM entities"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "stories": one("SELECT count(*) FROM stories"),
    }


_ARTICLE_COLUMNS = """a.id, a.title, a.outlet, a.published, a.published_utc, a.dateline, a.story_id, a.duplicate_of,
    (SELECT count(*) FROM entities e WHERE e.article_id = a.id) AS n_entities,
    (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n_quotes,
    (SELECT count(*) FROM events v WHERE v.article_id = a.id) AS n_events"""


Values = str | tuple[str, ...] | list[str] | None  # one filter value, or several (any of them matches)


def _values(value: Values) -> list[str]:
    """The non-blank values of a filter that takes one or several."""
    values = [value] if isinstance(value, str) else list(value or ())
    return [v for v in values if v and v.strip()]


def _article_filters(store: Store, *, outlet: Values = None, entity: Values = None, month: Values = None,
                     date_from: str | None = None, date_to: str | None = None) -> tuple[list[str], list[Any]]:
    """The conditions (on `articles a`) and parameters that the article list and search filter by: several values
    of one filter match any of them, different filters all; `date_to` is inclusive (a date means the whole day,
    UTC)."""
    where: list[str] = []
    params: list[Any] = []
    if outlets := _values(outlet):
        where.append("a.outlet COLLATE NOCASE IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(outlets))
    if entities := _values(entity):
        # each name resolves through the knowledge base and the store ("Tiongkok" -> country:CHN)
        ids = sorted({i for name in entities for i in resolve_entity(store, name)})
        where.append("a.id IN (SELECT article_id FROM entities WHERE entity_id IN (SELECT value FROM json_each(?)))")
        params.append(json.dumps(ids))
    if months := _values(month):
        where.append("substr(a.published_utc, 1, 7) IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(months))
    if date_from:
        where.append("a.published_utc >= ?")
        params.append(date_from)
    if date_to:
        where.append("a.published_utc < ?")
        params.append(date_to + "\uffff")  # every timestamp on that day sorts below this
    return where, params


def list_articles(store: Store, *, outlet: Values = None, date_from: str | None = None, date_to: str | None = None,
                  entity: Values = None, limit: int | None = 20, offset: int = 0) -> dict[str, Any]:
    """Articles newest first, filtered; `date_to` is inclusive (a date means the whole day, UTC)."""
    where, params = _article_filters(store, outlet=outlet, entity=entity, date_from=date_from, date_to=date_to)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = int(store.conn.execute(f"SELECT count(*) FROM articles a {clause}", params).fetchone()[0])
    # the page's rowids first, the counted columns then for those rows only (in one statement, SQLite computes them
    # for every row it sorts, the skipped ones included)
    page = [row[0] for row in store.conn.execute(
        f"SELECT a.rowid FROM articles a {clause} "
        # SQLite sorts NULL lowest, so DESC puts undated articles last and the published_utc index still applies
        "ORDER BY a.published_utc DESC, a.id LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else limit, offset])]
    found = {row["rowid_"]: row for row in _rows(store.conn.execute(
        f"SELECT a.rowid AS rowid_, {_ARTICLE_COLUMNS} FROM articles a "
        "WHERE a.rowid IN (SELECT value FROM json_each(?))", (json.dumps(page),)))}
    items = [{k: v for k, v in found[rowid].items() if k != "rowid_"} for rowid in page if rowid in found]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def outlets(store: Store) -> list[dict[str, Any]]:
    return _rows(store.conn.execute(
        "SELECT outlet, count(*) AS n_articles FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
        "ORDER BY n_articles DESC, outlet"))


def article_exists(store: Store, article_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


# search ------------------------------------------------------------------------------------------------------------
def search(store: Store, fts_query: str, *, outlet: Values = None, entity: Values = None, month: Values = None,
           date_from: str | None = None, date_to: str | None = None, sort: str = "relevance", collapse: bool = False,
           limit: int | None = 20, offset: int = 0) -> dict[str, Any]:
    """Full-text search over titles and bodies, best match first (`sort="date"`: newest first), with facet counts
    over all matches; `date_to` is inclusive; several values of a filter: any of them; `limit` None: every match
    (exports). `collapse`: a near-duplicate whose original also matched is left out of the list and counted on the
    original (`copies`: their ids); `total` then counts the list's rows and `total_articles` every match.

    FTS5 gives the matches' rowids and ranks; the facets, the order and the grouping come from the in-memory
    `warta.store.facets` index; only the page's rows are read from the table, with their snippets."""
    if sort not in SEARCH_SORTS:
        raise ValueError(f"sort must be one of {sorted(SEARCH_SORTS)}, not {sort!r}")
    # the dates filter in SQL; outlet, month and entity in memory (each facet counts without its own filter)
    filters, params = _article_filters(store, date_from=date_from, date_to=date_to)
    chosen = {"outlets": _values(outlet), "months": _values(month),
              "entity_ids": sorted({i for name in _values(entity) for i in resolve_entity(store, name)})}
    if _values(entity) and not chosen["entity_ids"]:
        chosen["entity_ids"] = [""]  # names that resolve to nothing: nothing passes
    try:
        index = search_index(store)
        key = (fts_query, tuple(filters), json.dumps(params), json.dumps(chosen), sort, collapse)
        found = index.recall(key)
        if found is None:
            found = _search_set(store, index, fts_query, (filters, params), chosen, sort, collapse)
            index = found[0]
            index.remember(key, found)
        _, ordered, copies, facets, n_matches = found
        shown = ordered[offset:] if limit is None else ordered[offset:offset + limit]
        items = _search_rows(store, fts_query, index.rowids[shown].tolist())
    except sqlite3.OperationalError as exc:
        # FTS5 reports syntax errors as OperationalError ("fts5: syntax error near ...").
        raise BadQuery(f"the search query is not valid FTS5 syntax: {exc}") from exc
    for item in items:
        position = int(np.searchsorted(index.rowids, item.pop("rowid_")))
        item["copies"] = [index.ids[p] for p in copies.get(position, [])]
    return {"query": fts_query, "total": len(ordered), "total_articles": n_matches, "limit": limit,
            "offset": offset, "items": items, "facets": facets}


def _search_set(store: Store, index: SearchIndex, fts_query: str, sql: tuple[list[str], list[Any]],
                chosen: dict[str, list[str]], sort: str,
                collapse: bool) -> tuple[SearchIndex, np.ndarray, dict[int, list[int]], dict[str, Any], int]:
    """Everything a search finds, whatever page is shown: (the index it refers to, the matches' positions in
    order, the copies folded under each, the facets, the number of matches)."""
    filters, params = sql
    source = ("articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?"
              + "".join(" AND " + f for f in filters)) if filters else "articles_fts f WHERE articles_fts MATCH ?"
    matches = store.conn.execute(f"SELECT f.rowid, f.rank FROM {source}", [fts_query, *params]).fetchall()
    positions = index.positions([row[0] for row in matches])
    if positions is None:  # an article written since the index was built
        index = search_index(store, fresh=True)
        positions = index.positions([row[0] for row in matches])
    if positions is None:
        raise BadQuery("the database changed during the search: ask again")
    passing = index.selected(positions, **chosen)
    kept = passing["outlet"] & passing["month"] & passing["entity"]
    ordered = index.order(positions[kept], np.array([row[1] for row in matches], dtype=np.float64)[kept], sort)
    copies: dict[int, list[int]] = {}
    n_matches = len(ordered)
    if collapse:
        ordered, copies = index.collapse(ordered)
    return index, ordered, copies, index.facets(positions, passing), n_matches


def _search_rows(store: Store, fts_query: str, rowids: list[int]) -> list[dict[str, Any]]:
    """The articles with these rowids, in this order, with a snippet of the matched words each."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(rowids), 500):
        for row in store.conn.execute(
                f"""SELECT a.rowid AS rowid_, a.id, a.title, a.outlet, a.published, a.story_id, a.duplicate_of,
                           snippet(articles_fts, 2, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 14) AS snippet_marked
                    FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                    WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))""",
                (fts_query, json.dumps(rowids[start:start + 500]))):
            found[row["rowid_"]] = dict(row)
    items = []
    for rowid in rowids:
        item = found.get(rowid)
        if item is None:  # deleted since the search found it (a write between the two reads)
            continue
        marked = item.pop("snippet_marked") or ""
        item["snippet"] = marked.replace(MATCH_OPEN, "").replace(MATCH_CLOSE, "")
        item["snippet_parts"] = split_marked(marked)
        items.append(item)
    return items


SEARCH_SORTS = ("relevance", "date")


def split_marked(marked: str) -> list[dict[str, Any]]:
    """[{text, match}] pieces of a snippet, so a template can escape each piece and wrap matches in <mark>."""
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate(marked.split(MATCH_OPEN)):
        if i == 0:
            if chunk:
                parts.append({"text": chunk, "match": False})
            continue
        hit, _, rest = chunk.partition(MATCH_CLOSE)
        if hit:
            parts.append({"text": hit, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


# entities ----------------------------------------------------------------------------------------------------------
def _entity_table(store: Store) -> list[dict[str, Any]]:
    """Every entity with its numbers of articles and mentions, most named first (the entity list's order)."""
    rows = _rows(store.conn.execute(
        """SELECT entity_id AS id, max(name) AS name, max(type) AS type, max(country) AS country, max(kb) AS kb,
                  count(*) AS n_articles, sum(n_mentions) AS n_mentions
           FROM entities GROUP BY entity_id ORDER BY n_articles DESC, n_mentions DESC, name"""))
    for row in rows:
        row["kb"] = bool(row["kb"])
        row["folded"] = (row["name"] + "\n" + row["id"]).casefold()
    return rows


def list_entities(store: Store, *, q: str | None = None, entity_type: str | None = None, limit: int | None = 50,
                  offset: int = 0) -> dict[str, Any]:
    """Entities by number of articles naming them; `q`: a part of the name or id (ignoring case), or any name the
    entity resolves by ("Jokowi" finds Joko Widodo). The whole table is computed once per database state."""
    rows = remembered(store, "entity_table", lambda: _entity_table(store))
    if entity_type:
        rows = [row for row in rows if row["type"] == entity_type]
    if q:
        needle = q.casefold()
        resolved = set(resolve_entity(store, q, surfaces=False))
        rows = [row for row in rows if needle in row["folded"] or row["id"] in resolved]
    shown = rows[offset:] if limit is None else rows[offset:offset + limit]
    return {"total": len(rows), "limit": limit, "offset": offset,
            "items": [{k: v for k, v in row.items() if k != "folded"} for row in shown]}


def get_entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    row = store.conn.execute(
        """SELECT entity_id AS id, max(name) AS name, max(type) AS type, max(country) AS country, max(kb) AS kb,
                  count(*) AS n_articles, sum(n_mentions) AS n_mentions
           FROM entities WHERE entity_id = ? GROUP BY entity_id""", (entity_id,)).fetchone()
    if row is None:
        return None
    entity = dict(row)
    entity["kb"] = bool(entity["kb"])
    entity["names"] = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT text FROM mentions WHERE entity_id = ? ORDER BY text LIMIT 20", (entity_id,))]
    return entity


def entity_mentions(store: Store, entity_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """Each mention with the article it is in and a little context around it."""
    rows = _rows(store.conn.execute(
        """SELECT m.article_id, a.title, a.outlet, a.published, m.start, m."end", m.text,
                  substr(a.body, max(m.start - 60, 0) + 1, min(m.start, 60)) AS before,
                  substr(a.body, m."end" + 1, 60) AS after
           FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?
           ORDER BY a.published_utc DESC, m.article_id, m.start LIMIT ?""", (entity_id, limit)))
    return rows


def entity_articles(store: Store, entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
    return _rows(store.conn.execute(
        """SELECT a.id, a.title, a.outlet, a.published, e.n_mentions FROM entities e JOIN articles a ON a.id = e.article_id
           WHERE e.entity_id = ? ORDER BY a.published_utc DESC, a.id LIMIT ?""", (entity_id, limit)))


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def articles_per_month(store: Store) -> dict[str, int]:
    """Stored articles per publication month (UTC)."""
    return {row[0]: row[1] for row in store.conn.execute(
        "SELECT substr(published_utc, 1, 7) AS month, count(*) FROM articles WHERE published_utc IS NOT NULL "
        "GROUP BY month")}


def entity_months(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """Articles naming the entity per publication month (UTC), every month from the first to the last present (0 for
    a month without any), with the month's number of stored articles and the entity's share of them."""
    counts = {row[0]: row[1] for row in store.conn.execute(
        """SELECT substr(a.published_utc, 1, 7) AS month, count(*) AS n_articles FROM entities e
           JOIN articles a ON a.id = e.article_id WHERE e.entity_id = ? AND a.published_utc IS NOT NULL
           GROUP BY month""", (entity_id,))}
    if not counts:
        return []
    totals = articles_per_month(store)
    return [{"month": month, "n_articles": counts.get(month, 0), "month_articles": totals.get(month, 0),
             "share": round(counts.get(month, 0) / totals[month], 4) if totals.get(month) else 0.0}
            for month in month_range(min(counts), max(counts))]


def cooccurring(store: Store, entity_id: str, limit: int = 15) -> list[dict[str, Any]]:
    """Entities named in the same articles, by the number of shared articles."""
    return _rows(store.conn.execute(
        """SELECT o.entity_id AS id, max(o.name) AS name, max(o.type) AS type, count(*) AS n_articles
           FROM entities e JOIN entities o ON o.article_id = e.article_id AND o.entity_id != e.entity_id
           WHERE e.entity_id = ? GROUP BY o.entity_id ORDER BY n_articles DESC, name LIMIT ?""", (entity_id, limit)))


# quotes ------------------------------------------------------------------------------------------------------------
def _quote_order(store: Store) -> list[tuple[int, str | None, str]]:
    """(rowid, speaker id, speaker folded) of every quote, newest article first: published_utc, not published (ISO
    strings with different offsets do not sort in time); DESC puts the undated last (SQLite sorts NULL lowest)."""
    return [(row[0], row[1], (row[2] or "").casefold()) for row in store.conn.execute(
        """SELECT q.rowid, q.speaker_id, q.speaker FROM quotes q JOIN articles a ON a.id = q.article_id
           ORDER BY a.published_utc DESC, q.article_id, q.idx""")]


def list_quotes(store: Store, *, speaker: str | None = None, limit: int | None = None,
                offset: int = 0) -> dict[str, Any]:
    """Quotes, newest article first (`limit` None: all of them); `speaker` matches a speaker entity id exactly or a
    part of the speaker's name, both without regard to case (Unicode case folding, so "ÖZIL" finds "Özil"), or any
    name the speaker's entity resolves by (`resolve_entity`: "Jokowi" finds Joko Widodo's quotes). The order of all
    quotes is computed once per database state; a page reads its own rows."""
    order = remembered(store, "quote_order", lambda: _quote_order(store))
    if speaker is not None and speaker.strip():
        needle = speaker.strip().casefold()
        ids = set(resolve_entity(store, speaker))
        order = [q for q in order if (q[1] or "").casefold() == needle or needle in q[2] or q[1] in ids]
    shown = [q[0] for q in (order[offset:] if limit is None else order[offset:offset + limit])]
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(shown), 500):
        for row in store.conn.execute(
                """SELECT q.rowid AS rowid_, q.article_id, a.title, a.outlet, a.published, q.text, q.speaker,
                           q.speaker_id, q.kind, q.start, q."end", q.cue, q.idx, q.cited_json
                    FROM quotes q JOIN articles a ON a.id = q.article_id
                    WHERE q.rowid IN (SELECT value FROM json_each(?))""", (json.dumps(shown[start:start + 500]),)):
            found[row["rowid_"]] = dict(row)
    items = []
    for rowid in shown:
        if (item := found.get(rowid)) is not None:  # None: deleted since the order was read
            del item["rowid_"]
            item["cited"] = json.loads(item.pop("cited_json") or "[]")
            items.append(item)
    return {"total": len(order), "limit": limit, "offset": offset, "items": items}


# stories and events ------------------------------------------------------------------------------------------------
def list_stories(store: Store) -> list[dict[str, Any]]:
    """All stories (made by `warta.stories.assign_stories`), earliest first."""
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


def _entity_ids(store: Store, entity: str) -> set[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT entity_id FROM entities WHERE entity_id = ? OR name = ? COLLATE NOCASE", (entity, entity)
    )
    return {r[0] for r in rows} | {entity}


def timeline(store: Store, dyad: tuple[str, str] | None = None, entity: str | None = None,
             min_sources: int = 1) -> list[dict[str, Any]]:
    """Dated event records (not articles) in date order: of the dyad (both directions) and/or with the entity as an
    actor (by id or name), reported by at least `min_sources` outlets; negated and intended events left out."""
    if not _has_table(store, "event_records"):
        return []
    where = ["date IS NOT NULL", "negated = 0", "intent = 0", "n_outlets >= ?"]
    args: list[Any] = [min_sources]
    if dyad:
        a, b = (code.upper() for code in dyad)
        where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
        args += [a, b, b, a]
    if entity:
        ids = sorted(_entity_ids(store, entity))
        marks = ",".join("?" * len(ids))
        where.append(f"(source_id IN ({marks}) OR target_id IN ({marks}) "
                     "OR source_name = ? COLLATE NOCASE OR target_name = ? COLLATE NOCASE)")
        args += [*ids, *ids, entity, entity]
    rows = store.conn.execute(
        f"SELECT * FROM event_records WHERE {' AND '.join(where)} ORDER BY date, first_published, id", args
    ).fetchall()
    out = []
    for r in rows:
        articles = [a[0] for a in store.conn.execute(
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


def story_row(store: Store, story_id: str) -> dict[str, Any] | None:
    row = store.conn.execute(
        "SELECT id, headline, first_date, last_date, n_articles, n_outlets, data_json FROM stories WHERE id = ?",
        (story_id,)).fetchone()
    if row is None:
        return None
    story = dict(row)
    try:
        story["data"] = json.loads(story.pop("data_json") or "{}")
    except json.JSONDecodeError:
        story["data"] = {}
    return story


def related_stories(store: Store, story_id: str, limit: int = 12) -> list[dict[str, Any]]:
    """The story's thread: other developments of the same affair (a reply, a follow-up, another party's reaction) that
    the stories step linked to it, in date order, with the link's score."""
    if not _has_table(store, "story_links"):
        return []
    closest = _rows(store.conn.execute(
        """SELECT s.id, s.headline, s.first_date, s.last_date, s.n_articles, s.n_outlets, l.score
           FROM story_links l JOIN stories s ON s.id = l.related_id WHERE l.story_id = ?
           ORDER BY l.score DESC, s.id LIMIT ?""", (story_id, limit)))
    return sorted(closest, key=lambda r: (r["first_date"] is None, r["first_date"] or "", r["id"]))


def story_articles(store: Store, story_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """The story's first `limit` articles by publication time (a page never lists thousands)."""
    return _rows(store.conn.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = ? ORDER BY a.published_utc, a.id LIMIT ?",
        (story_id, limit)))


def story_size(store: Store, story_id: str) -> int:
    return int(store.conn.execute("SELECT count(*) FROM articles WHERE story_id = ?", (story_id,)).fetchone()[0])


def story_events(store: Store, story_id: str, limit: int = 300) -> list[dict[str, Any]]:
    """Corpus-level event records of a story when the stories stage made them, else the raw event mentions."""
    rows = _rows(store.conn.execute(
        """SELECT date, type, quad, goldstein, source_name AS source, source_country, target_name AS target,
                  target_country, n_articles, n_outlets, text FROM event_records WHERE story_id = ?
           ORDER BY date IS NULL, date, type LIMIT ?""", (story_id, limit))) if _has_table(store, "event_records") else []
    if rows:
        return rows
    return _rows(store.conn.execute(
        """SELECT v.date, v.type, v.quad, v.goldstein, v.source_name AS source, v.source_country,
                  v.target_name AS target, v.target_country, 1 AS n_articles, 1 AS n_outlets, v.text
           FROM events v JOIN articles a ON a.id = v.article_id WHERE a.story_id = ? ORDER BY v.date IS NULL, v.date, v.type LIMIT ?""",
        (story_id, limit)))


def _has_table(store: Store, name: str) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def event_records_missing(store: Store) -> bool:
    """True when the database has event mentions but no corpus-level event records (e.g. `analyze --no-stories`):
    `timeline` would then report nothing, so the per-article mentions (`event_timeline`) are the better answer."""
    if _has_table(store, "event_records") and store.conn.execute("SELECT 1 FROM event_records LIMIT 1").fetchone():
        return False
    return store.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None


def event_timeline(store: Store, *, dyad: tuple[str, str] | None = None, entity: str | None = None,
                   min_sources: int = 1) -> list[dict[str, Any]]:
    """Dated events (not negated, not merely intended) from the per-article event mentions, one row per
    (date, type, source, target), with how many articles and outlets reported it: the timeline of a database without
    event records (see `event_records_missing`; `timeline` reads the records)."""
    where = ["v.date IS NOT NULL", "v.negated = 0", "v.intent = 0"]
    params: list[Any] = []
    if dyad:
        where.append("((v.source_country = ? AND v.target_country = ?) OR (v.source_country = ? AND v.target_country = ?))")
        params += [dyad[0], dyad[1], dyad[1], dyad[0]]
    if entity:
        where.append("(v.source_id = ? OR v.target_id = ? OR v.source_name = ? COLLATE NOCASE "
                     "OR v.target_name = ? COLLATE NOCASE)")
        params += [entity, entity, entity, entity]
    return _rows(store.conn.execute(
        f"""SELECT v.date, v.type, max(v.quad) AS quad, avg(v.goldstein) AS goldstein,
                   coalesce(v.source_name, v.source_country) AS source, v.source_country,
                   coalesce(v.target_name, v.target_country) AS target, v.target_country,
                   count(DISTINCT v.article_id) AS n_articles, count(DISTINCT a.outlet) AS n_outlets,
                   max(a.story_id) AS story_id, min(v.article_id) AS article_id, min(v.text) AS text
            FROM events v JOIN articles a ON a.id = v.article_id WHERE {' AND '.join(where)}
            GROUP BY v.date, v.type, source, target HAVING count(DISTINCT a.outlet) >= ? OR ? <= 1
            ORDER BY v.date, v.type""", [*params, min_sources, min_sources]))


def dyad_months(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Per month: event mentions between two countries (both directions), by quad class, and mean Goldstein score:
    the trend of a database without event records (`dyad_trend` reads the records)."""
    return _rows(store.conn.execute(
        """SELECT substr(date, 1, 7) AS month, count(*) AS n_events, avg(goldstein) AS goldstein,
                  sum(quad = 'verbal_coop') AS verbal_coop, sum(quad = 'material_coop') AS material_coop,
                  sum(quad = 'verbal_conflict') AS verbal_conflict, sum(quad = 'material_conflict') AS material_conflict
           FROM events WHERE length(date) >= 7 AND negated = 0 AND intent = 0
             AND ((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))
           GROUP BY month ORDER BY month""", (a, b, b, a)))


def top_dyads(store: Store, limit: int = 8) -> list[dict[str, Any]]:
    """The country pairs with the most event mentions (unordered pairs)."""
    return _rows(store.conn.execute(
        """SELECT min(source_country, target_country) AS a, max(source_country, target_country) AS b, count(*) AS n
           FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
             AND source_country != target_country
           GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?""", (limit,)))


def removed_segments(store: Store, article_id: str) -> list[dict[str, Any]]:
    return _rows(store.conn.execute(
        "SELECT idx, text, kind FROM removed WHERE article_id = ? ORDER BY idx", (article_id,)))


# tone and themes ---------------------------------------------------------------------------------------------------
# Tone and themes aggregated over the store, for `warta tone --entity NAME --by outlet|month`, the API and the pages.
# Each article counts once per group (a plain mean over articles, so that one long article does not outweigh the
# rest); `words` is the total number of words the tone was measured over. Theme counts are numbers of articles
# carrying the theme (an article's themes come from its whole text, see warta.tone.themes).
# SQL expression for the grouping key of each `by`; the month is the article's local calendar month.
_GROUP_KEYS = {
    "outlet": "coalesce(a.outlet, '(unknown)')",
    "month": "coalesce(substr(coalesce(a.published, a.published_utc), 1, 7), '(undated)')",
}

# The entity is matched by id, canonical name or any surface form it was mentioned by ("Cina" finds China).
_ENTITY_IDS = """
    SELECT entity_id FROM entities WHERE entity_id = :entity OR name = :entity COLLATE NOCASE
    UNION
    SELECT entity_id FROM mentions WHERE text = :entity COLLATE NOCASE
"""

# Resolved once per report (the surface-form lookup scans `mentions`), then passed to the queries as a JSON list.
_IDS = "SELECT value FROM json_each(:ids)"

_ENTITY_SQL = f"""
SELECT {{key}} AS grp, count(*) AS articles, avg(t.positive) AS positive, avg(t.negative) AS negative,
       avg(t.polarity) AS polarity, sum(t.words) AS words, avg(t.polarity * t.polarity) AS polarity_sq
FROM entity_tone AS t
JOIN articles AS a ON a.id = t.article_id
WHERE t.entity_id IN ({_IDS})
GROUP BY grp
ORDER BY grp
"""

_ARTICLE_SQL = """
SELECT {key} AS grp, count(*) AS articles,
       avg(json_extract(a.tone_json, '$.positive')) AS positive,
       avg(json_extract(a.tone_json, '$.negative')) AS negative,
       avg(json_extract(a.tone_json, '$.polarity')) AS polarity,
       sum(json_extract(a.tone_json, '$.words')) AS words,
       avg(json_extract(a.tone_json, '$.polarity') * json_extract(a.tone_json, '$.polarity')) AS polarity_sq
FROM articles AS a
WHERE a.tone_json IS NOT NULL AND a.tone_json != 'null'
GROUP BY grp
ORDER BY grp
"""

# Which articles a report covers: for tone, those with a tone score (of the entity, or of the article); for themes,
# every article (naming the entity).
_TONE_ARTICLES = {
    True: f"SELECT DISTINCT article_id FROM entity_tone WHERE entity_id IN ({_IDS})",
    False: "SELECT id FROM articles WHERE tone_json IS NOT NULL AND tone_json != 'null'",
}
_THEME_ARTICLES = {
    True: f"SELECT DISTINCT article_id FROM entities WHERE entity_id IN ({_IDS})",
    False: "SELECT id FROM articles",
}

# Article counts per (group, theme) over a set of articles. json_valid keeps one damaged row from failing the report.
_THEME_COUNTS_SQL = """
SELECT {key} AS grp, json_extract(j.value, '$.theme') AS theme, count(DISTINCT a.id) AS n
FROM articles AS a, json_each(CASE WHEN json_valid(a.themes_json) THEN a.themes_json ELSE '[]' END) AS j
WHERE a.id IN ({articles}) AND json_type(j.value) = 'object' AND json_extract(j.value, '$.theme') IS NOT NULL
GROUP BY grp, theme
"""

_GROUP_SIZES_SQL = "SELECT {key} AS grp, count(*) FROM articles AS a WHERE a.id IN ({articles}) GROUP BY grp ORDER BY grp"


class ThemeCounts(dict[str, int]):
    """{theme id: articles}, most frequent first. Prints as "energy 2, trade 1" so that text tables (`warta tone`)
    show it readably; as JSON it is a plain object."""

    def __str__(self) -> str:
        return ", ".join(f"{theme} {n}" for theme, n in self.items())


def _check_by(by: str) -> None:
    if by not in _GROUP_KEYS:
        raise ValueError(f"by must be one of {sorted(_GROUP_KEYS)}, not {by!r}")


def _tone_entity_params(store: Store, entity: str | None) -> dict[str, Any]:
    """Query parameters: the ids the entity name resolves to (a JSON list; empty when None or unknown)."""
    ids = [] if entity is None else [row[0] for row in store.conn.execute(_ENTITY_IDS, {"entity": entity})]
    return {"ids": json.dumps(ids)}


def _theme_counts(store: Store, articles_sql: str, key: str,
                  params: dict[str, Any]) -> dict[str, ThemeCounts]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for group, theme, n in store.conn.execute(_THEME_COUNTS_SQL.format(key=key, articles=articles_sql), params):
        counts[group][str(theme)] = int(n)
    return {group: ThemeCounts(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])))
            for group, themes in counts.items()}


def tone_report(store: Store, entity: str | None, by: str) -> list[dict[str, Any]]:
    """Mean tone per outlet or month: of the entity's portrayal (`entity_tone`), or of whole articles when None.

    Returns [{by: value, "articles": n, "positive": mean, "negative": mean, "polarity": mean, "polarity_ci": [low,
    high], "words": total, "themes": {theme id: articles}}]; `themes` counts the themes of the same articles the tone
    is averaged over. `articles` is the number of articles averaged (each counts once) and `polarity_ci` the 95%
    Student-t interval of their mean polarity, clipped to the polarity scale [-1, 1] (None under 2 articles), so that a
    difference between outlets is not read off three articles.
    """
    _check_by(by)
    key = _GROUP_KEYS[by]
    params = _tone_entity_params(store, entity)
    if entity is None:
        rows = store.conn.execute(_ARTICLE_SQL.format(key=key)).fetchall()
    else:
        rows = store.conn.execute(_ENTITY_SQL.format(key=key), params).fetchall()
    themes = _theme_counts(store, _TONE_ARTICLES[entity is not None], key, params)
    report = []
    for group, articles, positive, negative, polarity, words, polarity_sq in rows:
        report.append(
            {
                by: group,
                "articles": articles,
                "positive": round(positive or 0.0, 3),
                "negative": round(negative or 0.0, 3),
                "polarity": round(polarity or 0.0, 4),
                "polarity_ci": _mean_interval(articles, polarity or 0.0, polarity_sq or 0.0),
                "words": int(words or 0),
                "themes": themes.get(group, ThemeCounts()),
            }
        )
    return report


def _mean_interval(n: int, mean: float, mean_square: float) -> list[float] | None:
    """95% Student-t confidence interval of a mean from n, the mean and the mean of squares; None for n < 2.

    The sample standard deviation uses n - 1; the interval is clipped to [-1, 1], the range of any polarity (so the
    mean of a bounded score is never shown outside its scale, which a t interval over 2-3 articles otherwise does).
    """
    if n < 2:
        return None
    from scipy.stats import t  # scipy comes with scikit-learn; imported only when a report is asked for

    spread = math.sqrt(max(0.0, (mean_square - mean * mean) * n / (n - 1)) / n)
    half = float(t.ppf(0.975, n - 1)) * spread
    return [round(max(-1.0, mean - half), 4), round(min(1.0, mean + half), 4)]


def theme_report(store: Store, entity: str | None, by: str) -> list[dict[str, Any]]:
    """Theme counts per outlet or month: of the articles naming `entity`, or of all articles when None.

    Returns [{by: value, "articles": articles in the group, "themes": {theme id: articles with it}}], groups sorted;
    groups whose articles have no theme are listed with empty `themes`, so the counts can be read as shares.
    """
    _check_by(by)
    key = _GROUP_KEYS[by]
    params = _tone_entity_params(store, entity)
    articles_sql = _THEME_ARTICLES[entity is not None]
    themes = _theme_counts(store, articles_sql, key, params)
    sizes = store.conn.execute(_GROUP_SIZES_SQL.format(key=key, articles=articles_sql), params).fetchall()
    return [{by: group, "articles": int(n), "themes": themes.get(group, ThemeCounts())} for group, n in sizes]


def theme_labels() -> dict[str, str]:
    """{theme id: human label} from the tone stage's taxonomy (warta/tone/data/themes.json)."""
    from warta.tone.themes import load_taxonomy  # the tone stage loads its lexicons on import: only when asked

    return {theme_id: theme.label for theme_id, theme in load_taxonomy().themes.items()}


# entity resolution -------------------------------------------------------------------------------------------------
# A name typed by a user (a filter, a CLI option, a search word) resolves through the knowledge base (any name or
# alias, ignoring case and diacritics: "Tiongkok", "china", "Cina" -> country:CHN; "Jokowi" -> person:joko-widodo)
# and through the store itself (an entity id, a stored name, or with `surfaces` any form it was mentioned by).
def resolve_entity(store: Store, name: str, *, surfaces: bool = True) -> list[str]:
    """Entity ids `name` denotes, sorted; empty when nothing resolves."""
    from warta.nlp.kb import load_kb  # the knowledge base loads on first use only

    name = name.strip()
    if not name:
        return []
    kb = load_kb()
    ids = {entry.id for entry in kb.lookup(name)}
    if name in kb:
        ids.add(name)
    ids |= {row[0] for row in store.conn.execute(
        "SELECT entity_id FROM entities WHERE entity_id = :entity OR name = :entity COLLATE NOCASE", {"entity": name})}
    if surfaces:  # a form some mention was written in (SQLite's NOCASE: ASCII letters only ignore case)
        forms = remembered(store, "mention_forms", lambda: _mention_forms(store))
        ids |= forms.get(name.translate(_ASCII_LOWER), set())
    return sorted(ids)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _mention_forms(store: Store) -> dict[str, set[str]]:
    """{a written form, ASCII letters in lower case: the entity ids mentioned by it}, for `resolve_entity` (asking
    the mentions table itself scans it: ~60 ms on 90,000 mentions)."""
    forms: dict[str, set[str]] = {}
    for text, entity_id in store.conn.execute("SELECT DISTINCT text, entity_id FROM mentions"):
        forms.setdefault(text.translate(_ASCII_LOWER), set()).add(entity_id)
    return forms


def resolve_country(name: str) -> str | None:
    """The ISO 3166 alpha-3 code a country name or code denotes ("Rusia", "russia", "RUS" -> "RUS"), else None."""
    from warta.nlp.kb import load_kb

    for entry in load_kb().lookup(name):
        if entry.id.startswith("country:") and entry.country:
            return entry.country
    code = name.strip()
    if re.fullmatch(r"[A-Za-z]{3}", code) and load_kb().get(f"country:{code.upper()}") is not None:
        return code.upper()
    return None


DYAD_NOTATION = "two countries separated by a comma, as ISO 3166 alpha-3 codes or names (RUS,CHN or Rusia,China)"


def parse_dyad(value: str | list[str] | tuple[str, ...]) -> tuple[str, str]:
    """The country pair written as one notation everywhere (API `dyad=RUS,CHN`, CLI `--dyad RUS,CHN`; the CLI's
    two words `--dyad RUS CHN` are the same pair): two alpha-3 codes, from codes or names. Raises ValueError with
    a message saying the notation."""
    text = value if isinstance(value, str) else ",".join(value)
    names = [part.strip() for part in text.split(",")]
    if len(names) != 2 or not all(names):
        raise ValueError(f"a dyad is {DYAD_NOTATION}, not {text!r}")
    codes = []
    for name in names:
        code = resolve_country(name) or (name.upper() if re.fullmatch(r"[A-Za-z]{3}", name) else None)
        if code is None:
            raise ValueError(f"no country named {name!r}: a dyad is {DYAD_NOTATION}")
        codes.append(code)
    return codes[0], codes[1]


def entity_labels(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """[{id, name}] of entity ids, named as the knowledge base or the store names them (for "did you mean" chips)."""
    from warta.nlp.kb import load_kb

    kb = load_kb()
    out = []
    for entity_id in ids:
        entry = kb.get(entity_id)
        row = None if entry else store.conn.execute(
            "SELECT max(name) FROM entities WHERE entity_id = ?", (entity_id,)).fetchone()
        out.append({"id": entity_id, "name": entry.name if entry else (row[0] if row and row[0] else entity_id)})
    return out


def _entity_surfaces(store: Store, ids: list[str], limit: int = 25) -> list[str]:
    """The forms the entities were linked by in the store (most frequent first), then their KB names and aliases."""
    from warta.nlp.kb import load_kb

    rows = store.conn.execute(
        "SELECT text, count(*) AS n FROM mentions WHERE entity_id IN (SELECT value FROM json_each(?)) "
        "GROUP BY text ORDER BY n DESC, text LIMIT ?", (json.dumps(ids), limit)).fetchall()
    forms = [row[0] for row in rows]
    for entity_id in ids:
        entry = load_kb().get(entity_id)
        if entry is not None:
            forms += list(entry.surfaces)
    seen: dict[str, str] = {}
    for form in forms:
        if _WORD.search(form):  # a form without a word cannot be an FTS5 phrase
            seen.setdefault(form.casefold(), form)
    return list(seen.values())[:limit]


# query syntax ------------------------------------------------------------------------------------------------------
# The dashboard's search language: words (all must match), "exact phrases", prefix*, OR, AND, NOT or a leading minus,
# and parentheses; operators count only in capitals ("or" is a word). It is parsed here into a tree and written back
# as FTS5 with every word and phrase quoted, so no user text is ever read as FTS5 syntax. A word or phrase that names
# an entity also matches the forms the entity was linked by ("Tiongkok" finds the articles saying "China").
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<star>\*)?|"(?P<open_phrase>[^"]*)$|(?P<near>\bNEAR\s*\()|(?P<open>\()|'
                    r'(?P<close>\))|(?P<comma>,)|(?P<neg>-)?(?P<word>[\w\u00C0-\uFFFF]+\*?)', re.UNICODE)
NEAR_DISTANCE = 10  # FTS5's default: at most this many words between the first and the last
_OPERATORS = {"AND", "OR", "NOT"}


class _Parser:
    """Recursive descent over the tokens; forgiving: stray operators and unbalanced parentheses are dropped."""

    def __init__(self, text: str, expand: Any) -> None:
        self.tokens: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(text):
            if m.group("phrase") is not None or m.group("open_phrase") is not None:
                phrase = m.group("phrase") if m.group("phrase") is not None else m.group("open_phrase")
                self.tokens.append(("phrase", phrase + ("*" if m.group("star") else "")))
            elif m.group("near"):
                self.tokens.append(("near", "NEAR("))
            elif m.group("comma"):
                self.tokens.append(("comma", ","))
            elif m.group("open"):
                self.tokens.append(("open", "("))
            elif m.group("close"):
                self.tokens.append(("close", ")"))
            elif m.group("word") in _OPERATORS and not m.group("neg"):
                self.tokens.append(("op", m.group("word")))
            else:
                if m.group("neg"):
                    self.tokens.append(("op", "NOT"))
                self.tokens.append(("word", m.group("word")))
        self.pos = 0
        self.expand = expand

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse_or(self) -> str | None:
        parts = [self.parse_and()]
        while self.peek() == ("op", "OR"):
            self.pos += 1
            parts.append(self.parse_and())
        kept = [p for p in parts if p]
        return None if not kept else kept[0] if len(kept) == 1 else "(" + " OR ".join(kept) + ")"

    def parse_and(self) -> str | None:
        positive: list[str] = []
        negative: list[str] = []
        while (token := self.peek()) is not None and token != ("op", "OR") and token[0] != "close":
            negate = False
            while self.peek() in (("op", "AND"), ("op", "NOT")):
                negate = negate or self.tokens[self.pos][1] == "NOT"
                self.pos += 1
            term = self.parse_term()
            if term:
                (negative if negate else positive).append(term)
        if not positive:
            return None  # FTS5 can only exclude from something found: a group of exclusions alone is dropped
        expr = positive[0] if len(positive) == 1 else "(" + " AND ".join(positive) + ")"
        for term in negative:
            expr = f"({expr} NOT {term})"
        return expr

    def parse_term(self) -> str | None:
        token = self.peek()
        if token is None or token[0] == "close" or token == ("op", "OR"):
            return None
        self.pos += 1
        if token[0] == "open":
            inner = self.parse_or()
            if self.peek() == ("close", ")"):
                self.pos += 1
            return inner
        if token[0] == "near":
            return self.parse_near()
        if token[0] in ("phrase", "word"):
            return self.expand(token[1])
        return None

    def parse_near(self) -> str | None:
        """NEAR(a b "c d", N): the words and phrases within N words of each other (FTS5's NEAR group; entity names
        are not widened here, a NEAR group holds phrases only)."""
        phrases: list[str] = []
        distance = NEAR_DISTANCE
        after_comma = False
        while (token := self.peek()) is not None and token[0] != "close":
            self.pos += 1
            if token[0] == "comma":
                after_comma = True
            elif after_comma and token[0] == "word" and token[1].isdigit():
                distance = min(int(token[1]), 1000)
            elif token[0] in ("phrase", "word") and (quoted := _quoted(token[1])):
                phrases.append(quoted)
        if self.peek() == ("close", ")"):
            self.pos += 1
        if len(phrases) < 2:
            return phrases[0] if phrases else None
        return f"NEAR({' '.join(phrases)}, {distance})"


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _quoted(term: str) -> str | None:
    """A word or phrase as one quoted FTS5 phrase (a trailing * kept as its prefix mark); None without words."""
    words = " ".join(_WORD.findall(term.rstrip("*"))).replace("*", "")
    return (_fts_string(words) + ("*" if term.endswith("*") else "")) if words else None


def parse_query(store: Store | None, text: str) -> tuple[str, list[dict[str, Any]]]:
    """(FTS5 query, [{term, id, name}] entities the terms named) of a query in the dashboard's search language.

    Without a store, no entity expansion (plain words, phrases and operators). Raises BadQuery when nothing is left
    to search for (no words, or only excluded ones).
    """
    named: list[dict[str, Any]] = []

    def expand(term: str) -> str | None:
        prefix = term.endswith("*")
        quoted = _quoted(term)
        if quoted is None:
            return None
        # resolved as typed: the knowledge base's own normalisation reads "People's" as "Peoples", the FTS5 words not
        ids = [] if prefix or store is None else resolve_entity(store, term, surfaces=False)
        if not ids or store is None:
            return quoted
        named.extend({"term": term, **label} for label in entity_labels(store, ids))
        forms = [quoted] + [_fts_string(" ".join(_WORD.findall(f))) for f in _entity_surfaces(store, ids)]
        return "(" + " OR ".join(dict.fromkeys(forms)) + ")"

    parser = _Parser(text, expand)
    parts = []
    while parser.pos < len(parser.tokens):
        part = parser.parse_or()
        if part:
            parts.append(part)
        if parser.pos < len(parser.tokens):  # a stray ")" or "OR" where a term should start: skip it
            parser.pos += 1
    if not parts:
        raise BadQuery("the search query has no words to search for (a query cannot only exclude words)")
    return " AND ".join(parts), named


# events explorer ---------------------------------------------------------------------------------------------------
def _actor_clause(side: str, name: str, store: Store) -> tuple[str, list[Any]]:
    """An actor filter on one side of the event: a country (name or code), an entity (any name it resolves by) or
    the actor's name as written."""
    code = resolve_country(name)
    ids = resolve_entity(store, name, surfaces=False)
    return (f"(v.{side}_country = ? OR v.{side}_id IN (SELECT value FROM json_each(?)) OR v.{side}_name = ? COLLATE NOCASE)",
            [code or "", json.dumps(ids), name.strip()])


def list_events(store: Store, *, type: str | None = None, quad: str | None = None,  # noqa: A002 - PLOVER's word
                actor: str | None = None, target: str | None = None, place: str | None = None,
                date_from: str | None = None, date_to: str | None = None, min_outlets: int = 1,
                both: bool = False, story: str | None = None, limit: int | None = 50,
                offset: int = 0) -> dict[str, Any]:
    """Event mentions (one per article sentence), newest event date first, filtered. `actor` and `target` are the
    event's source and target; `min_outlets` counts the outlets that reported the corpus-level event record the
    mention belongs to (1 when the stories stage made no records); `both`: actor and target in either direction.
    `limit` None: all (exports)."""
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append("v.type = ? COLLATE NOCASE")
        params.append(type)
    if quad:
        where.append("coalesce(v.quad, '') = ?")
        params.append(quad)
    sides: list[tuple[str, str]] = [(side, name) for side, name in (("source", actor), ("target", target))
                                    if name and name.strip()]
    if both and len(sides) == 2:
        (_, first), (_, second) = sides
        source, target_clause = _actor_clause("source", first, store), _actor_clause("target", second, store)
        source_back, target_back = _actor_clause("target", first, store), _actor_clause("source", second, store)
        where.append(f"(({source[0]} AND {target_clause[0]}) OR ({source_back[0]} AND {target_back[0]}))")
        params += [*source[1], *target_clause[1], *source_back[1], *target_back[1]]
    else:
        for side, name in sides:
            clause, args = _actor_clause(side, name, store)
            where.append(clause)
            params += args
    if place:
        where.append("v.place = ? COLLATE NOCASE")
        params.append(place)
    if story:
        where.append("v.article_id IN (SELECT id FROM articles WHERE story_id = ?)")
        params.append(story)
    if date_from:
        where.append("v.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("v.date <= ?")
        params.append(date_to + "\uffff")
    outlets = ("coalesce((SELECT r.n_outlets FROM event_records r WHERE r.id = v.event_id), 1)"
               if _has_table(store, "event_records") else "1")
    if min_outlets > 1:
        where.append(f"{outlets} >= ?")
        params.append(min_outlets)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    found = [row[0] for row in store.conn.execute(f"SELECT v.rowid FROM events v {clause}", params)]
    return {"total": len(found), "limit": limit, "offset": offset,
            "items": _event_page(store, found, outlets, limit, offset)}


def _event_order(store: Store) -> dict[int, int]:
    """Each event mention's place in the explorer's order (rowid -> place): newest event date first, undated last,
    then newest article, then article and sentence order."""
    return {row[0]: place for place, row in enumerate(store.conn.execute(
        """SELECT v.rowid FROM events v JOIN articles a ON a.id = v.article_id
           ORDER BY v.date IS NULL, v.date DESC, a.published_utc DESC, v.article_id, v.idx"""))}


def _event_page(store: Store, found: list[int], outlets: str, limit: int | None, offset: int) -> list[dict[str, Any]]:
    """The rows of one page of these event mentions (rowids), in the explorer's order (computed once per database
    state), read from the table for that page only."""
    order = remembered(store, "event_order", lambda: _event_order(store))
    found = sorted(found, key=lambda rowid: (order.get(rowid, len(order)), rowid))
    shown = found[offset:] if limit is None else found[offset:offset + limit]
    rows: dict[int, dict[str, Any]] = {}
    for start in range(0, len(shown), 500):
        for row in store.conn.execute(
                f"""SELECT v.rowid AS rowid_, v.article_id, v.idx, a.title, a.outlet, a.published, v.date,
                           v.date_precision, v.type, v.cameo, v.quad, v.goldstein, v.source_id, v.source_name,
                           v.source_country, v.target_id, v.target_name, v.target_country, v.place, v.negated,
                           v.intent, v.cue, v.start, v."end", v.text, v.event_id, {outlets} AS n_outlets
                    FROM events v JOIN articles a ON a.id = v.article_id
                    WHERE v.rowid IN (SELECT value FROM json_each(?))""", (json.dumps(shown[start:start + 500]),)):
            rows[row["rowid_"]] = dict(row)
    items = []
    for rowid in shown:
        if (item := rows.get(rowid)) is not None:  # None: deleted since
            del item["rowid_"]
            item["negated"], item["intent"] = bool(item["negated"]), bool(item["intent"])
            items.append(item)
    return items


def event_types(store: Store) -> list[dict[str, Any]]:
    """PLOVER event types in the store with their numbers of mentions (for the explorer's filter)."""
    return _rows(store.conn.execute(
        "SELECT type AS value, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"))


def dyad_index(store: Store, *, limit: int | None = 50, offset: int = 0) -> dict[str, Any]:
    """Every country pair (unordered) with event mentions between two different countries, most mentions first,
    with the number of articles; the same counting as the home page's `top_dyads`."""
    base = """FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
              AND source_country != target_country"""
    total = int(store.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 {base} GROUP BY min(source_country, target_country), "
        "max(source_country, target_country))").fetchone()[0])
    items = _rows(store.conn.execute(
        f"""SELECT min(source_country, target_country) AS a, max(source_country, target_country) AS b,
                   count(*) AS n_events, count(DISTINCT article_id) AS n_articles {base}
            GROUP BY a, b ORDER BY n_events DESC, a, b LIMIT ? OFFSET ?""", (-1 if limit is None else limit, offset)))
    for item in items:
        item["dyad"] = f"{item['a']},{item['b']}"  # the notation `dyad=` takes everywhere
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# exports -----------------------------------------------------------------------------------------------------------
# The columns of each list as a flat table (CSV), in order; lists inside a row are joined with "; ".
EXPORT_COLUMNS: dict[str, list[str]] = {
    "articles": ["id", "title", "outlet", "published", "published_utc", "dateline", "story_id", "duplicate_of",
                 "n_entities", "n_quotes", "n_events"],
    "search": ["id", "title", "outlet", "published", "story_id", "snippet"],
    "events": ["article_id", "idx", "date", "date_precision", "type", "cameo", "quad", "goldstein", "source_id",
               "source_name", "source_country", "target_id", "target_name", "target_country", "place", "negated",
               "intent", "cue", "n_outlets", "event_id", "outlet", "published", "start", "end", "text"],
    "quotes": ["article_id", "idx", "published", "outlet", "speaker", "speaker_id", "kind", "cue", "cited", "start",
               "end", "text"],
    "entities": ["id", "name", "type", "country", "kb", "n_articles", "n_mentions"],
    "stories": ["id", "headline", "first_date", "last_date", "n_articles", "n_outlets", "outlets", "articles",
                "summary"],
    "dyads": ["a", "b", "n_events", "n_articles"],
}


def flat_row(row: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    """The row's `columns`, lists joined with "; " and other nested values as JSON, for a CSV cell each."""
    out = {}
    for column in columns:
        value = row.get(column)
        if isinstance(value, list):
            value = "; ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        out[column] = value
    return out


def export_rows(store: Store, table: str, **filters: Any) -> list[dict[str, Any]]:
    """Every row of a list (no paging), with the same filters as the list itself: `table` is a key of
    EXPORT_COLUMNS except "search" (whose rows need a query: `search(..., limit=None)`)."""
    if table == "articles":
        return list_articles(store, limit=None, **filters)["items"]
    if table == "events":
        return list_events(store, limit=None, **filters)["items"]
    if table == "quotes":
        return list_quotes(store, limit=None, **filters)["items"]
    if table == "entities":
        return list_entities(store, limit=None, **filters)["items"]
    if table == "stories":
        return list_stories(store)
    if table == "dyads":
        return dyad_index(store, limit=None)["items"]
    raise ValueError(f"no list named {table!r} (one of {', '.join(t for t in EXPORT_COLUMNS if t != 'search')})")


def local_mentions_with_context(store: Store, entity_type: str = "PER", width: int = 90) -> Iterator[dict[str, Any]]:
    """Every mention of an entity the knowledge base does not know (`kb` = 0) of one type, with the `width`
    characters of the body before it (`warta kb discover` reads the role written before a name)."""
    cursor = store.conn.execute(
        """SELECT m.article_id, e.entity_id, e.name, m.start, m."end", m.text,
                  substr(a.body, max(m.start - ?, 0) + 1, min(m.start, ?)) AS before
           FROM mentions m
           JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id
           JOIN articles a ON a.id = m.article_id
           WHERE e.kb = 0 AND e.type = ?
           ORDER BY m.article_id, m.start""", (width, width, entity_type))
    cursor.row_factory = sqlite3.Row
    for row in cursor:
        yield dict(row)


def article_bodies(store: Store) -> Iterator[tuple[str, str]]:
    """(article id, body) of every stored article, in id order."""
    for row in store.conn.execute("SELECT id, body FROM articles WHERE body IS NOT NULL ORDER BY id"):
        yield str(row[0]), str(row[1])


# places ------------------------------------------------------------------------------------------------------------
# What warta.places needs to put event mentions on a map: the articles' datelines and the LOC mentions of the events'
# sentences (by article, with offsets; the caller matches them to an event's [start, end)).


def article_datelines(store: Store, article_ids: list[str]) -> dict[str, str | None]:
    return {row[0]: row[1] for row in store.conn.execute(
        "SELECT id, dateline FROM articles WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(article_ids),))}


def loc_mentions(store: Store, article_ids: list[str]) -> dict[str, list[tuple[int, int, str, str]]]:
    """{article id: [(start, end, entity id, text)]} of the LOC entities' mentions, in text order."""
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in store.conn.execute(
            """SELECT m.article_id, m.start, m."end", m.entity_id, m.text FROM mentions m
               JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id AND e.type = 'LOC'
               WHERE m.article_id IN (SELECT value FROM json_each(?)) ORDER BY m.article_id, m.start""",
            (json.dumps(article_ids),)):
        out.setdefault(row[0], []).append((int(row[1]), int(row[2]), str(row[3]), str(row[4])))
    return out


def event_place_texts(store: Store) -> list[dict[str, Any]]:
    """Every event place as written, with its number of event mentions (for `warta places`)."""
    return _rows(store.conn.execute(
        "SELECT place, count(*) AS n FROM events WHERE place IS NOT NULL GROUP BY place ORDER BY n DESC, place"))


def loc_entities(store: Store) -> list[dict[str, Any]]:
    """Every LOC entity in the store with its name and number of articles (for `warta places`)."""
    return _rows(store.conn.execute(
        """SELECT entity_id, max(name) AS name, count(*) AS n FROM entities WHERE type = 'LOC'
           GROUP BY entity_id ORDER BY n DESC, entity_id"""))


def record_mentions(store: Store, record_ids: list[str]) -> list[dict[str, Any]]:
    """The event mentions (rows as `list_events` gives them) merged into the given event records."""
    return _rows(store.conn.execute(
        """SELECT v.article_id, v.idx, a.title, a.outlet, a.published, v.date, v.date_precision, v.type, v.cameo,
                  v.quad, v.goldstein, v.source_id, v.source_name, v.source_country, v.target_id, v.target_name,
                  v.target_country, v.place, v.negated, v.intent, v.cue, v.start, v."end", v.text, v.event_id
           FROM events v JOIN articles a ON a.id = v.article_id
           WHERE v.event_id IN (SELECT value FROM json_each(?))
           ORDER BY v.date IS NULL, v.date DESC, a.published_utc DESC, v.article_id, v.idx""",
        (json.dumps(record_ids),)))
