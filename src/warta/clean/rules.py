"""Boilerplate rules loaded from data/boilerplate.json and data/glue_words.txt, compiled once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from warta.meta.lookahead import longest_first_alternation

DATA = Path(__file__).parent / "data"

# Order matters: the first kind whose pattern matches names the line.
PROBE_CHARS = 160
# A lowercase letter followed by a capital, written to open with the capital: the engine then jumps between capitals
# (rare) instead of stopping at every lowercase letter (3x faster than "[a-z][A-Z]", same matches).
_CASE_CHANGE = re.compile(r"[A-Z](?<=[a-z][A-Z])")
KIND_ORDER = ("related", "ad", "disclaimer", "navigation", "byline", "caption")


def _combine(patterns_by_kind: dict[str, list[str]]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Three regexes: patterns anchored at the line start (run with .match), at the line end (searched in the
    line's tail only) and the rest (searched only when a keyword is present).

    Each kind is a named group, so one call per line tells the kind (`lastgroup`); at one position the kinds are
    tried in KIND_ORDER. Lines are lowercased once and matched case-sensitively: much faster than re.IGNORECASE.
    """
    groups: dict[str, list[str]] = {"start": [], "end": [], "floating": []}
    for kind in KIND_ORDER:
        split: dict[str, list[str]] = {"start": [], "end": [], "floating": []}
        for pattern in patterns_by_kind[kind]:
            if pattern.startswith("^"):
                split["start"].append(pattern[1:])
            elif pattern.endswith("$"):
                split["end"].append(pattern)
            else:
                split["floating"].append(pattern)
        for where, items in split.items():
            if items:
                groups[where].append(f"(?P<{kind}>" + "|".join(f"(?:{p})" for p in items) + ")")
    start, end, floating = (re.compile("|".join(groups[w]) or r"(?!)") for w in ("start", "end", "floating"))
    return start, end, floating


@dataclass(frozen=True)
class Rules:
    at_start: re.Pattern[str]
    at_end: re.Pattern[str]
    floating: re.Pattern[str]
    floating_keywords: tuple[str, ...]  # one of them is in every line a floating pattern matches
    navigation_words: frozenset[str]
    footer_opening: re.Pattern[str]  # footer_starts written with ^: tried at the line start only
    footer_phrase: re.Pattern[str]  # the other footer_starts, searched anywhere in the line
    end_keywords: tuple[str, ...]  # one of them is in the tail of every line an at_end pattern matches
    glued: re.Pattern[str]


@cache
def rules() -> Rules:
    raw = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    at_start, at_end, floating = _combine(raw["patterns"])
    nav = frozenset(w.casefold() for w in raw["navigation_words"])
    # Split as the line patterns are, and matched on the lowercased line as they are: one re.IGNORECASE alternation
    # tried every branch, the ^ ones included, at every position of every line.
    footer_opening, footer_phrase = (
        re.compile("|".join(f"(?:{p})" for p in raw["footer_starts"] if p.startswith("^") == anchored) or r"(?!)")
        for anchored in (True, False)
    )
    words = [
        w.strip()
        for w in (DATA / "glue_words.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    alternatives = longest_first_alternation(words)  # longest first, as a trie
    # A lowercase run of 2+ letters that starts a word, glued to a listed capitalised word that ends one.
    glued = re.compile(rf"(?<![A-Za-z@#/.\-_])([a-z]{{2,}})(?=(?:{alternatives})(?![a-z]))")
    keywords = tuple(raw["floating_keywords"])
    end_keywords = tuple(raw["end_keywords"])
    return Rules(at_start, at_end, floating, keywords, nav, footer_opening, footer_phrase, end_keywords, glued)


def boilerplate_kind(line: str) -> str | None:
    """The removal kind of a boilerplate line, or None for a line that may be content."""
    r = rules()
    if line.strip(" .:•·").casefold() in r.navigation_words:
        return "navigation"
    # Boilerplate patterns look at how a line starts or ends; on long paragraphs only those ends are worth scanning.
    probe = (line if len(line) <= 2 * PROBE_CHARS else line[:PROBE_CHARS] + "\n" + line[-PROBE_CHARS:]).lower()
    tail = max(0, len(probe) - PROBE_CHARS)
    match = r.at_start.match(probe)
    if match is None and any(probe.find(keyword, tail) >= 0 for keyword in r.end_keywords):
        match = r.at_end.search(probe, tail)
    if match is None and _has_any(probe, r.floating_keywords):
        match = r.floating.search(probe)
    return match.lastgroup if match else None


def _has_any(text: str, keywords: tuple[str, ...]) -> bool:
    # Substring tests mapped in C (no generator frame): faster than one regex alternation of the keywords, whose scan
    # stops at every "a" and "s" the keywords start with.
    return any(map(text.__contains__, keywords))


def starts_footer(line: str) -> bool:
    """Whether the line opens the footer (tags, credits, community disclaimers): what follows is not body text."""
    r = rules()
    lowered = line.lower()
    return r.footer_opening.match(lowered) is not None or r.footer_phrase.search(lowered) is not None


def split_glued_words(text: str) -> str:
    """'denganPresiden' -> 'dengan Presiden' where a scraper dropped the space around a link."""
    if not _CASE_CHANGE.search(text):
        return text  # cheap exit: nothing glued
    return rules().glued.sub(r"\1 ", text)


@cache
def headline_lowercase_words() -> frozenset[str]:
    """Words a headline keeps in lowercase ("di", "yang", "vs"): any other lowercase word is running text."""
    raw = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    return frozenset(raw["headline_lowercase_words"])


@cache
def open_end_words() -> frozenset[str]:
    """Words a sentence cannot end with ("di", "kepada", "yang"): a line ending in one goes on on the next line."""
    raw = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    return frozenset(raw["open_end_words"])


@cache
def _body_ends() -> re.Pattern[str]:
    raw = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    return re.compile("|".join(f"(?:{p})" for p in raw["body_ends"]) or r"(?!)")


def ends_body(line: str) -> bool:
    """Whether the line closes the article: what follows it (a promoted video's description) is not body text."""
    return len(line) <= PROBE_CHARS and _body_ends().match(line.lower()) is not None
