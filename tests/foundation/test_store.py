import sqlite3
from pathlib import Path

import pytest

from warta.errors import WartaError
from warta.record import Article, Entity, Mention, Quote, Removed, Source
from warta.store import Store
from warta.store.schema import MIGRATIONS


def _article(i: str = "a1", path: str = "/x/a1.txt", body: str = "Putin bertemu Xi di Moskow.") -> Article:
    a = Article(id=i, source=Source(path=path, format="txt", sha256="0" * 64), title="Judul uji", body=body,
                published="2023-03-21T14:35:00+07:00", outlet="Kompas.com")
    a.removed = [Removed(text="Baca Juga: lain", kind="related")]
    a.entities = [Entity(id="person:vladimir-putin", name="Vladimir Putin", type="PER", kb=True, country="RUS",
                         mentions=[Mention(start=0, end=5, text="Putin")])]
    a.quotes = [Quote(text="Kami siap", start=0, end=9, speaker="Vladimir Putin", speaker_id="person:vladimir-putin",
                      kind="direct", cue="kata")]
    return a


def test_schema_is_versioned_and_wal(tmp_path: Path):
    db = tmp_path / "w.db"
    with Store(db) as s:
        assert s.version() == len(MIGRATIONS)
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db) as s:  # re-open: no migration re-run
        assert s.version() == len(MIGRATIONS)


def test_save_roundtrip_and_replace(tmp_path: Path):
    with Store(tmp_path / "w.db") as s:
        a = _article()
        s.save_article(a)
        s.save_article(a)  # idempotent
        assert s.count() == 1 and s.count("quotes") == 1 and s.count("mentions") == 1
        back = s.get_article("a1")
        assert back is not None and back.to_dict() == a.to_dict()
        assert s.conn.execute("SELECT published_utc FROM articles").fetchone()[0] == "2023-03-21T07:35:00Z"
        hit = s.conn.execute("SELECT article_id FROM articles_fts WHERE articles_fts MATCH 'moskow'").fetchall()
        assert [r[0] for r in hit] == ["a1"]


def test_assign_id_suffixes_on_clash_and_reuses_for_same_input(tmp_path: Path):
    with Store(tmp_path / "w.db") as s:
        s.save_article(_article("berita", "/a/berita.txt"))
        other = _article("berita", "/b/berita.txt")
        s.assign_id(other)
        assert other.id == "berita-2"
        same = _article("berita", "/a/berita.txt")
        s.assign_id(same)
        assert same.id == "berita"


def test_failed_write_leaves_store_unchanged(tmp_path: Path):
    with Store(tmp_path / "w.db") as s:
        s.save_article(_article())
        bad = _article("a2", "/x/a2.txt")
        bad.quotes.append(bad.quotes[0])
        s.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON quotes WHEN NEW.idx = 1 BEGIN SELECT RAISE(ABORT, 'boom'); END")
        with pytest.raises(sqlite3.DatabaseError):
            s.save_article(bad)
        assert s.article_ids() == ["a1"]
        assert s.count("quotes") == 1


def test_save_rows_new_skips_the_replace_pass_but_never_duplicates(tmp_path: Path):
    from warta.store import article_rows

    with Store(tmp_path / "w.db") as s:
        s.save_rows(article_rows(_article()), new=True)
        hit = s.conn.execute("SELECT article_id FROM articles_fts WHERE articles_fts MATCH 'moskow'").fetchall()
        assert [r[0] for r in hit] == ["a1"]  # the index row shares the article's rowid
        changed = _article(body="Putin bertemu Xi di Beijing.")
        with pytest.raises(sqlite3.IntegrityError):  # a caller wrong about "new" fails before writing anything
            s.save_rows(article_rows(changed), new=True)
        assert s.count() == 1 and s.count("mentions") == 1 and s.count("quotes") == 1
        assert s.get_article("a1").body.endswith("Moskow.")
        s.save_rows(article_rows(changed))  # the default replaces
        assert s.count() == 1 and s.count("mentions") == 1
        hit = s.conn.execute("SELECT article_id FROM articles_fts WHERE articles_fts MATCH 'beijing'").fetchall()
        assert [r[0] for r in hit] == ["a1"]
        assert not s.conn.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH 'moskow'").fetchall()


def test_grouped_articles_commit_together_or_not_at_all(tmp_path: Path):
    db = tmp_path / "w.db"
    with Store(db) as s:
        s.save_article(_article())  # committed on its own before the group
        with s.transaction():
            s.save_article(_article("a2", "/x/a2.txt"))
            s.record_skip("/x/bad.txt", "not a text file")
            with Store(db, readonly=True) as reader:  # nothing of the open group is visible yet
                assert reader.article_ids() == ["a1"] and reader.skips() == []
        assert s.article_ids() == ["a1", "a2"] and len(s.skips()) == 1

        bad = _article("a4", "/x/a4.txt")
        bad.quotes.append(bad.quotes[0])
        s.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON quotes WHEN NEW.idx = 1 BEGIN SELECT RAISE(ABORT, 'boom'); END")
        with pytest.raises(sqlite3.DatabaseError), s.transaction():
            s.save_article(_article("a3", "/x/a3.txt"))
            s.save_article(bad)
        # the failed group is gone whole; what was committed before stays
        assert s.article_ids() == ["a1", "a2"]
        assert s.count("quotes") == 2
        s.save_article(_article("a5", "/x/a5.txt"))  # writing goes on normally after a failed group
        assert s.article_ids() == ["a1", "a2", "a5"]


def test_readonly_refuses_missing_and_foreign_files(tmp_path: Path):
    with pytest.raises(WartaError, match="not found"):
        Store(tmp_path / "nope.db", readonly=True)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(WartaError, match="not a Warta database"):
        Store(other, readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"definitely not sqlite" * 100)
    with pytest.raises(WartaError):
        Store(junk)


def _table_rows(s: Store) -> dict[str, list[tuple]]:
    tables = ["removed", "entities", "mentions", "quotes", "events", "entity_tone"]
    out = {t: [tuple(r) for r in s.conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables}
    out["articles"] = [tuple(r) for r in s.conn.execute("SELECT rowid, id, body, record_json FROM articles ORDER BY rowid")]
    out["fts"] = [tuple(r) for r in s.conn.execute("SELECT rowid, article_id, title, body FROM articles_fts ORDER BY rowid")]
    return out


def test_save_many_writes_what_one_by_one_writes(tmp_path: Path):
    from warta.store import article_rows

    articles = [_article(f"a{i}", f"/x/a{i}.txt", f"Putin bertemu Xi di Moskow, hari {i}.") for i in range(3)]
    articles[1].quotes = []
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "many.db") as many:
        one.save_article(articles[0])  # stored before: the group below replaces it
        many.save_article(articles[0])
        articles[0].body = "Putin bertemu Xi di Beijing."
        for a in articles:
            one.save_article(a)
        many.save_many([article_rows(a) for a in articles], new=[False, True, True])
        assert _table_rows(one) == _table_rows(many)
        assert many.count() == 3 and many.count("mentions") == 3 and many.count("quotes") == 2
        with pytest.raises(ValueError, match="one `new` flag per article"):
            many.save_many([article_rows(articles[0])], new=[])


def test_save_many_is_all_or_nothing(tmp_path: Path):
    from warta.store import article_rows

    with Store(tmp_path / "w.db") as s:
        s.save_article(_article())
        group = [article_rows(_article("b1", "/x/b1.txt")), article_rows(_article("a1", "/x/a1.txt"))]
        with pytest.raises(sqlite3.IntegrityError):  # the second is stored already: "new" was wrong
            s.save_many(group, new=[True, True])
        assert s.article_ids() == ["a1"] and s.count("mentions") == 1


def _ddl_columns() -> dict[str, list[str]]:
    """{table: columns} as the migrations create them."""
    conn = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        conn.executescript(migration)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def test_the_tables_and_the_record_models_name_the_same_columns():
    from warta.store.mapping import ALL_TABLES

    ddl = _ddl_columns()
    problems = []
    for mapped in ALL_TABLES:
        if mapped.table not in ddl:
            problems.append(f"{mapped.table}: mapped from {mapped.model.__name__} but no such table in warta.store.schema")
            continue
        from_models, in_ddl = set(mapped.names), set(ddl[mapped.table])
        if from_models - in_ddl:
            problems.append(f"{mapped.table}: no column for {sorted(from_models - in_ddl)} "
                            f"(from {mapped.model.__name__}'s fields): add them to a new migration")
        if in_ddl - from_models:
            problems.append(f"{mapped.table}: column(s) {sorted(in_ddl - from_models)} match no field of "
                            f"{mapped.model.__name__}: rename, map or drop them in warta.store.mapping")
        unknown = mapped.skipped - set(mapped.model.model_fields)
        if unknown:
            problems.append(f"{mapped.table}: skips {sorted(unknown)}, not fields of {mapped.model.__name__}")
    assert not problems, "\n".join(problems)


def test_a_new_model_field_without_a_column_is_named(monkeypatch: pytest.MonkeyPatch):
    """The agreement check names the field a model gained without a column (here a made-up `mood` on quotes)."""
    from pydantic import create_model

    from warta.record import Quote
    from warta.store import mapping

    grown = create_model("Quote", __base__=Quote, mood=(str | None, None))
    monkeypatch.setattr(mapping, "ALL_TABLES", (mapping._table("quotes", grown, ("article_id", "idx")),))
    with pytest.raises(AssertionError, match=r"quotes: no column for \['mood'\]"):
        test_the_tables_and_the_record_models_name_the_same_columns()


def test_rows_follow_the_mapped_columns(tmp_path: Path):
    """A stored article's columns hold the record's values under the names the mapping gives them."""
    a = _article()
    a.cited_sources = ["Reuters", "Xinhua"]
    with Store(tmp_path / "w.db") as s:
        s.save_article(a)
        row = s.conn.execute("SELECT source_path, source_format, cited_json, published_utc, n_mentions, entity_id, kb "
                             "FROM articles JOIN entities ON article_id = id").fetchone()
    assert tuple(row) == ("/x/a1.txt", "txt", '["Reuters", "Xinhua"]', "2023-03-21T07:35:00Z", 1,
                          "person:vladimir-putin", 1)
