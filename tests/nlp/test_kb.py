import dataclasses
import re
from pathlib import Path

import pytest

from warta.nlp.kb import KBEntry, KnowledgeBase, load_kb, normalize

ROOT = Path(__file__).resolve().parents[2]
SECTORS = {"GOV", "DIP", "MIL", "SPY", "COP", "LEG", "JUD", "PTY", "IGO", "NGO", "MED", "BUS", "CVL", "OPP"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_load_kb_is_cached(kb: KnowledgeBase) -> None:
    assert load_kb() is kb


def test_sizes(kb: KnowledgeBase) -> None:
    prefixes = [entry.id.split(":", 1)[0] for entry in kb]
    assert prefixes.count("country") >= 240
    assert prefixes.count("person") >= 300
    assert prefixes.count("org") >= 100
    assert prefixes.count("city") >= 100


def test_country_from_cldr_with_news_aliases(kb: KnowledgeBase) -> None:
    china = kb.get("country:CHN")
    assert china is not None
    assert (china.name, china.type, china.country) == ("China", "LOC", "CHN")
    assert {"Tiongkok", "Cina", "RRT"} <= set(china.aliases)
    assert kb.get("country:USA").name == "United States"
    assert {"AS", "Amerika Serikat", "Amerika"} <= set(kb.get("country:USA").aliases)
    assert "Korsel" in kb.get("country:KOR").aliases
    assert "Korut" in kb.get("country:PRK").aliases
    assert kb.get("country:QUU") is None  # CLDR's "European Union" pseudo-territory is left out


@pytest.mark.parametrize(
    ("surface", "expected_id"),
    [
        ("tiongkok", "country:CHN"),
        ("CINA", "country:CHN"),
        ("Moskow", "city:moscow"),
        ("Kiev", "city:kyiv"),
        ("Semenanjung Krimea", "region:crimea"),
        ("Asia Pasifik", "region:asia-pacific"),
        ("Erdogan", "person:recep-tayyip-erdogan"),
        ("Sergei Lavrov", "person:sergey-lavrov"),
        ("Dewan Keamanan Rusia", "org:security-council-russia"),
        ("Organisasi Kerja Sama Shanghai", "org:sco"),
        ("Kemlu AS", "org:us-state-department"),
        ("Aljazirah", "org:al-jazeera"),
        ("Xinhua News Agency", "org:xinhua"),
        ("PBB", "org:un"),
    ],
)
def test_lookup_is_case_and_diacritic_insensitive(kb: KnowledgeBase, surface: str, expected_id: str) -> None:
    assert expected_id in [entry.id for entry in kb.lookup(surface)]


def test_lookup_unknown_is_empty(kb: KnowledgeBase) -> None:
    assert kb.lookup("Budi Santoso Wiryawan") == []
    assert kb.get("person:nobody") is None


def test_people_have_role_sector_and_country(kb: KnowledgeBase) -> None:
    xi = kb.get("person:xi-jinping")
    assert xi is not None and xi.type == "PER" and xi.country == "CHN" and xi.sector == "GOV"
    assert "Xi" in xi.aliases
    for entry in kb:
        if entry.type == "PER":
            assert entry.role, entry.id
            assert entry.sector in SECTORS, entry.id


def test_entries_are_frozen(kb: KnowledgeBase) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        kb.get("country:CHN").name = "Cathay"  # type: ignore[misc]


def test_every_entry_is_consistent(kb: KnowledgeBase) -> None:
    type_of_prefix = {"country": "LOC", "city": "LOC", "region": "LOC", "org": "ORG", "person": "PER"}
    for entry in kb:
        prefix = entry.id.split(":", 1)[0]
        assert type_of_prefix[prefix] == entry.type, entry.id
        if entry.country is not None:
            assert re.fullmatch(r"[A-Z]{3}", entry.country), entry.id
            assert f"country:{entry.country}" in kb, f"{entry.id}: unknown country {entry.country}"
        if entry.sector is not None:
            assert entry.sector in SECTORS, entry.id
        assert all(normalize(surface) for surface in entry.surfaces), entry.id


@pytest.mark.parametrize(
    "entity_id",
    [
        "person:nikolai-patrushev", "person:wang-yi", "person:yang-jiechi", "person:guo-shengkun",
        "person:yuri-ushakov", "person:alexei-navalny", "person:joko-widodo", "person:antonio-guterres",
        "org:nato", "org:brics", "org:asean", "org:g20", "org:who", "org:kremlin", "org:white-house",
        "org:ccp", "org:kemlu-ri", "org:reuters", "org:ap", "org:afp", "org:tass", "org:antara",
        "city:washington", "city:samarkand", "city:nanping", "region:donbas", "region:tibet", "country:HKG",
    ],
)
def test_required_entries_exist(kb: KnowledgeBase, entity_id: str) -> None:
    assert entity_id in kb


def test_duplicate_ids_are_rejected() -> None:
    entry = KBEntry(id="city:x", name="X", type="LOC")
    with pytest.raises(ValueError, match="duplicate"):
        KnowledgeBase([entry, entry])


def test_every_entry_says_where_it_comes_from(kb: KnowledgeBase) -> None:
    for entry in kb:
        assert entry.source, entry.id
    assert "CLDR" in kb.get("country:CHN").source
    assert "Kabinet Merah Putih" in kb.get("person:sugiono").source


def test_role_dates_are_iso_and_ordered(kb: KnowledgeBase) -> None:
    for entry in kb:
        for day in (entry.since, entry.until):
            assert day is None or re.fullmatch(r"\d{4}(-\d{2}){0,2}", day), entry.id
        if entry.since and entry.until:
            assert entry.since <= entry.until, entry.id


@pytest.mark.parametrize(
    ("entity_id", "day", "held"),
    [
        ("person:retno-marsudi", "2022-09-19", True),
        ("person:retno-marsudi", "2025-06-10", False),
        ("person:sugiono", "2025-06-10", True),
        ("person:sugiono", "2022-09-19", False),
        ("person:prabowo-subianto", "2025-01-01", True),
        ("person:joko-widodo", "2025-01-01", False),
    ],
)
def test_roles_are_dated(kb: KnowledgeBase, entity_id: str, day: str, held: bool) -> None:
    """'Menlu' on 2022-09-19 is Retno Marsudi, on 2025-06-10 Sugiono."""
    assert kb.get(entity_id).holds_role_on(day) is held


@pytest.mark.parametrize(
    "entity_id",
    [
        "person:prasetyo-hadi", "person:rosan-roeslani", "person:andi-amran-sulaiman", "person:harli-siregar",
        "person:setyo-budiyanto", "person:sufmi-dasco-ahmad", "person:khofifah-indar-parawansa",
        "person:lee-jae-myung", "person:shigeru-ishiba", "org:danantara", "org:bareskrim", "org:pssi",
        "org:antam", "org:tpnpb-opm", "region:raja-ampat", "city:central-jakarta",
    ],
)
def test_todays_indonesia_is_known(kb: KnowledgeBase, entity_id: str) -> None:
    assert entity_id in kb


def test_indonesian_board_acronym_is_not_taiwans_party(kb: KnowledgeBase) -> None:
    assert kb.lookup("DPP") == []
    assert {entry.id for entry in kb.lookup("Partai Demokrat")} == {
        "org:demokrat", "org:democratic-party", "org:democratic-party-korea"
    }


def test_normalize_folds_case_marks_and_separators() -> None:
    assert normalize("Asia-Pasifik") == normalize("asia pasifik") == normalize("Asia–Pasifik") == "asia pasifik"
    assert normalize("Erdoğan") == normalize("ERDOGAN") == "erdogan"
    assert normalize("Ma'ruf Amin") == "maruf amin" and normalize("Ḥusayn") == "husayn"
    assert normalize("ﬁnal") == "final"  # NFKD expands the ligature
    assert normalize("  D.C. / Washington ") == "dc washington"
