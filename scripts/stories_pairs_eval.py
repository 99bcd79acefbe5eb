"""Score Warta's stories against the labelled article pairs of training/stories (issue 18).

The dev gold judges 318 articles; these 3,000 pairs of other news-dev-2025 articles are a second, independent judge,
so that a clustering change can be checked on articles no one tuned on. Every article of news-dev-2025 is analysed
(as the dev scorer's `--all` does: title, raw date line, body), then each labelled pair is looked up: the same story
or not. `same` pairs are positives; `thread` and `different` pairs are negatives (a thread pair put in one story is a
merge of two developments).

    PY scripts/stories_pairs_eval.py DB [--build] [--rebuild] [--files GLOB]
        DB          a database holding all of news-dev-2025 analysed; with --build it is made first (about 2-4 minutes
                    on 2 cores), with --rebuild the stories are recomputed from its stored articles first (after a
                    change to the clusterer; `warta stories --rebuild`)
        --files     which label files to score (default training/stories/*.jsonl), e.g. 'stannot[456].jsonl' to keep
                    a set out of any tuning
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_events import rows, text_dump  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "training" / "stories"


def build(db: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for row in rows().values():
            (folder / f"{row['id']}.txt").write_text(text_dump(row), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "warta", "analyze", str(folder), "--db", str(db)], check=True)


def story_of(db: Path, rebuild: bool) -> dict[str, str]:
    command = [sys.executable, "-m", "warta", "stories", "--db", str(db), "--format", "json"]
    listing = subprocess.run(command + (["--rebuild"] if rebuild else []), check=True, capture_output=True, text=True)
    stories = json.loads(listing.stdout)
    if isinstance(stories, dict):
        stories = stories.get("stories") or []
    return {str(a.get("id") if isinstance(a, dict) else a): s["id"] for s in stories for a in s.get("articles", [])}


def score(labels: list[dict], story: dict[str, str]) -> None:
    outcome: Counter[tuple[str, bool]] = Counter()
    for pair in labels:
        together = story.get(pair["a"]) is not None and story.get(pair["a"]) == story.get(pair["b"])
        outcome[(pair["label"], together)] += 1
    true_pos, false_neg = outcome[("same", True)], outcome[("same", False)]
    false_pos = outcome[("thread", True)] + outcome[("different", True)]
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    for label in ("same", "thread", "different"):
        joined, total = outcome[(label, True)], outcome[(label, True)] + outcome[(label, False)]
        print(f"{label:9} pairs {total:5}  in one story {joined:5} ({joined / max(total, 1):.3f})")
    print(f"same-story pairs P {precision:.3f} R {recall:.3f} F1 {f1:.3f} over {len(labels)} labelled pairs")


def main(argv: list[str]) -> None:
    if not argv or argv[0].startswith("-"):
        sys.exit(__doc__)
    db = Path(argv[0])
    pattern = argv[argv.index("--files") + 1] if "--files" in argv else "*.jsonl"
    if "--build" in argv:
        db.unlink(missing_ok=True)
        build(db)
    labels = [json.loads(line) for path in sorted(LABELS.glob(pattern)) for line in path.read_text().splitlines()]
    score(labels, story_of(db, "--rebuild" in argv))


if __name__ == "__main__":
    main(sys.argv[1:])
