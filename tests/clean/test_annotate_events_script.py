"""scripts/annotate_events.py: snippets found as whole words, and `add --replace` labelling an article anew."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "annotate_events.py"
_spec = importlib.util.spec_from_file_location("annotate_events", SCRIPT)
assert _spec is not None and _spec.loader is not None
annotate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(annotate)

RAW = "Harga di pasar naik. AS dan RI sepakat soal tarif.\nPresiden bertemu denganPerdana Menteridi istana."


def test_a_short_snippet_is_found_as_a_whole_word_only() -> None:
    everywhere = (0, len(RAW))
    assert annotate.locate(RAW, "AS", everywhere) == (RAW.index("AS dan"), RAW.index("AS dan") + 2)
    assert annotate.locate(RAW, "as", everywhere) is None  # never inside "pasar"
    assert annotate.locate(RAW, "RI", (0, RAW.index("RI"))) is None


def test_a_longer_snippet_is_still_found_where_scraped_words_are_glued() -> None:
    start = RAW.index("Perdana")
    assert annotate.locate(RAW, "Perdana Menteri", (0, len(RAW))) == (start, start + len("Perdana Menteri"))


def _line(article: str, start: int, events: list[dict]) -> dict:
    return {"article": article, "start": start, "end": start + 5, "annotator": "t", "events": events}


def test_add_replace_labels_an_article_anew(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "t.jsonl"
    annotate.write_labels(target, [_line("a", 0, []), _line("a", 6, []), _line("b", 0, [])], replace=False)
    fixed = [_line("a", 0, [{"type": "ACCUSE"}])]
    annotate.write_labels(target, fixed, replace=False)  # without --replace an annotated article is left as it is
    assert [json.loads(x)["start"] for x in target.read_text().splitlines()] == [0, 6, 0]
    annotate.write_labels(target, fixed, replace=True)
    lines = [json.loads(x) for x in target.read_text().splitlines()]
    assert [(x["article"], x["start"], len(x["events"])) for x in lines] == [("b", 0, 0), ("a", 0, 1)]
    assert "2 old lines of relabelled articles dropped" in capsys.readouterr().out
