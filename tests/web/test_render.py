"""Offset highlighting and the SVG charts, on their own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from warta.chartdata import Series, monthly
from warta.record import Article, Entity, Event, Mention, Quote, Source
from warta.web.charts import cooccurrence_graph, month_bars, trend_chart, trend_series
from warta.web.highlight import highlight, paragraphs


def _article(body: str, **fields: object) -> Article:
    return Article(id="t", source=Source(path="t.txt", format="txt", sha256="0"), body=body, **fields)


def _text(html: str) -> str:
    """The visible text of highlighted HTML (tags removed, entities decoded)."""
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def test_paragraph_spans() -> None:
    body = "Satu.\n\nDua dua.\n \n\nTiga."
    assert [body[a:b] for a, b in paragraphs(body)] == ["Satu.", "Dua dua.", "Tiga."]


def test_highlight_keeps_the_text_and_nests_overlaps() -> None:
    body = 'Kata Joko Widodo: "Kita siap membantu Jakarta." Selesai.\n\nParagraf kedua.'
    q_start = body.index("Kita")
    q_end = body.index('."') + 1
    article = _article(
        body,
        entities=[
            Entity(id="person:joko-widodo", name="Joko Widodo", type="PER",
                   mentions=[Mention(start=5, end=16, text="Joko Widodo")]),
            Entity(id="place:jakarta", name="Jakarta", type="LOC",
                   mentions=[Mention(start=body.index("Jakarta"), end=body.index("Jakarta") + 7, text="Jakarta")]),
        ],
        quotes=[Quote(text=body[q_start:q_end], start=q_start, end=q_end, kind="direct", speaker="Joko Widodo")],
        events=[Event(type="AID", start=0, end=body.index("Selesai") - 1, text=body[:body.index("Selesai") - 1])],
    )
    html = str(highlight(article))
    # the visible text is the body, paragraph by paragraph, nothing lost or doubled
    assert [_text(p) for p in re.findall(r"<p>(.*?)</p>", html, re.S)] == [body.split("\n\n")[0], "Paragraf kedua."]
    # Jakarta sits inside the quote inside the event: the link is innermost
    assert re.search(r'<span class="event"[^>]*><span class="quote quote-direct"[^>]*><a class="ent ent-LOC" '
                     r'href="/entities/place:jakarta"[^>]*>Jakarta</a></span></span>', html)
    assert '<a class="ent ent-PER" href="/entities/person:joko-widodo"' in html
    assert "Paragraf kedua." in html and "ent" not in html.split("<p>")[-1]


def test_highlight_ignores_offsets_outside_the_body() -> None:
    body = "Pendek saja."
    article = _article(body, entities=[Entity(id="x", name="X", type="ORG", mentions=[
        Mention(start=5, end=500, text="?"), Mention(start=-3, end=2, text="?"), Mention(start=4, end=4, text="")])])
    assert str(highlight(article)) == "<p>Pendek saja.</p>"


def test_highlight_escapes_text_and_attributes() -> None:
    body = 'A <script>x()</script> "B" & C'
    article = _article(body, entities=[Entity(id='local:ORG:"><img src=x>', name='"><img>', type="ORG",
                                              mentions=[Mention(start=body.index("B"), end=body.index("B") + 1,
                                                                text="B")])])
    html = str(highlight(article))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; C" in html
    assert "<img" not in html
    assert 'href="/entities/local:ORG:%22%3E%3Cimg%20src%3Dx%3E"' in html  # the id is URL-encoded in the link


def test_trend_series_accepts_stories_and_store_rows() -> None:
    stories_rows = [{"month": "2023-01", "verbal_coop": 2, "material_coop": 1, "verbal_conflict": 0,
                     "material_conflict": 1, "events": 4, "goldstein": 2.5},
                    {"month": "2023-03", "verbal_coop": 0, "material_coop": 0, "verbal_conflict": 1,
                     "material_conflict": 0, "events": 1, "goldstein": None}]
    assert trend_series(stories_rows) == [
        {"month": "2023-01", "coop": 3.0, "conflict": 1.0, "goldstein": 2.5},
        {"month": "2023-02", "coop": 0.0, "conflict": 0.0, "goldstein": None},
        {"month": "2023-03", "coop": 0.0, "conflict": 1.0, "goldstein": None},
    ]
    assert trend_series([{"period": "2022-12", "cooperation": 5, "conflict": 2}])[0]["coop"] == 5.0
    assert trend_series([{"no_month": 1}]) == []


def test_trend_chart_is_valid_svg_with_bars_and_a_broken_line() -> None:
    events = [{"date": f"2023-{m:02d}-10", "quad": q, "goldstein": g}
              for m, q, g in ((1, "verbal_coop", 3.0), (2, "material_conflict", -5.0), (5, "verbal_coop", 1.0),
                              (6, "verbal_coop", 2.0))]
    series = Series("RUS–CHN", events, monthly(events))
    svg = str(trend_chart(series, "RUS–CHN <uji>"))
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    assert root.find(ns + "title").text == "RUS–CHN <uji>"  # escaped in the markup, intact as text
    bars = [r for g in root.iter(ns + "g") for r in g.iter(ns + "rect")]
    assert len(bars) == 4  # one bar per event month; March and April are empty
    months = [t.text for t in root.iter(ns + "text") if t.text and t.text.startswith("2023-")]
    assert months[:3] == ["2023-01", "2023-02", "2023-03"]  # every month on the axis, the gap included
    lines = [p.get("points").split() for p in root.iter(ns + "polyline")]
    assert [len(points) for points in lines] == [2, 2]  # Jan-Feb and May-Jun: not joined across the gap
    assert "style=" not in svg  # presentation attributes only: the CSP forbids inline styles
    assert str(trend_chart(Series("x", [], []), "x")) == ""


def test_month_bars_and_graph_escape_labels() -> None:
    svg = str(month_bars([{"month": "2023-01", "n": 3}, {"month": "2023-02", "n": 0}], "n", "<b>judul</b>"))
    ET.fromstring(svg)
    assert "<b>" not in svg
    graph = str(cooccurrence_graph({"id": "a", "name": "<A>", "type": "PER"},
                                   [{"id": "person:b c", "name": "B <i>", "type": "ORG", "n_articles": 2},
                                    {"id": "c", "name": "C", "type": "LOC", "n_articles": 1}]))
    root = ET.fromstring(graph)
    links = [el for el in root.iter("{http://www.w3.org/2000/svg}a")]
    assert [el.get("href") for el in links] == ["/entities/person:b%20c", "/entities/c"]
    assert "<i>" not in graph and "&lt;A&gt;" in graph
    assert cooccurrence_graph({"id": "a"}, []) == ""
