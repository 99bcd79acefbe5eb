"""Build src/warta/nlp/data/kb.jsonl, the packaged knowledge base.

Countries come from Unicode CLDR through babel (`Locale('en').territories`, `Locale('id').territories`, alpha-3 codes
from CLDR's territory aliases) merged with the news aliases in data/sources/countries.tsv; cities, regions,
organisations and people come from the hand-written tables in data/sources/. Run after editing a table:

    .venv/bin/python scripts/build_kb.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel import Locale
from babel.core import get_cldr_version, get_global

from warta.derived import explain_changes, file_digest, library_version, write_manifest
from warta.nlp.kb import KBEntry, KnowledgeBase, normalize, slugify

DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "warta" / "nlp" / "data"
SOURCES = DATA_DIR / "sources"
OUTPUT = DATA_DIR / "kb.jsonl"

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _rows(path: Path, columns: int) -> Iterator[list[str]]:
    """Tab-separated rows without comments, padded to `columns` fields."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) > columns:
            raise ValueError(f"{path.name}:{number}: {len(fields)} columns, expected {columns}")
        yield fields + [""] * (columns - len(fields))


def _default_source(path: Path) -> str:
    """The table's "# default source: ..." comment: where rows without a source column of their own come from."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# default source:"):
            return line.split(":", 1)[1].strip()
    raise ValueError(f"{path.name}: no '# default source:' comment")


def _aliases(*groups: str | list[str]) -> tuple[str, ...]:
    """Unique aliases in order; "|"-separated strings are split."""
    result: list[str] = []
    for group in groups:
        items = group.split("|") if isinstance(group, str) else group
        result.extend(item.strip() for item in items if item.strip())
    return tuple(dict.fromkeys(result))


def _cldr_alpha3() -> dict[str, str]:
    """alpha-2 -> alpha-3, from CLDR's territory aliases (alpha-3 codes are aliases of alpha-2 ones)."""
    candidates: dict[str, list[str]] = {}
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and code.isupper() and len(targets) == 1:
            candidates.setdefault(targets[0], []).append(code)
    # Several alpha-3 codes for one territory means deprecated ones (BUR, ZAR...); countries.tsv names the current one.
    return {alpha2: codes[0] for alpha2, codes in candidates.items() if len(codes) == 1}


def country_entries() -> list[KBEntry]:
    english = Locale("en").territories
    indonesian = Locale("id").territories
    alpha3 = _cldr_alpha3()
    overrides = {row[0]: row for row in _rows(SOURCES / "countries.tsv", 4)}
    entries = []
    for alpha2, english_name in english.items():
        if not (len(alpha2) == 2 and alpha2.isalpha()):
            continue  # numeric UN M.49 regions
        _, code_override, name_override, extra = overrides.get(alpha2, ["", "", "", ""])
        code = code_override or alpha3.get(alpha2)
        if not code or code == "-":
            continue  # pseudo-territories without an ISO alpha-3 code (EU, UN, Eurozone, Canary Islands...)
        name = name_override or _PARENTHESES.sub("", english_name)
        source = f"Unicode CLDR {get_cldr_version()} (babel); news aliases: countries.tsv"
        local_name = indonesian.get(alpha2, "")
        aliases = _aliases(
            [_PARENTHESES.sub("", local_name), local_name, _PARENTHESES.sub("", english_name), english_name],
            extra,
        )
        entries.append(
            KBEntry(id=f"country:{code}", name=name, type="LOC", country=code, aliases=_without(aliases, name),
                    source=source)
        )
    return entries


def _without(aliases: tuple[str, ...], name: str) -> tuple[str, ...]:
    return tuple(alias for alias in aliases if alias != name)


def place_entries() -> list[KBEntry]:
    entries = []
    default = _default_source(SOURCES / "places.tsv")
    for kind, slug, name, country, aliases, source in _rows(SOURCES / "places.tsv", 6):
        if kind not in ("city", "region"):
            raise ValueError(f"places.tsv: unknown kind {kind!r}")
        entries.append(
            KBEntry(id=f"{kind}:{slug}", name=name, type="LOC", country=country or None,
                    aliases=_without(_aliases(aliases), name), source=source or default)
        )
    return entries


def organisation_entries() -> list[KBEntry]:
    default = _default_source(SOURCES / "organisations.tsv")
    return [
        KBEntry(id=f"org:{slug}", name=name, type="ORG", country=country or None,
                aliases=_without(_aliases(aliases), name), sector=sector or None, source=source or default)
        for slug, name, country, sector, aliases, source in _rows(SOURCES / "organisations.tsv", 6)
    ]


def person_entries() -> list[KBEntry]:
    default = _default_source(SOURCES / "people.tsv")
    return [
        KBEntry(id=f"person:{slugify(name)}", name=name, type="PER", country=country or None,
                aliases=_without(_aliases(aliases), name), role=role or None, sector=sector or None,
                since=since or None, until=until or None, source=source or default)
        for name, country, sector, role, aliases, since, until, source in _rows(SOURCES / "people.tsv", 8)
    ]


def build_entries() -> list[KBEntry]:
    entries = country_entries() + place_entries() + organisation_entries() + person_entries()
    KnowledgeBase(entries)  # raises on duplicate ids
    return entries


def inputs() -> dict[str, str]:
    """What kb.jsonl is built from: babel and its CLDR release, and every hand-written table."""
    found = {"babel": library_version("babel"), "CLDR": f"CLDR {get_cldr_version()}"}
    for table in sorted(SOURCES.glob("*.tsv")):
        found[f"sources/{table.name}"] = file_digest(table)
    return found


REBUILD = "python scripts/build_kb.py"


def render(entries: list[KBEntry]) -> str:
    return "".join(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n" for entry in entries)


def ambiguous_surfaces(entries: list[KBEntry]) -> dict[str, list[str]]:
    """Surfaces shared by several entries, for review (the linker prefers countries, then places)."""
    by_surface: dict[str, list[str]] = {}
    for entry in entries:
        for surface in entry.surfaces:
            ids = by_surface.setdefault(normalize(surface), [])
            if entry.id not in ids:
                ids.append(entry.id)
    return {surface: ids for surface, ids in by_surface.items() if len(ids) > 1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when kb.jsonl is out of date instead of writing")
    args = parser.parse_args(argv)
    entries = build_entries()
    text = render(entries)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(explain_changes(OUTPUT, inputs()) or f"{OUTPUT} is out of date; run {REBUILD}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    write_manifest(OUTPUT, inputs(), REBUILD)
    counts: dict[str, int] = {}
    for entry in entries:
        prefix = entry.id.split(":", 1)[0]
        counts[prefix] = counts.get(prefix, 0) + 1
    print(f"wrote {len(entries)} entries to {OUTPUT}: {counts}")
    for surface, ids in sorted(ambiguous_surfaces(entries).items()):
        print(f"  shared surface {surface!r}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
