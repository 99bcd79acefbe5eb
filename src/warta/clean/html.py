"""HTML pages: trafilatura finds the main text and page metadata; the Indonesian line rules clean what it leaves in."""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura

from warta.clean.text import CleanResult, clean_lines
from warta.meta.bylines import looks_like_credit
from warta.meta.dates import looks_like_date_line

_SKIP_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "svg", "iframe", "template"}
_LINE_TAGS = {
    "p",
    "div",
    "span",
    "time",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "small",
    "em",
    "strong",
    "address",
}
MAX_CHROME_LINE = 160

# Publication time as pages declare it for machines: Open Graph / meta tags and JSON-LD.
_META_TIME = re.compile(
    r"<meta\s+[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|datePublished|"
    r"publishdate|pubdate|publish-date|content_PublishedDate|dtk:publishdate|date|parsely-pub-date)[\"'][^>]*?>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_JSONLD_TIME = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\"")
_SITE_NAME = re.compile(r"<meta\s+[^>]*?property\s*=\s*[\"']og:site_name[\"'][^>]*?>", re.IGNORECASE)


@dataclass
class HtmlMeta:
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    hostname: str | None = None
    date: str | None = None  # trafilatura's date (YYYY-MM-DD)
    published_raw: list[str] = field(default_factory=list)  # machine-readable stamps found in the page head
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    # Short page lines outside the main text that carry a stamp or a credit (trafilatura drops both as chrome).
    page_dates: list[str] = field(default_factory=list)
    page_credits: list[str] = field(default_factory=list)


def _declared_times(page: str) -> list[str]:
    head = page[:200_000]
    stamps = []
    for tag in _META_TIME.finditer(head):
        content = _CONTENT.search(tag.group(0))
        if content:
            stamps.append(html_lib.unescape(content.group(1)).strip())
    stamps += [m.group(1) for m in _JSONLD_TIME.finditer(head)]
    return stamps


def _site_name(page: str) -> str | None:
    tag = _SITE_NAME.search(page[:200_000])
    content = _CONTENT.search(tag.group(0)) if tag else None
    return html_lib.unescape(content.group(1)).strip() if content else None


def _page_lines(page: str) -> tuple[list[str], list[str]]:
    """Stamp lines and credit lines among the page's short text blocks (header bars, bylines, credit boxes)."""
    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return [], []
    dates: list[str] = []
    credits: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        if element.tag not in _LINE_TAGS or any(
            isinstance(child.tag, str) and child.tag in _LINE_TAGS - {"span", "em", "strong", "small"}
            for child in element
        ):
            continue
        if any(ancestor.tag in _SKIP_TAGS for ancestor in element.iterancestors()):
            continue
        # <br> separates credit lines ("Pewarta: A<br>Editor: B").
        parts = [" ".join(t.split()) for t in "\n".join(element.itertext()).split("\n")]
        for text in (p for p in parts if p and len(p) <= MAX_CHROME_LINE):
            if looks_like_date_line(text) and text not in dates:
                dates.append(text)
            elif looks_like_credit(text) and text not in credits:
                credits.append(text)
    return dates, credits


def extract_html(page: str, url: str | None = None) -> tuple[CleanResult, HtmlMeta]:
    document = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
    )
    data: dict[str, Any] = (
        document.as_dict() if document is not None and hasattr(document, "as_dict") else (document or {})
    )
    meta = HtmlMeta(
        title=(data.get("title") or None),
        author=data.get("author") or None,
        sitename=data.get("sitename") or _site_name(page),
        hostname=data.get("hostname") or None,
        date=data.get("date") or None,
        published_raw=_declared_times(page),
        description=data.get("description") or None,
        categories=list(data.get("categories") or []),
    )
    meta.page_dates, meta.page_credits = _page_lines(page)
    text = data.get("text") or ""
    result = clean_lines(text, known_title=meta.title, html_mode=True)
    return result, meta


def html_meta_as_dict(meta: HtmlMeta) -> dict[str, Any]:
    return json.loads(json.dumps(meta.__dict__))
