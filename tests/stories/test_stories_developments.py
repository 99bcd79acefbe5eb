"""Story = one specific development (issue 18): who did what, when. Statements of different people on one topic are
different stories; a story always counts at least one source; the heads that link articles persist across batches."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import numpy as np
from fastapi.testclient import TestClient
from stories_helpers import make_event

from warta.store.queries import list_stories, related_stories
from warta.store.stories import StoryTables
from warta.stories import assign_stories
from warta.stories.cluster import PARAMS, Params, _Cluster, _Clusterer, _Doc, _Head
from warta.stories.text import (
    is_preview,
    named_features,
    named_in,
    numbers_in,
    other_features,
    places_in,
    quoted_runs,
    subject_in,
    title_acts,
)
from warta.web.app import create_app

# invented reports: two singers each waive royalties for their songs on the same day, two outlets each
WAIVER_A = (
    "Jakarta - Penyanyi Budi Santosa membebaskan siapa saja menyanyikan lagu ciptaannya tanpa membayar royalti. "
    "Budi Santosa mengatakan ia tidak ingin ikut ribut soal royalti lagu yang ramai dibahas pekan ini.\n\n"
    "\"Silakan nyanyikan, saya ikhlas,\" kata Budi Santosa di Jakarta."
)
WAIVER_A2 = (
    "Jakarta - Budi Santosa mengizinkan penyanyi kafe membawakan lagu ciptaannya tanpa royalti. Menurut Budi "
    "Santosa, polemik royalti lagu membuat musisi lelah.\n\n\"Saya pilih damai,\" ujar Budi Santosa."
)
WAIVER_B = (
    "Jakarta - Penyanyi Rina Kartika juga membebaskan siapa saja menyanyikan lagu ciptaannya tanpa membayar royalti. "
    "Rina Kartika mengatakan promotor konser tetap wajib membayar royalti kepada lembaga manajemen kolektif.\n\n"
    "\"Penyanyi kafe silakan,\" kata Rina Kartika."
)
WAIVER_B2 = (
    "Jakarta - Rina Kartika mengingatkan promotor konser membayar royalti lagu ke lembaga manajemen kolektif, "
    "meski ia membebaskan penyanyi kafe membawakan lagunya.\n\n\"Promotor tetap bayar,\" ujar Rina Kartika."
)
DAY = "2025-06-09T10:00:00+07:00"


def _story_of(store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())


def test_statements_of_different_people_on_one_topic_are_different_stories(store, save):
    save("a-1", "Kompas.com", DAY, "Budi Santosa bebaskan lagunya dinyanyikan tanpa royalti", WAIVER_A,
         ("Budi Santosa",))
    save("a-2", "Detik", DAY, "Budi Santosa izinkan lagunya dibawakan tanpa royalti", WAIVER_A2, ("Budi Santosa",))
    save("b-1", "Tempo.co", DAY, "Rina Kartika bebaskan lagunya dinyanyikan tanpa royalti", WAIVER_B,
         ("Rina Kartika",))
    save("b-2", "Antara", DAY, "Rina Kartika ingatkan promotor bayar royalti", WAIVER_B2, ("Rina Kartika",))
    assign_stories(store)
    story = _story_of(store)
    assert story["a-1"] == story["a-2"]
    assert story["b-1"] == story["b-2"]
    assert story["a-1"] != story["b-1"]


def test_story_of_an_unknown_outlet_counts_one_source(store, save):
    save("x-1", None, DAY, "Budi Santosa bebaskan lagunya dinyanyikan tanpa royalti", WAIVER_A, ("Budi Santosa",))
    assign_stories(store)
    (story,) = list_stories(store)
    assert story["outlets"] == [] and story["n_outlets"] == 1


def test_heads_persist_and_link_a_later_batch(store, save):
    save("a-1", "Kompas.com", DAY, "Budi Santosa bebaskan lagunya dinyanyikan tanpa royalti", WAIVER_A,
         ("Budi Santosa",))
    assign_stories(store)
    save("a-2", "Detik", "2025-06-09T15:00:00+07:00", "Budi Santosa izinkan lagunya dibawakan tanpa royalti",
         WAIVER_A2, ("Budi Santosa",))
    assign_stories(store)
    story = _story_of(store)
    assert story["a-1"] == story["a-2"]
    (heads,) = store.conn.execute("SELECT heads_json FROM story_clusters WHERE story_id = ?", (story["a-1"],)).fetchone()
    heads = json.loads(heads)
    assert len(heads) == 2
    vector, day, named, preview, speakers, actors, subject, acts, places, title, outlet, title_acts, numbers, quoted = heads[0]
    assert "royalti" in vector and day is not None and named == ["person:budi-santosa"] and preview is False
    assert speakers == [] and actors == ["person:budi-santosa"] and subject == "person:budi-santosa" and acts == []
    assert places == []  # "di Jakarta" is a city, not a specific place
    assert title.startswith("Budi Santosa bebaskan") and outlet == "Kompas.com"  # to tell a template series
    assert title_acts == ["08"]  # "bebaskan": to release, a yield (CAMEO 08) in the event dictionary
    assert numbers == []  # no count or amount in either head
    assert quoted == []  # "Silakan nyanyikan, saya ikhlas": four quoted words, shorter than a run


def test_subject_of_a_headline_is_the_actor_it_names_first():
    names = {"org:kejagung": "Kejagung", "person:nadiem-makarim": "Nadiem Makarim", "person:fiona": "Fiona Handayani"}
    assert subject_in("Kejagung Periksa Mantan Stafsus Nadiem Makarim", names) == "org:kejagung"
    assert subject_in("Nadiem Ungkap Awal Mula Pengadaan Laptop yang Diusut Kejagung", names) == "person:nadiem-makarim"
    assert subject_in("Penampakan Fiona Penuhi Panggilan", names) == "person:fiona"
    assert subject_in("Banjir Rendam 300 Rumah", names) is None


def test_a_name_after_a_relational_noun_stands_for_another_person():
    # "Ibu Ronald Tannur" is his mother, "Mantan Stafsus Nadiem" his former aide: the headline reports their act,
    # not his; two such headlines about one man's relatives are two people's acts
    names = {"org:kejagung": "Kejagung", "person:nadiem-makarim": "Nadiem Makarim", "person:rt": "Ronald Tannur"}
    assert subject_in("Kejagung Periksa Mantan Stafsus Nadiem Makarim", names) == "org:kejagung"
    assert named_in("Kejagung Periksa Mantan Stafsus Nadiem Makarim", names) == {
        "org:kejagung", "stafsus~person:nadiem-makarim"}
    assert named_in("Nadiem Ungkap Awal Mula Pengadaan Laptop", names) == {"person:nadiem-makarim"}
    assert subject_in("Ibu Ronald Tannur Minta Divonis Bebas", names) == "ibu~person:rt"
    assert subject_in("Kuasa Hukum Ronald Tannur Minta Dibebaskan", names) == "kuasa hukum~person:rt"
    assert subject_in("Ronald Tannur Bantah Suap Hakim", names) == "person:rt"


# invented reports of one affair on one day: the ministry's statement, then a party's reaction quoting its own chair
MINISTRY = (
    "Jakarta - Kementerian Luar Negeri mengecam penahanan kapal bantuan kemanusiaan oleh angkatan laut asing di "
    "perairan internasional dan meminta semua awak kapal segera dibebaskan.\n\n"
    "\"Kami mengecam penahanan kapal bantuan itu,\" kata juru bicara Andi Wirawan di Jakarta."
)
PARTY = (
    "Jakarta - Partai Bintang mengecam penahanan kapal bantuan kemanusiaan oleh angkatan laut asing di perairan "
    "internasional dan meminta dunia mendesak pembebasan awak kapal.\n\n"
    "\"Dunia harus mendesak pembebasan awak kapal bantuan,\" kata ketua partai Sari Pertiwi di Jakarta."
)


def _two_reactions(store, save, params: Params) -> bool:
    save("r-1", "Kompas.com", DAY, "Kemlu kecam penahanan kapal bantuan kemanusiaan", MINISTRY, ("Andi Wirawan",),
         speakers=("Andi Wirawan",))
    save("r-2", "Detik", "2025-06-09T16:00:00+07:00", "Partai Bintang kecam penahanan kapal bantuan kemanusiaan", PARTY,
         ("Sari Pertiwi",), speakers=("Sari Pertiwi",))
    assign_stories(store, params)
    story = _story_of(store)
    return story["r-1"] == story["r-2"]


def test_leads_quoting_different_speakers_weigh_against_one_story(store, save):
    # the ministry's statement and a party's reaction are two stories (dev-gold STORIES.md: different actors' statements)
    assert not _two_reactions(store, save, replace(PARAMS, other_people_penalty=0.0, speaker_penalty=0.5))


def test_without_the_speaker_evidence_the_two_reactions_merge(store, save):
    # the same pair scored on words alone: what the speaker evidence has to overcome
    assert _two_reactions(store, save, replace(PARAMS, other_people_penalty=0.0, speaker_penalty=0.0))


INAUGURATION_PREVIEW = (
    "Kota Baru - Pemerintah kabupaten menyiapkan gedung DPRD Kota Baru untuk pelantikan Wakil Bupati Sari Lestari "
    "sebagai bupati pada Selasa besok. Undangan sudah disebar dan jalan di sekitar gedung akan ditutup.\n\n"
    "\"Persiapan pelantikan sudah rampung,\" kata Sekretaris Daerah Kota Baru."
)
INAUGURATION = (
    "Kota Baru - Sari Lestari resmi dilantik menjadi Bupati Kota Baru menggantikan bupati yang wafat bulan lalu. "
    "Pelantikan Sari Lestari oleh gubernur digelar di gedung DPRD Kota Baru.\n\n"
    "\"Saya akan melanjutkan program almarhum,\" kata Sari Lestari seusai dilantik."
)


def test_is_preview():
    assert is_preview("Besok Sari Lestari Dilantik Jadi Bupati")
    assert is_preview("Presiden Dijadwalkan Buka Pameran Pertahanan")
    assert not is_preview("Sari Lestari Resmi Dilantik Jadi Bupati")
    assert not is_preview(None)


def test_a_preview_is_not_the_event_it_announces(store, save):
    save("preview", "Tribun", "2025-06-09T10:00:00+07:00", "Besok Sari Lestari dilantik jadi Bupati Kota Baru",
         INAUGURATION_PREVIEW, ("Sari Lestari",))
    save("done", "Kompas.com", "2025-06-10T11:00:00+07:00", "Sari Lestari resmi dilantik jadi Bupati Kota Baru",
         INAUGURATION, ("Sari Lestari",))
    save("done-2", "Detik", "2025-06-10T12:00:00+07:00", "Sari Lestari dilantik jadi Bupati Kota Baru",
         INAUGURATION.replace("resmi ", ""), ("Sari Lestari",))
    assign_stories(store)
    story = _story_of(store)
    assert story["done"] == story["done-2"] != story["preview"]


def test_split_developments_are_linked_as_one_thread(store, save, tmp_path):
    # the ministry's statement and the party's reaction are two stories, each listed in the other's thread
    assert not _two_reactions(store, save, replace(PARAMS, speaker_penalty=0.5, related_threshold=0.1))
    story = _story_of(store)
    related = related_stories(store, story["r-1"])
    assert [r["id"] for r in related] == [story["r-2"]] and related[0]["score"] >= 0.1
    assert [r["id"] for r in related_stories(store, story["r-2"])] == [story["r-1"]]
    client = TestClient(create_app(str(store.path)))
    page = client.get(f"/stories/{story['r-1']}").text
    assert "Thread" in page and "Partai Bintang kecam" in page
    assert client.get(f"/api/stories/{story['r-2']}").json()["related"][0]["id"] == story["r-1"]


def test_a_story_nothing_came_close_to_has_no_thread(store, save):
    save("a-1", "Kompas.com", DAY, "Budi Santosa bebaskan lagunya dinyanyikan tanpa royalti", WAIVER_A,
         ("Budi Santosa",))
    assign_stories(store)
    assert related_stories(store, _story_of(store)["a-1"]) == []


_DAY = date(2025, 6, 10)
_NO_TERMS = np.zeros(0, dtype=np.int32)


def _doc(when: date | None = _DAY, **fields) -> _Doc:
    """An article without terms (the tests hand its vectors to the scorer), dated `when`, with `fields` set."""
    return _Doc("x", "sha", when, None, frozenset(), _NO_TERMS, _NO_TERMS.astype(np.float32), _NO_TERMS, **fields)


def _head(vector: dict[str, float], when: date = _DAY, who: list[str] | None = None, **fields) -> _Head:
    return _Head(dict(vector), when.toordinal(), who or [], False, **fields)


def _story(vector: dict[str, float], heads: list[_Head], size: int | None = None, story_id: str = "s") -> _Cluster:
    """A story of `size` articles (default: one per head) dated `_DAY`, whose centroid is `vector`."""
    return _Cluster(story_id, size or len(heads), _DAY, _DAY, dict(vector), heads=heads)


def test_a_big_story_needs_stronger_evidence_to_absorb_an_article(store):
    # the precision guard: the same article scores lower against a story four times the guard's size
    worker = _Clusterer(StoryTables(store), PARAMS)
    doc = _doc()
    vector = {"tambang": 0.8, "izin": 0.6}

    def story(n: int) -> _Cluster:
        return _story(vector, [_head(vector)], size=n, story_id=f"s{n}")

    guard = PARAMS.guard_size
    small, big = worker._score(doc, vector, vector, story(guard)), worker._score(doc, vector, vector, story(4 * guard))
    assert small is not None and big is not None
    assert abs((small - big) - PARAMS.size_penalty * 2) < 1e-9
    assert worker._score(doc, vector, vector, story(guard // 2)) == small


def _links_by_acts(store, field: str, acts: list[str], same: list[str], other: list[str]) -> tuple[float, ...]:
    """The head link of an article reporting `acts` (in its lead or headline: `field`) to a one-head story whose
    head reports `same`, `other` or no acts; the words are the same in all three."""
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"kapal": 0.8, "aktivis": 0.6}
    doc = _doc(**{field: frozenset(acts)})
    return tuple(worker._link(doc, vector, _story(vector, [_head(vector, **{field: head_acts})]))
                 for head_acts in (same, other, []))


def test_leads_reporting_different_kinds_of_act_weigh_against_one_story(store):
    # a seizure and, the next morning, a deportation: the same actors, the same words, two developments
    same, other, none = _links_by_acts(store, "acts", ["EXPEL"], ["EXPEL", "ASSAULT"], ["ASSAULT"])
    assert abs((same - other) - PARAMS.head_weight * PARAMS.act_penalty) < 1e-9
    assert none == same  # a lead without events says nothing either way


def test_headlines_reporting_other_kinds_of_act_weigh_against_one_story(store):
    # backing a man for a job and the man refusing it; a seizure and a deportation: one affair, two developments
    assert title_acts("Spalletti Dukung Ranieri Jadi Pelatih Baru Timnas Italia") == {"05"}
    assert title_acts("Ranieri Tolak Tawaran Jadi Pelatih Timnas Italia") == {"12"}
    assert title_acts("Israel Deportasi Greta Thunberg") == {"17"}
    assert title_acts("Gol Tunggal, Italia 2-0 atas Moldova") == frozenset()
    # acts the event dictionary has no cue for (data/headline_acts.txt): questioning someone, replying to him
    assert title_acts("Kejagung Periksa Mantan Stafsus Menteri") == {"09"}
    assert title_acts("Penampakan Fiona Penuhi Panggilan Kejagung") == {"09"}
    assert title_acts("Siap Beri Keterangan, Ini Respons Kejagung") == {"01"}
    assert title_acts("Timnas Tahan Imbang Jepang") == frozenset()  # "tahan imbang" is a draw, no detention
    # the headline's own act, not one in a background clause or named as what the act is about
    assert title_acts("Menlu Kecam Penyergapan Kapal Bantuan") == {"11"}  # condemning a seizure, not seizing
    assert title_acts("Israel Deportasi Aktivis Setelah Culik Awak Kapal") == {"17"}  # not 18, abducting
    assert title_acts("Mantan Menteri Ungkap Awal Mula Proyek yang Diusut Kejagung") == frozenset()
    assert title_acts("Bungkam usai Diperiksa, Mantan Stafsus Tersenyum") == frozenset()
    assert title_acts("Diperiksa 10 Jam, Mantan Stafsus Tersenyum") == {"09"}
    same, other, none = _links_by_acts(store, "title_acts", ["12"], ["12", "05"], ["05"])
    assert abs((same - other) - PARAMS.head_weight * PARAMS.title_act_penalty) < 1e-9
    assert none == same  # a headline without an act says nothing either way


def test_places_in_spells_a_place_in_full_without_its_administrative_word():
    lead = "Kebakaran melanda pool bus di Kecamatan Cengkareng, dekat Terminal Rawa Buaya, Jalan Raya Daan Mogot."
    names = ["Kecamatan Cengkareng", "Rawa Buaya", "Raya Ring Road", "Kapuk Muara"]
    assert places_in(lead, names) == {"cengkareng", "rawa buaya"}
    assert places_in("Api di Cengkareng", ["Cengkareng"]) == places_in(lead, ["Kecamatan Cengkareng"])


def _link_with(worker: _Clusterer, doc: _Doc, head: _Head) -> float:
    return worker._link(doc, dict(head.vector), _story(head.vector, [head]))


def test_one_place_the_same_day_joins_reports_of_an_incident_not_statements_at_a_venue(store):
    # three outlets word one fire differently; what they share is the place and the day. A minister's speech and
    # a vehicle launch at one venue are two developments: their titles name people, so the place is no sign.
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"bus": 0.8, "terbakar": 0.6}

    def doc(places: set[str], people: frozenset[str] = frozenset(), when: date = _DAY) -> _Doc:
        return _doc(when, title_people=people, places=frozenset(places))

    def head(places: list[str], who: list[str] | None = None, when: date = _DAY) -> _Head:
        return _head(vector, when, who, places=places)

    base = _link_with(worker, doc(set()), head(["rawa buaya"]))
    assert abs(_link_with(worker, doc({"rawa buaya"}), head(["rawa buaya"])) - base
               - PARAMS.head_weight * PARAMS.place_bonus) < 1e-9
    assert _link_with(worker, doc({"kapuk muara"}), head(["rawa buaya"])) == base
    later = date(2025, 6, 11)
    assert (_link_with(worker, doc({"rawa buaya"}, when=later), head(["rawa buaya"]))
            == _link_with(worker, doc(set(), when=later), head(["rawa buaya"])))
    minister = frozenset({"person:a"})
    assert (_link_with(worker, doc({"jiexpo"}, minister), head(["jiexpo"], ["person:a"]))
            < _link_with(worker, doc(set()), head(["jiexpo"])) + PARAMS.head_weight * PARAMS.place_bonus)



def test_an_act_less_headline_stands_for_its_storys_acts(store):
    # a seizure reported by two headlines that name it and one that names no act ("Aktivis Akan Dipulangkan"):
    # a condemnation linked through the act-less one is still another kind of act than the story's
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"kapal": 0.8, "aktivis": 0.6}
    other = {"kapal": 0.6, "sergap": 0.8}
    doc = _doc(title_acts=frozenset({"11"}))

    def story(acted: int) -> _Cluster:
        return _story(vector, [*(_head(other, title_acts=["17"]) for _ in range(acted)), _head(vector)])

    one, two = worker._link(doc, vector, story(1)), worker._link(doc, vector, story(2))
    assert PARAMS.story_acts_heads == 2
    # with one witness the act-less head links as before; with two it is penalised like its siblings
    assert one > two
    unpenalised = replace(PARAMS, story_acts_heads=99)
    assert _Clusterer(StoryTables(store), unpenalised)._link(doc, vector, story(2)) > two


def test_numbers_in_keeps_counts_and_amounts_not_dates_times_or_readings():
    lead = ("Sebanyak 20 bus Transjakarta terbakar pada Senin (9/6/2025) pukul 10.30 WIB di Jakarta; kerugian Rp 1,2 "
            "miliar. Penerbangan GA-716, 9 Juni 2025, 3 penumpang, 30 persen, selama 12 jam, amplitudo 10-22 mm.")
    assert numbers_in(lead) == {"20", "1.2", "716"}
    assert numbers_in("Rp 1.500.000 dan 1,5 juta") == {"1.500.000", "1.5"}
    assert numbers_in("tahun 2024, 17 Agustus, tanggal 25") == frozenset()


def test_the_same_count_in_two_heads_joins_one_development_in_other_words(store):
    # two outlets word one fire differently; both give its count of buses. Another count is no sign either way.
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"bus": 0.8, "terbakar": 0.6}

    def doc(numbers: set[str]) -> _Doc:
        return _doc(numbers=frozenset(numbers))

    head = _head(vector, numbers=["20"])
    base = _link_with(worker, doc(set()), head)
    assert abs(_link_with(worker, doc({"20", "1.2"}), head) - base - PARAMS.head_weight * PARAMS.number_bonus) < 1e-9
    assert _link_with(worker, doc({"50"}), head) == base
    two = replace(PARAMS, number_shared=2)
    assert _link_with(_Clusterer(StoryTables(store), two), doc({"20", "1.2"}), head) == base


def test_quoted_runs_are_the_same_words_in_quotation_marks_whatever_the_case():
    a = quoted_runs('Ia berkata, \u201cKami akan bongkar tiang monorel itu pekan depan.\u201d')
    b = quoted_runs('"kami akan bongkar tiang monorel" kata Pramono, tanpa tanggal.')
    assert a and b and not a.isdisjoint(b)
    assert quoted_runs("Kami akan bongkar tiang monorel itu pekan depan, katanya.") == frozenset()
    assert quoted_runs('"Terlalu pendek"') == frozenset()


def test_the_same_quoted_words_join_one_statement_unless_other_speakers_said_them(store):
    # two outlets quote one statement in other framing; an observatory's daily bulletin repeats its wording with
    # another observer on duty: the same words by another speaker are no sign of one development
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"tiang": 0.8, "monorel": 0.6}
    runs = quoted_runs('"kami akan bongkar tiang monorel itu"')

    def doc(quoted: frozenset[int], speakers: frozenset[str] = frozenset()) -> _Doc:
        return _doc(quoted=quoted, speakers=speakers)

    head = _head(vector, speakers=["person:a"], quoted=sorted(runs))
    base = _link_with(worker, doc(frozenset()), head)
    assert abs(_link_with(worker, doc(runs), head) - base - PARAMS.head_weight * PARAMS.quote_bonus) < 1e-9
    assert abs(_link_with(worker, doc(runs, frozenset({"person:a"})), head) - base
               - PARAMS.head_weight * PARAMS.quote_bonus) < 1e-9
    other_speaker = _link_with(worker, doc(runs, frozenset({"person:b"})), head)
    assert other_speaker == _link_with(worker, doc(frozenset(), frozenset({"person:b"})), head)


def test_named_features_are_a_feature_noun_and_a_name_not_a_title_cased_word():
    assert named_features("Gunung Semeru Erupsi, Tinggi Letusan Capai 1 Kilometer") == {("gunung", "semeru")}
    assert named_features("Banjir di Sungai Cigede, Warga Mengungsi") == {("sungai", "cigede")}
    # title case: "Meluap" (affixed) and "Kecil" (written in lower case) are no names
    assert named_features("Sungai Meluap, Jalan Desa Terendam") == frozenset()
    assert named_features("Danau Kecil di Tengah Kota Mengering") == frozenset()
    semeru = named_features("Gunung Semeru Erupsi Lagi")
    assert other_features(semeru, named_features("Gunung Raung Kembali Erupsi"))
    assert not other_features(semeru, named_features("Gunung Semeru Erupsi Empat Kali, Tinggi Letusan 1 Km"))
    # another kind of feature, or none named: no sign either way
    assert not other_features(semeru, named_features("Banjir di Sungai Cigede"))
    assert not other_features(semeru, named_features("Erupsi Hari Ini, Warga Diminta Waspada"))


def test_headlines_naming_different_volcanoes_weigh_against_one_story(store):
    # one outlet's daily eruption bulletins share their wording; the volcano named tells two eruptions apart
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"erupsi": 0.8, "letusan": 0.6}
    head = _head(vector, title="Gunung Semeru Erupsi, Tinggi Letusan Capai 1 Kilometer")
    def doc(title: str) -> _Doc:
        return _doc(title=title, features=named_features(title))

    same = _link_with(worker, doc("Gunung Semeru Erupsi Lagi, Letusan 800 Meter"), head)
    other = _link_with(worker, doc("Gunung Raung Kembali Erupsi, Letusan 750 Meter"), head)
    assert abs((same - other) - PARAMS.head_weight * PARAMS.feature_penalty) < 1e-9


def test_a_lone_founder_joins_the_story_that_gathered_after_it(store):
    # an article that arrived before the other reports of its development founded a story of its own; once they
    # have gathered, it joins theirs when it scores the second-look threshold against it, and its story is gone
    worker = _Clusterer(StoryTables(store), PARAMS)
    vector = {"bus": 0.8, "terbakar": 0.6}
    gathered = _story(vector, [_head(vector), _head(vector)], story_id="gathered")
    worker.clusters["gathered"] = gathered
    worker._join(replace(_doc(), id="b"), vector, vector, gathered, ["bus"])
    near, far = _Cluster("near", 0, None, None, {}), _Cluster("far", 0, None, None, {})
    worker.clusters.update(near=near, far=far)
    worker._join(replace(_doc(), id="a"), vector, vector, near, ["bus"])
    unlike = {"bus": 0.1, "harga": 0.9}
    worker._join(replace(_doc(), id="c"), unlike, unlike, far, ["bus"])
    assert set(worker.alone) == {"near", "far"}
    worker._second_looks(None)
    assert worker.story_of["a"] == "gathered" and "near" not in worker.clusters
    assert worker.story_of["c"] == "far"  # below the threshold: it stays on its own
    assert not worker.alone and gathered.n == 4


def test_a_stored_lone_founder_gets_its_second_look_when_the_next_batch_brings_its_story(store, save, monkeypatch):
    # incremental: yesterday's batch left an article alone; today's batch brings two reports that join each other
    # (and score too low against it one by one); the stored article joins their story after the fact
    def score(self, doc, vec, head, c):
        # two reports together, or the second report against the first: 0.5; anything else against one: 0.2
        return 0.5 if c.n >= 2 or (doc.id == "b-2" and any("izinkan" in h.title for h in c.heads)) else 0.2

    monkeypatch.setattr(_Clusterer, "_score", score)
    save("a-1", "Kompas.com", DAY, "Budi Santosa bebaskan lagunya dinyanyikan tanpa royalti", WAIVER_A,
         ("Budi Santosa",), (make_event("APPEAL", "IDN", "IDN", None),))
    assign_stories(store)
    before = _story_of(store)["a-1"]
    assert [tuple(r) for r in store.conn.execute("SELECT story_id FROM event_records")] == [(before,)]
    save("b-1", "Detik", DAY, "Budi Santosa izinkan lagunya dibawakan tanpa royalti", WAIVER_A2, ("Budi Santosa",))
    save("b-2", "Tempo.co", DAY, "Budi Santosa: silakan nyanyikan lagu saya tanpa royalti",
         "Jakarta - Musisi Budi Santosa tidak akan menagih royalti dari penyanyi kafe yang membawakan lagunya. "
         "Ia menyebut polemik royalti pekan ini melelahkan.", ("Budi Santosa",))
    assign_stories(store)
    story = _story_of(store)
    assert story["a-1"] == story["b-1"] == story["b-2"] != before
    assert [row[0] for row in store.conn.execute("SELECT id FROM stories")] == [story["a-1"]]
    assert store.conn.execute("SELECT count(*) FROM story_clusters WHERE story_id = ?", (before,)).fetchone()[0] == 0
    assert [tuple(r) for r in store.conn.execute("SELECT story_id FROM event_records")] == [(story["a-1"],)]  # follows it
