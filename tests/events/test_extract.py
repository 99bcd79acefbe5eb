"""Event coding on hand-built articles: actors, roles, discourse, dates, places, offsets and speed."""

from __future__ import annotations

import datetime as dt

from warta.events import extract_events
from warta.events.evaluate import build_article
from warta.record import Article, Entity, Mention


def article(text: str, entities: list[list] | None = None, published: str | None = "2023-06-15") -> Article:
    """An article as cleaning, metadata and nlp hand it over (see warta.events.evaluate.build_article)."""
    built = build_article({"id": "t", "text": text, "entities": entities or [], "base": published or "2000-01-01"})
    if published is None:
        built.published = None
    return built


PUTIN = ["Vladimir Putin", "PER", "RUS", ["Putin"]]
XI = ["Xi Jinping", "PER", "CHN", ["Xi"]]


def _events(text: str, entities: list[list] | None = None, published: str | None = "2023-06-15"):
    art = article(text, entities, published)
    extract_events(art)
    return art, art.events


def test_person_kremlin_capital_and_country_actors() -> None:
    _, events = _events("Presiden Vladimir Putin mengecam Beijing.", [PUTIN])
    assert (events[0].source.country, events[0].source.sector, events[0].source.name) == ("RUS", "GOV", "Vladimir Putin")
    assert (events[0].target.country, events[0].target.sector) == ("CHN", "GOV")
    _, events = _events("Kremlin menuduh Amerika Serikat.")
    assert (events[0].source.country, events[0].source.sector, events[0].target.country) == ("RUS", "GOV", "USA")


def test_organisation_takes_country_from_its_name_and_sector_from_keywords() -> None:
    text = "Dewan Keamanan Rusia mendukung China."
    art = article(text)
    art.entities = [Entity(id="x:dk", name="Dewan Keamanan Rusia", type="ORG", mentions=[Mention(start=0, end=20, text=text[:20])])]
    extract_events(art)
    assert (art.events[0].source.country, art.events[0].source.sector, art.events[0].source.entity_id) == ("RUS", "GOV", "x:dk")


def test_person_without_country_takes_it_from_the_title() -> None:
    _, events = _events("Menteri Luar Negeri Cina, Wang Yi mengecam Jepang.", [["Wang Yi", "PER", None]])
    assert (events[0].source.country, events[0].source.sector, events[0].target.country) == ("CHN", "GOV", "JPN")


def test_diplomat_title_gives_dip_sector() -> None:
    _, events = _events("Rusia mengecam diplomat China Yang Jiechi.", [["Yang Jiechi", "PER", "CHN"]])
    assert (events[0].target.country, events[0].target.sector) == ("CHN", "DIP")


def test_pronoun_subject_falls_back_to_previous_sentence() -> None:
    _, events = _events("Putin tiba di Beijing pada Senin. Dia kemudian bertemu Xi Jinping.", [PUTIN, XI])
    assert [(e.type, e.source.country, e.target.country) for e in events] == [("CONSULT", "RUS", "CHN")]


def test_pair_reference_gives_both_actors() -> None:
    _, events = _events("Rusia dan China melanjutkan perundingan. Kedua negara sepakat memperluas perdagangan.")
    agree = [e for e in events if e.type == "AGREE"]
    assert {agree[0].source.country, agree[0].target.country} == {"RUS", "CHN"}


def test_hyphen_coordination_is_symmetric() -> None:
    _, events = _events("Para pejabat mengatakan Moskow-Beijing sepakat memperdalam kerja sama militer.")
    assert [(e.type, {e.source.country, e.target.country}) for e in events] == [("AGREE", {"RUS", "CHN"})]


def test_content_of_a_warning_is_not_an_event() -> None:
    _, events = _events("Joe Biden mewanti-wanti China untuk tidak membantu Rusia.", [["Joe Biden", "PER", "USA"]])
    assert [(e.type, e.source.country, e.target.country, e.negated) for e in events] == [("THREATEN", "USA", "CHN", False)]


def test_passive_swaps_roles() -> None:
    _, events = _events("Rencana damai China ditolak oleh Ukraina.")
    assert [(e.type, e.source.country, e.target.country) for e in events] == [("REJECT", "UKR", "CHN")]


def test_back_reference_noun_is_not_a_new_event() -> None:
    _, events = _events("Kesepakatan itu disambut pasar. Pertemuan tersebut berlangsung tertutup.")
    assert events == []


def test_place_and_offsets() -> None:
    art, events = _events("Cuaca cerah. Nikolai Patrushev bertemu Yang Jiechi di Nanping.",
                          [["Nikolai Patrushev", "PER", "RUS"], ["Yang Jiechi", "PER", "CHN"]])
    event = events[0]
    assert event.place == "Nanping"
    assert art.body[event.start:event.end] == event.text == "Nikolai Patrushev bertemu Yang Jiechi di Nanping."
    assert (event.cameo, event.goldstein, event.quad, event.cue) == ("04", 1.0, "verbal_coop", "bertemu")


def test_undated_events_take_the_lead_date_not_the_publication_date() -> None:
    text = ("Seorang pejabat Kremlin pada Selasa (19/9/2023) menyerukan koordinasi dengan Beijing. "
            "Patrushev menegaskan dukungan Rusia terhadap Beijing.")
    _, events = _events(text, [["Nikolai Patrushev", "PER", "RUS", ["Patrushev"]]], published="2023-09-20")
    assert [(e.type, e.date, e.date_precision) for e in events] == [("REQUEST", "2023-09-19", "day"),
                                                                    ("SUPPORT", "2023-09-19", "day")]
    assert events[0].date_text == "Selasa (19/9/2023)"


def test_without_publication_date_the_article_dates_itself() -> None:
    text = "Dewan Keamanan Rusia pada Senin (19/9/2022) mengatakan hal itu. Rusia dan China sepakat memperluas latihan."
    _, events = _events(text, published=None)
    assert [(e.type, e.date) for e in events] == [("AGREE", "2022-09-19")]


def test_weekday_date_without_year_uses_publication_year() -> None:
    text = "Putin dan Xi bertemu secara virtual, Rabu (15/12)."
    _, events = _events(text, [PUTIN, XI], published="2021-12-16")
    assert events[0].date == "2021-12-15"


def test_week_offset_and_back_reference_dates() -> None:
    text = ("Pertemuan di Nanping digelar Senin (19/9). "
            "Pertemuan itu digelar sepekan usai Vladimir Putin bertemu Xi Jinping di Uzbekistan. "
            "Usai pertemuan tersebut, Xi berjanji mendukung Rusia.")
    _, events = _events(text, [PUTIN, XI], published="2022-09-19")
    dated = {(e.type, e.date) for e in events}
    assert ("CONSULT", "2022-09-12") in dated
    assert ("AGREE", "2022-09-12") in dated  # a promise ("berjanji mendukung") is AGREE (dev-gold EVENTS.md)


def test_plans_are_intent_and_dated_in_the_future() -> None:
    _, events = _events("Putin akan mengunjungi Beijing pada Oktober mendatang.", [PUTIN], published="2023-09-20")
    assert [(e.type, e.intent, e.date, e.date_precision) for e in events] == [("CONSULT", True, "2023-10", "month")]


def test_negation_and_refusal() -> None:
    _, events = _events("China menolak untuk mengutuk tindakan Rusia.")
    assert [(e.type, e.negated) for e in events] == [("ACCUSE", True)]
    _, events = _events("Korea Utara belum membebaskan warga Jepang.")
    assert [(e.type, e.negated, e.target.country) for e in events] == [("RETREAT", True, "JPN")]


def test_empty_and_eventless_articles() -> None:
    _, events = _events("")
    assert events == []
    art, events = _events("Harga cabai naik di pasar tradisional.")
    assert events == []
    assert art.to_json()


def test_today_is_only_a_last_resort() -> None:
    # No publication date and no year anywhere: the weekday-and-day date is placed relative to `today`.
    art = article("Kedua pemimpin bertemu pada Jumat (30/12). Rusia dan China sepakat memperluas latihan.", published=None)
    extract_events(art, today=dt.date(2026, 11, 23))
    assert {e.date for e in art.events} == {"2022-12-30"}


def test_future_word_after_the_cue_marks_intent() -> None:
    _, events = _events("Pertemuan mendatang antara Putin dan Xi digelar di Beijing.", [PUTIN, XI])
    assert [(e.type, e.intent, e.source.country, e.target.country) for e in events] == [("CONSULT", True, "RUS", "CHN")]


def test_without_publication_date_history_does_not_become_the_base() -> None:
    text = ("Perusahaan itu berdiri sejak 29 Mei 2006. Pada Senin (29/6/2020), Indonesia dan Jepang sepakat "
            "memperluas kerja sama. Kedua negara juga sepakat menambah penerbangan.")
    _, events = _events(text, published=None)
    assert [(e.type, e.date) for e in events] == [("AGREE", "2020-06-29"), ("AGREE", "2020-06-29")]


def test_sector_longest_and_last_keyword() -> None:
    from warta.events.actors import sector_in

    assert sector_in("kata Menteri Pertahanan Rusia") == "MIL"  # "menteri pertahanan" beats "menteri"
    assert sector_in("Wakil Presiden dan jenderal", last=True) == sector_in("jenderal")
    assert sector_in("Presidensial") is None  # a keyword must end at a word boundary
    # Non-ASCII text goes to the pattern; a dotted capital I no longer breaks the keyword lookup.
    assert sector_in("kata PRESİDEN") == "GOV"
