"""Theme assignment by keyword and lemma rules from the taxonomy in data/themes.json (see its `about`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import Any

from warta.tone.lexicon import CLAUSE_BREAK, MAX_PHRASE_WORDS, StemTargets, stem, tokenize


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
    # Tokens seen by assign_themes, and those of them that start a term (surface, or by their stem): see _term_starts.
    classed_tokens: set[str] = field(default_factory=set, repr=False, compare=False)
    start_tokens: set[str] = field(default_factory=set, repr=False, compare=False)
    # stemmed_starts' words as a table that rules most tokens out without stemming them (lexicon.StemTargets)
    stem_targets: StemTargets = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.stem_targets = StemTargets(set(self.stemmed_starts))


_MAX_CLASSED_TOKENS = 65536


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


def _term_starts(tokens: list[str], taxonomy: Taxonomy) -> list[int]:
    """Indexes of the tokens that start a surface term or whose stem starts a stemmed term.

    News repeats its words, so each distinct token is stemmed and classed once (remembered on the taxonomy), and an
    article's term starts are then found by one C-level pass over its tokens.
    """
    new = set(tokens).difference(taxonomy.classed_tokens)
    if new:
        if len(taxonomy.classed_tokens) + len(new) > _MAX_CLASSED_TOKENS:
            # Bounded memory over a long run: start afresh (the sets are only a cache).
            taxonomy.classed_tokens.clear()
            taxonomy.start_tokens.clear()
            new = set(tokens)
        surface_starts, stem_in = taxonomy.surface_starts, taxonomy.stem_targets.stem_in
        taxonomy.start_tokens.update(token for token in new if token in surface_starts or stem_in(token) is not None)
        taxonomy.classed_tokens.update(new)
    return list(compress(range(len(tokens)), map(taxonomy.start_tokens.__contains__, tokens)))


def assign_themes(text: str, tokens: list[str] | None = None) -> list[dict[str, Any]]:
    """[{theme, score, evidence}] for the themes the text meets, highest score first.

    `tokens`, when given, must be `tokenize(text)` (score_tone has them already).
    """
    taxonomy = load_taxonomy()
    all_tokens = tokenize(text) if tokens is None else tokens
    tokens = [token for token in all_tokens if token not in CLAUSE_BREAK and not token[0].isdigit()]
    hits: dict[str, Counter[int]] = defaultdict(Counter)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    surface, stemmed = taxonomy.surface, taxonomy.stemmed
    surface_starts, stemmed_starts = taxonomy.surface_starts, taxonomy.stemmed_starts
    count = len(tokens)
    for index in _term_starts(tokens, taxonomy):
        token = tokens[index]
        # The longest term this token (or its stem) starts, per table; 0: it starts none there.
        surface_longest = surface_starts.get(token, 0)
        stemmed_longest = stemmed_starts.get(stem(token), 0)
        longest = min(MAX_PHRASE_WORDS, max(surface_longest, stemmed_longest), count - index)
        window = tokens[index : index + longest]
        roots = list(map(stem, window)) if stemmed_longest else window
        matched: set[tuple[str, int]] = set()
        words_for: dict[tuple[str, int], str] = {}
        # Lengths ascending, surface before stem within a length: a target keeps the words of its longest match.
        for length in range(1, longest + 1):
            words = None
            if length <= surface_longest:
                for target in surface.get(tuple(window[:length]), ()):
                    matched.add(target)
                    words_for[target] = words = words or " ".join(window[:length])
            if length <= stemmed_longest:
                for target in stemmed.get(tuple(roots[:length]), ()):
                    matched.add(target)
                    words_for[target] = words = words or " ".join(window[:length])
        for theme_id, group in matched:
            hits[theme_id][group] += 1
            evidence[theme_id][words_for[(theme_id, group)]] += 1
    token_count = max(len(tokens), 1)
    found = []
    for theme_id, group_hits in hits.items():
        theme = taxonomy.themes[theme_id]
        total = sum(group_hits.values())
        if len(group_hits) < theme.groups or total < theme.min_hits:
            continue
        found.append(
            {
                "theme": theme_id,
                "score": round(100.0 * total / token_count, 3),
                "evidence": [word for word, _ in evidence[theme_id].most_common(8)],
            }
        )
    return sorted(found, key=lambda item: (-item["score"], item["theme"]))
