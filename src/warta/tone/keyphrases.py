"""Keyphrases per article with YAKE (unsupervised, language-independent; ships an Indonesian stopword list)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

import yake
from yake.data import DataCore

from warta.tone.lexicon import load_lexicon

MAX_WORDS = 3
TOP = 10
# YAKE's own duplicate filter: candidates more similar than this to a better one are dropped.
DEDUPLICATION_LIMIT = 0.7
_LINE_ENDINGS = (".", "!", "?", ":", ";", "\"", "”", "…")


@lru_cache(maxsize=1)
def _extractor() -> yake.KeywordExtractor:
    # Ask for extra candidates: some are dropped below (numbers, overlapping phrases).
    # YAKE's bundled Indonesian list misses some words ("untuk" is lost to a stray character); add the neutral
    # words shipped with warta.tone (stopwords-id) and data/keyphrase_stopwords.txt (dateline leftovers: WIB, Sep).
    extra = resources.files("warta.tone").joinpath("data/keyphrase_stopwords.txt").read_text(encoding="utf-8")
    dateline_words = {line.strip().lower() for line in extra.splitlines() if line.strip() and not line.startswith("#")}
    stopwords = set(yake.KeywordExtractor(lan="id").stopword_set) | load_lexicon().neutral | dateline_words
    return yake.KeywordExtractor(lan="id", n=MAX_WORDS, dedup_lim=DEDUPLICATION_LIMIT, top=TOP * 4, stopwords=stopwords)


def _ranked_phrases(extractor: yake.KeywordExtractor, text: str) -> Iterator[str]:
    """YAKE's `extract_keywords` phrases, best first, produced one at a time.

    Same candidates, scores, order and duplicate filter as the library's method (tests/tone/test_keyphrases.py
    checks that the two agree), but lazy: YAKE compares every candidate with every kept one until it has `top` of
    them, which was a seventh of its time, while extract_keyphrases mostly stops after a dozen.
    """
    config = extractor.config
    core = DataCore(
        text=text.replace("\n", " "),
        stopword_set=extractor.stopword_set,
        config={"windows_size": config["window_size"], "n": config["n"]},
    )
    core.build_single_terms_features(features=config["features"])
    core.build_mult_terms_features(features=config["features"])
    candidates = sorted((cand for cand in core.candidates.values() if cand.is_valid()), key=lambda cand: cand.h)
    kept: list[str] = []
    for cand in candidates:
        if any(extractor.dedup_function(cand.unique_kw, other) > config["dedup_lim"] for other in kept):
            continue
        kept.append(cand.unique_kw)
        yield cand.kw
        if len(kept) == config["top"]:
            return


def extract_keyphrases(text: str, top: int = TOP) -> list[str]:
    """The `top` keyphrases of a text, best first.

    Phrases with digits (dates, times, amounts) or that start or end with a stopword are skipped, and so is a phrase whose words contain, or are contained
    in, a better one's, or shares two words with it ("Rusia Kian" or "Kian Mesra Rusia" after "Rusia Kian Mesra"):
    YAKE's own similarity filter lets such near-duplicates through.
    """
    if not text.strip():
        return []
    # Headlines, captions and list items end without punctuation; close them so no phrase spans two lines.
    text = "\n".join(line if line.rstrip().endswith(_LINE_ENDINGS) else line.rstrip() + "." for line in text.splitlines())
    extractor = _extractor()
    stopwords = extractor.stopword_set
    phrases: list[str] = []
    kept_words: list[set[str]] = []
    for phrase in _ranked_phrases(extractor, text):
        if any(char.isdigit() for char in phrase):
            continue
        sequence = phrase.lower().split()
        if sequence[0] in stopwords or sequence[-1] in stopwords or len(phrase) < 3:
            continue
        words = set(sequence)
        if any(words <= kept or kept <= words or len(words & kept) >= 2 for kept in kept_words):
            continue
        kept_words.append(words)
        phrases.append(phrase)
        if len(phrases) == top:
            break
    return phrases
