"""Feeds and news sitemaps: what to follow (the registry), how to read them, and how to find them on a home page.

* `registry()`: `data/feeds.json`, the RSS/Atom feeds and Google-News sitemaps of Indonesian outlets, keyed by a short
  id and naming the outlet as `warta/lang/id/outlets.json` does (a test checks the names).
* `parse_listing(body, url)`: the article URLs of a feed (feedparser), a sitemap or a sitemap index (lxml).
* `discover(html, url)`: feed URLs a home page announces (trafilatura's feed finder).
"""

from __future__ import annotations

import gzip
import io
import json
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from urllib.parse import urljoin, urlsplit

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_GZIP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit for one uncompressed sitemap


@dataclass(frozen=True)
class OutletSources:
    id: str  # short id used on the command line (`--outlets kompas,detik`)
    outlet: str  # the outlet's name in outlets.json
    home: str  # home page: feeds and sitemaps are discovered from it when the listed ones fail or there are none
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


@cache
def registry() -> tuple[OutletSources, ...]:
    data = json.loads(resources.files("warta.collect").joinpath("data/feeds.json").read_text(encoding="utf-8"))
    return tuple(
        OutletSources(key, o["outlet"], o["home"], tuple(o.get("feeds", ())), tuple(o.get("sitemaps", ())))
        for key, o in data["outlets"].items()
    )


def select_outlets(names: list[str] | None) -> list[OutletSources]:
    """The registry's outlets named by id or outlet name (case-insensitive); all of them for None."""
    known = registry()
    if names is None:
        return list(known)
    chosen: list[OutletSources] = []
    for name in names:
        key = name.strip().casefold()
        match = [o for o in known if key in (o.id.casefold(), o.outlet.casefold())]
        if not match:
            from warta.errors import WartaError

            ids = ", ".join(o.id for o in known)
            raise WartaError(f"unknown outlet: {name} (known: {ids})")
        chosen += [o for o in match if o not in chosen]
    return chosen


@dataclass(frozen=True)
class Item:
    url: str
    published: str | None = None  # ISO 8601 UTC, when the listing gives a date


@dataclass
class Listing:
    kind: str  # "feed", "sitemap" or "sitemapindex"
    items: list[Item] = field(default_factory=list)  # articles (feed, sitemap) or child sitemaps (index)
    error: str | None = None  # what was wrong with it; items holds what could still be read

    @property
    def newest(self) -> str | None:
        dates = [i.published for i in self.items if i.published]
        return max(dates) if dates else None


def _looks_like_sitemap(head: bytes) -> bool:
    head = head[:4096].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_listing(body: bytes, url: str) -> Listing:
    """The article URLs of a feed, sitemap or sitemap index. A listing that is not well-formed XML is read as far
    as the parsers recover and comes back with `error` set; one that yields nothing at all is an error too."""
    if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served as a file, not with Content-Encoding
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
                body = fh.read(MAX_GZIP_BYTES + 1)
        except (OSError, EOFError) as exc:
            return Listing("sitemap", error=f"not a readable gzip file: {exc}")
        if len(body) > MAX_GZIP_BYTES:
            return Listing("sitemap", error=f"sitemap larger than {MAX_GZIP_BYTES} bytes uncompressed")
    listing = _parse_sitemap(body, url) if _looks_like_sitemap(body) else _parse_feed(body, url)
    if not listing.items and listing.error is None:
        listing.error = "no items: neither an RSS/Atom feed nor a sitemap"
    return listing


def _parse_feed(body: bytes, url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None)
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp) if stamp else None
        items.append(Item(urljoin(url, link), published))
    error = None
    if parsed.bozo and not _harmless(parsed.bozo_exception):
        error = f"malformed feed: {type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
    return Listing("feed", items, error)


def _harmless(exc: Exception) -> bool:
    """feedparser flags a declared encoding that differs from the real one, and a feed served without an XML
    content type (many are served as text/html); the feed itself is fine."""
    import feedparser

    return isinstance(exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType))


def _parse_sitemap(body: bytes, url: str) -> Listing:
    from lxml import etree

    error = None
    safe = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    try:
        root = etree.fromstring(body, etree.XMLParser(**safe))
    except etree.XMLSyntaxError as exc:
        error = f"malformed sitemap XML: {exc}"
        root = etree.fromstring(body, etree.XMLParser(recover=True, **safe))
    if root is None:
        return Listing("sitemap", error=error or "empty sitemap")
    kind = "sitemapindex" if etree.QName(root).localname == "sitemapindex" else "sitemap"
    items = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = node.findtext(f"{{{SITEMAP_NS}}}loc") or node.findtext("loc")
        if not loc or not loc.strip():
            continue
        date = (node.findtext(f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}publication_date")
                or node.findtext(f"{{{SITEMAP_NS}}}lastmod") or node.findtext("lastmod"))
        items.append(Item(urljoin(url, loc.strip()), _iso_utc(date)))
    return Listing(kind, items, error)


def _iso_utc(value: str | None) -> str | None:
    if not value:
        return None
    from datetime import UTC, datetime

    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        return None
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def discover(html: str, url: str) -> list[str]:
    """Feed URLs a home page links to (<link rel=alternate type=application/rss+xml>, then feed-like <a> links),
    with trafilatura's feed finder; only URLs on the page's own site."""
    from trafilatura.feeds import FeedParameters, determine_feed

    host = urlsplit(url).netloc.lower()
    domain = host.removeprefix("www.")
    found = determine_feed(html, FeedParameters(url, domain, url))
    return [u for u in found if urlsplit(u).netloc.lower().removeprefix("www.").endswith(domain)]


def normalise_url(url: str) -> str:
    """One spelling per page: courlan's cleaning (tracking parameters such as utm_* dropped, host lower-cased,
    default port removed) and normalisation (query parameters sorted), without the fragment."""
    import courlan

    url = url.strip()
    try:
        normal = courlan.normalize_url(courlan.clean_url(url) or url)
    except ValueError:  # e.g. a port out of range: kept as written, its fetch fails and is recorded
        normal = url
    return normal.split("#", 1)[0]
