"""Events on real Indonesian news (issue 17): the dev scorer over the 40 hand-coded news-dev-2025 articles of
../shared/dev-gold/events.json, and the stage's (sentence, type) score on the 4,253 labelled sentences of
training/events (253 other articles of the same corpus), must not fall below the figures reached.

Runs ../shared/tools/devscore_events.py and scripts/events_on_labels.py with this interpreter (as the hook does);
skips when ../shared is absent. Issue 17's targets: type+actor F1 >= 0.75 and actor+type+target F1 >= 0.60 (not
reached yet), date right >= 0.85 of matched and no type with >= 8 gold events below recall 0.5 (both reached). The
floors below are what the events stage reaches now (rules plus the learned mode filter of data/events_model.json:
dev P 0.895 R 0.680, type+actor F1 0.773, actor+type+target 0.538, date 0.857, lowest recall of a type with >= 8 gold
events 0.57 (ACCUSE); labels P 0.811 R 0.443 F1 0.573; round 6 of issue 17, recall and type), rounded down a little;
a third test keeps the actor and target figures on the labelled sentences (scripts/events_roles_on_labels.py).
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
ROLES_ON_LABELS = ROOT / "scripts" / "events_roles_on_labels.py"
# scripts/events_roles_on_labels.py over the 4,253 labelled sentences of training/events (a proxy beside the dev gold,
# per sentence; no issue target): reached type+actor F1 0.407, type+actor+target F1 0.256 (round 7 of issue 17; 0.399
# and 0.243 after round 6, 0.390 and 0.231 after round 5, 0.254 and 0.138 before it).
FLOOR_LABELS_TYPE_ACTOR_F1 = 0.41  # 0.416 in round 8
FLOOR_LABELS_TARGET_F1 = 0.255  # 0.260 in round 8
# Its date accuracy over type+actor matches whose label has a date (the labels' own dates, EVENTS.md conventions):
# reached 0.743 with round 6's date rules (before them 0.699); 0.734 in round 7 (259 right over 353 matches, 252 over 339
# before: the new targets add matches whose label dates differ); 0.728 in round 8 (259 right over 356: the three new
# matches, "Dia diamankan ..." restating an arrest, carry the publication day where the label has the arrest's; 0.727,
# 261 over 359, with round 8's lexicon).
FLOOR_LABELS_DATE = 0.72

FLOOR_TYPE_ACTOR_F1 = 0.775  # issue 17 target: 0.75 (reached 0.784 with round 7; 0.776 after round 6)
FLOOR_TARGET_F1 = 0.60  # issue 17 target: 0.60 (reached 0.610 with round 7's target rules; 0.556 after round 6)
FLOOR_DATE = 0.90  # issue 17 target: 0.85 (reached 0.912 with round 6's date rules; 0.853 after round 5)
FLOOR_PRECISION = 0.88  # precision matters as much as recall: the rules must not buy recall with noise (0.902)
FLOOR_TYPE_RECALL = 0.5  # issue 17 target: no type with >= 8 gold events below recall 0.5
FREQUENT_TYPE = 8  # gold events a type needs for its recall floor
# The labelled sentences (no issue target: they guard the dev figures against rules that only fit the dev articles)
FLOOR_LABELS_F1 = 0.58  # reached 0.584 in round 8 (0.573 in round 6)
FLOOR_LABELS_PRECISION = 0.81  # reached 0.814 in round 8 (0.811 in round 6)
LABELS_SCRIPT = ROOT / "scripts" / "events_on_labels.py"
ARTICLES = SHARED / "data" / "news-dev-2025" / "articles.jsonl"
_TYPE_ROW = re.compile(r"^\s+([A-Z]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)$", re.MULTILINE)

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
    recalls = {m.group(1): float(m.group(6)) for m in _TYPE_ROW.finditer(done.stdout) if int(m.group(2)) >= FREQUENT_TYPE}
    assert len(recalls) >= 8, done.stdout[:2000]  # the scorer's per-type table was read
    low = {t: r for t, r in recalls.items() if r < FLOOR_TYPE_RECALL}
    assert not low, low


@pytest.mark.skipif(not ARTICLES.is_file(), reason="../shared/data/news-dev-2025 is not present")
def test_events_labelled_sentences_floors(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(LABELS_SCRIPT), "--cache", str(tmp_path)], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    found = re.search(r"asserted: P ([\d.]+) R ([\d.]+) F1 ([\d.]+)", last)
    assert found, last
    precision, _, f1 = (float(x) for x in found.groups())
    assert f1 >= FLOOR_LABELS_F1, last
    assert precision >= FLOOR_LABELS_PRECISION, last


def test_events_roles_on_labelled_sentences_floors() -> None:
    done = subprocess.run([sys.executable, str(ROLES_ON_LABELS)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    found = re.search(r"type\+actor P [\d.]+ R [\d.]+ F1 ([\d.]+); type\+actor\+target P [\d.]+ R [\d.]+ F1 ([\d.]+)", last)
    assert found, last
    type_actor, target = (float(x) for x in found.groups())
    assert type_actor >= FLOOR_LABELS_TYPE_ACTOR_F1, last
    assert target >= FLOOR_LABELS_TARGET_F1, last
    dated = re.search(r"date accuracy on labels: ([\d.]+) over (\d+)", done.stdout)
    assert dated and int(dated.group(2)) >= 300, done.stdout[-500:]
    assert float(dated.group(1)) >= FLOOR_LABELS_DATE, dated.group(0)
