"""The Spark path gives the same per-article records as the SQLite path (run with local[2])."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")
if shutil.which("java") is None:
    pytest.skip("Java is not installed", allow_module_level=True)

from warta.cli import main  # noqa: E402
from warta.demo import corpus_dir  # noqa: E402
from warta.scale import run_spark  # noqa: E402
from warta.store import Store  # noqa: E402

CORPUS_SAMPLE = 8
CORPUS_LEVEL = {"story_id", "duplicate_of"}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("warta-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    yield session
    session.stop()


def _stored(db: Path) -> list[dict]:
    """The records `warta analyze` stored, read back through the store (as `warta export` and the API do)."""
    with Store(db, readonly=True) as store:
        return [a.to_dict() for a in store.iter_articles()]


def _sqlite_records(inputs: Path, tmp: Path) -> dict[str, dict]:
    db = tmp / "w.db"
    assert main(["analyze", str(inputs), "--db", str(db), "--quiet", "--no-stories"]) == 0
    return {r["id"]: r for r in _stored(db)}


def _spark_records(spark, inputs: Path, out: Path) -> dict[str, dict]:
    run_spark([str(inputs)], str(out), spark=spark, stories=False)
    rows = spark.read.parquet(str(out / "articles")).toJSON().collect()
    return {r["id"]: r for r in map(json.loads, rows)}


def _comparable(rec: dict) -> dict:
    rec = {k: v for k, v in rec.items() if k not in CORPUS_LEVEL}
    rec["source"] = {**rec["source"], "path": Path(rec["source"]["path"]).name}
    for ev in rec.get("events", []):
        ev.pop("event_id", None)
    return json.loads(json.dumps(rec, sort_keys=True), parse_float=lambda s: round(float(s), 6))


def _fill_defaults(rec: dict) -> dict:
    """Spark's JSON writer drops null fields; put them back from the schema so records compare field by field."""
    from warta.record import Article

    return Article.model_validate(rec).to_dict()


def _assert_same(a: dict[str, dict], b: dict[str, dict]) -> None:
    assert sorted(a) == sorted(b)
    for key in a:
        assert _comparable(_fill_defaults(a[key])) == _comparable(_fill_defaults(b[key])), key


def test_demo_sample_identical_to_sqlite(spark, tmp_path: Path):
    sample = tmp_path / "in"
    sample.mkdir()
    for p in sorted(corpus_dir().glob("*.txt"))[:CORPUS_SAMPLE]:
        shutil.copy(p, sample / p.name)
    (sample / "broken.txt").write_bytes(b"\x00\x01 not text")
    _assert_same(_sqlite_records(sample, tmp_path), _spark_records(spark, sample, tmp_path / "out"))
    skips = spark.read.parquet(str(tmp_path / "out" / "skips")).collect()
    assert [Path(r["path"]).name for r in skips] == ["broken.txt"]
    for name in ("entities", "quotes", "events"):
        assert (tmp_path / "out" / name).is_dir()


def test_seeds_identical_to_sqlite(spark, shared_dir: Path, tmp_path: Path):
    _assert_same(_sqlite_records(shared_dir / "seeds", tmp_path),
                 _spark_records(spark, shared_dir / "seeds", tmp_path / "out"))


def test_cli_spark_missing_input_fails(tmp_path: Path, capsys):
    rc = main(["spark", "--input", str(tmp_path / "nothing"), "--output", str(tmp_path / "o"), "--no-stories"])
    assert rc != 0


def _partition(story_of: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for art, story in story_of.items():
        groups.setdefault(story, set()).add(art)
    return {frozenset(g) for g in groups.values()}


def test_spark_stories_on_seeds_match_the_sqlite_path(spark, shared_dir: Path, tmp_path: Path):
    db = tmp_path / "w.db"
    assert main(["analyze", str(shared_dir / "seeds"), "--db", str(db), "--quiet"]) == 0
    sqlite_story = {r["id"]: r["story_id"] for r in _stored(db)}
    run_spark([str(shared_dir / "seeds")], str(tmp_path / "out"), spark=spark, stories=True)
    rows = spark.read.parquet(str(tmp_path / "out" / "articles")).select("id", "story_id").collect()
    spark_story = {r["id"]: r["story_id"] for r in rows}
    assert all(spark_story.values())
    assert _partition(spark_story) == _partition(sqlite_story)


def test_spark_stories_agree_with_sqlite_on_demo(spark, tmp_path: Path):
    from warta.stories.evaluate import bcubed

    db = tmp_path / "w.db"
    assert main(["analyze", str(corpus_dir()), "--db", str(db), "--quiet"]) == 0
    records = _stored(db)
    sqlite_story = {r["id"]: r["story_id"] for r in records}
    run_spark([str(corpus_dir())], str(tmp_path / "out"), spark=spark, stories=True)
    rows = spark.read.parquet(str(tmp_path / "out" / "articles")).select("id", "story_id", "duplicate_of").collect()
    spark_story = {r["id"]: r["story_id"] for r in rows}
    _, _, f1 = bcubed(spark_story, sqlite_story)
    assert f1 >= 0.9, f1
    sqlite_dups = {r["id"]: r["duplicate_of"] for r in records if r["duplicate_of"]}
    assert {r["id"]: r["duplicate_of"] for r in rows if r["duplicate_of"]} == sqlite_dups
