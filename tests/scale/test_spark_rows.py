"""The Spark executors' row function, without Spark: one output row per record, in input order, chunk after chunk."""

from __future__ import annotations

import json

import pytest

pd = pytest.importorskip("pandas", reason="the spark extra is not installed")

from warta.demo import corpus_dir  # noqa: E402
from warta.pipeline import CHUNK, try_process  # noqa: E402
from warta.read import read_blob  # noqa: E402
from warta.scale import _process_rows  # noqa: E402


def test_a_file_with_more_articles_than_a_chunk_gives_every_record_once_in_order() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_dir().glob("*.txt"))]
    count = CHUNK + 9
    lines = [json.dumps({"id": f"art-{i:03d}", "text": texts[i % len(texts)] + f"\n\n(Arsip {i})\n"}) for i in range(count)]
    lines.insert(5, "{not json")  # a bad line: a reader skip between good records
    lines.insert(CHUNK + 2, json.dumps({"id": "kosong", "text": "   "}))  # an article the pipeline skips
    blob = ("\n".join(lines) + "\n").encode()
    frame = pd.DataFrame({"path": ["file:/data/bundle.jsonl"], "content": [blob]})
    out = pd.concat(list(_process_rows(iter([frame]))))
    assert len(out) == count + 2
    assert list(out["record"]) == list(range(1, count + 3))  # one row per line, in order
    skipped = out[out["skip"].notna()]
    assert list(skipped["record"]) == [6, CHUNK + 3]
    stored = out[out["record_json"].notna()]
    assert len(stored) == count
    # the same records as the one-by-one pipeline
    expected = [try_process(item)[0] for item in read_blob("/data/bundle.jsonl", blob) if hasattr(item, "source")]
    assert [json.loads(r) for r in stored["record_json"]] == [
        json.loads(a.to_json()) for a in expected if a is not None
    ]
