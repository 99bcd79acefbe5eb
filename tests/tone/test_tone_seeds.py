"""On the five real seed articles (skipped without ../shared): how is China portrayed?

002 reports the US State Department's disappointment with China; 000, 001, 003 and 004 report Russian officials on
Russia-China cooperation. China's entity tone should be lower in 002 than in the Russia-sourced articles on average.
Mentions are found here with a plain name match so the test does not depend on the nlp stage; the articles go through
the real reading, cleaning and metadata stages first.
"""

from __future__ import annotations

import re
from pathlib import Path

from warta.clean import clean_article
from warta.meta import extract_metadata
from warta.pipeline import run_until
from warta.read import read_paths
from warta.record import Article, Entity, Mention

CHINA_NAMES = re.compile(r"\b(?:China|Cina|Tiongkok)\b")
_CLEANED = ("title", "subtitle", "body", "entities", "quotes", "events")  # given by the test (no quotes or events), not the stages


def _china_polarity(article: Article) -> float:
    clean_article(article)
    extract_metadata(article)
    mentions = [Mention(start=m.start(), end=m.end(), text=m.group()) for m in CHINA_NAMES.finditer(article.body)]
    article.entities = [Entity(id="Q:china", name="China", type="LOC", mentions=mentions)]
    run_until(article, "tone", given=_CLEANED)
    return article.entity_tone["Q:china"].polarity


def test_china_is_portrayed_more_negatively_in_the_us_sourced_article(shared_dir: Path) -> None:
    polarity = {}
    for article in read_paths([str(shared_dir / "seeds")]):
        assert isinstance(article, Article)
        polarity[Path(article.source.path).name[:3]] = _china_polarity(article)
    assert sorted(polarity) == ["000", "001", "002", "003", "004"]
    russia_sourced = [polarity[key] for key in ("000", "001", "003", "004")]
    assert polarity["002"] < sum(russia_sourced) / len(russia_sourced)


def test_seed_articles_get_themes_and_keyphrases(shared_dir: Path) -> None:
    for article in read_paths([str(shared_dir / "seeds")]):
        assert isinstance(article, Article)
        clean_article(article)
        extract_metadata(article)
        run_until(article, "tone", given=_CLEANED)  # the sentences stage, then tone; no entities
        themes = [item.theme for item in article.themes]
        # All five report Russia-China security or diplomatic ties.
        assert {"military_cooperation", "diplomatic_visit"} & set(themes[:2]), (article.source.path, themes)
        assert len(article.keyphrases) >= 5
