"""Registries: outlets and cited media (names from warta.lang.id.media), cities (dateline spellings, data/).

Each registry is loaded once per process; the compiled patterns are built here so that per-article work is only
regex scanning.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from warta.lang.id.media import Outlet, cited_media
from warta.lang.id.media import outlets as outlet_names
from warta.meta.lookahead import longest_first_alternation

DATA = Path(__file__).parent / "data"

# A marker must not be glued to a lowercase letter on either side ("Republikan" is not "Republika"); uppercase or
# digits may follow because scrapers glue the next header part on ("KOMPAS.TVMOSKOW", "KOMPAS.com19 September").
_LEFT_CHARS = r"[A-Za-z0-9.]"
_LEFT = rf"(?<!{_LEFT_CHARS})"
_RIGHT = r"(?![a-z])"
_SPACES = re.compile(r"\s+")
FUZZY_CUTOFF = 0.9
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@dataclass
class OutletRegistry:
    outlets: list[Outlet]
    by_marker: dict[str, Outlet] = field(default_factory=dict)
    marker_pattern: re.Pattern[str] = field(default=re.compile(r"(?!)"))

    def find_marker(self, text: str) -> Outlet | None:
        """The outlet of the first marker found in `text`."""
        match = self.marker_pattern.search(text)
        return self.by_marker[match.group(0)] if match else None

    def by_canonical_name(self, name: str | None) -> Outlet | None:
        """The outlet of this canonical name (an article's `outlet`), or None."""
        return next((outlet for outlet in self.outlets if outlet.name == name), None) if name else None

    def by_url(self, url: str | None) -> Outlet | None:
        if not url:
            return None
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        path = parts.path.lower()
        best: tuple[int, Outlet] | None = None
        for outlet in self.outlets:
            for domain in outlet.domains:
                dom_host, _, dom_path = domain.partition("/")
                if (host == dom_host or host.endswith("." + dom_host)) and path.startswith(
                    "/" + dom_path if dom_path else ""
                ):
                    score = len(domain)
                    if best is None or score > best[0]:
                        best = (score, outlet)
        return best[1] if best else None

    def by_name(self, name: str | None) -> Outlet | None:
        """Match a site name as a page declares it (og:site_name, trafilatura sitename)."""
        if not name:
            return None
        return self._by_squashed_name.get(_squash(name))

    @cached_property
    def _by_squashed_name(self) -> dict[str, Outlet]:
        """Each outlet's squashed name, markers and domains -> the outlet (the first one listed, where two share one):
        bylines ask for every credited name whether it is an outlet's."""
        found: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for written in (outlet.name, *outlet.markers, *outlet.domains):
                found.setdefault(_squash(written), outlet)
        return found


_SHOUTED_DOMAIN = re.compile(r"^(?P<site>[A-Z0-9-]+)(?P<suffix>(?:\.[A-Z]{2,4}){1,2})$")


def unknown_outlet_name(marker: str) -> str:
    """A site the registry does not know, cased as a name: datelines shout it ("FOOBAR-KOTA.CO.ID"), credits and
    footers write it "Foobar-Kota.co.id"; both must come out the same."""
    match = _SHOUTED_DOMAIN.match(marker.strip())
    if not match:
        return marker.strip()
    site = "-".join(part.capitalize() for part in match.group("site").split("-"))
    return site + match.group("suffix").lower()


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


@cache
def outlets() -> OutletRegistry:
    items = list(outlet_names())
    registry = OutletRegistry(items)
    for outlet in items:
        for marker in outlet.markers:
            registry.by_marker.setdefault(marker, outlet)
    # Longest first so "KOMPAS.TV" wins over "KOMPAS" at the same position; as a trie that checks _LEFT after the
    # first character (neither changes a match; the pattern opens with the markers' first characters, which the
    # engine scans for quickly).
    alternatives = longest_first_alternation(registry.by_marker, not_after=_LEFT_CHARS)
    registry.marker_pattern = re.compile(f"(?:{alternatives}){_RIGHT}")
    return registry


@cache
def outlet_marker_alternation() -> str:
    """Regex alternation of all outlet markers, longest first (for building dateline patterns; case-sensitive ones
    only, see longest_first_alternation)."""
    return longest_first_alternation(outlets().by_marker)


@dataclass(eq=False)
class CityRegistry:
    canonical: dict[str, str]  # casefolded spelling -> Indonesian canonical form
    names: list[str]  # casefolded spellings, for fuzzy matching

    def normalise(self, raw: str) -> str:
        """Canonical Indonesian spelling of a dateline city; unknown cities are title-cased, typos fuzzy-matched."""
        return self._normalise(raw)

    @lru_cache(maxsize=4096)  # noqa: B019 - one registry per process, cached for its lifetime
    def _normalise(self, raw: str) -> str:
        key = _SPACES.sub(" ", raw.strip(" .,")).casefold()
        if key in self.canonical:
            return self.canonical[key]
        if len(key) >= 5:
            # A typo keeps the first letter and nearly all the others (JAKARA -> Jakarta); Solok is not Solo.
            close = difflib.get_close_matches(
                key, [n for n in self.names if n[:1] == key[:1]], n=1, cutoff=FUZZY_CUTOFF
            )
            if close:
                return self.canonical[close[0]]
        return title_case_id(raw.strip(" .,"))

    def is_known(self, raw: str) -> bool:
        return _SPACES.sub(" ", raw.strip(" .,")).casefold() in self.canonical


# Words Indonesian titles keep in lowercase inside multi-word place names.
_LOWER_WORDS = {"de", "di", "da", "del", "van", "von", "la", "al", "el"}


def title_case_id(text: str) -> str:
    words = text.lower().split()
    return " ".join(w if i and w in _LOWER_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


@cache
def cities() -> CityRegistry:
    canonical: dict[str, str] = {}
    for line in (DATA / "cities.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spelling, _, name = line.partition("\t")
        canonical[spelling.strip().casefold()] = name.strip()
    return CityRegistry(canonical, list(canonical))


@dataclass
class MediaRegistry:
    by_alias: dict[str, str]
    pattern: re.Pattern[str]


@cache
def media() -> MediaRegistry:
    by_alias: dict[str, str] = {}
    for medium in cited_media():
        for alias in medium.aliases:
            by_alias.setdefault(alias, medium.name)
    # Longest first, as a trie that checks for no letter or digit before an alias after its first character: the
    # pattern opens with the aliases' first characters, which the engine scans for quickly (the body-wide search
    # runs 3x faster than with a lookbehind tried at every position).
    alternatives = longest_first_alternation(by_alias, not_after="[A-Za-z0-9]")
    return MediaRegistry(by_alias, re.compile(f"(?:{alternatives})(?![A-Za-z0-9])"))
