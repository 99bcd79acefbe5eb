"""The speaker a phrase names, and who is in focus for the pronouns of the next sentence.

`SpeakerResolver.resolve` reads a phrase ("Putin", "dia", "juru bicara Kemlu", "badan keamanan Rusia") and tries the
rules of SPEAKER_RULES in order: the first that answers wins. A rule answers with a Speaker, or with NO_SPEAKER when
the phrase is its case but names nobody (a pronoun with no one in focus); it returns None when the phrase is not its
case, and the next rule is tried.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from itertools import compress

from warta.record import Entity

from .lexicon import Lexicon
from .speakers import Focus, MentionAt, Speaker
from .text import VERB_FORM, WORD, ArticleText, Word

# A longer phrase without an entity is a clause, not a speaker; after a cue, titles run long ("Kepala Riset dan
# Edukasi Monex Investindo Futures Ariston Tjendra").
_MAX_UNLINKED_WORDS = {True: 10, False: 12}  # by subject position
_PERSON_ROLES = frozenset({"role", "leader", "agent"})
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_NYA_PARAGRAPHS = 3
_TITLE_REACH = 60  # characters before a name where its title may stand  # how far back a -nya cue looks for the last speaker


class Verdict(Enum):
    NO_SPEAKER = "the phrase is the rule's case, and it names no one"


NO_SPEAKER = Verdict.NO_SPEAKER
Answer = Speaker | Verdict | None


@dataclass
class Phrase:
    """A phrase that may name a speaker. `words` lack leading determiners (and, for a subject, conjunctions);
    `mentions` are the entity mentions in it that do not follow a preposition ("kepada Putin" is no speaker)."""

    words: list[Word]
    end: int
    subject: bool
    mentions: list[MentionAt]
    lex: Lexicon

    @property
    def start(self) -> int:
        return self.words[0].start

    @cached_property
    def lowers(self) -> list[str]:
        return [w.lower for w in self.words]

    @cached_property
    def roles(self) -> set[str]:
        """The classes of every role phrase in it ("Mantan direktur Bank Dunia": role)."""
        lowers = self.lowers
        return {found[0] for k in _role_starts(self.lex, lowers) if (found := self.lex.role_at(lowers, k))}

    @cached_property
    def head(self) -> str:
        """The class of the role phrase it opens with ("juru bicara ...": role), or ""."""
        return (self.lex.role_at(self.lowers, 0) or ("",))[0]

    @property
    def person_head(self) -> bool:
        # "juru bicara Departemen Luar Negeri AS" speaks for the department; "Direktur Utama BRI" (name not given)
        # is a person, not the bank.
        return self.head in ("role", "leader")

    @cached_property
    def description(self) -> tuple[set[str], list[str]]:
        """(role classes, content words) of a description: "badan keamanan Rusia" -> ({org}, [keamanan, Rusia])."""
        lowers = self.lowers
        classes: set[str] = set()
        content: list[str] = []
        k = 0
        while k < len(lowers):
            found = self.lex.role_at(lowers, k)
            if found:
                # A leader word counts only as the head of the phrase: "Pemimpin China" is the leader,
                # "penasihat presiden Rusia" is not.
                if found[0] != "leader" or k == 0:
                    classes.add(found[0])
                k += found[1]
            else:
                if lowers[k] not in self.lex.stops and lowers[k] not in self.lex.words["anaphoric"]:
                    content.append(self.words[k].text)
                k += 1
        return classes, content

    @property
    def places(self) -> list[Entity]:
        return [m.entity for m in self.mentions if m.entity.type == "LOC"]


def _role_starts(lex: Lexicon, lowers: list[str]) -> Iterable[int]:
    """The indexes where role_at can find a role (all of them for a hand-built lexicon)."""
    first_words = lex.role_first_words
    if first_words is None:
        return range(len(lowers))
    return compress(range(len(lowers)), map(first_words.__contains__, lowers))


def _speaker(entity: Entity) -> Speaker:
    return Speaker(entity.name, entity)


class SpeakerResolver:
    """Resolves speaker phrases of one article, keeping the focus that pronouns refer to."""

    def __init__(self, text: ArticleText) -> None:
        self.text = text
        self.lex = text.lex
        self.index = text.index
        self.focus = Focus()
        self._media_entities: dict[int, bool] = {}  # id(entity) -> is it a medium (is_media_entity)
        self._spelled_out: dict[str, str] = {}  # acronym -> the name it abbreviates in this article (_in_full)

    def resolve(self, start: int, end: int, *, subject: bool = False) -> Speaker | None:
        """The speaker a phrase names: a person, a pronoun, an organisation, a role or description, a country."""
        phrase = self._phrase(start, end, subject)
        if phrase is None:
            return None
        for rule in SPEAKER_RULES:
            answer = rule(self, phrase)
            if answer is not None:
                return self._in_full(answer) if isinstance(answer, Speaker) else None
        return None

    def _in_full(self, speaker: Speaker) -> Speaker:
        """An organisation known by its acronym under the name the article spells out once: "IFA" after
        "Federasi Timnas Irak (IFA)" is Federasi Timnas Irak."""
        entity = speaker.entity
        if entity is None or entity.type != "ORG" or not _ACRONYM.fullmatch(speaker.name):
            return speaker
        full = self._spelled_out.get(speaker.name)
        if full is None:
            found = re.search(rf"((?:[A-Z][\w'-]*\s+){{1,8}})\(\s*{re.escape(speaker.name)}\s*\)", self.text.body)
            full = found.group(1).strip() if found else speaker.name
            self._spelled_out[speaker.name] = full
        return Speaker(full, entity)

    def _phrase(self, start: int, end: int, subject: bool) -> Phrase | None:
        words = self.text.words_in(start, end)
        longest_role = self.lex.longest_role  # role_at(lowers, 0) looks no further
        while words and (self.lex.role_at([w.lower for w in words[:longest_role]], 0) or ("", 0))[0] == "determiner":
            words = words[1:]
        conjunctions = self.lex.words["conjunction"]
        while subject and words and words[0].lower in conjunctions:
            words = words[1:]
        while subject and len(words) > 1 and words[-1].lower in conjunctions:
            words = words[:-1]  # "Senator tersebut juga menyebut", "kementerian kemudian menambahkan"
        if subject and len(words) > 1 and words[-1].lower == "yang":
            words = self._after_main_verb(words[:-1])
        if not words:
            return None
        mentions = [m for m in self.text.mentions_in(words[0].start, end) if not self.after_preposition(m)]
        return Phrase(words, end, subject, mentions, self.lex)

    def titled(self, mention: MentionAt, role: list[str]) -> bool:
        """The mention follows the role words, perhaps with a rank or a capitalised title word between ("Kapolri
        Jenderal Listyo Sigit")."""
        before = self.text.words_in(max(0, mention.start - _TITLE_REACH), mention.start)[-(len(role) + 2) :]
        lowers = [w.lower for w in before]
        for k in range(len(lowers) - len(role) + 1):
            between = before[k + len(role) :]
            if lowers[k : k + len(role)] == role and all(w.text[:1].isupper() for w in between):
                return True
        return False

    def _after_main_verb(self, words: list[Word]) -> list[Word]:
        """The head of a relative clause without the clause before it: in "mengutip seorang analis militer yang
        menilai" the analyst speaks. A verb in an earlier relative clause stays ("X yang mendampingi Presiden")."""
        verbs = [
            k
            for k, w in enumerate(words[:-1])
            if w.text[:1].islower() and VERB_FORM.match(w.lower) and (k == 0 or words[k - 1].lower != "yang")
        ]
        return words[verbs[-1] + 1 :] if verbs else words

    def pronoun(self, word: str) -> Speaker | None:
        cls = self.lex.pronouns.get(word)
        if cls == "person":
            return self.focus.person_speaker()
        if cls == "group":
            return self.focus.group_speaker()
        return None

    def nya_speaker(self, pos: int, *, continues: bool = False) -> Speaker | None:
        """Who a -nya cue at `pos` points to ("ujarnya", "tulisnya"): the last speaker of any kind (an organisation's
        statement too) when they spoke in the last few paragraphs and no person came into focus since; with a cue
        that continues ("lanjutnya", "tambahnya"), the last speaker even then. Else the person in focus."""
        focus, block = self.focus, self.text.block_of(pos)
        if focus.speaker is None:
            return focus.person_speaker()
        # A person may be a few paragraphs back; an organisation only in this paragraph or the one before.
        reach = block - _NYA_PARAGRAPHS if focus.speaker.is_person else self.text.previous_block(block)
        if focus.speaker_block >= reach and (continues or focus.speaker_block >= focus.person_block):
            return focus.speaker
        return focus.person_speaker()

    def _pronoun_subject_before(self, start: int, end: int) -> bool:
        """A person pronoun stands in [start, end) ("Ia menyebut Bahlil ...": the sentence is about who "ia" is)."""
        pronouns = self.lex.pronouns
        return any(pronouns.get(w.lower) == "person" for w in self.text.words_in(start, end))

    def after_preposition(self, mention: MentionAt) -> bool:
        before = self.text.word_before(mention.start)
        return (
            before is not None
            and before.lower in self.lex.words["not_subject_before"]
            and mention.start - before.end <= 2
        )

    def is_media_entity(self, entity: Entity) -> bool:
        # Asked for the same entities sentence after sentence: answered once per entity of the article.
        known = self._media_entities.get(id(entity))
        if known is None:
            known = self.lex.is_media(entity.name) or any(self.lex.is_media(m.text) for m in entity.mentions)
            self._media_entities[id(entity)] = known
        return known

    def update_focus(self, start: int, end: int, speakers: list[Speaker]) -> None:
        """After the sentence [start, end): its speakers come into focus, else the first person and organisation
        it names as a subject."""
        focus = self.focus
        if speakers:
            focus.speaker_block = self.text.block_of(start)
        for speaker in speakers:
            focus.speaker = speaker
            focus.unnamed_person = speaker if speaker.entity is None else None
            if speaker.is_person:
                focus.person = speaker.entity
            elif speaker.entity is not None and speaker.entity.type == "ORG":
                focus.org = speaker.entity
        if speakers:
            if speakers[-1].is_person:
                focus.person_block = self.text.block_of(start)
            return
        found_person = found_org = False
        for mention in self.text.mentions_in(start, end):
            if self.after_preposition(mention):
                continue
            if mention.entity.type == "PER" and not found_person:
                if self._pronoun_subject_before(start, mention.start):
                    found_person = True  # "Dia juga mengutip ayat Alkitab Matius": the focus stays
                    continue
                focus.person, focus.person_block, found_person = mention.entity, self.text.block_of(start), True
                focus.unnamed_person = None
            elif mention.entity.type == "ORG" and not found_org and not self.is_media_entity(mention.entity):
                focus.org, found_org = mention.entity, True
            if found_person and found_org:
                break  # later mentions can change nothing


# ---------------------------------------------------------------------------------------------------- the rules


def pronoun(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"dia", "mereka", "pihaknya": the person or group in focus; a pronoun with no one in focus names nobody."""
    first = phrase.words[0].lower
    if first not in resolver.lex.pronouns:
        return None
    return resolver.pronoun(first) or NO_SPEAKER


def person_named(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """A person mentioned anywhere in the phrase: "Menteri Luar Negeri Retno Marsudi"."""
    return next((_speaker(m.entity) for m in phrase.mentions if m.entity.type == "PER"), None)


def person_referred_back(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"Mantan direktur Bank Dunia tersebut menambahkan", "kata bendahara negara itu": a description of a person
    ending in an anaphoric word is the person in focus, not the organisation it names."""
    roles = phrase.roles
    describes_person = bool(roles & _PERSON_ROLES) or not phrase.subject and not roles
    if not describes_person or len(phrase.words) < 2 or phrase.lowers[-1] not in resolver.lex.words["anaphoric"]:
        return None
    # A person named in it, unless set off by commas ("gelandang asal klub ..., Lommell, itu"), is the speaker.
    masked = resolver.text.masked
    if any(m.entity.type == "PER" and not masked[max(0, m.start - 4) : m.start].rstrip().endswith(",") for m in phrase.mentions):
        return None
    return resolver.focus.person_speaker()


def organisation_named(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """An organisation mentioned in the phrase ("juru bicara Kemlu" speaks for Kemlu), unless the phrase opens with
    a person's role ("Direktur Utama BRI" is a person) or the organisation is a medium."""
    if phrase.person_head:
        return None
    for mention in phrase.mentions:
        if mention.entity.type == "ORG" and not resolver.is_media_entity(mention.entity):
            return _speaker(mention.entity)
    return None


def statement_issuer(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"bunyi keterangan tersebut": a statement speaks for the group in focus, which issued it."""
    if phrase.head != "statement":
        return None
    # "demikian pernyataan Komando Utara AS": the statement names its issuer.
    head_length = (resolver.lex.role_at(phrase.lowers, 0) or ("", 1))[1]
    named = [w for w in phrase.words[head_length:] if w.text[:1].isupper()]
    if named:
        return resolver.resolve(named[0].start, phrase.end) or NO_SPEAKER
    return resolver.focus.group_speaker() or NO_SPEAKER


def leader_of_country(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"Pemimpin China": the person of that country in focus, else the most mentioned one."""
    classes, _ = phrase.description
    places = phrase.places
    if "leader" not in classes or not places or not places[0].country:
        return None
    person = resolver.index.leader_of(places[0].country, resolver.focus)
    return _speaker(person) if person else None


def side_of_country(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"pihak Rusia": a side word and nothing but a place is that place."""
    classes, content = phrase.description
    places = phrase.places
    if phrase.person_head or "side" not in classes or not places:
        return None
    if len(content) != len(WORD.findall(" ".join(m.text for m in phrase.mentions))):
        return None
    return _speaker(places[0])


def organisation_described(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"badan keamanan Rusia": the organisation whose names hold every content word ("Dewan Keamanan Rusia")."""
    classes, content = phrase.description
    if phrase.person_head or not ("org" in classes or "side" in classes):
        return None
    organisation = resolver.index.organisation_described(content, resolver.lex)
    return _speaker(organisation) if organisation else None


def organisation_in_focus(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"dewan itu", "kementerian tersebut": the organisation in focus, when its name has that head noun."""
    classes, content = phrase.description
    if phrase.person_head or "org" not in classes or content:
        return None
    focus = resolver.focus
    in_focus = focus.speaker.entity if focus.speaker and focus.speaker.entity else focus.org
    if in_focus is not None and in_focus.type == "ORG" and set(phrase.lowers) & resolver.index.name_words(in_focus):
        return _speaker(in_focus)
    return None


def place_named_first(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """A phrase opening with a place speaks for it: "Rusia menegaskan"."""
    mentions = phrase.mentions
    if mentions and mentions[0].entity.type == "LOC" and mentions[0].start == phrase.start:
        return _speaker(mentions[0].entity)
    return None


def person_by_surname(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """A capitalised word that is part of a person's name: "Wang" -> Wang Yi."""
    for word in phrase.words:
        if word.text[:1].isupper() and word.lower not in resolver.lex.stops:
            person = resolver.index.surname_match(word.text)
            if person:
                return _speaker(person)
    return None


def role_of_named_person(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """"kata Kapolri" where the article names "Kapolri Jenderal Listyo Sigit" elsewhere: the person so titled (the
    last one before, else the first after). A role the article gives no name ("tanya jaksa") stays the role."""
    lowers = phrase.lowers
    found = resolver.lex.role_at(lowers, 0)
    if not found or found[0] not in ("role", "leader") or found[1] != len(lowers) or phrase.mentions:
        return None
    titled = [m for m in resolver.index.mentions if m.entity.type == "PER" and resolver.titled(m, lowers)]
    if not titled:
        return None
    before = [m for m in titled if m.start < phrase.start]
    return _speaker((before[-1] if before else titled[0]).entity)


def unlinked_name_or_role(resolver: SpeakerResolver, phrase: Phrase) -> Answer:
    """No entity: the speaker as written when it reads as a role ("diplomat senior") or a name — after a cue any
    capitalised phrase, as a subject only a short run of capitalised words ("Henry Najoan")."""
    words, subject, stops = phrase.words, phrase.subject, resolver.lex.stops
    named = words[: next((k for k, w in enumerate(words) if k and w.lower in stops), len(words))]
    capitalised = all(w.text[:1].isupper() for w in named)
    as_name = (not subject and words[0].text[:1].isupper()) or (subject and capitalised and 2 <= len(named) <= 4)
    if (phrase.roles or as_name) and len(named) <= _MAX_UNLINKED_WORDS[subject] and named == words[: len(named)]:
        return Speaker(resolver.text.body[phrase.start : named[-1].end])
    return None


Rule = Callable[[SpeakerResolver, Phrase], Answer]
SPEAKER_RULES: tuple[Rule, ...] = (
    pronoun,
    person_referred_back,
    person_named,
    organisation_named,
    statement_issuer,
    leader_of_country,
    side_of_country,
    organisation_described,
    organisation_in_focus,
    place_named_first,
    person_by_surname,
    role_of_named_person,
    unlinked_name_or_role,
)
