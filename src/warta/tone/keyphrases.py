"""Keyphrases per article: statistical TF-IDF over 1-3 word phrases, with bonuses for the lead and for names.

Candidates are runs of 1 to MAX_WORDS words inside one clause (punctuation, line breaks and numbers end a run),
counted over the whole text (title, standfirst and body). Keyphrases should be names and topics ("kerja sama
militer", "awan panas"), not "bertemu" or "Putin Akui", so a candidate may not

* start or end with a stopword (stopwords-id, plus data/keyphrase_stopwords.txt: currency abbreviations; plus
  dateline words from warta.lang.id.calendar: day and month names, month abbreviations, WIB/WITA/WIT);
* start with a word the tagged corpus behind the idf table mostly uses as a verb, adjective, adverb or number word,
  or end with a verb, adverb or number word (NOT_FIRST_TAGS, NOT_LAST_TAGS); a word the text itself writes as a name
  is exempt ("Wangi" in "Tanjung Wangi" is tagged a verb);
* hold a verb, or a lower-case function word (preposition, conjunction, "yang"), inside: "Jinping di Beijing";
* start or end next to a capitalised stopword between two capitalised words, which joins a longer name ("Negeri
  AS" out of "Menteri Luar Negeri AS").

Words the corpus lacks are judged by their affixes: "-kan" and lower-case "di-/me-/ber-/ter-" words are verbs,
"-nya" words possessed forms, none of which starts or ends a phrase. A candidate found only in a Title Case
headline is dropped: capitals there say nothing, and its verbs are often unknown base forms ("Sahkan", "Catat").

A candidate's score is

    (1 + log tf) * sum(idf(word) for its words) / len(words) ** LENGTH_EXPONENT * lead bonus * name bonus

* tf is how often the phrase (case-insensitive) occurs in the text. Counting the phrase, not each of its words,
  keeps a one-off "Joko Widodo bertemu" below a repeated "Joko Widodo"; the logarithm keeps a generic word used ten
  times ("negara") from burying a name used three times.
* idf = log(documents / document frequency) from data/keyphrase_df.tsv.gz (scripts/build_keyphrase_idf.py, built
  from a news corpus); words missing from it (rare: names, new terms) get the largest idf.
* Dividing the idf sum by the square root of the length favours a name's full form a little, while a phrase seen
  once does not beat a topical word seen three times.
* lead bonus: news puts the topic in the headline and lead, so a phrase first seen at word 0 counts up to
  1 + LEAD_BONUS times, falling linearly to 1 at word LEAD_WORDS.
* name bonus: a phrase whose first and last words are written capitalised inside a sentence (not only at its start,
  and not only on a Title Case line) counts NAME_BONUS times: names are what readers look for.
* a phrase that occurs at least twice and accounts for at least ABSORB_SHARE of the uses of a shorter candidate
  inside it ("Xi Jinping" for "Jinping", "Menteri Luar Negeri" for "Negeri") takes that candidate's place and score;
  a name word always written beside the same other name word ("Vladimir" of "Vladimir Putin") is dropped.

Then, best first, a phrase is dropped if its words contain, or are contained in, a kept phrase's words or share two
words with it, so the list names different things. A phrase is shown in its most frequent written form (ties: the
fewest capitals, so a Title Case headline does not set the casing; then the earliest).

Cost: one regex split and str.split per run, then a few dict look-ups per word; the idf table and per-word classes
are loaded or computed once per process (lru_cache).
"""

from __future__ import annotations

import gzip
import math
import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from heapq import heapify, heappop
from importlib import resources
from itertools import compress, repeat
from operator import and_, is_

from warta.lang.id.calendar import calendar
from warta.tone.lexicon import load_lexicon

MAX_WORDS = 3  # _candidates is written out for this length
TOP = 10
LENGTH_EXPONENT = 0.5
LEAD_WORDS = 80
LEAD_BONUS = 1.0
NAME_BONUS = 1.25
ABSORB_SHARE = 0.5
# Phrases shorter than this (initials, "Rp", "AS") say too little on their own.
MIN_PHRASE_CHARS = 3
# Corpus tags (nlpid-postag) that may not start / end a phrase: verbs, adverbs, number words (juta, persen), and
# adjectives in front.
NOT_FIRST_TAGS = frozenset({"VB", "JJ", "ADV", "NUM"})
NOT_LAST_TAGS = frozenset({"VB", "ADV", "NUM"})
# Tags of function words (preposition, subordinator, conjunction, pronoun, negation, determiner, particle,
# interjection), which may sit inside a phrase only when capitalised (Menteri Dalam Negeri).
FUNCTION_TAGS = frozenset({"IN", "SC", "CC", "PR", "NEG", "DT", "RP", "UH", "ADV"})
_UNKNOWN_NOT_EDGE_ENDINGS = ("kan", "nya")
_VERB_PREFIXES = ("di", "me", "ber", "ter")
_SHORT_WORD = 5  # "Kenya", "ikan": short words with those affixes are often not affixed forms

# What ends a run of words: a punctuation mark or a line break (_PUNCTUATION, one regex split in C: a per-token
# Python loop cost more than all the rest of the extraction), and, inside the few runs that hold a digit, hyphen,
# apostrophe or underscore (_NEEDS_CARE), a white-space-delimited chunk with a digit ("2020", "U-22", "Rp129"), a
# hyphen or apostrophe not between two letters (inner ones stay: "bertubi-tubi", "Ma'ruf"), or an underscore.
# Phrases therefore never hold digits or cross a clause or a line.
# _PUNCTUATION is ([^\w\s'’-]|\n) written as one negated class, white space other than the line break spelled out
# (str.isspace, which is what \s means; none lies above U+3000): a pattern that is a single class lets the regex engine
# skip through the text in C, and split twice as fast.
_SPACES_BUT_NEWLINE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace() and chr(code) != "\n")
_PUNCTUATION = re.compile(f"([^\\w{re.escape(_SPACES_BUT_NEWLINE)}'’-])")
_NEEDS_CARE = re.compile(r"[\d_'’-]")
_INSIDE_RUN = re.compile(r"(?<!\S)\S*\d\S*|(?<![^\W\d_])['’-]|['’-](?![^\W\d_])|_")
# After these the next word starts a sentence, so its capital letter says nothing about it being a name.
_SENTENCE_ENDS = frozenset(".!?…:\n\"“”'‘’")
# A line with at least this many content words, nearly all capitalised, is in Title Case (a foreign "and" or an
# uncapitalised particle may remain: "Putin Hadiri Forum Belt and Road").
_TITLE_CASE_MIN_WORDS = 3
_TITLE_CASE_SHARE = 0.8


@dataclass(frozen=True)
class PhraseModel:
    idf: dict[str, float]
    unknown_idf: float  # for words missing from the table
    stopwords: frozenset[str]
    not_first: frozenset[str]  # stopwords and words the corpus mostly tags NOT_FIRST_TAGS
    not_last: frozenset[str]
    verbs: frozenset[str]  # words the corpus mostly tags as verbs: never inside a phrase either
    function_words: frozenset[str]  # prepositions, conjunctions, pronouns...: not inside a phrase when lower-case


def parse_df_table(text: str) -> tuple[dict[str, float], float, dict[str, str]]:
    """(word -> idf, idf of an unknown word, word -> tag) from a table written by scripts/build_keyphrase_idf.py.

    Lines: "#" comments, "documents<TAB>N<TAB>-", then "word<TAB>document frequency<TAB>most frequent tag".
    """
    documents = 0
    frequencies: dict[str, int] = {}
    tags: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, count, tag = line.split("\t")
        if word == "documents":
            documents = int(count)
        else:
            frequencies[word] = int(count)
            tags[word] = tag
    if documents <= 0:
        raise ValueError("document-frequency table has no 'documents' line")
    # An unknown word is treated as seen in a single document: rarer than anything the table kept.
    idf = {word: math.log(documents / df) for word, df in frequencies.items()}
    return idf, math.log(documents), tags


@lru_cache(maxsize=1)
def load_model() -> PhraseModel:
    """The idf table and edge-word sets, read once per process."""
    raw = resources.files("warta.tone").joinpath("data/keyphrase_df.tsv.gz").read_bytes()
    idf, unknown_idf, tags = parse_df_table(gzip.decompress(raw).decode("utf-8"))
    # stopwords-id (the neutral words shipped with warta.tone) plus data/keyphrase_stopwords.txt: the few words of
    # YAKE's Indonesian list, used before, that stopwords-id lacks; plus dateline and stamp leftovers (WIB, day and
    # month names: dates, not topics; "Juni" is in most June articles).
    extra = resources.files("warta.tone").joinpath("data/keyphrase_stopwords.txt").read_text(encoding="utf-8")
    listed = {line.strip().lower() for line in extra.splitlines() if line.strip() and not line.startswith("#")}
    cal = calendar()
    dates = [*cal.indonesian_weekdays, *cal.indonesian_months, *cal.indonesian_month_abbreviations, *cal.indonesian_zones]
    stopwords = frozenset(load_lexicon().neutral | listed | {word.lower() for word in dates})
    return PhraseModel(
        idf=idf,
        unknown_idf=unknown_idf,
        stopwords=stopwords,
        not_first=stopwords | {word for word, tag in tags.items() if tag in NOT_FIRST_TAGS},
        not_last=stopwords | {word for word, tag in tags.items() if tag in NOT_LAST_TAGS},
        verbs=frozenset(word for word, tag in tags.items() if tag == "VB"),
        function_words=frozenset(word for word, tag in tags.items() if tag in FUNCTION_TAGS),
    )


@dataclass
class _Scan:
    words: list[str]  # written words, in order
    lowers: list[str]  # the same, lower-case
    runs: list[tuple[int, int]]  # [start, end) word ranges without punctuation, numbers or line breaks
    names: set[str]  # lower-case words with name evidence
    joints: set[int]  # indices of capitalised stopwords inside a name
    headline_words: range | None  # the word indices of the first line when it is in Title Case


def word_runs(text: str) -> list[str]:
    """The runs of words of a text, each a string of words separated by white space (see _PUNCTUATION)."""
    runs: list[str] = []
    for piece in _PUNCTUATION.split(text)[::2]:
        runs.extend(_INSIDE_RUN.split(piece) if _NEEDS_CARE.search(piece) else (piece,))
    return [run for run in runs if run and not run.isspace()]


def _is_title_case(words: list[str], lowers: list[str], start: int, end: int, stopwords: frozenset[str]) -> bool:
    """Whether words[start:end] is a line in Title Case (see _TITLE_CASE_SHARE)."""
    content = lower_case = 0
    # Running text gives up after a few words: too many lower-case content words for any share of the line.
    allowed = (1.0 - _TITLE_CASE_SHARE) * (end - start)
    for index in range(start, end):
        if lowers[index] not in stopwords:
            content += 1
            if words[index] == lowers[index]:
                lower_case += 1
                if lower_case > allowed:
                    return False
    return content >= _TITLE_CASE_MIN_WORDS and lower_case <= (1.0 - _TITLE_CASE_SHARE) * content


def _scan(text: str, stopwords: frozenset[str]) -> _Scan:
    """Words, runs, name evidence, name joints and a Title Case headline of a text.

    A word has name evidence when one of its occurrences is capitalised but does not start a sentence and is not
    on a Title Case line (a headline or subhead capitalising every content word). A name joint is such an
    occurrence of a stopword between two capitalised words (the index of "Luar" in "Menteri Luar Negeri").
    """
    words: list[str] = []
    runs: list[tuple[int, int]] = []
    sentence_starts: set[int] = set()
    line_ends: list[int] = []
    after_break = True
    # _PUNCTUATION.split alternates text between marks (even positions) and the marks (odd).
    pieces = _PUNCTUATION.split(text)
    marks = pieces[1::2]
    marks.append("\n")
    for piece, mark in zip(pieces[::2], marks, strict=True):
        if len(piece) > 1 or (piece and piece != " "):
            for run in _INSIDE_RUN.split(piece) if _NEEDS_CARE.search(piece) else (piece,):
                run_words = run.split()
                if not run_words:
                    continue
                start = len(words)
                words.extend(run_words)
                runs.append((start, len(words)))
                if after_break:
                    sentence_starts.add(start)
                    after_break = False
        if mark in _SENTENCE_ENDS:
            after_break = True
            if mark == "\n":
                line_ends.append(len(words))

    # Lower-casing never makes or removes white space, so these are each run's run.lower().split(), in one C pass.
    lowers = list(map(str.lower, words))
    title_case_lines: list[range] = []
    line_start = 0
    for line_end in line_ends:
        if line_end - line_start >= _TITLE_CASE_MIN_WORDS and _is_title_case(words, lowers, line_start, line_end, stopwords):
            title_case_lines.append(range(line_start, line_end))
        line_start = line_end
    skipped = {index for line in title_case_lines for index in line}
    names: set[str] = set()
    joints: set[int] = set()
    # A word differing from its lower-case form has a capital (map/compress keep the loop over all words in C).
    for index in compress(range(len(words)), map(operator.ne, words, lowers)):
        if index not in sentence_starts and index not in skipped:
            lower = lowers[index]
            if lower in stopwords:
                # A joint only between two capitalised words: "Luar" in "Menteri Luar Negeri", not "Rp" in "Rp 5".
                if 0 < index < len(words) - 1 and words[index - 1][0].isupper() and words[index + 1][0].isupper():
                    joints.add(index)
            else:
                names.add(lower)
    headline = title_case_lines[0] if title_case_lines and title_case_lines[0].start == 0 else None
    return _Scan(words, lowers, runs, names, joints, headline)


# Per-word classes for candidate building, as bits.
_MAY_START = 1
_MAY_END = 2
_BREAKS_INSIDE = 4
_RUN_END = 8  # set by _candidates on the last word of each run
_NAME_CLASS = _MAY_START | _MAY_END


def _word_class(written: str) -> int:
    """Whether a written word may start / end a phrase, and whether it breaks a phrase it stands inside.

    Remembered per written form by _classes (news repeats its words), so each occurrence costs one lookup.
    """
    model = load_model()
    lower = written.lower()
    if lower in model.idf:
        may_start, may_end = lower not in model.not_first, lower not in model.not_last
        # Verbs and lower-case function words (prepositions, conjunctions, "yang") make a clause, not a topic.
        breaks = lower in model.verbs or (lower in model.function_words and written.islower())
    else:
        # Words the corpus lacks. "-kan" words are verbs (sahkan, kerahkan: headlines use them a lot); "-nya"
        # words are possessed or nominalised forms (rumahnya, disebutnya); lower-case words with a verb prefix are
        # verbs (dicopot, memproyeksi, berhutang). Short and capitalised words are left alone ("Kenya", "Didiek").
        affixed = len(lower) > _SHORT_WORD and (
            lower.endswith(_UNKNOWN_NOT_EDGE_ENDINGS) or (written.islower() and lower.startswith(_VERB_PREFIXES))
        )
        may_start = may_end = not affixed and lower not in model.stopwords
        breaks = lower.endswith("kan") and len(lower) > _SHORT_WORD
    return may_start * _MAY_START | may_end * _MAY_END | breaks * _BREAKS_INSIDE


# _word_class of every written word met so far (news repeats its words): an article's classes are then one C-level
# pass. Emptied when it grows past _MAX_CLASSED_WORDS (it is only a cache).
_class_of: dict[str, int] = {}
_MAX_CLASSED_WORDS = 65536


def _classes(words: list[str]) -> list[int]:
    """[_word_class(word) for word in words]: one look-up per word, the missing ones computed and remembered."""
    classes = list(map(_class_of.get, words))
    if None in classes:
        if len(_class_of) > _MAX_CLASSED_WORDS:
            _class_of.clear()
        for index in compress(range(len(words)), map(is_, classes, repeat(None))):
            word = words[index]
            classes[index] = _class_of[word] = _word_class(word)
    return classes  # type: ignore[return-value]


def _candidates(scan: _Scan) -> dict[tuple[str, ...], list[int]]:
    """Every occurrence (index of its first word) of every candidate, keyed by its lower-case words."""
    occurrences: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    lowers = scan.lowers
    # A word this text writes as a name may start or end a phrase whatever the corpus tags its lower-case form
    # ("Wangi" in "Tanjung Wangi" is a verb there).
    names = scan.names
    classes = _classes(scan.words)
    for index in compress(range(len(lowers)), map(names.__contains__, lowers)):
        classes[index] = _NAME_CLASS
    # Next to a capitalised stopword inside a sentence a phrase would cut a longer name ("Negeri AS" out of
    # "Menteri Luar Negeri AS"): the word after it may not start one, the word before it may not end one.
    for joint in scan.joints:
        if joint + 1 < len(classes):
            classes[joint + 1] &= ~_MAY_START
        if joint > 0:
            classes[joint - 1] &= ~_MAY_END
    # The last word of each run gets _RUN_END, so that "is the next word in the same run" is a bit test. Runs
    # partition the words in order, so visiting the words that may start a phrase (found by one C-level pass) in
    # order is visiting each run's in order. Written out for MAX_WORDS = 3 (a loop over lengths cost a quarter more).
    for _start, end in scan.runs:
        classes[end - 1] |= _RUN_END
    append_to = occurrences.__getitem__
    for first in compress(range(len(classes)), map(and_, classes, repeat(_MAY_START))):
        first_class = classes[first]
        word = lowers[first]
        if first_class & _MAY_END:
            append_to((word,)).append(first)
        if first_class & _RUN_END:
            continue
        second_class = classes[first + 1]
        if second_class & _MAY_END:
            append_to((word, lowers[first + 1])).append(first)
        if not second_class & (_RUN_END | _BREAKS_INSIDE) and classes[first + 2] & _MAY_END:
            append_to((word, lowers[first + 1], lowers[first + 2])).append(first)
    return occurrences


def _capitals(form: str) -> int:
    return sum(map(str.isupper, form))


# Length normalisation by number of words, precomputed.
_LENGTH_FACTOR = [0.0] + [1.0 / length**LENGTH_EXPONENT for length in range(1, MAX_WORDS + 1)]


def _scores(occurrences: dict[tuple[str, ...], list[int]], names: set[str], model: PhraseModel) -> dict[tuple[str, ...], float]:
    """The score of every candidate (see the module docstring), before absorption."""
    idf_of, unknown_idf = model.idf.get, model.unknown_idf
    # Module constants as locals (one LOAD_FAST each, this runs for every candidate); the arithmetic is unchanged.
    pair_factor, length_factor, log = _LENGTH_FACTOR[2], _LENGTH_FACTOR, math.log
    lead_words, lead_bonus, name_bonus = LEAD_WORDS, LEAD_BONUS, NAME_BONUS
    scores: dict[tuple[str, ...], float] = {}
    for key, where in occurrences.items():
        length = len(key)
        if length == 1:
            weight = idf_of(key[0], unknown_idf)
        elif length == 2:
            weight = (idf_of(key[0], unknown_idf) + idf_of(key[1], unknown_idf)) * pair_factor
        else:
            weight = sum(idf_of(word, unknown_idf) for word in key) * length_factor[length]
        first = where[0]
        if first < lead_words:
            weight *= 1.0 + lead_bonus * (1.0 - first / lead_words)
        if key[0] in names and key[-1] in names:
            weight *= name_bonus
        scores[key] = weight if len(where) == 1 else weight * (1.0 + log(len(where)))
    return scores


def _absorb(
    occurrences: dict[tuple[str, ...], list[int]], scores: dict[tuple[str, ...], float], names: set[str]
) -> set[tuple[str, ...]]:
    """Candidates that stand for part of a longer one; the longer one takes the better of the two scores."""
    absorbed: set[tuple[str, ...]] = set()
    for key, where in occurrences.items():
        if len(key) == 1:
            continue
        if len(key) == 2 and key[0] in names and key[1] in names:
            # A name word always written next to the same other name word is part of one name ("Vladimir"
            # of "Vladimir Putin"): on its own it would only repeat the name's better-known part.
            for part in key:
                if len(occurrences.get((part,), ())) == len(where):
                    absorbed.add((part,))
        if len(where) < 2:
            continue
        for sub_start in range(len(key)):
            for sub_end in range(sub_start + 1, len(key) + 1):
                sub = key[sub_start:sub_end]
                if len(sub) < len(key) and sub in occurrences and len(where) >= ABSORB_SHARE * len(occurrences[sub]):
                    absorbed.add(sub)
                    scores[key] = max(scores[key], scores[sub])
    return absorbed


def extract_keyphrases(text: str, top: int = TOP) -> list[str]:
    """The `top` keyphrases of a text, best first, each in its written casing (see the module docstring)."""
    if not text.strip():
        return []
    model = load_model()
    scan = _scan(text, model.stopwords)
    occurrences = _candidates(scan)
    if scan.headline_words is not None:
        # A Title Case headline hides which words are names, and its verbs are often unknown base forms
        # ("Sahkan", "Catat"): a candidate found only there is more likely a fragment or a verb than a topic; the
        # topic of a headline comes back in the body.
        headline = scan.headline_words
        occurrences = {key: where for key, where in occurrences.items() if where[-1] not in headline}
    scores = _scores(occurrences, scan.names, model)
    absorbed = _absorb(occurrences, scores, scan.names)
    # Best first; ties: the earlier phrase, then the key itself, so the order never depends on dict order.
    # A heap, popped in order: the loop below stops after `top` phrases, so sorting all ~100 candidates is wasted.
    # The entries are all different (keys are), so the pops come in exactly sorted() order.
    ranked = [(-score, occurrences[key][0], key) for key, score in scores.items() if key not in absorbed]
    heapify(ranked)

    words = scan.words
    phrases: list[str] = []
    kept_words: list[set[str]] = []
    covered: set[str] = set()  # all words of the kept phrases
    while ranked:
        _score, _first, key = heappop(ranked)
        if len(key) == 1:
            # A single word can only clash with a kept phrase by being one of its words.
            if key[0] in covered:
                continue
        else:
            words_of_key = set(key)
            if any(words_of_key <= kept or kept <= words_of_key or len(words_of_key & kept) >= 2 for kept in kept_words):
                continue
        length = len(key)
        if length == 1:
            forms = [words[start] for start in occurrences[key]]
        else:
            forms = [" ".join(words[start : start + length]) for start in occurrences[key]]
        form = forms[0]
        if len(forms) > 1 and forms.count(form) < len(forms):
            # Most frequent form; ties: fewest capitals (not the Title Case headline's), then the earliest.
            counts = Counter(forms)
            form = max(counts, key=lambda written: (counts[written], -_capitals(written)))
        if len(form) < MIN_PHRASE_CHARS:
            continue
        kept_words.append(set(key))
        covered.update(key)
        phrases.append(form)
        if len(phrases) == top:
            break
    return phrases
