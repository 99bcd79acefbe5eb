"""The knowledge base: countries, places, organisations and people that entity mentions link to.

Entries live in `data/kb.jsonl` (built by scripts/build_kb.py from CLDR country names and the hand-written
tables in `data/sources/`; format in docs/knowledge-base.md). `load_kb()` reads it once per process.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

KB_RESOURCE = "data/kb.jsonl"
DISCOVERED_RESOURCE = "data/discovered.jsonl"  # entries accepted by `warta kb discover --accept`

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
_DROPPED = re.compile(r"[.'’`ʼ‘\"“”,()]")


def normalize(surface: str) -> str:
    """Comparison key for a surface form: case-folded, without diacritics, hyphens read as spaces.

    "Asia-Pasifik", "asia pasifik" and "Asia–Pasifik" share one key; so do "Erdoğan" and "Erdogan".
    """
    decomposed = unicodedata.normalize("NFKD", surface)
    # an ASCII string has no combining marks: skip the per-character pass for it (nearly every word of news)
    without_marks = decomposed if decomposed.isascii() else "".join(
        ch for ch in decomposed if not unicodedata.combining(ch)
    )
    folded = _DROPPED.sub("", without_marks.casefold())
    return _SEPARATORS.sub(" ", folded).strip()


def slugify(text: str) -> str:
    """ASCII slug used in ids: "Sergey Lavrov" -> "sergey-lavrov"."""
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One thing news can mention. `country` is ISO 3166 alpha-3; `sector` a CAMEO-style actor sector.

    `since` and `until` date a person's `role` ("2024-10", "" while it lasts); `source` says where the entry comes
    from (an official body's site and year, or the reference table it was built from).
    """

    id: str
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    sector: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    discovered: bool = False  # proposed by `warta kb discover` from a corpus and accepted above a threshold
    evidence: tuple[str, ...] = ()  # for discovered entries: "article_id:start-end" of the text that supports it

    def holds_role_on(self, day: str) -> bool:
        """Whether `role` was held on `day` (ISO date or prefix); undated roles count as held."""
        return (not self.since or self.since <= day) and (not self.until or day[: len(self.until)] <= self.until)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical name followed by every alias, without duplicates."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type}
        for key in ("country", "role", "sector", "since", "until"):
            value = getattr(self, key)
            if value:
                data[key] = value
        data["aliases"] = list(self.aliases)
        if self.source:
            data["source"] = self.source
        if self.discovered:
            data["discovered"] = True
            data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KBEntry:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            country=data.get("country") or None,
            aliases=tuple(data.get("aliases") or ()),
            role=data.get("role") or None,
            sector=data.get("sector") or None,
            since=data.get("since") or None,
            until=data.get("until") or None,
            source=data.get("source") or None,
            discovered=bool(data.get("discovered")),
            evidence=tuple(data.get("evidence") or ()),
        )


class KnowledgeBase:
    """Entries by id and by normalised surface form (name or alias)."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self._by_id: dict[str, KBEntry] = {}
        self._by_surface: dict[str, list[KBEntry]] = {}
        for entry in entries:
            if entry.id in self._by_id:
                raise ValueError(f"duplicate knowledge-base id {entry.id!r}")
            self._by_id[entry.id] = entry
            for surface in entry.surfaces:
                bucket = self._by_surface.setdefault(normalize(surface), [])
                if entry not in bucket:
                    bucket.append(entry)

    def get(self, entity_id: str) -> KBEntry | None:
        return self._by_id.get(entity_id)

    def lookup(self, surface: str) -> list[KBEntry]:
        """Entries whose name or alias equals `surface`, ignoring case, diacritics and hyphenation."""
        return list(self._by_surface.get(normalize(surface), ()))

    def surfaces(self) -> dict[str, list[KBEntry]]:
        """Normalised surface -> entries (read-only view for matchers)."""
        return self._by_surface

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id


def read_entries(path: Path) -> list[KBEntry]:
    """Entries of a JSONL knowledge-base file."""
    with path.open(encoding="utf-8") as handle:
        return [KBEntry.from_dict(json.loads(line)) for line in handle if line.strip()]


def discovered_path() -> Path:
    """Where `warta kb discover --accept` writes the entries it accepted, and `load_kb` reads them from."""
    return Path(str(resources.files("warta.nlp").joinpath(DISCOVERED_RESOURCE)))


def with_discovered(entries: list[KBEntry], discovered: Iterable[KBEntry]) -> list[KBEntry]:
    """`entries` and the discovered entries that name nothing `entries` already name (by id or surface)."""
    ids = {entry.id for entry in entries}
    surfaces = {normalize(surface) for entry in entries for surface in entry.surfaces}
    added = [
        entry
        for entry in discovered
        if entry.id not in ids and not any(normalize(surface) in surfaces for surface in entry.surfaces)
    ]
    return entries + added


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base with the entries `warta kb discover --accept` added, read once per process."""
    resource = resources.files("warta.nlp").joinpath(KB_RESOURCE)
    with resources.as_file(resource) as path:
        entries = read_entries(path)
    extra = discovered_path()
    return KnowledgeBase(with_discovered(entries, read_entries(extra)) if extra.is_file() else entries)
