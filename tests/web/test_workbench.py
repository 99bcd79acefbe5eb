"""The analyst's workbench (issue 23): names resolve through the knowledge base everywhere, the search language,
the events explorer and the dyad index, and CSV downloads of every list."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from workbench_db import build_workbench_db

from warta.store import Store, queries

JOKOWI = "antara-2023-04-03-jokowi-tiongkok"
XI_PUTIN = {"kompas-2023-03-21-xi-putin", "tempo-2023-03-22-xi-moskow"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbench_db(tmp_path_factory.mktemp("workbench") / "workbench.db")


@pytest.fixture(scope="module")
def wb(db_path: Path) -> Iterator[TestClient]:
    from warta.web import create_app

    with TestClient(create_app(str(db_path))) as client:
        yield client


@pytest.fixture()
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path, readonly=True) as opened:
        yield opened


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# resolution --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Tiongkok", "tiongkok", "China", "CINA", "country:CHN"])
def test_any_alias_resolves_to_the_entity(store: Store, name: str) -> None:
    assert "country:CHN" in queries.resolve_entity(store, name)


def test_unknown_names_resolve_to_nothing(store: Store) -> None:
    assert queries.resolve_entity(store, "Narnia") == []
    assert queries.resolve_entity(store, "  ") == []


@pytest.mark.parametrize(("name", "code"), [("Rusia", "RUS"), ("russia", "RUS"), ("RUS", "RUS"), ("Tiongkok", "CHN"),
                                            ("Amerika", "USA"), ("Narnia", None), ("XYZ", None)])
def test_country_names_resolve_to_codes(name: str, code: str | None) -> None:
    assert queries.resolve_country(name) == code


# search ------------------------------------------------------------------------------------------------------------
def test_a_term_naming_an_entity_finds_its_other_names(wb: TestClient) -> None:
    body = wb.get("/api/search", params={"q": "Tiongkok"}).json()
    ids = {item["id"] for item in body["items"]}
    # "Tiongkok" is written in one article only; the others say "China"
    assert JOKOWI in ids and ids >= XI_PUTIN and "detik-2022-03-30-lavrov-wang-yi" in ids
    assert {"term": "Tiongkok", "id": "country:CHN", "name": "China"} in body["entities"]


def test_english_names_find_indonesian_text(wb: TestClient) -> None:
    ids = {item["id"] for item in wb.get("/api/search", params={"q": "Russia"}).json()["items"]}
    assert ids >= XI_PUTIN


def test_plain_words_name_no_entity(wb: TestClient) -> None:
    body = wb.get("/api/search", params={"q": "perundingan"}).json()
    assert body["entities"] == [] and body["total"] == 1


@pytest.mark.parametrize(("q", "expected"), [
    ("Lavrov OR Blinken", {"detik-2022-03-30-lavrov-wang-yi", "cnn-2023-02-19-blinken"}),
    ("Putin -Kremlin", {"tempo-2023-03-22-xi-moskow"}),
    ("Putin NOT Kremlin", {"tempo-2023-03-22-xi-moskow"}),
    ('"titik terbaik"', {"tempo-2023-03-22-xi-moskow"}),
    ('"terbaik titik"', set()),
    ("Putin AND Kremlin", {"kompas-2023-03-21-xi-putin"}),
    ("(Lavrov OR Blinken) senjata", {"cnn-2023-02-19-blinken"}),
    ("perund*", {"kompas-2023-03-21-xi-putin"}),
])
def test_query_syntax(wb: TestClient, q: str, expected: set[str]) -> None:
    response = wb.get("/api/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert {item["id"] for item in response.json()["items"]} == expected


def test_lowercase_operators_are_words() -> None:
    fts, _ = queries.parse_query(None, "Rusia or Ukraina")
    assert fts == '("Rusia" AND "or" AND "Ukraina")'


@pytest.mark.parametrize("q", ['x" OR title:*', "a) OR (b", 'NEAR("a" "b")', "Putin; DROP TABLE articles", "Putin'--"])
def test_user_text_never_becomes_fts5_syntax(q: str) -> None:
    fts, _ = queries.parse_query(None, q)
    # outside the quoted strings only the operators and parentheses the parser wrote remain
    outside = "".join(part for i, part in enumerate(fts.split('"')) if i % 2 == 0)
    written = outside.replace("AND", "").replace("OR", "").replace("NOT", "").replace("NEAR", "")
    assert set(written) <= set("() *,0123456789")


@pytest.mark.parametrize("q", ["-Putin", "NOT Putin", "(((", '"'])
def test_nothing_left_to_find_is_400(wb: TestClient, q: str) -> None:
    response = wb.get("/api/search", params={"q": q})
    assert response.status_code == 400
    assert "no words" in response.json()["detail"]


def test_search_sort_by_date_and_date_range(wb: TestClient) -> None:
    newest = [i["id"] for i in wb.get("/api/search", params={"q": "China", "sort": "date"}).json()["items"]]
    assert newest[0] == JOKOWI and newest[-1] == "detik-2022-03-30-lavrov-wang-yi"
    ranged = wb.get("/api/search", params={"q": "China", "from": "2023-03-01", "to": "2023-03-21"}).json()
    assert {i["id"] for i in ranged["items"]} == {"kompas-2023-03-21-xi-putin"}
    assert wb.get("/api/search", params={"q": "China", "from": "2023-02-30"}).status_code == 422
    assert wb.get("/api/search", params={"q": "China", "sort": "rank"}).status_code == 422


# filters -----------------------------------------------------------------------------------------------------------
def test_article_entity_filter_resolves_aliases(wb: TestClient) -> None:
    by_alias = {i["id"] for i in wb.get("/api/articles", params={"entity": "Tiongkok", "limit": 50}).json()["items"]}
    by_id = {i["id"] for i in wb.get("/api/articles", params={"entity": "country:CHN", "limit": 50}).json()["items"]}
    assert by_alias == by_id and len(by_id) == 5


@pytest.mark.parametrize(("q", "entity_id"), [("Jokowi", "person:joko-widodo"), ("Russia", "country:RUS"),
                                               ("Tiongkok", "country:CHN"), ("cina", "country:CHN")])
def test_entity_list_finds_aliases(wb: TestClient, q: str, entity_id: str) -> None:
    assert entity_id in {e["id"] for e in wb.get("/api/entities", params={"q": q}).json()["items"]}


def test_quotes_by_speaker_alias(wb: TestClient, store: Store) -> None:
    body = wb.get("/api/quotes", params={"speaker": "Joko Widodo"}).json()
    assert [q["article_id"] for q in body["items"]] == [JOKOWI] and body["note"] is None
    assert queries.list_quotes(store, speaker="jokowi")["total"] == 1
    assert wb.get("/api/quotes", params={"speaker": "JOKOWI"}).json()["total"] == 1


def test_quotes_by_unknown_speaker_say_why(wb: TestClient) -> None:
    body = wb.get("/api/quotes", params={"speaker": "Narnia"}).json()
    assert body["total"] == 0 and "Narnia" in body["note"]
    page = wb.get("/quotes", params={"speaker": "Narnia"})
    assert "No quotes by" in page.text


# events explorer ---------------------------------------------------------------------------------------------------
def test_events_filters(wb: TestClient) -> None:
    everything = wb.get("/api/events").json()
    assert everything["total"] == 6
    assert [i["date"] for i in everything["items"]] == sorted((i["date"] for i in everything["items"]), reverse=True)
    threats = wb.get("/api/events", params={"type": "THREATEN"}).json()["items"]
    assert [(e["source_name"], e["target_name"]) for e in threats] == [("Antony Blinken", "China")]
    assert wb.get("/api/events", params={"quad": "verbal_conflict"}).json()["total"] == 1
    assert {e["article_id"] for e in wb.get("/api/events", params={"actor": "Rusia"}).json()["items"]} == {
        "detik-2022-03-30-lavrov-wang-yi"}  # actors coded RUS
    assert wb.get("/api/events", params={"actor": "Jokowi", "target": "Tiongkok"}).json()["total"] == 1
    assert wb.get("/api/events", params={"place": "moskow"}).json()["total"] == 2
    march = wb.get("/api/events", params={"from": "2023-03-01", "to": "2023-03-31"}).json()
    assert {e["article_id"] for e in march["items"]} == XI_PUTIN


def test_events_pair_in_both_directions(wb: TestClient) -> None:
    one_way = wb.get("/api/events", params={"actor": "CHN", "target": "RUS"}).json()["total"]
    both = wb.get("/api/events", params={"actor": "CHN", "target": "RUS", "both": "true"}).json()["total"]
    assert one_way == 2 and both == 4


def test_events_min_outlets_counts_the_event_records(wb: TestClient, db_path: Path) -> None:
    # the sample database has no event records: every mention counts as reported by one outlet
    assert wb.get("/api/events", params={"min_outlets": 2}).json()["total"] == 0
    assert wb.get("/api/events", params={"min_outlets": 1}).json()["total"] == 6


@pytest.mark.parametrize("params", [{"quad": "peace"}, {"min_outlets": 0}, {"from": "2023-13-01"},
                                    {"from": "2023-05-01", "to": "2023-01-01"}])
def test_events_bad_parameters_are_422(wb: TestClient, params: dict[str, object]) -> None:
    assert wb.get("/api/events", params=params).status_code == 422


def test_dyad_index(wb: TestClient) -> None:
    body = wb.get("/api/dyads").json()
    assert body["items"][0] == {"a": "CHN", "b": "RUS", "dyad": "CHN,RUS", "n_events": 4, "n_articles": 3}
    assert {(d["a"], d["b"]) for d in body["items"]} == {("CHN", "RUS"), ("CHN", "USA"), ("CHN", "IDN")}
    assert body["total"] == 3


def test_events_page_lists_and_links_sentences(wb: TestClient) -> None:
    page = wb.get("/events", params={"type": "THREATEN"})
    assert page.status_code == 200
    assert 'href="/articles/cnn-2023-02-19-blinken#event-0"' in page.text
    assert "1 event mention" in page.text
    assert "/api/events?format=csv&amp;type=THREATEN" in page.text
    assert 'href="/events?actor=CHN&amp;target=RUS&amp;both=true"' in page.text


# downloads ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "params", "table", "rows"), [
    ("/api/articles", {}, "articles", 6),
    ("/api/articles", {"entity": "Tiongkok"}, "articles", 5),
    ("/api/events", {"type": "CONSULT"}, "events", 4),
    ("/api/quotes", {}, "quotes", 4),
    ("/api/entities", {"type": "PER"}, "entities", 6),
    ("/api/stories", {}, "stories", 2),
    ("/api/search", {"q": "China"}, "search", 5),
    ("/api/dyads", {}, "dyads", 3),
])
def test_csv_downloads_every_row(wb: TestClient, url: str, params: dict[str, str], table: str, rows: int) -> None:
    response = wb.get(url, params={**params, "format": "csv", "limit": 1})  # limit is for pages, not downloads
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f'filename="warta-{table}.csv"' in response.headers["content-disposition"]
    reader = csv.reader(io.StringIO(response.text))
    assert next(reader) == queries.EXPORT_COLUMNS[table]
    assert len(list(reader)) == rows


def test_csv_cells_keep_lists_and_untrusted_text(wb: TestClient) -> None:
    quotes = {r["article_id"]: r for r in _csv(wb.get("/api/quotes", params={"format": "csv"}).text)}
    assert quotes["kompas-2023-03-21-xi-putin"]["cited"] == "AFP"
    assert quotes["uji-xss-2023-01-05"]["speaker"] == "Kepala Desa <Sukamaju>"


def test_csv_of_a_bad_query_is_400(wb: TestClient) -> None:
    assert wb.get("/api/search", params={"q": "-x", "format": "csv"}).status_code == 400


@pytest.mark.parametrize("path", ["/articles", "/entities", "/quotes", "/stories", "/events", "/search?q=China"])
def test_every_list_page_links_its_downloads(wb: TestClient, path: str) -> None:
    text = wb.get(path).text
    assert "format=csv" in text and 'class="download"' in text


def test_search_page_shows_entity_chips_and_keeps_filters(wb: TestClient) -> None:
    text = wb.get("/search", params={"q": "Tiongkok", "sort": "date", "from": "2023-01-01"}).text
    assert 'class="entity-chips"' in text and 'href="/entities/country:CHN"' in text
    assert 'value="date" selected' in text and 'value="2023-01-01"' in text


@pytest.mark.parametrize("path", ["/articles?outlet=&from=&to=", "/search?q=China&from=&to=&sort=relevance",
                                  "/events?type=&quad=&actor=&target=&place=&from=&to=&min_outlets=1"])
def test_filter_forms_with_empty_fields_are_no_filter(wb: TestClient, path: str) -> None:
    assert wb.get(path).status_code == 200


def test_the_api_still_rejects_empty_dates(wb: TestClient) -> None:
    assert wb.get("/api/articles", params={"from": ""}).status_code == 422


# docs/schema.md ----------------------------------------------------------------------------------------------------
SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_schema_doc_names_every_table_and_article_column(store: Store) -> None:
    import re

    text = SCHEMA_DOC.read_text(encoding="utf-8")
    tables = [row[0] for row in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts_%'")]
    assert [t for t in tables if f"`{t}`" not in text] == []
    for table in ("articles", "entities", "quotes", "events", "event_records", "stories"):
        columns = [row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")]
        documented = set(re.findall(r"`(\w+)`", text)) | {c for c in columns if f"{c.split('_')[0]}_*" in text}
        assert [c for c in columns if c not in documented] == [], table


def test_schema_doc_examples_run(store: Store) -> None:
    import re

    examples = re.findall(r"```sql\n(.*?)```", SCHEMA_DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(examples) >= 6
    results = [store.conn.execute(sql).fetchall() for sql in examples]
    assert all(results[:5]) and all(row[-1] == 1 for row in results[4])  # every event span matches its text


def test_story_entity_and_dyad_pages_link_into_the_explorer(wb: TestClient) -> None:
    assert 'href="/events?story=story-xi-moskow"' in wb.get("/stories/story-xi-moskow").text
    assert 'href="/events?actor=person%3Axi-jinping"' in wb.get("/entities/person:xi-jinping").text
    assert 'href="/events?actor=CHN&amp;target=RUS&amp;both=true"' in wb.get("/dyad/CHN/RUS").text
    story = wb.get("/api/events", params={"story": "story-xi-moskow"}).json()
    assert {e["article_id"] for e in story["items"]} == XI_PUTIN
