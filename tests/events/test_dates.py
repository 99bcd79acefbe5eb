"""Date resolution: a hand-written test set of expressions with base dates, and properties of the resolver."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.events.dates import find_dates, resolve_date

DATA = Path(__file__).parent / "data" / "dates.tsv"


def _rows() -> list[dict[str, str]]:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def test_the_set_is_large_enough() -> None:
    assert len(ROWS) >= 50


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['text']}@{r['base']}" for r in ROWS])
def test_resolves_expression(row: dict[str, str]) -> None:
    flags = (row.get("flags") or "").split(",")
    base = dt.date.fromisoformat(row["base"])
    resolved = resolve_date(row["text"], base, future="future" in flags)
    if row["date"] == "-":
        assert resolved is None, resolved
        return
    assert resolved is not None
    assert (resolved.date, resolved.precision) == (row["date"], row["precision"])
    assert row["text"][resolved.start:resolved.end] == resolved.text
    assert resolved.approximate == ("approx" in flags)


def test_finds_every_date_in_a_sentence_with_offsets() -> None:
    sentence = "Rusia menginvasi Ukraina pada 24 Februari, lalu pada Senin (19/9/2022) kedua negara bertemu lagi."
    found = find_dates(sentence, dt.date(2022, 9, 20))
    assert [(d.date, d.text) for d in found] == [("2022-02-24", "24 Februari"), ("2022-09-19", "Senin (19/9/2022)")]
    for d in found:
        assert sentence[d.start:d.end] == d.text


def test_weekday_decides_the_year() -> None:
    # 30 December was a Friday in 2022 and 2016; the one nearer the base wins.
    assert resolve_date("Jumat (30/12)", dt.date(2019, 1, 1)).date == "2016-12-30"
    assert resolve_date("Jumat (30/12)", dt.date(2021, 6, 1)).date == "2022-12-30"


def test_invalid_day_is_not_a_date() -> None:
    assert resolve_date("(31/2)", dt.date(2022, 3, 1)) is None
    # The impossible day/month is dropped; the weekday alone still says something.
    assert resolve_date("Senin (31/2)", dt.date(2022, 3, 1)).text == "Senin"
    assert resolve_date("(31/2/2022)", dt.date(2022, 3, 1)) is None


def test_accepts_a_datetime_base() -> None:
    assert resolve_date("kemarin", dt.datetime(2022, 9, 19, 21, 44)).date == "2022-09-18"


_FRAGMENTS = st.sampled_from(
    ["Senin", "(19/9/2022)", "(30/12)", "pada", "bulan", "lalu", "mendatang", "2023", "Februari", "kemarin", "se",
     "pekan", "tahun", "/", "(", ")", " ", ",", "31/2", "Minggu", "hari", "ini", "akhir", "99/99", "dua", "0/0"]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(_FRAGMENTS, max_size=30).map(" ".join)),
    base=st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)),
    future=st.booleans(),
)
def test_never_crashes_and_offsets_stay_inside(text: str, base: dt.date, future: bool) -> None:
    found = find_dates(text, base, future=future)
    previous_end = 0
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.start >= previous_end  # in order, never overlapping
        previous_end = d.end
        assert d.precision in ("day", "month", "year")
        assert d.first_day.isoformat().startswith(d.date)
