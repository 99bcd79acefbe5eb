"""Rules added for real Indonesian news (issue 17): legal procedure, datelines and promoted headlines, noun cues
that need an actor, unnamed roles, passive agents, quotes, modality, listed targets, regulation years.

Sentences are written for the tests (in the style of the news, not taken from it)."""

from __future__ import annotations

from warta.events import extract_events, model
from warta.events.evaluate import build_article
from warta.pipeline import run_until
from warta.record import Event

KPK = ["Komisi Pemberantasan Korupsi", "ORG", "IDN", ["KPK"]]
BUDI = ["Budi Santoso", "PER", None, ["Budi"]]
ANI = ["Ani Lestari", "PER", None, ["Ani"]]
RINA = ["Rina Wati", "PER", None, ["Rina"]]


def _events(text: str, entities: list[list] | None = None, quotes: bool = False) -> list[Event]:
    article = build_article({"id": "t", "text": text, "entities": entities or [], "base": "2025-06-10"})
    if quotes:
        run_until(article, "quotes", given=("body", "sentences", "entities"))
    with model.enabled(False):  # the rules themselves (the learned mode filter is tested in test_model.py)
        extract_events(article)
    return article.events


def _coded(events: list[Event]) -> list[tuple[str, str | None, str | None, bool]]:
    return [(e.type, e.source.name, e.target.name, e.negated or e.intent) for e in events]


def test_examination_and_naming_a_suspect_are_accuse_and_coerce() -> None:
    events = _events("KPK memeriksa Budi Santoso pada Senin. KPK kemudian menetapkan Budi sebagai tersangka.", [KPK, BUDI])
    assert [(e.type, e.source.name, e.target.name) for e in events] == [
        ("ACCUSE", "Komisi Pemberantasan Korupsi", "Budi Santoso"),
        ("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso"),
    ]


def test_a_prosecutors_demand_is_accuse_a_protesters_demand_is_request() -> None:
    events = _events("Jaksa menuntut Budi Santoso dihukum 5 tahun penjara.", [BUDI])
    assert _coded(events) == [("ACCUSE", "Jaksa Penuntut Umum", "Budi Santoso", False)]
    events = _events("KPK menuntut Budi Santoso mundur dari jabatannya.", [KPK, BUDI])
    assert [e.type for e in events] == ["REQUEST"]


def test_passive_takes_the_oleh_agent_a_few_words_on_or_the_body_named_before() -> None:
    text = "Budi Santoso ditetapkan sebagai tersangka sejak Mei oleh tim penyidik KPK."
    assert _coded(_events(text, [KPK, BUDI])) == [("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso", False)]
    text = "Petugas KPK mendatangi rumah itu pada Senin. Budi Santoso langsung ditangkap."
    assert _coded(_events(text, [KPK, BUDI])) == [("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso", False)]


def test_a_passive_without_any_agent_is_not_coded() -> None:
    assert _events("Budi Santoso ditangkap di rumahnya.", [BUDI]) == []


def test_dateline_and_outlet_are_never_actors() -> None:
    events = _events("Liputan6.com, Jakarta - Budi Santoso mengecam Ani Lestari.", [BUDI, ANI])
    assert _coded(events) == [("ACCUSE", "Budi Santoso", "Ani Lestari", False)]
    assert _events("KOMPAS.com - Serangan terjadi di pusat kota.") == []


def test_promoted_headline_gives_no_event_but_the_sentence_after_it_does() -> None:
    text = "Baca juga: Ani Lestari Kecam Keputusan Menteri Budi Santoso mengkritik Rina Wati."
    assert _coded(_events(text, [ANI, BUDI, RINA])) == [("ACCUSE", "Budi Santoso", "Rina Wati", False)]


def test_noun_cue_needs_an_actor_of_its_own() -> None:
    # "bantuan" with nobody giving it, "peringatan" of an anniversary, "pengunjuk rasa" (the doers): no event.
    assert _events("Budi Santoso tiba membawa bantuan untuk warga.", [BUDI]) == []
    assert _events("Para pengunjuk rasa berkumpul di depan kantor Budi Santoso.", [BUDI]) == []
    # The actor named right after the noun, or the subject of a light verb, does it.
    assert _coded(_events("Serangan Rusia terhadap Ukraina terus berlanjut.")) == [("ASSAULT", "Rusia", "Ukraina", False)]
    assert _coded(_events("Rusia melancarkan serangan terhadap Ukraina.")) == [("ASSAULT", "Rusia", "Ukraina", False)]


def test_unnamed_roles_act() -> None:
    assert _coded(_events("Polisi menangkap Budi Santoso di rumahnya.", [BUDI])) == [
        ("COERCE", "Polisi", "Budi Santoso", False)]


def test_first_person_inside_a_quote_is_the_speaker() -> None:
    text = '"Saya mengecam keras keputusan Rina Wati," kata Budi Santoso kepada wartawan.'
    events = _events(text, [BUDI, RINA], quotes=True)
    assert ("ACCUSE", "Budi Santoso", "Rina Wati", False) in _coded(events)


def test_modality_marks_intent() -> None:
    assert _coded(_events("Jika Rusia menyerang Ukraina lagi, dunia akan bereaksi.")) == [
        ("ASSAULT", "Rusia", "Ukraina", True)]
    events = _events("Rusia mempertimbangkan menjatuhkan sanksi kepada Ukraina.")
    assert all(e.intent for e in events if e.type == "SANCTION")


def test_each_listed_target_is_an_event() -> None:
    events = _events("KPK memeriksa Budi Santoso, Ani Lestari, dan Rina Wati.", [KPK, BUDI, ANI, RINA])
    assert [e.target.name for e in events] == ["Budi Santoso", "Ani Lestari", "Rina Wati"]


def test_a_regulations_year_is_not_the_events_date() -> None:
    events = _events("Budi Santoso mengkritik Perwal Nomor 1 Tahun 2023 di depan Ani Lestari.", [BUDI, ANI])
    assert [(e.type, e.date) for e in events] == [("ACCUSE", "2025-06-10")]


def test_new_legal_words_and_a_suspect_list_after_yakni() -> None:
    events = _events("KPK mendalami peran Budi Santoso. KPK menetapkan dua tersangka, yakni Ani Lestari dan Rina Wati.",
                     [KPK, BUDI, ANI, RINA])
    assert [(e.type, e.target.name) for e in events] == [
        ("ACCUSE", "Budi Santoso"), ("COERCE", "Ani Lestari"), ("COERCE", "Rina Wati")]


def test_an_agency_noun_or_passive_without_agent_takes_the_last_legal_body() -> None:
    events = _events("KPK menahan Budi Santoso. Ani Lestari, kata warga, sangat terkejut. "
                     "Penggeledahan dilakukan di rumahnya pada Selasa. Rina Wati ditahan.", [KPK, BUDI, ANI, RINA])
    assert [(e.type, e.source.name) for e in events] == [
        ("COERCE", "Komisi Pemberantasan Korupsi"), ("COERCE", "Komisi Pemberantasan Korupsi"),
        ("COERCE", "Komisi Pemberantasan Korupsi")]
    assert events[-1].target.name == "Rina Wati"


def test_a_protest_noun_without_actor_is_the_protesters() -> None:
    events = _events("Aksi unjuk rasa digelar di depan gedung DPRD pada Senin.")
    assert [(e.type, e.source.name) for e in events] == [("PROTEST", "Demonstran")]


def test_a_vow_to_go_on_fighting_is_a_threat_and_mereka_is_the_group() -> None:
    events = _events("TPNPB mengumumkan status siaga satu. Mereka akan terus melanjutkan perlawanan bersenjata.",
                     [["TPNPB", "ORG", "IDN", []]])
    assert [(e.type, e.source.name, e.negated or e.intent) for e in events] == [
        ("MOBILIZE", "TPNPB", False), ("THREATEN", "TPNPB", False)]


def test_a_named_year_dates_the_noun_and_a_relative_clause_is_not_the_speaker() -> None:
    events = _events("Budi Santoso mengatakan kesepakatan Oslo 1993 gagal.", [BUDI])
    assert [(e.type, e.date) for e in events if e.type == "AGREE"] in ([], [("AGREE", "1993")])
    quoted = _events('"Ini langkah yang mengancam republik kita," kata Budi Santoso.', [BUDI], quotes=True)
    assert [e.type for e in quoted] == []
