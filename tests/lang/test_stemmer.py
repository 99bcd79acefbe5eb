"""The stem table (stems.tsv, built by scripts/build_stem_table.py) gives Sastrawi's stems, and words outside it are
stemmed by Sastrawi itself, so `stem` is the same function whichever way a word goes."""

from __future__ import annotations

import pytest

import warta.lang.id.stemmer as stemmer
from warta.lang.id.stemmer import sastrawi_stem, stem, stem_table


def test_the_table_holds_sastrawis_stems() -> None:
    table = stem_table()
    assert len(table) > 30_000
    sample = sorted(table)[::40]  # ~1,000 words spread over the alphabet
    assert [table[word] for word in sample] == [sastrawi_stem(word) for word in sample]
    assert table["menolak"] == "tolak" and table["pertemuan"] == "temu" and table["jakarta"] == "jakarta"


def test_a_word_outside_the_table_goes_to_sastrawi() -> None:
    for word, expected in (("memperjuangkannya", "juang"), ("dikecamnya", "kecam"), ("xqzvtekanan", "xqzvtekanan")):
        assert word not in stem_table()
        assert stem(word) == sastrawi_stem(word) == expected


def test_a_word_in_the_table_is_stemmed_without_sastrawi(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(word: str) -> str:
        raise AssertionError(f"Sastrawi ran on {word!r}")

    stem.cache_clear()
    monkeypatch.setattr(stemmer, "sastrawi_stem", refuse)
    try:
        assert stem("berkeadilan") == "adil" and stem("kepemimpinannya") == "pimpin"
    finally:
        stem.cache_clear()
