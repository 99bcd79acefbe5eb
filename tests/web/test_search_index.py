"""Search over the in-memory index (warta.store.facets): facet counts equal to counting in SQL, near-duplicates
folded under their original, several values per facet with readable chips, NEAR, and a fresh index after a write."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_db import build_sample_db, xi_putin_article

from warta.store import Store, queries

COPIES = 2  # each sample article stored three times: the original and two renamed copies


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_sample_db(tmp_path_factory.mktemp("search") / "search.db", copies=COPIES)
    with Store(path) as store, store.conn:
        # the copies are near-duplicates of their original, as the stories stage marks them
        store.conn.execute("UPDATE articles SET duplicate_of = substr(id, 1, instr(id, '-salinan-') - 1) "
                           "WHERE id LIKE '%-salinan-%'")
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    from warta.web import create_app

    with TestClient(create_app(str(db_path))) as test_client:
        yield test_client


def sql_facets(store: Store, fts: str) -> dict[str, Counter[str]]:
    """The facet counts of a search, counted the plain way in SQL."""
    ids = [r[0] for r in store.conn.execute(
        "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?", (fts,))]
    marks = json.dumps(ids)
    rows = store.conn.execute("SELECT outlet, substr(published_utc, 1, 7) FROM articles WHERE id IN "
                              "(SELECT value FROM json_each(?))", (marks,)).fetchall()
    entities = store.conn.execute("SELECT entity_id, count(*) FROM entities WHERE article_id IN "
                                  "(SELECT value FROM json_each(?)) GROUP BY entity_id", (marks,)).fetchall()
    return {"outlet": Counter(r[0] for r in rows if r[0]), "month": Counter(r[1] for r in rows if r[1]),
            "entity": Counter(dict(entities))}


@pytest.mark.parametrize("q", ["Putin", "Rusia OR Ukraina", "Moskow", "energi -gas"])
def test_facets_count_what_sql_counts(db_path: Path, q: str) -> None:
    with Store(db_path, readonly=True) as store:
        fts, _ = queries.parse_query(store, q)
        result = queries.search(store, fts)
        expected = sql_facets(store, fts)
    assert result["total"] == result["total_articles"] == sum(expected["outlet"].values())
    for facet in ("outlet", "month", "entity"):
        assert {f["value"]: f["n"] for f in result["facets"][facet]} == dict(expected[facet]), facet


def test_relevance_and_date_orders_match_sqlite(db_path: Path) -> None:
    with Store(db_path, readonly=True) as store:
        fts, _ = queries.parse_query(store, "Putin OR Lavrov OR Blinken")
        by_rank = [r[0] for r in store.conn.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ? "
            "ORDER BY f.rank, a.id", (fts,))]
        by_date = [r[0] for r in store.conn.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ? "
            "ORDER BY a.published_utc DESC, a.id", (fts,))]
        assert [i["id"] for i in queries.search(store, fts, limit=None)["items"]] == by_rank
        assert [i["id"] for i in queries.search(store, fts, sort="date", limit=None)["items"]] == by_date
        paged = [i["id"] for offset in range(0, len(by_rank), 4)
                 for i in queries.search(store, fts, limit=4, offset=offset)["items"]]
        assert paged == by_rank


def test_copies_fold_under_their_original(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "Putin"}).json()
    folded = client.get("/api/search", params={"q": "Putin", "collapse": "true"}).json()
    assert plain["total"] == plain["total_articles"] == 2 * (COPIES + 1)  # two articles name Putin
    assert folded["total_articles"] == plain["total_articles"] and folded["total"] == 2
    heads = {item["id"]: sorted(item["copies"]) for item in folded["items"]}
    assert heads["kompas-2023-03-21-xi-putin"] == [f"kompas-2023-03-21-xi-putin-salinan-{n}" for n in (1, 2)]
    assert all(item["duplicate_of"] is None for item in folded["items"])
    # folding holds with an exclusion too
    with_original_left_out = client.get("/api/search", params={"q": "Putin -Kremlin", "collapse": "true"}).json()
    assert {item["duplicate_of"] for item in with_original_left_out["items"]} == {None}


def test_search_page_says_how_many_copies_it_folded(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Putin"}).text
    assert "+2 copies" in html and "near-duplicates folded" in html
    shown = client.get("/search", params={"q": "Putin", "copies": "show"}).text
    assert "+2 copies" not in shown and "near-duplicate of" in shown


def test_several_values_of_one_facet_match_any(client: TestClient) -> None:
    one = client.get("/api/search", params={"q": "Putin OR Lavrov OR Blinken", "outlet": "Tempo"}).json()
    both = client.get("/api/search", params=[("q", "Putin OR Lavrov OR Blinken"), ("outlet", "Tempo"),
                                             ("outlet", "Kompas.com")]).json()
    assert 0 < one["total"] < both["total"]
    # the outlet facet still offers the other outlets (each facet counts without its own filter), the others not
    assert {f["value"] for f in one["facets"]["outlet"]} >= {"Tempo", "Kompas.com"}
    assert sum(f["n"] for f in one["facets"]["month"]) == one["total"]
    assert {i["outlet"] for i in both["items"]} == {"Tempo", "Kompas.com"}
    months = client.get("/api/search", params=[("q", "Putin OR Lavrov OR Blinken"), ("month", "2023-03"),
                                               ("month", "2022-03")]).json()
    assert {i["published"][:7] for i in months["items"]} == {"2023-03", "2022-03"}


def test_facet_filters_show_as_readable_chips(client: TestClient) -> None:
    html = client.get("/search", params=[("q", "Putin"), ("entity", "country:CHN"), ("month", "2023-03"),
                                         ("outlet", "Tempo")]).text
    chips = re.findall(r'class="pill chip-filter" href="([^"]+)"[^>]*>([^<]+)<', html)
    labels = [label.replace("&#215;", "×").strip() for _, label in chips]
    assert labels == ["Tempo ×", "China ×", "Mar 2023 ×"]
    assert "country:CHN ×" not in html
    # each chip's link drops that filter only
    link = next(href for href, label in chips if label.startswith("China"))
    assert "entity=" not in link and "outlet=Tempo" in link and "month=2023-03" in link


def test_a_facet_link_adds_its_value_and_an_active_one_removes_it(client: TestClient) -> None:
    html = client.get("/search", params=[("q", "Putin OR Lavrov"), ("outlet", "Tempo")]).text
    links = dict((text, href) for href, text in re.findall(r'<a href="/search\?([^"]+)"[^>]*>([^<]+)</a> <span>', html))
    assert "outlet=Tempo" in links["Kompas.com"] and "outlet=Kompas.com" in links["Kompas.com"]
    assert "outlet=" not in links["Tempo"]


@pytest.mark.parametrize(("q", "expected"), [
    ("NEAR(Jinping Putin, 3)", {"tempo-2023-03-22-xi-moskow"}),
    ("NEAR(Jinping Putin, 4)", {"tempo-2023-03-22-xi-moskow", "kompas-2023-03-21-xi-putin"}),
    ('NEAR("Xi Jinping" Putin)', {"tempo-2023-03-22-xi-moskow", "kompas-2023-03-21-xi-putin"}),
    ("NEAR(Jinping Blinken)", set()),
])
def test_near(client: TestClient, q: str, expected: set[str]) -> None:
    response = client.get("/api/search", params={"q": q, "collapse": "true"})
    assert response.status_code == 200, response.text
    assert {item["id"] for item in response.json()["items"]} == expected


def test_the_index_follows_writes(tmp_path: Path) -> None:
    path = build_sample_db(tmp_path / "grow.db")
    with Store(path, readonly=True) as reader:
        before = queries.search(reader, '"Putin"')
        with Store(path) as writer:
            extra = xi_putin_article().model_copy(update={"id": "kompas-2023-03-21-xi-putin-lagi", "outlet": "Antara"})
            writer.save_article(extra)
        after = queries.search(reader, '"Putin"')
    assert after["total"] == before["total"] + 1
    assert {"value": "Antara", "n": 1} in after["facets"]["outlet"]


@pytest.mark.parametrize(("path", "query"), [
    ("/api/stories", {}), ("/api/timeline", {"dyad": "RUS,CHN"}), ("/api/search", {"q": "Putin"}), ("/api/events", {}),
    ("/api/articles", {}), ("/api/quotes", {}), ("/api/entities", {}), ("/api/dyads", {})])
def test_every_list_pages_with_limit_offset_total(client: TestClient, path: str, query: dict[str, str]) -> None:
    whole = client.get(path, params={**query, "limit": 200}).json()
    assert {"total", "limit", "offset", "items"} <= set(whole)
    assert whole["total"] == len(whole["items"]) or whole["total"] > 200
    if whole["total"] >= 2:
        second = client.get(path, params={**query, "limit": 1, "offset": 1}).json()
        assert second["total"] == whole["total"] and second["limit"] == 1 and second["offset"] == 1
        assert second["items"] == whole["items"][1:2]


def test_attention_lists_every_month_as_count_and_share(client: TestClient, db_path: Path) -> None:
    months = client.get("/api/entities/country:RUS").json()["months"]
    with Store(db_path, readonly=True) as store:
        named = dict(store.conn.execute(
            "SELECT substr(a.published_utc, 1, 7), count(*) FROM entities e JOIN articles a ON a.id = e.article_id "
            "WHERE e.entity_id = 'country:RUS' GROUP BY 1").fetchall())
        per_month = queries.articles_per_month(store)
    assert [m["month"] for m in months] == queries.month_range(min(named), max(named))
    assert len(months) > len(named)  # the months between, with no article naming Russia, are there with 0
    for row in months:
        assert row["n_articles"] == named.get(row["month"], 0)
        assert row["month_articles"] == per_month.get(row["month"], 0)
        assert row["share"] == (round(row["n_articles"] / row["month_articles"], 4) if row["month_articles"] else 0)
    html = client.get("/entities/country:RUS").text
    assert "Share of the month" in html and "%</title>" in html


def test_month_range_crosses_years() -> None:
    assert queries.month_range("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert queries.month_range("2023-02", "2023-02") == ["2023-02"]


def test_datasette_metadata_names_real_tables_columns_and_facets(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    meta = json.loads((root / "docs" / "datasette-metadata.json").read_text(encoding="utf-8"))
    with Store(tmp_path / "warta.db") as store:  # every migration applied
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        described = meta["databases"]["warta"]["tables"]
        # every table is either described for Datasette or hidden from it
        assert tables - {"sqlite_sequence"} <= set(described)
        for name, config in described.items():
            assert name in tables, name
            columns = {r[1] for r in store.conn.execute(f"PRAGMA table_info('{name}')")}
            named = [*config.get("facets", []), *config.get("columns", {}),
                     *[config[k] for k in ("label_column", "sort_desc") if k in config]]
            assert set(named) <= columns, (name, set(named) - columns)
    assert described["articles"]["fts_table"] == "articles_fts"
    schema_doc = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "datasette-metadata.json" in schema_doc


def test_one_dyad_notation_everywhere(client: TestClient, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    by_code = client.get("/api/timeline", params={"dyad": "RUS,CHN"}).json()
    by_name = client.get("/api/timeline", params={"dyad": "Rusia, Tiongkok"}).json()
    assert by_name["dyad"] == by_code["dyad"] == ["RUS", "CHN"] and by_name["items"] == by_code["items"]
    trend = client.get("/api/trend", params={"dyad": "CHN,RUS"}).json()
    assert client.get("/api/dyad/CHN/RUS/trend").json() == trend  # the older path form answers the same
    spec = client.get("/openapi.json").json()["paths"]
    assert spec["/api/dyad/{a}/{b}/trend"]["get"]["deprecated"] is True
    rows = client.get("/api/dyads").json()["items"]
    assert rows and all(row["dyad"] == f"{row['a']},{row['b']}" for row in rows)
    bad = client.get("/api/trend", params={"dyad": "RUS CHN"})
    assert bad.status_code == 422 and "RUS,CHN" in bad.json()["detail"]

    from warta.cli import main

    outputs = []
    for dyad in (["RUS,CHN"], ["RUS", "CHN"], ["Rusia,China"]):
        assert main(["timeline", "--db", str(db_path), "--dyad", *dyad, "--format", "json"]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1] == outputs[2]
