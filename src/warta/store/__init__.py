"""The embedded store: one plain SQLite file (WAL mode) that other tools can open too.

Public API: `Store(path)`. Each article is written inside one transaction (alone, or with a few other whole articles
under `Store.transaction()`), so a crash never leaves half an article; the
schema is versioned with `PRAGMA user_version` and migrated on open (see `warta.store.schema`).

Every SQL statement of Warta lives in this package:

* `warta.store.mapping`: the record -> table mapping (columns, rows and inserts derived from the record models);
* `warta.store.queries`: the read layer the CLI, the API, the pages and the tests call;
* `warta.store.stories`: what the corpus-level stories stage reads and writes (`StoryTables`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from warta.errors import WartaError
from warta.record import Article
from warta.store.mapping import (
    ARTICLES,
    CHILD_TABLES,
    ENTITIES,
    ENTITY_TONE,
    EVENTS,
    MENTIONS,
    QUOTES,
    REMOVED,
    now_utc,
)
from warta.store.schema import MIGRATIONS, RESOLVE_AFTER

# Each child table of `articles` and its insert, named as the `ArticleRows` field that holds its rows.
_INSERT_ARTICLE = ARTICLES.insert_sql
_CHILD_INSERTS: tuple[tuple[str, str], ...] = tuple((t.table, t.insert_sql) for t in CHILD_TABLES)
_RECORD_JSON = ARTICLES.names.index("record_json")


class ArticleRows(NamedTuple):
    """One article as the rows its tables get: plain tuples, cheap to build in a worker process and to send back.

    `warta analyze` builds them where the article was analysed, so the process that writes the database only executes
    the inserts (unpickling a whole pydantic record per article cost the writer about as much as the writing).
    """

    article: tuple[Any, ...]
    removed: list[tuple[Any, ...]]
    entities: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    quotes: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    entity_tone: list[tuple[Any, ...]]
    fts: tuple[str, str]
    source_key: tuple[str, int]

    @property
    def record_json(self) -> str:
        return self.article[_RECORD_JSON]


def article_rows(a: Article) -> ArticleRows:
    """The rows `Store.save_rows` writes for article `a` (columns as `warta.store.mapping` derives them)."""
    return ArticleRows(
        article=ARTICLES.row((), a),
        removed=[REMOVED.row((a.id, i), r) for i, r in enumerate(a.removed)],
        entities=[ENTITIES.row((a.id,), e) for e in a.entities],
        mentions=[MENTIONS.row((a.id, e.id), m) for e in a.entities for m in e.mentions],
        quotes=[QUOTES.row((a.id, i), q) for i, q in enumerate(a.quotes)],
        events=[EVENTS.row((a.id, i), e) for i, e in enumerate(a.events)],
        entity_tone=[ENTITY_TONE.row((a.id, entity_id), t) for entity_id, t in a.entity_tone.items()],
        fts=(a.title or "", a.body),
        source_key=(a.source.path, a.source.record or 0),
    )


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def input_key(path: str | None) -> str | None:
    """An input's identity: its resolved absolute path (symlinks followed), the same however the path was spelled
    (`seeds`, `/abs/seeds`, `./seeds/../seeds`). A relative path resolves against the current folder."""
    return None if path is None else os.path.realpath(path)


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI for `path` with every character SQLite's URI parser reads specially (`%`, `?`, `#`) escaped,
    so that a file name can never add parameters (`q?mode=rwc&x.db`) or be cut short (`a#b.db`)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return "file:" + quote(str(path.resolve()), safe="/") + (f"?{query}" if query else "")


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Open for reading only. In a folder the user cannot write, SQLite cannot create the WAL index (-shm) it needs
    for a WAL database: there no writer can be at work either, so the file is read as immutable, unless a -wal file
    with content waits to be checkpointed (then reading it without would silently miss articles)."""
    if not path.exists():
        raise WartaError(f"database not found: {path}")
    if not path.is_file():
        raise WartaError(f"not a database file: {path}")
    folder_writable = os.access(path.resolve().parent, os.W_OK | os.X_OK)
    shm = Path(str(path) + "-shm")
    params = {"mode": "ro"}
    if not folder_writable and not shm.exists():
        wal = Path(str(path) + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise WartaError(f"cannot read {path}: its -wal file holds unmerged changes and the folder is read-only "
                             "(open it once where it can be written, or copy it to a writable folder)")
        params["immutable"] = "1"
    try:
        return sqlite3.connect(sqlite_uri(path, **params), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise WartaError(f"cannot open database {path}: {exc}") from exc


def _connect_writable(path: Path) -> sqlite3.Connection:
    if path.parent and not path.parent.exists():
        raise WartaError(f"folder for the database does not exist: {path.parent}")
    if path.exists() and not path.is_file():
        raise WartaError(f"not a database file: {path}")
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise WartaError(f"cannot open database {path}: {exc}") from exc
    try:
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed process still loses nothing
        # committed and the file never corrupts; only a power cut may roll back the last few articles, which
        # a re-run of `analyze` redoes. FULL made each article's commit wait for the disk.
        conn.execute("PRAGMA synchronous=NORMAL")
        # A 64 MiB page cache instead of SQLite's 2 MiB: as the file grows, index inserts land on pages that
        # no longer fit the default cache, and the writer's time per article grew with the corpus.
        conn.execute("PRAGMA cache_size=-65536")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise WartaError(f"cannot open database {path}: {exc}") from exc
    return conn


class Store:
    """A Warta SQLite database. `readonly=True` opens it for serving (never writes, never migrates)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._grouped = False
        self.conn = _connect_readonly(self.path) if readonly else _connect_writable(self.path)
        self.conn.row_factory = sqlite3.Row
        # SQLite's lower() and LIKE fold ASCII only; the read layer (warta.store.queries) matches names with this
        self.conn.create_function("warta_fold", 1, _fold, deterministic=True)
        self.conn.create_function("warta_resolve", 1, input_key)
        try:
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
            if readonly:
                self._check_readable()
            else:
                self._check_writable()  # before anything is written: a refused file is left exactly as it was
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.migrate()
        except BaseException:
            self.conn.close()
            raise

    # schema -------------------------------------------------------------------------------------------------------
    def version(self) -> int:
        try:
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise WartaError(f"not a SQLite database: {self.path} ({exc})") from exc

    def _check_readable(self) -> None:
        current = self.version()
        if current == 0:
            raise WartaError(f"not a Warta database (no schema): {self.path}")
        if current > len(MIGRATIONS):
            raise WartaError(f"database {self.path} has schema version {current}, newer than this Warta "
                             f"({len(MIGRATIONS)}): upgrade Warta to read it")

    def _check_writable(self) -> None:
        """Refuse, before any work, a database Warta cannot or must not write: someone else's SQLite file (it would
        get Warta's tables), one from a newer Warta, or a file or folder the user may not write to."""
        current = self.version()
        if current == 0:
            tables = [r[0] for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' LIMIT 5")]
            if tables:
                raise WartaError(f"not a Warta database: {self.path} already holds other tables "
                                 f"({', '.join(tables)}); give another --db")
        if current > len(MIGRATIONS):
            raise WartaError(f"database {self.path} has schema version {current}, newer than this Warta "
                             f"({len(MIGRATIONS)}): upgrade Warta to write it")
        if self.path.exists() and not os.access(self.path, os.W_OK):
            raise WartaError(f"database is read-only: {self.path} (make it writable or give another --db)")
        folder = self.path.resolve().parent
        if not os.access(folder, os.W_OK | os.X_OK):
            raise WartaError(f"cannot write in the database's folder {folder} (SQLite keeps its journal there)")

    def migrate(self) -> None:
        current = self.version()
        if current > len(MIGRATIONS):
            raise WartaError(f"database {self.path} has schema version {current}, newer than this Warta ({len(MIGRATIONS)})")
        for number in range(current, len(MIGRATIONS)):
            try:
                with self.conn:
                    after = RESOLVE_AFTER.get(number + 1, "")
                    self.conn.executescript(
                        "BEGIN;" + MIGRATIONS[number] + f";{after}; PRAGMA user_version = {number + 1};")
            except sqlite3.DatabaseError as exc:
                raise WartaError(f"cannot migrate database {self.path} to version {number + 1}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing ------------------------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several writes (whole articles, skips) into one transaction: committed together, or not at all.

        Writes outside a group commit one by one. `warta analyze` groups a few finished articles per commit, which
        halves the writer's time per article; a crash loses at most the open group, which a re-run redoes.
        """
        if self._grouped:
            yield
            return
        self._grouped = True
        try:
            with self.conn:
                yield
        finally:
            self._grouped = False

    @contextmanager
    def _write(self) -> Iterator[None]:
        if self._grouped:
            yield
        else:
            with self.conn:
                yield

    def stored_sha(self, article: Article) -> tuple[str, str] | None:
        """(id, sha256) of the stored article read from the same input, if any: the same file (`input_key`, however
        its path is spelled) and the same record in it."""
        row = self.conn.execute(
            "SELECT a.id, a.source_sha256 FROM inputs i JOIN articles a ON a.id = i.article_id"
            " WHERE i.key = ? AND i.record = ?",
            (input_key(article.source.path), article.source.record or 0),
        ).fetchone()
        return (row["id"], row["source_sha256"]) if row else None

    def assign_id(self, article: Article, taken: set[str] | None = None) -> None:
        """Keep the article's natural id unless another input already owns it; then suffix -2, -3, ..."""
        previous = self.stored_sha(article)
        if previous:
            article.id = previous[0]
            return
        base, n = article.id, 1
        while True:
            row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is None and (taken is None or article.id not in taken):
                break
            n += 1
            article.id = f"{base}-{n}"
        if taken is not None:
            taken.add(article.id)

    def save_article(self, article: Article) -> None:
        """Insert or replace one article and all its extractions, atomically."""
        self.save_rows(article_rows(article))

    def save_rows(self, rows: ArticleRows, *, new: bool = False) -> None:
        """Insert or replace one article from its prepared rows (`article_rows`), atomically (see `save_many`)."""
        self.save_many([rows], new=[new])

    def save_many(self, rows: Sequence[ArticleRows], *, new: Sequence[bool] | None = None) -> None:
        """Insert or replace several articles from their prepared rows (`article_rows`), in one transaction.

        Each table gets one `executemany` for all of them, which costs the writer about a quarter less per article
        than one article at a time. `new[i]=True` skips looking for a stored copy of article i to replace, for a
        caller that knows there is none (`analyze`, for an id `assign_id` found free); should there be one after
        all, the insert fails on the article's primary key and nothing of the group is written.
        """
        new = new if new is not None else [False] * len(rows)
        if len(new) != len(rows):
            raise ValueError("save_many needs one `new` flag per article")
        with self._write():
            for item, fresh in zip(rows, new, strict=True):
                if not fresh:
                    self._delete(item.article[0])
            fts = []
            for item in rows:
                rowid = self.conn.execute(_INSERT_ARTICLE, item.article).lastrowid
                fts.append((rowid, item.article[0], *item.fts))
            for table, sql in _CHILD_INSERTS:
                self.conn.executemany(sql, [row for item in rows for row in getattr(item, table)])
            self.conn.executemany("INSERT INTO articles_fts (rowid, article_id, title, body) VALUES (?,?,?,?)", fts)
            self.conn.executemany(
                "DELETE FROM skips WHERE path = ? AND coalesce(record, 0) = ?", [item.source_key for item in rows]
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO inputs (key, record, article_id) VALUES (?,?,?)",
                [(input_key(item.source_key[0]), item.source_key[1], item.article[0]) for item in rows],
            )
            if rows:
                self.set_pending("stories")

    def _delete(self, article_id: str) -> None:
        for table in CHILD_TABLES:
            self.conn.execute(f"DELETE FROM {table.table} WHERE article_id = ?", (article_id,))
        row = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            self.conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self.conn.execute("DELETE FROM inputs WHERE article_id = ?", (article_id,))

    def record_skip(self, path: str, reason: str, record: int | None = None) -> None:
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO skips (path, record, reason, at) VALUES (?,?,?,?)", (path, record, reason, now_utc())
            )

    def record_note(self, path: str, note: str, record: int | None = None) -> None:
        """What a reader repaired in an input it still analysed (e.g. invalid UTF-8 bytes replaced)."""
        with self._write():
            self.conn.execute(
                "INSERT OR REPLACE INTO notes (path, record, note, at) VALUES (?,?,?,?)", (path, record, note, now_utc())
            )

    # corpus steps still to run ------------------------------------------------------------------------------------
    def set_pending(self, step: str) -> None:
        """Record that corpus step `step` (stories) must run again; set in the transaction that stores articles."""
        with self._write():
            self.conn.execute("INSERT OR IGNORE INTO pending (step, since) VALUES (?, ?)", (step, now_utc()))

    def clear_pending(self, step: str) -> None:
        with self._write():
            self.conn.execute("DELETE FROM pending WHERE step = ?", (step,))

    def is_pending(self, step: str) -> bool:
        return self.conn.execute("SELECT 1 FROM pending WHERE step = ?", (step,)).fetchone() is not None

    def reset_stories(self) -> None:
        """Forget every story, near-duplicate flag and event record (and the clustering's state), so that the next
        `warta.stories.assign_stories` recomputes them all from the stored articles; marks the step pending."""
        with self._write():
            for table in ("story_members", "story_clusters", "story_keys", "story_terms", "story_state", "stories",
                          "event_records"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.execute("UPDATE articles SET story_id = NULL, duplicate_of = NULL")
            self.conn.execute("UPDATE events SET event_id = NULL")
            self.set_pending("stories")

    # reading ------------------------------------------------------------------------------------------------------
    def notes(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT path, record, note, at FROM notes ORDER BY path, record")]

    def count(self, table: str = "articles") -> int:
        if table not in {"articles", "entities", "quotes", "events", "stories", "skips", "mentions"}:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            "SELECT record_json, story_id, duplicate_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        return self._hydrate(article_id, row)

    def _hydrate(self, article_id: str, row: sqlite3.Row) -> Article:
        art = Article.model_validate_json(row["record_json"])
        art.story_id = row["story_id"]
        art.duplicate_of = row["duplicate_of"]
        event_ids = dict(self.conn.execute("SELECT idx, event_id FROM events WHERE article_id = ?", (article_id,)).fetchall())
        for i, ev in enumerate(art.events):
            ev.event_id = event_ids.get(i)
        return art

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in id order, read as it is used (one row at a time: memory stays flat)."""
        for row in self.conn.execute("SELECT id, record_json, story_id, duplicate_of FROM articles ORDER BY id"):
            yield self._hydrate(row["id"], row)

    def skips(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT path, record, reason, at FROM skips ORDER BY path, record")]
