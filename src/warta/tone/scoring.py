"""Lexicon-based tone of a text span, with negation and intensifiers.

Each sentiment term contributes its weight (InSet scale, -5..+5) divided by 5, so a full-strength word counts 1.
Sums over a span give P (positive) and N (negative, as a positive number); the record's Tone fields are:

* positive / negative: P and N per 100 words (a weighted version of GDELT's "percentage of positive words");
* polarity: (P - N) / (P + N + 1), in (-1, 1); the +1 keeps one weak word from reading as fully polar;
* words, positive_words, negative_words: counts.

An article's polarity is damped by its length and weighs its headline twice (`article_tone`); an entity's comes from
its portrayal (`warta.tone.portrayal`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from warta.record import Tone, trusted
from warta.tone.lexicon import CLAUSE_BREAK, Lexicon, Modifiers, load_lexicon, load_modifiers, tokenize

FULL_WEIGHT = 5.0


@dataclass
class ToneCounts:
    """Additive sums behind a Tone, so that sentences can be pooled before normalising."""

    positive: float = 0.0
    negative: float = 0.0
    words: int = 0
    positive_words: int = 0
    negative_words: int = 0
    terms: list[tuple[str, float]] = field(default_factory=list)  # (words, signed weight after modifiers): evidence

    def add(self, other: ToneCounts) -> None:
        self.positive += other.positive
        self.negative += other.negative
        self.words += other.words
        self.positive_words += other.positive_words
        self.negative_words += other.negative_words
        self.terms.extend(other.terms)

    def add_term(self, words: str, weight: float) -> None:
        self.terms.append((words, round(weight, 2)))
        if weight > 0:
            self.positive += weight / FULL_WEIGHT
            self.positive_words += 1
        elif weight < 0:
            self.negative += -weight / FULL_WEIGHT
            self.negative_words += 1

    def to_tone(self) -> Tone:
        return _tone(self.positive, self.negative, self.words, self.positive_words, self.negative_words)


# An article's polarity weighs how much of it evaluates: (P - N) / (P + N + 1 + words / ARTICLE_WORDS_PER_UNIT), so a
# 300-word report with two mild positive words stays near 0 while a piece dense with praise or condemnation reaches
# the ends of the scale; the headline, which sets the frame, counts TITLE_WEIGHT times.
ARTICLE_WORDS_PER_UNIT = 100.0
TITLE_WEIGHT = 2.0


def _tone(
    positive: float, negative: float, words: int, positive_words: int, negative_words: int, prior: float = 1.0
) -> Tone:
    per_100 = 100.0 / words if words else 0.0
    polarity = (positive - negative) / (positive + negative + prior)
    # Built without validation (an article makes one per entity): the values are already the fields' types.
    return trusted(
        Tone,
        {
            "positive": round(positive * per_100, 3),
            "negative": round(negative * per_100, 3),
            "polarity": round(polarity, 4),
            "words": words,
            "positive_words": positive_words,
            "negative_words": negative_words,
        },
    )


def pooled_tone(parts: Iterable[ToneCounts], prior: float = 1.0) -> Tone:
    """The Tone of several spans together: the same sums, in the same order, as ToneCounts.add over them, without
    gathering their evidence terms (which the Tone does not use). `prior` is the polarity's smoothing constant."""
    positive = negative = 0.0
    words = positive_words = negative_words = 0
    for part in parts:
        positive += part.positive
        negative += part.negative
        words += part.words
        positive_words += part.positive_words
        negative_words += part.negative_words
    return _tone(positive, negative, words, positive_words, negative_words, prior)


def article_tone(title: ToneCounts | None, sentences: list[ToneCounts]) -> Tone:
    """An article's Tone: the fields of pooled_tone over title and sentences, but a polarity that weighs the headline
    TITLE_WEIGHT times and is damped by length (ARTICLE_WORDS_PER_UNIT): the density of evaluation, not its sign
    alone, separates evaluative coverage from a report that happens to hold a few polar words."""
    parts = ([title] if title is not None else []) + sentences
    tone = pooled_tone(parts)
    positive = sum(part.positive for part in parts)
    negative = sum(part.negative for part in parts)
    if title is not None:
        positive += (TITLE_WEIGHT - 1.0) * title.positive
        negative += (TITLE_WEIGHT - 1.0) * title.negative
    polarity = (positive - negative) / (positive + negative + 1.0 + tone.words / ARTICLE_WORDS_PER_UNIT)
    return trusted(Tone, {**tone.__dict__, "polarity": round(polarity, 4)})


def _negates(tokens: list[str], index: int, modifiers: Modifiers) -> bool:
    if tokens[index] not in modifiers.negators:
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return (tokens[index], following) not in modifiers.not_negation


def count_text(text: str, lexicon: Lexicon | None = None, modifiers: Modifiers | None = None) -> ToneCounts:
    """Sentiment sums of one span of text (a sentence, a paragraph or a whole body)."""
    return count_tokens(tokenize(text), lexicon, modifiers)


def count_tokens(tokens: list[str], lexicon: Lexicon | None = None, modifiers: Modifiers | None = None) -> ToneCounts:
    """count_text for a span already tokenised with warta.tone.lexicon.tokenize."""
    return count_spans([tokens], lexicon, modifiers)[0]


def count_spans(
    spans: Iterable[list[str]], lexicon: Lexicon | None = None, modifiers: Modifiers | None = None
) -> list[ToneCounts]:
    """count_tokens of each span (the sentences of an article), with the set-up done once for all of them."""
    lexicon = lexicon or load_lexicon()
    default_modifiers = load_modifiers()
    modifiers = modifiers or default_modifiers
    # Most tokens are plain: no clause break, number, negator, intensifier, aim, phrase start or weight. Those already
    # seen are remembered on the lexicon (valid for the default modifiers only) and take a short path.
    plain = lexicon.plain_tokens if modifiers is default_modifiers and lexicon.phrase_starts is not None else None
    return [_count_span(tokens, lexicon, modifiers, plain) for tokens in spans]


def _count_span(tokens: list[str], lexicon: Lexicon, modifiers: Modifiers, plain: set[str] | None) -> ToneCounts:
    """One span's sums: each term's weight, scaled by a pending intensifier, a negator in scope and an open aim."""
    # Hot loop (every sentence of every article): attribute look-ups hoisted into locals, and the cheap set tests
    # (negator? phrase start?) made before the calls they guard.
    negators, intensifiers_before, aims = modifiers.negators, modifiers.intensifiers_before, modifiers.aims
    shifts = modifiers.shifts
    phrase_starts, word_weight = lexicon.phrase_starts, lexicon.word_weight
    counts = ToneCounts()
    clause: list[tuple[str, float]] = []  # the clause's terms, added when it ends (a direction word may scale them)
    shift = 1.0  # a direction word's factor on the clause's terms: "PHK melonjak", "angka kemiskinan turun"
    words = 0
    negation_left = 0  # tokens still inside a negator's scope
    boost = 1.0  # pending intensifier for the next term
    aim = 1.0  # aim_factor inside a stated aim ("agar ...", "untuk ..."), up to the clause's end
    resume = 0  # the token after a phrase: the phrase's other tokens are not visited
    end = len(tokens)
    for index, token in enumerate(tokens):
        if index < resume:
            continue
        if plain is not None and token in plain:
            words += 1
            if negation_left:
                negation_left -= 1
            boost = 1.0
            continue
        if token in CLAUSE_BREAK:
            # a stated aim runs on over a comma ("agar warga nyaman, sehat dan bahagia"), not past the clause's end
            negation_left, boost, aim = 0, 1.0, aim if token == "," else 1.0
            _flush(counts, clause, shift)
            shift = 1.0
            continue
        if token[0].isdigit():
            continue
        words += 1
        if token in negators and _negates(tokens, index, modifiers):
            negation_left = modifiers.scope
            continue
        if token in intensifiers_before:
            boost *= intensifiers_before[token]
            continue
        if token in aims:
            aim = modifiers.aim_factor
            continue
        if token in shifts:
            if not negation_left:
                shift = shifts[token]
            negation_left = 0
            continue
        phrase = lexicon.phrase_at(tokens, index) if phrase_starts is None or token in phrase_starts else None
        if phrase:
            length, weight = phrase
            words += length - 1
            resume = index + length
        else:
            length, weight = 1, word_weight(token) or 0.0
        if weight:
            weight *= boost * aim
            if negation_left:
                weight *= modifiers.negation_factor
            after = tokens[index + length] if index + length < end else ""
            weight *= modifiers.intensifiers_after.get(after, 1.0)
            clause.append((" ".join(tokens[index : index + length]), weight))
            negation_left, boost = 0, 1.0
        else:
            if negation_left:
                negation_left -= 1
            boost = 1.0
            if plain is not None and length == 1 and token not in negators and token not in phrase_starts:  # type: ignore[operator]
                plain.add(token)
    _flush(counts, clause, shift)
    counts.words = words
    return counts


def _flush(counts: ToneCounts, clause: list[tuple[str, float]], shift: float) -> None:
    """Add a clause's terms, scaled by its direction word's factor (1 without one), and empty the list."""
    for words, weight in clause:
        counts.add_term(words, weight * shift)
    clause.clear()


def text_tone(text: str) -> Tone:
    """Tone of a piece of text."""
    return count_text(text).to_tone()


def label(tone: Tone, neutral_band: float | None = None) -> str:
    """'positive', 'negative' or 'neutral' from a Tone's polarity."""
    band = load_modifiers().neutral_band if neutral_band is None else neutral_band
    if tone.polarity >= band:
        return "positive"
    if tone.polarity <= -band:
        return "negative"
    return "neutral"
