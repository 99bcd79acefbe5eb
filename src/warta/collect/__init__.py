"""Follow the news as it is published: `warta watch` and `warta fetch` (docs/collector.md).

* `warta.collect.fetcher`: polite HTTP on httpx (per-host rate limit and concurrency cap, identifying User-Agent,
  conditional GET, retries honouring Retry-After, timeouts, size cap, redirect limit, charset detection);
* `warta.collect.robots`: robots.txt with protego, cached per host;
* `warta.collect.feeds`: the outlet registry (`data/feeds.json`), feeds (feedparser) and sitemaps (lxml), feed
  discovery (trafilatura), URL normalisation (courlan);
* `warta.collect.archive`: the raw pages as WARC files (warcio);
* `warta.collect.watcher`: `Watcher`, the rounds that tie them to the pipeline and the store (state and SQL:
  `warta.store.collect`).
"""

from warta.collect.feeds import registry, select_outlets
from warta.collect.fetcher import FetchConfig
from warta.collect.watcher import RoundReport, WatchConfig, Watcher

__all__ = ["FetchConfig", "RoundReport", "WatchConfig", "Watcher", "registry", "select_outlets"]
