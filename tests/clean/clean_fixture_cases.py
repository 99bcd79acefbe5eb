"""Shared loader for the written fixture set in tests/fixtures/articles (text dumps and HTML pages)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from warta.clean import clean_article
from warta.errors import SkipArticle
from warta.meta import extract_metadata
from warta.record import Article, Source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
META_FIELDS = ("title", "subtitle", "outlet", "published", "authors", "editors", "dateline", "lang", "section")


def cases(kind: str) -> list[Path]:
    suffix = "txt" if kind == "text" else "html"
    return sorted((FIXTURES / kind).glob(f"*.{suffix}"))


def build(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    fmt = "txt" if path.suffix == ".txt" else "html"
    article = Article(
        id=path.stem, source=Source(path=str(path), format=fmt, sha256=hashlib.sha256(raw.encode()).hexdigest())
    )
    if fmt == "txt":
        article._raw_text = raw
    else:
        article._raw_html = raw
    return article


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


def check(path: Path) -> list[str]:
    """Differences between what Warta extracts from `path` and the expected JSON beside it."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    article = build(path)
    try:
        clean_article(article)
        extract_metadata(article)
    except SkipArticle as skip:
        return [] if expected.get("skip") == skip.reason else [f"skipped: {skip.reason}"]
    if "skip" in expected:
        return [f"expected skip {expected['skip']!r}, got an article"]
    problems = []
    for name in META_FIELDS:
        if name not in expected:
            continue
        got = getattr(article, name)
        if got != expected[name]:
            problems.append(f"{name}: got {got!r}, want {expected[name]!r}")
    if set(article.cited_sources) != set(expected["cited_sources"]):
        problems.append(f"cited_sources: got {article.cited_sources!r}, want {expected['cited_sources']!r}")
    body = norm(article.body)
    if not body.startswith(norm(expected["body_first"])):
        problems.append(f"body starts {body[:80]!r}")
    if not body.endswith(norm(expected["body_last"])):
        problems.append(f"body ends {body[-80:]!r}")
    for text in expected["boilerplate"]:
        if norm(text) in body:
            problems.append(f"boilerplate left in body: {text!r}")
    for text in expected.get("body_contains", []):
        if norm(text) not in body:
            problems.append(f"missing from body: {text!r}")
    for text, count in expected.get("body_once", {}).items():
        if body.count(norm(text)) != count:
            problems.append(f"{text[:40]!r} occurs {body.count(norm(text))} times, want {count}")
    if "\n\n\n" in article.body or article.body != article.body.strip():
        problems.append("paragraphs not separated by exactly one blank line")
    return problems
