"""The light stemmer proposes roots; the dictionary picks the one it knows."""

from __future__ import annotations

import pytest

from warta.events.lexicon import find_cues, tokenize
from warta.events.stem import stem_candidates


@pytest.mark.parametrize(
    ("word", "root"),
    [("bertemu", "temu"), ("menemui", "temu"), ("pertemuan", "temu"), ("menyepakati", "sepakat"),
     ("bersepakat", "sepakat"), ("kesepakatan", "sepakat"), ("mengecam", "kecam"), ("menuduh", "tuduh"),
     ("menolak", "tolak"), ("mendukung", "dukung"), ("dukungannya", "dukung"), ("pembicaraan", "bicara"),
     ("mengunjungi", "kunjung"), ("dipertemukan", "temu"), ("mengerahkan", "kerah"), ("penarikan", "tarik"),
     ("memukul", "pukul"), ("menyerang", "serang"), ("mengebom", "bom"), ("mewanti-wanti", "wanti-wanti")],
)
def test_root_is_among_candidates(word: str, root: str) -> None:
    candidates = stem_candidates(word)
    assert candidates[0] == word
    assert root in candidates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("Kedua menteri bertemu di Hanoi.", [("bertemu", "CONSULT")]),
     ("Pertemuan berlangsung tertutup.", [("Pertemuan", "CONSULT")]),
     ("Mereka menyepakati gencatan senjata.", [("menyepakati", "AGREE"), ("gencatan senjata", "RETREAT")]),
     ("AS memperingatkan Iran.", [("memperingatkan", "THREATEN")]),
     ("Kedua negara menggelar latihan angkatan laut bersama.", [("latihan angkatan laut bersama", "COOPERATE")]),
     ("AS menjatuhkan sanksi baru.", [("menjatuhkan sanksi", "SANCTION")]),
     ("Polisi menemukan senjata.", []),
     ("China menahan diri.", []),
     ("Data itu menunjukkan rasa percaya diri.", []),
     ("Ia mempertahankan gelarnya.", []),
     # "kerja bersama" is no "kerja sama" (COOPERATE); the working meeting itself is a consultation
     ("Menteri hadir dalam rapat kerja bersama Komisi XI.", [("rapat", "CONSULT")]),
     ("Kapal itu merapat di pelabuhan.", []),
     ("Gelombang pemutusan hubungan kerja melanda pabrik.", []),
     ("Permintaan listrik turun tajam.", []),
     ("Kata dia saat ditemui wartawan.", []),
     ("Rusia mengecam sanksi yang dikenakan Barat.", [("mengecam", "ACCUSE"), ("sanksi yang dikenakan", "SANCTION")]),
     ("Mereka menarik pasukannya dari kota itu.", [("menarik pasukannya", "RETREAT")])],
)
def test_dictionary_cues(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.text, c.action.type) for c in find_cues(sentence, tokenize(sentence))] == expected
