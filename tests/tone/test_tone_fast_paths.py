"""The tone stage's fast paths give exactly what the plain code they replace gives.

Each reference below is the straightforward form of the rule (every token visited, every table consulted, one
sentence at a time); the package's versions skip work by caches, first-word sets and C-level passes.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.tone import keyphrases
from warta.tone.lexicon import (
    CLAUSE_BREAK,
    MAX_PHRASE_WORDS,
    load_lexicon,
    load_modifiers,
    stem,
    tokenize,
    tokenize_spans,
)
from warta.tone.scoring import ToneCounts, count_spans, count_tokens, pooled_tone
from warta.tone.themes import assign_themes, load_taxonomy

# ---------------------------------------------------------------------------------------------------- references


def plain_count_tokens(tokens: list[str]) -> ToneCounts:
    """Sentence tone, every token visited, every phrase length looked up."""
    lexicon, modifiers = load_lexicon(), load_modifiers()
    counts = ToneCounts()
    words = negation_left = index = 0
    boost = 1.0
    while index < len(tokens):
        token = tokens[index]
        if token in CLAUSE_BREAK:
            negation_left, boost = 0, 1.0
            index += 1
            continue
        if token[0].isdigit():
            index += 1
            continue
        words += 1
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in modifiers.negators and (token, following) not in modifiers.not_negation:
            negation_left = modifiers.scope
            index += 1
            continue
        if token in modifiers.intensifiers_before:
            boost *= modifiers.intensifiers_before[token]
            index += 1
            continue
        length, weight = 1, lexicon._look_up(token) or 0.0
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - index), 1, -1):
            if tuple(tokens[index : index + size]) in lexicon.phrases:
                length, weight = size, lexicon.phrases[tuple(tokens[index : index + size])]
                words += size - 1
                break
        if weight:
            weight *= boost
            if negation_left:
                weight *= modifiers.negation_factor
            after = tokens[index + length] if index + length < len(tokens) else ""
            weight *= modifiers.intensifiers_after.get(after, 1.0)
            counts.add_term(" ".join(tokens[index : index + length]), weight)
            negation_left, boost = 0, 1.0
        else:
            if negation_left:
                negation_left -= 1
            boost = 1.0
        index += length
    counts.words = words
    return counts


def plain_assign_themes(text: str) -> list[dict[str, Any]]:
    """Themes, every token's every length looked up in both tables (surface first, then stems)."""
    taxonomy = load_taxonomy()
    tokens = [token for token in tokenize(text) if token not in CLAUSE_BREAK and not token[0].isdigit()]
    stems = [stem(token) for token in tokens]
    hits: dict[str, Counter[int]] = defaultdict(Counter)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for index in range(len(tokens)):
        matched: set[tuple[str, int]] = set()
        words_for: dict[tuple[str, int], str] = {}
        for length in range(1, min(MAX_PHRASE_WORDS, len(tokens) - index) + 1):
            for sequence, table in ((tokens, taxonomy.surface), (stems, taxonomy.stemmed)):
                for target in table.get(tuple(sequence[index : index + length]), ()):
                    matched.add(target)
                    words_for[target] = " ".join(tokens[index : index + length])
        for theme_id, group in matched:
            hits[theme_id][group] += 1
            evidence[theme_id][words_for[(theme_id, group)]] += 1
    found = []
    for theme_id, group_hits in hits.items():
        theme = taxonomy.themes[theme_id]
        total = sum(group_hits.values())
        if len(group_hits) >= theme.groups and total >= theme.min_hits:
            evidence_words = [word for word, _ in evidence[theme_id].most_common(8)]
            found.append({"theme": theme_id, "score": round(100.0 * total / max(len(tokens), 1), 3), "evidence": evidence_words})
    return sorted(found, key=lambda item: (-item["score"], item["theme"]))


def plain_scan_runs(text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Words, lower-case words and runs of keyphrases._scan, split the plain way: punctuation and line breaks first,
    then the in-run breaks inside each piece, each run lower-cased on its own."""
    words: list[str] = []
    lowers: list[str] = []
    runs: list[tuple[int, int]] = []
    for piece in re.split(r"([^\w\s'’-]|\n)", text)[::2]:
        for run in keyphrases._INSIDE_RUN.split(piece):
            if run.split():
                runs.append((len(words), len(words) + len(run.split())))
                words.extend(run.split())
                lowers.extend(run.lower().split())
    return words, lowers, runs


def plain_candidates(scan: keyphrases._Scan) -> dict[tuple[str, ...], list[int]]:
    """Candidate occurrences: every run, every start, lengths 1 to 3, each word's class looked up afresh."""
    occurrences: dict[tuple[str, ...], list[int]] = {}
    classes = [
        keyphrases._NAME_CLASS if lower in scan.names else keyphrases._word_class(word)
        for word, lower in zip(scan.words, scan.lowers, strict=True)
    ]
    for joint in scan.joints:
        if joint + 1 < len(classes):
            classes[joint + 1] &= ~keyphrases._MAY_START
        if joint > 0:
            classes[joint - 1] &= ~keyphrases._MAY_END
    for start, end in scan.runs:
        for first in range(start, end):
            if not classes[first] & keyphrases._MAY_START:
                continue
            for length in range(1, keyphrases.MAX_WORDS + 1):
                last = first + length - 1
                if last >= end:
                    break
                breaks = any(classes[k] & keyphrases._BREAKS_INSIDE for k in range(first + 1, last))
                if classes[last] & keyphrases._MAY_END and not breaks:
                    occurrences.setdefault(tuple(scan.lowers[first : last + 1]), []).append(first)
    return occurrences


# ---------------------------------------------------------------------------------------------------- inputs


def _tone_vocabulary() -> list[str]:
    lexicon, modifiers = load_lexicon(), load_modifiers()
    words = sorted(lexicon.overlay_words)[:60] + sorted(lexicon.forms)[:40] + sorted(lexicon.lemmas)[:40]
    # Whole phrases (and their first words alone), so that phrases occur, complete or cut short.
    words += [" ".join(phrase) for phrase in sorted(lexicon.phrases)[::20]] + [phrase[0] for phrase in sorted(lexicon.phrases)[::40]]
    words += sorted(modifiers.negators) + sorted(modifiers.intensifiers_before) + sorted(modifiers.intensifiers_after)
    words += [first for first, _ in sorted(modifiers.not_negation)] + [second for _, second in sorted(modifiers.not_negation)]
    return words + ["mengecam", "dukungan", "kerugian", "pemerintah", "warga", "kota", "itu", "yang", "12", "3,5"]


def _theme_vocabulary() -> list[str]:
    taxonomy = load_taxonomy()
    words = sorted({word for term in taxonomy.surface for word in term})
    # Affixed forms, so that stems (not only surface forms) match.
    affixed = [form for word in words[::3] for form in (f"pe{word}an", f"me{word}", f"di{word}", f"{word}nya")]
    return words + affixed + ["dan", "yang", "itu", "warga", "2024", "Jakarta"]


TONE_WORDS = _tone_vocabulary()
THEME_WORDS = _theme_vocabulary()
PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", '"', "“", "”"]

tone_spans = st.lists(
    st.lists(st.one_of(st.sampled_from(TONE_WORDS), st.sampled_from(PUNCTUATION)), max_size=30).map(
        lambda parts: tokenize(" ".join(parts))
    ),
    max_size=6,
)
theme_texts = st.lists(
    st.one_of(st.sampled_from(THEME_WORDS), st.sampled_from(PUNCTUATION), st.just("\n")), max_size=80
).map(" ".join)


# ---------------------------------------------------------------------------------------------------- properties


def _as_tuple(counts: ToneCounts) -> tuple[object, ...]:
    return (counts.positive, counts.negative, counts.words, counts.positive_words, counts.negative_words, counts.terms)


@settings(max_examples=300, deadline=None)
@given(tone_spans)
def test_count_spans_is_plain_count_of_each_span(spans: list[list[str]]) -> None:
    expected = [_as_tuple(plain_count_tokens(tokens)) for tokens in spans]
    # Twice: the second run goes through the plain-token cache the first one filled.
    assert [_as_tuple(counts) for counts in count_spans(spans)] == expected
    assert [_as_tuple(counts) for counts in count_spans(spans)] == expected
    assert [_as_tuple(count_tokens(tokens)) for tokens in spans] == expected


def test_count_spans_on_the_demo_corpus() -> None:
    from warta.demo import corpus_dir

    for path in sorted(corpus_dir().glob("*.txt")):
        sentences = [tokenize(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert [_as_tuple(c) for c in count_spans(sentences)] == [_as_tuple(plain_count_tokens(s)) for s in sentences]


@settings(max_examples=300, deadline=None)
@given(theme_texts)
def test_assign_themes_is_the_plain_lookup(text: str) -> None:
    expected = plain_assign_themes(text)
    assert assign_themes(text) == expected
    assert assign_themes(text, tokenize(text)) == expected  # again, with the token classes remembered


def test_assign_themes_on_the_demo_corpus() -> None:
    from warta.demo import corpus_dir

    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_dir().glob("*.txt"))]
    assert any(plain_assign_themes(text) for text in texts)  # the corpus does meet themes
    for text in texts:
        assert assign_themes(text) == plain_assign_themes(text)


def test_punctuation_class_is_the_plain_pattern_on_every_code_point() -> None:
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    plain = re.compile(r"([^\w\s'’-]|\n)")
    assert keyphrases._PUNCTUATION.findall(every_character) == plain.findall(every_character)


keyphrase_texts = st.lists(
    st.one_of(
        st.sampled_from(["Menteri Luar Negeri", "AS", "U-22", "Rp129", "Ma'ruf", "bertubi-tubi", "2024", "di", "yang"]),
        st.sampled_from(["Pelabuhan", "Tanjung", "Wangi", "kapal", "pesiar", "Dibuka", "untuk", "Kapal", "mengatakan"]),
        st.sampled_from([" ", "  ", "\n", "\t", "\xa0", ".", ",", "(", ")", "-", "'", "’", "_", "“", "”", ":", "…"]),
        st.text(max_size=4),
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(keyphrase_texts)
def test_scan_words_and_runs_are_the_plain_split(text: str) -> None:
    scan = keyphrases._scan(text, keyphrases.load_model().stopwords)
    assert (scan.words, scan.lowers, scan.runs) == plain_scan_runs(text)


@settings(max_examples=200, deadline=None)
@given(keyphrase_texts)
def test_word_classes_are_word_class_of_each_word(text: str) -> None:
    words = keyphrases._scan(text, keyphrases.load_model().stopwords).words
    assert keyphrases._classes(words) == [keyphrases._word_class(word) for word in words]


@settings(max_examples=300, deadline=None)
@given(keyphrase_texts)
def test_candidates_are_the_plain_enumeration(text: str) -> None:
    scan = keyphrases._scan(text, keyphrases.load_model().stopwords)
    found = keyphrases._candidates(scan)
    expected = plain_candidates(scan)
    assert dict(found) == expected
    assert list(found) == list(expected)  # same order: _absorb visits them in it


def test_lower_casing_keeps_token_classes_on_every_code_point() -> None:
    # What tokenize_spans relies on: apart from "İ" (two characters) and "Σ" (final sigma, by context), lower-casing a
    # character gives one character that TOKEN treats alike.
    classes = re.compile(r"([^\W\d_])|(\d)|([.,;:!?()\"“”-])|(_)")

    def kind(char: str) -> tuple[bool, ...]:
        match = classes.fullmatch(char)
        return tuple(group is not None for group in match.groups()) if match else ()

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char in "İΣ":
            continue
        lowered = char.lower()
        assert len(lowered) == 1 and kind(lowered) == kind(char), hex(code)


span_texts = st.lists(
    st.one_of(
        st.sampled_from(["İstanbul", "ΟΔΟΣ", "ΑΣ.Β", "Σ", "Jakarta", "bertubi-tubi", "3,5", "2.000", "“Kami”", "(AS)"]),
        st.sampled_from([" ", ". ", ", ", "\n", "-", "ß", "Ǆ", "ǅ"]),
        st.text(max_size=5),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(span_texts, st.lists(st.integers(min_value=0, max_value=200), max_size=12))
def test_tokenize_spans_is_tokenize_of_each_slice(text: str, cuts: list[int]) -> None:
    bounds = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    spans = list(zip(bounds, bounds[1:], strict=False)) + [(0, len(text))]
    assert tokenize_spans(text, spans) == [tokenize(text[start:end]) for start, end in spans]


@settings(max_examples=200, deadline=None)
@given(tone_spans)
def test_pooled_tone_is_the_tone_of_added_counts(spans: list[list[str]]) -> None:
    parts = count_spans(spans)
    added = ToneCounts()
    for part in parts:
        added.add(part)
    expected = added.to_tone()
    assert pooled_tone(parts).model_dump_json() == expected.model_dump_json()
    assert type(expected).model_validate(expected.model_dump()) == expected  # the unvalidated Tone is a valid one


def test_word_character_is_what_backslash_w_matches_on_every_code_point() -> None:
    from warta.tone import _is_word_character

    word = re.compile(r"\w")
    assert all(
        (word.match(chr(code)) is not None) == _is_word_character(chr(code)) for code in range(sys.maxunicode + 1)
    )


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab _-.Jé1İ")), min_size=1, max_size=4),
    st.text(alphabet=st.sampled_from(list("ab _-.Jé1İ")), max_size=20),
)
def test_whole_word_in_is_the_plain_regex(form: str, title: str) -> None:
    from warta.tone import _whole_word_in

    plain = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", title) is not None
    assert _whole_word_in(form, title) == plain
