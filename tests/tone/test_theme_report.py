"""theme_report and the themes of tone_report rows, over a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.record import Article, Entity, Mention, Source, ThemeHit, Tone
from warta.store import Store
from warta.store.queries import theme_labels, theme_report, tone_report


def _article(article_id: str, outlet: str, published: str | None, themes: list[str], names_china: bool) -> Article:
    body = f"Artikel {article_id} tentang Tiongkok."
    article = Article(id=article_id, source=Source(path=f"{article_id}.txt", format="txt", sha256=article_id),
                      outlet=outlet, published=published, body=body,
                      tone=Tone(positive=1.0, negative=0.0, polarity=0.1, words=10),
                      themes=[ThemeHit(theme=theme, score=1.0, evidence=[theme]) for theme in themes])
    if names_china:
        start = body.index("Tiongkok")
        article.entities = [Entity(id="Q:china", name="China", type="LOC",
                                   mentions=[Mention(start=start, end=start + 8, text="Tiongkok")])]
        article.entity_tone = {"Q:china": Tone(positive=0.0, negative=1.0, polarity=-0.2, words=5)}
    return article


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "warta.db")
    store.save_article(_article("a1", "kompas.com", "2022-09-19T21:44:00+07:00", ["trade", "energy"], True))
    store.save_article(_article("a2", "kompas.com", "2022-12-30T10:00:00+07:00", ["trade"], True))
    store.save_article(_article("a3", "republika.co.id", "2022-12-31T08:00:00+07:00", ["sanctions"], False))
    store.save_article(_article("a4", "republika.co.id", None, [], True))
    yield store
    store.close()


def test_theme_counts_per_month_of_all_articles(store: Store) -> None:
    rows = theme_report(store, None, "month")
    assert rows == [
        {"month": "(undated)", "articles": 1, "themes": {}},
        {"month": "2022-09", "articles": 1, "themes": {"energy": 1, "trade": 1}},
        {"month": "2022-12", "articles": 2, "themes": {"sanctions": 1, "trade": 1}},
    ]


def test_theme_counts_per_outlet_of_an_entity_found_by_surface_form(store: Store) -> None:
    rows = theme_report(store, "Tiongkok", "outlet")
    assert rows == [{"outlet": "kompas.com", "articles": 2, "themes": {"trade": 2, "energy": 1}},
                    {"outlet": "republika.co.id", "articles": 1, "themes": {}}]
    assert list(rows[0]["themes"]) == ["trade", "energy"]  # most frequent first
    assert str(rows[0]["themes"]) == "trade 2, energy 1"  # how `warta tone` prints it in a table


def test_tone_rows_carry_the_themes_of_the_same_articles(store: Store) -> None:
    rows = tone_report(store, "China", "outlet")
    assert [(row["outlet"], row["articles"], row["themes"]) for row in rows] == [
        ("kompas.com", 2, {"trade": 2, "energy": 1}), ("republika.co.id", 1, {})]
    assert set(rows[0]) == {"outlet", "articles", "positive", "negative", "polarity", "polarity_ci", "words", "themes"}


def test_damaged_themes_json_is_skipped_not_fatal(store: Store) -> None:
    with store.conn:
        store.conn.execute("UPDATE articles SET themes_json = '{not json' WHERE id = 'a1'")
    rows = theme_report(store, None, "outlet")
    assert rows[0] == {"outlet": "kompas.com", "articles": 2, "themes": {"trade": 1}}


def test_bad_grouping_and_labels(store: Store) -> None:
    with pytest.raises(ValueError, match="by must be one of"):
        theme_report(store, None, "week")
    assert theme_labels()["trade"] == "Trade"
