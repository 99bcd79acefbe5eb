"""The dashboard in Bahasa Indonesia and English: how the language is chosen, that every page has it right, and that
the shipped catalog is the compilation of its .po."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.web import create_app
from warta.web.i18n import LOCALE_DIR, choose, from_accept_language
from warta.web.labels import entity_label

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/articles", "/articles/kompas-2023-03-21-xi-putin", "/entities", "/entities/person:xi-jinping",
         "/stories", "/stories/story-xi-moskow", "/quotes", "/events", "/map", "/themes", "/collector",
         "/dyad/RUS/CHN", "/search?q=Putin", "/docs"]


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([a-z]+)"', html)
    assert found, "the page has no lang attribute"
    return found.group(1)


def test_accept_language_and_the_order_of_choices() -> None:
    assert from_accept_language("id-ID,id;q=0.9,en-US;q=0.8") == "id"
    assert from_accept_language("en-GB,en;q=0.9,id;q=0.8") == "en"
    assert from_accept_language("fr-FR,fr;q=0.9,id;q=0.5,en;q=0.4") == "id"
    assert from_accept_language("in") == "id" and from_accept_language("de") is None
    assert from_accept_language("id;q=0") is None and from_accept_language("") is None
    assert choose("en", "id", "id", "id") == "en"  # ?lang= first
    assert choose(None, "en", "id", "id") == "en"  # then the cookie
    assert choose(None, None, "id", "en") == "id"  # then warta serve --lang
    assert choose("xx", None, None, "id-ID") == "id"  # then Accept-Language; unknown values are ignored


def test_switch_is_remembered_in_a_cookie(sample_db: Path) -> None:
    with TestClient(create_app(str(sample_db))) as client:
        first = client.get("/map?lang=id")
        assert _lang(first.text) == "id" and first.headers["content-language"] == "id"
        assert "warta_lang=id" in first.headers["set-cookie"]
        assert _lang(client.get("/entities").text) == "id"  # the cookie carries the choice
        assert _lang(client.get("/entities?lang=en").text) == "en"


def test_server_language_is_the_default(sample_db: Path) -> None:
    with TestClient(create_app(str(sample_db), lang="id")) as client:
        assert _lang(client.get("/").text) == "id"
        assert _lang(client.get("/", headers={"Accept-Language": "en"}).text) == "id"  # the server's choice wins
        assert _lang(client.get("/?lang=en").text) == "en"


@pytest.mark.parametrize("url", PAGES)
def test_every_page_in_both_languages(sample_db: Path, url: str) -> None:
    with TestClient(create_app(str(sample_db))) as client:
        indonesian = client.get(url, headers={"Accept-Language": "id"})
        english = client.get(url, headers={"Accept-Language": "en"})
    assert indonesian.status_code == english.status_code == 200
    assert (_lang(indonesian.text), _lang(english.text)) == ("id", "en")
    assert ">Peta</a>" in indonesian.text and ">Map</a>" in english.text  # the menu
    assert "Cari berita…" in indonesian.text


def test_quoted_text_is_marked_indonesian(client: TestClient) -> None:
    html = client.get("/articles/kompas-2023-03-21-xi-putin").text  # an English page over an Indonesian article
    assert _lang(html) == "en"
    assert re.search(r'<div class="body" id="article-body" lang="id">', html)
    assert re.search(r'<p lang="id">“', html)  # a quote


def test_entity_names_in_the_readers_language(client: TestClient) -> None:
    assert entity_label("city:moscow", "Moscow", "id") == "Moskow"
    assert entity_label("city:moscow", "Moscow", "en") == "Moscow"
    assert entity_label("org:kpu", "General Elections Commission", "id") == "Komisi Pemilihan Umum"
    assert entity_label("country:RUS", None, "id") == "Rusia" and entity_label("country:RUS", None, "en") == "Russia"
    assert entity_label("person:xi-jinping", "Xi Jinping", "id") == "Xi Jinping"
    for name in ("Tiongkok", "China"):  # the Indonesian and the English name find the entity
        assert "/entities/country:CHN" in client.get("/entities", params={"q": name}).text


def test_shipped_catalog_is_the_compilation_of_its_po(tmp_path: Path) -> None:
    po = LOCALE_DIR / "id" / "LC_MESSAGES" / "warta.po"
    out = tmp_path / "warta.mo"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "compile", "-D", "warta", "-i", str(po),
                    "-o", str(out), "-l", "id"], check=True, capture_output=True)
    assert out.read_bytes() == (po.parent / "warta.mo").read_bytes(), "run scripts/build_messages.sh compile"


def test_every_message_is_translated() -> None:
    from babel.messages.pofile import read_po

    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "warta.po").open("rb") as handle:
        catalog = read_po(handle)
    with (LOCALE_DIR / "warta.pot").open("rb") as handle:
        template = read_po(handle)
    assert {m.id for m in template if m.id} <= {m.id for m in catalog if m.id and m.string}


def test_serve_takes_a_language(capsys: pytest.CaptureFixture[str]) -> None:
    from warta.cli import main

    with pytest.raises(SystemExit) as info:
        main(["serve", "--lang", "fr"])
    assert info.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "--lang {id,en}" in capsys.readouterr().out
