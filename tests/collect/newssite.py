"""A fictional news site served on 127.0.0.1 for the collector's tests and benchmark (all text made up for Warta).

`Site` runs a threaded http.server in the background. Its behaviour per path is a `Route`: a status, headers and
body, optionally a list of responses given in turn (503 then 200), a delay (timeouts), a redirect, or a conditional
response (ETag -> 304). Every request is logged (path, time) so tests can check what was asked and when.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

PLACES = ["Lembah Arum", "Tanjung Sepi", "Kota Baru Selatan", "Pulau Kenari", "Desa Watu Lintang", "Teluk Mawar",
          "Gunung Sari Indah", "Kampung Nelayan Timur", "Bukit Cemara", "Sungai Biru"]
TOPICS = ["jembatan gantung baru", "festival panen padi", "perbaikan saluran irigasi", "pasar malam rakyat",
          "perpustakaan keliling", "lomba perahu naga", "panen raya kopi", "pelatihan nelayan muda",
          "pembukaan taman kota", "sekolah alam warga"]


def article_html(n: int, title: str | None = None) -> str:
    """A fictional Indonesian article page, different for each n."""
    place, topic = PLACES[n % len(PLACES)], TOPICS[(n * 3 + 1) % len(TOPICS)]
    title = title or f"Warga {place} Sambut {topic.title()} Nomor {n}"
    paragraphs = [
        f"{place.upper()}, KABARFIKSI.test - Warga {place} menyambut {topic} yang diresmikan pada Senin pagi. "
        f"Kepala desa fiktif, Budi Santoso{n}, mengatakan kegiatan ini sudah lama ditunggu masyarakat.",
        f"\"Kami berharap {topic} ini membawa manfaat bagi seluruh warga,\" kata Budi Santoso{n} kepada wartawan.",
        f"Menurut panitia, acara nomor {n} diikuti sekitar {100 + n} orang dari {3 + n % 5} dusun di sekitar {place}.",
        "Pemerintah kabupaten fiktif berencana melanjutkan program serupa tahun depan di wilayah lain.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def rss(items: list[tuple[str, str]], title: str = "Kabar Fiksi") -> str:
    """An RSS 2.0 feed of (url, RFC 822 date) items."""
    entries = "".join(f"<item><title>Berita {i}</title><link>{escape(url)}</link><guid>{escape(url)}</guid>"
                      f"<pubDate>{date}</pubDate></item>" for i, (url, date) in enumerate(items))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title>"
            f"<link>http://kabarfiksi.test/</link><description>fiksi</description>{entries}</channel></rss>")


def news_sitemap(items: list[tuple[str, str]]) -> str:
    """A Google-News sitemap of (url, ISO date) items."""
    urls = "".join(f"<url><loc>{escape(url)}</loc><news:news><news:publication><news:name>Kabar Fiksi</news:name>"
                   f"<news:language>id</news:language></news:publication><news:publication_date>{date}"
                   f"</news:publication_date><news:title>Berita</news:title></news:news></url>" for url, date in items)
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
            f"xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">{urls}</urlset>")


@dataclass
class Route:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    then: list[Route] = field(default_factory=list)  # responses given after this one, in turn; the last one stays
    delay: float = 0.0
    etag: str | None = None  # answer 304 to a request with this If-None-Match
    gate: threading.Event | None = None  # hold the answer until the test opens the gate (at most a minute)


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, float, dict[str, str]]] = []
        self.in_flight = 0
        self.max_in_flight = 0  # most requests answered at once (the benchmark checks the per-host cap)
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site._answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self, path: str) -> list[float]:
        with self._lock:
            return [t for p, t, _ in self.log if p == path]

    def _route(self, path: str) -> Route | None:
        with self._lock:
            route = self.routes.get(path)
            if route is not None and route.then:
                self.routes[path] = route.then[0] if len(route.then) == 1 else Route(**{**route.then[0].__dict__,
                                                                                       "then": route.then[1:]})
            return route

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.log.append((handler.path, time.monotonic(), dict(handler.headers)))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            self._respond(handler)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _respond(self, handler: BaseHTTPRequestHandler) -> None:
        route = self._route(handler.path)
        if route is None:
            route = Route(404, b"not found", "text/plain")
        if route.gate is not None:
            route.gate.wait(60)
        if route.delay:
            time.sleep(route.delay)
        status, body = route.status, route.body.encode("utf-8") if isinstance(route.body, str) else route.body
        if route.etag and handler.headers.get("If-None-Match") == route.etag:
            status, body = 304, b""
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Content-Length", str(len(body)))
            if route.etag:
                handler.send_header("ETag", route.etag)
            for key, value in route.headers.items():
                handler.send_header(key, value.replace("{site}", self.url))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
