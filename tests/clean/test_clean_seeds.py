"""The five real seed articles, scored by the shared seed scorer's `meta` and `clean` areas (skips without ../shared)."""

from __future__ import annotations

from pathlib import Path

from warta.clean import clean_article
from warta.meta import extract_metadata
from warta.record import Article, Source


def test_seed_meta_and_clean_areas_pass(seed_run) -> None:
    rows = seed_run.rows("meta", "clean")
    assert len(rows) >= 40
    failed = [f"{row['check']}: {row['detail']}" for row in rows if not row["ok"]]
    assert failed == []


def test_seed_results_survive_line_endings_bom_and_odd_spaces(shared_dir: Path) -> None:
    fields = ("title", "subtitle", "outlet", "published", "authors", "editors", "dateline", "cited_sources", "body")
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        results = []
        for variant in (raw, "\ufeff" + raw.replace("\n", "\r\n"), raw.replace(" ", "\u00a0", 40)):
            article = Article(id=path.stem, source=Source(path=str(path), format="txt", sha256="0" * 64))
            article._raw_text = variant
            clean_article(article)
            extract_metadata(article)
            results.append({name: getattr(article, name) for name in fields})
        assert results[1] == results[0], path.name
        assert results[2] == results[0], path.name
