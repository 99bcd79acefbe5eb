"""Sentiment lexicon lookup with affix-aware normalisation.

Two data files feed it (both in data/):

* inset_lemmas.tsv: derived from InSet by scripts/build_tone_lexicon.py (lemmas, surface exceptions, phrases);
* domain.tsv: a hand-curated overlay for international news. InSet was built from tweets, so it misses or mis-weighs
  the words news is made of (ancaman, sanksi, invasi) and weighs some neutral news words (keamanan, kebijakan,
  kepentingan) as sentiment. Overlay entries win over InSet; a weight of 0 neutralises a word.

A third file, neutral_words.txt (stopwords-id minus the overlay's words), keeps function words out: InSet weighs
"yang" -5 and "tidak" -5.

Lookup order for a token: overlay surface form, overlay lemma, neutral word (no score), InSet surface exception,
InSet lemma. The lemma is the
Sastrawi stem (PySastrawi), so "mengecam", "kecaman" and "dikecam" all reach "kecam".

Stemming is the costly part on real news: most words of an article are new to the process (names, rare words), and
Sastrawi runs ~40 affix rules on each, compiling a regular expression from the word itself on the way (which also
evicts every other module's patterns from `re`'s cache). But a lookup only needs the stem when it is one of a fixed
set of words (the lexicon's lemmas, the themes' roots), and a table built with the set (`StemTargets`) rules out most
words without the stemmer: see `StemTargets.stem_in`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from warta.lang.id.stemmer import root_words, stem, stem_table

# Letters with optional hyphenated reduplication (bertubi-tubi), or one punctuation mark that ends a clause.
TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[.,;:!?()\"“”]|\d+(?:[.,]\d+)*")
CLAUSE_BREAK = frozenset(".,;:!?()\"“”")
MAX_PHRASE_WORDS = 4
_UNSEEN = object()


# Suffix layers Sastrawi strips, outermost first (its RemoveInflectionalParticle, RemoveInflectionalPossessivePronoun
# and RemoveDerivationalSuffix rules), and whether hyphens before them go too ("bukan-lah").
_SUFFIX_LAYERS = ((("lah", "kah", "tah", "pun"), True), (("ku", "mu", "nya"), True),
                  (("is", "isme", "isasi", "i", "kan", "an"), False))
_STEMMABLE = re.compile(r"[a-z]+(?:-+[a-z]+)*")


def _bodies(word: str) -> set[str]:
    """The word with every combination of Sastrawi's suffix layers stripped from its end (the word itself too)."""
    bodies = {word}
    for suffixes, hyphens in _SUFFIX_LAYERS:
        for body in list(bodies):
            for suffix in suffixes:
                if body.endswith(suffix):
                    rest = body[: -len(suffix)]
                    bodies.add(rest.rstrip("-") if hyphens else rest)
    return bodies


class StemTargets:
    """A fixed set of words, with a table that tells, mostly without stemming, whether a word's stem is among them.

    Sastrawi's stem of a word is the word itself or a root of its dictionary, and it finds the root by stripping
    suffixes from the end and prefixes from the start, a prefix's last sound recoding at most the root's first letter
    ("menolak" -> "tolak", "memukul" -> "pukul"; hyphenated halves are stemmed the same way). So when the stem is a
    root other than the word, every letter of the root but the first ends one of `_bodies(word)`. The table holds
    those tails of the set's words that are Sastrawi roots: a word in the set, or one with a body ending in a tail, is
    stemmed; any other word's stem cannot be in the set, and it is not stemmed at all.
    """

    def __init__(self, words: frozenset[str] | set[str]) -> None:
        self.words = frozenset(words)
        roots = self.words & root_words()
        self._tails = frozenset(root[1:] for root in roots)
        # a one-letter root leaves an empty tail, which every word ends in: then the table rules nothing out
        self._always = "" in self._tails

    def stem_in(self, word: str) -> str | None:
        """`stem(word)` when that is one of the words, else None."""
        lemma = stem_table().get(word)  # a stem known without Sastrawi needs no ruling out
        if lemma is None and (
            self._always or word in self.words or not _STEMMABLE.fullmatch(word) or self._may_reach(word)
        ):
            lemma = stem(word)
        return lemma if lemma in self.words else None

    def _may_reach(self, word: str) -> bool:
        tails = self._tails
        return any(body[start:] in tails for body in _bodies(word) for start in range(len(body)))


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens, with clause punctuation kept as separate tokens."""
    return list(map(str.lower, TOKEN.findall(text)))


def tokenize_spans(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """[tokenize(text[start:end]) for start, end in spans], with the text lower-cased once rather than token by token.

    That is the same when lower-casing maps every character to one character of the same class (letter, digit,
    one of the marks TOKEN names) whatever its neighbours: true of every code point but "İ" (two characters) and
    "Σ" (final sigma depends on the next letter), so texts holding either take the plain way. TOKEN has no anchors
    or look-arounds, so matching between start and end is matching the slice.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        return [tokenize(text[start:end]) for start, end in spans]
    findall = TOKEN.findall
    return [findall(lowered, start, end) for start, end in spans]


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("warta.tone").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


@dataclass
class Lexicon:
    """Weights on InSet's scale (-5..+5): words, lemmas and multi-word phrases."""

    overlay_words: dict[str, float] = field(default_factory=dict)
    neutral: frozenset[str] = frozenset()
    forms: dict[str, float] = field(default_factory=dict)
    lemmas: dict[str, float] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)
    # First words of `phrases`, filled by load_lexicon: most tokens start no phrase, and checking that first saves
    # building up to three slices per token. None (a hand-built Lexicon) means: look every length up.
    phrase_starts: frozenset[str] | None = None
    # The lemmas a token's stem can usefully be (overlay words and InSet lemmas), filled by load_lexicon: a token
    # whose stem cannot be one of them is not stemmed. None (a hand-built Lexicon): every token is stemmed.
    stem_targets: StemTargets | None = None
    _weights: dict[str, float | None] = field(default_factory=dict, repr=False, compare=False)
    # Tokens scoring.count_text found plain (no weight, not a modifier or phrase start), filled as it goes.
    plain_tokens: set[str] = field(default_factory=set, repr=False, compare=False)

    def word_weight(self, token: str) -> float | None:
        # Memoised per lexicon: news repeats its words, and every sentence of every article looks them up.
        cached = self._weights.get(token, _UNSEEN)
        if cached is _UNSEEN:
            cached = self._weights[token] = self._look_up(token)
        return cached  # type: ignore[return-value]

    def _look_up(self, token: str) -> float | None:
        if token in self.overlay_words:
            return self.overlay_words[token]
        # None: the stem is neither an overlay word nor an InSet lemma (so it was not computed)
        lemma = stem(token) if self.stem_targets is None else self.stem_targets.stem_in(token)
        if lemma is not None and lemma in self.overlay_words:
            return self.overlay_words[lemma]
        if token in self.neutral:
            return None
        if token in self.forms:
            return self.forms[token]
        return self.lemmas.get(lemma) if lemma is not None else None

    def phrase_at(self, tokens: list[str], index: int) -> tuple[int, float] | None:
        """Longest phrase starting at tokens[index]: (length, weight), or None."""
        if self.phrase_starts is not None and tokens[index] not in self.phrase_starts:
            return None
        for length in range(min(MAX_PHRASE_WORDS, len(tokens) - index), 1, -1):
            weight = self.phrases.get(tuple(tokens[index : index + length]))
            if weight is not None:
                return length, weight
        return None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lexicon = Lexicon()
    for row in _data_lines("inset_lemmas.tsv")[1:]:
        term, weight, kind = row[0], float(row[1]), row[2]
        if kind == "phrase":
            lexicon.phrases[tuple(term.split())] = weight
        elif kind == "form":
            lexicon.forms[term] = weight
        else:
            lexicon.lemmas[term] = weight
    for row in _data_lines("domain.tsv"):
        term, weight = row[0].strip().lower(), float(row[1])
        words = tuple(term.split())
        if len(words) > 1:
            lexicon.phrases[words] = weight
        else:
            lexicon.overlay_words[term] = weight
    lexicon.neutral = frozenset(row[0].strip() for row in _data_lines("neutral_words.txt"))
    lexicon.phrase_starts = frozenset(words[0] for words in lexicon.phrases)
    lexicon.stem_targets = StemTargets(set(lexicon.overlay_words) | set(lexicon.lemmas))
    return lexicon


@dataclass(frozen=True)
class Modifiers:
    negators: frozenset[str]
    not_negation: frozenset[tuple[str, str]]
    intensifiers_before: dict[str, float]
    intensifiers_after: dict[str, float]
    negation_factor: float
    scope: int
    neutral_band: float
    aims: frozenset[str] = frozenset()
    aim_factor: float = 1.0
    shifts: dict[str, float] = field(default_factory=dict)  # direction word -> factor on its clause's other terms


@lru_cache(maxsize=1)
def load_modifiers() -> Modifiers:
    """Negators, intensifiers and their settings from data/modifiers.tsv."""
    negators: set[str] = set()
    not_negation: set[tuple[str, str]] = set()
    before: dict[str, float] = {}
    after: dict[str, float] = {}
    settings: dict[str, float] = {}
    aims: set[str] = set()
    shifts: dict[str, float] = {}
    for row in _data_lines("modifiers.tsv"):
        kind, term = row[0], row[1].strip().lower()
        if kind == "negator":
            negators.add(term)
        elif kind == "not_negation":
            first, second = term.split()
            not_negation.add((first, second))
        elif kind == "intensifier_before":
            before[term] = float(row[2])
        elif kind == "intensifier_after":
            after[term] = float(row[2])
        elif kind == "aim":
            aims.add(term)
        elif kind == "shift":
            shifts[term] = float(row[2])
        elif kind == "setting":
            settings[term] = float(row[2])
    return Modifiers(
        negators=frozenset(negators),
        not_negation=frozenset(not_negation),
        intensifiers_before=before,
        intensifiers_after=after,
        negation_factor=settings.get("negation_factor", -0.5),
        scope=int(settings.get("negation_scope", 3)),
        neutral_band=settings.get("neutral_band", 0.1),
        aims=frozenset(aims),
        aim_factor=settings.get("aim_factor", 1.0),
        shifts=shifts,
    )
