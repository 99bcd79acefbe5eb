"""The tagger's per-word caches stay bounded on an open vocabulary, and clearing them never changes a tag."""

from __future__ import annotations

import random

import pytest

import warta.nlp.tagger as tagger_module
from warta.nlp.tagger import MODEL_DIR, EntityTagger


def _sentences(count: int) -> list[list[str]]:
    rnd = random.Random(3)
    words = ["Presiden", "Joko", "Widodo", "bertemu", "di", "Jakarta", "dan", "kata", "Menteri", "PT"]
    return [
        [rnd.choice(words) if i % 2 else "".join(rnd.choice("abcdeiklmnoprstu") for _ in range(6)).capitalize()
         for i in range(12)] + ["."]
        for _ in range(count)
    ]


def test_caches_bounded_and_tags_unchanged(monkeypatch: pytest.MonkeyPatch):
    sentences = _sentences(120)  # ~720 distinct made-up words
    reference = EntityTagger(MODEL_DIR).tag_sentences(sentences)

    monkeypatch.setattr(tagger_module, "_WORD_CACHE_LIMIT", 50)
    small = EntityTagger(MODEL_DIR)
    tags = [small.tag_sentences(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    assert [t for chunk in tags for t in chunk] == reference
    assert len(small.features._cache) <= 51
    assert small._rows is not None and len(small._rows._words) <= 51
    if small._table is not None:  # the fast path (taken unless the feature code changed)
        assert len(small._table._word_ids) <= 50 + 13 * 4
