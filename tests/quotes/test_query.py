"""list_quotes: the rows behind `warta quotes --db DB --speaker NAME`, `/api/quotes` and the quotes page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warta.record import Article, Quote, Source
from warta.store import Store, queries


def list_quotes(store: Store, speaker: str | None) -> list[dict[str, Any]]:
    return queries.list_quotes(store, speaker=speaker)["items"]


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
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "w.db")
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
    yield store
    store.close()


def test_all_quotes_newest_article_first(store: Store) -> None:
    rows = list_quotes(store, None)
    assert [(r["article_id"], r["text"]) for r in rows] == [
        ("a2", "Pemilu berjalan jujur"),
        ("a2", "Tidak ada komentar"),
        ("a1", "Kami siap membantu"),
        ("a1", "harga beras stabil"),
    ]
    first = rows[2]
    assert first["title"] == "Judul a1" and first["outlet"] == "Warta Contoh"
    assert (first["start"], first["end"], first["kind"], first["cited"]) == (1, 19, "direct", ["Reuters"])


def test_speaker_by_name_part_any_case(store: Store) -> None:
    assert [r["article_id"] for r in list_quotes(store, "budi")] == ["a2", "a1"]
    assert [r["article_id"] for r in list_quotes(store, "SANTOSO")] == ["a2", "a1"]


def test_speaker_by_entity_id(store: Store) -> None:
    assert [r["text"] for r in list_quotes(store, "t:BUDI")] == ["Pemilu berjalan jujur", "Kami siap membantu"]


def test_speaker_match_folds_non_ascii_case(store: Store) -> None:
    assert [r["speaker"] for r in list_quotes(store, "ÖZIL")] == ["Çelik Özil"]


def test_newest_first_across_utc_offsets(tmp_path: Path) -> None:
    store = Store(tmp_path / "offsets.db")
    quote = Quote(text="Kami siap", start=0, end=9, speaker="Budi Santoso", speaker_id="T:budi", kind="direct")
    # 10:00 in Jakarta is 03:00 UTC, earlier than 08:00 in London although its string sorts later.
    store.save_article(_article("jkt", "2025-01-02T10:00:00+07:00", [quote]))
    store.save_article(_article("ldn", "2025-01-02T08:00:00+00:00", [quote]))
    assert [r["article_id"] for r in list_quotes(store, "budi")] == ["ldn", "jkt"]


def test_unknown_speaker_gives_nothing(store: Store) -> None:
    assert list_quotes(store, "Patrushev") == []


def test_paging_counts_every_match(store: Store) -> None:
    page = queries.list_quotes(store, speaker="budi", limit=1, offset=1)
    assert (page["total"], [q["text"] for q in page["items"]]) == (2, ["Kami siap membantu"])


@pytest.mark.parametrize("speaker", ["özil", "ÖZIL", "t:OZIL"])
def test_the_api_and_the_cli_give_the_same_quotes(store: Store, speaker: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`/api/quotes?speaker=özil` once found nothing (SQLite's LIKE folds ASCII only) while the CLI found "Özil"."""
    from fastapi.testclient import TestClient

    from warta.cli import main
    from warta.web import create_app

    assert main(["quotes", "--db", str(store.path), "--speaker", speaker, "--format", "json"]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    with TestClient(create_app(str(store.path))) as client:
        from_api = client.get("/api/quotes", params={"speaker": speaker}).json()["items"]
    assert [q["speaker"] for q in from_cli] == ["Çelik Özil"]
    assert [{k: q[k] for k in from_cli[0]} for q in from_api] == from_cli
