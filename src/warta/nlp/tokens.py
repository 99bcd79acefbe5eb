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
from collections.abc import Callable

from spacy.attrs import IDX, IS_SPACE, LENGTH
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
