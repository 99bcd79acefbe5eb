"""HTML pages: trafilatura finds the main text and page metadata; the Indonesian line rules clean what it leaves in."""

from __future__ import annotations

import copy
import html as html_lib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import trafilatura

from warta.clean.page import declared_people, reconcile_title
from warta.clean.text import CleanResult, clean_lines
from warta.errors import SkipArticle
from warta.meta.bylines import bare_name, looks_like_credit, parse_credits
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
MIN_WORDS = 40  # below this the main text may have been missed
_INLINE_TAGS = {"span", "a", "b", "strong", "em", "i", "u", "small", "time", "font", "abbr", "sup", "sub", "label"}

# Publication time as pages declare it for machines: Open Graph / meta tags and JSON-LD.
_META_TIME = re.compile(
    r"<meta\s+[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|datePublished|"
    r"publishdate|pubdate|publish-date|content_PublishedDate|dtk:publishdate|date|parsely-pub-date)[\"'][^>]*?>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_JSONLD_TIME = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\"")
_JSONLD_HEADLINE = re.compile(r"\"headline\"\s*:\s*\"([^\"]+)\"")
# A credit block's role word on a line of its own ("Author", "Oleh :", "Jurnalis").
_ROLE_LINE = re.compile(
    r"^(?P<role>Author|Penulis|Reporter|Jurnalis|Pewarta|Wartawan|Kontributor|Oleh|Writer|Editor|Redaktur|Penyunting)"
    r"\s*:?$"
)
# Page parts trafilatura may take for body text: lists whose items hold paragraphs (teasers of other articles, a
# glossary), and blocks named as related, popular, recommended or glossary content.
_NOT_ARTICLE_WORDS = (
    "related",
    "terkait",
    "populer",
    "popular",
    "recommend",
    "rekomendasi",
    "glos",
    "kamus",
    "baca-juga",
    "bacajuga",
    "read-also",
)
_NAME = "translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_NOT_ARTICLE = [
    "//ul[count(li[.//p]) >= 2]",
    "//*[" + " or ".join(f"contains({_NAME}, '{word}')" for word in _NOT_ARTICLE_WORDS) + "]",
]
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
    shown_dates: list[str] = field(default_factory=list)  # stamps in marked elements (itemprop, <time>, .date)
    # People the page declares for machines (content_author / content_editor tags, data layers, JSON-LD persons).
    declared_authors: list[str] = field(default_factory=list)
    declared_editors: list[str] = field(default_factory=list)


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


# libxml2 stops reading a page nested deeper than 256 elements unless told otherwise (huge_tree, then 2,048).
# Unclosed menu items reach 256 on a 5.5 KB page. The readers of the tree (here and in trafilatura) recurse per level,
# so what lies deeper than MAX_HTML_DEPTH is cut off, and a page left with no text says so in its skip.
LIBXML_DEPTH = 256
MAX_HTML_DEPTH = 512
_DEEP_PARSER = lxml.html.HTMLParser(huge_tree=True)


def _cut_deep(tree: lxml.html.HtmlElement) -> int:
    """How deep the tree goes; the children of elements at MAX_HTML_DEPTH are removed."""
    depth = deepest = 0
    at_limit = []
    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
        if event == "start" and depth == MAX_HTML_DEPTH and len(element):
            at_limit.append(element)
    for element in at_limit:
        for child in list(element):
            element.remove(child)
    return deepest


def _parse(page: str) -> tuple[lxml.html.HtmlElement | None, int]:
    """The page's tree, read without libxml2's 256-level cliff, and how deep the page went."""
    try:
        tree = lxml.html.fromstring(page, parser=_DEEP_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return None, 0
    return tree, _cut_deep(tree)


def _headings(tree: lxml.html.HtmlElement | None) -> list[str]:
    if tree is None:
        return []
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")]


def _meta_titles(tree: lxml.html.HtmlElement | None, page: str, fallback: str | None) -> list[str]:
    titles: list[str] = []
    if tree is not None:
        titles += [str(v) for v in tree.xpath("//meta[@property='og:title']/@content")]
    titles += [html_lib.unescape(m) for m in _JSONLD_HEADLINE.findall(page[:200_000])]
    if tree is not None:
        titles += [t.text_content() for t in tree.iter("title")][:1]
    if fallback:
        titles.append(fallback)
    return [" ".join(t.split()) for t in titles if t and t.strip()]


def _names_from(lines: list[str], start: int) -> list[str]:
    names: list[str] = []
    while start + len(names) < len(lines) and bare_name(lines[start + len(names)].rstrip(",")):
        names.append(lines[start + len(names)].rstrip(","))
    return names


def _text_with_breaks(element: lxml.html.HtmlElement, done: dict[Any, str] | None = None) -> str:
    """The element's text with inline children run together ("Rachmatunnisa - <span>detikInet</span>" is one line)
    and a newline only where a <br> stands. `done` keeps each element's text for the next call on an ancestor (on a
    deeply nested page each call would read the whole subtree again: cubic in the depth, a minute at 500 levels)."""
    if done is not None and element in done:
        return done[element]
    chunks: list[str] = [" ".join((element.text or "").split())]
    for child in element:
        if child.tag == "br":
            chunks.append("\n")
        elif isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            edge = " " if child.tag in _INLINE_TAGS else "\n"  # a block child (li, div, p) is a line of its own
            chunks.append(edge + _text_with_breaks(child, done) + edge)
        if child.tail:
            chunks.append(" ".join(child.tail.split()))
    text = "\n".join(" ".join(line.split()) for line in "".join(chunks).split("\n"))
    if done is not None:
        done[element] = text
    return text


def _visible_stamps(tree: lxml.html.HtmlElement | None) -> list[str]:
    """Stamps a page shows in a marked element, read whole: `<p class="datetime">18 Jun 2015 at <span>06:25 WIB`
    splits into lines that carry no instant on their own."""
    if tree is None:
        return []
    stamps: list[str] = []
    for element in tree.xpath("//*[@itemprop='datePublished'] | //time | //*[contains(@class, 'date')]"):
        if any(ancestor.tag in _SKIP_TAGS for ancestor in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= MAX_CHROME_LINE and looks_like_date_line(text) and text not in stamps:
            stamps.append(text)
    return stamps


def _role_credits(lines: list[str]) -> list[str]:
    """Credit blocks laid out as role words beside names: "A" over "Penulis" (the role under its name), else
    "Author" over "A" and "B"; "Penulis", "Editor" over "A", "B" (one name per role, in order)."""
    credits: list[str] = []
    used: set[int] = set()
    under_names = False
    index = 0
    while index < len(lines):
        roles: list[str] = []
        while index + len(roles) < len(lines) and (role := _ROLE_LINE.match(lines[index + len(roles)])):
            roles.append(role.group("role"))
        if not roles:
            index += 1
            continue
        before = lines[index - 1].rstrip(",") if index else ""
        following = _names_from(lines, index + 1)
        # Name over role ("A", "Penulis", "B", "Editor"): one name between roles, or none after the role.
        role_under_name = not following or (
            len(following) == 1 and index + 2 < len(lines) and _ROLE_LINE.match(lines[index + 2]) is not None
        )
        if len(roles) == 1 and index - 1 not in used and bare_name(before) and (role_under_name or under_names):
            credits.append(f"{roles[0]}: {before}")
            under_names = True  # the block keeps its layout for the roles after
            index += 1
            continue
        names = _names_from(lines, index + len(roles))
        pairs = zip(roles, names, strict=False) if len(roles) > 1 else ((roles[0], name) for name in names)
        credits += [f"{role}: {name}" for role, name in pairs]
        used.update(range(index + len(roles), index + len(roles) + len(names)))
        index += len(roles) + len(names)
    return credits


def _page_lines(tree: lxml.html.HtmlElement | None) -> tuple[list[str], list[str]]:
    """Stamp lines and credit lines among the page's short text blocks (header bars, bylines, credit boxes)."""
    if tree is None:
        return [], []
    dates: list[str] = []
    credits: list[str] = []
    short_lines: list[str] = []
    seen_headline = next(tree.iter("h1"), None) is None  # credit blocks sit under the headline, menus above it
    texts: dict[Any, str] = {}
    for element in tree.iter():
        seen_headline = seen_headline or element.tag == "h1"
        if element.tag in ("h1", "h2"):
            continue  # headlines, not credits
        if element.tag == "tr":
            # A credit table: "Penulis" | ": A" in two cells.
            cells = [" ".join(td.text_content().split()) for td in element if isinstance(td.tag, str)]
            row = " ".join(c for c in cells if c)
            if row and len(row) <= MAX_CHROME_LINE and looks_like_credit(row) and row not in credits:
                credits.append(row)
            continue
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
        parts = [" ".join(t.split()) for t in _text_with_breaks(element, texts).split("\n")]
        for text in (p for p in parts if p and len(p) <= MAX_CHROME_LINE):
            if seen_headline:
                short_lines.append(text)
            if looks_like_date_line(text) and text not in dates:
                dates.append(text)
            elif looks_like_credit(text) and text not in credits:
                credits.append(text)
    if not any(parse_credits(line).authors for line in credits):
        # Role words laid out beside names only when no labelled line names a writer.
        credits += [c for c in _role_credits(short_lines) if c not in credits]
    return dates, credits


def _extract(page: str | lxml.html.HtmlElement, url: str | None, recall: bool, wrapped: bool = False) -> dict[str, Any]:
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=False,
            favor_recall=recall,
            prune_xpath=None if recall else _NOT_ARTICLE,
        )
    except AssertionError:
        # htmldate drops unwanted elements (<svg>, ...) with lxml's drop_tree, which asserts the element has a parent:
        # a page lying wholly inside one (`<svg><p><p>`, found by scripts/fuzz.py) has it as its root. Once more with
        # the page inside <html><body>, where it has one.
        if wrapped or not isinstance(page, str):
            return {}
        return _extract(f"<html><body>{page}</body></html>", url, recall, wrapped=True)
    return document.as_dict() if document is not None and hasattr(document, "as_dict") else (document or {})


def extract_html(page: str, url: str | None = None) -> tuple[CleanResult, HtmlMeta]:
    tree, depth = _parse(page)
    # trafilatura parses a string with libxml2's default depth: a deeper page goes to it as the deep tree (a copy each
    # time, as it prunes what it is given); an ordinary one as the string, as before.
    source: Any = page if depth < LIBXML_DEPTH or tree is None else tree
    data = _extract(copy.deepcopy(source) if source is tree else source, url, recall=False)
    sitename = data.get("sitename") or _site_name(page)
    hostname = data.get("hostname") or None
    title = reconcile_title(_meta_titles(tree, page, data.get("title")), _headings(tree), [sitename, hostname])
    meta = HtmlMeta(
        title=title,
        author=data.get("author") or None,
        sitename=sitename,
        hostname=hostname,
        date=data.get("date") or None,
        published_raw=_declared_times(page),
        description=data.get("description") or None,
        categories=list(data.get("categories") or []),
    )
    meta.page_dates, meta.page_credits = _page_lines(tree)
    meta.shown_dates = _visible_stamps(tree)
    meta.page_dates = meta.shown_dates + [d for d in meta.page_dates if d not in meta.shown_dates]
    meta.declared_authors, meta.declared_editors = declared_people(page)
    result = clean_lines(data.get("text") or "", known_title=meta.title, html_mode=True)
    if _words(result.paragraphs) < MIN_WORDS:
        # A short page, or one the precise pass found nothing in: trafilatura's recall mode, if it finds more.
        recall = _extract(copy.deepcopy(source) if source is tree else source, url, recall=True)
        again = clean_lines(recall.get("text") or "", known_title=meta.title, html_mode=True)
        if _words(again.paragraphs) > _words(result.paragraphs):
            result = again
    if not result.paragraphs and depth > MAX_HTML_DEPTH:
        raise SkipArticle(
            f"HTML nested deeper than {MAX_HTML_DEPTH} elements (MAX_HTML_DEPTH): what lies deeper is not read"
        )
    return result, meta


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def html_meta_as_dict(meta: HtmlMeta) -> dict[str, Any]:
    return json.loads(json.dumps(meta.__dict__))
