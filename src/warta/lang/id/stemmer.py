"""Indonesian stems (PySastrawi), one stemmer and one bounded cache per process for every stage that stems.

Tone (its lexicon's lemmas and the themes' roots) and stories (topic terms) both stem with Sastrawi; sharing the
stemmer means its 30,000-word dictionary loads once and a word stemmed by one is not stemmed again by the other.
Sastrawi is slow per word (~40 affix rules, a regular expression compiled from the word itself on the way), so
callers stem only what they need (see `warta.tone.lexicon.StemTargets`), and the stems of a fixed vocabulary of ~40,000
words come from a table Sastrawi computed at build time (stems.tsv, `python scripts/build_stem_table.py`): Sastrawi
runs only for words outside it, with the same result either way.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's dictionary of root words: a stem it finds is one of these, or the word itself."""
    return frozenset(word for word in StemmerFactory().get_words() if word.strip())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer:
    # Sastrawi's plain stemmer: create_stemmer() wraps it in a cache without a size limit; `stem` has a bounded one.
    return Stemmer(ArrayDictionary(root_words()))


def sastrawi_stem(word: str) -> str:
    """What Sastrawi makes of a word, computed now (`stem` is the same, from the table where it can)."""
    return _stemmer().stem(word) or word


@lru_cache(maxsize=1)
def stem_table() -> dict[str, str]:
    """Word -> Sastrawi stem for the vocabulary of stems.tsv (built by scripts/build_stem_table.py)."""
    text = resources.files("warta.lang.id").joinpath("stems.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _tab, stemmed = line.partition("\t")
            table[word] = stemmed or word
    return table


@lru_cache(maxsize=200_000)  # distinct words of ~100,000 articles; well under the caches it replaces
def stem(word: str) -> str:
    """Sastrawi stem of a lower-case word (cached: news repeats its vocabulary); the word itself when it has none."""
    return stem_table().get(word) or sastrawi_stem(word)
