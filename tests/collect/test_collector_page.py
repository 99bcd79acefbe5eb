"""The dashboard's collector page: when each outlet was last polled and how many articles came from it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi.testclient import TestClient
from newssite import Route, Site, article_html, rss

from warta.collect import WatchConfig, Watcher
from warta.collect.feeds import OutletSources
from warta.store import Store
from warta.web import create_app


def test_the_collector_page_shows_last_poll_and_articles_per_outlet(site: Site, watch_config: WatchConfig,
                                                                    tmp_path: Path) -> None:
    u = site.url
    site.routes["/feed.xml"] = Route(body=rss([(f"{u}/news/{n}", "Mon, 01 Dec 2025 10:00:00 +0700") for n in (1, 2)]
                                              + [(f"{u}/gone", "Mon, 01 Dec 2025 10:00:00 +0700")]))
    for n in (1, 2):
        site.routes[f"/news/{n}"] = Route(body=article_html(n))
    db = tmp_path / "news.db"
    with Store(db) as store:
        watcher = Watcher(store, watch_config, outlets=[OutletSources("fiksi", "Kabar Fiksi", u + "/",
                                                                      feeds=(u + "/feed.xml",))])
        asyncio.run(watcher.round())
        watcher.close()
        polled = store.conn.execute("SELECT last_polled FROM collect_feeds").fetchone()[0]
    with TestClient(create_app(str(db))) as client:
        html = client.get("/collector").text
    row = html.split("<td>Kabar Fiksi</td>", 1)[1].split("</tr>", 1)[0]
    cells = [c.split(">", 1)[1] for c in row.split("</td>") if ">" in c]
    assert cells == ["1", polled, "0", "3", "2"]  # feeds, last polled, failing, URLs seen, articles
    assert f"{u}/gone" in html and "HTTP 404 Not Found" in html  # the failure, with its reason


def test_the_collector_page_of_a_database_never_watched(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    with TestClient(create_app(str(db))) as client:
        response = client.get("/collector")
    assert response.status_code == 200 and "Nothing followed yet" in response.text
