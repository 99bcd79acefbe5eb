"""The hand-labelled event sentences: size and coverage of the set, and the scores event coding must keep."""

from __future__ import annotations

from pathlib import Path

from warta.events.evaluate import evaluate, load_items, type_counts

DATA = Path(__file__).parent / "data" / "event_sentences.jsonl"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_set_covers_every_type_with_negations_and_plans() -> None:
    items = load_items(DATA)
    assert len(items) >= 80
    counts = type_counts(items)
    assert set(counts) == PLOVER_TYPES
    assert min(counts.values()) >= 5
    events = [e for item in items for e in item["events"]]
    assert sum(bool(e.get("negated")) for e in events) >= 15
    assert sum(bool(e.get("intent")) for e in events) >= 15


def test_scores_on_the_labelled_set() -> None:
    report = evaluate(load_items(DATA))
    total = report.total
    assert total.precision >= 0.95 and total.recall >= 0.95, report.misses
    for name, score in report.by_type.items():
        assert score.recall >= 0.8 and score.precision >= 0.8, (name, report.misses)


def test_scores_on_the_held_out_sets() -> None:
    for name in ("event_sentences_heldout.jsonl", "event_sentences_heldout2.jsonl"):
        report = evaluate(load_items(DATA.parent / name))
        assert report.total.precision >= 0.9 and report.total.recall >= 0.9, (name, report.misses)
