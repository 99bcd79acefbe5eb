"""`process_many` (stage by stage over a chunk, what `warta analyze` runs) gives `try_process`'s records and skips."""

from __future__ import annotations

import dataclasses

import pytest

from warta import pipeline
from warta.demo import corpus_dir
from warta.errors import SkipArticle
from warta.pipeline import process_many, try_process
from warta.read import Skip, read_paths
from warta.record import Article


def _demo(count: int) -> list[Article]:
    paths = sorted(str(p) for p in corpus_dir().glob("*.txt"))[:count]
    return [item for item in read_paths(paths) if not isinstance(item, Skip)]


def _copy(article: Article) -> Article:
    copy = article.model_copy(deep=True)
    copy._raw_text, copy._raw_html = article.raw_text, article.raw_html
    copy._scratch = dataclasses.replace(article.scratch)
    return copy


def test_same_records_as_one_by_one() -> None:
    articles = _demo(12)
    assert len(articles) == 12
    one_by_one = [try_process(_copy(a)) for a in articles]
    together = process_many([_copy(a) for a in articles])
    assert [(r.to_json() if r else None, why) for r, why in together] == [
        (r.to_json() if r else None, why) for r, why in one_by_one
    ]
    assert all(r is not None and r.entities for r, _ in together)  # real analyses, not empty records


def test_a_failing_article_is_skipped_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _demo(4)
    expected = [try_process(_copy(a))[0].to_json() for a in articles]
    bad_id, refused_id = articles[1].id, articles[2].id
    real = pipeline.built_stages()
    quotes = next(stage for stage in real if stage.name == "quotes")

    def quotes_break_on_one(article: Article) -> None:
        if article.id == bad_id:
            raise ValueError("quote rule broke")
        if article.id == refused_id:
            raise SkipArticle("not a news article")
        quotes.run(article)

    broken = [dataclasses.replace(s, run=quotes_break_on_one) if s is quotes else s for s in real]
    monkeypatch.setattr(pipeline, "_PIPELINE", broken)
    results = process_many([_copy(a) for a in articles])
    assert results[1] == (None, "internal error in analysis: ValueError: quote rule broke")
    assert results[2] == (None, "not a news article")
    assert [results[0][0].to_json(), results[3][0].to_json()] == [expected[0], expected[3]]


def test_empty_body_after_cleaning_is_a_skip_and_timings_are_summed() -> None:
    from collections import Counter

    articles = _demo(2)
    emptied = Article.model_validate({"id": "kosong", "source": articles[0].source.model_dump(), "body": ""})
    emptied._raw_text = "Baca Juga: Berita lain\n"
    timings: Counter[str] = Counter()
    results = process_many([_copy(articles[0]), emptied], timings)
    assert results[0][0] is not None
    assert results[1][0] is None and results[1][1]
    assert set(timings) == {stage.name for stage in pipeline.built_stages()} and all(v > 0 for v in timings.values())


def test_a_stage_over_many_that_fails_is_run_article_by_article(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _demo(3)
    expected = [try_process(_copy(a))[0].to_json() for a in articles]
    calls: list[int] = []

    def broken(many: list[Article]) -> None:
        calls.append(len(many))
        raise MemoryError("too many at once")

    stages = [dataclasses.replace(s, run_many=broken) if s.name == "tag" else s for s in pipeline.built_stages()]
    monkeypatch.setattr(pipeline, "_PIPELINE", stages)
    results = process_many([_copy(a) for a in articles])
    assert calls == [3]
    assert [r.to_json() for r, _ in results] == expected
