"""tone_report over a real store: entity tone and article tone by outlet and by month."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest

from warta.record import Article, Entity, Mention, Source, Tone
from warta.store import Store
from warta.store.queries import tone_report


def _article(article_id: str, outlet: str, published: str, china_polarity: float | None, article_polarity: float) -> Article:
    body = f"Artikel {article_id} tentang Tiongkok."
    article = Article(
        id=article_id,
        source=Source(path=f"{article_id}.txt", format="txt", sha256=article_id),
        outlet=outlet,
        published=published,
        body=body,
        tone=Tone(positive=2.0, negative=1.0, polarity=article_polarity, words=100),
    )
    if china_polarity is not None:
        start = body.index("Tiongkok")
        article.entities = [
            Entity(id="Q:china", name="China", type="LOC", mentions=[Mention(start=start, end=start + 8, text="Tiongkok")])
        ]
        article.entity_tone = {"Q:china": Tone(positive=1.0, negative=3.0, polarity=china_polarity, words=20)}
    return article


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "warta.db")
    store.save_article(_article("a1", "kompas.com", "2022-09-19T21:44:00+07:00", -0.4, 0.1))
    store.save_article(_article("a2", "kompas.com", "2022-12-30T10:00:00+07:00", -0.2, 0.3))
    store.save_article(_article("a3", "republika.co.id", "2022-12-31T08:00:00+07:00", 0.5, -0.2))
    store.save_article(_article("a4", "republika.co.id", "2022-12-31T09:00:00+07:00", None, 0.0))
    yield store
    store.close()


def test_entity_tone_by_outlet(store: Store) -> None:
    rows = tone_report(store, "China", "outlet")
    assert [row["outlet"] for row in rows] == ["kompas.com", "republika.co.id"]
    kompas, republika = rows
    assert kompas["articles"] == 2 and kompas["polarity"] == pytest.approx(-0.3)
    assert kompas["words"] == 40 and kompas["negative"] == pytest.approx(3.0)
    assert republika["articles"] == 1 and republika["polarity"] == pytest.approx(0.5)


def test_mean_polarity_carries_a_95_percent_interval_from_two_articles_up(store: Store) -> None:
    kompas, republika = tone_report(store, "China", "outlet")
    # -0.4 and -0.2: standard error 0.1, Student t with 1 degree of freedom 12.706: -1.571 .. 0.971, clipped to the
    # polarity scale at -1
    assert kompas["polarity_ci"] == pytest.approx([-1.0, -0.3 + 1.2706], abs=1e-3)
    assert republika["polarity_ci"] is None  # one article: no interval
    by_outlet = tone_report(store, None, "outlet")
    assert by_outlet[0]["polarity_ci"] == [-1.0, 1.0]  # 0.1 and 0.3: wider than the scale on both sides


def test_interval_is_the_student_t_interval_of_the_mean_over_articles(tmp_path: Path) -> None:
    polarities = [0.1, 0.25, 0.3, 0.05, 0.2, 0.4]
    with Store(tmp_path / "t.db") as store:
        for i, polarity in enumerate(polarities):
            store.save_article(_article(f"b{i}", "tempo.co", f"2023-01-0{i + 1}T08:00:00+07:00", polarity, 0.0))
        (row,) = tone_report(store, "China", "outlet")
    n = len(polarities)
    mean = statistics.fmean(polarities)
    half = 2.5706 * statistics.stdev(polarities) / math.sqrt(n)  # t(0.975, 5 degrees of freedom) = 2.5706
    assert row["articles"] == n and row["polarity"] == pytest.approx(mean, abs=1e-4)
    assert row["polarity_ci"] == pytest.approx([mean - half, mean + half], abs=2e-4)
    assert row["polarity_ci"][0] > 0  # six consistently positive articles: the interval excludes zero


def test_entity_tone_by_month_found_by_id_or_by_a_surface_form(store: Store) -> None:
    by_name = tone_report(store, "china", "month")
    assert by_name == tone_report(store, "Q:china", "month") == tone_report(store, "Tiongkok", "month")
    assert [(row["month"], row["articles"]) for row in by_name] == [("2022-09", 1), ("2022-12", 2)]
    assert by_name[1]["polarity"] == pytest.approx(0.15)


def test_article_tone_without_entity(store: Store) -> None:
    rows = tone_report(store, None, "outlet")
    assert [(row["outlet"], row["articles"]) for row in rows] == [("kompas.com", 2), ("republika.co.id", 2)]
    assert rows[0]["polarity"] == pytest.approx(0.2)
    assert rows[1]["polarity"] == pytest.approx(-0.1)


def test_unknown_entity_and_bad_grouping(store: Store) -> None:
    assert tone_report(store, "Atlantis", "outlet") == []
    with pytest.raises(ValueError):
        tone_report(store, None, "weekday")
