"""Quotes and their speakers in an Indonesian news article.

The article is read sentence by sentence, in order, so that pronouns ("dia", "katanya", "pihaknya") can be resolved
to whoever was last in focus. Each sentence yields:

* direct quotes: a quoted stretch that is a statement of its own, told by its position (it starts the sentence or
  follows "X mengatakan:") or by a speech cue right after it ("…,” kata Patrushev");
* partial quotes: a quoted phrase of three words or more inside reported speech ("berjanji “mendukung secara
  teguh”"); shorter quoted words (‘netral’, “agresif”, “tanpa batas”) are scare quotes and are never reported,
  nor is a quoted phrase in a sentence without a speech cue (a title, a slogan);
* indirect speech: "X mengatakan (bahwa) …", "menurut X, …", "…, kata X." — one per sentence.

Cues, pronouns, role words and media names come from data/ (see lexicon.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import NamedTuple

from warta.record import Article, Entity, Quote, trusted

from .lexicon import Cue, Lexicon, lexicon
from .marks import QuotedSpan, find_quoted_spans, paragraphs
from .speakers import EntityIndex, Focus, MentionAt, Speaker

_WORD = re.compile(r"\w+(?:[-‐]\w+)*", re.UNICODE)
_MASK = "\x00"
# A news site named by its domain: "kepada Kompas.com", "dihubungi Kontan.co.id".
_DOMAIN = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9-]*(?:\.[a-z]{2,4}){1,2})\b")
_MIN_STATEMENT_WORDS = 3  # fewer quoted words inside a sentence are scare quotes, not statements
_MIN_INDIRECT_WORDS = 2
_LIST_NUMBER = re.compile(r"\d{1,2}\.\s+")
_CLAUSE_MARKS = re.compile(r"[()\[\],]")
# Compiled once (re's own cache is kept full by the other stages, which evicts patterns given as strings); a
# one-character class searched between two offsets finds what searching the slice finds.
_PHRASE_BREAK = re.compile(r"[,.;:()!?\"“”«»]")
_SENTENCE_BREAK = re.compile(r"[.!?;]")
# A longer phrase without an entity is a clause, not a speaker; after a cue, titles run long ("Kepala Riset dan
# Edukasi Monex Investindo Futures Ariston Tjendra").
_MAX_UNLINKED_WORDS = {True: 10, False: 12}  # by subject position


class Word(NamedTuple):  # a tuple: an article has hundreds of words, built in one pass
    start: int
    end: int
    text: str
    lower: str


_new_tuple = tuple.__new__  # builds a Word without the NamedTuple's Python-level __new__


@dataclass
class Act:
    """A speech act of one sentence: who spoke, with which cue, and (for indirect speech) the reported content."""

    speaker: Speaker | None
    cue: str
    cue_start: int
    content: tuple[int, int] | None = None  # None: the act only attributes quoted phrases
    cited: list[str] = field(default_factory=list)


@dataclass
class _Draft:
    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None
    cue: str | None
    cited: list[str]


def extract_quotes(article: Article) -> None:
    """Fill `article.quotes` from `article.body`, using `article.sentences` and `article.entities` from the nlp stage."""
    article.quotes = _Extractor(article).run() if article.body.strip() else []


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    return list(article.sentences)  # raises when the sentences stage has not run: no splitter of its own here


def _masked(body: str, spans: list[QuotedSpan]) -> str:
    """The body with every character inside a quote's parts replaced by _MASK (same length, same offsets)."""
    pieces = []
    position = 0
    # Joined from slices rather than a list of characters; overlapping parts (not expected) mask their union.
    for start, end in sorted(part for span in spans for part in span.parts):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(body[position:start])
        pieces.append(_MASK * (end - start))
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _words_up_to(text: str, limit: int, start: int = 0, end: int | None = None) -> int:
    """min(limit, len(_WORD.findall(text[start:end]))), without finding the words after the limit-th.

    _WORD has no anchors or look-arounds, so searching text between start and end is searching the slice."""
    count = 0
    for _ in _WORD.finditer(text, start, len(text) if end is None else end):
        count += 1
        if count >= limit:
            break
    return count


def _indexes_in(lowers: list[str], members: Container[str]) -> list[int]:
    """Indexes of the words found in `members`, in order (one C-level pass)."""
    return list(compress(range(len(lowers)), map(members.__contains__, lowers)))


class _Extractor:
    def __init__(self, article: Article) -> None:
        self.body = article.body
        self.lex: Lexicon = lexicon()
        self.index = EntityIndex(list(article.entities))
        self.blocks = paragraphs(self.body)
        self.block_starts = [a for a, _ in self.blocks]
        self.spans = find_quoted_spans(self.body, self.blocks)
        self.span_starts = [span.outer_start for span in self.spans]
        self.masked = _masked(self.body, self.spans)
        # The words in parallel lists built by C-level maps (a per-word comprehension building each Word was the
        # extractor's largest single cost); the Word tuples are zipped from them.
        matches = list(_WORD.finditer(self.masked))
        texts = list(map(re.Match.group, matches))
        self.word_starts = list(map(re.Match.start, matches))
        self.word_ends = list(map(re.Match.end, matches))
        self.lowers = list(map(str.casefold, texts))
        fields = zip(self.word_starts, self.word_ends, texts, self.lowers, strict=True)
        self.words = list(map(_new_tuple, repeat(Word), fields))
        # Indexes of the words a citing phrase can start with ("dikutip", "kutip", ...): cites_in runs for every
        # sentence and quote, and most have none.
        self.cite_starts = _indexes_in(self.lowers, self.lex.cite_first_words)
        # Indexes of the words that are speech cues (acts_in and _trim look only at those).
        self.cue_indexes = _indexes_in(self.lowers, self.lex.cues)
        self.cue_starts = [self.word_starts[index] for index in self.cue_indexes]
        self.cite_positions = [self.word_starts[index] for index in self.cite_starts]
        self.sentences = self._clip_sentences(_sentence_spans(article))
        self.sentence_starts = [a for a, _ in self.sentences]
        self.focus = Focus()
        self.consumed: set[int] = set()  # start offsets of cue words already used by a direct quote
        self.block_last_speaker: dict[int, Speaker | None] = {}
        self.drafts: list[_Draft] = []
        self.media_entities: dict[int, bool] = {}  # id(entity) -> is it a medium (_is_media_entity)

    # ----------------------------------------------------------------- positions
    def _clip_sentences(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sentences never cross a paragraph break (a quote may; sentences are for cues and focus)."""
        out = []
        for a, b in sorted(spans):
            index = self.block_of(a)
            while index < len(self.blocks) and self.blocks[index][0] < b:
                lo, hi = max(a, self.blocks[index][0]), min(b, self.blocks[index][1])
                if hi > lo:
                    out.append((lo, hi))
                index += 1
        return out or [(0, len(self.body))]

    def block_of(self, pos: int) -> int:
        index = bisect_right(self.block_starts, pos) - 1
        return index if index > 0 else 0

    def sentence_of(self, pos: int) -> int:
        index = bisect_right(self.sentence_starts, pos) - 1
        return index if index > 0 else 0

    def _cue_indexes_in(self, first: int, last: int) -> list[int]:
        """Indexes in [first, last) of the words that are speech cues."""
        return self.cue_indexes[bisect_left(self.cue_indexes, first):bisect_left(self.cue_indexes, last)]

    def _word_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [first, last) of the words lying wholly inside [start, end).

        Words are non-empty, in order and never overlap, so their starts and their ends are both sorted: the words
        starting at or after `start` and ending by `end` are one run, found by two bisections (words_in runs
        thousands of times per article; a scan over the words was the extractor's main cost)."""
        first = bisect_right(self.word_starts, start - 1)
        last = bisect_right(self.word_ends, end)
        return first, last if last > first else first

    def words_in(self, start: int, end: int) -> list[Word]:
        first, last = self._word_range(start, end)
        return self.words[first:last]

    def word_before(self, pos: int) -> Word | None:
        index = bisect_right(self.word_starts, pos - 1) - 1
        return self.words[index] if index >= 0 else None

    def mentions_in(self, start: int, end: int) -> list[MentionAt]:
        """Mentions starting in [start, end) outside quoted words."""
        return [m for m in self.index.starting_in(start, end) if self.masked[m.start] != _MASK]

    def gap(self, start: int, end: int) -> str:
        return self.masked[start:end]

    # ----------------------------------------------------------------- speakers
    def pronoun(self, word: str) -> Speaker | None:
        cls = self.lex.pronouns.get(word)
        if cls == "person":
            return self.focus.person_speaker()
        if cls == "group":
            return self.focus.group_speaker()
        return None

    def resolve(self, start: int, end: int, *, subject: bool = False) -> Speaker | None:
        """The speaker a phrase names: a person, a pronoun, an organisation, a role or description, a country."""
        words = self.words_in(start, end)
        longest_role = self.lex.longest_role  # role_at(lowers, 0) looks no further
        while words and (self.lex.role_at([w.lower for w in words[:longest_role]], 0) or ("", 0))[0] == "determiner":
            words = words[1:]
        while subject and words and words[0].lower in self.lex.words["conjunction"]:
            words = words[1:]
        if not words:
            return None
        start = words[0].start
        if words[0].lower in self.lex.pronouns:
            return self.pronoun(words[0].lower)
        mentions = [m for m in self.mentions_in(start, end) if not self._after_preposition(m)]
        lowers = [w.lower for w in words]
        roles = {found[0] for k in self._role_starts(lowers) if (found := self.lex.role_at(lowers, k))}
        for mention in mentions:
            if mention.entity.type == "PER":
                return Speaker(mention.entity.name, mention.entity)
        describes_person = bool(roles & {"role", "leader", "agent"}) or not subject and not roles
        if (
            describes_person
            and len(words) > 1
            and lowers[-1] in self.lex.words["anaphoric"]
            and self.focus.person_speaker()
        ):
            # "Mantan direktur Bank Dunia tersebut menambahkan", "kata bendahara negara itu": the person just
            # named, not the organisation.
            return self.focus.person_speaker()
        head = (self.lex.role_at(lowers, 0) or ("",))[0]
        # "juru bicara Departemen Luar Negeri AS" speaks for the department; "Direktur Utama BRI" (name not given)
        # is a person, not the bank.
        person_head = head in ("role", "leader")
        for mention in mentions:
            if mention.entity.type == "ORG" and not person_head and not self._is_media_entity(mention.entity):
                return Speaker(mention.entity.name, mention.entity)
        if head == "statement":
            return self.focus.group_speaker()  # "bunyi keterangan tersebut": the organisation that issued it
        described = self._described(words, mentions, person_head)
        if described:
            return described
        if mentions and mentions[0].entity.type == "LOC" and mentions[0].start == start:
            return Speaker(mentions[0].entity.name, mentions[0].entity)
        for word in words:
            if word.text[:1].isupper() and word.lower not in self.lex.stops:
                person = self.index.surname_match(word.text)
                if person:
                    return Speaker(person.name, person)
        # No entity: keep the speaker as written when it reads as a role ("diplomat senior") or a name — after a
        # cue any capitalised phrase, as a subject only a short run of capitalised words ("Henry Najoan").
        named = words[: next((k for k, w in enumerate(words) if k and w.lower in self.lex.stops), len(words))]
        capitalised = all(w.text[:1].isupper() for w in named)
        as_name = (not subject and words[0].text[:1].isupper()) or (subject and capitalised and 2 <= len(named) <= 4)
        if (roles or as_name) and len(named) <= _MAX_UNLINKED_WORDS[subject] and named == words[: len(named)]:
            return Speaker(self.body[start : named[-1].end])
        return None

    def _role_starts(self, lowers: list[str]) -> Iterable[int]:
        """The indexes where role_at can find a role (all of them for a hand-built lexicon)."""
        first_words = self.lex.role_first_words
        if first_words is None:
            return range(len(lowers))
        return compress(range(len(lowers)), map(first_words.__contains__, lowers))

    def _after_preposition(self, mention: MentionAt) -> bool:
        before = self.word_before(mention.start)
        return (
            before is not None
            and before.lower in self.lex.words["not_subject_before"]
            and mention.start - before.end <= 2
        )

    def _is_media_entity(self, entity: Entity) -> bool:
        # Asked for the same entities sentence after sentence: answered once per entity of the article.
        known = self.media_entities.get(id(entity))
        if known is None:
            known = self.lex.is_media(entity.name) or any(self.lex.is_media(m.text) for m in entity.mentions)
            self.media_entities[id(entity)] = known
        return known

    def _described(self, words: list[Word], mentions: list[MentionAt], person_head: bool) -> Speaker | None:
        """Roles and descriptions: "Pemimpin China", "badan keamanan Rusia", "pihak Rusia"."""
        lowers = [w.lower for w in words]
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
                    content.append(words[k].text)
                k += 1
        places = [m.entity for m in mentions if m.entity.type == "LOC"]
        if "leader" in classes and places and places[0].country:
            person = self.index.leader_of(places[0].country, self.focus)
            if person:
                return Speaker(person.name, person)
        if person_head:
            return None
        if "side" in classes and places and len(content) == len(_WORD.findall(" ".join(m.text for m in mentions))):
            return Speaker(places[0].name, places[0])
        if "org" in classes or "side" in classes:
            organisation = self.index.organisation_described(content, self.lex)
            if organisation:
                return Speaker(organisation.name, organisation)
        if "org" in classes and not content:
            # "dewan itu", "kementerian tersebut": the organisation in focus, when its name has that head noun.
            in_focus = self.focus.speaker.entity if self.focus.speaker and self.focus.speaker.entity else self.focus.org
            if in_focus is not None and in_focus.type == "ORG" and set(lowers) & self.index.name_words(in_focus):
                return Speaker(in_focus.name, in_focus)
        return None

    # ----------------------------------------------------------------- media
    def media_in(self, start: int, end: int, *, known_only: bool = False) -> str | None:
        """The medium a phrase names ("penyiar negara China CCTV" -> CCTV), or None. With `known_only`, only a
        medium of the media list, a news site's domain or an organisation entity that is a medium."""
        domain = _DOMAIN.match(self.body, start, max(end, start + 80))
        if domain:
            return domain.group(1)
        if known_only:
            return self._known_medium(start, end)
        for mention in self.mentions_in(start, end):
            if mention.entity.type == "ORG":
                return mention.entity.name
        words = self.words_in(start, end)
        for length in range(len(words), 0, -1):
            for k in range(len(words) - length + 1):
                name = self.body[words[k].start : words[k + length - 1].end]
                if self.lex.is_media(name):
                    return name
        # "dikutip Sabtu (13/6)" names a day, not a medium.
        capitalised = [w for w in words if w.text[:1].isupper() and w.lower not in self.lex.calendar]
        return capitalised[-1].text if capitalised else None

    def _known_medium(self, start: int, end: int) -> str | None:
        for mention in self.mentions_in(start, end):
            return mention.entity.name if self._is_media_entity(mention.entity) else None
        words = self.words_in(start, end)
        for length in range(len(words), 0, -1):
            for k in range(len(words) - length + 1):
                name = self.body[words[k].start : words[k + length - 1].end]
                if self.lex.is_media(name):
                    return name
        return None

    def is_media_phrase(self, start: int, end: int) -> bool:
        if _DOMAIN.match(self.body, start, max(end, start + 80)):
            return True
        for mention in self.mentions_in(start, end):
            if mention.entity.type in ("PER", "LOC"):
                return False
            return self._is_media_entity(mention.entity)
        words = self.words_in(start, end)
        lowers = [w.lower for w in words]
        if any((self.lex.role_at(lowers, k) or ("",))[0] == "media" for k in range(len(lowers))):
            return True
        return any(
            self.lex.is_media(self.body[words[a].start : words[b].end])
            for a in range(len(words))
            for b in range(a, len(words))
        )

    def cites_in(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position, medium) of citing phrases in [start, end): "dikutip dari Al Jazeera", "kutip Reuters"."""
        cite_positions = self.cite_positions
        if bisect_left(cite_positions, start) == bisect_left(cite_positions, end):
            return []  # no word that can start a citing phrase starts here (most sentences, most articles)
        first, last = self._word_range(start, end)
        # Only words that can start a citing phrase are tried (see cite_starts).
        candidates = self.cite_starts[bisect_left(self.cite_starts, first):bisect_left(self.cite_starts, last)]
        if not candidates:
            return []
        words = self.words[first:last]
        lowers = self.lowers
        found = []
        resume = 0  # a matched phrase's own words start no other phrase
        for k in (index - first for index in candidates):
            if k < resume:
                continue
            # Phrases with another first word cannot match here; the group keeps cite_phrases' order.
            for phrase in self.lex.cite_phrases_by_first[lowers[first + k]]:
                if first + k + len(phrase) <= last and tuple(lowers[first + k : first + k + len(phrase)]) == phrase:
                    phrase_end = self.phrase_end(words, k + len(phrase), end, stop_words=False)
                    if phrase_end > words[k + len(phrase) - 1].end:
                        known_only = phrase in self.lex.cite_if_medium
                        medium = self.media_in(words[k + len(phrase) - 1].end, phrase_end, known_only=known_only)
                        if medium:
                            found.append((words[k].start, medium))
                    resume = k + len(phrase)
                    break
        return found

    def phrase_end(self, words: list[Word], k: int, limit: int, *, stop_words: bool = True) -> int:
        """End of the name phrase starting at words[k]: before punctuation, a stop word or `limit`."""
        if k >= len(words):
            return words[-1].end if words else limit
        end = words[k - 1].end if k > 0 else words[k].start
        for index in range(k, len(words)):
            word = words[index]
            if index > k and _PHRASE_BREAK.search(self.masked, words[index - 1].end, word.start):
                break
            if stop_words and word.lower in self.lex.stops and index > k:
                break
            if stop_words and word.lower in self.lex.stops and index == k and word.lower not in ("para",):
                break
            end = word.end
        return min(end, limit)

    # ----------------------------------------------------------------- cues around a quote
    def cue_of(self, word: Word) -> Cue | None:
        return self.lex.cues.get(word.lower)

    def trailing_cue(self, span: QuotedSpan, end: int) -> tuple[Cue, Word, Speaker | None, bool] | None:
        """A speech cue right after a quote: (cue, cue word, speaker, speaker is a medium reporting it)."""
        words = self.words_in(span.outer_end, end)
        if not words or _SENTENCE_BREAK.search(self.masked, span.outer_end, words[0].start):
            return None
        first = self.cue_of(words[0])
        if first and not first.partial_only:
            return self._after_cue(first, words, 0, end)
        # "“…,” Putin menambahkan." — a speaker, then the cue.
        for k in range(1, min(len(words), 6)):
            cue = self.cue_of(words[k])
            if not cue:
                continue
            if cue.cls != "verb" or cue.partial_only or "," in self.gap(words[0].start, words[k].start):
                return None
            speaker = self.resolve(words[0].start, words[k - 1].end, subject=True)
            return (cue, words[k], speaker, False) if speaker else None
        return None

    def _after_cue(self, cue: Cue, words: list[Word], k: int, limit: int) -> tuple[Cue, Word, Speaker | None, bool]:
        cue_word = words[k]
        if cue.pronoun_suffix:
            return cue, cue_word, self.focus.person_speaker(), False
        phrase_end = self.phrase_end(words, k + 1, limit)
        phrase_start = words[k + 1].start if k + 1 < len(words) else cue_word.end
        if cue.cls == "report" or (cue.cls == "according" and self.is_media_phrase(phrase_start, phrase_end)):
            return cue, cue_word, None, True
        speaker, _ = self._with_apposition(self.resolve(phrase_start, phrase_end), phrase_end, limit)
        return cue, cue_word, speaker, False

    def _with_apposition(
        self, speaker: Speaker | None, phrase_end: int, limit: int, *, stop_words: bool = True
    ) -> tuple[Speaker | None, int]:
        """A role without a linked name may be followed by the name in apposition: "ujar Direktur Utama LMAN,
        Basuki Purwadi", "Menurut penasihat presiden Rusia ..., Yuri Ushakov, ...". The name then speaks."""
        if speaker is not None and speaker.entity is not None:
            return speaker, phrase_end
        after = self.words_in(phrase_end, limit)
        if not after or self.gap(phrase_end, after[0].start).strip() != ",":
            return speaker, phrase_end
        apposition_end = self.phrase_end(after, 0, limit, stop_words=stop_words)
        named_words = self.words_in(after[0].start, apposition_end)
        named = self.resolve(after[0].start, apposition_end)
        is_name = named is not None and (
            named.entity is not None
            and named.entity.type == "PER"
            or named.entity is None
            and 2 <= len(named_words) <= 4
            and all(w.text[:1].isupper() for w in named_words)
        )
        return (named, apposition_end) if is_name else (speaker, phrase_end)

    def leading_cue(
        self, span: QuotedSpan, sentence_start: int
    ) -> tuple[Cue | None, Word | None, Speaker | None] | None:
        """A cue introducing a quote: "Putin mengatakan: “…”", "Kata Xi, “…”", "Menurut X, “…”", or a name and a
        colon as in an interview ("Budi: “…”")."""
        words = self.words_in(sentence_start, span.outer_start)
        if not words:
            return None
        tail = self.gap(words[-1].end, span.outer_start).strip()
        last = words[-1]
        bahwa = last.lower == "bahwa" and len(words) > 1
        if bahwa:
            last = words[-2]
        cue = self.cue_of(last)
        if cue and cue.cls == "verb" and not cue.partial_only and (tail in (":", ",") or bahwa):
            return cue, last, self.subject_before(sentence_start, last)
        # "Kata Xi, “…”" / "Menurut Xi, “…”": the cue opens the sentence and the speaker follows it.
        first = self.cue_of(words[0])
        if first and first.cls in ("short", "according") and tail == ",":
            _, cue_word, speaker, is_media = self._after_cue(first, words, 0, span.outer_start)
            return (first, cue_word, speaker) if not is_media else None
        if tail == ":":
            clause_start = self._clauses(sentence_start, words[-1].end)[-1][0]
            speaker = self.resolve(clause_start, words[-1].end, subject=True)
            if speaker is not None and speaker.entity is not None and self._is_name_only(clause_start, words[-1].end):
                return None, None, speaker
        return None

    def _is_name_only(self, start: int, end: int) -> bool:
        """The phrase is one entity mention, perhaps after a title: "Budi", "Menteri Budi Santoso"."""
        mentions = self.mentions_in(start, end)
        return bool(mentions) and mentions[-1].end >= self.words_in(start, end)[-1].end

    def subject_before(self, sentence_start: int, cue_word: Word) -> Speaker | None:
        """The speaker before a verb cue: the nearest clause that names one ("Dalam sambutan ..., Putin mengatakan")."""
        clauses = self._clauses(sentence_start, cue_word.start)
        if not clauses:
            return None
        last_start, last_end = clauses[-1]
        if not self.words_in(last_start, last_end) and len(clauses) > 1:
            # The verb follows an apposition: "Juru bicara Kemlu, Sri Wahyuni, mengatakan" names the person in
            # apposition; "Nikolai Patrushev, sekutu dekat Putin ..., mengatakan" has the speaker before it.
            for clause_start, clause_end in clauses[1:-1]:
                if self._is_person_name(clause_start, clause_end):
                    words = self.words_in(clause_start, clause_end)
                    named = Speaker(self.body[words[0].start : words[-1].end])
                    return self.resolve(clause_start, clause_end, subject=True) or named
            return self.resolve(*clauses[0], subject=True)
        for clause_start, clause_end in reversed(clauses):
            words = self.words_in(clause_start, clause_end)
            if words and words[0].lower == "yang":
                continue
            speaker = self.resolve(clause_start, clause_end, subject=True)
            if speaker:
                return speaker
            if any(w.lower not in self.lex.words["conjunction"] for w in words):
                return None
        return None

    def _is_person_name(self, start: int, end: int) -> bool:
        """The phrase is a person's name: one person mention, or (a name the nlp stage missed) one to four
        capitalised words that name no place, organisation or day ("Seorang warga, Asep, mengaku ...")."""
        words = self.words_in(start, end)
        if not words:
            return False
        mentions = self.mentions_in(start, end)
        if mentions:
            first = mentions[0]
            return first.entity.type == "PER" and first.start == words[0].start and first.end >= words[-1].end
        return len(words) <= 4 and all(w.text[:1].isupper() and w.lower not in self.lex.calendar for w in words)

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        clauses = []
        depth = 0
        clause_start = start
        # Only brackets and commas matter: visit them alone rather than every character.
        for mark in _CLAUSE_MARKS.finditer(self.masked, start, end):
            char = mark.group()
            if char in "([":
                depth += 1
            elif char in ")]":
                depth = max(0, depth - 1)
            elif depth == 0:
                pos = mark.start()
                clauses.append((clause_start, pos))
                clause_start = pos + 1
        clauses.append((clause_start, end))
        return clauses

    # ----------------------------------------------------------------- indirect speech
    def acts_in(self, start: int, end: int) -> list[Act]:
        """Speech acts of a sentence (quoted words masked), in order of preference."""
        cue_starts = self.cue_starts
        if bisect_left(cue_starts, start) == bisect_left(cue_starts, end):
            return []  # speech acts start at cue words, and no cue word starts in this sentence (most have none)
        first, last = self._word_range(start, end)
        cue_indexes = self._cue_indexes_in(first, last)
        if not cue_indexes:
            return []
        words = self.words[first:last]
        cue_ks = [index - first for index in cue_indexes]
        if self.consumed and any(w.start in self.consumed for w in words):
            words = [w for w in words if w.start not in self.consumed]
            cue_ks = [k for k, w in enumerate(words) if w.lower in self.lex.cues]
        explicit: list[Act] = []
        verbs: list[tuple[bool, Act]] = []
        cited = [medium for _, medium in self.cites_in(start, end)]
        for k in cue_ks:  # only the cue words: the others were skipped anyway
            word = words[k]
            cue = self.lex.cues[word.lower]
            if cue.cls == "short" and k >= 1:
                act = self._short_act(words, k, cue, start, end)
                if act:
                    explicit.append(act)
            elif cue.cls == "according":
                act = self._according_act(words, k, cue, start, end, cited)
                if act:
                    explicit.append(act)
            elif cue.cls == "report" and k + 1 < len(words):
                medium = self.media_in(words[k + 1].start, self.phrase_end(words, k + 1, end, stop_words=False))
                if medium and medium not in cited:
                    cited.append(medium)
            elif cue.cls == "verb":
                act = self._verb_act(words, k, cue, start, end)
                if act:
                    verbs.append((k > 0 and words[k - 1].lower == "yang", act))
        # A verb in a relative clause ("pemain yang meminta namanya tidak disebutkan") yields to the main verb.
        acts = explicit + [act for in_relative, act in sorted(verbs, key=lambda v: v[0])]
        for act in acts:
            act.cited = cited
        return acts

    def _short_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int) -> Act | None:
        """ "…, kata Biden." and "Xi, kata Ushakov, mengaku …"."""
        word = words[k]
        if "," not in self.gap(words[k - 1].end, word.start):
            return None
        _, _, speaker, is_media = self._after_cue(cue, words, k, end)
        if speaker is None or is_media:
            return None
        phrase_end = word.end if cue.pronoun_suffix else self.phrase_end(words, k + 1, end)
        rest = self.words_in(phrase_end, end)
        comma = self.masked.rfind(",", start, word.start)
        content = (start, comma) if not rest else (start, end)
        return Act(speaker, word.lower, word.start, self._trim(*content))

    def _name_end(self, start: int, end: int) -> int:
        words = self.words_in(start, end)
        if words and words[0].lower in self.lex.pronouns:
            return words[0].end
        mentions = self.mentions_in(start, end)
        people = [m for m in mentions if m.entity.type == "PER"]
        return (people or mentions)[0].end if mentions else end

    def _according_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int, cited: list[str]) -> Act | None:
        word = words[k]
        if cue.pronoun_suffix:
            phrase_start = phrase_end = word.end
            speaker = self.focus.person_speaker()
        else:
            if k + 1 >= len(words):
                return None
            phrase_start = words[k + 1].start
            phrase_end = self.phrase_end(words, k + 1, end, stop_words=False)
            if self.is_media_phrase(phrase_start, phrase_end):
                medium = self.media_in(phrase_start, phrase_end)
                if medium and medium not in cited:
                    cited.append(medium)
                return None
            speaker, phrase_end = self._with_apposition(
                self.resolve(phrase_start, phrase_end), phrase_end, end, stop_words=False
            )
            if not self.masked[phrase_end:end].strip(" .!?"):
                # No comma after the name ("Menurut Budi harga beras turun"): the name ends the phrase.
                phrase_end = self._name_end(phrase_start, phrase_end)
        if speaker is None:
            return None
        before = self.masked[start : word.start].strip()
        after_phrase = self.masked[phrase_end:end].strip()
        if not before or before.endswith(",") and after_phrase.startswith(","):
            content = (phrase_end, end)  # "Menurut X, …"
        elif after_phrase.strip(".!? ") == "":
            comma = self.masked.rfind(",", start, word.start)  # "…, menurut X."
            if comma < 0:
                return None
            content = (start, comma)
        else:
            content = (phrase_end, end)
        return Act(speaker, word.lower, word.start, self._trim(*content))

    def _verb_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int) -> Act | None:
        word = words[k]
        if self._negated(words, k):
            return None
        after = self.words_in(word.end, end)
        content_start = word.end
        if after and after[0].lower == "kepada":
            bahwa = next((w for w in after if w.lower == "bahwa"), None)
            if bahwa:
                content_start = bahwa.start
        next_text = self.masked[content_start:end].lstrip()
        # Case-folding is per character and never shortens one, so folding the first five characters tells whether
        # the folded rest starts with "bahwa" (without folding the whole rest of the sentence).
        clause = next_text[:1] in (":", ",") or next_text[:5].casefold().startswith("bahwa")
        speaker = self.subject_before(start, word)
        if speaker is None:
            return None
        # Verbs that also take a plain object ("BPS mencatat inflasi 2,5 persen", "menyebut namanya") report speech
        # when a clause marker follows or a person is speaking; otherwise they only attribute a quoted phrase.
        person_like = speaker.is_person or speaker.entity is None and not self._names_organisation(speaker.name)
        content = None if cue.partial_only else self._trim(content_start, end)
        if content and cue.directive and _words_up_to(self.body, _MIN_STATEMENT_WORDS, *content) < _MIN_STATEMENT_WORDS:
            content = None  # "meminta maaf" is no reported request
        if content and cue.needs_clause and not clause:
            said = {w.lower for w in self.words_in(*content)} & self.lex.clause_words
            content = content if person_like and said else None
        return Act(speaker, word.lower, word.start, content)

    def _names_organisation(self, text: str) -> bool:
        """An unlinked speaker headed by an organisation word ("Kementerian", "pihak Rusia")."""
        lowers = [w.casefold() for w in _WORD.findall(text)]
        return bool(lowers) and (self.lex.role_at(lowers, 0) or ("",))[0] in ("org", "side", "statement")

    def _negated(self, words: list[Word], k: int) -> bool:
        """A negation before the verb, across adverbs only: "tidak (secara spesifik) menyinggung"."""
        for index in range(k - 1, max(-1, k - 4), -1):
            if words[index].lower in self.lex.words["negation"]:
                return True
            if words[index].lower not in self.lex.words["negation_gap"]:
                return False
        return False

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        """Content without leading "bahwa"/":"/"," and without a trailing citation (", kutip Reuters")."""
        text = self.masked
        for position, _ in self.cites_in(start, end):
            comma = text.rfind(",", start, position)
            if comma > start and not text[comma:position].strip(", "):
                end = min(end, comma)
        for index in self._cue_indexes_in(*self._word_range(start, end)):
            word = self.words[index]
            cue = self.lex.cues[word.lower]
            if cue.cls in ("report", "according") and word.start > start:
                comma = text.rfind(",", start, word.start)
                if comma > start and not text[comma + 1 : word.start].strip():
                    end = min(end, comma)
        while True:
            stripped = text[start:end].lstrip(" \t\n,:;—–-")
            start = end - len(stripped)
            first = _WORD.match(stripped)
            if first and first.group().casefold() in ("bahwa", *self.lex.words["verb_particle"]):
                start += first.end()
                continue
            number = _LIST_NUMBER.match(stripped)
            if number:
                start += number.end()
                continue
            break
        while end > start and self.body[end - 1] in " \t\n,.;:—–-":
            end -= 1
        if _words_up_to(self.body, _MIN_INDIRECT_WORDS, start, end) < _MIN_INDIRECT_WORDS:
            return None
        return start, end

    # ----------------------------------------------------------------- main loop
    def run(self) -> list[Quote]:
        spans_by_sentence: dict[int, list[QuotedSpan]] = {}
        for span in self.spans:
            spans_by_sentence.setdefault(self.sentence_of(span.outer_start), []).append(span)
        for number, (start, end) in enumerate(self.sentences):
            self._sentence(number, start, end, spans_by_sentence.get(number, []))
        self.drafts.sort(key=lambda d: (d.start, d.end))
        # Built without validation (record.trusted): every value is already of its field's type; `cited` is copied,
        # as validating it would, because drafts of one sentence share their act's list.
        return [
            trusted(
                Quote,
                {
                    "text": d.text,
                    "start": d.start,
                    "end": d.end,
                    "speaker": d.speaker.name if d.speaker else None,
                    "speaker_id": d.speaker.entity_id if d.speaker else None,
                    "kind": d.kind,
                    "cue": d.cue,
                    "cited": list(d.cited),
                },
            )
            for d in self.drafts
        ]

    def _sentence(self, number: int, start: int, end: int, spans: list[QuotedSpan]) -> None:
        block = self.block_of(start)
        emitted: list[_Draft] = []
        inline: list[QuotedSpan] = []
        for span in spans:
            draft = self._direct(span, number)
            if draft:
                emitted.append(draft)
            else:
                inline.append(span)
        acts = self.acts_in(start, end)
        indirect = next((a for a in acts if a.content and a.speaker), None)
        if indirect and indirect.content:
            a, b = indirect.content
            emitted.append(_Draft(a, b, self.body[a:b], "indirect", indirect.speaker, indirect.cue, indirect.cited))
        for span in inline:
            draft = self._partial(span, acts)
            if draft:
                emitted.append(draft)
        self.drafts.extend(emitted)
        speakers = [d.speaker for d in emitted if d.speaker]
        if speakers:
            self.block_last_speaker[block] = speakers[-1]
        self._update_focus(start, end, speakers)

    def _direct(self, span: QuotedSpan, sentence: int) -> _Draft | None:
        sentence_start = self.sentences[sentence][0]
        close_sentence = self.sentence_of(max(span.outer_end - 1, 0))
        limit = min(self.sentences[close_sentence][1], self.blocks[self.block_of(span.outer_end - 1)][1])
        following = bisect_left(self.span_starts, span.outer_end)
        if following < len(self.span_starts):
            limit = min(limit, self.span_starts[following])
        text = span.text(self.body)
        words = _words_up_to(text, _MIN_STATEMENT_WORDS)  # only compared with 2 and _MIN_STATEMENT_WORDS
        lead = self.masked[sentence_start : span.outer_start].strip(" \t-–—•*")
        starts_sentence = lead == ""
        trailing = self.trailing_cue(span, limit) if span.close_pos is not None else None
        leading = self.leading_cue(span, sentence_start) if span.open_pos is not None and not starts_sentence else None
        trail_words = self.words_in(span.outer_end, limit)
        ends_clause = not trail_words or text.rstrip()[-1:] in ".!?…,"
        speaker: Speaker | None = None
        cue_word: Word | None = None
        cited = [m for _, m in self.cites_in(span.outer_end, limit)] + [
            m for _, m in self.cites_in(sentence_start, span.outer_start)
        ]
        if trailing and (starts_sentence or leading or words >= _MIN_STATEMENT_WORDS or span.open_pos is None):
            cue, cue_word, speaker, reported_by_media = trailing
            if reported_by_media:
                medium = self.media_in(
                    cue_word.end, self.phrase_end(trail_words, trail_words.index(cue_word) + 1, limit, stop_words=False)
                )
                if medium and medium not in cited:
                    cited.insert(0, medium)
                speaker = (
                    self.resolve(sentence_start, span.outer_start, subject=True) if not starts_sentence else None
                ) or self.focus.person_speaker()
        elif span.open_pos is None:
            return None
        elif leading and words >= 2 and ends_clause:
            cue, cue_word, speaker = leading
        elif starts_sentence and words >= _MIN_STATEMENT_WORDS and ends_clause:
            speaker = self._speaker_without_cue(span)
        else:
            return None
        if cue_word is not None:
            self.consumed.add(cue_word.start)
        start, end = span.start, span.end
        while end > start and self.body[end - 1] in ", \t\n":
            end -= 1
        text = self.body[start:end] if len(span.parts) == 1 else text.rstrip(", \t\n")
        return _Draft(start, end, text, "direct", speaker, cue_word.lower if cue_word else None, cited)

    def _speaker_without_cue(self, span: QuotedSpan) -> Speaker | None:
        """A quote with no cue continues the last speaker: of the previous paragraph when it opens a paragraph,
        else of its own paragraph."""
        block = self.block_of(span.outer_start)
        block_start = self.blocks[block][0]
        if not self.body[block_start : span.outer_start].strip():
            return self.block_last_speaker.get(block - 1)
        if block in self.block_last_speaker:
            return self.block_last_speaker[block]
        # "Budi memuji kinerja petani. “Panen tahun ini luar biasa.”": the person the paragraph is about.
        return self.focus.person_speaker() if self.focus.person_block == block else None

    def _partial(self, span: QuotedSpan, acts: list[Act]) -> _Draft | None:
        text = span.text(self.body)
        if span.open_pos is None or _words_up_to(text, _MIN_STATEMENT_WORDS) < _MIN_STATEMENT_WORDS or not acts:
            return None
        before = [a for a in acts if a.cue_start < span.outer_start and a.speaker]
        act = max(before, key=lambda a: a.cue_start) if before else next((a for a in acts if a.speaker), None)
        if act is None:
            return None
        start, end = span.start, span.end
        while end > start and self.body[end - 1] in ",. \t\n":
            end -= 1
        if end <= start:
            return None
        return _Draft(
            start,
            end,
            self.body[start:end] if len(span.parts) == 1 else text,
            "partial",
            act.speaker,
            act.cue,
            act.cited,
        )

    def _update_focus(self, start: int, end: int, speakers: list[Speaker]) -> None:
        for speaker in speakers:
            self.focus.speaker = speaker
            self.focus.unnamed_person = speaker if speaker.entity is None else None
            if speaker.is_person:
                self.focus.person = speaker.entity
            elif speaker.entity is not None and speaker.entity.type == "ORG":
                self.focus.org = speaker.entity
        if speakers:
            if speakers[-1].is_person:
                self.focus.person_block = self.block_of(start)
            return
        # Without a speech act, the first person or organisation named as a subject comes into focus.
        found_person = found_org = False
        for mention in self.mentions_in(start, end):
            if self._after_preposition(mention):
                continue
            if mention.entity.type == "PER" and not found_person:
                self.focus.person, self.focus.person_block, found_person = mention.entity, self.block_of(start), True
                self.focus.unnamed_person = None
            elif mention.entity.type == "ORG" and not found_org and not self._is_media_entity(mention.entity):
                self.focus.org, found_org = mention.entity, True
            if found_person and found_org:
                break  # later mentions can change nothing
