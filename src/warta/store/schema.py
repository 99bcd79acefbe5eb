"""SQLite schema of the Warta store, as an ordered list of migrations.

`PRAGMA user_version` holds the number of migrations applied. Add a migration at the end; never edit one that shipped.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles and everything extracted from them
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source_path TEXT NOT NULL,
        source_format TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        source_url TEXT,
        source_record INTEGER,
        lang TEXT,
        title TEXT,
        subtitle TEXT,
        section TEXT,
        outlet TEXT,
        published TEXT,
        published_utc TEXT,
        dateline TEXT,
        authors_json TEXT NOT NULL DEFAULT '[]',
        editors_json TEXT NOT NULL DEFAULT '[]',
        cited_json TEXT NOT NULL DEFAULT '[]',
        body TEXT NOT NULL,
        tone_json TEXT,
        themes_json TEXT NOT NULL DEFAULT '[]',
        keyphrases_json TEXT NOT NULL DEFAULT '[]',
        story_id TEXT,
        duplicate_of TEXT,
        record_json TEXT NOT NULL,
        analyzed_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_source ON articles(source_path, coalesce(source_record, 0));
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published_utc);
    CREATE INDEX articles_story ON articles(story_id);

    CREATE TABLE removed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    );

    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        kb INTEGER NOT NULL DEFAULT 0,
        country TEXT,
        n_mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, entity_id)
    );
    CREATE INDEX entities_entity ON entities(entity_id);
    CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        speaker_id TEXT,
        kind TEXT NOT NULL,
        cue TEXT,
        cited_json TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_id);

    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        type TEXT NOT NULL,
        cameo TEXT,
        goldstein REAL,
        quad TEXT,
        source_id TEXT, source_name TEXT, source_country TEXT, source_sector TEXT,
        target_id TEXT, target_name TEXT, target_country TEXT, target_sector TEXT,
        date TEXT,
        date_precision TEXT,
        date_text TEXT,
        place TEXT,
        negated INTEGER NOT NULL DEFAULT 0,
        intent INTEGER NOT NULL DEFAULT 0,
        cue TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        event_id TEXT,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX events_dyad ON events(source_country, target_country);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_event ON events(event_id);

    CREATE TABLE entity_tone (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        positive REAL NOT NULL,
        negative REAL NOT NULL,
        polarity REAL NOT NULL,
        words INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_id)
    );

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        headline TEXT,
        first_date TEXT,
        last_date TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_outlets INTEGER NOT NULL DEFAULT 0,
        data_json TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE skips (
        path TEXT NOT NULL,
        record INTEGER,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX skips_input ON skips(path, coalesce(record, 0));

    CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
    """,
    # 2: state of the incremental story clustering and the corpus-level event records (warta.stories)
    """
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        story_id TEXT NOT NULL,
        anchor_date TEXT,
        duplicate_of TEXT,
        minhash BLOB NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE INDEX story_members_date ON story_members(anchor_date);

    CREATE TABLE story_clusters (
        story_id TEXT PRIMARY KEY,
        n INTEGER NOT NULL,
        first_date TEXT,
        last_date TEXT,
        centroid_json TEXT NOT NULL,
        event_days_json TEXT NOT NULL DEFAULT '[]'
    );

    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (key, bucket, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_bucket ON story_keys(bucket);

    CREATE TABLE story_terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE story_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE event_records (
        id TEXT PRIMARY KEY,
        match_key TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        quad TEXT,
        goldstein REAL,
        source_id TEXT, source_name TEXT, source_country TEXT,
        target_id TEXT, target_name TEXT, target_country TEXT,
        date TEXT,
        date_precision TEXT,
        place TEXT,
        negated INTEGER NOT NULL DEFAULT 0,
        intent INTEGER NOT NULL DEFAULT 0,
        story_id TEXT,
        n_mentions INTEGER NOT NULL DEFAULT 0,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_outlets INTEGER NOT NULL DEFAULT 0,
        first_article TEXT,
        first_published TEXT,
        text TEXT
    );
    CREATE INDEX event_records_dyad ON event_records(source_country, target_country);
    CREATE INDEX event_records_date ON event_records(date);
    CREATE INDEX event_records_story ON event_records(story_id);
    """,
    # 3: the people a story is about, for its clustering (warta.stories)
    """
    ALTER TABLE story_clusters ADD COLUMN people_json TEXT NOT NULL DEFAULT '[]';
    """,
    # 4: the full-text index shares the articles' rowid, so replacing an article deletes its index row by rowid
    #    (article_id is UNINDEXED in FTS5: deleting by it scanned the whole index on every save)
    """
    DELETE FROM articles_fts;
    INSERT INTO articles_fts (rowid, article_id, title, body) SELECT rowid, id, coalesce(title, ''), body FROM articles;
    """,
    # 5: the collector's state (warta.collect, SQL in warta.store.collect): followed feeds and sitemaps with their
    #    validators and cursors, every article URL seen (normalised) and what became of it, the WARC files written
    """
    CREATE TABLE collect_feeds (
        url TEXT PRIMARY KEY,
        outlet TEXT,
        origin TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        cursor TEXT,
        n_items INTEGER NOT NULL DEFAULT 0,
        last_polled TEXT,
        last_status INTEGER,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX collect_feeds_outlet ON collect_feeds(outlet);

    CREATE TABLE collect_urls (
        url TEXT PRIMARY KEY,
        outlet TEXT,
        feed TEXT,
        published TEXT,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        status INTEGER,
        reason TEXT,
        final_url TEXT,
        article_id TEXT,
        first_seen TEXT NOT NULL,
        fetched_at TEXT
    );
    CREATE INDEX collect_urls_state ON collect_urls(state);
    CREATE INDEX collect_urls_outlet ON collect_urls(outlet);
    CREATE INDEX collect_urls_final ON collect_urls(final_url);

    CREATE TABLE collect_warc (
        path TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL,
        records INTEGER NOT NULL,
        created TEXT NOT NULL
    );
    """,
    # 6: robustness (docs/robustness.md). `pending`: corpus steps still to run (stories), set with the articles that
    #    need them and cleared when the step completes, so that any later run finishes an interrupted or skipped step.
    #    `inputs`: an input's identity, its resolved path (resolved by RESOLVE_AFTER, in Python), whatever the spelling
    #    of the path it was analysed from (so `articles_source`, the spelled path, is no longer unique).
    #    `notes`: what a reader repaired in an input it still analysed.
    """
    DROP INDEX articles_source;
    CREATE INDEX articles_source ON articles(source_path, coalesce(source_record, 0));

    CREATE TABLE pending (
        step TEXT PRIMARY KEY,
        since TEXT NOT NULL
    );
    INSERT INTO pending (step, since)
        SELECT 'stories', datetime('now') WHERE EXISTS
            (SELECT 1 FROM articles WHERE id NOT IN (SELECT article_id FROM story_members));

    CREATE TABLE inputs (
        key TEXT NOT NULL,
        record INTEGER NOT NULL,
        article_id TEXT NOT NULL UNIQUE,
        PRIMARY KEY (key, record)
    );
    INSERT OR IGNORE INTO inputs (key, record, article_id)
        SELECT source_path, coalesce(source_record, 0), id FROM articles;

    CREATE TABLE notes (
        path TEXT NOT NULL,
        record INTEGER,
        note TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX notes_input ON notes(path, coalesce(record, 0));
    """,
    # 7: the heads (title + lead vectors) of a story's first articles, for article-to-article links (warta.stories)
    """
    ALTER TABLE story_clusters ADD COLUMN heads_json TEXT NOT NULL DEFAULT '[]';
    """,
    # 8: an article's short-item flag (Article.short: a body under warta.meta.SHORT_WORDS words, stored, not skipped)
    """
    ALTER TABLE articles ADD COLUMN short INTEGER NOT NULL DEFAULT 0;
    """,
    # 9: threads: stories that are developments of one affair (a reply, a follow-up), linked by the stories step
    """
    CREATE TABLE IF NOT EXISTS story_links (
        story_id TEXT NOT NULL,
        related_id TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (story_id, related_id)
    ) WITHOUT ROWID;
    """,
]

# SQL run in the same transaction right after a migration (by its number), with functions Store registers in Python:
# here the stored paths resolved (`warta_resolve`, against the folder the migration runs in).
RESOLVE_AFTER: dict[int, str] = {
    6: "UPDATE OR IGNORE inputs SET key = warta_resolve(key)",
}
