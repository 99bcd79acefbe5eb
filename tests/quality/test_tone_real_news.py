"""Tone on real news (issue 27): runs ../shared/tools/devscore_tone.py, the project's dev scorer, over the 60 hand-rated
articles of ../shared/dev-gold/tone.json with this checkout's Warta, and holds the figures reached.

Issue 27's targets: article Spearman >= 0.80 and 3-class accuracy >= 0.80; entity portrayal 3-class accuracy >= 0.75
and at least 0.15 above giving each entity its article's polarity; >= 95 % of gold entities matched (reached: 111 of
114 with the names round; the three left are a product, a programme and an event). Floors are the figures reached, rounded down a
little (one article or entity either way). Skips when ../shared is not there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "tools" / "devscore_tone.py"

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared (dev gold and scorer) is not here")

LAST = re.compile(
    r"tone article spearman (?P<a_sp>[\d.]+); article 3-class acc (?P<a_acc>[\d.]+); entity spearman (?P<e_sp>[\d.]+); "
    r"entity 3-class acc (?P<e_acc>[\d.]+) \((?P<matched>\d+) matched of (?P<total>\d+)\)"
)
PROXY = re.compile(
    r"baseline article polarity given to each entity \(matched\): spearman [\d.]+ \S+ \S+; 3-class acc ([\d.]+)"
)


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, str(SCORER), sys.executable], capture_output=True, text=True, env=env, timeout=600, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr[-2000:]
    last, proxy = LAST.search(run.stdout), PROXY.search(run.stdout)
    assert last and proxy, run.stdout[-2000:]
    return {**{key: float(value) for key, value in last.groupdict().items()}, "proxy_acc": float(proxy.group(1))}


def test_article_tone_on_real_news(scores: dict[str, float]) -> None:
    assert scores["a_sp"] >= 0.84  # reached 0.857; target 0.80
    assert scores["a_acc"] >= 0.80  # reached 0.817; target 0.80


def test_entity_portrayal_on_real_news(scores: dict[str, float]) -> None:
    assert scores["e_sp"] >= 0.80  # reached 0.821 (0.634 before issue 27)
    assert scores["e_acc"] >= 0.76  # reached 0.792 (0.775 once the names round matched 9 more entities); target 0.75
    assert (
        scores["e_acc"] - scores["proxy_acc"] >= 0.17
    )  # reached 0.208 above the copy-the-article baseline (0.584; 0.189 over 0.586 with 111 matched); target 0.15
    assert scores["matched"] >= 110  # reached 111 of 114; target 95 % = 109 (the tagger's and linker's part)
