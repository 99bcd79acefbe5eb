"""spaCy's Indonesian tokenisation of running text, memoised per whitespace-delimited chunk.

spaCy's tokenizer splits text at whitespace and tokenises each chunk on its own (special cases, prefixes, suffixes,
infixes never reach across whitespace), and it has a cache for chunks. But it stops filling that cache for the
rest of a document as soon as one chunk matches a special case (its `has_special` flag is per document, spaCy
#1250), and Indonesian has ~16,000 special cases, so in news text nearly every chunk ran the affix regexes again:
half of the nlp stage's time. Here the text is cut into the same chunks spaCy's own loop cuts, each distinct chunk
is tokenised by spaCy once per process, and its tokens are reused; the tokens are exactly spaCy's
(tests/nlp/test_tokens.py compares the two on real and written text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

# A run of whitespace, kept by `split`. Python's `\s` on str is `str.isspace()`, the test spaCy's loop uses.
_SPACE_RUN = re.compile(r"(\s+)")
_COLUMNS = [IDX, LENGTH, IS_SPACE]
_CACHE_LIMIT = 200_000  # distinct chunks kept per process (news vocabulary is open: bound the memory)

Tokens = tuple[list[int], list[int], list[int]]  # token starts, lengths, is-space flags (0/1)


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, chunk) in spaCy's order: non-space runs whole; a whitespace run after a word loses its first
    character when that is a plain space (spaCy marks it as the word's trailing space), a leading run stays whole."""
    chunks: list[tuple[int, str]] = []
    start = 0
    # split: the runs between whitespace (at even places, empty at either end of the text) and the whitespace runs
    for place, run in enumerate(_SPACE_RUN.split(text)):
        if place % 2 and start and run[0] == " ":
            if len(run) > 1:
                chunks.append((start + 1, run[1:]))
        elif run:
            chunks.append((start, run))
        start += len(run)
    return chunks


class SpecialCasesOnDemand:
    """A spaCy tokenizer built without its special cases, given each one when a chunk that holds it is first seen.

    Loading Indonesian's ~16,000 special cases (nearly all reduplications such as 'abu-abu') took ~0.75 s of CPU in
    every process (spaCy tokenises each and adds it to a phrase matcher), most of a small run's start-up, though an
    article meets a few dozen. A chunk (no whitespace inside, as `ChunkTokenizer` feeds it) can only be changed by a
    special case whose string occurs in it: spaCy applies one to the whole chunk, to what is left of it while it
    strips prefixes and suffixes, to the pieces between infixes, or through its phrase matcher to tokens that spell
    the string; each of those is a substring of the chunk. So giving the tokenizer every special case that occurs in
    a chunk before tokenising it gives the tokens the fully loaded tokenizer gives (tests/nlp/test_tokens.py compares
    the two on real and random text). The order they are added in does not matter: spaCy keys them by string and
    sorts overlapping matches by length and position.
    """

    def __init__(self, tokenizer: Tokenizer, rules: Mapping[str, Iterable[dict[Any, str]]]) -> None:
        self._tokenizer = tokenizer
        self._rules = rules
        self._longest = max(map(len, rules), default=0)
        # A special case of letters only ('XD') is looked for as it is. Every other one holds a mark, a character that
        # is not a letter ('-', '.', ':', digits, spaces...): in a chunk, only pieces that reach a mark, and whose
        # letters before their first mark begin some special case ('abu' of 'abu-abu', '' of ':)'), are looked up.
        self._letters_only = tuple(string for string in rules if string.isalpha())
        marks = sorted({char for string in rules for char in string if not char.isalpha()})
        self._marks = re.compile("[" + "".join(re.escape(char) for char in marks) + "]") if marks else None
        self._heads = {string[: found.start()] for string in rules if (found := self._marks and self._marks.search(string))}
        self._added: set[str] = set()

    def _occurring(self, chunk: str) -> list[str]:
        """The special cases whose string occurs in `chunk`."""
        found = [string for string in self._letters_only if string in chunk]
        spots = [match.start() for match in self._marks.finditer(chunk)] if self._marks is not None else []
        rules, heads, longest, size = self._rules, self._heads, self._longest, len(chunk)
        at = 0  # spots[at]: the first mark at or after `start`
        for start in range(max(0, spots[0] - longest + 1) if spots else size, size):
            while at < len(spots) and spots[at] < start:
                at += 1
            if at == len(spots):
                break
            if chunk[start : spots[at]] in heads:
                found += [piece for end in range(spots[at] + 1, min(size, start + longest) + 1)
                          if (piece := chunk[start:end]) in rules]
        return found

    def __call__(self, chunk: str) -> Doc:
        for string in self._occurring(chunk):
            if string not in self._added:
                self._added.add(string)
                self._tokenizer.add_special_case(string, self._rules[string])
        return self._tokenizer(chunk)


class ChunkTokenizer:
    """Token columns of a text, from a spaCy tokenizer applied chunk by chunk with a memo."""

    def __init__(self, tokenize: Callable[[str], Doc]) -> None:
        self._tokenize = tokenize
        self._memo: dict[str, tuple[tuple[int, int, int], ...]] = {}

    def _chunk_tokens(self, chunk: str) -> tuple[tuple[int, int, int], ...]:
        tokens = self._memo.get(chunk)
        if tokens is None:
            doc = self._tokenize(chunk)
            tokens = tuple(tuple(row) for row in doc.to_array(_COLUMNS).tolist()) if len(doc) else ()
            if len(self._memo) >= _CACHE_LIMIT:
                self._memo.clear()
            self._memo[chunk] = tokens
        return tokens

    def __call__(self, text: str) -> Tokens:
        chunks = _chunks(text)
        memo = self._memo
        # most chunks are in the memo; a chunk with no tokens (never from spaCy) would only be looked up twice
        found = [memo.get(chunk) or self._chunk_tokens(chunk) for _, chunk in chunks]
        starts = [offset + start for (offset, _), tokens in zip(chunks, found, strict=True) for start, _, _ in tokens]
        sizes = [size for tokens in found for _, size, _ in tokens]
        spaces = [space for tokens in found for _, _, space in tokens]
        return starts, sizes, spaces
