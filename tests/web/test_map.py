"""The map page: events by place on an SVG drawn in the package, per entity or dyad, filtered; each place links to
its events."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from fastapi.testclient import TestClient

from warta import chartdata
from warta.store import Store, queries
from warta.web.mapview import VIEWS, outlines

SVG = "{http://www.w3.org/2000/svg}"


def _svg(html: str) -> ET.Element:
    return ET.fromstring(html[html.index("<svg class=\"chart map\""):html.index("</svg>") + 6])


def test_outlines_are_shipped_and_inside_the_canvas() -> None:
    shapes = outlines()
    assert len(shapes) > 170 and {"IDN", "RUS", "BRA"} <= {code for code, _, _ in shapes}
    numbers = [int(n) for _, _, path in shapes for n in re.findall(r"\d+", path)]
    assert min(numbers) >= 0 and max(numbers) <= 1440


def test_map_draws_places_that_link_to_their_events(client: TestClient, sample_db: Path) -> None:
    html = client.get("/map").text
    root = _svg(html)
    links = [a for a in root.iter(SVG + "a")]
    assert links and all(a.get("href", "").startswith("/map?") and "place=" in a.get("href", "") for a in links)
    assert all(a.get("aria-label") for a in links)  # each place is named for screen readers
    with Store(sample_db, readonly=True) as store:
        points, summary = chartdata.map_points(store, queries.list_events(store, limit=None)["items"])
    assert len(links) == len(points) and summary["located"] == sum(p["events"] for p in points)
    first = points[0]["place"].id
    page = client.get("/map", params={"place": first}).text
    assert 'id="place-events"' in page and "/articles/" in page[page.index('id="place-events"'):]


def test_map_of_a_dyad_uses_the_dyads_events(client: TestClient, sample_db: Path) -> None:
    html = client.get("/map?dyad=RUS,CHN").text
    assert "RUS–CHN" in html
    with Store(sample_db, readonly=True) as store:
        series = chartdata.dyad_series(store, "RUS", "CHN")
        mentions = chartdata.series_mentions(store, series, dyad=("RUS", "CHN"))
    assert mentions and all({m["source_country"], m["target_country"]} <= {"RUS", "CHN", None} for m in mentions)
    assert client.get("/map?dyad=XXX,CHN").status_code == 404


def test_filters_by_type_and_date(client: TestClient) -> None:
    every = len(list(_svg(client.get("/map").text).iter(SVG + "circle")))
    none_then = _svg(client.get("/map", params={"to": "1990-01-01"}).text)
    assert not list(none_then.iter(SVG + "circle")) and every > 0
    assert "No events with a place match these filters." in client.get("/map", params={"to": "1990-01-01"}).text
    assert client.get("/map", params={"view": "indonesia"}).text.count(f'viewBox="{" ".join(map(str, VIEWS["indonesia"]))}"') == 1
    assert client.get("/map", params={"from": "2024-02-01", "to": "2024-01-01"}).status_code == 422


def test_chart_png_and_map_share_one_series(client: TestClient, sample_db: Path, tmp_path: Path) -> None:
    from warta.stories import plot_dyad

    with Store(sample_db, readonly=True) as store:
        series = chartdata.dyad_series(store, "RUS", "CHN")
        png = plot_dyad(store, "RUS", "CHN", tmp_path / "trend.png")
    html = client.get("/dyad/RUS/CHN").text
    wide = html[html.index('class="chart-wide"'):html.index('class="chart-narrow"')]
    assert wide.count('<g class="bar">') == len(series.months) > series.gaps  # one slot per month, gaps included
    assert png.read_bytes()[:4] == b"\x89PNG"
