"""The article as the quote extractor reads it: paragraphs, sentences, quoted spans, the body with quoted words
masked, its words, and where the cue and citing words are. Everything else asks this module for positions."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container
from itertools import compress, repeat
from typing import NamedTuple

from .lexicon import Lexicon
from .marks import QuotedSpan, find_quoted_spans, paragraphs
from .speakers import EntityIndex, MentionAt

WORD = re.compile(r"\w+(?:[-‐]\w+)*", re.UNICODE)
MASK = "\x00"
# A verb form: meN-, ber-, di- or ter- and at least three more letters ("diluncurkan", "bertindak", "menghentikan").
VERB_FORM = re.compile(r"(?:me[mny]?|meng|meny|ber|di|ter)[a-z]{3,}$")
MIN_STATEMENT_WORDS = 3  # fewer quoted words inside a sentence are scare quotes, not statements
# Compiled once (re's own cache is kept full by the other stages, which evicts patterns given as strings); a
# one-character class searched between two offsets finds what searching the slice finds.
PHRASE_BREAK = re.compile(r"[,.;:()!?\"“”«»]")


class Word(NamedTuple):  # a tuple: an article has hundreds of words, built in one pass
    start: int
    end: int
    text: str
    lower: str


_new_tuple = tuple.__new__  # builds a Word without the NamedTuple's Python-level __new__


def masked(body: str, spans: list[QuotedSpan]) -> str:
    """The body with every character inside a quote's parts replaced by MASK (same length, same offsets)."""
    pieces = []
    position = 0
    # Joined from slices rather than a list of characters; overlapping parts (not expected) mask their union.
    for start, end in sorted(part for span in spans for part in span.parts):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(body[position:start])
        pieces.append(MASK * (end - start))
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


# Words the scraper glued together: "PihakTimnas", "dilansirReuters", "RIYevhenia" (a capital starting a word after
# a lower-case letter or an acronym; "KPKnya" is one word).
_CAMEL_CUT = re.compile(r"(?<=[a-z])(?<!\bMc)(?<!\bMac)(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z]{2})(?![A-Z]nya\b)")


# A sentence end glued to the next sentence: a word of three lower-case letters or more, . ! or ?, then a capital or
# an opening quote and a capital ("tahun.Saat", "umum.\"Ia"), or a closing quote then a capital ("tersebut.”Pihak").
# A quote opening after a sentence end starts a sentence of its own ("Musk memposting di X. \"Demokrat akan ...").
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{3}[.!?])(?=[\"“]?[A-Z])|(?<=[.!?,]”)(?=[A-Z])|(?<=\w[.!?])\s+(?=[\"“][A-Z])")
_READ_ALSO = re.compile(r"(?i)baca\s+juga\b")
_SENTENCE_OR_QUOTE = re.compile(r"[.!?,\"“”«»]")
_FILLER_WORDS = 5
_ACRONYM_WORDS = 3  # the most words a bracketed acronym inside a title has ("(Dispar)", "(Baleg DPR)")


def glued_cuts(text: str, lex: Lexicon) -> list[int]:
    """Positions inside words where two words were glued: at a camel-case join, and before a speech verb glued to
    the capitalised name before it ("Sugionomenambahkan", "Shynkarenkomeminta")."""
    cuts = {m.start() for m in _CAMEL_CUT.finditer(text)}
    cuts.update(m.end(1) for m in lex.glued_verb.finditer(text))
    return sorted(cuts)


def words_up_to(text: str, limit: int, start: int = 0, end: int | None = None) -> int:
    """min(limit, len(WORD.findall(text[start:end]))), without finding the words after the limit-th.

    WORD has no anchors or look-arounds, so searching text between start and end is searching the slice."""
    count = 0
    for _ in WORD.finditer(text, start, len(text) if end is None else end):
        count += 1
        if count >= limit:
            break
    return count


def indexes_in(lowers: list[str], members: Container[str]) -> list[int]:
    """Indexes of the words found in `members`, in order (one C-level pass)."""
    return list(compress(range(len(lowers)), map(members.__contains__, lowers)))


class ArticleText:
    """Positions in one article body: which paragraph, sentence, words and mentions lie where."""

    def __init__(self, body: str, lex: Lexicon, index: EntityIndex, sentence_spans: list[tuple[int, int]]) -> None:
        self.body = body
        self.lex = lex
        self.index = index
        self.blocks = paragraphs(body)
        self.block_starts = [a for a, _ in self.blocks]
        self.spans = find_quoted_spans(body, self.blocks)
        self.span_starts = [span.outer_start for span in self.spans]
        self.masked = masked(body, self.spans)
        # The words in parallel lists built by C-level maps (a per-word comprehension building each Word was the
        # extractor's largest single cost); the Word tuples are zipped from them.
        matches = list(WORD.finditer(self.masked))
        texts = list(map(re.Match.group, matches))
        self.word_starts = list(map(re.Match.start, matches))
        self.word_ends = list(map(re.Match.end, matches))
        cuts = glued_cuts(self.masked, lex)
        if cuts:
            texts = self._split_glued(texts, cuts)
        self.lowers = list(map(str.casefold, texts))
        fields = zip(self.word_starts, self.word_ends, texts, self.lowers, strict=True)
        self.words = list(map(_new_tuple, repeat(Word), fields))
        # Indexes of the words a citing phrase can start with ("dikutip", "kutip", ...): cites_in runs for every
        # sentence and quote, and most have none.
        self.cite_starts = indexes_in(self.lowers, lex.cite_first_words)
        # Indexes of the words that are speech cues (acts_in and trim look only at those).
        self.cue_indexes = indexes_in(self.lowers, lex.cues)
        self.cue_starts = [self.word_starts[index] for index in self.cue_indexes]
        self.cite_positions = [self.word_starts[index] for index in self.cite_starts]
        self.sentences = self._clip_sentences(sentence_spans)
        self.sentence_starts = [a for a, _ in self.sentences]

    def _split_glued(self, texts: list[str], cuts: list[int]) -> list[str]:
        """The words cut where the scraper glued two together ("Sugionomenambahkan" -> Sugiono, menambahkan)."""
        starts, ends, out = [], [], []
        position = 0
        for start, end, text in zip(self.word_starts, self.word_ends, texts, strict=True):
            while position < len(cuts) and cuts[position] <= start:
                position += 1
            piece_start = start
            while position < len(cuts) and cuts[position] < end:
                cut = cuts[position]
                starts.append(piece_start)
                ends.append(cut)
                out.append(self.masked[piece_start:cut])
                piece_start = cut
                position += 1
            starts.append(piece_start)
            ends.append(end)
            out.append(text if piece_start == start else self.masked[piece_start:end])
        self.word_starts, self.word_ends = starts, ends
        return out

    def _clip_sentences(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sentences never cross a paragraph break (a quote may; sentences are for cues and focus)."""
        out = []
        for a, b in sorted(spans):
            index = self.block_of(a)
            while index < len(self.blocks) and self.blocks[index][0] < b:
                lo, hi = max(a, self.blocks[index][0]), min(b, self.blocks[index][1])
                if hi > lo:
                    out.extend(self._unglued(lo, hi))
                index += 1
        return out or [(0, len(self.body))]

    def _unglued(self, start: int, end: int) -> list[tuple[int, int]]:
        """[start, end) cut where the scraper dropped the space after a sentence ("delapan tahun.Saat berusia",
        "pemilihan umum.\"Ia tahu")."""
        pieces = []
        for glued in _GLUED_SENTENCE.finditer(self.body, start, end):
            if glued.end() > start and glued.end() < end:
                pieces.append((start, glued.end()))
                start = glued.end()
        pieces.append((start, end))
        return pieces

    def previous_block(self, block: int) -> int:
        """The paragraph before `block`, skipping fillers ("ADVERTISEMENT", "Baca juga: ...")."""
        block -= 1
        while block > 0 and self._is_filler(block):
            block -= 1
        return block

    def _is_filler(self, block: int) -> bool:
        """A paragraph the scraper left between paragraphs of the story: a "Baca juga" link or a short line
        with no sentence punctuation and no quote ("Advertisement", "SCROLL TO CONTINUE WITH CONTENT")."""
        start, end = self.blocks[block]
        line = self.body[start:end].strip()
        if _READ_ALSO.match(line):
            return True
        return words_up_to(line, _FILLER_WORDS + 1) <= _FILLER_WORDS and not _SENTENCE_OR_QUOTE.search(line)

    def block_of(self, pos: int) -> int:
        index = bisect_right(self.block_starts, pos) - 1
        return index if index > 0 else 0

    def sentence_of(self, pos: int) -> int:
        index = bisect_right(self.sentence_starts, pos) - 1
        return index if index > 0 else 0

    def cue_indexes_in(self, first: int, last: int) -> list[int]:
        """Indexes in [first, last) of the words that are speech cues."""
        return self.cue_indexes[bisect_left(self.cue_indexes, first):bisect_left(self.cue_indexes, last)]

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [first, last) of the words lying wholly inside [start, end).

        Words are non-empty, in order and never overlap, so their starts and their ends are both sorted: the words
        starting at or after `start` and ending by `end` are one run, found by two bisections (words_in runs
        thousands of times per article; a scan over the words was the extractor's main cost)."""
        first = bisect_right(self.word_starts, start - 1)
        last = bisect_right(self.word_ends, end)
        return first, last if last > first else first

    def words_in(self, start: int, end: int) -> list[Word]:
        first, last = self.word_range(start, end)
        return self.words[first:last]

    def word_before(self, pos: int) -> Word | None:
        index = bisect_right(self.word_starts, pos - 1) - 1
        return self.words[index] if index >= 0 else None

    def mentions_in(self, start: int, end: int) -> list[MentionAt]:
        """Mentions starting in [start, end) outside quoted words."""
        return [m for m in self.index.starting_in(start, end) if self.masked[m.start] != MASK]

    def gap(self, start: int, end: int) -> str:
        return self.masked[start:end]

    def _after_acronym(self, words: list[Word], index: int) -> int:
        """The index of the word after a bracketed acronym inside a title, when words[index] opens one and a
        capitalised word follows it ("Kepala Pusat Penerangan Hukum (Kapuspenkum) Kejagung Harli Siregar"); else
        `index`."""
        masked = self.masked
        if masked[words[index - 1].end : words[index].start].strip() != "(":
            return index
        for close in range(index, min(index + _ACRONYM_WORDS, len(words) - 1)):
            gap = masked[words[close].end : words[close + 1].start].strip()
            if gap == ")":
                return close + 1 if words[close + 1].text[:1].isupper() else index
            if gap:
                return index
        return index

    def phrase_end(self, words: list[Word], k: int, limit: int, *, stop_words: bool = True) -> int:
        """End of the name phrase starting at words[k]: before punctuation, a stop word or `limit`."""
        if k >= len(words):
            return words[-1].end if words else limit
        end = words[k - 1].end if k > 0 else words[k].start
        stops = self.lex.stops
        skip_to = k
        for index in range(k, len(words)):
            word = words[index]
            if index < skip_to:
                continue
            resumed = index == skip_to and index > k  # just after a skipped acronym
            if index > k and not resumed and PHRASE_BREAK.search(self.masked, words[index - 1].end, word.start):
                skip_to = self._after_acronym(words, index)
                if skip_to <= index:
                    break
                continue
            if stop_words and word.lower in stops and index > k:
                break
            if stop_words and word.lower in stops and index == k and word.lower not in ("para",):
                break
            end = word.end
        return min(end, limit)
