"""Speed work on real news must not change what is computed: on the words of news-dev-2025 (../shared, skipped when
absent), tone's stem tables (`StemTargets`, issue 22) answer exactly what stemming every word answers, and still rule
out a good share of the words without stemming them (the point of the tables). No timing here: speed is measured by
benchmarks/ (docs/performance.md), never by tests."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from warta.tone import lexicon
from warta.tone.lexicon import load_lexicon, stem, tokenize
from warta.tone.themes import load_taxonomy

ARTICLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news-dev-2025" / "articles.jsonl"
SAMPLE = 150  # articles: ~8,000 distinct words, a few seconds of stemming


@pytest.fixture(scope="module")
def words() -> list[str]:
    if not ARTICLES.is_file():
        pytest.skip("../shared is not present (only in the development workplace)")
    found: set[str] = set()
    with ARTICLES.open(encoding="utf-8") as fh:
        for line in islice(fh, SAMPLE):
            row = json.loads(line)
            found.update(tokenize(f"{row['title']}\n{row['text']}"))
    return sorted(word for word in found if word[0].isalpha())


def test_stem_tables_are_exact_on_real_words(words: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(lexicon, "stem", lambda word: calls.append(word) or stem(word))
    for targets in (load_lexicon().stem_targets, load_taxonomy().stem_targets):
        assert targets is not None
        calls.clear()
        for word in words:
            plain = stem(word)
            assert targets.stem_in(word) == (plain if plain in targets.words else None), word
        # measured: the lexicon's table stems 52 % of these words, the themes' 18 % (issue 22's aim:
        # no stemmer on the hot path for most words)
        assert len(calls) < 0.55 * len(words)
