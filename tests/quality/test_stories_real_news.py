"""Stories on real Indonesian news (issue 18): the dev scorer over the 318 hand-clustered news-dev-2025 articles of
../shared/dev-gold/stories.json (133 stories) must not fall below the figures reached.

Runs ../shared/tools/devscore_stories.py with this interpreter (as the hook does) on the gold subset; skips when
../shared is absent. Issue 18's target: B-cubed F1 >= 0.95 on the subset and with all 4,423 articles analysed (strict
precision >= 0.95 there), reached in round 9 (below). Round 3 reached F1 0.912 (P 0.966 R 0.863), from 0.834 (P 0.885
R 0.789) before issue 18 (round 1: 0.901; round 2, the leads' speakers: 0.907; round 3: an article without a
publication time dated by its page's date line, 0.909, then the headlines' first-named actors and a guard against big
clusters, 0.910, then the kinds of act the leads report, 0.912 (P 0.966 R 0.863); round 4 started at 0.907 (P 0.959
R 0.860) after other areas' changes: the same specific place on the same day, 0.912 (P 0.959 R 0.869)); the plain
TF-IDF baseline of the scorer reaches 0.880. With all articles (`--all`, too slow for a test): 0.909 (P 0.910 R 0.909,
strict P 0.897) with the precision guard from 4 articles, from 0.901 (strict P 0.877) at round 4's start and 0.838
before issue 18. Round 5 (labelled pairs of other articles as a second judge): started at 0.912 (P 0.959 R 0.869),
`--all` 0.905 (strict P 0.889) after other areas' merges; head weight 0.5 and threshold 0.35 chosen with the labels,
then a head link less 0.4 of its lead over the story's mean head link and a size guard of 0.07: 0.914 (P 0.958
R 0.874), `--all` 0.924 (P 0.924 R 0.924, strict P 0.907). Round 6 started at 0.917 (P 0.954 R 0.883) after other
areas' merges; headlines reporting other kinds of act (the event dictionary's cues and data/headline_acts.txt) weigh
against one story, and head vectors keep 60 terms: 0.934 (P 0.981 R 0.891), `--all` 0.931 (P 0.939, strict P 0.927)
on the re-clustered database. Events round 7 (more event records) moved the subset to 0.922; event kinds re-weighed
(event_boost 1.75, act_penalty 0.1): 0.928 (P 0.966 R 0.893). Round 7: a name after a relational noun in a
headline is another person ("Ibu Ronald Tannur"), a headline's act is its main clause's, next-day penalty 0.15 and no
no-person-in-common penalty, an act-less headline standing for its story's acts: 0.934 (P 0.972 R 0.899), `--all`
0.957 (P 0.967, strict P 0.960) on the re-clustered database. Round 8: the same count or amount and the same quoted
words in two heads: 0.943 (P 0.972 R 0.916), `--all` 0.961 (P 0.967, strict P 0.960) on the re-clustered database.
Round 9: a second look for a story's lone founder once the next day's reports are in, and headlines naming different
volcanoes or rivers: 0.952 (P 0.975 R 0.930), `--all` 0.968 (P 0.970 R 0.966, strict P 0.963; the scorer's own run).
The floors are the subset figures rounded down (F1 to the issue's 0.95).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "devscore_stories.py"

FLOOR_F1 = 0.95
FLOOR_PRECISION = 0.97  # precision first: a small story absorbed into a big one is the error users see
FLOOR_RECALL = 0.925

pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason="../shared (dev gold and scorer) is not present")


def test_stories_dev_gold_floors() -> None:
    done = subprocess.run([sys.executable, str(SCORER), sys.executable], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    found = re.search(r"story B-cubed F1 ([\d.]+) \(P ([\d.]+) R ([\d.]+)\)", last)
    assert found, last
    f1, precision, recall = (float(x) for x in found.groups())
    assert f1 >= FLOOR_F1, last
    assert precision >= FLOOR_PRECISION, last
    assert recall >= FLOOR_RECALL, last
