"""The watcher: poll feeds and sitemaps, fetch the new article pages, analyse them into the store.

A round (`Watcher.round`):

1. outlets whose listed feeds are missing or keep failing get theirs discovered from the home page (links the page
   announces, `Sitemap:` lines of robots.txt);
2. every followed feed or sitemap is polled with conditional GET; the URLs of its items are normalised and the new
   ones stored as pending, in the same transaction as the feed's new validators and cursor;
3. pending URLs (and transient failures of earlier rounds, up to `max_attempts` tries) are fetched concurrently,
   within the per-host limits; each page is appended to the WARC archive, analysed by the same pipeline as
   `warta analyze` (`warta.pipeline.process_many`), and stored together with its URL's new state and the WARC's
   committed length, in one transaction per chunk of pages.

Whatever the moment a watcher is killed, a restart neither loses a URL (it is pending until its article is
committed) nor duplicates one (a committed URL is done; the WARC is cut back to its committed length).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from warta.collect.archive import WarcArchive
from warta.collect.feeds import Item, Listing, OutletSources, discover, normalise_url, parse_listing
from warta.collect.fetcher import FetchConfig, Fetcher, FetchError, Response, decode_page
from warta.collect.robots import HostRules, RobotsCache
from warta.record import Article, Source
from warta.store import ArticleRows, Store, article_rows
from warta.store.collect import CollectTables

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FAILING = 3  # consecutive failed polls after which an outlet's feeds are looked for again on its home page


@dataclass
class WatchConfig:
    archive: Path  # folder of the WARC files
    fetch: FetchConfig = field(default_factory=FetchConfig)
    every: float = 900.0  # seconds from the start of one round to the start of the next
    max_attempts: int = 3  # tries of a page whose failure was transient (timeout, 5xx, 429), over several rounds
    chunk: int = 32  # pages analysed and committed together
    max_child_sitemaps: int = 10  # newest child sitemaps of a sitemap index read per poll
    stories: bool = True  # update the stories after a round that stored articles


@dataclass
class RoundReport:
    feeds: int = 0
    not_modified: int = 0
    new_urls: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: int = 0
    retried: int = 0
    stories: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.feeds} feeds polled ({self.not_modified} not modified), {self.new_urls} new URLs, "
                f"{self.fetched} pages fetched, {self.stored} articles stored, {self.duplicates} duplicates, "
                f"{self.failures} failures, {self.retried} retries in {self.seconds:.1f}s")


@dataclass
class _Page:
    row: dict[str, Any]
    response: Response
    html: str
    final: str


@dataclass
class _Run:
    fetcher: Fetcher
    robots: RobotsCache
    report: RoundReport


class Watcher:
    def __init__(self, store: Store, config: WatchConfig, outlets: list[OutletSources] | None = None,
                 feeds: list[str] | None = None) -> None:
        self.store, self.config = store, config
        self.tables = CollectTables(store)
        self.outlets = outlets or []
        self.archive = WarcArchive(config.archive, self.tables)
        for outlet in self.outlets:
            for url in (*outlet.feeds, *outlet.sitemaps):
                self.tables.add_feed(normalise_url(url), outlet.outlet, "registry")
        self.robots: dict[str, HostRules] = {}  # robots.txt rules per host, kept across rounds (RobotsCache.ttl)
        self.host_starts: dict[str, list[float]] = {}  # request start times per host in the last round (benchmark)
        self.given = [normalise_url(u) for u in feeds or []]
        for url in self.given:
            self.tables.add_feed(url, None, "given")

    def close(self) -> None:
        self.archive.close()

    # rounds --------------------------------------------------------------------------------------------------------
    async def round(self) -> RoundReport:
        """Poll every followed feed once and fetch, analyse and store what is new."""
        t0 = time.perf_counter()
        report = RoundReport()
        async with Fetcher(self.config.fetch) as fetcher:
            run = _Run(fetcher, RobotsCache(fetcher, hosts=self.robots), report)
            await asyncio.gather(*(self._discover(run, o) for o in self.outlets if self._needs_discovery(o)))
            names = {o.outlet for o in self.outlets}
            feeds = [f for f in self.tables.feeds() if f["outlet"] in names or f["url"] in self.given]
            await asyncio.gather(*(self._poll(run, feed) for feed in feeds))
            await self._fetch_pages(run, self.tables.to_fetch(self.config.max_attempts))
            report.retried = fetcher.retried
            self.host_starts = fetcher.limiter.starts
        self._finish(report, t0)
        return report

    async def fetch(self, urls: list[str]) -> RoundReport:
        """Fetch, analyse and store the given pages (`warta fetch`); a page stored before is not fetched again."""
        t0 = time.perf_counter()
        report = RoundReport()
        wanted = [normalise_url(u) for u in urls]
        with self.store.transaction():
            self.tables.add_urls((u, None, None, None) for u in wanted)
            self.tables.requeue(wanted)
        async with Fetcher(self.config.fetch) as fetcher:
            run = _Run(fetcher, RobotsCache(fetcher, hosts=self.robots), report)
            await self._fetch_pages(run, self.tables.to_fetch(max_attempts=1 << 30, urls=wanted))
            report.retried = fetcher.retried
            self.host_starts = fetcher.limiter.starts
        self._finish(report, t0)
        return report

    def _finish(self, report: RoundReport, t0: float) -> None:
        if report.stored and self.config.stories:
            from warta.stories import assign_stories

            report.stories = assign_stories(self.store)
        report.seconds = time.perf_counter() - t0

    async def run(self, *, once: bool = False, on_round: Callable[[RoundReport], None] | None = None) -> None:
        """Rounds every `config.every` seconds (one round with `once`)."""
        while True:
            started = time.monotonic()
            report = await self.round()
            if on_round is not None:
                on_round(report)
            if once:
                return
            await asyncio.sleep(max(0.0, self.config.every - (time.monotonic() - started)))

    # discovery and polling -----------------------------------------------------------------------------------------
    def _needs_discovery(self, outlet: OutletSources) -> bool:
        return not any(f["failures"] < FAILING for f in self.tables.feeds([outlet.outlet]))

    async def _discover(self, run: _Run, outlet: OutletSources) -> None:
        home = outlet.home
        try:
            await run.robots.check(home)
            response = await run.fetcher.get(home, allowed=run.robots.cached_allows)
            if response.status != 200:
                raise FetchError(home, response.status, _status_reason(response.status))
            found = discover(decode_page(response), response.final_url)
        except (FetchError, ValueError) as exc:
            self._failed_listing(run, home, exc)
            return
        # the news sitemaps robots.txt names (not the full archives, which can hold millions of URLs)
        found += [u for u in (await run.robots.rules(home)).sitemaps() if "news" in u.lower()]
        with self.store.transaction():
            if not found:
                self.tables.record_failure(home, None, "feed discovery: no feed or sitemap found on the home page")
                run.report.failures += 1
            for url in found:
                self.tables.add_feed(normalise_url(url), outlet.outlet, "discovered")

    async def _poll(self, run: _Run, feed: dict[str, Any]) -> None:
        url = feed["url"]
        run.report.feeds += 1
        validators = {k: feed[f] for k, f in (("If-None-Match", "etag"), ("If-Modified-Since", "last_modified"))
                      if feed[f]}
        try:
            await run.robots.check(url)
            response = await run.fetcher.get(url, validators, run.robots.cached_allows)
            if response.status == 304:
                with self.store.transaction():
                    self.tables.feed_polled(url, 304)
                    self.tables.clear_failure(url)
                run.report.not_modified += 1
                return
            if response.status != 200:
                raise FetchError(url, response.status, _status_reason(response.status))
        except FetchError as exc:
            self._failed_listing(run, url, exc, feed=True)
            return
        listing = parse_listing(response.body, response.final_url)
        if listing.kind == "sitemapindex":
            listing = await self._children(run, listing)
        self._store_listing(run, feed, response, listing)

    async def _children(self, run: _Run, index: Listing) -> Listing:
        """The articles of an index's newest child sitemaps."""
        children = sorted(index.items, key=lambda i: i.published or "", reverse=True)[: self.config.max_child_sitemaps]
        merged = Listing("sitemap", error=index.error)
        for child in children:
            try:
                await run.robots.check(child.url)
                response = await run.fetcher.get(child.url, allowed=run.robots.cached_allows)
                if response.status != 200:
                    raise FetchError(child.url, response.status, _status_reason(response.status))
            except FetchError as exc:
                self._failed_listing(run, child.url, exc)
                continue
            listing = parse_listing(response.body, response.final_url)
            if listing.error:
                self._failed_listing(run, child.url, FetchError(child.url, 200, listing.error))
            if listing.kind == "sitemap":
                merged.items += listing.items
        return merged

    def _store_listing(self, run: _Run, feed: dict[str, Any], response: Response, listing: Listing) -> None:
        url = feed["url"]
        items: list[Item] = [i for i in listing.items if i.url.startswith(("http://", "https://"))]
        with self.store.transaction():
            new = self.tables.add_urls((normalise_url(i.url), feed["outlet"], url, i.published) for i in items)
            self.tables.feed_polled(url, response.status, etag=response.headers.get("etag"),
                                    last_modified=response.headers.get("last-modified"), cursor=listing.newest,
                                    n_items=new, error=listing.error)
            if listing.error:
                self.tables.record_failure(url, response.status, listing.error)
                run.report.failures += 1
            else:
                self.tables.clear_failure(url)
        run.report.new_urls += new

    def _failed_listing(self, run: _Run, url: str, exc: Exception, *, feed: bool = False) -> None:
        status = exc.status if isinstance(exc, FetchError) else None
        reason = exc.reason if isinstance(exc, FetchError) else str(exc)
        with self.store.transaction():
            if feed:
                self.tables.feed_polled(url, status, error=reason)
            self.tables.record_failure(url, status, reason)
        run.report.failures += 1

    # pages ---------------------------------------------------------------------------------------------------------
    async def _fetch_pages(self, run: _Run, rows: list[dict[str, Any]]) -> None:
        """Fetch the pages with up to `concurrency` requests in flight, while the pages already fetched are
        analysed and stored a chunk at a time."""
        if not rows:
            return
        queue: asyncio.Queue[_Page | None] = asyncio.Queue(maxsize=2 * self.config.chunk)
        todo = iter(rows)

        async def worker() -> None:
            for row in todo:  # the workers share one iterator: each takes the next URL
                page = await self._fetch_page(run, row)
                if page is not None:
                    await queue.put(page)

        async def fetch_all() -> None:
            try:
                await asyncio.gather(*(worker() for _ in range(min(self.config.fetch.concurrency, len(rows)))))
            finally:
                await queue.put(None)

        producer = asyncio.create_task(fetch_all())
        try:
            await self._store_pages(run, queue)
        except BaseException:
            producer.cancel()
            await asyncio.gather(producer, return_exceptions=True)
            raise
        await producer  # the fetching is over (it sent the end); an error in it surfaces here

    async def _fetch_page(self, run: _Run, row: dict[str, Any]) -> _Page | None:
        url = row["url"]
        try:
            await run.robots.check(url)
            response = await run.fetcher.get(url, allowed=run.robots.cached_allows)
            if response.status != 200:
                raise FetchError(url, response.status, _status_reason(response.status),
                                 transient=response.status in (408, 429) or response.status >= 500)
            if not _is_html(response):
                raise FetchError(url, response.status,
                                 f"not an HTML page: Content-Type {response.content_type or 'missing'}")
            html = decode_page(response)
        except FetchError as exc:
            with self.store.transaction():
                self.tables.url_failed(url, exc.status, exc.reason, transient=exc.transient)
            run.report.failures += 1
            return None
        except ValueError as exc:  # a body that is not text in any encoding
            with self.store.transaction():
                self.tables.url_failed(url, response.status, f"not text: {exc}", transient=False)
            run.report.failures += 1
            return None
        run.report.fetched += 1
        return _Page(row, response, html, normalise_url(response.final_url))

    async def _store_pages(self, run: _Run, queue: asyncio.Queue[_Page | None]) -> None:
        finished = False
        while not finished:
            first = await queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self.config.chunk and not queue.empty():
                page = queue.get_nowait()
                if page is None:
                    finished = True
                    break
                batch.append(page)
            await self._store_batch(run, self._drop_duplicates(run, batch))

    def _drop_duplicates(self, run: _Run, batch: list[_Page]) -> list[_Page]:
        """Pages reached under a URL already stored (after redirects), marked done without a second article."""
        kept: list[_Page] = []
        finals: dict[str, str] = {}
        for page in batch:
            url = page.row["url"]
            other = finals.get(page.final) or (self.tables.stored_as(page.final) if page.final != url else None)
            if other is None:
                finals[page.final] = url
                kept.append(page)
                continue
            with self.store.transaction():
                self.tables.url_done(url, page.response.status, page.final, None, reason=f"duplicate of {other}")
            run.report.duplicates += 1
        return kept

    async def _store_batch(self, run: _Run, batch: list[_Page]) -> None:
        from warta.pipeline import process_many

        if not batch:
            return
        taken: set[str] = set()
        articles: list[Article] = []
        rows: list[ArticleRows] = []
        try:
            for page in batch:
                article = _article(*self.archive.append(page.response), page)
                self.store.assign_id(article, taken)
                articles.append(article)
            results = await asyncio.to_thread(process_many, articles)
            with self.store.transaction():
                new: list[bool] = []
                for page, article, (result, reason) in zip(batch, articles, results, strict=True):
                    if result is None:
                        self.tables.url_failed(page.row["url"], page.response.status, f"analysis: {reason}",
                                               transient=False)
                        run.report.failures += 1
                        continue
                    rows.append(article_rows(result))
                    new.append(article.id in taken)
                    self.tables.url_done(page.row["url"], page.response.status, page.final, result.id)
                self.store.save_many(rows, new=new)
                self.archive.commit()
        except BaseException:
            self.archive.rollback()
            raise
        run.report.stored += len(rows)


def _article(path: str, record: int, page: _Page) -> Article:
    """The article as `warta analyze` reads it back from the WARC record (same id, source and raw HTML)."""
    from warta.read import sha256

    name = Path(path).name
    stem = name[: -len(".warc.gz")]
    article = Article(id=f"{stem}-{record}", source=Source(path=path, format="warc", sha256=sha256(page.html),
                                                            url=page.response.final_url, record=record))
    article._raw_html = page.html
    return article


def _is_html(response: Response) -> bool:
    if response.content_type:
        return response.content_type in HTML_TYPES
    head = response.body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _status_reason(status: int) -> str:
    return f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip()

