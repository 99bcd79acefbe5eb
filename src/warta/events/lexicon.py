"""The event dictionary (data/actions.tsv) and the cue matcher over a tokenised sentence."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from warta.events.stem import stem_candidates

TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
MAX_GAP = 3  # words a "*" in a pattern may skip


class Token(NamedTuple):  # a tuple: sentences are tokenised by the thousand
    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True)
class Action:
    pattern: tuple[str, ...]
    type: str
    cameo: str
    goldstein: float
    quad: str
    excluded: frozenset[str]
    # The multi-word entries of `excluded`, tried as prefixes of the sentence at the cue (kept apart so that the
    # common case, no phrase at all, costs nothing).
    excluded_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cue:
    action: Action
    first: int  # token index of the first word
    last: int  # token index of the last word
    start: int  # char offsets in the sentence
    end: int
    text: str


_new_tuple = tuple.__new__  # builds a Token without the NamedTuple's Python-level __new__ (a third faster)


def tokenize(text: str) -> list[Token]:
    return [_new_tuple(Token, (word, word.lower(), m.start(), m.end())) for m in TOKEN.finditer(text)
            for word in (m.group(0),)]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("warta.events").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def cameo_roots() -> dict[str, tuple[float, str]]:
    """CAMEO root code -> (Goldstein score, quad class)."""
    return {row["root"]: (float(row["goldstein"]), row["quad"]) for row in _rows("cameo_roots.tsv")}


@lru_cache(maxsize=1)
def actions() -> dict[str, list[Action]]:
    """Actions indexed by the first word of their pattern."""
    roots = cameo_roots()
    index: dict[str, list[Action]] = {}
    for row in _rows("actions.tsv"):
        words = tuple(row["pattern"].lower().split())
        root_score, quad = roots[row["cameo"]]
        goldstein = float(row["goldstein"]) if (row.get("goldstein") or "").strip() else root_score
        excluded = frozenset(w.strip().lower() for w in (row.get("not") or "").split(",") if w.strip())
        phrases = tuple(sorted(phrase for phrase in excluded if " " in phrase))
        action = Action(words, row["type"], row["cameo"], goldstein, quad, excluded, phrases)
        index.setdefault(words[0], []).append(action)
    for entries in index.values():
        entries.sort(key=lambda a: len(a.pattern), reverse=True)
    return index


_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")


def _word_matches(word: str, token: Token) -> bool:
    return word == token.lower or word in stem_candidates(token.lower)


def _tail_word_matches(word: str, token: Token) -> bool:
    """Later words of a pattern match as written (clitics aside), so "kerja sama" does not take "kerja bersama";
    a "~" before a word lets it match by stem too ("sanksi * ~kena" takes "sanksi yang dikenakan")."""
    if word.startswith("~"):
        return _word_matches(word[1:], token)
    lowered = token.lower
    return lowered == word or any(lowered == word + clitic for clitic in _CLITICS)


def _excluded(action: Action, tokens: list[Token], first: int, sentence_lower: str) -> bool:
    if tokens[first].lower in action.excluded:
        return True
    start = tokens[first].start
    return any(sentence_lower.startswith(phrase, start) for phrase in action.excluded_phrases)


def _actions_for(word: str) -> tuple[Action, ...]:
    """Every action whose first word is one of `word`'s stem candidates, in candidate order (the order find_cues
    tries them in)."""
    index = actions()
    return tuple(action for key in stem_candidates(word) for action in index.get(key, ()))


# _actions_for remembered per word, read with dict.get in find_cues' loop over every token (cheaper than an
# lru_cache call); most words start no action. Cleared when it grows past MAX_REMEMBERED_WORDS; whoever reloads
# actions() (cache_clear) must clear this too.
_ACTIONS_BY_WORD: dict[str, tuple[Action, ...]] = {}
MAX_REMEMBERED_WORDS = 200_000


def _match_from(action: Action, tokens: list[Token], first: int) -> int | None:
    """Index of the last token when `action` matches starting at `first`, else None."""
    position = first + 1
    pattern = action.pattern
    i = 1
    while i < len(pattern):
        word = pattern[i]
        if word == "*":
            following = pattern[i + 1]
            for skip in range(MAX_GAP + 1):
                j = position + skip
                if j < len(tokens) and _tail_word_matches(following, tokens[j]):
                    position = j + 1
                    break
            else:
                return None
            i += 2
            continue
        if position >= len(tokens) or not _tail_word_matches(word, tokens[position]):
            return None
        position += 1
        i += 1
    return position - 1


def find_cues(sentence: str, tokens: list[Token]) -> list[Cue]:
    """Event cues in a sentence, longest match first where two overlap, in text order."""
    lowered = ""
    found: list[Cue] = []
    remembered = _ACTIONS_BY_WORD
    for first, token in enumerate(tokens):
        candidates = remembered.get(token.lower)
        if candidates is None:
            if len(remembered) >= MAX_REMEMBERED_WORDS:
                remembered.clear()
            candidates = remembered[token.lower] = _actions_for(token.lower)
        if not candidates:
            continue
        lowered = lowered or sentence.lower()  # only sentences with a candidate need it
        for action in candidates:
            if _excluded(action, tokens, first, lowered):
                continue
            last = _match_from(action, tokens, first)
            if last is None:
                continue
            start, end = token.start, tokens[last].end
            found.append(Cue(action, first, last, start, end, sentence[start:end]))
    found.sort(key=lambda c: (-(c.last - c.first), c.first))
    kept: list[Cue] = []
    for cue in found:
        if any(cue.first <= other.last and other.first <= cue.last for other in kept):
            continue
        kept.append(cue)
    kept.sort(key=lambda c: c.first)
    return kept
