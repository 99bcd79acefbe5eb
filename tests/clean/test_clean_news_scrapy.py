"""Robustness on messy scraped CSV news (../shared/data/news-scrapy-2020); skips when the data is absent."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from warta.clean import clean_article
from warta.errors import SkipArticle
from warta.meta import extract_metadata
from warta.record import Article, Source


def test_messy_scraped_articles_clean_without_errors(shared_dir: Path) -> None:
    csv.field_size_limit(10**8)
    done = skipped = 0
    for path in sorted((shared_dir / "data" / "news-scrapy-2020").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=1):
                article = Article(
                    id=f"{path.stem}-{number}", source=Source(path=str(path), format="txt", sha256="0" * 64)
                )
                article._raw_text = f"{(row.get('judul') or '').strip()}\n\n{row.get('berita') or ''}"
                try:
                    clean_article(article)
                    extract_metadata(article)
                except SkipArticle as skip:
                    assert skip.reason.startswith(("empty input", "no article text")), skip.reason
                    skipped += 1
                    continue
                done += 1
                assert article.lang == "id"
                assert article.title
                assert article.body == article.body.strip() and "\n\n\n" not in article.body
                # The scraper's comma joins are gone: no paragraph starts with a separator or "selesai.,Berikut".
                assert not re.search(r"(?m)^[ ,]", article.body)
                assert not re.search(r"[.!?][\"”]?\s*,(?:\s*,)*\s*[\"“]?[A-Z]", article.body)
                if path.stem == "cnnindonesia":
                    assert article.outlet == "CNN Indonesia"
    assert done >= 80
    assert skipped < 150
