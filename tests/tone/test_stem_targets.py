"""StemTargets answers exactly what stemming every word would, while skipping the stemmer for most words."""

from __future__ import annotations

from warta.lang.id.stemmer import stem_table
from warta.tone import lexicon
from warta.tone.lexicon import StemTargets, load_lexicon, stem
from warta.tone.themes import load_taxonomy

_PREFIXES = ("", "me", "mem", "men", "meng", "meny", "di", "ter", "ber", "pe", "pen", "peng", "per", "ke", "se",
             "memper", "diper")
_SUFFIXES = ("", "kan", "an", "i", "nya", "lah", "kannya", "annya", "pun", "-nya")


def _affixed_forms(roots: list[str]) -> list[str]:
    """Each root with prefixes and suffixes glued on (nasal recoding included: "tolak" -> "nolak"), reduplicated,
    and some words that are no Indonesian root at all."""
    forms = []
    for root in roots:
        bodies = {root, root[1:]}  # a prefix's nasal may replace the first letter
        forms += [p + b + s for p in _PREFIXES for b in bodies for s in _SUFFIXES]
        forms += [f"{root}-{root}", f"{root}-{root}an", f"ber{root}-{root}an", f"me{root}-{root[1:]}kan"]
    return forms + ["jokowi", "prabowo", "kemenlu", "ukraina", "café", "covid", "x", "k-pop", "ke-3"]


def _check(targets: StemTargets, words: list[str]) -> None:
    for word in words:
        plain = stem(word)
        assert targets.stem_in(word) == (plain if plain in targets.words else None), word


def test_lexicon_targets_answer_as_stemming_does() -> None:
    targets = load_lexicon().stem_targets
    assert targets is not None
    roots = sorted(targets.words)[::80] + ["kecam", "tolak", "serang", "pukul", "sapu", "kata", "ajar", "baik"]
    _check(targets, _affixed_forms(roots))


def test_theme_targets_answer_as_stemming_does() -> None:
    targets = load_taxonomy().stem_targets
    _check(targets, _affixed_forms(sorted(targets.words)[::10]))


def test_most_names_are_ruled_out_without_stemming(monkeypatch) -> None:
    targets = StemTargets({"kecam", "tolak", "serang"})
    calls: list[str] = []
    monkeypatch.setattr(lexicon, "stem", lambda word: calls.append(word) or stem(word))
    # words outside the stem table (lang/id/stems.tsv): the table of tails rules the names out, the rest is stemmed
    outside = ["prabowonya", "jokowilah", "ukrainanya", "surabayanya", "dikecamnya", "diserangnya"]
    assert not set(outside) & set(stem_table())
    for word in outside:
        targets.stem_in(word)
    assert calls == ["dikecamnya", "diserangnya"]
    # words in the stem table are answered from it, without ruling out or stemming
    for word in ["jokowi", "prabowo", "menolak", "dikecam", "serangan"]:
        targets.stem_in(word)
    assert calls == ["dikecamnya", "diserangnya"]
    assert targets.stem_in("menolak") == "tolak" and targets.stem_in("prabowo") is None
    assert targets.stem_in("dikecamnya") == "kecam" and targets.stem_in("prabowonya") is None
