"""Tone and theme aggregates through the API, the pages and the CLI, over the hand-made sample database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_pages import tags

from warta.cli import main


def test_api_tone_of_an_entity_by_month(client: TestClient) -> None:
    body = client.get("/api/tone", params={"entity": "China", "by": "month"}).json()
    assert body["entity"] == "China" and body["by"] == "month" and body["note"] is None
    rows = {row["month"]: row for row in body["items"]}
    assert set(rows) == {"2023-02", "2023-03"}
    assert rows["2023-02"]["polarity"] == pytest.approx(-0.12) and rows["2023-02"]["articles"] == 1
    assert rows["2023-03"]["polarity"] == pytest.approx(0.02) and rows["2023-03"]["articles"] == 2
    # n and the 95% Student-t interval of the mean: 0.04 and 0.0, standard error 0.02, t(1 df) 12.706
    assert rows["2023-03"]["polarity_ci"] == pytest.approx([0.02 - 0.2541, 0.02 + 0.2541], abs=1e-3)
    assert rows["2023-02"]["polarity_ci"] is None  # one article: no interval
    # the themes of the same articles ride along with each row
    assert rows["2023-03"]["themes"] == {"diplomatic_visit": 2, "energy": 1}


def test_api_tone_by_outlet_finds_the_entity_by_id_and_defaults_to_outlet(client: TestClient) -> None:
    by_id = client.get("/api/tone", params={"entity": "country:CHN"}).json()
    assert by_id["by"] == "outlet"
    assert [row["outlet"] for row in by_id["items"]] == ["CNN Indonesia", "Kompas.com", "Tempo"]
    assert by_id["items"] == client.get("/api/tone", params={"entity": "china", "by": "outlet"}).json()["items"]


def test_api_tone_without_entity_is_the_tone_of_whole_articles(client: TestClient) -> None:
    rows = client.get("/api/tone", params={"by": "outlet"}).json()["items"]
    assert {row["outlet"]: row["polarity"] for row in rows} == pytest.approx(
        {"CNN Indonesia": -0.1, "Kompas.com": 0.06, "Tempo": 0.04})


def test_api_tone_of_an_unknown_entity_is_empty(client: TestClient) -> None:
    assert client.get("/api/tone", params={"entity": "Atlantis"}).json()["items"] == []


def test_api_themes_per_month_and_totals(client: TestClient) -> None:
    body = client.get("/api/themes").json()
    assert body["by"] == "month"
    assert body["totals"] == {"diplomatic_visit": 3, "geopolitics": 2, "armed_conflict": 1, "energy": 1}
    assert list(body["totals"]) == ["diplomatic_visit", "geopolitics", "armed_conflict", "energy"]  # most first
    months = {row["month"]: row for row in body["items"]}
    assert months["2023-01"] == {"month": "2023-01", "articles": 1, "themes": {}}  # an article without themes counts
    assert months["2022-03"]["themes"] == {"diplomatic_visit": 1, "geopolitics": 1}
    assert body["labels"]["energy"] == "Energy"


def test_api_themes_of_an_entity_by_outlet(client: TestClient) -> None:
    rows = client.get("/api/themes", params={"entity": "Wang Yi", "by": "outlet"}).json()["items"]
    assert rows == [{"outlet": "detikNews", "articles": 1, "themes": {"diplomatic_visit": 1, "geopolitics": 1}}]


@pytest.mark.parametrize("url", ["/api/tone", "/api/themes"])
@pytest.mark.parametrize("params", [{"by": "week"}, {"by": ""}, {"entity": "x" * 301}])
def test_bad_parameters_are_422_with_a_message(client: TestClient, url: str, params: dict[str, str]) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("invalid parameter") and ("by" in detail or "entity" in detail)


def test_openapi_documents_tone_and_themes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, default in (("/api/tone", "outlet"), ("/api/themes", "month")):
        op = spec["paths"][path]["get"]
        params = {p["name"]: p for p in op["parameters"]}
        assert set(params) == {"entity", "by"}
        assert params["by"]["schema"]["enum"] == ["outlet", "month"] and params["by"]["schema"]["default"] == default
        assert "422" in op["responses"]
    assert {"ToneReport", "ThemeReport"} <= set(spec["components"]["schemas"])


def test_entity_page_has_tone_charts_and_top_themes(client: TestClient) -> None:
    html = client.get("/entities/country:CHN").text
    svg_titles = [t for t in html.split("<title>")[1:]]
    assert any(t.startswith("Tone of sentences naming China per month") for t in svg_titles)
    assert any(t.startswith("Tone of sentences naming China per outlet") for t in svg_titles)
    bars = [attrs for tag, attrs in tags(html) if tag == "rect" and attrs.get("class") == "polarity"]
    assert len(bars) == 2 + 3  # two months, three outlets
    assert "2023-02: polarity -0.120 over 1 article</title>" in html
    assert "2023-03: polarity +0.020 over 2 articles, 95% interval -0.234 to +0.274</title>" in html
    assert "<th>Articles</th>" in html and ">Interval (95 percent)</th>" in html
    assert "Diplomatic visits and talks</span> 3 articles" in html
    assert 'href="/themes?entity=country%3ACHN"' in html


def test_entity_without_tone_or_themes_says_so(client: TestClient) -> None:
    html = client.get("/entities/local:LOC:%3Cdesa%3E").text
    assert "No tone scores." in html and "carries a theme" in html
    assert 'class="polarity"' not in html


def test_themes_page_per_month_and_per_outlet(client: TestClient) -> None:
    html = client.get("/themes").text
    headers = re.findall(r"<th>([^<]*)</th>", html.split("<thead>")[1].split("</thead>")[0])
    assert headers == ["Theme", "All", "2022-03", "2023-01", "2023-02", "2023-03"]
    assert ">Energy</th><td>1</td>" in html
    outlets = client.get("/themes", params={"by": "outlet", "entity": "Rusia"})
    assert outlets.status_code == 200
    assert "<th>detikNews</th>" in outlets.text and "<th>Okezone</th>" not in outlets.text
    assert client.get("/themes", params={"by": "year"}).status_code == 422


def test_cli_tone_table_shows_tone_and_themes(sample_db: Path) -> None:
    # a subprocess: warta.cli's table writer binds sys.stdout when it is defined, which pytest's capture cannot see
    out = subprocess.run([sys.executable, "-m", "warta", "tone", "--db", str(sample_db), "--entity", "China",
                          "--by", "outlet"], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["outlet", "articles", "positive", "negative", "polarity", "polarity_ci", "words", "themes"]
    assert lines[1].startswith("CNN Indonesia") and lines[1].endswith("armed_conflict 1, geopolitics 1")


def test_cli_tone_json_has_themes_per_month(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tone", "--db", str(sample_db), "--entity", "China", "--by", "month", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["month"], row["polarity"], row["themes"]) for row in rows] == [
        ("2023-02", -0.12, {"armed_conflict": 1, "geopolitics": 1}),
        ("2023-03", 0.02, {"diplomatic_visit": 2, "energy": 1})]
    assert [(row["articles"], row["polarity_ci"]) for row in rows] == [
        (1, None), (2, pytest.approx([-0.2341, 0.2741], abs=1e-3))]


def test_openapi_describes_the_422_body_the_api_sends(client: TestClient) -> None:
    """Found by schemathesis: the spec said 422 bodies were {"detail": [errors]}, the API sends a message."""
    spec = client.get("/openapi.json").json()
    shape = spec["components"]["schemas"]["HTTPValidationError"]
    assert shape["properties"]["detail"]["type"] == "string" and shape["required"] == ["detail"]
    body = client.get("/api/tone", params={"by": "week"}).json()
    assert isinstance(body["detail"], str) and body["errors"][0]["loc"] == ["query", "by"]
    assert set(body) <= set(shape["properties"])
    trend = {p["name"]: p for p in spec["paths"]["/api/dyad/{a}/{b}/trend"]["get"]["parameters"]}
    assert trend["a"]["schema"]["pattern"] == "^[A-Za-z]{3}$"  # documented, and still explained in words:
    assert "alpha-3" in client.get("/api/dyad/RUSSIA/CHN/trend").json()["detail"]


def test_home_page_lists_the_most_frequent_themes(client: TestClient) -> None:
    html = client.get("/").text
    chips = re.findall(r'<a class="chip" href="/themes" title="([^"]+)">[^<]*<span>(\d+)</span>', html)
    assert chips == [("diplomatic_visit", "3"), ("geopolitics", "2"), ("armed_conflict", "1"), ("energy", "1")]
    assert '<a href="/themes">Themes</a>' in html  # in the top bar
