"""list_quotes: the rows behind `warta quotes --db DB --speaker NAME`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from warta.quotes import list_quotes
from warta.record import Article, Quote, Source


def _article(article_id: str, published: str, quotes: list[Quote]) -> Article:
    return Article(
        id=article_id,
        source=Source(path=f"{article_id}.txt", format="txt", sha256=article_id * 8),
        title=f"Judul {article_id}",
        outlet="Warta Contoh",
        published=published,
        body="x" * 200,
        quotes=quotes,
    )


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    store_module = pytest.importorskip("warta.store")
    store = store_module.Store(tmp_path / "w.db")
    store.save_article(
        _article(
            "a1",
            "2025-01-02T08:00:00+07:00",
            [
                Quote(
                    text="Kami siap membantu",
                    start=1,
                    end=19,
                    speaker="Budi Santoso",
                    speaker_id="T:budi",
                    kind="direct",
                    cue="kata",
                    cited=["Reuters"],
                ),
                Quote(
                    text="harga beras stabil",
                    start=30,
                    end=48,
                    speaker="Çelik Özil",
                    speaker_id="T:ozil",
                    kind="indirect",
                    cue="mengatakan",
                ),
            ],
        )
    )
    store.save_article(
        _article(
            "a2",
            "2025-03-04T08:00:00+07:00",
            [
                Quote(
                    text="Pemilu berjalan jujur",
                    start=5,
                    end=26,
                    speaker="Budi Santoso",
                    speaker_id="T:budi",
                    kind="direct",
                ),
                Quote(text="Tidak ada komentar", start=40, end=58, speaker=None, speaker_id=None, kind="direct"),
            ],
        )
    )
    return store.conn


def test_all_quotes_newest_article_first(conn: sqlite3.Connection) -> None:
    rows = list_quotes(conn, None)
    assert [(r["article_id"], r["text"]) for r in rows] == [
        ("a2", "Pemilu berjalan jujur"),
        ("a2", "Tidak ada komentar"),
        ("a1", "Kami siap membantu"),
        ("a1", "harga beras stabil"),
    ]
    first = rows[2]
    assert first["title"] == "Judul a1" and first["outlet"] == "Warta Contoh"
    assert (first["start"], first["end"], first["kind"], first["cited"]) == (1, 19, "direct", ["Reuters"])


def test_speaker_by_name_part_any_case(conn: sqlite3.Connection) -> None:
    assert [r["article_id"] for r in list_quotes(conn, "budi")] == ["a2", "a1"]
    assert [r["article_id"] for r in list_quotes(conn, "SANTOSO")] == ["a2", "a1"]


def test_speaker_by_entity_id(conn: sqlite3.Connection) -> None:
    assert [r["text"] for r in list_quotes(conn, "t:BUDI")] == ["Pemilu berjalan jujur", "Kami siap membantu"]


def test_speaker_match_folds_non_ascii_case(conn: sqlite3.Connection) -> None:
    assert [r["speaker"] for r in list_quotes(conn, "ÖZIL")] == ["Çelik Özil"]


def test_newest_first_across_utc_offsets(tmp_path: Path) -> None:
    store_module = pytest.importorskip("warta.store")
    store = store_module.Store(tmp_path / "offsets.db")
    quote = Quote(text="Kami siap", start=0, end=9, speaker="Budi Santoso", speaker_id="T:budi", kind="direct")
    # 10:00 in Jakarta is 03:00 UTC, earlier than 08:00 in London although its string sorts later.
    store.save_article(_article("jkt", "2025-01-02T10:00:00+07:00", [quote]))
    store.save_article(_article("ldn", "2025-01-02T08:00:00+00:00", [quote]))
    assert [r["article_id"] for r in list_quotes(store.conn, "budi")] == ["ldn", "jkt"]


def test_unknown_speaker_gives_nothing(conn: sqlite3.Connection) -> None:
    assert list_quotes(conn, "Patrushev") == []
