"""Pairing of quote marks: every style, nesting, mismatches, apostrophes, paragraphs."""

from __future__ import annotations

import pytest

from warta.quotes.marks import classify_mark, find_quoted_spans, paragraphs


def texts(body: str) -> list[str]:
    return [span.text(body) for span in find_quoted_spans(body)]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("“Satu dua,” kata A.", ["Satu dua,"]),
        ('"Satu dua," kata A.', ["Satu dua,"]),
        ("«Satu dua,» kata A.", ["Satu dua,"]),
        ("‘Satu dua,’ kata A.", ["Satu dua,"]),
        ('"Satu dua,” kata A.', ["Satu dua,"]),
        ('“Satu dua," kata A.', ["Satu dua,"]),
        ("”Satu dua,” kata A.", ["Satu dua,"]),
        ("“Ada ‘kata’ di dalam,” kata A.", ["Ada ‘kata’ di dalam,"]),
        ("\"Ada 'kata' di dalam,\" kata A.", ["Ada 'kata' di dalam,"]),
        ("Ia menyebut ‘netral’-nya dan “tanpa batas” itu.", ["netral", "tanpa batas"]),
        ("Salat Jum'at di masjid Ma’ruf.", []),
        ("Sebuah “” kosong.", []),
    ],
)
def test_pairs(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


def test_apostrophe_is_not_a_mark() -> None:
    assert classify_mark("Jum'at", 3) is None
    assert classify_mark("Ma’ruf", 2) is None


def test_flanking_decides_over_the_glyph() -> None:
    body = "kata “ini“ dia"
    assert classify_mark(body, 5).role == "open"
    assert classify_mark(body, 9).role == "close"


def test_missing_opening_mark_starts_the_paragraph() -> None:
    body = "Awal paragraf.\n\nBendungan selesai bulan depan,” kata Rina."
    [span] = find_quoted_spans(body)
    assert span.open_pos is None
    assert span.text(body) == "Bendungan selesai bulan depan,"


def test_quote_continues_into_a_reopening_paragraph() -> None:
    body = "A berkata: “Satu.\n\n“Dua.\n\n“Tiga.”\n\nLain."
    [span] = find_quoted_spans(body)
    assert span.text(body) == "Satu. Dua. Tiga."
    assert span.blocks == [0, 1, 2]
    assert body[span.close_pos] == "”"


def test_open_quote_ends_with_its_paragraph_when_not_reopened() -> None:
    body = "A berkata: “Satu dua.\n\nLain paragraf tanpa tanda."
    [span] = find_quoted_spans(body)
    assert span.text(body) == "Satu dua."
    assert span.close_pos is None


def test_wrapped_lines_stay_one_paragraph() -> None:
    body = "“Kalimat yang\nterpotong baris,” kata A."
    assert paragraphs(body) == [(0, len(body))]
    assert texts(body) == ["Kalimat yang\nterpotong baris,"]


def test_second_lost_opening_mark_starts_after_the_first_quote() -> None:
    body = 'Awal kalimat.,",-nya, saya akui, masih sulit," ujar A.'
    first, second = find_quoted_spans(body)
    assert first.text(body) == "Awal kalimat.,"
    assert second.text(body) == "nya, saya akui, masih sulit,"
    assert first.end <= second.start
