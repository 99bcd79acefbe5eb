"""Cleaning: the article body from a text dump or an HTML page, with every removed segment and its kind.

`clean_article` fills `article.body` (paragraphs separated by one blank line) and `article.removed`, and leaves in
`article.scratch` (warta.stages.Scratch) what metadata extraction reads next:
  scratch.clean     -> warta.clean.text.CleanResult (title, subtitle, section, dateline, editor bullets)
  scratch.html_meta -> warta.clean.html.HtmlMeta (HTML input only)
warta.meta also reads scratch.input_meta ({"title", "date", "author"} given beside the text) when a reader sets it.
"""

from __future__ import annotations

from typing import TypeGuard

from pydantic import TypeAdapter

from warta.errors import SkipArticle
from warta.record import Article, Removed

__all__ = ["clean_article"]

_REMOVED_LIST = TypeAdapter(list[Removed])


def _has_text(raw: str | None) -> TypeGuard[str]:
    """`raw.strip()` is not empty, without copying the whole text to find out."""
    return raw is not None and raw != "" and not raw.isspace()


def clean_article(article: Article) -> None:
    scratch = article.scratch  # a private attribute: each read goes through pydantic's __getattr__
    raw_html = article.raw_html
    if _has_text(raw_html):
        from warta.clean.html import extract_html  # trafilatura is only imported for HTML input

        result, html_meta = extract_html(raw_html, url=article.source.url)
        scratch.html_meta = html_meta
    elif _has_text(raw_text := article.raw_text):
        from warta.clean.text import clean_lines

        result = clean_lines(raw_text)
    else:
        raise SkipArticle("empty input: no text or HTML to clean")
    article.body = "\n\n".join(result.paragraphs)
    # One validation of plain data for the whole list: half the cost of a Removed(...) per segment.
    article.removed = _REMOVED_LIST.validate_python([{"text": text, "kind": kind} for text, kind in result.removed])
    scratch.clean = result
