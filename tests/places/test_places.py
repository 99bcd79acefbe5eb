"""warta.places: the gazetteer and where events happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.cli import main
from warta.places import gazetteer, locate, resolve, resolve_entity


@pytest.mark.parametrize(("text", "place_id"), [
    ("Moskow", "city:moscow"), ("Moscow", "city:moscow"), ("Brasil", "country:BRA"), ("Tiongkok", "country:CHN"),
    ("Jatim", "region:east-java"), ("Provinsi Sulut", "region:north-sulawesi"), ("Balai Kota Solo", "city:surakarta"),
    ("Kabupaten Bekasi", "idn-regency:3216"), ("Kab. Bekasi", "idn-regency:3216"),
])
def test_places_as_written_resolve_with_coordinates(text: str, place_id: str) -> None:
    place = resolve(text)
    assert place is not None and place.id == place_id
    assert place.located and -90 <= (place.lat or 0) <= 90 and -180 <= (place.lon or 0) <= 180


def test_indonesian_and_english_names_of_one_place() -> None:
    moscow = gazetteer().get("city:moscow")
    assert moscow is not None and (moscow.label("id"), moscow.label("en")) == ("Moskow", "Moscow")
    assert resolve("Kabupaten Raja Ampat") == resolve("Raja Ampat")
    assert gazetteer().get("country:IDN").label("id") == "Indonesia"  # type: ignore[union-attr]


def test_words_that_are_not_places() -> None:
    assert resolve("Instagram") is None
    assert resolve("") is None and resolve(None) is None
    assert resolve("Indonesia AirAsia") is None  # a leading country name alone is not enough
    assert resolve_entity("local:LOC:xyz", "Tidak Ada Tempat Ini") is None


def test_where_an_event_happened_and_on_what_evidence() -> None:
    war = {"place": None, "source_country": "RUS", "target_country": "UKR"}
    assert locate(war, "Jakarta").basis == "actor"  # type: ignore[union-attr]
    assert locate(war, "Jakarta").place.id == "country:UKR"  # type: ignore[union-attr]
    assert locate({**war, "place": "Kyiv"}, "Jakarta").basis == "place"  # type: ignore[union-attr]
    in_sentence = locate(war, "Jakarta", [("country:RUS", "Rusia"), ("city:kharkiv", "Kharkiv")])
    assert in_sentence is not None and (in_sentence.basis, in_sentence.text) == ("sentence", "Kharkiv")
    domestic = {"place": None, "source_country": "IDN", "target_country": None}
    assert locate(domestic, "SURABAYA").place.id == "city:surabaya"  # type: ignore[union-attr]
    nothing = {"place": None, "source_country": None, "target_country": None}
    assert locate(nothing) is None
    assert locate(nothing, None, [], [("city:bogor", "Bogor")]).basis == "article"  # type: ignore[union-attr]


def test_places_command_reports_coverage(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "--db", str(sample_db), "--unresolved"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("events with coordinates: ")
    assert "event places without coordinates" in out and "LOC entities without coordinates" in out
