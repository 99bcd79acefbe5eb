"""`warta watch` against a fictional site on 127.0.0.1: what is stored, what fails and why, what a second round
asks again (nothing but the retries), and that the WARC archive re-analyses to the same articles."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from newssite import Route, Site, article_html, news_sitemap, rss

from warta.collect import WatchConfig, Watcher
from warta.pipeline import analyze
from warta.store import Store

DATE = "Mon, 01 Dec 2025 10:00:00 +0700"
PAGES = ["/news/1", "/news/2", "/flaky/4", "/busy/5", "/news/9", "/news/10", "/news/11", "/news/12"]
FAILURES = {  # path -> what its recorded reason says
    "/private/3": "disallowed by robots.txt",
    "/slow/6": "timed out",
    "/loop/a": "redirect loop",
    "/report.pdf": "not an HTML page: Content-Type application/pdf",
    "/big/8": "response too large",
    "/bad.xml": "malformed feed",
    "/corrupt/7": "bad response or URL: DecodingError",
}


def build_site(site: Site) -> None:
    u = site.url
    site.routes["/robots.txt"] = Route(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    listed = ["/news/1", "/news/2", "/news/1?utm_source=rss&utm_medium=feed", "/private/3", "/flaky/4", "/busy/5",
              "/slow/6", "/corrupt/7", "/loop/a", "/report.pdf", "/big/8", "/moved/9"]
    site.routes["/feed.xml"] = Route(body=rss([(u + p, DATE) for p in listed]), content_type="application/rss+xml")
    site.routes["/sitemap.xml"] = Route(body=news_sitemap([(u + "/news/10", "2025-12-01T10:00:00+07:00"),
                                                           (u + "/news/2", "2025-12-01T09:00:00+07:00")]),
                                        content_type="application/xml")
    site.routes["/bad.xml"] = Route(body=(f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>"
                                          f"<item><link>{u}/news/11</link></item><item><title>Dua & tiga</title>"
                                          f"<link>{u}/news/13"), content_type="application/rss+xml")
    site.routes["/etag.xml"] = Route(body=rss([(u + "/news/12", DATE)]), content_type="application/rss+xml",
                                     etag='"v1"')
    for n in (1, 2, 9, 10, 11, 12, 13):
        site.routes[f"/news/{n}"] = Route(body=article_html(n))
    site.routes["/flaky/4"] = Route(503, "sibuk", "text/plain", then=[Route(body=article_html(4))])
    site.routes["/busy/5"] = Route(429, "pelan-pelan", "text/plain", headers={"Retry-After": "1"},
                                   then=[Route(body=article_html(5))])
    site.routes["/slow/6"] = Route(body=article_html(6), delay=1.5)
    site.routes["/corrupt/7"] = Route(body=b"bukan gzip", headers={"Content-Encoding": "gzip"})
    site.routes["/loop/a"] = Route(302, headers={"Location": "/loop/b"})
    site.routes["/loop/b"] = Route(302, headers={"Location": "{site}/loop/a"})
    site.routes["/report.pdf"] = Route(body=b"%PDF-1.4 laporan fiktif", content_type="application/pdf")
    site.routes["/big/8"] = Route(body="<html><body>" + "kata " * 30_000 + "</body></html>")
    site.routes["/moved/9"] = Route(301, headers={"Location": "{site}/news/9"})


def feeds(site: Site) -> list[str]:
    return [site.url + p for p in ("/feed.xml", "/sitemap.xml", "/bad.xml", "/etag.xml")]


def stored_urls(store: Store) -> list[str]:
    return sorted(a.source.url or "" for a in store.iter_articles())


def test_a_round_stores_exactly_the_new_articles_and_records_every_failure(site: Site, watch_config: WatchConfig,
                                                                         tmp_path: Path) -> None:
    build_site(site)
    with Store(tmp_path / "news.db") as store:
        watcher = Watcher(store, watch_config, feeds=feeds(site))
        report = asyncio.run(watcher.round())
        watcher.close()
        assert stored_urls(store) == sorted(site.url + p for p in PAGES)
        assert report.stored == len(PAGES)
        skips = {s["path"].removeprefix(site.url): s["reason"] for s in store.skips()}
        assert set(skips) == set(FAILURES)
        for path, reason in FAILURES.items():
            assert reason in skips[path], (path, skips[path])
        assert "HTTP 200" in skips["/bad.xml"]  # the status is recorded with the reason
    # repeated items are fetched once: the same URL in two listings, and a tracking-parameter spelling of it
    assert len(site.requests("/news/1")) == len(site.requests("/news/2")) == 1
    assert not site.requests("/private/3")  # robots.txt, asked once, kept it from being fetched
    assert len(site.requests("/robots.txt")) == 1
    assert len(site.requests("/flaky/4")) == 2  # 503, then success
    first, second = site.requests("/busy/5")
    assert second - first >= 0.95  # Retry-After: 1 was honoured
    assert len(site.requests("/slow/6")) == 1 + watch_config.fetch.retries
    assert not site.requests("/news/13")  # the item the bad feed's XML broke off in is not guessed at
    agent = site.log[0][2]["User-Agent"]
    assert agent.startswith("Warta/") and "tests@example.invalid" in agent


def test_a_second_round_asks_only_for_changes(site: Site, watch_config: WatchConfig, tmp_path: Path) -> None:
    build_site(site)
    with Store(tmp_path / "news.db") as store:
        watcher = Watcher(store, watch_config, feeds=feeds(site))
        asyncio.run(watcher.round())
        before = {path: len(site.requests(path)) for path in [*PAGES, "/moved/9", "/slow/6"]}
        site.routes["/slow/6"] = Route(body=article_html(6))  # the slow server recovered
        report = asyncio.run(watcher.round())
        watcher.close()
        after = {path: len(site.requests(path)) for path in before}
        assert report.not_modified == 1 and report.new_urls == 0
        etag_asks = [headers for path, _, headers in site.log if path == "/etag.xml"]
        assert etag_asks[-1].get("If-None-Match") == '"v1"'
        # only the transient failure is tried again, and now it is stored
        assert {p: after[p] - before[p] for p in before if after[p] != before[p]} == {"/slow/6": 1}
        assert report.stored == 1 and site.url + "/slow/6" in stored_urls(store)
        assert "/slow/6" not in {s["path"].removeprefix(site.url) for s in store.skips()}


def test_the_warc_archive_reanalyses_to_the_same_articles(site: Site, watch_config: WatchConfig,
                                                         tmp_path: Path) -> None:
    build_site(site)
    with Store(tmp_path / "news.db") as store:
        watcher = Watcher(store, watch_config, feeds=feeds(site))
        asyncio.run(watcher.round())
        watcher.close()
        stored = {a.id: (a.source.url, a.body, a.title) for a in store.iter_articles()}
        again = analyze([str(watch_config.archive)], store, jobs=1, progress=False)
        assert (again.stored, again.unchanged) == (0, len(PAGES))  # the same inputs: nothing to redo
    with Store(tmp_path / "fresh.db") as fresh:
        analyze([str(watch_config.archive)], fresh, jobs=1, progress=False)
        assert {a.id: (a.source.url, a.body, a.title) for a in fresh.iter_articles()} == stored


@pytest.mark.parametrize("limit", [0.3])
def test_the_per_host_rate_limit_holds(site: Site, watch_config: WatchConfig, tmp_path: Path, limit: float) -> None:
    pages = [f"/news/{n}" for n in range(20, 26)]
    for n, path in enumerate(pages, start=20):
        site.routes[path] = Route(body=article_html(n))
    watch_config.fetch.delay = limit
    watch_config.fetch.per_host = 4
    with Store(tmp_path / "news.db") as store:
        watcher = Watcher(store, watch_config)
        report = asyncio.run(watcher.fetch([site.url + p for p in pages]))
        watcher.close()
    assert report.stored == len(pages)
    [sent] = watcher.host_starts.values()
    assert len(sent) == len(pages) + 1  # robots.txt, then the pages
    assert min(b - a for a, b in zip(sent, sent[1:], strict=False)) >= limit
    logged = sorted(t for path, t, _ in site.log)
    gaps = [b - a for a, b in zip(logged, logged[1:], strict=False)]
    assert min(gaps) >= limit - 0.05, gaps  # as the server saw them: its threads log a request a few ms late at times
