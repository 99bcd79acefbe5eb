"""robots.txt, read with protego (Scrapy's parser: wildcards, Allow/Disallow precedence, Crawl-delay, Sitemap).

A `RobotsCache` keeps each host's rules for `ttl` seconds (the watcher hands the same rules to every round). As RFC 9309 says: a robots.txt that does not
exist or is refused (4xx) allows everything; one that cannot be fetched (5xx, timeout, connection error) disallows
everything on that host until it can be read again.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from protego import Protego

from warta.collect.fetcher import Fetcher, FetchError, host_of

ROBOTS_TTL = 6 * 3600.0
UNREACHABLE_TTL = 60.0
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be parsed


@dataclass
class HostRules:
    rules: Protego | None  # None: everything allowed (no robots.txt)
    unreachable: str | None  # why everything is disallowed, when robots.txt could not be fetched
    fetched: float

    def allows(self, url: str, agent: str) -> bool:
        if self.unreachable is not None:
            return False
        return self.rules is None or bool(self.rules.can_fetch(url, agent))

    def sitemaps(self) -> list[str]:
        return list(self.rules.sitemaps) if self.rules is not None else []


class RobotsCache:
    AGENT = "Warta"  # the product token robots.txt groups are matched on

    def __init__(self, fetcher: Fetcher, ttl: float = ROBOTS_TTL, hosts: dict[str, HostRules] | None = None) -> None:
        self.fetcher, self.ttl = fetcher, ttl
        self._hosts: dict[str, HostRules] = {} if hosts is None else hosts
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules(self, url: str) -> HostRules:
        host = host_of(url)
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:  # one robots.txt request per host, however many pages wait for it
            cached = self._hosts.get(host)
            # a robots.txt that could not be fetched is asked for again after a minute, not after `ttl`
            ttl = self.ttl if cached is None or cached.unreachable is None else UNREACHABLE_TTL
            if cached is None or time.monotonic() - cached.fetched > ttl:
                cached = self._hosts[host] = await self._load(host)
            delay = cached.rules.crawl_delay(self.AGENT) if cached.rules is not None else None
            if delay:  # on this round's limiter, also for rules read in an earlier round
                self.fetcher.limiter.set_delay(host, float(delay))
        return cached

    async def _load(self, host: str) -> HostRules:
        try:
            response = await self.fetcher.get(f"{host}/robots.txt")
        except FetchError as exc:
            return HostRules(None, f"robots.txt unreachable ({exc.reason})", time.monotonic())
        if response.status >= 500:
            return HostRules(None, f"robots.txt unreachable (HTTP {response.status})", time.monotonic())
        if response.status >= 400:
            return HostRules(None, None, time.monotonic())
        text = response.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        return HostRules(Protego.parse(text), None, time.monotonic())

    def cached_allows(self, url: str) -> bool:
        """For a redirect target on a host whose rules are loaded; a host not loaded yet is allowed here and
        checked when its own pages are fetched."""
        cached = self._hosts.get(host_of(url))
        return cached is None or cached.allows(url, self.AGENT)

    async def check(self, url: str) -> None:
        """Raise FetchError when robots.txt disallows `url` (or could not be fetched)."""
        rules = await self.rules(url)
        if rules.unreachable is not None:
            raise FetchError(url, None, f"not fetched: {rules.unreachable}", transient=True)
        if not rules.allows(url, self.AGENT):
            raise FetchError(url, None, "disallowed by robots.txt")
