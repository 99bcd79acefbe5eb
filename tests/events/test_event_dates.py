"""Which date an event takes in real Indonesian news (issue 17, EVENTS.md "Dates"): a relative day said in a quote
counts from the day its attribution is dated; one date per cue, nearest first; a leading 'Setelah ...' clause dates
its own verb, not the main clause; an act a dated clause follows takes that clause's date; a time of day continues
the day last written (not the day a spokesman spoke).

Sentences are written for the tests (in the style of the news, not taken from it)."""

from __future__ import annotations

from warta.events import extract_events, model
from warta.events.evaluate import build_article
from warta.record import Event

KEJARI = ["Kejari Bangkalan", "ORG", "IDN", []]
BUDI = ["Budi Santoso", "PER", None, ["Budi"]]
ANI = ["Ani Lestari", "PER", None, ["Ani"]]
POLRES = ["Polres Garut", "ORG", "IDN", []]


def _events(text: str, entities: list[list], base: str = "2025-06-11") -> list[Event]:
    article = build_article({"id": "t", "text": text, "entities": entities, "base": base})
    with model.enabled(False):  # the rules themselves
        extract_events(article)
    return [e for e in article.events if not (e.negated or e.intent)]


def _dates(events: list[Event], type_: str) -> list[str | None]:
    return [e.date for e in events if e.type == type_]


def test_today_in_a_quote_is_the_day_its_attribution_names() -> None:
    text = ('Kejari Bangkalan menahan Budi Santoso dalam kasus korupsi. "Penahanan ini kami lakukan hari ini. '
            'Tersangka dikhawatirkan kabur," ujar Kasi Pidsus di kantornya, Selasa (10/6/2025).')
    events = _events(text, [KEJARI, BUDI])
    assert "2025-06-10" in _dates(events, "COERCE")
    assert "2025-06-11" not in _dates(events, "COERCE")


def test_a_date_whose_nearest_cue_has_a_nearer_one_dates_the_next_cue() -> None:
    text = "Budi Santoso bertemu Ani Lestari pada Rabu, lalu pada Kamis dia langsung menangkap Ani Lestari."
    events = _events(text, [["Polisi Budi Santoso", "PER", None, ["Budi Santoso"]], ANI], base="2025-06-10")
    assert _dates(events, "COERCE") == ["2025-06-05"]


def test_a_leading_after_clause_dates_its_own_verb() -> None:
    text = ("Setelah dilantik pada 4 Juni 2025, Budi Santoso langsung berbicara dengan Ani Lestari. "
            "Dalam pembicaraannya dengan Ani, Budi mendesak kerja sama.")
    events = _events(text, [BUDI, ANI])
    assert "2025-06-04" not in [e.date for e in events]


def test_an_act_a_dated_clause_follows_takes_its_date() -> None:
    text = "Protes pecah pada Jumat lalu setelah Polres Garut menahan Budi Santoso di kantornya."
    assert _dates(_events(text, [POLRES, BUDI], base="2025-06-10"), "COERCE") == ["2025-06-06"]


def test_a_time_of_day_continues_the_day_last_written_not_a_spokesmans() -> None:
    text = ("Polres Garut menerima laporan warga pada Kamis, 5 Juni 2025. Laporan itu diteruskan ke unit reskrim, "
            "kata Kapolres kepada wartawan, Senin (9/6/2025). Namun pada pukul 18.15 WIB, petugas Polres Garut "
            "menangkap Budi Santoso di rumahnya.")
    assert _dates(_events(text, [POLRES, BUDI], base="2025-06-10"), "COERCE") == ["2025-06-05"]


def test_the_date_line_dates_an_article_whose_publication_time_meta_could_not_read() -> None:
    from warta.pipeline import run_until
    from warta.read import read_blob
    from warta.record import Article

    dump = ("Polres Garut Tahan Budi Santoso\n\n10 Jun 2025\n\nJakarta - Polres Garut menahan Budi Santoso pada Senin. "
            "Budi Santoso dilantik sebagai kepala desa pada 4 Juni 2025.\n")
    article = next(iter(read_blob("t.txt", dump.encode("utf-8"))))
    assert isinstance(article, Article)
    run_until(article, "events")
    if article.published:  # meta read it: nothing for the events stage to make up for
        return
    assert "2025-06-09" in [e.date for e in article.events if e.type == "COERCE"]


def test_an_attribution_date_does_not_date_an_arrest_told_in_the_quote() -> None:
    text = ("Polres Garut menerima laporan warga pada Rabu (4/6/2025). "
            '"Tim kemudian menangkap Budi Santoso di rumahnya," kata Kapolres dalam keterangannya, Selasa (10/6/2025).')
    dates = _dates(_events(text, [POLRES, BUDI], base="2025-06-10"), "COERCE")
    assert dates and "2025-06-10" not in dates

