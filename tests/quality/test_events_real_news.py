"""Events on real Indonesian news (issue 17): the dev scorer over the 40 hand-coded news-dev-2025 articles of
../shared/dev-gold/events.json must not fall below the figures reached.

Runs ../shared/tools/devscore_events.py with this interpreter (as the hook does); skips when ../shared is absent.
Issue 17's targets (not reached yet): type+actor F1 >= 0.75, actor+type+target F1 >= 0.60, date right >= 0.85 of
matched (the date target is reached). The floors below are what the events stage reaches now (rules plus the
learned mode filter of data/events_model.json: P 0.803 R 0.560, type+actor F1 0.660, actor+type+target 0.425, date
0.868; round 3 of issue 17), rounded down a little.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "devscore_events.py"

FLOOR_TYPE_ACTOR_F1 = 0.65  # issue 17 target: 0.75
FLOOR_TARGET_F1 = 0.41  # issue 17 target: 0.60
FLOOR_DATE = 0.85  # issue 17 target: 0.85
FLOOR_PRECISION = 0.78  # precision matters as much as recall: the rules must not buy recall with noise

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared (dev gold and scorer) is not present")


def test_events_dev_gold_floors() -> None:
    done = subprocess.run([sys.executable, str(SCORER), sys.executable], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    found = re.search(r"events P ([\d.]+) R ([\d.]+) F1 ([\d.]+) \(type-match\), actor\+type\+target F1 ([\d.]+), "
                      r"date accuracy ([\d.]+)", last)
    assert found, last
    precision, _, f1, target_f1, date = (float(x) for x in found.groups())
    assert f1 >= FLOOR_TYPE_ACTOR_F1, last
    assert target_f1 >= FLOOR_TARGET_F1, last
    assert date >= FLOOR_DATE, last
    assert precision >= FLOOR_PRECISION, last
