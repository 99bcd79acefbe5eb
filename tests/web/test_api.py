"""REST API over the hand-made sample database: every endpoint, pagination, filters and bad parameters."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.errors import WartaError


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/search", "/api/entities", "/api/entities/{entity_id}",
            "/api/quotes", "/api/stories", "/api/stories/{story_id}", "/api/timeline", "/api/dyad/{a}/{b}/trend"} <= paths
    assert not any(p.startswith(("/articles", "/search", "/dyad")) for p in paths)  # pages stay out of the spec
    # responses are documented: the article is the record's own schema, lists have typed items, errors a message
    article = spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]
    assert article["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Article")
    assert article["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorMessage")
    assert "SearchHit" in spec["components"]["schemas"] and "snippet" in spec["components"]["schemas"]["SearchHit"]["properties"]


def test_articles_list_newest_first_with_total(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == 5
    dates = [a["published"] for a in body["items"]]
    assert dates[0].startswith("2023-03-22") and dates[-1].startswith("2022-03-30")


def test_articles_pagination(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 5
    assert len(first["items"]) == len(second["items"]) == 2
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


@pytest.mark.parametrize(("params", "expected"), [
    ({"outlet": "tempo"}, {"tempo-2023-03-22-xi-moskow"}),
    ({"entity": "person:wang-yi"}, {"detik-2022-03-30-lavrov-wang-yi"}),
    ({"entity": "vladimir putin"}, {"kompas-2023-03-21-xi-putin", "tempo-2023-03-22-xi-moskow"}),
    ({"from": "2023-03-01", "to": "2023-03-21"}, {"kompas-2023-03-21-xi-putin"}),  # 23:48 WIB is 16:48 UTC that day
    ({"from": "2023-03-22"}, {"tempo-2023-03-22-xi-moskow"}),  # 08:10 WIB on the 22nd is 01:10 UTC on the 22nd
    ({"to": "2022-12-31"}, {"detik-2022-03-30-lavrov-wang-yi"}),
])
def test_articles_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    body = client.get("/api/articles", params=params).json()
    assert {a["id"] for a in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("params", [
    {"from": "2023-13"}, {"to": "yesterday"}, {"limit": 0}, {"limit": 500}, {"offset": -1}, {"limit": "ten"},
    {"from": "2023-05-01", "to": "2023-01-01"},
])
def test_articles_bad_parameters_are_422_with_a_message(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/articles", params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and len(detail) > 10


def test_article_record(client: TestClient) -> None:
    record = client.get("/api/articles/kompas-2023-03-21-xi-putin").json()
    assert record["outlet"] == "Kompas.com"
    assert record["quotes"][0]["speaker_id"] == "person:xi-jinping"
    body = record["body"]
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert body[m["start"]:m["end"]] == m["text"]


def test_unknown_article_is_404_json(client: TestClient) -> None:
    response = client.get("/api/articles/tidak-ada")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert "tidak-ada" in response.json()["detail"]


def test_search_returns_ids_and_snippets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Putin"}).json()
    ids = {item["id"] for item in body["items"]}
    assert ids == {"kompas-2023-03-21-xi-putin", "tempo-2023-03-22-xi-moskow"}
    assert body["total"] == 2
    assert all("Putin" in item["snippet"] for item in body["items"])
    assert {f["value"] for f in body["facets"]["outlet"]} == {"Kompas.com", "Tempo"}
    assert [(f["value"], f["n"]) for f in body["facets"]["month"]] == [("2023-03", 2)]


def test_search_all_words_must_match_and_prefix(client: TestClient) -> None:
    assert [i["id"] for i in client.get("/api/search", params={"q": "Putin Kremlin"}).json()["items"]] == [
        "kompas-2023-03-21-xi-putin"]
    prefix = client.get("/api/search", params={"q": "perundi*"}).json()
    assert prefix["total"] == 1


def test_search_facet_filters(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Putin", "outlet": "Tempo"}).json()
    assert [i["id"] for i in body["items"]] == ["tempo-2023-03-22-xi-moskow"]
    body = client.get("/api/search", params={"q": "China", "entity": "person:antony-blinken"}).json()
    assert [i["id"] for i in body["items"]] == ["cnn-2023-02-19-blinken"]
    body = client.get("/api/search", params={"q": "China", "month": "2022-03"}).json()
    assert [i["id"] for i in body["items"]] == ["detik-2022-03-30-lavrov-wang-yi"]


@pytest.mark.parametrize("q", ['"', "Putin AND", "NEAR(", "title:", "*", "a OR OR b", "(((", "-Putin"])
def test_search_operators_typed_by_users_never_fail(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "no words" in response.json()["detail"]


@pytest.mark.parametrize("q", ['"unterminated', "Putin AND", "NEAR(", "((Putin"])
def test_malformed_raw_fts5_query_is_400(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q, "syntax": "fts5"})
    assert response.status_code == 400
    assert "FTS5" in response.json()["detail"]


def test_raw_fts5_query_works(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Lavrov OR Blinken", "syntax": "fts5"}).json()
    assert {i["id"] for i in body["items"]} == {"detik-2022-03-30-lavrov-wang-yi", "cnn-2023-02-19-blinken"}


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 600}, {"q": "Putin", "month": "March"},
                                    {"q": "Putin", "syntax": "sql"}])
def test_search_bad_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_entities_list_and_filters(client: TestClient) -> None:
    body = client.get("/api/entities").json()
    assert body["total"] == 9
    assert body["items"][0]["n_articles"] >= body["items"][-1]["n_articles"]
    people = client.get("/api/entities", params={"type": "PER"}).json()["items"]
    assert {e["type"] for e in people} == {"PER"}
    found = client.get("/api/entities", params={"q": "lavrov"}).json()["items"]
    assert [e["id"] for e in found] == ["person:sergei-lavrov"]
    assert client.get("/api/entities", params={"q": "%"}).json()["total"] == 0  # LIKE wildcards are literal
    assert client.get("/api/entities", params={"type": "PERSON"}).status_code == 422


def test_entity_detail(client: TestClient) -> None:
    body = client.get("/api/entities/person:xi-jinping").json()
    assert body["name"] == "Xi Jinping" and body["n_articles"] == 2
    assert len(body["mentions"]) == 3
    assert all(m["text"] in ("Xi", "Xi Jinping") for m in body["mentions"])
    assert [q["text"][:9] for q in body["quotes"]] == ["Kerja sam"]
    co = {c["id"]: c["n_articles"] for c in body["cooccurring"]}
    assert co["person:vladimir-putin"] == 2 and "person:xi-jinping" not in co


def test_entity_ids_with_odd_characters(client: TestClient) -> None:
    assert client.get("/api/entities/local:LOC:%3Cdesa%3E").json()["name"] == "<b>Sukamaju</b>"
    response = client.get("/api/entities/person:nobody")
    assert response.status_code == 404 and "person:nobody" in response.json()["detail"]


def test_quotes_by_speaker(client: TestClient) -> None:
    assert client.get("/api/quotes").json()["total"] == 3
    by_id = client.get("/api/quotes", params={"speaker": "person:vladimir-putin"}).json()["items"]
    assert [q["kind"] for q in by_id] == ["indirect"]
    by_name = client.get("/api/quotes", params={"speaker": "xi jinping"}).json()["items"]
    assert [q["speaker_id"] for q in by_name] == ["person:xi-jinping"]
    assert by_name[0]["cited"] == ["AFP"]
    assert client.get("/api/quotes", params={"limit": 1000}).status_code == 422


def test_stories(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert {s["id"] for s in body["items"]} == {"story-xi-moskow", "story-tunxi"}
    story = client.get("/api/stories/story-xi-moskow").json()
    assert {a["id"] for a in story["articles"]} == {"kompas-2023-03-21-xi-putin", "tempo-2023-03-22-xi-moskow"}
    assert story["events"] and story["events"][0]["type"] == "CONSULT"
    assert client.get("/api/stories/story-unknown").status_code == 404


def test_timeline_by_dyad_and_entity(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"dyad": "RUS,CHN"}).json()
    assert [(r["date"], r["type"]) for r in body["items"]] == [
        ("2022-03-30", "AGREE"), ("2022-03-30", "CONSULT"), ("2023-03-21", "CONSULT")]
    assert body["items"][-1]["n_outlets"] == 2  # Kompas.com and Tempo reported the same meeting
    both = client.get("/api/timeline", params={"dyad": "chn,rus"}).json()
    assert len(both["items"]) == 3  # a dyad is both directions, codes are case-insensitive
    two_sources = client.get("/api/timeline", params={"dyad": "RUS,CHN", "min_sources": 2}).json()
    assert [r["date"] for r in two_sources["items"]] == ["2023-03-21"]
    by_entity = client.get("/api/timeline", params={"entity": "person:antony-blinken"}).json()
    assert [r["type"] for r in by_entity["items"]] == ["THREATEN"]


@pytest.mark.parametrize("params", [{}, {"dyad": "RUS"}, {"dyad": "RUS,Atlantis"}, {"dyad": "RUS,CHN,USA"},
                                    {"dyad": "RUS,CHN", "min_sources": 0}])
def test_timeline_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/timeline", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_dyad_trend(client: TestClient) -> None:
    body = client.get("/api/dyad/RUS/CHN/trend").json()
    months = {m["month"]: m for m in body["months"]}
    assert set(months) == {"2022-03", "2023-03"}
    assert body["series"][0] == {"month": "2022-03", "coop": 2.0, "conflict": 0.0, "goldstein": 2.5}
    assert len(body["series"]) == 13  # months without events are filled in for the chart
    conflict = client.get("/api/dyad/usa/chn/trend").json()["series"]
    assert conflict == [{"month": "2023-02", "coop": 0.0, "conflict": 1.0, "goldstein": -4.4}]
    response = client.get("/api/dyad/RUSSIA/CHN/trend")
    assert response.status_code == 422 and "alpha-3" in response.json()["detail"]


def test_health_counts(client: TestClient) -> None:
    assert client.get("/api/health").json()["counts"] == {
        "articles": 5, "outlets": 5, "entities": 9, "quotes": 3, "events": 5, "stories": 2}


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/api/articles").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_no_request_path_reaches_files_outside_static(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2f__init__.py", "/static//etc/passwd",
                 "/static/../../../../etc/passwd"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "create_app" not in response.text and "root:" not in response.text


def test_database_opens_read_only(sample_db: Path, client: TestClient) -> None:
    client.get("/api/articles")
    before = sample_db.stat().st_mtime_ns
    for url in ("/", "/api/search?q=Putin", "/articles/kompas-2023-03-21-xi-putin"):
        client.get(url)
    assert sample_db.stat().st_mtime_ns == before
    from warta.store import Store

    with Store(sample_db, readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM articles")


def test_missing_database_fails_at_start(tmp_path: Path) -> None:
    from warta.web import create_app

    with pytest.raises(WartaError, match="not found"):
        create_app(str(tmp_path / "missing.db"))


def test_timeline_refuses_an_empty_dyad_even_with_an_entity(client) -> None:
    # schemathesis found it: dyad="" violates the documented pattern, so it must not be accepted silently
    assert client.get("/api/timeline", params={"dyad": "", "entity": "Q:x"}).status_code == 422
