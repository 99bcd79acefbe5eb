"""The golden-output snapshot: the records of the seeds, the demo corpus and real articles from ../shared are the
ones in tests/data/snapshot.golden.jsonl, and `process_many` (what `warta analyze` runs) gives what `process` gives.

After an intended change of output, regenerate the golden file with `python scripts/snapshot.py --update` (it needs
../shared) and commit it with the change. Parts whose data is not there (no ../shared) are skipped.
"""

from __future__ import annotations

from typing import Any

import pytest

from warta import snapshot

Records = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def one_by_one() -> Records:
    present, records = snapshot.records_of(snapshot.GOLDEN_PARTS)
    return {part: [record for p, record in records if p == part] for part in present}


@pytest.fixture(scope="module")
def chunked() -> Records:
    present, records = snapshot.records_of(snapshot.GOLDEN_PARTS, chunked=True)
    return {part: [record for p, record in records if p == part] for part in present}


@pytest.mark.parametrize("part", snapshot.GOLDEN_PARTS)
def test_records_are_the_golden_ones(part: str, one_by_one: Records) -> None:
    if part not in one_by_one:
        pytest.skip(f"no data for {part} (../shared is not there)")
    golden = snapshot.read_golden()
    assert any(line["part"] == part for line in golden), f"the golden file has no {part} records"
    current = [snapshot.golden_line(part, record) for record in one_by_one[part]]
    problems = snapshot.golden_differences(golden, current, [part])
    assert not problems, (
        f"{len(problems)} {part} records differ from tests/data/snapshot.golden.jsonl (record: changed fields):\n"
        + "\n".join(problems[:40])
        + "\nIf the change is intended: python scripts/snapshot.py --update, and commit the golden file."
    )


@pytest.mark.parametrize("part", snapshot.GOLDEN_PARTS)
def test_process_many_gives_what_process_gives(part: str, one_by_one: Records, chunked: Records) -> None:
    if part not in one_by_one:
        pytest.skip(f"no data for {part} (../shared is not there)")
    differ = [
        f"{alone.get('id')}: {sorted(k for k in alone.keys() | many.keys() if alone.get(k) != many.get(k))}"
        for alone, many in zip(one_by_one[part], chunked[part], strict=True)
        if alone != many
    ]
    assert not differ, "process_many differs from process:\n" + "\n".join(differ[:40])


def test_a_changed_field_is_named_with_its_record() -> None:
    record = {"id": "a1", "title": "Judul", "authors": ["Andi"], "body": "Isi."}
    golden = [snapshot.golden_line("news-dev-2025", record), snapshot.golden_line("demo", record)]
    changed = {**record, "authors": ["Budi"]}
    current = [snapshot.golden_line("news-dev-2025", changed), snapshot.golden_line("demo", changed)]
    assert "Judul" not in str(golden[0])  # real articles: digests only, never their text
    assert snapshot.golden_differences(golden, current, ["news-dev-2025", "demo"]) == [
        "demo a1: authors",
        "news-dev-2025 a1: authors",
    ]
    assert snapshot.golden_differences(golden, current[1:], ["news-dev-2025"]) == [
        "news-dev-2025 a1: in the golden file, no longer made"
    ]


def test_the_dev_sample_takes_every_outlet_and_depends_on_the_ids_alone() -> None:
    outlet_of = {"d3": "detik", "d1": "detik", "d2": "detik", "k1": "kompas", "t1": "tempo"}
    assert snapshot.spread_sample(outlet_of, 4) == ["d1", "k1", "t1", "d2"]
    assert snapshot.spread_sample(dict(reversed(outlet_of.items())), 4) == ["d1", "k1", "t1", "d2"]
