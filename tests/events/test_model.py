"""The events stage's learned models (issue 17): scoring, the hooks in the rules, training on a tiny slice.

The runtime needs no scikit-learn: a model is weights in JSON scored by a dot product. Training (scripts/
train_events.py) needs ../shared (the articles the labels point into) and label files; CI never retrains the
shipped model, it trains on a tiny slice in a temp dir.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from warta.events import model
from warta.events.actors import ActorMention
from warta.events.extract import _learned_cues, _learned_mode
from warta.events.lexicon import cue_candidates, find_cues, tokenize
from warta.events.model import Linear, Models

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
LABELS = sorted((ROOT / "training" / "events").glob("*.jsonl"))


def _models(mode: Linear | None = None, trigger: Linear | None = None, words: frozenset[str] = frozenset(),
            drop: float = 0.8) -> Models:
    return Models(mode, trigger, words, {}, drop)


def test_linear_scores_by_dot_product() -> None:
    linear = Linear(("a", "b"), {"x": (0.0, 2.0), "y": (1.0, 0.0)}, (0.0, 0.0))
    both = linear.probabilities(["x", "y", "unknown"])
    assert both["b"] == pytest.approx(1 / (1 + 2.718281828 ** -1), rel=1e-6)
    assert linear.probabilities([])["a"] == pytest.approx(0.5)


def test_trigger_candidates_find_words_by_stem() -> None:
    learned = _models(words=frozenset({"periksa"}))
    lowers = ["kpk", "memeriksa", "saksi", "dan", "pemeriksaan", "lanjut"]
    assert model.trigger_candidates(lowers, learned) == [1, 4]


def test_learned_cue_added_outside_the_rules_cues() -> None:
    sentence = "Penyidik KPK memeriksa dua saksi, lalu mengepung pelaku."
    tokens = tokenize(sentence)
    lowers = [t.lower for t in tokens]
    candidates = cue_candidates(lowers)
    cues = find_cues(sentence, tokens, candidates)
    i = lowers.index("mengepung")
    trigger = Linear(("COERCE", model.NO_TYPE), {"w=mengepung": (3.0, 0.0)}, (0.0, 0.0))
    learned = _models(trigger=trigger, words=frozenset({"mengepung"}))
    found = _learned_cues(sentence, tokens, candidates, cues, [i], learned)
    added = [c for c in found if c not in cues]
    assert [(c.text, c.action.type) for c in added] == [("mengepung", "COERCE")]
    no_trigger = Linear(("COERCE", model.NO_TYPE), {"w=mengepung": (-3.0, 0.0)}, (0.0, 0.0))
    assert _learned_cues(sentence, tokens, candidates, cues, [i], _models(trigger=no_trigger)) == cues


def test_mode_model_drops_only_confident_none() -> None:
    sentence = "KPK menahan Budi."
    tokens = tokenize(sentence)
    cue = find_cues(sentence, tokens)[0]
    source = ActorMention(0, 3, "KPK", "IDN", "JUD", None, "KPK", "institution")
    args = (sentence, tokens, cue, (False, False), (source, None), (0, len(sentence)))
    sure = Linear(("asserted", "other", "none"), {f"t={cue.action.type}": (0.0, 0.0, 5.0)}, (0.0, 0.0, 0.0))
    unsure = Linear(("asserted", "other", "none"), {f"t={cue.action.type}": (0.0, 0.0, 0.5)}, (0.0, 0.0, 0.0))
    assert _learned_mode(*args, _models(mode=sure)) is None
    assert _learned_mode(*args, _models(mode=unsure)) == (False, False)
    assert _learned_mode(*args, None) == (False, False)
    with model.recording() as records:
        _learned_mode(*args, None)
    assert records and records[0]["type"] == cue.action.type and f"t={cue.action.type}" in records[0]["features"]


def test_shipped_model_loads_and_matches_its_manifest() -> None:
    learned = model.models()
    if learned is None:
        pytest.skip("no learned model is shipped (the rules alone code events)")
    assert learned.manifest["command"].startswith("scripts/train_events.py")
    assert learned.manifest["reproduce"].startswith("scripts/train_events.py --like")
    assert learned.mode is not None or learned.trigger is not None
    assert 0.5 <= learned.mode_drop <= 1.01
    missing = [name for name in learned.manifest["labels"] if not (ROOT / "training" / "events" / name).is_file()]
    if missing:  # trained on the annotators' files before they were merged into training/events
        pytest.skip(f"label files not in training/events yet: {missing}")
    for name, info in learned.manifest["labels"].items():
        path = ROOT / "training" / "events" / name
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][: info["lines"]]
        digest = hashlib.sha256("".join(line + "\n" for line in lines).encode("utf-8")).hexdigest()
        assert digest == info["sha256"], f"{name}: its first {info['lines']} lines changed since training"


@pytest.mark.skipif(not (SHARED / "data" / "news-dev-2025").is_dir() or not LABELS,
                    reason="needs ../shared (the labelled articles) and training/events/*.jsonl")
def test_training_on_a_tiny_slice(tmp_path: Path) -> None:
    lines = [line for line in LABELS[0].read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = list(dict.fromkeys(json.loads(line)["article"] for line in lines))[:4]
    tiny = tmp_path / "tiny.jsonl"
    tiny.write_text("".join(line + "\n" for line in lines if json.loads(line)["article"] in articles))
    out = tmp_path / "model.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_events.py"), "--labels", str(tiny),
                           "--folds", "2", "--out", str(out)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(out.read_text())
    assert data["manifest"]["labels"]["tiny.jsonl"]["lines"] == tiny.read_text().count("\n")
    assert data["mode"] is None or set(data["mode"]["classes"]) <= set(model.MODE_CLASSES)
    assert data["trigger"] is None or model.NO_TYPE in data["trigger"]["classes"]
