"""Polite HTTP fetching for the collector, on httpx.

One `Fetcher` per run holds one connection pool. Every request goes through `Fetcher.get`, which

* waits for the host's turn (`HostLimiter`: at most `per_host` requests in flight per host and at least `delay`
  seconds between the starts of two requests to it; a robots.txt Crawl-delay raises the delay for that host);
* sends an identifying User-Agent (with the operator's contact when given) and, for a feed, its validators
  (If-None-Match / If-Modified-Since), so an unchanged feed costs a 304;
* follows redirects itself, at most `max_redirects`, stopping on a loop;
* retries 429, 500, 502, 503, 504, timeouts and connection errors with exponential backoff, honouring a `Retry-After`
  header (seconds or an HTTP date) up to `max_retry_after`;
* reads at most `max_bytes` of the (decompressed) body, and stops a response that takes longer than `timeout` in all.

A request that does not end in a usable response raises `FetchError(url, status, reason, transient)`; the caller
records it (`warta skips`, `warta watch --status`). Transient errors are tried again in a later round.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from warta import __version__

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class FetchConfig:
    """How politely and how patiently to fetch. The defaults suit news sites; tests shorten the waits."""

    contact: str | None = None  # an e-mail address or URL a site operator can reach the collector's operator at
    timeout: float = 20.0  # seconds for a whole request (connect, headers and body)
    max_bytes: int = 5 * 1024 * 1024  # decompressed body size cap per response
    max_redirects: int = 5
    retries: int = 3  # tries after the first, for the statuses in RETRY_STATUSES, timeouts and connection errors
    backoff: float = 2.0  # seconds before the first retry; doubled for each further one (with up to 25% jitter)
    max_retry_after: float = 300.0  # a longer Retry-After is not waited for: the URL is tried in a later round
    delay: float = 1.0  # seconds between the starts of two requests to the same host (0: no per-host rate limit)
    per_host: int = 2  # requests in flight per host at once
    concurrency: int = 16  # requests in flight in all

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"Warta/{__version__} (news research collector; honours robots.txt{contact})"


@dataclass
class Response:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class FetchError(Exception):
    """A request that gave no usable response: the URL, the HTTP status if there was one, and why."""

    def __init__(self, url: str, status: int | None, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.status, self.reason, self.transient = url, status, reason, transient


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass
class _Host:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    delay: float = 0.0


class HostLimiter:
    """Per-host concurrency cap and minimum interval between request starts (both per scheme://host:port)."""

    def __init__(self, per_host: int, delay: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_host, self.delay, self.clock = per_host, delay, clock
        self._hosts: dict[str, _Host] = {}
        self.starts: dict[str, list[float]] = {}  # request start times per host (the benchmark checks the limit)

    def _host(self, host: str) -> _Host:
        if host not in self._hosts:
            self._hosts[host] = _Host(asyncio.Semaphore(self.per_host), delay=self.delay)
        return self._hosts[host]

    def set_delay(self, host: str, delay: float) -> None:
        """Raise the host's interval (a robots.txt Crawl-delay); never below the configured one."""
        entry = self._host(host)
        entry.delay = max(self.delay, delay)

    async def acquire(self, host: str) -> None:
        entry = self._host(host)
        await entry.slots.acquire()
        async with entry.lock:
            wait = entry.next_start - self.clock()
            if wait > 0:
                await asyncio.sleep(wait)
            now = self.clock()
            entry.next_start = now + entry.delay
            self.starts.setdefault(host, []).append(now)

    def release(self, host: str) -> None:
        self._host(host).slots.release()


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """An httpx client with the politeness rules above. Use as `async with Fetcher(config) as f:`."""

    def __init__(self, config: FetchConfig, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        self.limiter = HostLimiter(config.per_host, config.delay)
        self._all = asyncio.Semaphore(config.concurrency)
        self._client = httpx.AsyncClient(
            headers={"User-Agent": config.user_agent},
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=False,
            transport=transport,
            limits=httpx.Limits(max_connections=config.concurrency, max_keepalive_connections=config.concurrency),
        )
        self.retried = 0  # retries made (429/5xx/timeouts), for the run's summary

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def get(self, url: str, validators: Mapping[str, str] | None = None,
                  allowed: Callable[[str], bool] | None = None) -> Response:
        """GET `url`, following redirects. `validators` are conditional-GET headers; `allowed(url)` (robots.txt) is
        asked for every redirect target. Raises FetchError."""
        chain = [url]
        current = url
        while True:
            response = await self._get_retrying(current, validators)
            if response.status not in (301, 302, 303, 307, 308):
                return Response(url, current, response.status, response.headers, response.body)
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, response.status, f"redirect without a Location header from {current}")
            target = urljoin(current, location)
            if target in chain:
                raise FetchError(url, response.status, f"redirect loop: {' -> '.join([*chain, target])}")
            if len(chain) > self.config.max_redirects:
                raise FetchError(url, response.status, f"more than {self.config.max_redirects} redirects")
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, response.status, f"redirect to a non-HTTP URL: {target}")
            if allowed is not None and not allowed(target):
                raise FetchError(url, response.status, f"redirect target disallowed by robots.txt: {target}")
            chain.append(target)
            current = target

    async def _get_retrying(self, url: str, validators: Mapping[str, str] | None) -> Response:
        tries = 0
        while True:
            try:
                response = await self._get_once(url, validators)
            except FetchError as exc:
                if not exc.transient or tries >= self.config.retries:
                    if tries:
                        exc.reason += f" ({tries + 1} tries)"
                    raise
                wait = self._backoff(tries)
            else:
                if response.status not in RETRY_STATUSES:
                    return response
                reason = f"HTTP {response.status} {httpx.codes.get_reason_phrase(response.status)}"
                asked = retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > self.config.max_retry_after:
                    raise FetchError(url, response.status, f"{reason}, Retry-After {asked:.0f}s exceeds the cap "
                                     f"of {self.config.max_retry_after:.0f}s", transient=True)
                if tries >= self.config.retries:
                    raise FetchError(url, response.status, f"{reason} after {tries + 1} tries", transient=True)
                wait = asked if asked is not None else self._backoff(tries)
            tries += 1
            self.retried += 1
            await asyncio.sleep(wait)

    def _backoff(self, tries: int) -> float:
        base = self.config.backoff * (2**tries)
        return base * (1 + random.random() / 4)  # noqa: S311 - jitter, not cryptography

    async def _get_once(self, url: str, validators: Mapping[str, str] | None) -> Response:
        host = host_of(url)
        async with self._all:
            await self.limiter.acquire(host)
            try:
                async with asyncio.timeout(self.config.timeout):
                    return await self._stream(url, validators)
            except TimeoutError as exc:
                raise FetchError(url, None, f"timed out after {self.config.timeout:g}s", transient=True) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(url, None, f"timed out ({type(exc).__name__})", transient=True) from exc
            except httpx.TransportError as exc:
                raise FetchError(url, None, f"connection failed: {type(exc).__name__}: {exc}", transient=True) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # a body that does not decode, a URL httpx refuses
                raise FetchError(url, None, f"bad response or URL: {type(exc).__name__}: {exc}") from exc
            finally:
                self.limiter.release(host)

    async def _stream(self, url: str, validators: Mapping[str, str] | None) -> Response:
        cap = self.config.max_bytes
        async with self._client.stream("GET", url, headers=dict(validators or {})) as r:
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchError(url, r.status_code, f"response too large: Content-Length {declared} > {cap} bytes")
            chunks: list[bytes] = []
            size = 0
            async for chunk in r.aiter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(url, r.status_code, f"response too large: more than {cap} bytes")
                chunks.append(chunk)
            return Response(url, url, r.status_code, r.headers, b"".join(chunks))


def decode_page(response: Response) -> str:
    """The page's text: the charset the server declared when it decodes cleanly, else Warta's reader decoding
    (UTF-8, then charset-normalizer's detection, which also reads a <meta charset>)."""
    from warta.read import decode_bytes

    charset = response.charset
    if charset:
        try:
            return response.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(response.body).text
