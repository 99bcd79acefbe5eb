"""Fuzz the readers, the cleaner and the HTML parser with Hypothesis for a stretch of wall time (issue 26).

    python scripts/fuzz.py --minutes 10                 # rounds of every target until the time is up
    nice -n 10 python scripts/fuzz.py --minutes 10 --out fuzz.json

Three targets, each run in rounds of generated inputs (a fresh random seed per round):
- readers: arbitrary bytes, or bytes built from markup / JSON / WARC fragments, gzipped or not, under every input
  suffix, through `read_blob`; every article it yields goes on through the cleaner and the metadata reader;
- cleaner: arbitrary text and text built from news-like fragments through `clean_article` (text mode), the metadata
  reader and the quote extractor;
- html: pages built from tags (left open or closed, nested up to ~36,000 deep), attributes, entities, scripts and text
  through `extract_html` and `clean_article` (HTML mode).
Every input must end in a result or a `SkipArticle` (never another exception); the body is made only of input text;
quote offsets lie inside the body; one input may take at most --hang seconds; the process's peak RSS must stay under
--max-rss-mb. A failure is shrunk by Hypothesis and printed with its input; the summary goes to --out as JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import signal
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from warta.clean import clean_article
from warta.clean.html import extract_html
from warta.errors import SkipArticle
from warta.meta import extract_metadata
from warta.pipeline import run_until
from warta.read import Article, Note, Skip, read_blob
from warta.record import Source

_WORDS = [
    "Jakarta",
    "kata",
    "Presiden",
    "Senin (13/3/2023)",
    "14 Maret 2023 10:15 WIB",
    "Penulis :",
    "Editor:",
    "\u201cKami sepakat,\u201d",
    '"ujarnya."',
    "KOMPAS.com -",
    "Baca juga:",
    "\n",
    "\n\n",
    " ",
    "&amp;",
    "&#x0;",
    "\ufeff",
    "\u200b",
    "\x00",
    "\ufffd",
    "\u00e9",
    "\U0001f600",
    "ﬁ",
    "Ⅻ",
    "...",
]
_TAGS = [
    "p",
    "div",
    "span",
    "li",
    "ul",
    "a",
    "article",
    "h1",
    "br",
    "script",
    "style",
    "time",
    "table",
    "td",
    "meta",
    "title",
    "head",
    "body",
    "html",
    "noscript",
    "template",
    "svg",
    "iframe",
    "!--",
    "![CDATA[",
]
_ATTRS = [
    "",
    " class='datetime'",
    " property='og:title' content='Judul'",
    " name='author' content='Dewi'",
    ' href="/x"',
    " itemprop='datePublished' content='2023-03-14'",
    " charset='utf-16'",
    ' x="<p>"',
]
_RAW = [
    '{"id": "a", "text": "',
    '{"html": "<p>',
    '"}',
    "\n",
    "WARC/1.0\r\n",
    "WARC-Type: response\r\n",
    "Content-Length: 12\r\n",
    "Content-Type: application/http; msgtype=response\r\n",
    "\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    "%PDF-1.7",
    "\xff\xfe",
    "\xef\xbb\xbf",
]
_SUFFIXES = ["a.txt", "a.html", "a.htm", "a.jsonl", "a.warc", "a.warc.gz", "a.txt.gz", "a.jsonl.gz", "a.html.gz"]

_text = st.one_of(
    st.text(max_size=3000), st.lists(st.sampled_from(_WORDS) | st.text(max_size=20), max_size=200).map("".join)
)


@st.composite
def _page(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            parts.append(f"<{tag}{draw(st.sampled_from(_ATTRS))}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:  # unclosed nesting, as menus leave it
            parts.append(f"<li><div><span>{draw(st.sampled_from(_WORDS))}" * draw(st.integers(1, 200)))
        else:
            parts.append(draw(_text))
    return "".join(parts)


def _squash(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _analyse(art: Article, given_text: str) -> None:
    """Clean, date and quote one article; the invariants every input must keep."""
    try:
        clean_article(art)
        extract_metadata(art)
    except SkipArticle as skip:
        assert skip.reason
        return
    body = art.body
    if art.raw_html is None:  # a text body is made only of input text (HTML bodies go through entities)
        assert _subsequence(_squash(body), _squash(given_text)), "body contains text that is not in the input"
    run_until(art, "quotes", given=("body", "entities"))
    for q in art.quotes:
        assert 0 <= q.start <= q.end <= len(body), f"quote offsets outside the body: {q.start}-{q.end} of {len(body)}"


def _article(text: str | None = None, html: str | None = None) -> Article:
    art = Article(id="f", source=Source(path="f", format="html" if html else "txt", sha256="0" * 64))
    art._raw_text, art._raw_html = text, html
    return art


def _bytes_input() -> st.SearchStrategy[bytes]:
    built = st.lists(st.sampled_from(_RAW + _WORDS) | st.text(max_size=30), max_size=80).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    )
    return st.one_of(st.binary(max_size=4000), built, _page().map(lambda p: p.encode("utf-8", "surrogatepass")))


def _target_readers(name: str, data: bytes, compress: bool) -> None:
    if compress:
        data = gzip.compress(data)
    for item in read_blob(name, data, notes=True):
        assert isinstance(item, (Article, Skip, Note)), type(item)
        if isinstance(item, Article):
            _analyse(item, item.raw_text or "")
        else:
            assert item.reason


def _target_cleaner(text: str) -> None:
    _analyse(_article(text=text), text)


def _target_html(page: str) -> None:
    try:
        result, _ = extract_html(page)
    except SkipArticle as skip:
        assert skip.reason
    else:
        assert all(p.strip() for p in result.paragraphs)
    _analyse(_article(html=page), page)


TARGETS: dict[str, tuple[Callable[..., None], tuple[st.SearchStrategy[Any], ...]]] = {
    "readers": (_target_readers, (st.sampled_from(_SUFFIXES), _bytes_input(), st.booleans())),
    "cleaner": (_target_cleaner, (_text,)),
    "html": (_target_html, (_page(),)),
}


class _Hang(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Hang("one input ran past the --hang limit")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _round(name: str, examples: int, hang_s: int, max_rss_mb: float, stats: dict[str, Any]) -> str | None:
    """One round of a target with a fresh seed; the failure it found, if any."""
    fn, strategies = TARGETS[name]
    mine = stats.setdefault(name, {"inputs": 0, "rounds": 0, "slowest_s": 0.0})

    def checked(args: tuple[Any, ...]) -> None:
        signal.alarm(hang_s)
        start = time.perf_counter()
        try:
            fn(*args)
        finally:
            signal.alarm(0)
        mine["inputs"] += 1
        mine["slowest_s"] = max(mine["slowest_s"], round(time.perf_counter() - start, 3))
        assert _rss_mb() < max_rss_mb, f"peak RSS {_rss_mb():.0f} MB"

    test = settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
        given(st.tuples(*strategies))(checked)
    )
    test = seed(random.getrandbits(64))(test)
    mine["rounds"] += 1
    try:
        test()
    except Exception:  # noqa: BLE001 - any failure is the finding; Hypothesis has printed the shrunk input
        return traceback.format_exc(limit=8)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--examples", type=int, default=100, help="inputs per round")
    ap.add_argument("--hang", type=int, default=60, help="seconds one input may take")
    ap.add_argument("--max-rss-mb", type=float, default=1024.0)
    ap.add_argument("--targets", default=",".join(TARGETS))
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGALRM, _on_alarm)
    names = args.targets.split(",")
    stats: dict[str, Any] = {}
    failures: list[dict[str, str]] = []
    start = time.monotonic()
    while names and time.monotonic() - start < args.minutes * 60:
        for name in list(names):
            failure = _round(name, args.examples, args.hang, args.max_rss_mb, stats)
            if failure:
                failures.append({"target": name, "error": failure})
                print(f"FAILURE in {name}:\n{failure}", file=sys.stderr, flush=True)
                if sum(f["target"] == name for f in failures) >= 3:
                    names.remove(name)  # its failure is known; the other targets go on
        print(json.dumps({"elapsed_s": round(time.monotonic() - start), **stats}), flush=True)
    summary = {
        "wall_s": round(time.monotonic() - start, 1),
        "peak_rss_mb": round(_rss_mb()),
        "targets": stats,
        "failures": failures,
    }
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, indent=2)
    print(json.dumps({k: v for k, v in summary.items() if k != "failures"}, indent=2))
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
