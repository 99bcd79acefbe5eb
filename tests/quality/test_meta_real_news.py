"""Cleaning and metadata on real news, scored by the shared scorers exactly as
`python3 ../shared/tools/devscore_meta.py PYTHON N` (text dumps of news-dev-2025, round-robin over outlets; gold =
the scraped title, date and author fields) and `python3 ../shared/tools/devscore_html.py PYTHON` (17 saved pages of
news-html-dev, hand-labelled) score them. Skips when ../shared is absent. The floors are the figures reached
(issue 21), rounded down a little, so that no later change loses them silently. The dump run takes the first 150
articles of the scorer's round-robin to stay within the test budget; docs/quality.md quotes the 300- and 1000-article
runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from warta.clean.text import clean_lines

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
META_SCORER = SHARED / "tools" / "devscore_meta.py"
HTML_SCORER = SHARED / "tools" / "devscore_html.py"
ARTICLES = SHARED / "data" / "news-dev-2025" / "articles.jsonl"
PAGES = SHARED / "data" / "news-html-dev" / "labels.jsonl"
DUMPS = 150


def _run(args: list[str]) -> str:
    if not all(p.is_file() for p in (META_SCORER, HTML_SCORER, ARTICLES, PAGES)):
        pytest.skip("../shared is not present (only in the development workplace)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


@pytest.fixture(scope="module")
def dumps() -> dict[str, float]:
    out = _run([str(META_SCORER), sys.executable, str(DUMPS)])
    found = re.search(
        r"stored (\d+)/(\d+);.*title ([0-9.]+); published ([0-9.]+) .*outlet ([0-9.]+) .*leaked-boilerplate articles (\d+)",
        out,
    )
    assert found, out[-2000:]
    stored, total, title, published, outlet, leaked = found.groups()
    return {
        "stored": int(stored) / int(total),
        "title": float(title),
        "published": float(published),
        "outlet": float(outlet),
        "leaked": int(leaked),
    }


@pytest.fixture(scope="module")
def pages() -> dict[str, int]:
    out = _run([str(HTML_SCORER), sys.executable])
    line = out.strip().splitlines()[-1]
    found = dict(re.findall(r"([a-z-]+) (\d+)/17", line))
    assert len(found) == 7, line
    return {key: int(value) for key, value in found.items()}


def test_dump_titles_dates_and_outlets(dumps: dict[str, float]) -> None:
    assert dumps["stored"] == 1.0  # issue 21: no real article with a sentence of news is skipped
    assert dumps["title"] >= 0.99  # issue 21 target: >= 0.99 (baseline 0.980 on 300)
    assert dumps["published"] >= 0.99  # issue 21 target: >= 0.99 (baseline 1.000)
    assert dumps["outlet"] >= 0.97  # issue 21 target: >= 0.98 (baseline 0.529 on 300)
    assert dumps["leaked"] == 0  # issue 21 target: no leaked boilerplate (baseline 29 of 300)


def test_html_pages(pages: dict[str, int]) -> None:
    assert pages["stored"] == 17
    for field in ("title", "published", "outlet", "authors"):
        assert pages[field] >= 16, field  # issue 21 target: >= 16/17 (baseline 11, 15, 16, 8)
    for field in ("body-start", "body-end"):
        assert pages[field] >= 16, field  # issue 21 target: >= 15/17 (baseline 17, 12)


def test_kompas_leads_broken_at_link_anchors_are_whole() -> None:
    """Kompas dumps break every sentence at its link anchors ("Gubernur\\nJakarta\\nPramono Anung\\nyakin ...").
    Over the 50 kompas.com articles of news-dev-2025: the first body paragraph is a whole sentence (8 words or more,
    a final mark) in 50 (before: 27), and paragraphs of three words or fewer (broken-off anchors) number 13 (before:
    83). Issue 21: a lead and the names in it are article text, never dropped with the header."""
    if not ARTICLES.is_file():
        pytest.skip("../shared is not present (only in the development workplace)")
    articles = [a for line in ARTICLES.open(encoding="utf-8") if (a := json.loads(line))["outlet"] == "kompas.com"]
    whole = fragments = 0
    for article in articles:
        paragraphs = clean_lines(article["text"]).paragraphs
        first = paragraphs[0] if paragraphs else ""
        whole += len(first.split()) >= 8 and first.endswith((".", "!", "?", '"', "”"))
        fragments += sum(1 for p in paragraphs if len(p.split()) <= 3)
    assert len(articles) == 50
    assert whole >= 49  # reached 50/50
    assert fragments <= 16  # reached 13
