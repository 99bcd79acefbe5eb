"""Issue 26 item 9: the API exposed local source paths; an id with a newline (from a file name) was linked but 404'd.

The API and the pages show a source's file name, not where it lies on the analysing machine, unless the server is
started with `--show-paths`; every id a reader gives is one a URL can carry.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.pipeline import analyze
from warta.read import read_file
from warta.store import Store

ARTICLE = """Menlu Retno Bertemu Menlu Singapura di Jakarta

Selasa, 14 Maret 2023 10:15 WIB

JAKARTA, KOMPAS.com - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Singapura Vivian Balakrishnan
di Jakarta pada Senin (13/3/2023) untuk membahas kerja sama ekonomi kedua negara.

\u201cKami sepakat memperkuat kerja sama perdagangan dan investasi,\u201d kata Retno kepada wartawan.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("private-home") / "laporan rahasia"
    folder.mkdir()
    (folder / "retno.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "baris\nbaru.txt").write_text(ARTICLE.replace("Senin", "Selasa"), encoding="utf-8")
    path = folder.parent / "w.db"
    with Store(path) as store:
        assert analyze([str(folder)], store, progress=False).ok
    return path


def _client(db: Path, show_paths: bool = False) -> TestClient:
    from warta.web import create_app

    return TestClient(create_app(str(db), show_paths=show_paths))


def test_the_api_and_the_page_show_the_file_name_only(db: Path):
    with _client(db) as client:
        record = client.get("/api/articles/retno").json()
        assert record["source"]["path"] == "retno.txt"
        page = client.get("/articles/retno").text
        assert "retno.txt" in page and "laporan rahasia" not in page and "private-home" not in page
        assert "laporan rahasia" not in client.get("/api/search", params={"q": "Retno"}).text


def test_show_paths_shows_the_path_as_given(db: Path):
    with _client(db, show_paths=True) as client:
        record = client.get("/api/articles/retno").json()
        assert record["source"]["path"].endswith("laporan rahasia/retno.txt")


def test_serve_has_a_show_paths_option():
    from warta.cli import build_parser

    parser: argparse.ArgumentParser = build_parser()
    assert parser.parse_args(["serve", "--show-paths"]).show_paths is True
    assert parser.parse_args(["serve"]).show_paths is False


def test_a_file_name_with_a_newline_gives_an_id_a_url_can_carry(db: Path, tmp_path: Path):
    (tmp_path / "baris\nbaru.txt").write_text(ARTICLE, encoding="utf-8")
    (article,) = read_file(tmp_path / "baris\nbaru.txt")
    assert article.id == "baris_baru"
    with _client(db) as client:
        ids = [item["id"] for item in client.get("/api/articles").json()["items"]]
        assert sorted(ids) == ["baris_baru", "retno"]
        for art_id in ids:  # every listed id opens
            assert client.get(f"/api/articles/{art_id}").status_code == 200
            assert client.get(f"/articles/{art_id}").status_code == 200
