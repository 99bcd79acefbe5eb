"""Event records (one event, many reports), timelines and the cooperation–conflict trend of a dyad."""

from __future__ import annotations

from pathlib import Path

import pytest
from stories_helpers import make_event

from warta.chartdata import NoChartData
from warta.record import Actor
from warta.store import Store
from warta.store.queries import dyad_trend, timeline
from warta.stories import assign_stories, plot_dyad

BODY = "Menteri Luar Negeri Rusia Sergei Orlov bertemu Menteri Luar Negeri China Wang Lei di Beijing, {day}."


def _save_reports(save) -> None:
    """Three outlets report one meeting (both directions of the dyad), one reports sanctions, one a planned visit."""
    meeting = "Senin (19/9/2022)"
    save("a-kompas", "Kompas.com", "2022-09-19T20:00:00+07:00", "Orlov temui Wang Lei", BODY.format(day=meeting),
         ("Sergei Orlov", "Wang Lei"),
         (make_event("CONSULT", "RUS", "CHN", "2022-09-19", "Orlov bertemu Wang Lei.", goldstein=1.0,
                     quad="verbal_coop", place="Beijing"),))
    save("b-tempo", "Tempo.co", "2022-09-20T08:00:00+07:00", "Wang Lei sambut Orlov", BODY.format(day=meeting),
         ("Sergei Orlov",),
         (make_event("CONSULT", "CHN", "RUS", "2022-09-19", "Wang Lei menerima Orlov.", goldstein=1.0),
          make_event("CONSULT", "RUS", "CHN", "2022-10-02", "Orlov berencana datang lagi.", intent=True)))
    save("c-detik", "Detik", "2022-09-20T09:00:00+07:00", "Pertemuan Orlov-Wang", BODY.format(day="19 September 2022"),
         (), (make_event("CONSULT", "RUS", "CHN", "2022-09", "Pertemuan bulan ini.", precision="month"),))
    save("d-antara", "Antara", "2023-03-02T09:00:00+07:00", "China jatuhkan sanksi",
         "China menjatuhkan sanksi kepada tiga perusahaan Rusia pada Kamis (2/3/2023).", (),
         (make_event("SANCTION", "CHN", "RUS", "2023-03-02", "China menjatuhkan sanksi.", goldstein=-4.0,
                     quad="material_conflict"),
          make_event("ASSAULT", "CHN", "RUS", "2023-03-02", "China tidak menyerang.", negated=True)))
    save("e-other", "Antara", "2021-12-15T09:00:00+07:00", "AS dan Jepang bertemu",
         "Pejabat AS bertemu pejabat Jepang di Tokyo pada 15 Desember 2021.", (),
         (make_event("CONSULT", "USA", "JPN", "2021-12-15", "AS bertemu Jepang."),))


def test_one_event_many_reports_is_one_record(store: Store, save):
    _save_reports(save)
    assign_stories(store)
    rows = store.conn.execute("SELECT article_id, idx, event_id FROM events ORDER BY article_id, idx").fetchall()
    ids = {(r["article_id"], r["idx"]): r["event_id"] for r in rows}
    assert all(ids.values())
    meeting = ids["a-kompas", 0]
    # both directions of a symmetric type, and the month-dated mention in the same story, are the same meeting
    assert ids["b-tempo", 0] == meeting == ids["c-detik", 0]
    assert ids["b-tempo", 1] != meeting  # the planned visit is another (intended) event
    record = store.conn.execute("SELECT * FROM event_records WHERE id = ?", (meeting,)).fetchone()
    assert (record["n_mentions"], record["n_articles"], record["n_outlets"]) == (3, 3, 3)
    assert record["first_article"] == "a-kompas" and record["date"] == "2022-09-19" and record["place"] == "Beijing"
    # re-running adds nothing
    assign_stories(store)
    assert store.conn.execute("SELECT count(*) FROM event_records").fetchone()[0] == 5
    # a report re-analysed without the event leaves the record one mention lighter
    detik = store.get_article("c-detik")
    detik.events = []
    store.save_article(detik)
    assign_stories(store)
    record = store.conn.execute("SELECT * FROM event_records WHERE id = ?", (meeting,)).fetchone()
    assert (record["n_mentions"], record["n_articles"], record["n_outlets"]) == (2, 2, 2)


def test_timeline_of_a_dyad_in_date_order_without_negated_or_intended(store: Store, save):
    _save_reports(save)
    assign_stories(store)
    rows = timeline(store, dyad=("CHN", "RUS"), entity=None)
    assert [(r["date"], r["type"]) for r in rows] == [("2022-09-19", "CONSULT"), ("2023-03-02", "SANCTION")]
    meeting, sanction = rows
    assert (meeting["n_articles"], meeting["n_outlets"]) == (3, 3)
    assert meeting["articles"] == ["a-kompas", "b-tempo", "c-detik"]
    assert {meeting["source"], meeting["target"]} == {"RUS", "CHN"}
    assert meeting["quad"] == "verbal_coop" and sanction["quad"] == "material_conflict"
    assert meeting["story_id"] == store.get_article("a-kompas").story_id
    assert [r["type"] for r in timeline(store, dyad=("RUS", "CHN"), entity=None, min_sources=2)] == ["CONSULT"]
    assert timeline(store, dyad=("USA", "JPN"), entity=None)[0]["date"] == "2021-12-15"


def test_timeline_of_an_entity_by_name_or_id(store: Store, save):
    save("a", "Kompas.com", "2022-09-19T20:00:00+07:00", "Orlov temui Wang Lei", BODY.format(day="hari ini"),
         ("Sergei Orlov",), ())
    art = store.get_article("a")
    ev = make_event("CONSULT", "RUS", "CHN", "2022-09-19", "Orlov bertemu Wang Lei.")
    ev.source = Actor(entity_id="person:sergei-orlov", name="Sergei Orlov", country="RUS")
    art.events = [ev]
    store.save_article(art)
    assign_stories(store)
    assert [r["date"] for r in timeline(store, dyad=None, entity="sergei orlov")] == ["2022-09-19"]
    assert [r["date"] for r in timeline(store, dyad=None, entity="person:sergei-orlov")] == ["2022-09-19"]
    assert timeline(store, dyad=None, entity="Wang Lei") == []


def test_dyad_trend_by_month_and_plot(store: Store, save, tmp_path: Path):
    _save_reports(save)
    assign_stories(store)
    trend = dyad_trend(store, "RUS", "CHN")
    assert [t["month"] for t in trend] == ["2022-09", "2023-03"]
    sept, march = trend
    assert (sept["verbal_coop"], sept["material_conflict"], sept["events"], sept["goldstein"]) == (1, 0, 1, 1.0)
    assert (march["material_conflict"], march["verbal_coop"], march["goldstein"]) == (1, 0, -4.0)
    out = plot_dyad(store, "RUS", "CHN", tmp_path / "trend.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000
    with pytest.raises(NoChartData, match="no dated events between IDN and AUS; dyads with events: CHN RUS"):
        plot_dyad(store, "IDN", "AUS", tmp_path / "empty.png")
    assert not (tmp_path / "empty.png").exists()
