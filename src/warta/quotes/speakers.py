"""Who is speaking: entity mentions by position, the person in focus, and speaker descriptions matched to entities."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from warta.record import Entity

from .lexicon import Lexicon

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Speaker:
    name: str
    entity: Entity | None = None

    @property
    def entity_id(self) -> str | None:
        return self.entity.id if self.entity else None

    @property
    def is_person(self) -> bool:
        return self.entity is not None and self.entity.type == "PER"


class MentionAt(NamedTuple):  # a tuple: built for every mention of every article, and cheaper than a dataclass
    start: int
    end: int
    text: str
    entity: Entity


_new_tuple = tuple.__new__  # builds a MentionAt without the NamedTuple's Python-level __new__
_START, _END = itemgetter(0), itemgetter(1)


@dataclass
class Focus:
    """Who a pronoun refers to: the person last in focus, the last speaker of any kind, the last organisation."""

    person: Entity | None = None
    speaker: Speaker | None = None
    org: Entity | None = None
    person_block: int = -1  # the paragraph where the person came into focus
    speaker_block: int = -1  # the paragraph where the last speaker spoke
    # The last speaker had no entity ("seorang diplomat senior"): "katanya" then refers to them.
    unnamed_person: Speaker | None = None

    def person_speaker(self) -> Speaker | None:
        if self.unnamed_person is not None:
            return self.unnamed_person
        return Speaker(self.person.name, self.person) if self.person else None

    def group_speaker(self) -> Speaker | None:
        if self.speaker:
            return self.speaker
        return Speaker(self.org.name, self.org) if self.org else None


@dataclass
class EntityIndex:
    """The article's entity mentions, sorted by position, with the words of each entity's names."""

    entities: list[Entity]
    mentions: list[MentionAt] = field(init=False)
    _starts: list[int] = field(init=False)
    mention_counts: Counter[str] = field(init=False)
    _name_words: dict[str, set[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.mentions = [
            _new_tuple(MentionAt, (m.start, m.end, m.text, e)) for e in self.entities for m in e.mentions if m.end > m.start
        ]
        # By start, longer first, ties in the order above: two stable sorts on C-level keys give the order that
        # sorting on (start, -end) gives, without a Python key call per mention.
        self.mentions.sort(key=_END, reverse=True)
        self.mentions.sort(key=_START)
        self._starts = [m.start for m in self.mentions]
        self.mention_counts = Counter({e.id: len(e.mentions) for e in self.entities})

    def starting_in(self, start: int, end: int) -> list[MentionAt]:
        index = bisect_left(self._starts, start)
        found = []
        while index < len(self.mentions) and self.mentions[index].start < end:
            found.append(self.mentions[index])
            index += 1
        return found

    def name_words(self, entity: Entity) -> set[str]:
        """The words of an entity's name and mention texts, case-folded (computed once per entity)."""
        words = self._name_words.get(entity.id)
        if words is None:
            texts = {entity.name, *(m.text for m in entity.mentions)}
            words = {w.casefold() for text in texts for w in _WORD.findall(text)}
            self._name_words[entity.id] = words
        return words

    def surname_match(self, word: str) -> Entity | None:
        """A person whose name or mentions contain `word` as a whole word ("Wang" -> Wang Yi)."""
        key = word.casefold()
        people = [e for e in self.entities if e.type == "PER" and key in self.name_words(e)]
        return max(people, key=lambda e: self.mention_counts[e.id]) if people else None

    def organisation_described(self, content_words: list[str], lexicon: Lexicon) -> Entity | None:
        """The organisation whose names contain every content word of a description ("badan keamanan Rusia":
        keamanan, Rusia -> "Dewan Keamanan Rusia"). Head nouns (badan, dewan, ...) are interchangeable."""
        content = {w.casefold() for w in content_words}
        if not content:
            return None
        best: tuple[float, int, Entity] | None = None
        for entity in self.entities:
            if entity.type != "ORG" or lexicon.is_media(entity.name):
                continue
            words = self.name_words(entity)
            if content <= words:
                score = (len(content) / len(words), self.mention_counts[entity.id], entity)
                if best is None or score[:2] > best[:2]:
                    best = score
        return best[2] if best else None

    def leader_of(self, country: str, focus: Focus) -> Entity | None:
        """The person of `country` a role like "Pemimpin China" most likely means: the one in focus, else the most
        mentioned."""
        people = [e for e in self.entities if e.type == "PER" and e.country == country]
        if not people:
            return None
        if focus.person in people:
            return focus.person
        return max(people, key=lambda e: self.mention_counts[e.id])
