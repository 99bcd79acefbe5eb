"""Indonesian sentence splitting over the cleaned `body`.

Rules are simple and predictable so that every later stage (quotes, events, tone) can rely on the spans:

* blank lines separate paragraphs and always end a sentence; a single newline ends one too unless the line
  was merely wrapped (no final punctuation and the next line starts in lower case);
* `.`, `!`, `?` and `…` end a sentence when followed by white space and an upper-case letter, a digit or an
  opening quote/bracket; closing quotes and brackets right after the mark belong to the sentence that ends;
* a mark glued to the next sentence ("kerusuhan.Sebaliknya", "katanya."Kami", scrapers that joined paragraphs
  without a space) ends one when a capitalised word follows and the word before is a word: not an abbreviation,
  an initial, a number's decimals ("3.5"), a domain ("Liputan6.com", "www.Situs"), or inside brackets;
* a period does not end a sentence after a known abbreviation (data/abbreviations.txt: "Dr.", "Jl.", "No."; month
  abbreviations from warta.lang.id.calendar: "Agt."; list enders like "dll." only when a lower-case word follows),
  after a single letter (initials like "B. J. Habibie") or after a list number at the start of a line ("1. Judul").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from warta.lang.id.calendar import calendar

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TERMINAL = re.compile(r"[.!?…]+[\"”’'»)\]]*")
_CLOSING = "\"”’'»)]"
_OPENING = "\"“‘'«(["
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# What opens a sentence glued to the mark before it: a capitalised word ("Sebaliknya", not "TV" or "Com"), or an
# opening quote before a capital.
_GLUED_OPENING = re.compile(r"[A-Z][a-z]|[\"“‘][A-Z]")
_DOMAIN_WORDS = frozenset({"com", "co", "id", "net", "org", "tv", "go", "ac", "or", "my", "sg", "www", "html"})


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, bool]:
    """Abbreviation -> whether it may also end a sentence ("dll." before a capital does)."""
    text = resources.files("warta.nlp").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    table: dict[str, bool] = {}
    for line in text.splitlines():
        fields = line.split()
        if fields and not fields[0].startswith("#"):
            table[fields[0].lower()] = "final" in fields[1:]
    for month in calendar().indonesian_month_abbreviations:
        table.setdefault(month.lower(), False)
    return table


def _is_abbreviation_period(text: str, period_index: int, line_start: int) -> bool:
    """True when the period at `period_index` belongs to an abbreviation, an initial or a list number."""
    match = _WORD_BEFORE.search(text, line_start, period_index)
    if not match:
        return False
    word = match.group(1).strip(".")
    if not word:
        return False
    table = _abbreviations()
    lowered = word.lower()
    # Degrees are written with inner periods or without ("M.Si." / "MSi."): look both up.
    may_end_sentence = table.get(lowered, table.get(lowered.replace(".", "")))
    if may_end_sentence is not None:
        return not may_end_sentence
    # A lone letter is an initial ("J. Biden"), dotted letters are acronyms written with periods ("A.S.").
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        return True
    # "1." at the start of a line is a list number, not a sentence.
    return word.isdigit() and not text[line_start : match.start()].strip()


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENING


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Split text[start:end] (one line or paragraph without hard breaks) and append trimmed spans."""
    sentence_start = start
    for match in _TERMINAL.finditer(text, start, end):
        mark_end = match.end()
        if mark_end >= end:
            break
        next_index = mark_end
        while next_index < end and text[next_index] in " \t\u00a0":
            next_index += 1
        if next_index == mark_end:
            cut = _glued_sentence_start(text, match, sentence_start, end)
            if cut is not None:
                _append(text, sentence_start, cut, spans)
                sentence_start = cut
            continue  # no white space after the mark: "3.5", "Moskow-Beijing.", "(AP)." stay whole
        if next_index >= end:
            continue
        if not _starts_sentence(text[next_index]):
            continue
        marks = match.group(0).rstrip(_CLOSING)
        if marks == "." and _is_abbreviation_period(text, match.start(), start):
            continue
        _append(text, sentence_start, mark_end, spans)
        sentence_start = next_index
    _append(text, sentence_start, end, spans)


def _glued_sentence_start(text: str, match: re.Match[str], sentence_start: int, end: int) -> int | None:
    """Where a sentence glued to the mark `match` starts ("kerusuhan.Sebaliknya", "katanya."Kami"), or None when the
    mark does not end one there (see the module docstring)."""
    marks = match.group(0)
    stop = marks.rstrip(_CLOSING)
    cut = match.end()
    before = text[sentence_start : match.start()]
    if marks[len(stop) :] == '"' and before.count('"') % 2 == 0:
        cut = match.start() + len(stop)  # a straight quote with none open before it opens the next sentence
    if not _GLUED_OPENING.match(text, cut, min(end, cut + 2)) or before.count("(") > before.count(")"):
        return None
    following = re.match(r"[\"“‘]?(\w+)", text[cut : cut + 12])
    if following and following.group(1).lower() in _DOMAIN_WORDS:
        return None  # "Kompas.Com", "Detik.Id"
    word = _WORD_BEFORE.search(before)
    if word is None:
        return cut  # "(10/6).Ini", "!"...
    token = word.group(1)
    if "." in token or token.lower() in _DOMAIN_WORDS or (token.isupper() and len(token) <= 2) or len(token) < 2:
        return None  # "Liputan6.com.X", "www.Situs", "PT.Maju", "J.Biden"
    if stop.endswith(".") and _is_abbreviation_period(text, match.start(), sentence_start):
        return None  # "Jl.Sudirman", "Dr.Budi"
    return cut


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of one paragraph, joining lines that were only wrapped."""
    blocks: list[tuple[int, int]] = []
    block_start = start
    position = start
    while True:
        newline = text.find("\n", position, end)
        if newline < 0:
            blocks.append((block_start, end))
            return blocks
        before = text[block_start:newline].rstrip()
        after = text[newline + 1 : end].lstrip()
        wrapped = bool(before) and bool(after) and before[-1] not in ".!?…:;" + _CLOSING and after[0].islower()
        if not wrapped:
            blocks.append((block_start, newline))
            block_start = newline + 1
        position = newline + 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over `text`, in order, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    paragraph_start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        paragraph_end = brk.start() if brk else len(text)
        for line_start, line_end in _lines(text, paragraph_start, paragraph_end):
            _split_block(text, line_start, line_end, spans)
        if brk:
            paragraph_start = brk.end()
    return spans
