"""The event dictionary (data/actions.tsv) and the cue matcher over a tokenised sentence."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat
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
    # The pattern after its first word, compiled by `_steps`: what `_match_from` walks.
    steps: tuple[Step, ...] = ()


class Step(NamedTuple):
    """One later word of a pattern: the lower-case forms a token may take, or (for "~word") the stem to find among
    the token's stem candidates; `gap` when up to MAX_GAP words may come before it (a "*" in the pattern)."""

    gap: bool
    forms: frozenset[str] | None
    stem: str | None


class Cue(NamedTuple):  # a tuple: a third of a frozen dataclass's cost to build
    action: Action
    first: int  # token index of the first word
    last: int  # token index of the last word
    start: int  # char offsets in the sentence
    end: int
    text: str


_new_tuple = tuple.__new__  # builds a Token without the NamedTuple's Python-level __new__ (a third faster)
_Match = re.Match


def tokenize(text: str) -> list[Token]:
    return tokens_of(list(TOKEN.finditer(text)))


def tokens_of(matches: list[re.Match[str]], words: list[str] | None = None, lowers: list[str] | None = None
              ) -> list[Token]:
    """Tokens from TOKEN's matches (and, when the caller has them, their words and lower-case words).

    Built by map/zip over C-level methods rather than a comprehension: no Python frame per token."""
    if words is None:
        words = list(map(_Match.group, matches))
    if lowers is None:
        lowers = list(map(str.lower, words))
    return list(map(_new_tuple, repeat(Token), zip(words, lowers, map(_Match.start, matches),
                                                   map(_Match.end, matches), strict=True)))


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
        action = Action(words, row["type"], row["cameo"], goldstein, quad, excluded, phrases, _steps(words))
        index.setdefault(words[0], []).append(action)
    for entries in index.values():
        entries.sort(key=lambda a: len(a.pattern), reverse=True)
    return index


_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")


def _steps(pattern: tuple[str, ...]) -> tuple[Step, ...]:
    """Later words of a pattern match as written (clitics aside), so "kerja sama" does not take "kerja bersama";
    a "~" before a word lets it match by stem too ("sanksi * ~kena" takes "sanksi yang dikenakan"); "*" lets up to
    MAX_GAP words come before the next word."""
    steps: list[Step] = []
    gap = False
    for word in pattern[1:]:
        if word == "*":
            gap = True
            continue
        if word.startswith("~"):
            steps.append(Step(gap, None, word[1:]))
        else:
            clitics = [word + clitic for clitic in _CLITICS] + [f"{word}-{clitic}" for clitic in _CLITICS]
            steps.append(Step(gap, frozenset([word, *clitics]), None))  # "izinnya", "IUP-nya"
        gap = False
    if gap:
        raise ValueError(f"pattern {' '.join(pattern)!r} ends with '*'")
    return tuple(steps)


def _step_matches(step: Step, lowered: str) -> bool:
    if step.forms is not None:
        return lowered in step.forms
    return step.stem == lowered or step.stem in stem_candidates(lowered)


def _actions_for(word: str) -> tuple[Action, ...]:
    """Every action whose first word is one of `word`'s stem candidates, in candidate order (the order find_cues
    tries them in), less those that list `word` itself as an exception ("not" in actions.tsv)."""
    index = actions()
    return tuple(action for key in stem_candidates(word) for action in index.get(key, ()) if word not in action.excluded)


# _actions_for remembered per word, read with dict.get for every token in cue_candidates (cheaper than an
# lru_cache call); most words start no action. Cleared when it grows past MAX_REMEMBERED_WORDS; whoever reloads
# actions() (cache_clear) must clear this too.
_ACTIONS_BY_WORD: dict[str, tuple[Action, ...]] = {}
MAX_REMEMBERED_WORDS = 200_000


def _match_from(action: Action, lowers: list[str], first: int) -> int | None:
    """Index of the last word when `action` matches starting at word `first` (lower-case words), else None."""
    position = first + 1
    count = len(lowers)
    for step in action.steps:
        if step.gap:
            for j in range(position, min(position + MAX_GAP + 1, count)):
                if _step_matches(step, lowers[j]):
                    position = j + 1
                    break
            else:
                return None
        elif position < count and _step_matches(step, lowers[position]):
            position += 1
        else:
            return None
    return position - 1


def cue_candidates(lowers: list[str]) -> list[tuple[Action, ...]]:
    """For each lower-case word, the actions it may start (empty for most words); `any(...)` of the result is
    False for a sentence that cannot hold a cue, which lets the caller skip everything else."""
    remembered = _ACTIONS_BY_WORD
    candidates: list[tuple[Action, ...] | None] = list(map(remembered.get, lowers))
    if None in candidates:  # words not seen before
        for i, word in enumerate(lowers):
            if candidates[i] is None:
                if len(remembered) >= MAX_REMEMBERED_WORDS:
                    remembered.clear()
                candidates[i] = remembered[word] = _actions_for(word)
    return candidates  # type: ignore[return-value]  # no None is left


def find_cues(sentence: str, tokens: list[Token], candidates: list[tuple[Action, ...]] | None = None) -> list[Cue]:
    """Event cues in a sentence, longest match first where two overlap, in text order.

    `candidates`, when given, must be `cue_candidates` of the tokens' lower-case words."""
    lowers = [token.lower for token in tokens]
    return cues_in(sentence, lowers, lambda i: (tokens[i].start, tokens[i].end),
                   cue_candidates(lowers) if candidates is None else candidates)


def cues_in(sentence: str, lowers: list[str], span: Callable[[int], tuple[int, int]],
            candidates: list[tuple[Action, ...]]) -> list[Cue]:
    """find_cues from the sentence's lower-case words, `span(i)` giving word i's offsets (asked only for the words
    a cue starts or ends at): a sentence whose candidate words start no cue needs no Token list at all."""
    lowered = ""
    found: list[Cue] = []
    # Only the words that may start an action are visited (compress keeps those with a non-empty tuple).
    count = len(lowers)
    for first in compress(range(count), candidates):
        following = lowers[first + 1] if first + 1 < count else None
        for action in candidates[first]:  # none of them lists this word as an exception (see _actions_for)
            if action.excluded_phrases:
                lowered = lowered or sentence.lower()  # only sentences with an excluded phrase need it
                at = span(first)[0]
                if any(lowered.startswith(phrase, at) for phrase in action.excluded_phrases):
                    continue
            steps = action.steps
            if steps and steps[0].forms is not None and not steps[0].gap and following not in steps[0].forms:
                continue  # the usual miss, told without a call: the next word is not the pattern's second
            last = _match_from(action, lowers, first)
            if last is None:
                continue
            start, end = span(first)[0], span(last)[1]
            found.append(Cue(action, first, last, start, end, sentence[start:end]))
    if len(found) < 2:
        return found  # nothing can overlap
    found.sort(key=lambda c: (-(c.last - c.first), c.first))
    kept: list[Cue] = []
    for cue in found:
        if any(cue.first <= other.last and other.first <= cue.last for other in kept):
            continue
        kept.append(cue)
    kept.sort(key=lambda c: c.first)
    return kept
