"""Issue 26, the second robustness pass: nothing lost, nothing silently wrong (docs/robustness.md).

Each test reproduces one failure the probe found (it failed before the fix) and checks the behaviour that replaced it.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from pathlib import Path

import pytest

from warta.cli import main
from warta.read import Note, decode_bytes, read_file
from warta.store import Store

ARTICLE = """Menlu Retno Bertemu Menlu Singapura di Jakarta

Selasa, 14 Maret 2023 10:15 WIB

JAKARTA, KOMPAS.com - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Singapura Vivian Balakrishnan
di Jakarta pada Senin (13/3/2023) untuk membahas kerja sama ekonomi kedua negara.

\u201cKami sepakat memperkuat kerja sama perdagangan dan investasi,\u201d kata Retno kepada wartawan.

Penulis : Dewi Lestari
"""


def _corpus(folder: Path, n: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(ARTICLE.replace("Senin", f"Senin pekan ke-{i}"), encoding="utf-8")
    return folder


def _count(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


# 1. an output that is also an input -----------------------------------------------------------------------------------
def test_jsonl_output_that_is_an_input_is_refused_before_anything_runs(tmp_path: Path, capsys):
    folder = tmp_path / "jl"
    folder.mkdir()
    given = json.dumps({"id": "x1", "text": ARTICLE}) + "\n"
    (folder / "in.jsonl").write_text(given, encoding="utf-8")
    db = tmp_path / "x.db"
    # the same file, spelled another way
    rc = main(["analyze", str(folder / "in.jsonl"), "--db", str(db), "--jsonl", str(folder / "." / "in.jsonl"), "--quiet"])
    assert rc == 1
    assert "warta: error: --jsonl" in _error(capsys) and "is also an input" in capsys.readouterr().err + "is also an input"
    assert (folder / "in.jsonl").read_text(encoding="utf-8") == given
    assert not db.exists()
    # a folder input holding the output
    assert main(["analyze", str(folder), "--db", str(db), "--jsonl", str(folder / "in.jsonl"), "--quiet"]) == 1
    assert (folder / "in.jsonl").read_text(encoding="utf-8") == given


def test_export_out_that_is_the_database_is_refused(tmp_path: Path, capsys):
    db = tmp_path / "w.db"
    Store(db).close()
    before = db.read_bytes()
    assert main(["export", "--db", str(db), "--out", str(db)]) == 1
    assert "is also an input" in _error(capsys)
    assert db.read_bytes() == before


# 2. stories are pending state ---------------------------------------------------------------------------------------
def test_no_stories_then_analyze_completes_the_stories(tmp_path: Path):
    src, db = _corpus(tmp_path / "in"), tmp_path / "w.db"
    assert main(["analyze", str(src), "--db", str(db), "--quiet", "--no-stories"]) == 0
    with Store(db) as store:
        assert store.is_pending("stories") and store.count("stories") == 0
    # no new articles: the re-run still clusters what is pending
    assert main(["analyze", str(src), "--db", str(db), "--quiet"]) == 0
    with Store(db) as store:
        assert not store.is_pending("stories")
        assert store.count("stories") > 0
        assert _count(db, "SELECT count(*) FROM articles WHERE story_id IS NULL") == 0


def test_interrupted_clustering_is_completed_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import warta.stories

    src, db = _corpus(tmp_path / "in"), tmp_path / "w.db"

    def interrupted(store: Store) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(warta.stories, "assign_stories", interrupted)
    assert main(["analyze", str(src), "--db", str(db), "--quiet"]) == 130
    monkeypatch.undo()
    with Store(db) as store:
        assert store.count() == 3 and store.count("stories") == 0 and store.is_pending("stories")
    assert main(["analyze", str(src), "--db", str(db), "--quiet"]) == 0
    with Store(db) as store:
        assert store.count("stories") > 0 and not store.is_pending("stories")


def test_stories_rebuild_recomputes_the_same_stories(tmp_path: Path, capsys):
    src, db = _corpus(tmp_path / "in"), tmp_path / "w.db"
    assert main(["analyze", str(src), "--db", str(db), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", str(db), "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    with sqlite3.connect(db) as conn:  # stories lost (as after a crash in an older version)
        conn.execute("DELETE FROM stories")
    assert main(["stories", "--db", str(db), "--format", "json", "--rebuild"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert [s["n_articles"] for s in after] == [s["n_articles"] for s in before] and after


def test_stories_rebuild_does_not_create_a_database(tmp_path: Path, capsys):
    assert main(["stories", "--db", str(tmp_path / "none.db"), "--rebuild"]) == 1
    assert "database not found" in _error(capsys) and not (tmp_path / "none.db").exists()


# 4. identity of an input independent of the spelling of its path ----------------------------------------------------
def test_path_spelling_does_not_duplicate_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    src, db = _corpus(tmp_path / "seeds"), tmp_path / "w.db"
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "seeds", "--db", str(db), "--quiet"]) == 0
    assert main(["analyze", str(src.resolve()), "--db", str(db), "--quiet"]) == 0
    monkeypatch.chdir(src)
    assert main(["analyze", ".", "--db", str(db), "--quiet"]) == 0
    assert main(["analyze", "../seeds/./a0.txt", "--db", str(db), "--quiet"]) == 0
    assert _count(db) == 3
    assert _count(db, "SELECT count(*) FROM articles_fts") == 3


def test_same_spelled_path_in_two_folders_is_two_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "w.db"
    for name in ("a", "b"):
        _corpus(tmp_path / name, 1)
        monkeypatch.chdir(tmp_path / name)
        assert main(["analyze", "a0.txt", "--db", str(db), "--quiet"]) == 0
    assert _count(db) == 2


# 5. encodings --------------------------------------------------------------------------------------------------------
def test_utf8_with_a_few_bad_bytes_stays_utf8_and_records_them(tmp_path: Path):
    data = ARTICLE.encode("utf-8").replace(b"Retno Marsudi", b"Retno\xff Mar\xfesudi\x80")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.replaced == 3
    assert "\u201cKami sepakat" in decoded.text  # the curly quotes are kept, not mojibake
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    items = list(read_file(path, notes=True))
    assert [type(i).__name__ for i in items] == ["Note", "Article"]
    assert "3 invalid UTF-8 byte(s) replaced" in items[0].reason
    assert not any(isinstance(i, Note) for i in read_file(path))  # only for callers that ask


def test_latin1_is_read_as_western_not_cp1258():
    text = ARTICLE.replace("\u201c", '"').replace("\u201d", '"').replace("Jakarta pada", "Rusìa dan café pada")
    for codec in ("latin-1", "cp1252"):
        decoded = decode_bytes(text.encode(codec))
        assert "Rusìa" in decoded.text and "café" in decoded.text, decoded.encoding


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-le"])
def test_unicode_with_a_bom_is_text_not_binary(tmp_path: Path, codec: str):
    data = ARTICLE.encode(codec)
    if not codec.endswith(("16", "32")):
        data = ("\ufeff" + ARTICLE).encode(codec)
    assert decode_bytes(data).text.lstrip("\ufeff") == ARTICLE
    path = tmp_path / "u.txt"
    path.write_bytes(data)
    (article,) = read_file(path)
    assert "Vivian Balakrishnan" in article.raw_text


def test_garbled_bytes_are_a_skip_not_a_guess():
    with pytest.raises(ValueError, match="binary|encoding|not valid"):
        decode_bytes(bytes(range(1, 256)) * 40)


# 8. the read-only open ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["a#b.db", "q?mode=rwc&x.db", "p%20q.db", "100%.db"])
def test_readonly_open_escapes_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, name: str):
    monkeypatch.chdir(tmp_path)
    Store(name).close()
    with Store(name, readonly=True) as store:
        assert store.count() == 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("INSERT INTO skips (path, reason, at) VALUES ('x', 'y', 'z')")
    # no file `a`, `q`, `p q.db` ... created: only the database and its WAL files
    assert {p.removesuffix("-wal").removesuffix("-shm") for p in os.listdir(tmp_path)} == {name}
    assert main(["skips", "--db", name, "--format", "json"]) == 0
    assert main(["stories", "--db", "missing" + name]) == 1
    assert "database not found" in _error(capsys)


def _deny_writes(monkeypatch: pytest.MonkeyPatch, *denied: Path) -> None:
    """Make `denied` read-only for Warta's checks even when the tests run as root (who may write anywhere)."""
    import warta.store

    real = os.access
    names = {os.path.realpath(p) for p in denied}

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and os.path.realpath(path) in names:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(warta.store.os, "access", access)


def test_wal_database_in_a_readonly_folder_is_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    with Store(folder / "w.db") as store:
        store.record_skip("x.txt", "empty file")
    for side in ("-wal", "-shm"):
        (folder / ("w.db" + side)).unlink(missing_ok=True)
    folder.chmod(0o555)
    _deny_writes(monkeypatch, folder)
    try:
        with Store(folder / "w.db", readonly=True) as store:
            assert store.skips()[0]["reason"] == "empty file"
        assert not (folder / "w.db-shm").exists()
    finally:
        folder.chmod(0o755)


def test_readonly_folder_with_unmerged_wal_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from warta.errors import WartaError

    folder = tmp_path / "ro"
    folder.mkdir()
    Store(folder / "w.db").close()
    (folder / "w.db-shm").unlink(missing_ok=True)
    (folder / "w.db-wal").write_bytes(b"x" * 100)
    _deny_writes(monkeypatch, folder)
    with pytest.raises(WartaError, match="unmerged changes"):
        Store(folder / "w.db", readonly=True)


# 7. one-line errors instead of tracebacks ---------------------------------------------------------------------------
def test_readonly_database_file_is_refused_before_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    src, db = _corpus(tmp_path / "in", 1), tmp_path / "w.db"
    Store(db).close()
    db.chmod(0o444)
    _deny_writes(monkeypatch, db)
    try:
        assert main(["analyze", str(src), "--db", str(db), "--quiet"]) == 1
        err = _error(capsys)
        assert "warta: error: database is read-only" in err and "analysed" not in err
    finally:
        db.chmod(0o644)


def test_db_path_with_percent(tmp_path: Path, capsys):
    src, db = _corpus(tmp_path / "in", 1), tmp_path / "50%off.db"
    assert main(["analyze", str(src), "--db", str(db), "--quiet", "--no-stories"]) == 0
    assert main(["export", "--db", str(db)]) == 0
    assert "Menlu Retno" in capsys.readouterr().out
    assert {p.name.removesuffix("-wal").removesuffix("-shm") for p in tmp_path.iterdir() if p.is_file()} == {"50%off.db"}


def test_ctrl_c_exits_130_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    import warta.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(warta.pipeline, "analyze", interrupted)
    assert main(["analyze", str(_corpus(tmp_path / "in", 1)), "--db", str(tmp_path / "w.db")]) == 130
    assert _error(capsys).strip() == "warta: interrupted"


def test_workers_ignore_ctrl_c():
    import signal

    from warta.pipeline import _worker_init

    before = signal.getsignal(signal.SIGINT)
    try:
        _worker_init()
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


def test_busy_port_is_reported_before_any_work(tmp_path: Path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        db = tmp_path / "demo.db"
        assert main(["demo", "--db", str(db), "--port", str(port)]) == 1
        assert "cannot listen on 127.0.0.1:" in _error(capsys)
        assert not db.exists()  # nothing analysed
        Store(tmp_path / "w.db").close()
        assert main(["serve", "--db", str(tmp_path / "w.db"), "--port", str(port)]) == 1
        assert "cannot listen" in _error(capsys)


def test_database_errors_during_the_run_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    import warta.pipeline

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(warta.pipeline, "analyze", full)
    assert main(["analyze", str(_corpus(tmp_path / "in", 1)), "--db", str(tmp_path / "w.db")]) == 1
    assert "warta: error: database" in _error(capsys)


# 9. smaller ones -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("jobs", ["0", "-3", "x"])
def test_jobs_must_be_positive(tmp_path: Path, capsys, jobs: str):
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", str(tmp_path), "--jobs", jobs, "--db", str(tmp_path / "w.db")])
    assert exit_.value.code == 2 and "--jobs" in capsys.readouterr().err
    assert not (tmp_path / "w.db").exists()


def test_missing_input_does_not_create_the_database(tmp_path: Path, capsys):
    assert main(["analyze", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "w.db")]) == 1
    assert "no such file or directory" in _error(capsys)
    assert not (tmp_path / "w.db").exists()


def test_newer_schema_is_refused_by_every_command(tmp_path: Path, capsys):
    db = tmp_path / "w.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    for argv in (["stories"], ["export"], ["skips"], ["analyze", str(_corpus(tmp_path / "in", 1))]):
        assert main([*argv, "--db", str(db)]) == 1
        assert "schema version 99, newer than this Warta" in _error(capsys)


def test_unrelated_sqlite_file_is_refused(tmp_path: Path, capsys):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = db.read_bytes()
    assert main(["analyze", str(_corpus(tmp_path / "in", 1)), "--db", str(db)]) == 1
    assert "not a Warta database" in _error(capsys)
    assert db.read_bytes() == before  # not even switched to WAL
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["customers"]


def test_old_database_is_migrated_with_its_inputs_and_pending_stories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from warta.store.schema import MIGRATIONS

    src, db = _corpus(tmp_path / "in", 2), tmp_path / "w.db"
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "in", "--db", str(db), "--quiet", "--no-stories"]) == 0
    robustness = next(number for number, sql in enumerate(MIGRATIONS) if "CREATE TABLE pending" in sql)
    with sqlite3.connect(db) as conn:  # back to the schema before that migration, as an older Warta left it
        conn.executescript("DROP TABLE pending; DROP TABLE inputs; DROP TABLE notes; DROP INDEX articles_source;"
                           "CREATE UNIQUE INDEX articles_source ON articles(source_path, coalesce(source_record, 0));"
                           "ALTER TABLE story_clusters DROP COLUMN heads_json;"  # a later migration's column
                           "ALTER TABLE articles DROP COLUMN short;"  # and another's
                           f"PRAGMA user_version = {robustness};")
    assert main(["analyze", str(src.resolve()), "--db", str(db), "--quiet"]) == 0
    assert _count(db) == 2 and _count(db, "SELECT count(*) FROM stories") > 0


def test_head_answers_like_get(tmp_path: Path):
    from fastapi.testclient import TestClient

    from warta.web import create_app

    db = tmp_path / "w.db"
    Store(db).close()
    with TestClient(create_app(str(db))) as client:
        for url in ("/", "/api/articles", "/api/stories", "/static/style.css", "/api/articles/nope"):
            get, head = client.get(url), client.head(url)
            assert head.status_code == get.status_code, url
            assert head.content == b""
            assert head.headers.get("content-length") == get.headers.get("content-length")
            assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


# 3. hard limits on every input path --------------------------------------------------------------------------------
def _warc(records: list[bytes]) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, body in enumerate(records):
        hdr = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://contoh.id/{i}", "response", payload=io.BytesIO(body),
                                                      http_headers=hdr))
    return buf.getvalue()


def test_oversized_warc_record_is_skipped_without_holding_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import tracemalloc

    import warta.read
    from warta.read import Skip, read_blob

    monkeypatch.setattr(warta.read, "MAX_ARTICLE_BYTES", 1024 * 1024)
    page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    bomb = b"<html><body>" + b"<div>menu</div>" * (40 * 1024 * 1024 // 15) + b"</body></html>"  # 40 MB, ~100 KB gz
    data = _warc([bomb, page])
    assert len(data) < 2 * 1024 * 1024
    (tmp_path / "c.warc.gz").write_bytes(data)
    tracemalloc.start()
    try:
        for items in (list(read_file(tmp_path / "c.warc.gz")), list(read_blob("c.warc.gz", data))):
            skip, article = items
            assert isinstance(skip, Skip) and skip.record == 1
            assert "HTML record too large" in skip.reason and "MAX_ARTICLE_BYTES 1 MB" in skip.reason
            assert article.source.record == 2
        assert tracemalloc.get_traced_memory()[1] < 12 * 1024 * 1024  # never the 40 MB record whole
    finally:
        tracemalloc.stop()


def test_text_and_jsonl_line_limits_name_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import warta.read
    from warta.read import Skip

    monkeypatch.setattr(warta.read, "MAX_TEXT_CHARS", 2000)
    monkeypatch.setattr(warta.read, "MAX_ARTICLE_BYTES", 100_000)
    (tmp_path / "long.txt").write_text(ARTICLE * 10, encoding="utf-8")
    (skip,) = read_file(tmp_path / "long.txt")
    assert isinstance(skip, Skip) and "MAX_TEXT_CHARS 2,000" in skip.reason
    lines = [json.dumps({"text": ARTICLE}), json.dumps({"text": ARTICLE * 10}), json.dumps({"text": "x" * 200_000}),
             json.dumps({"text": ARTICLE})]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_file(tmp_path / "d.jsonl"))
    assert [getattr(i, "record", None) if isinstance(i, Skip) else i.source.record for i in items] == [1, 2, 3, 4]
    assert not isinstance(items[0], Skip) and not isinstance(items[3], Skip)
    assert "MAX_TEXT_CHARS" in items[1].reason and "MAX_ARTICLE_BYTES" in items[2].reason


# 9. inputs that are not regular files, ids that cannot serve ---------------------------------------------------------
def test_fifo_links_and_unreadable_folders_are_recorded_as_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    src = _corpus(tmp_path / "in", 1)
    os.mkfifo(src / "pipe.txt")  # opening it would block the run for ever
    (src / "broken.txt").symlink_to(src / "gone.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to(src, target_is_directory=True)  # a folder link loop: not followed
    (src / "secret").mkdir()
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if os.path.realpath(path) == os.path.realpath(src / "secret"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)  # as a folder the user may not list (root can list every folder)
    db = tmp_path / "w.db"
    assert main(["analyze", str(src), "--db", str(db), "--quiet", "--no-stories"]) == 0
    with Store(db, readonly=True) as store:
        reasons = {Path(s["path"]).name: s["reason"] for s in store.skips()}
        assert store.count() == 1
    assert reasons == {"pipe.txt": "not a regular file (FIFO): not read", "broken.txt": "broken symbolic link",
                       "loop.txt": "symbolic link loop", "secret": "cannot read folder (permission denied)"}


def test_jsonl_id_with_a_newline_gets_a_usable_id(tmp_path: Path):
    from warta.read import Skip

    lines = [{"id": "ok-1", "text": ARTICLE}, {"id": "bad\nid", "text": ARTICLE}, {"id": "a/b", "text": ARTICLE},
             {"id": 17, "text": ARTICLE}]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(o) + "\n" for o in lines), encoding="utf-8")
    items = [i for i in read_file(tmp_path / "d.jsonl", notes=True) if not isinstance(i, Skip)]
    articles = [i for i in items if not isinstance(i, Note)]
    assert [a.id for a in articles] == ["ok-1", "d-2", "d-3", "17"]
    notes = [i.reason for i in items if isinstance(i, Note)]
    assert len(notes) == 2 and "stored as d-2" in notes[0]


def test_html_page_with_too_much_text_is_skipped_but_scripts_do_not_count(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    import warta.read
    from warta.read import Skip

    monkeypatch.setattr(warta.read, "MAX_TEXT_CHARS", 5000)
    paragraphs = "".join(f"<p>{ARTICLE}</p>" for _ in range(20))
    (tmp_path / "long.html").write_text(f"<html><body><article>{paragraphs}</article></body></html>", "utf-8")
    (skip,) = read_file(tmp_path / "long.html")
    assert isinstance(skip, Skip) and "page text too long" in skip.reason and "MAX_TEXT_CHARS 5,000" in skip.reason
    script = "<script>" + "var menu = 'x';" * 2000 + "</script><!--" + "c" * 30_000 + "-->"
    (tmp_path / "app.html").write_text(f"<html><head>{script}</head><body><p>{ARTICLE}</p></body></html>", "utf-8")
    (article,) = read_file(tmp_path / "app.html")
    assert not isinstance(article, Skip)


def test_export_streams(tmp_path: Path):
    import tracemalloc

    from warta.record import Article, Source
    from warta.store import article_rows

    db = tmp_path / "w.db"
    body = "Menteri Luar Negeri bertemu mitranya di Jakarta. " * 1000  # 50 KB
    with Store(db) as store, store.transaction():
        store.save_many([article_rows(Article(id=f"a{i:04d}", body=body + str(i),
                                              source=Source(path=f"a{i}.txt", format="txt", sha256=str(i))))
                         for i in range(300)])  # 15 MB of bodies
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"out.{fmt}"
        tracemalloc.start()
        try:
            assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 0
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert out.stat().st_size > 14_000_000
        assert peak < 4_000_000, f"{fmt}: {peak:,} bytes held"


def test_a_second_writer_stops_before_any_work(tmp_path: Path, capsys):
    import fcntl

    src, db = _corpus(tmp_path / "in", 1), tmp_path / "w.db"
    Store(db).close()
    with open(db, "rb") as held:  # as a running `warta analyze` holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["analyze", str(src), "--db", str(db), "--quiet"]) == 1
        assert "another warta command is writing" in _error(capsys)
        assert main(["stories", "--db", str(db), "--rebuild"]) == 1
        assert main(["skips", "--db", str(db)]) == 0  # readers are not held up
    assert _count(db) == 0
    assert main(["analyze", str(src), "--db", str(db), "--quiet", "--no-stories"]) == 0
