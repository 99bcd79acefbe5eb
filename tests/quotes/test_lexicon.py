"""The word lists in src/warta/quotes/data load with valid classes and generated -nya forms."""

from __future__ import annotations

from typing import get_args

from warta.quotes.lexicon import CueClass, PronounClass, RoleClass, lexicon


def test_cue_classes_are_known() -> None:
    lex = lexicon()
    assert {cue.cls for cue in lex.cues.values()} <= set(get_args(CueClass))
    for word in ("kata", "ujar", "mengatakan", "menegaskan", "menurut", "lapor"):
        assert word in lex.cues


def test_nya_forms_point_at_the_person_in_focus() -> None:
    lex = lexicon()
    for word in ("katanya", "ujarnya", "tegasnya", "imbuhnya", "menurutnya"):
        assert lex.cues[word].pronoun_suffix, word
    assert "mengatakannya" not in lex.cues  # long verbs take no -nya form


def test_roles_and_pronouns_have_known_classes() -> None:
    lex = lexicon()
    assert set(lex.roles.values()) <= set(get_args(RoleClass))
    assert set(lex.pronouns.values()) <= set(get_args(PronounClass))
    assert lex.role_at(["juru", "bicara", "kemlu"], 0) == ("agent", 2)
    assert lex.role_at(["seorang", "pejabat"], 0) == ("determiner", 1)


def test_media_and_citing_phrases() -> None:
    lex = lexicon()
    assert lex.is_media("Reuters") and lex.is_media("al jazeera") and not lex.is_media("Kementerian Luar Negeri")
    assert ("dikutip", "dari") in lex.cite_phrases
    assert lex.cite_phrases == sorted(lex.cite_phrases, key=len, reverse=True)  # longest phrase is tried first


def test_grammar_word_classes_are_loaded() -> None:
    words = lexicon().words
    assert set(words) == {
        "not_subject_before", "negation", "negation_gap", "verb_particle", "anaphoric", "conjunction", "after_cue",
        "names_next", "example", "document",
    }
    assert "kepada" in words["not_subject_before"] and "tidak" in words["negation"] and "itu" in words["anaphoric"]
