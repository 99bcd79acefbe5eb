"""What the collector (`warta.collect`) reads and writes: all of its SQL.

Tables (migration 5 of `warta.store.schema`):

* `collect_feeds`: each followed feed or sitemap: the outlet it belongs to, where it came from (registry, discovered,
  given with --feed), its conditional-GET validators, its cursor (newest item date seen) and its last poll's outcome;
* `collect_urls`: every article URL seen, normalised: `pending` until fetched, then `done` (with the article id, or
  none for a duplicate of a URL already stored), `retry` (a transient failure, tried again in a later round) or
  `failed` (for good, with the status and reason);
* `collect_warc`: the WARC files written and how many bytes/records of each are committed (a restart cuts a file
  back to that, so a record the store never got is written again once, not twice).

Every failure is also in the store's `skips` table under its URL, so `warta skips` lists it; a later success clears it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from warta.store import Store
from warta.store.mapping import now_utc

PENDING, DONE, RETRY, FAILED = "pending", "done", "retry", "failed"


class CollectTables:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # feeds ---------------------------------------------------------------------------------------------------------
    def add_feed(self, url: str, outlet: str | None, origin: str) -> None:
        with self.store.transaction():
            self.conn.execute("INSERT OR IGNORE INTO collect_feeds (url, outlet, origin) VALUES (?,?,?)",
                              (url, outlet, origin))

    def feeds(self, outlets: Iterable[str | None] | None = None) -> list[dict[str, Any]]:
        rows = [dict(r) for r in self.conn.execute("SELECT * FROM collect_feeds ORDER BY outlet, url")]
        if outlets is None:
            return rows
        wanted = set(outlets)
        return [r for r in rows if r["outlet"] in wanted]

    def feed(self, url: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM collect_feeds WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def feed_polled(self, url: str, status: int | None, *, etag: str | None = None, last_modified: str | None = None,
                    cursor: str | None = None, n_items: int = 0, error: str | None = None) -> None:
        """A poll's outcome. Validators and cursor change only when given (a 304 or a failure keeps them)."""
        self.conn.execute(
            """UPDATE collect_feeds SET last_polled = ?, last_status = ?, last_error = ?,
                   etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),
                   cursor = max(coalesce(cursor, ''), coalesce(?, '')), n_items = n_items + ?,
                   failures = CASE WHEN ? IS NULL THEN 0 ELSE failures + 1 END
               WHERE url = ?""",
            (now_utc(), status, error, etag, last_modified, cursor, n_items, error, url),
        )
        self.conn.execute("UPDATE collect_feeds SET cursor = NULL WHERE url = ? AND cursor = ''", (url,))

    # article URLs --------------------------------------------------------------------------------------------------
    def add_urls(self, rows: Iterable[tuple[str, str | None, str | None, str | None]]) -> int:
        """(url, outlet, feed, published) of URLs seen in a listing; the new ones become pending. Returns how many
        were new."""
        before = self.conn.total_changes
        self.conn.executemany(
            "INSERT OR IGNORE INTO collect_urls (url, outlet, feed, published, state, first_seen) VALUES (?,?,?,?,?,?)",
            [(*row, PENDING, now_utc()) for row in rows],
        )
        return self.conn.total_changes - before

    def requeue(self, urls: Iterable[str]) -> None:
        """Make given URLs pending again unless stored (`warta fetch` of a URL that failed before)."""
        self.conn.executemany(f"UPDATE collect_urls SET state = '{PENDING}' WHERE url = ? AND state != '{DONE}'",
                              [(u,) for u in urls])

    def to_fetch(self, max_attempts: int, urls: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Pending URLs, and transient failures tried fewer than `max_attempts` times; oldest first."""
        rows = self.conn.execute(
            "SELECT url, outlet, feed, attempts FROM collect_urls WHERE state = ? OR (state = ? AND attempts < ?) "
            "ORDER BY first_seen, url", (PENDING, RETRY, max_attempts)).fetchall()
        wanted = set(urls) if urls is not None else None
        return [dict(r) for r in rows if wanted is None or r["url"] in wanted]

    def url(self, url: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM collect_urls WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def stored_as(self, final_url: str) -> str | None:
        """The URL already stored for a page, asked for under another URL or reached after redirects."""
        row = self.conn.execute(
            "SELECT url FROM collect_urls WHERE state = ? AND article_id IS NOT NULL AND (url = ? OR final_url = ?)",
            (DONE, final_url, final_url)).fetchone()
        return row[0] if row else None

    def url_done(self, url: str, status: int, final_url: str, article_id: str | None, reason: str | None = None) -> None:
        self.conn.execute(
            "UPDATE collect_urls SET state = ?, status = ?, final_url = ?, article_id = ?, reason = ?, fetched_at = ?, "
            "attempts = attempts + 1 WHERE url = ?", (DONE, status, final_url, article_id, reason, now_utc(), url))
        self.clear_failure(url)

    def url_failed(self, url: str, status: int | None, reason: str, *, transient: bool) -> None:
        self.conn.execute(
            "UPDATE collect_urls SET state = ?, status = ?, reason = ?, fetched_at = ?, attempts = attempts + 1 "
            "WHERE url = ?", (RETRY if transient else FAILED, status, reason, now_utc(), url))
        self.record_failure(url, status, reason)

    # failures (in the store's skips table, under the URL) -------------------------------------------------------------
    def record_failure(self, url: str, status: int | None, reason: str) -> None:
        text = f"HTTP {status}: {reason}" if status is not None and not reason.startswith("HTTP ") else reason
        self.conn.execute("INSERT OR REPLACE INTO skips (path, record, reason, at) VALUES (?, NULL, ?, ?)",
                          (url, text, now_utc()))

    def clear_failure(self, url: str) -> None:
        self.conn.execute("DELETE FROM skips WHERE path = ? AND record IS NULL", (url,))

    def failures(self, limit: int = 50) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT path AS url, reason, at FROM skips WHERE record IS NULL AND (path LIKE 'http://%' OR "
            "path LIKE 'https://%') ORDER BY at DESC, path LIMIT ?", (limit,))]

    # WARC files ----------------------------------------------------------------------------------------------------
    def warc_files(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM collect_warc ORDER BY created, path")]

    def warc_committed(self, path: str, size: int, records: int) -> None:
        self.conn.execute(
            "INSERT INTO collect_warc (path, bytes, records, created) VALUES (?,?,?,?) "
            "ON CONFLICT(path) DO UPDATE SET bytes = excluded.bytes, records = excluded.records",
            (path, size, records, now_utc()))

    # reports -------------------------------------------------------------------------------------------------------
    def present(self) -> bool:
        """Whether the database has the collector's tables (a read-only store of an older Warta may not)."""
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'collect_feeds'"
                                 ).fetchone() is not None

    def url_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT state, count(*) FROM collect_urls GROUP BY state")}

    def outlets(self) -> list[dict[str, Any]]:
        """Per outlet: feeds followed, when one was last polled, URLs seen and articles stored from it."""
        return [dict(r) for r in self.conn.execute(
            """SELECT f.outlet AS outlet, f.n_feeds, f.last_polled, f.failing,
                      coalesce(u.seen, 0) AS urls, coalesce(u.articles, 0) AS articles
               FROM (SELECT coalesce(outlet, '') AS outlet, count(*) AS n_feeds, max(last_polled) AS last_polled,
                            sum(last_error IS NOT NULL) AS failing
                     FROM collect_feeds GROUP BY coalesce(outlet, '')) f
               LEFT JOIN (SELECT coalesce(outlet, '') AS outlet, count(*) AS seen,
                                 sum(article_id IS NOT NULL) AS articles
                          FROM collect_urls GROUP BY coalesce(outlet, '')) u ON u.outlet = f.outlet
               ORDER BY f.outlet""")]
