"""Find quoted stretches of text by their quote marks.

Scraped Indonesian news mixes every style: "…", “…”, «…», ‘…’ nested inside, and mismatched pairs such as "…” or
“…" (a straight mark where a curly one was meant). So a mark's role (opening or closing) is decided first by what
surrounds it, like CommonMark's flanking rules: a mark after white space and before a word opens, a mark after a word
and before white space or punctuation closes. Only when the surroundings do not tell does the glyph decide (“ opens,
” closes), and a straight mark then toggles.

Quotes are paired within a paragraph. A paragraph that opens a quote and never closes it continues into the next
paragraph when that one re-opens with a mark (the journalistic convention for long quotes); otherwise the quote ends
with its paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Family = Literal["double", "single"]
Role = Literal["open", "close", "either"]

DOUBLE_MARKS = '"“”«»„'
SINGLE_MARKS = "'‘’‹›"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_GLYPH_OPENS = "“«„‘‹"
_GLYPH_CLOSES = "”»’›"
# Characters that may stand right before an opening mark or right after a closing one.
_BEFORE_OPENING = "([{—–-/:" + ALL_MARKS
_AFTER_CLOSING = ".,;:!?)]}—–-…/" + ALL_MARKS
_TERMINAL = ".!?…:;" + ALL_MARKS + ")"


@dataclass
class Mark:
    pos: int
    family: Family
    role: Role


@dataclass
class QuotedSpan:
    """A top-level quotation: the text between its marks, possibly over several paragraphs."""

    parts: list[tuple[int, int]] = field(default_factory=list)  # inner (start, end) per paragraph, marks excluded
    open_pos: int | None = None  # the first opening mark; None when the opening mark is missing (orphan closer)
    close_pos: int | None = None  # the final closing mark; None when the quote runs to its paragraph end
    family: Family = "double"
    blocks: list[int] = field(default_factory=list)  # paragraph indices the quote covers

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def outer_start(self) -> int:
        return self.open_pos if self.open_pos is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_pos + 1 if self.close_pos is not None else self.end

    def text(self, body: str) -> str:
        return " ".join(body[a:b].strip() for a, b in self.parts if body[a:b].strip())


_NOT_SPACE_OR_TAB = re.compile(r"[^ \t]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: lines, where a line that was merely wrapped (no final punctuation, the next line in lower case)
    joins the next one."""
    blocks: list[tuple[int, int]] = []
    start = 0
    position = 0
    while True:
        newline = text.find("\n", position)
        if newline < 0:
            blocks.append((start, len(text)))
            break
        before = text[start:newline].rstrip()
        # The next line's first character after spaces and tabs, found without copying the rest of the text
        # (which made this quadratic in the number of lines).
        after = _NOT_SPACE_OR_TAB.search(text, newline + 1)
        wrapped = bool(before) and after is not None and before[-1] not in _TERMINAL and after.group().islower()
        if not wrapped:
            blocks.append((start, newline))
            start = newline + 1
        position = newline + 1
    return [(a, b) for a, b in blocks if text[a:b].strip()]


def classify_mark(text: str, i: int) -> Mark | None:
    """The role of the quote mark at text[i], or None when it is an apostrophe (Jum'at, Ma’ruf)."""
    char = text[i]
    family: Family = "double" if char in DOUBLE_MARKS else "single"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if family == "single" and before.isalnum() and after.isalnum():
        return None
    can_open = not after.isspace() and (before.isspace() or before in _BEFORE_OPENING)
    can_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)
    if can_open and not can_close:
        return Mark(i, family, "open")
    if can_close and not can_open:
        return Mark(i, family, "close")
    if not can_open and not can_close and i >= 2 and text[i - 2] in ",.!?…" and char in _GLYPH_OPENS:
        # White space on both sides after a comma: "... penumpang, “ kata David" closes an open quote with the
        # wrong glyph (and opens one when none is open).
        return Mark(i, family, "either")
    if char in _GLYPH_OPENS:
        return Mark(i, family, "open")
    if char in _GLYPH_CLOSES:
        return Mark(i, family, "close")
    return Mark(i, family, "either")


_MARK_RE = re.compile(f"[{re.escape(ALL_MARKS)}]")


_ORPHAN_STRIP = " \t\n,.;:-"


def _inner(text: str, start: int, end: int, strip: str = " \t\n\r\f\v") -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted_spans(text: str, blocks: list[tuple[int, int]] | None = None) -> list[QuotedSpan]:
    """All top-level quotations of `text`, in order. Quotes nested inside them are part of their text.

    `blocks`: `paragraphs(text)` when the caller has it already."""
    # Every mark's position, found in one pass; a paragraph takes those inside it (a one-character pattern finds the
    # same marks in the whole text as in each paragraph). Most paragraphs have none.
    positions = [found.start() for found in _MARK_RE.finditer(text)]
    if not positions:
        return []

    def marks_in(block_start: int, block_end: int) -> list[Mark]:
        inside = positions[bisect_left(positions, block_start) : bisect_left(positions, block_end)]
        return [m for m in (classify_mark(text, position) for position in inside) if m]

    return quoted_spans(text, paragraphs(text) if blocks is None else blocks, marks_in)


def quoted_spans(
    text: str, blocks: list[tuple[int, int]], marks_in: Callable[[int, int], list[Mark]]
) -> list[QuotedSpan]:
    """The quotations of `text` from the classified marks `marks_in(start, end)` gives for each paragraph."""
    spans: list[QuotedSpan] = []
    left_open: QuotedSpan | None = None  # a quote the previous paragraph opened and did not close
    for block_index, (block_start, block_end) in enumerate(blocks):
        marks = marks_in(block_start, block_end)
        if not marks:
            left_open = None  # a quote left open ends with a paragraph that has no marks
            continue
        stack: list[Mark] = []
        part_start = open_pos = 0
        free_from = block_start  # where text not yet inside a quote begins
        continuing: QuotedSpan | None = None
        if left_open is not None:
            first = marks[0]
            if not text[block_start : first.pos].strip() and first.family == left_open.family and first.role != "close":
                # This paragraph re-opens the quote the previous one left open.
                continuing = left_open
                continuing.blocks.append(block_index)
                stack, part_start, marks = [first], first.pos + 1, marks[1:]
        left_open = None
        for mark in marks:
            if stack:
                same_family = [k for k, m in enumerate(stack) if m.family == mark.family]
                if mark.role != "open" and same_family:
                    del stack[same_family[-1] :]
                    if not stack:
                        free_from = mark.pos + 1
                        inner = _inner(text, part_start, mark.pos)
                        if continuing is not None:
                            continuing.parts.append(inner)
                            continuing.close_pos = mark.pos
                            continuing = None
                        else:
                            spans.append(QuotedSpan([inner], open_pos, mark.pos, mark.family, [block_index]))
                elif mark.role != "close":
                    stack.append(mark)  # a quote nested inside the open one
                continue  # a stray closing mark of the other family inside a quote is ignored
            if mark.role != "close":
                stack, part_start, open_pos = [mark], mark.pos + 1, mark.pos
            elif mark.family == "double":
                # A closing mark with no opening one: the opening mark was lost, so the quote starts where the
                # paragraph (or the text after the previous quote) does.
                inner = _inner(text, free_from, mark.pos, strip=_ORPHAN_STRIP)
                spans.append(QuotedSpan([inner], None, mark.pos, "double", [block_index]))
                free_from = mark.pos + 1
        if stack:
            # Still open at the paragraph end: the quote ends here unless the next paragraph re-opens it.
            inner = _inner(text, part_start, block_end)
            if continuing is None:
                continuing = QuotedSpan([], open_pos, None, stack[0].family, [block_index])
                spans.append(continuing)
            continuing.parts.append(inner)
            left_open = continuing
    for span in spans:
        span.parts = [(a, b) for a, b in span.parts if b > a]
    return [s for s in spans if s.parts]
