"""The outlet registry, feed discovery, sitemap indexes, and the `warta fetch` / `watch --status` / `skips` commands."""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from newssite import Route, Site, article_html, news_sitemap, rss

from warta.cli import main
from warta.collect import WatchConfig, Watcher, registry, select_outlets
from warta.collect.feeds import OutletSources, normalise_url, parse_listing
from warta.collect.fetcher import retry_after
from warta.errors import WartaError
from warta.lang.id.media import outlets
from warta.store import Store
from warta.store.collect import CollectTables


def test_the_registry_follows_at_least_30_indonesian_outlets_named_as_the_outlet_registry_names_them() -> None:
    known = {o.name for o in outlets()}
    entries = registry()
    assert len({e.id for e in entries}) == len(entries)
    assert {e.outlet for e in entries} <= known
    with_urls = [e for e in entries if e.feeds or e.sitemaps]
    assert len(with_urls) >= 30
    for entry in entries:
        for url in (entry.home, *entry.feeds, *entry.sitemaps):
            parts = urlsplit(url)
            assert parts.scheme == "https" and parts.hostname and "." in parts.hostname, (entry.id, url)


def test_outlets_are_chosen_by_id_or_name() -> None:
    assert [o.outlet for o in select_outlets(["detik", "ANTARA"])] == ["detik.com", "ANTARA"]
    assert len(select_outlets(None)) == len(registry())
    with pytest.raises(WartaError, match="unknown outlet: nowhere"):
        select_outlets(["nowhere"])


def test_urls_are_normalised_to_one_spelling() -> None:
    assert normalise_url("HTTP://Example.COM:80/a?utm_source=rss&b=2&a=1#top") == "http://example.com/a?a=1&b=2"


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("120") == 120.0
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    assert 55 <= (retry_after(in_a_minute) or 0) <= 61
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_listing_that_is_no_feed_is_an_error() -> None:
    assert parse_listing(b"<html><body>beranda</body></html>", "http://x/").error is not None


def test_an_outlet_without_feeds_has_them_discovered_on_its_home_page(site: Site, watch_config: WatchConfig,
                                                                       tmp_path: Path) -> None:
    u = site.url
    site.routes["/"] = Route(body='<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
                                  '</head><body>Beranda</body></html>')
    site.routes["/robots.txt"] = Route(body=f"User-agent: *\nAllow: /\nSitemap: {u}/sitemap-news.xml\n"
                                            f"Sitemap: {u}/sitemap-archive.xml\n", content_type="text/plain")
    site.routes["/rss.xml"] = Route(body=rss([(u + "/news/1", "Mon, 01 Dec 2025 10:00:00 +0700")]))
    site.routes["/sitemap-news.xml"] = Route(body=news_sitemap([(u + "/news/2", "2025-12-01T10:00:00+07:00")]))
    for n in (1, 2):
        site.routes[f"/news/{n}"] = Route(body=article_html(n))
    outlet = OutletSources("fiksi", "Kabar Fiksi", u + "/")
    with Store(tmp_path / "news.db") as store:
        watcher = Watcher(store, watch_config, outlets=[outlet])
        report = asyncio.run(watcher.round())
        watcher.close()
        tables = CollectTables(store)
        assert {f["url"]: f["origin"] for f in tables.feeds()} == {u + "/rss.xml": "discovered",
                                                                    u + "/sitemap-news.xml": "discovered"}
        assert report.stored == 2
        [summary] = tables.outlets()
        assert (summary["outlet"], summary["articles"], summary["n_feeds"]) == ("Kabar Fiksi", 2, 2)
        assert summary["last_polled"] is not None
    assert not site.requests("/sitemap-archive.xml")  # only news sitemaps are taken from robots.txt


def test_a_sitemap_index_is_followed_to_its_newest_children(site: Site, watch_config: WatchConfig,
                                                            tmp_path: Path) -> None:
    u = site.url
    site.routes["/index.xml"] = Route(body=(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{u}/s-old.xml</loc><lastmod>2025-11-01T00:00:00Z</lastmod></sitemap>"
        f"<sitemap><loc>{u}/s-new.xml</loc><lastmod>2025-12-01T00:00:00Z</lastmod></sitemap></sitemapindex>"),
        content_type="application/xml")
    site.routes["/s-new.xml"] = Route(body=news_sitemap([(u + "/news/3", "2025-12-01T10:00:00+07:00")]))
    site.routes["/s-old.xml"] = Route(body=news_sitemap([(u + "/news/4", "2025-11-01T10:00:00+07:00")]))
    for n in (3, 4):
        site.routes[f"/news/{n}"] = Route(body=article_html(n))
    watch_config.max_child_sitemaps = 1
    with Store(tmp_path / "news.db") as store:
        watcher = Watcher(store, watch_config, feeds=[u + "/index.xml"])
        asyncio.run(watcher.round())
        watcher.close()
        assert [a.source.url for a in store.iter_articles()] == [u + "/news/3"]
        assert CollectTables(store).feed(u + "/index.xml")["cursor"] == "2025-12-01T03:00:00Z"


def test_fetch_status_and_skips_commands(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site.routes["/news/7"] = Route(body=article_html(7))
    db = str(tmp_path / "news.db")
    common = ["--db", db, "--archive", str(tmp_path / "warc"), "--delay", "0", "--timeout", "2", "--no-stories"]
    assert main(["fetch", site.url + "/news/7", site.url + "/gone", *common]) == 0
    assert main(["skips", "--db", db, "--format", "json"]) == 0
    skips = json.loads(capsys.readouterr().out)
    assert [(s["path"], s["reason"]) for s in skips] == [(site.url + "/gone", "HTTP 404 Not Found")]
    assert main(["watch", "--status", "--db", db, "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["urls"] == {"done": 1, "failed": 1}
    assert [f["url"] for f in status["failures"]] == [site.url + "/gone"]
    assert main(["watch", "--status", "--db", db]) == 0
    assert "1 done, 1 failed" in capsys.readouterr().out
    # fetching a stored page again does not store it twice
    assert main(["fetch", site.url + "/news/7", *common]) == 0
    assert len(site.requests("/news/7")) == 1
    assert main(["watch", "--db", db]) == 1
    assert "give --outlets" in capsys.readouterr().err


def test_watch_rejects_a_bad_interval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "news.db")
    assert main(["watch", "--feed", "http://127.0.0.1:9/feed.xml", "--every", "soon", "--db", db]) == 1
    assert "not a duration: soon" in capsys.readouterr().err
