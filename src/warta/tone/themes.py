"""Theme assignment by keyword and lemma rules from the taxonomy in data/themes.json (see its `about`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.tone.lexicon import CLAUSE_BREAK, MAX_PHRASE_WORDS, stem, tokenize


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    groups: int
    min_hits: int


@dataclass
class Taxonomy:
    themes: dict[str, Theme]
    # term (tuple of words; a 1-tuple for single words) -> [(theme id, group index)]
    surface: dict[tuple[str, ...], list[tuple[str, int]]]
    # stems of multi-word terms, and single-word terms given as roots -> [(theme id, group index)]
    stemmed: dict[tuple[str, ...], list[tuple[str, int]]]
    # First words of the keys of `surface` and `stemmed`, with the length of their longest term: a token that starts
    # no term needs no lookups at all, and one that starts only single words needs no longer slices.
    surface_starts: dict[str, int] = field(default_factory=dict)
    stemmed_starts: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    raw = json.loads(resources.files("warta.tone").joinpath("data/themes.json").read_text(encoding="utf-8"))
    themes: dict[str, Theme] = {}
    surface: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    stemmed: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for entry in raw["themes"]:
        theme = Theme(entry["id"], entry["label"], len(entry["all_of"]), entry.get("min_hits", raw["min_hits"]))
        themes[theme.id] = theme
        for group_index, terms in enumerate(entry["all_of"]):
            for term in terms:
                words = tuple(term.lower().split())
                surface[words].append((theme.id, group_index))
                # A single word matches affixed forms only when written as its root ("serang" -> serangan);
                # a phrase matches its stems too ("latihan bersama" -> "berlatih bersama" does not, by design).
                stems = tuple(stem(word) for word in words)
                if len(words) > 1 or stems == words:
                    stemmed[stems].append((theme.id, group_index))
    return Taxonomy(themes, dict(surface), dict(stemmed), _longest_by_start(surface), _longest_by_start(stemmed))


def _longest_by_start(table: dict[tuple[str, ...], list[tuple[str, int]]]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for words in table:
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def assign_themes(text: str, tokens: list[str] | None = None) -> list[dict[str, Any]]:
    """[{theme, score, evidence}] for the themes the text meets, highest score first.

    `tokens`, when given, must be `tokenize(text)` (score_tone has them already).
    """
    taxonomy = load_taxonomy()
    all_tokens = tokenize(text) if tokens is None else tokens
    tokens = [token for token in all_tokens if token not in CLAUSE_BREAK and not token[0].isdigit()]
    stems = list(map(stem, tokens))
    hits: dict[str, Counter[int]] = defaultdict(Counter)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    surface_starts, stemmed_starts = taxonomy.surface_starts, taxonomy.stemmed_starts
    # Only tokens that start some term need the lookups below; finding them in one comprehension is cheaper.
    starts = [
        index
        for index, (token, root) in enumerate(zip(tokens, stems, strict=True))
        if token in surface_starts or root in stemmed_starts
    ]
    for index in starts:
        # (sequence, table, longest term there) for the tables where this token starts a term, surface first.
        tables = []
        if tokens[index] in surface_starts:
            tables.append((tokens, taxonomy.surface, surface_starts[tokens[index]]))
        if stems[index] in stemmed_starts:
            tables.append((stems, taxonomy.stemmed, stemmed_starts[stems[index]]))
        matched: set[tuple[str, int]] = set()
        words_for: dict[tuple[str, int], str] = {}
        longest = max(longest_there for _sequence, _table, longest_there in tables)
        for length in range(1, min(MAX_PHRASE_WORDS, longest, len(tokens) - index) + 1):
            span = slice(index, index + length)
            for sequence, table, longest_there in tables:
                if length > longest_there:
                    continue
                for target in table.get(tuple(sequence[span]), ()):
                    matched.add(target)
                    words_for[target] = " ".join(tokens[span])
        for theme_id, group in matched:
            hits[theme_id][group] += 1
            evidence[theme_id][words_for[(theme_id, group)]] += 1
    words = max(len(tokens), 1)
    found = []
    for theme_id, group_hits in hits.items():
        theme = taxonomy.themes[theme_id]
        total = sum(group_hits.values())
        if len(group_hits) < theme.groups or total < theme.min_hits:
            continue
        found.append(
            {
                "theme": theme_id,
                "score": round(100.0 * total / words, 3),
                "evidence": [word for word, _ in evidence[theme_id].most_common(8)],
            }
        )
    return sorted(found, key=lambda item: (-item["score"], item["theme"]))
