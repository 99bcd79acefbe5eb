"""Faster equivalents of data-driven regexes, derived from the patterns themselves: no match changes.

Python's regex engine skips quickly over positions where a match cannot start only when it knows the characters a
match starts with; it works that out for a pattern that opens with a literal or a character class, but not for an
alternation whose branches open differently (or with `^`, `\\b`, a lookbehind), and it tries a long alternation word
by word. Searched over whole lines, such a pattern costs a full try of every branch at every position. Here:

- `with_lookahead` / `fast_pattern` / `QuickSearch`: the pattern opened by `(?=[the characters a match can start
  with])`, read from its parse tree. A branch that can only match at the start of the string (`^...`) contributes
  nothing after it; `QuickSearch` tries the plain pattern at position 0 itself, so its `search` finds exactly what
  the plain pattern's does. `QuickSearch` also skips the regex where the text lacks every string a match must
  contain (`required_substrings`). When the tree holds anything not understood (a negated class, inline flags, a
  pattern that can match the empty string), the plain pattern is used.
- `CaselessSearch`: an IGNORECASE search answered by a case-sensitive twin on the lowercased text, where that is
  exact (an ASCII source; a text without the three characters on which IGNORECASE and `str.lower` disagree).
- `longest_first_alternation`: a word list as a trie that tries the same words in the same order as the sorted
  alternation it replaces, optionally with the "no letter before" lookbehind moved after the first character.

Each is checked against the plain pattern by property tests in tests/meta/test_meta_fast_paths.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre  # the parse tree's node names; stable across CPython 3.11-3.13
from re import _parser as sre_parse

_CATEGORIES = {
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
MAX_REQUIRED = 4
_BROAD = {r"\S", r"\W", r"\D"}
_AT_START = (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
_ZERO_WIDTH_AT = (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _class_items(items: list[tuple[object, object]]) -> list[str] | None:
    out: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            out.append(re.escape(chr(value)))  # type: ignore[arg-type]
        elif op is sre.RANGE:
            low, high = value  # type: ignore[misc]
            out.append(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            out.append(_CATEGORIES[value])  # type: ignore[index]
        else:
            return None  # a negated class or something rarer: no lookahead
    return out


def _first(sequence: object) -> tuple[list[str], bool] | None:
    """(class items for the characters a match of `sequence` can start with at a position after the string's start,
    whether it can match the empty string there); None when unknown. A node that may match empty (`\\s*`, `(?:di)?`)
    adds its first characters and lets the next node's count too. A path through `^` cannot match there at all."""
    items: list[str] = []
    for op, value in sequence:  # type: ignore[attr-defined]
        if op is sre.AT:
            if value in _AT_START:
                return items, False
            if value in _ZERO_WIDTH_AT:
                continue
            return None
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # a lookaround consumes nothing: the next node starts the match
        node = _first_of_node(op, value)
        if node is None:
            return None
        items += node[0]
        if not node[1]:
            return items, False
    return items, True


def _first_of_node(op: object, value: object) -> tuple[list[str], bool] | None:
    if op is sre.LITERAL:
        return [re.escape(chr(value))], False  # type: ignore[arg-type]
    if op is sre.IN:
        items = _class_items(value)  # type: ignore[arg-type]
        return None if items is None else (items, False)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = value  # type: ignore[misc]
        return None if add_flags or del_flags else _first(inner)
    if op is sre.ATOMIC_GROUP:
        return _first(value)
    if op is sre.BRANCH:
        union: list[str] = []
        nullable = False
        for branch in value[1]:  # type: ignore[index]
            found = _first(branch)
            if found is None:
                return None
            union += found[0]
            nullable = nullable or found[1]
        return union, nullable
    if op in _REPEATS:
        minimum, _maximum, inner = value  # type: ignore[misc]
        found = _first(inner)
        return None if found is None else (found[0], found[1] or minimum == 0)
    return None


def with_lookahead(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool] | None:
    """`pattern` opened by a lookahead for its first characters, and whether some branch matches only at the start
    of the string (then the new pattern misses that match at position 0: use QuickSearch); None when no lookahead
    can be derived."""
    if pattern.flags & (re.MULTILINE | re.VERBOSE):
        return None  # `^` would match after every newline; VERBOSE sources do not survive the wrapping below
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
        first = _first(tree)
        if first is None or first[1]:
            return None  # unknown, or a pattern that can match the empty string
        items = first[0]
        if not items or any(item in _BROAD for item in items):
            return None  # nothing known, or a class (\S, \W, \D) that lets almost every position through
        anchored = _has_start_anchor(tree)
        unique = "".join(dict.fromkeys(items))
        fast = re.compile(f"(?=[{unique}])(?:{pattern.pattern})", pattern.flags)
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    return fast, anchored


def _has_start_anchor(sequence: object) -> bool:
    """Whether `^` or `\\A` occurs anywhere in the tree (then the lookahead may hide a match at position 0)."""
    for op, value in sequence:  # type: ignore[attr-defined]
        if op is sre.AT and value in _AT_START:
            return True
        if isinstance(value, (list, tuple)):
            for part in value:
                if isinstance(part, sre_parse.SubPattern) and _has_start_anchor(part):
                    return True
                if isinstance(part, list) and any(
                    isinstance(branch, sre_parse.SubPattern) and _has_start_anchor(branch) for branch in part
                ):
                    return True
        if isinstance(value, sre_parse.SubPattern) and _has_start_anchor(value):
            return True
    return False


def _required(sequence: object, ignore_case: bool) -> list[str] | None:
    """Strings one of which every match of `sequence` contains (None when no such short list is known). Of the
    sequence's nodes, the one with the fewest strings gives the list (a literal run is one string)."""
    best: list[str] | None = None
    run = ""
    candidates: list[list[str]] = []
    for op, value in sequence:  # type: ignore[attr-defined]
        if op is sre.LITERAL:
            run += chr(value)
            continue
        if run:
            candidates.append([run])
            run = ""
        found: list[str] | None = None
        if op is sre.SUBPATTERN:
            found = None if value[1] or value[2] else _required(value[3], ignore_case)
        elif op is sre.ATOMIC_GROUP:
            found = _required(value, ignore_case)
        elif op is sre.BRANCH:
            found = []
            for branch in value[1]:
                branch_found = _required(branch, ignore_case)
                if branch_found is None:
                    found = None
                    break
                found += branch_found
        elif op in _REPEATS:
            found = _required(value[2], ignore_case) if value[0] >= 1 else None
        elif op is sre.IN:
            chars = [chr(v) for kind, v in value if kind is sre.LITERAL]  # type: ignore[union-attr]
            found = chars if len(chars) == len(value) and len(chars) <= 4 else None  # type: ignore[arg-type]
        if found:
            candidates.append(found)
    if run:
        candidates.append([run])
    for found in candidates:
        if ignore_case and any(text.lower() != text.upper() for text in found):
            continue  # a cased letter may match in another case: not a plain substring test
        if all(text.isspace() for text in found):
            continue  # blanks are everywhere: no use as a test
        if best is None or len(found) < len(best):
            best = found
    return best


def required_substrings(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """A few strings one of which every match of `pattern` contains (a test with `str.find` before the regex runs),
    or None when the parse tree gives none."""
    if pattern.flags & re.VERBOSE:
        return None
    try:
        found = _required(sre_parse.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    # More than a few strings cost more to look for than the regex scan they would save.
    return tuple(dict.fromkeys(found)) if found and len(found) <= MAX_REQUIRED else None


class QuickSearch:
    """`search` with the plain pattern's results, scanning with the lookahead version where there is one, and not
    at all where the text lacks every string a match must contain."""

    __slots__ = ("plain", "fast", "anchored", "required")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.plain = pattern
        derived = with_lookahead(pattern)
        self.fast, self.anchored = derived if derived else (pattern, False)
        self.required = required_substrings(pattern)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self.required is not None:
            for needed in self.required:
                if text.find(needed, pos) >= 0:
                    break
            else:
                return None  # none of the strings a match must contain is there
        if self.anchored and (pos <= 0 or not text):  # search starts at position 0 (a pos past the end is clamped)
            # A branch that opens with `^` may match here; the plain pattern at position 0 tries every branch in the
            # order search would, so its match is the one search returns.
            match = self.plain.match(text)
            if match is not None:
                return match
        return self.fast.search(text, pos)


def fast_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The lookahead version of `pattern` where it matches exactly what `pattern` matches at every position (no
    `^` branch), for search, finditer, sub alike; else `pattern` itself."""
    derived = with_lookahead(pattern)
    return derived[0] if derived is not None and not derived[1] else pattern


def longest_first_alternation(words: Iterable[str], ignore_case: bool = False, not_after: str | None = None) -> str:
    """A regex source matching any of `words`, as a trie: `K(?:OMPAS(?:\\.TV|\\.com)?|...)`.

    It tries the same candidates in the same order as `"|".join(sorted(words, key=len, reverse=True))` (every word
    that matches at a position is a prefix of the longer ones, so longest first, then shorter ones on backtracking),
    so it can replace that alternation inside any case-sensitive pattern. The engine then follows one branch per
    character instead of trying every word in turn: for a hundred or more names, several times faster.

    With `ignore_case` (for a re.IGNORECASE pattern) the trie holds the lowercased words: words equal but for case
    match the same text the same way, and no text character matches two different ASCII letters, so the order of
    candidates is again the plain alternation's. Words with other cased characters get the plain alternation.

    `not_after` (a one-character pattern such as "[A-Za-z0-9]") stands for a `(?<!not_after)` in front of the
    alternation, checked after the first character instead (`K(?<![A-Za-z0-9]K)...`: the character before the K is
    not one of them): the pattern then opens with its first letters, which the engine scans for quickly, instead of
    a lookbehind it must try at every position."""
    words = list(words)
    if ignore_case:
        if not all(char.isascii() or char.lower() == char.upper() for word in words for char in word):
            plain = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
            return f"(?<!{not_after})(?:{plain})" if not_after else plain
        words = list(dict.fromkeys(word.lower() for word in words))
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def build(node: dict, top: bool = False) -> str:  # type: ignore[type-arg]
        branches = [
            re.escape(char) + (f"(?<!{not_after}{re.escape(char)})" if top and not_after else "") + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word ending here is the shorter candidate: tried after the longer ones (greedy `?`).
        return f"(?:{body})?" if "" in node else body

    if not_after and "" in trie:
        raise ValueError("an empty word cannot carry the not_after check")
    return build(trie, top=True) if trie else "(?!)"


# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not turn them into it (checked
# over all of Unicode in tests/meta/test_meta_fast_paths.py): İ and ı match "i", ſ matches "s".
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f]")


def _has_case_trap(text: str) -> bool:
    # Three single-character `in` tests: ten times faster than searching the character class.
    return "\u0130" in text or "\u0131" in text or "\u017f" in text
_ESCAPE_OR_UPPER = re.compile(r"\\(.)|\(\?P|([A-Z])")  # an escape, the named-group syntax, or a capital


def _lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` (re.IGNORECASE, an ASCII source) without IGNORECASE and with its letters lowercased: on
    `text.lower()` it matches where `pattern` matches on `text`, for any text without _CASE_TRAPS. None where the
    source has escapes that name characters by number, or named groups a lowercasing would rename."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not source.isascii() or pattern.flags & re.VERBOSE:
        return None
    escapes = [m.group(1) for m in _ESCAPE_OR_UPPER.finditer(source) if m.group(1) is not None]
    if any(char.isalnum() and char not in "sSdDwWbB" for char in escapes):
        return None  # \x41, \N{...}, \1, \A, \Z: not safe to keep as they are
    lowered = _ESCAPE_OR_UPPER.sub(lambda m: m.group(2).lower() if m.group(2) else m.group(0), source)
    try:
        twin = re.compile(lowered, pattern.flags & ~re.IGNORECASE)
    except re.error:
        return None
    return twin if twin.groupindex == pattern.groupindex else None


class CaselessSearch:
    """`search(text) is not None` of a re.IGNORECASE pattern, answered on `text.lower()` by a case-sensitive twin
    (QuickSearch: lookahead and required strings, which IGNORECASE would rule out) where that is exact."""

    __slots__ = ("plain", "twin")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.plain = pattern
        twin = _lowercase_twin(pattern)
        self.twin = QuickSearch(twin) if twin is not None else None

    def found_in(self, text: str) -> bool:
        if self.twin is None or _has_case_trap(text):
            return self.plain.search(text) is not None
        return self.twin.search(text.lower()) is not None
