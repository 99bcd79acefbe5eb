"""Quotes on real news: the dev set of ../shared/dev-gold/quotes.json (40 articles of news-dev-2025, QUOTES.md), scored
by the shared scorer ../shared/tools/devscore_quotes.py exactly as `python3 ../shared/tools/devscore_quotes.py PYTHON`
scores it. Skips when ../shared is absent. The floors are the figures reached (issue 19), rounded down a little, so
that no later change loses them silently."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "devscore_quotes.py"
GOLD = SHARED / "dev-gold" / "quotes.json"
ARTICLES = SHARED / "data" / "news-dev-2025" / "articles.jsonl"


def _fraction(output: str, label: str) -> tuple[int, int]:
    found = re.search(rf"{label} [0-9.]+ \((\d+)/(\d+)\)", output)
    assert found, f"{label!r} not in the scorer's output:\n{output[-2000:]}"
    return int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def scored() -> str:
    if not (SCORER.is_file() and GOLD.is_file() and ARTICLES.is_file()):
        pytest.skip("../shared is not present (only in the development workplace)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(
        [sys.executable, str(SCORER), sys.executable], capture_output=True, text=True, env=env, timeout=600
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_direct_quotes_are_found(scored: str) -> None:
    found, total = _fraction(scored, "direct quotes: found")
    assert found / total >= 0.99  # issue 19 target: >= 0.98 (reached 216/216 = 1.000)


def test_direct_quote_speakers_are_right(scored: str) -> None:
    right, total = _fraction(scored, r"direct quotes: found [0-9.]+ \(\d+/\d+\); speaker right")
    assert right / total >= 0.985  # issue 19 target: >= 0.95 (reached 215/216 = 0.995; baseline 0.792)


def test_indirect_quotes_are_found_with_their_speakers(scored: str) -> None:
    found = re.search(r"indirect: found [0-9.]+ \((\d+)/(\d+)\); speaker right [0-9.]+ \((\d+)/(\d+)\)", scored)
    assert found, scored[-2000:]
    hits, total, right, judged = map(int, found.groups())
    assert hits / total >= 0.88  # issue 19 target: >= 0.85 (reached 111/124 = 0.895; baseline 0.685)
    assert right / judged >= 0.95  # issue 19 target: >= 0.95 (reached 107/111 = 0.964)


def test_no_scare_quote_is_posed_as_a_statement(scored: str) -> None:
    posed = re.search(r"scare quotes posed as statements (\d+)/(\d+)", scored)
    assert posed, scored[-2000:]
    assert int(posed.group(1)) == 0  # issue 19 target: none (reached 0/12; baseline 1/12)
