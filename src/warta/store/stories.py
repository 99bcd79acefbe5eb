"""The store's side of the corpus-level stories stage (`warta.stories`): what clustering, story summaries and event
records read from the store and write back, as methods of `StoryTables(store)`.

The stage keeps its logic (features, scores, matching rules); every SQL statement it runs is here. Writes are not
committed here: `warta.stories.assign_stories` groups the whole step in one `Store.transaction()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from warta.store import Store

# Ids per `IN (...)` list: SQLite allows 999 bound parameters in older builds.
_CHUNK = 500


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


class StoryTables:
    """The tables of the stories stage (story_members, story_clusters, story_keys, story_terms, story_state, stories,
    event_records) and the article rows it reads, over one store."""

    def __init__(self, store: Store) -> None:
        self._conn = store.conn

    def _all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self._conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
        return row

    # articles to cluster ------------------------------------------------------------------------------------------
    def entity_rows(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """(article_id, entity_id, n_mentions, type, name) of the articles' entities."""
        return [row for chunk in _chunks(article_ids) for row in self._all(
            f"SELECT article_id, entity_id, n_mentions, type, name FROM entities WHERE article_id IN ({_marks(chunk)})", chunk)]

    def quote_speakers(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """(article_id, speaker_id, start) of the articles' quotes whose speaker is a linked entity."""
        return [row for chunk in _chunks(article_ids) for row in self._all(
            f"""SELECT article_id, speaker_id, start FROM quotes
                WHERE article_id IN ({_marks(chunk)}) AND speaker_id IS NOT NULL""", chunk)]

    def done_event_rows(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """The articles' event mentions reported as done (not negated, not merely intended), every column."""
        return [row for chunk in _chunks(article_ids) for row in self._all(
            f"SELECT * FROM events WHERE article_id IN ({_marks(chunk)}) AND negated = 0 AND intent = 0", chunk)]

    def header_dates(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """(article_id, text) of the date lines the cleaner took off the articles' pages, in page order."""
        return [row for chunk in _chunks(article_ids) for row in self._all(
            f"""SELECT article_id, text FROM removed WHERE article_id IN ({_marks(chunk)}) AND kind = 'date'
                ORDER BY article_id, idx""", chunk)]

    def article_texts(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """(id, source_sha256, title, body, published, published_utc, outlet) of the articles."""
        return [row for chunk in _chunks(article_ids) for row in self._all(
            f"""SELECT id, source_sha256, title, body, published, published_utc, outlet FROM articles
                WHERE id IN ({_marks(chunk)})""",
            chunk)]

    def articles_removed_from_members(self) -> list[str]:
        """Clustered articles no longer in the store."""
        return [r[0] for r in self._all(
            "SELECT article_id FROM story_members WHERE article_id NOT IN (SELECT id FROM articles)")]

    def restore_unchanged_assignments(self) -> None:
        """An article re-saved with the same content had its story_id reset by the store: restore it from the state."""
        self._conn.execute(
            """UPDATE articles SET story_id = m.story_id, duplicate_of = m.duplicate_of
               FROM story_members AS m
               WHERE m.article_id = articles.id AND m.sha256 = articles.source_sha256
                 AND (articles.story_id IS NULL OR articles.story_id != m.story_id)"""
        )

    def changed_members(self) -> list[str]:
        """Clustered articles whose content changed since."""
        return [r[0] for r in self._all(
            """SELECT a.id FROM articles a JOIN story_members m ON m.article_id = a.id
               WHERE m.sha256 != a.source_sha256""")]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._all("SELECT id FROM articles ORDER BY id")]

    def unclustered_articles(self) -> list[str]:
        return [r[0] for r in self._all(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_members) ORDER BY id")]

    # members ------------------------------------------------------------------------------------------------------
    def forget_members(self, article_ids: Sequence[str]) -> set[str]:
        """Drop the clustering state of these articles; returns the stories they were in."""
        stories: set[str] = set()
        for chunk in _chunks(article_ids):
            stories.update(r[0] for r in self._all(
                f"SELECT DISTINCT story_id FROM story_members WHERE article_id IN ({_marks(chunk)})", chunk))
            self._conn.execute(f"DELETE FROM story_members WHERE article_id IN ({_marks(chunk)})", chunk)
        return stories

    def save_members(self, rows: Iterable[tuple[str, str, str, str | None, str | None, bytes]]) -> None:
        """(article_id, sha256, story_id, anchor_date, duplicate_of, minhash) rows; the articles get story and copy."""
        rows = list(rows)
        self._conn.executemany(
            """INSERT OR REPLACE INTO story_members (article_id, sha256, story_id, anchor_date, duplicate_of, minhash)
               VALUES (?,?,?,?,?,?)""", rows)
        self._conn.executemany("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE id = ?",
                               ((story, dup, article) for article, _, story, _, dup, _ in rows))

    def member_signatures(self, first_day: str, last_day: str,
                          ) -> Iterator[tuple[str, str, str, str | None, bytes, str | None]]:
        """(anchor_date, article_id, story_id, duplicate_of, minhash, title) of the members anchored in the days, in
        order."""
        yield from self._conn.execute(
            """SELECT m.anchor_date, m.article_id, m.story_id, m.duplicate_of, m.minhash, a.title
               FROM story_members m LEFT JOIN articles a ON a.id = m.article_id
               WHERE m.anchor_date BETWEEN ? AND ? ORDER BY m.anchor_date, m.article_id""", (first_day, last_day))

    def lone_members(self, first_day: str, last_day: str) -> list[tuple[str, str]]:
        """(story_id, article_id) of the stories of one article anchored in the days."""
        return [(r[0], r[1]) for r in self._all(
            """SELECT m.story_id, m.article_id FROM story_members m WHERE m.anchor_date BETWEEN ? AND ?
               AND (SELECT count(*) FROM story_members o WHERE o.story_id = m.story_id) = 1
               ORDER BY m.anchor_date, m.article_id""", (first_day, last_day))]

    def story_span(self, story_id: str) -> tuple[int, str | None, str | None]:
        """(members, first anchor day, last anchor day) of a story."""
        row = self._one("SELECT count(*), min(anchor_date), max(anchor_date) FROM story_members WHERE story_id = ?",
                        (story_id,))
        assert row is not None  # an aggregate always gives a row
        return int(row[0]), row[1], row[2]

    # document frequencies -----------------------------------------------------------------------------------------
    def n_docs(self) -> int:
        row = self._one("SELECT value FROM story_state WHERE key = 'n_docs'")
        return int(row[0]) if row else 0

    def term_df(self, terms: Sequence[str]) -> dict[str, int]:
        return {term: df for chunk in _chunks(terms, 900) for term, df in self._all(
            f"SELECT term, df FROM story_terms WHERE term IN ({_marks(chunk)})", chunk)}

    def add_term_df(self, counts: Iterable[tuple[str, int]], n_docs: int) -> None:
        """Add to the stored document frequencies and set the number of documents seen."""
        self._conn.executemany(
            "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            counts)
        self._conn.execute("INSERT OR REPLACE INTO story_state (key, value) VALUES ('n_docs', ?)", (str(n_docs),))

    # clusters and their key index ---------------------------------------------------------------------------------
    def add_keys(self, rows: Sequence[tuple[str, int, str]]) -> None:
        """(key, bucket, story_id) postings."""
        self._conn.executemany("INSERT OR IGNORE INTO story_keys (key, bucket, story_id) VALUES (?,?,?)", rows)

    def keys_in_bucket(self, bucket: int) -> list[tuple[str, str]]:
        """(key, story_id) postings of one bucket."""
        return [(r[0], r[1]) for r in self._all("SELECT key, story_id FROM story_keys WHERE bucket = ?", (bucket,))]

    def key_votes(self, keys: Sequence[str], limit: int) -> list[tuple[str, int]]:
        """(story_id, keys it is indexed under) for the stories sharing most of `keys`, in any bucket."""
        return [(r[0], r[1]) for r in self._all(
            f"""SELECT story_id, count(*) AS n FROM story_keys WHERE key IN ({_marks(keys)})
                GROUP BY story_id ORDER BY n DESC, story_id LIMIT ?""", [*keys, limit])]

    def cluster_row(self, story_id: str) -> sqlite3.Row | None:
        """(n, first_date, last_date, centroid_json, event_days_json, people_json, heads_json) of a story's cluster."""
        return self._one(
            """SELECT n, first_date, last_date, centroid_json, event_days_json, people_json, heads_json FROM story_clusters
               WHERE story_id = ?""", (story_id,))

    def save_cluster(self, story_id: str, n: int, first_date: str | None, last_date: str | None, centroid_json: str,
                     event_days_json: str, people_json: str, heads_json: str) -> None:
        self._conn.execute(
            """INSERT OR REPLACE INTO story_clusters (story_id, n, first_date, last_date, centroid_json, event_days_json,
               people_json, heads_json) VALUES (?,?,?,?,?,?,?,?)""",
            (story_id, n, first_date, last_date, centroid_json, event_days_json, people_json, heads_json))

    def add_links(self, rows: Iterable[tuple[str, str, float]]) -> None:
        """Link stories (both ways) as developments of one affair, keeping the strongest score of a pair."""
        both = [r for a, b, score in rows for r in ((a, b, score), (b, a, score))]
        self._conn.executemany(
            """INSERT INTO story_links (story_id, related_id, score) VALUES (?,?,?)
               ON CONFLICT (story_id, related_id) DO UPDATE SET score = max(score, excluded.score)""", both)

    def cluster_exists(self, story_id: str) -> bool:
        return self._one("SELECT 1 FROM story_clusters WHERE story_id = ?", (story_id,)) is not None

    def drop_cluster(self, story_id: str) -> None:
        self._conn.execute("DELETE FROM story_clusters WHERE story_id = ?", (story_id,))
        self._conn.execute("DELETE FROM story_keys WHERE story_id = ?", (story_id,))
        self._conn.execute("DELETE FROM story_links WHERE story_id = ? OR related_id = ?", (story_id, story_id))

    def set_cluster_span(self, story_id: str, n: int, first_date: str | None, last_date: str | None) -> None:
        self._conn.execute("UPDATE story_clusters SET n = ?, first_date = ?, last_date = ? WHERE story_id = ?",
                           (n, first_date, last_date, story_id))

    # the stories table --------------------------------------------------------------------------------------------
    def story_members(self, story_id: str) -> list[sqlite3.Row]:
        """The story's articles (id, title, outlet, published, published_utc, body, duplicate_of, anchor_date), in
        the order of their anchor day and publication."""
        return self._all(
            """SELECT a.id, a.title, a.outlet, a.published, a.published_utc, a.body, a.duplicate_of, m.anchor_date
               FROM articles a JOIN story_members m ON m.article_id = a.id WHERE m.story_id = ?
               ORDER BY coalesce(m.anchor_date, '9999'), coalesce(a.published_utc, '9999'), a.id""", (story_id,))

    def cluster_dates_and_centroid(self, story_id: str) -> sqlite3.Row | None:
        return self._one("SELECT first_date, last_date, centroid_json FROM story_clusters WHERE story_id = ?",
                         (story_id,))

    def top_entities(self, article_ids: Sequence[str], limit: int = 10) -> list[sqlite3.Row]:
        """(entity_id, name, type, n) of the entities in most of the articles."""
        return self._all(
            f"""SELECT entity_id, min(name) AS name, min(type) AS type, count(*) AS n FROM entities
                WHERE article_id IN ({_marks(article_ids)}) GROUP BY entity_id
                ORDER BY n DESC, sum(n_mentions) DESC, entity_id LIMIT ?""", [*article_ids, limit])

    def save_story(self, story_id: str, headline: str | None, first_date: str | None, last_date: str | None,
                   n_articles: int, n_outlets: int, data_json: str) -> None:
        self._conn.execute(
            """INSERT OR REPLACE INTO stories (id, headline, first_date, last_date, n_articles, n_outlets, data_json)
               VALUES (?,?,?,?,?,?,?)""", (story_id, headline, first_date, last_date, n_articles, n_outlets, data_json))

    def delete_story(self, story_id: str) -> None:
        self._conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    # event records ------------------------------------------------------------------------------------------------
    def drop_orphan_records(self) -> None:
        """Records whose mentions all went away (articles deleted or re-analysed)."""
        self._conn.execute(
            "DELETE FROM event_records WHERE id NOT IN (SELECT event_id FROM events WHERE event_id IS NOT NULL)")

    def unmatched_mentions(self) -> list[sqlite3.Row]:
        """Event mentions without a record, with their article's story: day-dated ones first."""
        return self._all(
            """SELECT e.article_id, e.idx, e.type, e.source_id, e.source_name, e.source_country,
                      e.target_id, e.target_name, e.target_country, e.date, e.date_precision, e.negated, e.intent,
                      a.story_id
               FROM events e JOIN articles a ON a.id = e.article_id WHERE e.event_id IS NULL
               -- day-dated mentions first, so that the month-dated ones find the records they belong to
               ORDER BY coalesce(e.date_precision = 'day', 0) DESC, e.article_id, e.idx""")

    def day_record_of_month(self, story_id: str, event_type: str, month: str) -> str | None:
        """The story's day-dated, done record of this type in `month` (YYYY-MM) with most articles, if any."""
        row = self._one(
            """SELECT id FROM event_records WHERE story_id = ? AND type = ? AND date_precision = 'day'
               AND date LIKE ? AND negated = 0 AND intent = 0 ORDER BY n_articles DESC, id LIMIT 1""",
            (story_id, event_type, month + "%"))
        return row[0] if row else None

    def record_exists(self, record_id: str) -> bool:
        return self._one("SELECT 1 FROM event_records WHERE id = ?", (record_id,)) is not None

    def create_record(self, record_id: str, match_key: str, event_type: str, negated: int, intent: int,
                      story_id: str | None, date: str | None, date_precision: str | None) -> None:
        self._conn.execute(
            """INSERT INTO event_records (id, match_key, type, negated, intent, story_id, date, date_precision)
               VALUES (?,?,?,?,?,?,?,?)""",
            (record_id, match_key, event_type, negated, intent, story_id, date, date_precision))

    def set_event_ids(self, updates: Sequence[tuple[str, str, int]]) -> None:
        """(record id, article_id, idx) of mentions matched to a record."""
        self._conn.executemany("UPDATE events SET event_id = ? WHERE article_id = ? AND idx = ?", updates)

    def records_with_stale_counts(self) -> list[str]:
        """Records whose mention count no longer matches their mentions (an article deleted or re-analysed)."""
        return [r[0] for r in self._all(
            "SELECT id FROM event_records r WHERE n_mentions != (SELECT count(*) FROM events e WHERE e.event_id = r.id)")]

    def records_of_gone_stories(self) -> list[str]:
        """Records whose story no longer exists (its articles moved to another story after the fact)."""
        return [r[0] for r in self._all(
            """SELECT id FROM event_records r WHERE r.story_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM story_clusters c WHERE c.story_id = r.story_id)""")]

    def record_mentions(self, record_id: str) -> list[sqlite3.Row]:
        """A record's mentions (every events column, with the article's outlet, published_utc and story as
        article_story), first published first."""
        return self._all(
            """SELECT e.*, a.outlet, a.published_utc, a.story_id AS article_story FROM events e
               JOIN articles a ON a.id = e.article_id WHERE e.event_id = ?
               ORDER BY coalesce(a.published_utc, '9999'), e.article_id, e.idx""", (record_id,))

    def delete_record(self, record_id: str) -> None:
        self._conn.execute("DELETE FROM event_records WHERE id = ?", (record_id,))

    def update_record(self, record_id: str, values: dict[str, Any]) -> None:
        """Set the record's columns named in `values` (names from the stage's own code, never from input)."""
        columns = ", ".join(f"{name} = ?" for name in values)
        self._conn.execute(f"UPDATE event_records SET {columns} WHERE id = ?", [*values.values(), record_id])
