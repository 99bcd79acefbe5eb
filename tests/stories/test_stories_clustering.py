"""Story clustering: same happening across outlets joins, same people another year does not, copies are flagged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from stories_helpers import make_event, synth_stream

from warta.record import Removed
from warta.store import Store
from warta.store.queries import list_stories
from warta.stories import assign_stories
from warta.stories.dates import anchor_date, dates_in_text, header_day
from warta.stories.evaluate import bcubed

PEOPLE = ("Sergei Orlov", "Wang Lei")

MEETING_KOMPAS = (
    "Jakarta, Kompas.com - Menteri Luar Negeri Rusia Sergei Orlov bertemu Menteri Luar Negeri China Wang Lei di "
    "Beijing pada Senin (19/9/2022). Keduanya sepakat memperluas kerja sama keamanan dan latihan militer bersama.\n\n"
    "Orlov mengatakan hubungan Moskwa dan Beijing berada pada titik terbaik. Pertemuan itu juga membahas pasokan "
    "gas alam ke China melalui pipa baru.\n\n"
    "\"Kami sepakat memperdalam kemitraan strategis,\" kata Wang Lei kepada wartawan seusai pertemuan."
)
MEETING_TEMPO = (
    "TEMPO.CO, Beijing - Rusia dan China menyepakati perluasan kerja sama keamanan setelah pertemuan Sergei Orlov "
    "dengan Wang Lei di ibu kota China, Senin, 19 September 2022.\n\n"
    "Dalam pembicaraan tersebut, kedua menteri luar negeri menyetujui latihan militer gabungan dan patroli bersama. "
    "Pasokan gas lewat jaringan pipa baru turut dibicarakan.\n\n"
    "Wang menyebut kemitraan strategis kedua negara makin dalam."
)
MEETING_NEXT_YEAR = (
    "Moskwa, Antara - Menteri Luar Negeri Rusia Sergei Orlov kembali bertemu Menteri Luar Negeri China Wang Lei, "
    "kali ini di Moskwa pada Selasa (19/9/2023). Keduanya membahas kerja sama keamanan dan latihan militer.\n\n"
    "Orlov mengatakan kemitraan strategis kedua negara tetap kokoh. Pertemuan juga menyinggung pasokan gas."
)
FLOOD = (
    "Medan - Banjir bandang melanda tiga kecamatan di Kabupaten Langkat pada Selasa (20/9/2022). Sedikitnya 300 "
    "rumah terendam dan warga mengungsi ke masjid terdekat.\n\nBadan Penanggulangan Bencana Daerah mengirimkan perahu karet."
)


def _meeting(day: str) -> tuple:
    return (make_event("CONSULT", "RUS", "CHN", day, "Orlov bertemu Wang Lei."),
            make_event("AGREE", "CHN", "RUS", day, "Keduanya sepakat memperluas kerja sama keamanan."))


def _story_of(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())


def test_same_meeting_across_outlets_is_one_story_and_a_year_later_another(store, save):
    save("kompas-1", "Kompas.com", "2022-09-19T20:00:00+07:00", "Rusia dan China perluas kerja sama keamanan",
         MEETING_KOMPAS, PEOPLE, _meeting("2022-09-19"))
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    save("antara-2023", "Antara", "2023-09-19T18:00:00+07:00", "Orlov kembali temui Wang Lei di Moskwa",
         MEETING_NEXT_YEAR, PEOPLE, _meeting("2023-09-19"))
    save("detik-banjir", "Detik", "2022-09-20T11:00:00+07:00", "Banjir bandang rendam 300 rumah di Langkat", FLOOD)
    assert assign_stories(store) == 3
    story = _story_of(store)
    assert story["kompas-1"] == story["tempo-1"]
    assert story["antara-2023"] != story["kompas-1"]
    assert story["detik-banjir"] not in {story["kompas-1"], story["antara-2023"]}
    # the record comes back with its story (exports read the column)
    assert store.get_article("tempo-1").story_id == story["kompas-1"]


def test_undated_article_is_placed_by_the_events_it_reports(store, save):
    # issue 18: an article without a publication date is placed by its events' dates, never by a date merely
    # written in its text (an undated piece recalling an election day topped "Latest stories" two years late)
    undated = MEETING_KOMPAS.replace("Jakarta, Kompas.com - ", "")
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    save("antara-2023", "Antara", "2023-09-19T18:00:00+07:00", "Orlov kembali temui Wang Lei di Moskwa",
         MEETING_NEXT_YEAR, PEOPLE, _meeting("2023-09-19"))
    save("tanpa-tanggal", "IDN Times", None, "Rusia dan China kian mesra", undated, PEOPLE, _meeting("2022-09-19"))
    assign_stories(store)
    story = _story_of(store)
    assert story["tanpa-tanggal"] == story["tempo-1"] != story["antara-2023"]


def test_a_date_line_without_a_clock_time_dates_the_article(store, save):
    # "09 Jun 2025" above the body: the meta stage takes no publication time from it, but it is the outlet's own
    # dating of the page, so the article is anchored on that day rather than on the dates its events report
    undated = MEETING_KOMPAS.replace("Jakarta, Kompas.com - ", "")
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    save("antara-2023", "Antara", "2023-09-19T18:00:00+07:00", "Orlov kembali temui Wang Lei di Moskwa",
         MEETING_NEXT_YEAR, PEOPLE, _meeting("2023-09-19"))
    art = save("baris-tanggal", "Detik", None, "Rusia dan China kian mesra", undated, PEOPLE)
    art.removed.append(Removed(text="20 Sep 2022", kind="date"))
    store.save_article(art)
    assign_stories(store)
    story = _story_of(store)
    assert story["baris-tanggal"] == story["tempo-1"] != story["antara-2023"]
    anchor = store.conn.execute("SELECT anchor_date FROM story_members WHERE article_id = 'baris-tanggal'").fetchone()
    assert anchor[0] == "2022-09-20"


def test_header_day():
    assert header_day(["Tidak Ditemukan", "09 Jun 2025"]) == date(2025, 6, 9)
    assert header_day(["10 Juni 2025", "Senin (9/6/2025)"]) == date(2025, 6, 10)
    assert header_day(["Scroll ke bawah untuk membaca berita"]) is None
    # the header line comes before the events' dates, the publication time before both
    assert anchor_date(None, [date(2025, 6, 6)], date(2025, 6, 9)) == date(2025, 6, 9)
    assert anchor_date("2025-06-10T08:00:00+07:00", [], date(2025, 6, 9)) == date(2025, 6, 10)


def test_written_dates_and_anchor():
    text = "Pertemuan pada Senin (19/9/2022) menyusul KTT 15 Juni 2022 dan tanggal 31/2/2022 yang keliru."
    assert dates_in_text(text) == [date(2022, 9, 19), date(2022, 6, 15)]
    assert anchor_date("2022-09-20T08:00:00+07:00", [date(2022, 9, 19)]) == date(2022, 9, 20)
    assert anchor_date(None, [date(2022, 9, 18), date(2022, 9, 19)]) == date(2022, 9, 19)
    # a date merely written in the text does not date the article (issue 18): it stays undated
    assert anchor_date(None, []) is None


def test_near_duplicate_is_flagged_not_lost(store, save):
    save("kompas-1", "Kompas.com", "2022-09-19T20:00:00+07:00", "Rusia dan China perluas kerja sama keamanan",
         MEETING_KOMPAS, PEOPLE, _meeting("2022-09-19"))
    copy = MEETING_KOMPAS.replace("Jakarta, Kompas.com - ", "Beijing (ANTARA) - ")
    save("antara-copy", "Antara", "2022-09-19T22:00:00+07:00", "Rusia dan China perluas kerja sama keamanan", copy,
         PEOPLE, _meeting("2022-09-19"))
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    assign_stories(store)
    dup = dict(store.conn.execute("SELECT id, duplicate_of FROM articles").fetchall())
    assert dup == {"kompas-1": None, "antara-copy": "kompas-1", "tempo-1": None}
    (story,) = list_stories(store)
    assert set(story["articles"]) == {"kompas-1", "antara-copy", "tempo-1"}
    assert story["duplicates"] == {"antara-copy": "kompas-1"}
    assert story["n_outlets"] == 3
    assert store.get_article("antara-copy").duplicate_of == "kompas-1"


def test_story_summary_headline_and_entities(store, save):
    save("kompas-1", "Kompas.com", "2022-09-19T20:00:00+07:00", "Rusia dan China perluas kerja sama keamanan",
         MEETING_KOMPAS, PEOPLE, _meeting("2022-09-19"))
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    assign_stories(store)
    (story,) = list_stories(store)
    assert story["first_date"] == "2022-09-19" and story["last_date"] == "2022-09-20"
    assert story["articles"] == ["kompas-1", "tempo-1"] and story["outlets"] == ["Kompas.com", "Tempo.co"]
    assert story["headline"] in {"Rusia dan China perluas kerja sama keamanan",
                                 "Orlov dan Wang Lei sepakati latihan militer gabungan"}
    assert {e["name"] for e in story["entities"]} == set(PEOPLE)
    sentences = [s["text"] for s in story["summary_sentences"]]
    assert len(sentences) == 3 and len(set(sentences)) == 3
    assert {s["outlet"] for s in story["summary_sentences"]} == {"Kompas.com", "Tempo.co"}
    assert not any(s.startswith(("Jakarta,", "TEMPO.CO")) for s in sentences)  # datelines stripped
    assert story["summary"] == " ".join(sentences)


def test_incremental_batches_join_existing_stories(store, save):
    save("kompas-1", "Kompas.com", "2022-09-19T20:00:00+07:00", "Rusia dan China perluas kerja sama keamanan",
         MEETING_KOMPAS, PEOPLE, _meeting("2022-09-19"))
    save("detik-banjir", "Detik", "2022-09-20T11:00:00+07:00", "Banjir bandang rendam 300 rumah di Langkat", FLOOD)
    assert assign_stories(store) == 2
    first = _story_of(store)
    members_before = store.conn.execute("SELECT count(*) FROM story_members").fetchone()[0]
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    assert assign_stories(store) == 2
    second = _story_of(store)
    assert second["tempo-1"] == first["kompas-1"] and second["kompas-1"] == first["kompas-1"]
    assert store.conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == members_before + 1
    (meeting,) = [s for s in list_stories(store) if s["id"] == first["kompas-1"]]
    assert meeting["n_articles"] == 2


def test_resaved_article_keeps_its_story_and_changed_one_is_reclustered(store, save):
    art = save("kompas-1", "Kompas.com", "2022-09-19T20:00:00+07:00", "Rusia dan China perluas kerja sama keamanan",
               MEETING_KOMPAS, PEOPLE, _meeting("2022-09-19"))
    save("tempo-1", "Tempo.co", "2022-09-20T08:15:00+07:00", "Orlov dan Wang Lei sepakati latihan militer gabungan",
         MEETING_TEMPO, PEOPLE, _meeting("2022-09-19"))
    assign_stories(store)
    before = _story_of(store)
    store.save_article(art)  # re-analysed, same input: the store resets story_id
    assert _story_of(store)["kompas-1"] is None
    assign_stories(store)
    assert _story_of(store) == before
    # the same input now carries another text: it leaves the meeting story
    save("kompas-1", "Kompas.com", "2022-09-20T11:00:00+07:00", "Banjir bandang rendam 300 rumah di Langkat", FLOOD)
    assign_stories(store)
    after = _story_of(store)
    assert after["kompas-1"] != after["tempo-1"]
    (meeting,) = [s for s in list_stories(store) if s["id"] == after["tempo-1"]]
    assert meeting["articles"] == ["tempo-1"]


def test_list_stories_on_a_readonly_store(tmp_path: Path, save, store):
    save("detik-banjir", "Detik", "2022-09-20T11:00:00+07:00", "Banjir bandang rendam 300 rumah di Langkat", FLOOD)
    assign_stories(store)
    with Store(store.path, readonly=True) as ro:
        stories = list_stories(ro)
    assert [s["articles"] for s in stories] == [["detik-banjir"]]
    json.dumps(stories)  # what `warta stories --format json` prints


def test_synthetic_stream_bcubed_f1(tmp_path: Path):
    """300 articles of the synthetic stream (reworded reports, copies, same people in other years), in two batches."""
    stream = synth_stream().generate(300, seed=11)
    assert len(set(stream.story_of.values())) >= 30
    with Store(tmp_path / "synth.db") as store:
        half = len(stream.articles) // 2
        for batch in (stream.articles[:half], stream.articles[half:]):
            for art in batch:
                store.save_article(art)
            assign_stories(store)
        predicted = _story_of(store)
        copies = dict(store.conn.execute("SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL"))
    precision, recall, f1 = bcubed(predicted, stream.story_of)
    assert f1 >= 0.95, (precision, recall, f1)
    assert stream.copy_of and set(stream.copy_of) <= set(copies)


def test_bcubed_scores():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed({"a": "x", "b": "x", "c": "y"}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    assert r == 1.0 and abs(p - (2 / 3 * 2 / 3 + 1 / 3 * 1 / 3)) < 1e-9
    p, r, _ = bcubed({}, gold)
    assert p == 1.0 and abs(r - (0.5 + 0.5 + 1) / 3) < 1e-9
