"""Metadata: title, subtitle, section, outlet, publication time, authors, editors, dateline, cited media, language.

Reads what cleaning left in `article.removed` and `article.scratch` (see warta.clean); never looks for a publication
time in the body, so an article without a printed timestamp keeps `published` null rather than an event date.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from warta.errors import SkipArticle
from warta.meta.bylines import is_person, parse_credits, split_names
from warta.meta.cited import cited_media, wire_credit
from warta.meta.dateline import normalise_city
from warta.meta.dates import find_stamps, publication_time, zone_offset
from warta.meta.lang import detect_language
from warta.meta.registry import outlets, unknown_outlet_name
from warta.record import Article
from warta.stages import not_filled

if TYPE_CHECKING:
    from warta.clean.html import HtmlMeta
    from warta.clean.text import CleanResult
    from warta.lang.id.media import Outlet

__all__ = ["extract_metadata"]

MIN_BODY_WORDS = 8
MIN_SENTENCE_WORDS = 4
# A body of fewer words is a short item (a one-paragraph brief): stored with `short` set, never skipped for it.
SHORT_WORDS = 50
_SENTENCE_END = re.compile(r"[a-z0-9)\"”'’][.!?][\"”'’]?\s*$")
SELF_REFERENCE_CHARS = 3000
# Words after which Indonesian reporting names its own outlet ("kepada Tempo", "wartawan Okezone", "tim Tempo");
# "mengutip"/"dilansir" name another outlet and are not among them.
# A scraper that drops the spaces around a link glues the name to the words on both sides ("timTempomulai",
# "laporanTemposejak"): the name is then a registry marker opening the capitalised word, lowercase letters after it.
_SELF_REFERENCE = re.compile(
    r"\b(?i:kepada|pantauan|wartawan|jurnalis|reporter|dihubungi|dikonfirmasi|ditemui|tim|redaksi|laporan|majalah)"
    r"(?P<space>\s*)(?P<outlet>[A-Z][\w.]+)"
)
_PHOTO_CREDIT = re.compile(r"\b(?:Foto|Photo|Dok|Ilustrasi)\s*:", re.IGNORECASE)
_SOURCE_CREDIT = re.compile(r"\bSumber\s*:.*$")
_AUTHOR_LABEL = re.compile(r"\b(?:Penulis|Reporter|Oleh|Editor)\s*:?\s*")


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _more_complete(names: list[str], declared: list[str]) -> list[str]:
    """The fuller form of a name: "Andhika" where the page also declares "Andhika Prasetyo"."""
    out = []
    for name in names:
        longer = [d for d in declared if d != name and d.casefold().startswith(name.casefold() + " ")]
        out.append(longer[0] if longer else name)
    return out


def _glued_marker(word: str) -> Outlet | None:
    """The outlet whose marker opens `word` with lowercase letters glued after it ("Tempomulai" -> Tempo)."""
    registry = outlets()
    for marker, outlet in registry.by_marker.items():
        if word.startswith(marker) and len(marker) >= 4 and word[len(marker) : len(marker) + 1].islower():
            return outlet
    return None


def _outlet(article: Article, clean: CleanResult, html_meta: HtmlMeta | None, given_author: str | None) -> str | None:
    registry = outlets()
    marker = clean.dateline.outlet_marker if clean.dateline else None
    if marker:
        whole = registry.marker_pattern.fullmatch(marker)  # "Warta Kota Kecil" is not "Warta Kota"
        found = registry.by_marker.get(marker) or (registry.by_marker[whole.group(0)] if whole else None)
        if found:
            return found.name
    for candidate in (
        registry.by_url(article.source.url),
        registry.by_url(html_meta.hostname) if html_meta else None,
        registry.by_name(html_meta.sitename) if html_meta else None,
    ):
        if candidate:
            return candidate.name
    # Credits, stamps, app banners, disclaimers ("IDN Times Community adalah ..."), in input order; not captions
    # or related links, which name other outlets and photo agencies.
    for segment in article.removed:
        if segment.kind in ("title", "caption", "related") or segment.text == clean.dateline_text:
            continue  # the dateline was read above: a registry name inside an unknown site's name is not it
        # "Sumber: Liputan6.com" credits a syndication source, not the publishing outlet.
        found = registry.find_marker(_SOURCE_CREDIT.sub("", segment.text))
        if found:
            return found.name
    # Page bylines outside the main text ("Rachmatunnisa - detikInet").
    for line in html_meta.page_credits if html_meta else []:
        if _PHOTO_CREDIT.search(line):
            continue  # "(Foto: Antara)": a photo agency, not the publisher
        found = registry.find_marker(_SOURCE_CREDIT.sub("", line))
        if found:
            return found.name
    if marker:
        return unknown_outlet_name(marker)  # a site named in the dateline that the registry does not know
    # A byline a container record carried beside the text ("A, B - detikOto").
    found = registry.find_marker(given_author) if given_author else None
    if found:
        return found.name
    # Last, the outlet speaking of itself in the text: "kata X kepada Tempo", "pantauan Okezone di lokasi".
    for own in _SELF_REFERENCE.finditer(article.body, 0, SELF_REFERENCE_CHARS):
        found = registry.find_marker(own.group("outlet"))
        found = found or (None if own.group("space") else _glued_marker(own.group("outlet")))
        if found:
            return found.name
    if html_meta and html_meta.sitename:
        return html_meta.sitename
    return None


def _published(article: Article, html_meta: HtmlMeta | None, offset: str | None) -> str | None:
    """The publication time; a stamp that names no zone is read in `offset`, the outlet's zone (WITA, WIT)."""
    # Stamp lines first, then credit lines that carry one ("Oleh A pada 20 Sep 2023, 14:35 WIB"); a first
    # publication stamp anywhere among them wins over an "updated" one.
    dated = [s.text for s in article.removed if s.kind == "date"]
    others = [s.text for s in article.removed if s.kind in ("byline", "other") and len(s.text) <= 160]
    page = html_meta.page_dates if html_meta else []
    visible = publication_time(dated + others + page, offset)
    declared = [
        stamps[0].in_zone(offset) for raw in (html_meta.published_raw if html_meta else []) if (stamps := find_stamps(raw))
    ]
    if not declared:
        return visible
    # A declared stamp the page also shows wins; a declared stamp the page contradicts (a stale itemprop) loses to
    # the time printed on the page.
    shown = {_minute(s.in_zone(offset)) for line in dated + page for s in find_stamps(line)}
    agreeing = [iso for iso in declared if _minute(iso) in shown]
    if agreeing:
        return agreeing[0]
    # Only a stamp the article itself shows (its header line, a marked date element) overrides the declaration;
    # the page's other stamp lines may belong to lists of other articles.
    own = publication_time(dated + (html_meta.shown_dates if html_meta else []), offset)
    return own or declared[0]


def _minute(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    except ValueError:
        return iso


def extract_metadata(article: Article) -> None:
    scratch = article.scratch  # a private attribute: each read goes through pydantic's __getattr__
    clean = scratch.clean
    if clean is None:
        raise not_filled("meta", "clean")
    html_meta = scratch.html_meta

    # At most MIN_BODY_WORDS + 1 pieces: enough to tell a short body without splitting a long one whole. One
    # sentence of news ("Menteri Luar Negeri … bertemu … di Moskow.") is an article, however short.
    words = len(article.body.split(None, MIN_BODY_WORDS))
    if words < MIN_BODY_WORDS and not (words >= MIN_SENTENCE_WORDS and _SENTENCE_END.search(article.body)):
        raise SkipArticle("no article text left after cleaning")
    article.short = len(article.body.split(None, SHORT_WORDS)) < SHORT_WORDS
    lang, _score = detect_language(((clean.title or "") + "\n" + article.body).strip())
    if lang != "id":
        raise SkipArticle(f"language: {lang}")
    article.lang = "id"

    # Fields a container record carried beside the text (JSONL "title"/"date"/"author"), when the reader passes them.
    given: dict[str, str] = scratch.input_meta or {}
    article.title = clean.title or (html_meta.title if html_meta else None) or given.get("title")
    article.subtitle = clean.subtitle
    article.section = clean.section or (html_meta.categories[0] if html_meta and html_meta.categories else None)
    article.outlet = _outlet(article, clean, html_meta, str(given["author"]) if given.get("author") else None)
    outlet = outlets().by_canonical_name(article.outlet)
    offset = zone_offset(outlet.zone) if outlet else None  # WITA/WIT outlets print local time without a zone
    article.published = _published(article, html_meta, offset)
    if article.published is None and given.get("date"):
        stamps = find_stamps(str(given["date"]))
        article.published = stamps[0].in_zone(offset) if stamps else None

    authors: list[str] = []
    editors: list[str] = []
    sources: list[str] = []
    credit_lines = [s.text for s in article.removed if s.kind == "byline"]
    if html_meta:
        credit_lines += [line for line in html_meta.page_credits if line not in credit_lines]
    for line in credit_lines:
        credits = parse_credits(line)
        authors += credits.authors
        editors += credits.editors
        sources += credits.sources
    editors += clean.editor_bullets
    if html_meta:
        editors += [name for name in html_meta.declared_editors if is_person(name)]
    # Declared for machines: people only, and not the editor a JSON-LD or meta "author" often names.
    edited = {e.casefold() for e in editors}
    if html_meta and not authors:
        authors = [a for a in html_meta.declared_authors if is_person(a) and a.casefold() not in edited][:1]
        authors = _more_complete(authors, html_meta.declared_authors)
    declared_author = (html_meta.author if html_meta else None) or given.get("author")
    if not authors and declared_author:
        authors = [a for a in split_names(_AUTHOR_LABEL.sub("", str(declared_author))) if a.casefold() not in edited]
    article.authors = _dedupe([a for a in authors if is_person(a)])
    article.editors = _dedupe([e for e in editors if e.casefold() not in {a.casefold() for a in article.authors}])

    # Wire credit lines ("REUTERS | XINHUA" under the text, "(Antara)" on a syndicated copy) name sources too.
    for segment in article.removed:
        if segment.kind not in ("title", "related", "navigation"):
            sources += wire_credit(segment.text)
    article.dateline = normalise_city(clean.dateline.city) if clean.dateline else None
    article.cited_sources = cited_media(article.body, sources, exclude=article.outlet)
