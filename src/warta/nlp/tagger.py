"""Statistical named-entity tagger for Indonesian news: PER, ORG and LOC.

A linear-chain CRF (python-crfsuite) over word-shape, affix, context, word-cluster,
capitalisation-habit and gazetteer features. Everything it needs ships in `model/` beside this
file (trained by `warta.nlp.train`): the CRF weights, a lexicon (word -> clusters learnt from
unlabelled Indonesian text, and how often the word is written capitalised) and a gazetteer of
place names. It is loaded once per process and never touches the network. Raw text is split into
tokens by spaCy's Indonesian tokenizer with a few extra rules.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Generic, TextIO, TypeVar

import numpy as np
import pycrfsuite
from spacy.attrs import IS_SPACE
from spacy.lang.id import Indonesian
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

from warta.nlp.crf import UNKNOWN_ROW, CRFModel, ModelFormatError
from warta.nlp.kb import normalize
from warta.nlp.tokens import ChunkTokenizer, SpecialCasesOnDemand

MODEL_DIR = Path(__file__).with_name("model")
LABELS = ("PER", "ORG", "LOC")
CRF_FILE = "model.crfsuite"
LEXICON_FILE = "lexicon.tsv"
GAZETTEER_FILE = "gazetteer.tsv"
NAMES_FILE = "names.tsv"
META_FILE = "meta.json"

log = logging.getLogger(__name__)

# Extra infixes on top of spaCy's Indonesian rules: quotes and a colon/semicolon glued to a word
# ('Baswedan:"Tidak') are separate tokens in the training data, so split them in running text too.
_EXTRA_INFIXES = (
    r"[\"“”«»]",
    r"(?<=[^\W\d_])[:;](?=[^\W\d_]|[\"“'‘])",
)
# spaCy's Indonesian rules split digits around "/", which breaks dates such as 19/9/2022 apart.
_DROPPED_INFIXES = frozenset({r"(?<=[0-9])[\\/](?=[0-9%-])"})


class _PrefixSearch:
    """`compile_prefix_regex(pieces).search`, the same matches, cheaper on words without a prefix.

    spaCy writes the prefix rules as one pattern of alternatives each anchored with '^', and searches it: on a word
    with no prefix the search tries all ~170 alternatives at every position of the word, though an anchored
    alternative can only match at the first. Here the pattern is matched at the first position (the same
    alternatives in the same order, so the same match there) and searched further only when a rule that holds a
    '|' of its own (which can leave an alternative unanchored) matches further on.
    """

    def __init__(self, pieces: list[str]) -> None:
        self._pattern = compile_prefix_regex(pieces)
        unanchored = [piece for piece in pieces if "|" in piece]
        self._unanchored = compile_prefix_regex(unanchored) if unanchored else None

    def __call__(self, text: str) -> re.Match[str] | None:
        found = self._pattern.match(text)
        if found is None and self._unanchored is not None and self._unanchored.search(text, 1) is not None:
            found = self._pattern.search(text, 1)
        return found


@lru_cache(maxsize=1)
def indonesian_tokenizer() -> Tokenizer:
    """spaCy's rule-based Indonesian tokenizer with Warta's extra rules (no model needed), special cases loaded."""
    return _build_tokenizer(Indonesian.Defaults.tokenizer_exceptions)


def _build_tokenizer(rules: dict[str, Any] | None) -> Tokenizer:
    """The Indonesian tokenizer with `rules` as its special cases (None: none yet).

    Built directly rather than by `spacy.blank("id")` with its infixes set afterwards: each of those loads
    Indonesian's ~16,000 special cases (setting the infixes reloads them). The rules are the same as spaCy's default
    tokenizer factory's, with Warta's infixes.
    """
    defaults = Indonesian.Defaults
    infixes = [rule for rule in defaults.infixes or [] if rule not in _DROPPED_INFIXES] + list(_EXTRA_INFIXES)
    # Only token boundaries are read from it (warta.nlp.tokens: offset, length, is-space), and no rule looks at a
    # lexeme's attributes, so its vocabulary computes no others: spaCy runs every attribute getter (shape, norm,
    # like_num...) for each new word, ~30,000 times for the special cases and again per unseen word.
    getters: dict[Any, Callable[[str], Any]] = {IS_SPACE: LEX_ATTRS[IS_SPACE]}
    return Tokenizer(
        Vocab(lex_attr_getters=getters, writing_system=defaults.writing_system),
        rules=rules,
        prefix_search=_PrefixSearch(list(defaults.prefixes or [])),
        suffix_search=compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@lru_cache(maxsize=1)
def chunk_tokenizer() -> ChunkTokenizer:
    """The Indonesian tokenizer's token columns, memoised per whitespace-delimited chunk (see warta.nlp.tokens); its
    special cases are loaded as chunks that hold them come (`SpecialCasesOnDemand`: the same tokens, without the
    ~0.75 s of loading all ~16,000 in every process)."""
    rules = Indonesian.Defaults.tokenizer_exceptions
    return ChunkTokenizer(SpecialCasesOnDemand(_build_tokenizer(None), rules))


# --------------------------------------------------------------------------- features


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_REPEAT = re.compile(r"(.)\1\1+")  # a run of three or more of one character (two stay as they are)


class _ShapeTable(dict[int, str]):
    """Code point -> its shape character, for `str.translate`: 'X' or 'x' for a letter (by its case), 'd' for a
    digit, the character itself otherwise; each character's entry is computed on first sight by the two patterns
    that define the classes, so the table is exact for any text and costs a dictionary look-up per character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shape = _DIGIT.sub("d", _LETTER.sub(lambda match: "X" if match.group().isupper() else "x", char))
        self[code] = shape
        return shape


_SHAPES = _ShapeTable()


def word_shape(word: str) -> str:
    """Compressed shape: 'Jakarta' -> 'Xx', 'KPK' -> 'XX', '19/9/2022' -> 'dd/d/dd'."""
    # Every unseen word is shaped: a table per character rather than a pattern with a Python callback per letter.
    return _REPEAT.sub(_first_two, word.translate(_SHAPES))


def _first_two(match: re.Match[str]) -> str:
    return match.group()[:2]


_F = TypeVar("_F", str, int)  # a feature as a string, or as the row of a model's weight matrix
# Per word: (its own features, its lower case, its features as seen from each offset, its features that go last in
# its item, its knowledge-base key).
_WordParts = tuple[tuple[_F, ...], str, list[tuple[_F, ...]], tuple[_F, ...], str]
_WORD_CACHE_LIMIT = 20_000  # news vocabulary is open: keep memory bounded (each cached word holds ~5 KB of rows)
_PAIR_KEY = 1 << 32  # pair of word indices (each below the cache limit) -> one int key
_NO_PAIR = -1  # the key of a pair across two sentences (a word pair's key is not negative)


@dataclass(frozen=True, slots=True)
class _Encoding(Generic[_F]):
    """How features are written into items: as the strings themselves (training, pycrfsuite) or as weight rows."""

    code: Callable[[str], _F]
    word: Callable[[str], _WordParts[_F]]
    bias: _F
    bos: _F
    eos: _F
    pads: tuple[_F, ...]

    @classmethod
    def of(
        cls, code: Callable[[str], _F], word: Callable[[str], _WordParts[_F]], offsets: tuple[int, ...]
    ) -> _Encoding[_F]:
        return cls(
            code, word, code("bias"), code("BOS"), code("EOS"), tuple(code(f"{offset}pad") for offset in offsets)
        )


def _same(feature: str) -> str:
    return feature


@dataclass
class FeatureExtractor:
    """Turns a tokenised sentence into CRF feature strings.

    `lexicon` maps a lower-cased word to (cluster ids..., capitalisation habit); `gazetteer` maps a
    lower-cased token tuple to a kind of place (country, province, regency); `names` maps a
    normalised token tuple (`warta.nlp.kb.normalize`) to PER/ORG/LOC (the knowledge base's names and
    aliases, snapshotted into the model at training time). `org_heads` are words that head
    organisation names (Partai, Universitas, FC); `name_connectors` are lower-case words that may
    sit inside a capitalised name ("Dinas Kependudukan dan Catatan Sipil"). With `capital_runs`,
    each token of a run of capitalised words gets the run's length, its place in it and the run's
    first and last words: whole-name evidence a two-word window misses.
    """

    lexicon: dict[str, tuple[str, ...]]
    gazetteer: dict[tuple[str, ...], str]
    window: int = 2
    cluster_count: int = 2
    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    org_heads: frozenset[str] = frozenset()
    name_connectors: frozenset[str] = frozenset()
    capital_runs: bool = False
    long_affixes: bool = False
    _cache: dict[str, _WordParts[str]] = field(default_factory=dict, repr=False)
    _longest_name: int = field(default=0, repr=False)
    _first_words: frozenset[str] = field(default=frozenset(), repr=False)
    _offsets: tuple[int, ...] = field(default=(), repr=False)
    _longest_known_name: int = field(default=0, repr=False)
    _known_first_words: frozenset[str] = field(default=frozenset(), repr=False)
    _prefixes: frozenset[tuple[str, ...]] = field(default=frozenset(), repr=False)
    _known_prefixes: frozenset[tuple[str, ...]] = field(default=frozenset(), repr=False)
    _strings: _Encoding[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._longest_name = max(map(len, self.gazetteer), default=0)
        self._first_words = frozenset(name[0] for name in self.gazetteer)
        self._longest_known_name = max(map(len, self.names), default=0)
        self._known_first_words = frozenset(name[0] for name in self.names)
        self._prefixes = frozenset(name[:size] for name in self.gazetteer for size in range(1, len(name) + 1))
        self._known_prefixes = frozenset(name[:size] for name in self.names for size in range(1, len(name) + 1))
        self._offsets = tuple(offset for offset in range(-self.window, self.window + 1) if offset != 0)
        self._strings = _Encoding.of(_same, self._word_features, self._offsets)

    def _word_features(self, word: str) -> _WordParts[str]:
        """Cached per word: (its own features, its lower case, its features as seen from each offset,
        its features that go last in its item, its knowledge-base key)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        own, lower, shared, last, key = self.word_parts(word)
        # Precomputed "<offset><feature>" strings: building them per token dominated tagging time.
        by_offset = [tuple(f"{offset}{feature}" for feature in shared) for offset in self._offsets]
        if len(self._cache) > _WORD_CACHE_LIMIT:
            self._cache.clear()
        result = (own, lower, by_offset, last, key)
        self._cache[word] = result
        return result

    def word_parts(self, word: str) -> tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...], str]:
        """A word's features, not cached: (its own features, its lower case, its features its neighbours see, each
        written after the neighbour's offset, its features that go last in its item, its knowledge-base key)."""
        lower = word.lower()
        # Last in the item: crfsuite numbers features in order of appearance and training follows
        # that order, so the shipped model depends on it (see docs/quality.md).
        last: tuple[str, ...] = (f"p4={lower[:4]}", f"s4={lower[-4:]}") if self.long_affixes and len(lower) > 4 else ()
        last = tuple(feature.replace(":", "_colon_") for feature in last)
        known = self.lexicon.get(lower)
        # crfsuite's file formats read ":" as a weight separator: keep it out of feature names.
        safe, lower = word.replace(":", "_colon_"), lower.replace(":", "_colon_")
        clusters = known[: self.cluster_count] if known else ("?",) * self.cluster_count
        habit = known[self.cluster_count] if known else "?"
        shared = (f"w={lower}", f"sh={word_shape(safe)}", f"cap={habit}") + tuple(
            f"c{index}={cluster}" for index, cluster in enumerate(clusters)
        )
        own = (
            *shared,
            f"p2={lower[:2]}",
            f"p3={lower[:3]}",
            f"s2={lower[-2:]}",
            f"s3={lower[-3:]}",
            f"title={safe[:1].isupper()}",
            f"upper={safe.isupper()}",
        )
        key = (normalize(word) or word) if self.names else lower
        return own, lower, shared, last, key

    def habit(self, word: str) -> str:
        """How the word is usually written (upper, title, mixed, lower), '?' when unknown."""
        known = self.lexicon.get(word.lower())
        return known[self.cluster_count] if known else "?"

    def _gazetteer_tags(self, lowered: list[str], known_names: bool = False) -> list[str | None]:
        """Longest-match gazetteer annotation: 'B-country', 'I-regency', or None per token; with `known_names`,
        of the knowledge base's names ('B-ORG') in their keys."""
        if known_names:
            gazetteer, first_words = self.names, self._known_first_words
            longest, prefixes = self._longest_known_name, self._known_prefixes
        else:
            gazetteer, first_words, longest, prefixes = (
                self.gazetteer,
                self._first_words,
                self._longest_name,
                self._prefixes,
            )
        size = len(lowered)
        tags: list[str | None] = [None] * size
        resume = 0  # the token after the last match: matches do not overlap
        for index in [index for index, word in enumerate(lowered) if word in first_words]:
            if index < resume:
                continue
            # Grow the match word by word while some name still starts this way; keep the longest name seen.
            length, kind = 0, ""
            for end in range(index + 1, min(index + longest, size) + 1):
                words = tuple(lowered[index:end])
                if words not in prefixes:
                    break
                found = gazetteer.get(words)
                if found:
                    length, kind = end - index, found
            if length:
                tags[index] = f"B-{kind}"
                for inside in range(index + 1, index + length):
                    tags[inside] = f"I-{kind}"
                resume = index + length
        return tags

    def sentence_features(self, tokens: list[str]) -> list[list[str]]:
        """Each token's CRF features as strings (what training gives pycrfsuite)."""
        return self._items(tokens, self._strings)

    def _items(self, tokens: list[str], encoding: _Encoding[_F]) -> list[list[_F]]:
        """Each token's features, written by `encoding`: one code path for training and tagging, so the two cannot
        drift apart. The order of features in an item is part of the trained model (see `_word_features`)."""
        code = encoding.code
        words = [encoding.word(token) for token in tokens]
        gazetteer = self._gazetteer_tags([word[1] for word in words])
        size = len(tokens)
        bias, pads = encoding.bias, encoding.pads
        features: list[list[_F]] = []
        for index in range(size):
            own, lower, _, last, _ = words[index]
            item = [bias, *own]  # type: ignore[has-type]  # mypy loses the generic alias _WordParts here
            if index == 0:
                item.append(encoding.bos)
            if index == size - 1:
                item.append(encoding.eos)
            for slot, offset in enumerate(self._offsets):
                other = index + offset
                if 0 <= other < size:
                    item.extend(words[other][2][slot])
                    if (offset == -1 or offset == 1) and gazetteer[other]:
                        item.append(code(f"{offset}gz={gazetteer[other]}"))
                else:
                    item.append(pads[slot])
            if gazetteer[index]:
                item.append(code(f"gz={gazetteer[index]}"))
            if index > 0:
                item.append(code(f"bi-={words[index - 1][1]}|{lower}"))
            if index < size - 1:
                item.append(code(f"bi+={lower}|{words[index + 1][1]}"))
            item.extend(last)
            features.append(item)
        if self.names:
            self._add_name_features([word[4] for word in words], features, code)
        lowered = [word[1] for word in words]
        if self.org_heads:
            self._add_head_features(tokens, lowered, features, code)
        if self.capital_runs:
            self._add_run_features(tokens, lowered, features, code)
        return features

    def _add_name_features(self, keys: list[str], features: list[list[_F]], code: Callable[[str], _F]) -> None:
        """Longest-match membership in the knowledge base's names, typed: 'kb=B-ORG' (and at ±1)."""
        tags = self._gazetteer_tags(keys, known_names=True)
        size = len(keys)
        tagged = [position for position, tag in enumerate(tags) if tag]
        # only tokens at or next to a name get a feature (most tokens are neither)
        for index in sorted({index for position in tagged for index in (position - 1, position, position + 1)}):
            if not 0 <= index < size:
                continue
            item = features[index]
            if tags[index]:
                item.append(code(f"kb={tags[index]}"))
            if index > 0 and tags[index - 1]:
                item.append(code(f"-1kb={tags[index - 1]}"))
            if index < size - 1 and tags[index + 1]:
                item.append(code(f"1kb={tags[index + 1]}"))

    def _add_head_features(
        self, tokens: list[str], lowered: list[str], features: list[list[_F]], code: Callable[[str], _F]
    ) -> None:
        """'<offset>head' when a capitalised organisation head noun sits at offset -2..+1."""
        size, heads = len(tokens), self.org_heads
        for other in [other for other, word in enumerate(lowered) if word in heads]:
            if tokens[other][:1].isupper():
                for offset in (-2, -1, 0, 1):
                    index = other - offset
                    if 0 <= index < size:
                        features[index].append(code(f"{offset}head"))

    def capitalised_runs(self, tokens: list[str]) -> list[tuple[int, int]]:
        """(start, end) of each run of capitalised tokens; digits and connectors may continue a run."""
        capitalised = [token[:1].isupper() for token in tokens]
        size = len(tokens)
        result = []
        end = 0  # where the last run ended: runs do not overlap
        for index in [index for index, upper in enumerate(capitalised) if upper]:
            if index < end:
                continue
            end = index + 1
            while end < size and (
                capitalised[end]
                or tokens[end][:1].isdigit()
                or (tokens[end].lower() in self.name_connectors and end + 1 < size and capitalised[end + 1])
            ):
                end += 1
            result.append((index, end))
        return result

    def _add_run_features(
        self, tokens: list[str], lowered: list[str], features: list[list[_F]], code: Callable[[str], _F]
    ) -> None:
        for start, end in self.capitalised_runs(tokens):
            for index, strings in enumerate(self._run_features(tokens[start:end], lowered[start:end]), start):
                features[index] += map(code, strings)

    def _run_features(self, run: list[str], lowered: list[str]) -> list[list[str]]:
        """The features of each token of one capitalised run (`run` its tokens, `lowered` their lower case)."""
        length = len(run)
        first, last = lowered[0], lowered[-1]
        known = self.lexicon.get(run[0].lower())
        has_head = any(word in self.org_heads for word in lowered)
        result = []
        for index in range(length):
            place = "U" if length == 1 else "B" if index == 0 else "L" if index == length - 1 else "I"
            item = [f"run={min(length, 5)}{place}", f"runf={first}", f"runl={last}"]
            if index != 0:
                item.append(f"runf|pos={first}|{place}")
            if known:
                item.append(f"runfc={known[1] if len(known) > 2 else known[0]}")
            if has_head:
                item.append("runhead")
            result.append(item)
        return result

    def save(self, folder: Path) -> None:
        with (folder / LEXICON_FILE).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            for word in sorted(self.lexicon):
                writer.writerow([word, *self.lexicon[word]])
        with (folder / GAZETTEER_FILE).open("w", encoding="utf-8") as handle:
            for name in sorted(self.gazetteer):
                handle.write(f"{' '.join(name)}\t{self.gazetteer[name]}\n")
        if self.names:
            with (folder / NAMES_FILE).open("w", encoding="utf-8") as handle:
                for name in sorted(self.names):
                    handle.write(f"{' '.join(name)}\t{self.names[name]}\n")

    @staticmethod
    def _read_names(path: Path) -> dict[tuple[str, ...], str]:
        names: dict[tuple[str, ...], str] = {}
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    name, _, kind = line.rstrip("\n").partition("\t")
                    names[tuple(name.split(" "))] = kind
        return names

    @classmethod
    def load(cls, folder: Path, window: int, cluster_count: int, extras: dict | None = None) -> FeatureExtractor:
        """Read a model folder's lexicon and name lists; `extras` are meta.json's optional feature settings."""
        extras = extras or {}
        lexicon: dict[str, tuple[str, ...]] = {}
        with (folder / LEXICON_FILE).open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"):
                lexicon[row[0]] = tuple(row[1:])
        return cls(
            lexicon,
            cls._read_names(folder / GAZETTEER_FILE),
            window=window,
            cluster_count=cluster_count,
            names=cls._read_names(folder / NAMES_FILE),
            org_heads=frozenset(extras.get("org_heads", ())),
            name_connectors=frozenset(extras.get("name_connectors", ())),
            capital_runs=bool(extras.get("capital_runs", False)),
            long_affixes=bool(extras.get("long_affixes", False)),
        )


# --------------------------------------------------------------------------- the tagger


class _FeatureRows:
    """A feature extractor's items as rows of one model's weight matrix, with each word's rows cached."""

    def __init__(self, extractor: FeatureExtractor, model: CRFModel) -> None:
        self.extractor = extractor
        self.model = model
        self._words: dict[str, _WordParts[int]] = {}
        # A neighbour feature ('w=...', 'sh=Xx', 'c0=...') -> its rows as seen from each offset ('-2sh=Xx', ...):
        # most of a new word's neighbour features (shape, habit, clusters) are ones other words had.
        self._offset_rows: dict[str, tuple[int, ...]] = {}
        self.encoding = _Encoding.of(model.row, self._word, extractor._offsets)

    def _word(self, word: str) -> _WordParts[int]:
        cached = self._words.get(word)
        if cached is None:
            if len(self._words) > _WORD_CACHE_LIMIT:
                self._words.clear()
            cached = self._words[word] = self.word_rows(word)
        return cached

    def word_rows(self, word: str) -> _WordParts[int]:
        """The word's features as rows (`FeatureExtractor._word_features`' parts), not cached."""
        own, lower, shared, last, key = self.extractor.word_parts(word)
        row = self.model.rows.__getitem__
        seen = self._offset_rows
        if len(seen) > 4 * _WORD_CACHE_LIMIT:
            seen.clear()
        by_feature = []
        for feature in shared:
            rows = seen.get(feature)
            if rows is None:
                rows = seen[feature] = tuple(row(f"{offset}{feature}") for offset in self.extractor._offsets)
            by_feature.append(rows)
        # per offset, the rows of the shared features in their order (as `_word_features` writes them)
        by_offset = list(zip(*by_feature, strict=True))
        return tuple(map(row, own)), lower, by_offset, tuple(map(row, last)), key

    def items(self, tokens: list[str]) -> list[list[int]]:
        return self.extractor._items(tokens, self.encoding)


# Sentences that exercise every kind of feature (gazetteer places, knowledge-base names, head nouns, runs).
_CHECK_SENTENCES = (
    "Gubernur Jawa Tengah Rina Kartika meninjau Pelabuhan Tanjung Emas di Semarang , Senin ( 19/9/2022 ) .",
    "Kata Kepala Dinas Kependudukan dan Catatan Sipil Kota Malang , Agus Salim , kepada Bank Indonesia .",
    "Presiden Rusia Vladimir Putin bertemu Sekjen PBB di New York dan Universitas Nusa Cendana .",
    "KPK",
    "Harga Cabai Kian Mahal , Warga Medan Mulai Resah",
)


def _int_array(values: list[int]) -> np.ndarray:
    """A list of ints as an array (array.array reads a list far faster than numpy does)."""
    return np.frombuffer(array("q", values), dtype=np.int64)


class _ScoreTable:
    """State scores of many sentences at once, the same numbers as `_FeatureRows` gives, several times faster.

    An item is laid out in fixed columns in `FeatureExtractor._items`' order (a feature that is absent is
    UNKNOWN_ROW, which adds 0.0 wherever it stands, so the sums do not change): the word's own part, BOS, EOS,
    per context offset the neighbour's features / pad / neighbour's gazetteer tag, gazetteer tag, bigrams,
    4-letter affixes, then the knowledge-base, head-noun and capitalised-run features. Each word's own part
    (bias plus its own features) is the same for every occurrence, so its partial sum is cached per word; the
    neighbour columns are gathered with NumPy from per-word arrays. Only gazetteer matches, bigrams and the
    extras are built per sentence, by the extractor's own code. `EntityTagger` checks this against
    `_FeatureRows` when it loads and uses the latter if they ever disagree.
    """

    def __init__(self, rows: _FeatureRows) -> None:
        self.rows = rows
        self.model = rows.model
        self.extractor = extractor = rows.extractor
        self.offsets = extractor._offsets
        self.shared_size = 3 + extractor.cluster_count  # w, sh, cap and the cluster ids (see _word_features)
        self.last_size = 2 if extractor.long_affixes else 0
        self.neighbour_gazetteer = tuple(offset in (-1, 1) for offset in self.offsets)
        encoding = rows.encoding
        self.bos, self.eos, self.pads = encoding.bos, encoding.eos, encoding.pads
        self._gazetteer_rows: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._reset()

    def _reset(self) -> None:
        size = 1024
        self._word_ids: dict[str, int] = {}
        self._bigrams: dict[int, tuple[int, int]] = {_NO_PAIR: (UNKNOWN_ROW, UNKNOWN_ROW)}
        self._runs: dict[tuple[str, ...], list[list[int]]] = {}
        self._lowers: list[str] = []
        self._keys: list[str] = []
        self._own = np.zeros((size, len(self.model.labels)))
        self._neighbour = np.zeros((size, len(self.offsets), self.shared_size), dtype=np.intp)
        self._last = np.zeros((size, self.last_size), dtype=np.intp)

    def _word(self, word: str) -> int:
        """The word's index into the per-word arrays (added on first sight)."""
        own, lower, by_offset, last, key = self.rows.word_rows(word)  # cached here, by the word's index
        index = len(self._word_ids)
        if index == len(self._own):
            self._own = np.concatenate([self._own, np.zeros_like(self._own)])
            self._neighbour = np.concatenate([self._neighbour, np.zeros_like(self._neighbour)])
            self._last = np.concatenate([self._last, np.zeros_like(self._last)])
        self._own[index] = self.model.partial_score((self.rows.encoding.bias, *own))
        self._neighbour[index] = by_offset
        self._last[index, : len(last)] = last
        self._word_ids[word] = index
        self._lowers.append(lower)
        self._keys.append(key)
        return index

    def _gazetteer(self, tag: str) -> tuple[int, tuple[int, ...]]:
        """Rows of 'gz=<tag>' and of '<offset>gz=<tag>' per context offset."""
        found = self._gazetteer_rows.get(tag)
        if found is None:
            row = self.model.row
            found = (row(f"gz={tag}"), tuple(row(f"{offset}gz={tag}") for offset in self.offsets))
            self._gazetteer_rows[tag] = found
        return found

    def scores(self, sentences: list[list[str]]) -> np.ndarray:
        """State scores (tokens x labels) of the non-empty `sentences`, one after another; tokens hold no NUL."""
        tokens = [token for sentence in sentences for token in sentence]
        count = len(tokens)
        # news vocabulary is open: keep memory bounded (counting the words this call may add, not its tokens, so
        # that a call over many articles does not empty the cache far more often than one per article would)
        if len(self._word_ids) + count > _WORD_CACHE_LIMIT and len(self._word_ids) + len(
            set(tokens).difference(self._word_ids)
        ) > _WORD_CACHE_LIMIT:
            self._reset()
        if len(self._runs) > _WORD_CACHE_LIMIT:
            self._runs.clear()
        known = map(self._word_ids.get, tokens)
        ids = [self._index(token) if index is None else index for token, index in zip(tokens, known, strict=True)]
        lowers = list(map(self._lowers.__getitem__, ids))
        lengths = list(map(len, sentences))
        before, after = self._bigram_rows(ids, lowers, lengths)
        gazetteer = [0] * count
        neighbour_gazetteer = [[0] * count for _ in self.offsets]
        extras: list[list[int]] = [[] for _ in range(count)]
        start = 0
        for sentence, size in zip(sentences, lengths, strict=True):
            end = start + size
            words = lowers[start:end]
            if not self.extractor._first_words.isdisjoint(words):  # most sentences name no place
                self._gazetteer_columns(words, start, gazetteer, neighbour_gazetteer)
            self._extras(sentence, words, ids[start:end], extras[start:end])
            start = end
        return self._sum(np.array(ids, dtype=np.intp), lengths, gazetteer, neighbour_gazetteer, before, after, extras)

    def _index(self, word: str) -> int:
        """The word's index, the word added when new (looked up again: a new word seen twice is added once)."""
        index = self._word_ids.get(word)
        return self._word(word) if index is None else index

    def _bigram_rows(self, ids: list[int], lowers: list[str], lengths: list[int]) -> tuple[list[int], list[int]]:
        """Rows of 'bi-=<previous>|<word>' and of 'bi+=<word>|<next>' per token (UNKNOWN_ROW at a sentence's ends)."""
        bigrams = self._bigrams
        if len(bigrams) > 4 * _WORD_CACHE_LIMIT:
            bigrams.clear()
            bigrams[_NO_PAIR] = (UNKNOWN_ROW, UNKNOWN_ROW)
        # word pairs recur, so their two rows are cached under the pair of word indices; a pair across two
        # sentences is none
        indices = np.array(ids, dtype=np.int64)
        pairs = indices[:-1] * _PAIR_KEY + indices[1:]
        pairs[np.cumsum(lengths)[:-1] - 1] = _NO_PAIR
        keys = pairs.tolist()
        found = [
            rows or self._pair_rows(keys[position], lowers[position], lowers[position + 1])
            for position, rows in enumerate(map(bigrams.get, keys))
        ]
        after = [rows[0] for rows in found] + [UNKNOWN_ROW]
        before = [UNKNOWN_ROW] + [rows[1] for rows in found]
        return before, after

    def _pair_rows(self, key: int, word: str, following: str) -> tuple[int, int]:
        """Rows of 'bi+=<word>|<following>' and 'bi-=<word>|<following>', cached under the pair's key."""
        get, words_pair = self.model.rows.get, f"{word}|{following}"
        rows = self._bigrams[key] = (get("bi+=" + words_pair, UNKNOWN_ROW), get("bi-=" + words_pair, UNKNOWN_ROW))
        return rows

    def _gazetteer_columns(
        self, words: list[str], start: int, gazetteer: list[int], neighbour_gazetteer: list[list[int]]
    ) -> None:
        """The rows of a sentence's gazetteer tags ('gz=B-country') and of its neighbours' ('-1gz=...')."""
        size = len(words)
        tags = self.extractor._gazetteer_tags(words)
        for position, tag in [(position, tag) for position, tag in enumerate(tags) if tag]:
            own, seen = self._gazetteer(tag)
            gazetteer[start + position] = own
            for slot, offset in enumerate(self.offsets):
                if self.neighbour_gazetteer[slot] and 0 <= position - offset < size:
                    neighbour_gazetteer[slot][start + position - offset] = seen[slot]

    def _extras(self, sentence: list[str], words: list[str], ids: list[int], extras: list[list[int]]) -> None:
        """Add a sentence's knowledge-base, head-noun and capitalised-run rows to `extras` (one list per token)."""
        extractor, row = self.extractor, self.model.rows.__getitem__
        if extractor.names:
            keys = list(map(self._keys.__getitem__, ids))
            if not extractor._known_first_words.isdisjoint(keys):  # most sentences hold no known name
                extractor._add_name_features(keys, extras, row)
        if extractor.org_heads and not extractor.org_heads.isdisjoint(words):
            extractor._add_head_features(sentence, words, extras, row)
        if extractor.capital_runs:
            runs = self._runs
            # A run's features follow from its words alone (names recur): cache their rows per run.
            for first, last in extractor.capitalised_runs(sentence):
                run = tuple(sentence[first:last])
                cached_rows = runs.get(run)
                if cached_rows is None:
                    cached_rows = runs[run] = [
                        list(map(row, strings)) for strings in extractor._run_features(list(run), words[first:last])
                    ]
                for index, run_rows in enumerate(cached_rows, first):
                    extras[index] += run_rows

    def _sum(
        self,
        ids: np.ndarray,
        lengths: list[int],
        gazetteer: list[int],
        neighbour_gazetteer: list[list[int]],
        before: list[int],
        after: list[int],
        extras: list[list[int]],
    ) -> np.ndarray:
        count, window = len(ids), max(map(abs, self.offsets))
        sizes = np.array(lengths, dtype=np.intp)
        position = np.arange(count) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        remaining = np.repeat(sizes, sizes) - position  # tokens from this one to the end of its sentence
        # neighbours[window + t + offset] are the parts of token t's neighbour at that offset
        neighbours = np.zeros((count + 2 * window, len(self.offsets), self.shared_size), dtype=np.intp)
        neighbours[window : window + count] = self._neighbour[ids]
        listed = _int_array(gazetteer + before + after + [row for rows in neighbour_gazetteer for row in rows])
        listed = listed.reshape(-1, count)
        rows: list[np.ndarray] = [
            np.where(position == 0, self.bos, UNKNOWN_ROW),
            np.where(remaining == 1, self.eos, UNKNOWN_ROW),
        ]
        for slot, offset in enumerate(self.offsets):
            inside = (position + offset >= 0) if offset < 0 else (remaining > offset)
            seen = neighbours[window + offset : window + offset + count, slot].T
            rows += list(np.where(inside, seen, UNKNOWN_ROW))
            rows.append(np.where(inside, UNKNOWN_ROW, self.pads[slot]))
            if self.neighbour_gazetteer[slot]:
                rows.append(listed[3 + slot])
        rows += [listed[0], listed[1], listed[2]]
        if self.last_size:
            rows += list(self._last[ids].T)
        widths = np.fromiter(map(len, extras), dtype=np.intp, count=count)
        width = int(widths.max(initial=0))
        if width:
            extra = np.zeros((count, width), dtype=np.intp)
            extra[np.arange(width) < widths[:, None]] = _int_array([row for item in extras for row in item])
            rows += list(extra.T)
        return self.model.continued_scores(self._own[ids], np.array(rows))


class EntityTagger:
    """A loaded model: feature extractor + CRF.

    Tagging decodes the CRF with `warta.nlp.crf` (NumPy, the same tags as pycrfsuite, several times faster);
    pycrfsuite's own tagger stays available as `crf`, and is used when the model file cannot be read directly.
    """

    def __init__(self, folder: Path) -> None:
        self.meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        self.features = FeatureExtractor.load(
            folder, self.meta["window"], self.meta["cluster_count"], self.meta.get("extras")
        )
        self.model_path = folder / CRF_FILE
        self._table: _ScoreTable | None = None
        try:
            self._rows: _FeatureRows | None = _FeatureRows(self.features, CRFModel.read(self.model_path))
        except ModelFormatError as error:
            log.warning("tagging through pycrfsuite: %s", error)
            self._rows = None
            self.crf  # noqa: B018 - open it now, so a missing model fails here as before
            return
        table = _ScoreTable(self._rows)
        # The score table re-implements the layout of `FeatureExtractor._items`: should that change without the
        # table following, tag through the plain rows (same tags, slower) rather than give different ones.
        check = [self.recase_title_case(line.split(" ")) for line in _CHECK_SENTENCES]
        plain = self._rows.model.state_scores([item for tokens in check for item in self._rows.items(tokens)])
        if np.array_equal(table.scores(check), plain):
            self._table = table
        else:
            log.warning("entity tagger: fast feature table disagrees with the feature code; using the plain path")

    @cached_property
    def crf(self) -> pycrfsuite.Tagger:
        """pycrfsuite's tagger over the same model file (the reference the NumPy decoder is tested against)."""
        crf = pycrfsuite.Tagger()
        crf.open(str(self.model_path))
        return crf

    def tag(self, tokens: list[str]) -> list[str]:
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Sequence[list[str]]) -> list[list[str]]:
        """BIO tags for each sentence; the sentences are decoded together, which is much cheaper than one by one."""
        if self._rows is None:
            return [
                self.crf.tag(self.features.sentence_features(self.recase_title_case(tokens))) for tokens in sentences
            ]
        recased = [self.recase_title_case(tokens) for tokens in sentences if tokens]
        if not recased:
            return [[] for _ in sentences]
        if self._table is not None and "\0" not in "".join(map("".join, recased)):
            scores = self._table.scores(recased)
        else:
            scores = self._rows.model.state_scores([item for tokens in recased for item in self._rows.items(tokens)])
        decoded = iter(self._rows.model.decode_many(scores, [len(tokens) for tokens in recased]))
        return [next(decoded) if tokens else [] for tokens in sentences]

    def recase_title_case(self, tokens: list[str]) -> list[str]:
        """Lower-case ordinary words in a Title Case Headline ("Harga Cabai Kian Mahal").

        The training text is sentence case, so a capitalised ordinary word reads as a name. A sentence
        counts as title case when at least two non-initial words that the lexicon knows as usually
        lower-case are capitalised and capitalised words make up at least 80 % of its words.
        """
        words = [index for index, token in enumerate(tokens) if index > 0 and token[:1].isalpha()]
        capitalised = [index for index in words if tokens[index][:1].isupper() and not tokens[index].isupper()]
        if len(capitalised) < 0.8 * len(words):  # checked first: it rules out most sentences without a lookup
            return tokens
        ordinary = {index for index in capitalised if self.features.habit(tokens[index]) == "lower"}
        if len(ordinary) < 2:
            return tokens
        return [token.lower() if index in ordinary else token for index, token in enumerate(tokens)]


_WHITESPACE = re.compile(r"\s")
_SENTENCE_MARKS = frozenset({".", "?", "!"})
_BATCH_SENTENCES = 64  # sentences decoded together by the batch functions (arrays are padded to the longest)


def _clean_token(token: str) -> str:
    # Keep odd input tokens (empty, inner whitespace) in place so the output stays aligned.
    if token.isalnum():  # most tokens: non-empty, no white space
        return token
    return _WHITESPACE.sub("_", token) or "_"


@lru_cache(maxsize=1)
def load_tagger() -> EntityTagger:
    """Load the shipped entity tagger (cached: once per process)."""
    if not (MODEL_DIR / CRF_FILE).exists():
        raise FileNotFoundError(f"entity tagger model missing: {MODEL_DIR}")
    return EntityTagger(MODEL_DIR)


def _sentence_ranges(texts: list[str], spaces: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Token ranges of sentences, so the CRF sees sentence-sized input: a break at a line break, and
    after . ? ! when the next word does not start in lower case ("Tbk. di Jakarta" stays one).
    `texts` and `spaces` are the tokens' texts and whether each is white space."""
    start = 0
    size = len(texts)
    for index, text in enumerate(texts):
        if spaces[index] and "\n" in text:
            boundary = True
        elif text in _SENTENCE_MARKS:
            following = [texts[other] for other in range(index + 1, min(index + 3, size)) if not spaces[other]]
            boundary = not following or not following[0][:1].islower()
        else:
            boundary = False
        if boundary:
            yield start, index + 1
            start = index + 1
    if start < size:
        yield start, size


def tag_entities(text: str) -> list[tuple[int, int, str]]:
    """Character spans (start, end, label) of PER/ORG/LOC entities in raw running text."""
    return tag_entities_many([text])[0]


def tag_entities_many(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """`tag_entities` for several texts at once: the same spans, cheaper, because the sentences of all the texts are
    scored and decoded together (fewer, larger NumPy operations)."""
    tagger = load_tagger() if any(text.strip() for text in texts) else None
    tokenize = chunk_tokenizer() if tagger is not None else None
    prepared: list[tuple[list[int], list[int], list[list[int]]]] = []
    batch: list[list[str]] = []
    for text in texts:
        if tokenize is None or not text.strip():
            prepared.append(([], [], []))
            continue
        # The tokens as plain lists (spaCy Token objects are costly to create), spaCy's own tokens chunk by chunk.
        starts, sizes, spaces = tokenize(text)
        words = [text[begin : begin + size] for begin, size in zip(starts, sizes, strict=True)]
        sentences = [
            [index for index in range(first, last) if not spaces[index]] for first, last in _sentence_ranges(words, spaces)
        ]
        prepared.append((starts, sizes, sentences))
        batch += [[_clean_token(words[index]) for index in indices] for indices in sentences]
    tagged = iter(tagger.tag_sentences(batch) if tagger is not None else [])
    return [_spans(starts, sizes, sentences, tagged) for starts, sizes, sentences in prepared]


def _spans(
    starts: list[int], sizes: list[int], sentences: list[list[int]], tagged: Iterator[list[str]]
) -> list[tuple[int, int, str]]:
    """Character spans from the BIO tags of one text's sentences (taken from `tagged`, in order)."""
    spans: list[tuple[int, int, str]] = []
    for indices in sentences:
        tags = next(tagged)
        open_span: list = []
        for index, tag in [*zip(indices, tags, strict=True), (None, "O")]:
            if tag == "O" and not open_span and index is not None:  # most tokens: nothing to open or close
                continue
            prefix, _, label = tag.partition("-")
            if open_span and (prefix != "I" or label != open_span[2]):
                spans.append((open_span[0], open_span[1], open_span[2]))
                open_span = []
            if index is None:
                break
            if prefix == "I" and open_span:
                open_span[1] = starts[index] + sizes[index]
            elif prefix in ("B", "I") and label in LABELS:
                open_span = [starts[index], starts[index] + sizes[index], label]
    return spans


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags (B-PER, I-ORG, O, ...) for one pre-tokenised sentence."""
    return load_tagger().tag([_clean_token(token) for token in tokens])


def tag_token_batches(sentences: Iterable[list[str]], tagger: EntityTagger | None = None) -> Iterator[list[str]]:
    """BIO tags for many pre-tokenised sentences; `tagger` defaults to the shipped model."""
    tagger = tagger or load_tagger()
    pending = iter(sentences)
    while batch := list(islice(pending, _BATCH_SENTENCES)):
        yield from tagger.tag_sentences([[_clean_token(token) for token in tokens] for tokens in batch])


def _read_sentences(instream: TextIO) -> Iterator[list[str]]:
    tokens: list[str] = []
    for line in instream:
        line = line.rstrip("\r\n")
        if not line.strip():
            if tokens:
                yield tokens
            tokens = []
            continue
        if line.startswith("-DOCSTART-"):
            continue
        tokens.append(line.split("\t")[0] if "\t" in line else line.split()[0])
    if tokens:
        yield tokens


def tag_conll(instream: TextIO, outstream: TextIO) -> int:
    """Tag CoNLL input (first column = token, blank line between sentences).

    Writes `token<TAB>BIO-tag` lines with a blank line after each sentence; returns the number of
    sentences written.
    """
    count = 0
    batches = _read_sentences(instream)
    while batch := list(islice(batches, _BATCH_SENTENCES)):
        for tokens, tags in zip(batch, tag_token_batches(batch), strict=True):
            outstream.writelines(f"{token}\t{tag}\n" for token, tag in zip(tokens, tags, strict=True))
            outstream.write("\n")
            count += 1
    return count
