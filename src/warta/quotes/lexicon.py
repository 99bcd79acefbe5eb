"""Word lists the quote extractor reads: speech cues, pronouns, roles and citing phrases from data/; media names and
day and month names from the shared Indonesian resources (warta.lang.id)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal, cast, get_args

from warta.lang.id.calendar import calendar
from warta.lang.id.media import quote_media_names

CueClass = Literal["short", "verb", "according", "report"]
PronounClass = Literal["person", "group"]
RoleClass = Literal["determiner", "leader", "role", "agent", "org", "side", "media", "statement"]


@dataclass(frozen=True)
class Cue:
    word: str
    cls: CueClass
    needs_clause: bool = False
    partial_only: bool = False
    directive: bool = False
    pronoun_suffix: bool = False  # "katanya": the speaker is the person in focus
    continues: bool = False  # "lanjut", "tambah": the speaker goes on (its -nya form is the last speaker)
    opening: bool = False  # "Dikatakan X, …": only where it opens the sentence or follows a comma


@dataclass
class Lexicon:
    cues: dict[str, Cue] = field(default_factory=dict)
    pronouns: dict[str, PronounClass] = field(default_factory=dict)
    roles: dict[tuple[str, ...], RoleClass] = field(default_factory=dict)
    longest_role: int = 1
    # First words of `roles`, filled by lexicon(): most words start no role phrase, and role_at runs for every word
    # of every speaker phrase. None (a hand-built Lexicon) means: look every length up.
    role_first_words: frozenset[str] | None = None
    media: set[str] = field(default_factory=set)
    cite_phrases: list[tuple[str, ...]] = field(default_factory=list)
    cite_first_words: set[str] = field(default_factory=set)
    # cite_phrases grouped by their first word, each group in cite_phrases' order (longest first)
    cite_phrases_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    cite_if_medium: set[tuple[str, ...]] = field(default_factory=set)  # phrases that cite only a known medium
    stops: set[str] = field(default_factory=set)
    clause_words: set[str] = field(default_factory=set)
    calendar: set[str] = field(default_factory=set)
    words: dict[str, set[str]] = field(default_factory=dict)  # grammar.tsv: class -> words
    # A capitalised word with a speech verb glued to its end ("Sugionomenambahkan"): group 1 ends before the verb.
    glued_verb: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!)"))

    def role_at(self, words: list[str], index: int) -> tuple[RoleClass, int] | None:
        """The role class of the longest role phrase starting at words[index], and its length in words."""
        if self.role_first_words is not None and words[index] not in self.role_first_words:
            return None
        for length in range(min(self.longest_role, len(words) - index), 0, -1):
            cls = self.roles.get(tuple(words[index : index + length]))
            if cls:
                return cls, length
        return None

    def is_media(self, name: str) -> bool:
        return name.casefold().strip() in self.media


def _lines(name: str) -> list[list[str]]:
    text = resources.files("warta.quotes").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    for row in _lines("cues.tsv"):
        word, cls = row[0].casefold(), row[1]
        if cls not in get_args(CueClass):
            raise ValueError(f"cues.tsv: {word!r} has an unknown cue class {cls!r}")
        flags = set(row[2].split(",")) if len(row) > 2 else set()
        continues, opening = "continues" in flags, "opening" in flags
        lex.cues[word] = Cue(
            word, cast(CueClass, cls), "clause" in flags, "partial" in flags, "directive" in flags, continues=continues, opening=opening
        )
        # Short cues and "menurut" take -nya for "he/she": katanya, ujarnya, menurutnya, dikatakannya.
        if cls in ("short", "according"):
            nya = Cue(word + "nya", cls, pronoun_suffix=True, continues=continues, opening=opening)  # type: ignore[arg-type]
            lex.cues.setdefault(word + "nya", nya)
    for row in _lines("pronouns.tsv"):
        lex.pronouns[row[0].casefold()] = row[1]  # type: ignore[assignment]
    for row in _lines("roles.tsv"):
        key = tuple(row[0].casefold().split())
        lex.roles[key] = row[1]  # type: ignore[assignment]
        lex.longest_role = max(lex.longest_role, len(key))
    lex.role_first_words = frozenset(key[0] for key in lex.roles)
    lex.media = {medium.name.casefold() for medium in quote_media_names()}
    cite_rows = _lines("cites.txt")
    lex.cite_phrases = sorted((tuple(row[0].casefold().split()) for row in cite_rows), key=len, reverse=True)
    lex.cite_if_medium = {tuple(row[0].casefold().split()) for row in cite_rows if row[1:] == ["medium"]}
    lex.cite_first_words = {phrase[0] for phrase in lex.cite_phrases}
    for phrase in lex.cite_phrases:
        lex.cite_phrases_by_first.setdefault(phrase[0], []).append(phrase)
    lex.stops = {row[0].casefold() for row in _lines("stops.txt")}
    lex.clause_words = {row[0].casefold() for row in _lines("clause_words.txt")}
    lex.calendar = set(calendar().indonesian_names)
    verbs = sorted((c.word for c in lex.cues.values() if c.cls == "verb" and len(c.word) >= 6), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, verbs))
    lex.glued_verb = re.compile(rf"\b([A-Z][a-z]{{2,}}?)(?:{alternatives})\b")
    for word, cls in _lines("grammar.tsv"):
        lex.words.setdefault(cls, set()).add(word.casefold())
    return lex
