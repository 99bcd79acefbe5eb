"""Code events sentence by sentence: cue (what), actors (who, to whom), date (when), place, negation and intent.

The rules, in the order they apply to each cue found by the dictionary (lexicon.find_cues):

* a cue inside the clause of an earlier cue is that cue's content, not an event of its own ("sepakat menjalin
  kerja sama" is one AGREE; "mewanti-wanti China untuk tidak membantu Rusia" is one THREATEN);
* a noun cue followed by "itu"/"tersebut" refers back to an event already told ("Kesepakatan itu ...") and is skipped;
* "menolak (untuk) X" is not a REJECT but a negated X; negation and intent words are read in a short window before
  the cue without crossing a clause boundary;
* the source is the first actor of the cue's clause (after leading adverbials such as "Di saat ..., " or
  "Menurut ..., "); a clause with no actor of its own shares the subject of the main clause ("... dan menuduh");
  a pronoun ("Dia", "Mereka", "kedua negara") or an elided subject takes the previous sentence's actor(s);
  a noun cue with no actor before it takes its actors after it ("pertemuan Putin dan Xi");
* the target is the first actor after the cue that is not the source; for passive "di-" verbs the roles swap;
  symmetric types (CONSULT, AGREE, COOPERATE) take a coordinated partner ("Rusia dan China", "Moskow-Beijing"),
  and a visit with no named counterpart takes the visited country;
* the date is the date expression nearest to the cue in its sentence (unless another cue is nearer to it); a cue after
  "sepekan usai" / "dua hari sebelum" is shifted from the sentence's other date; a sentence opening with an
  anaphor ("Ini ...", "Usai pertemuan tersebut, ...") keeps the date of the event it refers to; anything else gets
  the article's anchor date (see `article_dates`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from warta.events.actors import (
    ActorMention,
    entity_mentions,
    gazetteer,
    officer_body,
    police_body_actors,
    police_body_after,
    prosecution_role_actors,
    sentence_actors,
    speaker_actors,
)
from warta.events.dates import ResolvedDate, find_bracketed_dates, find_dates, find_full_dates
from warta.events.lexicon import TOKEN, Action, Cue, Token, cameo_roots, cue_candidates, cues_in, tokenize, tokens_of
from warta.events.model import (
    NO_TYPE,
    Models,
    active,
    candidate_features,
    is_recording,
    record,
    trigger_candidates,
    word_features,
)
from warta.lang.id.calendar import calendar
from warta.lang.id.media import cited_media, outlets
from warta.nlp.kb import load_kb
from warta.record import Article, Entity, Event

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
LEAD_SENTENCES = 5  # sentences searched for the anchor date
ANCHOR_WINDOW_DAYS = 7  # how far before publication the lead's date may lie to count as the news day
MAX_LEADING_SEGMENTS = 4


@dataclass(frozen=True)
class Markers:
    negation: frozenset[str]
    negation_window: int
    negation_skip: frozenset[str]
    intent: frozenset[str]
    intent_window: int
    clause_adverbs: frozenset[str]  # with the negation, intent and coordinating words: what may precede a verb
    # whose subject is elided ("..., lalu juga mengecam") or a noun referring back to the last actor ("Perusahaan
    # langsung menghentikan", "Massa menuntut"); any other word there is the verb's own subject
    content_heads: frozenset[str]  # nouns whose modifier is an act's content, no act ("usulan gencatan senjata")
    descriptor_types: frozenset[str]  # types whose cue after "yang" describes, not reports ("yang didukung AS")
    receive_verbs: frozenset[str]  # "menuai kecaman dari X": X acts, the subject is the target
    home_country: str  # whose armed forces are actors of their own (TNI); a foreign state's act as the state
    offer_words: frozenset[str]  # intent words that make the act an offer or promise (AGREE) or a threat
    imperative_not_prefixes: tuple[str, ...]  # verb prefixes an imperative ("Cabut", "Hentikan") lacks
    future_words: frozenset[str]
    pronoun_single: frozenset[str]
    pronoun_pair: tuple[str, ...]
    leading_adverbial: frozenset[str]
    clause_openers: frozenset[str]
    coordinators: frozenset[str]
    anaphora_sentence_start: tuple[str, ...]
    anaphora_determiners: frozenset[str]
    offset_links: tuple[str, ...]
    speech_verbs: frozenset[str]
    headline_function_words: frozenset[str]  # lower-case words inside title-case headlines
    light_verbs: frozenset[str]  # verbs whose object noun names the subject's act ("melancarkan serangan")
    light_verb_window: int
    lexical_nouns: frozenset[str]  # cue words that are nouns without a noun affix ("sanksi", "protes")
    genitive_stop: frozenset[str]  # words that end a noun's own phrase ("serangan Rusia | terhadap Ukraina")
    role_actors: dict[str, str]  # role words that act without a name ("jaksa", "polisi") -> the actor's name
    role_countries: dict[str, str]  # a role that stands for a state ("pemerintah": Indonesia's) -> ISO3
    role_not_before: frozenset[str]  # words after a role that make it another body ("pemerintah federal")
    legal_context: frozenset[str]  # words that make a sentence a court or police one
    legal_retype: dict[str, str]  # first word of a pattern -> its type in such a sentence ("dituntut" -> ACCUSE)
    inquiry_context: frozenset[str]  # words that make a sentence an investigation's ("saksi", "diperiksa", "KPK")
    inquiry_retype: dict[str, str]  # first word of a pattern -> its type in such a sentence ("memanggil" -> ACCUSE)
    # Derived once here rather than for every cue or sentence:
    back_reference_determiners: frozenset[str]  # anaphora_determiners without "ini"
    intent_skip: frozenset[str]  # negation_skip without the intent words themselves
    anaphora_openers: tuple[str, ...]  # anaphora_sentence_start, each followed by a space
    clause_boundaries: frozenset[str]  # clause_openers and coordinators


@lru_cache(maxsize=1)
def markers() -> Markers:
    raw: dict[str, Any] = json.loads(
        resources.files("warta.events").joinpath("data/markers.json").read_text(encoding="utf-8")
    )
    return Markers(
        negation=frozenset(raw["negation"]),
        negation_window=int(raw["negation_window"]),
        negation_skip=frozenset(raw["negation_skip"]),
        intent=frozenset(raw["intent"]),
        intent_window=int(raw["intent_window"]),
        clause_adverbs=frozenset(raw["clause_adverbs"]) | frozenset(raw["negation"]) | frozenset(raw["intent"])
        | frozenset(raw["negation_skip"]) | frozenset(raw["coordinators"]) | frozenset(raw["clause_openers"]),
        content_heads=frozenset(raw["content_heads"]),
        descriptor_types=frozenset(raw["descriptor_types"]),
        receive_verbs=frozenset(raw["receive_verbs"]),
        home_country=str(raw["home_country"]),
        offer_words=frozenset(raw["offer_words"]),
        imperative_not_prefixes=tuple(raw["imperative_not_prefixes"]),
        future_words=frozenset(raw["future_words"]),
        pronoun_single=frozenset(raw["pronoun_single"]),
        pronoun_pair=tuple(sorted(raw["pronoun_pair"], key=len, reverse=True)),
        leading_adverbial=frozenset(raw["leading_adverbial"]),
        clause_openers=frozenset(raw["clause_openers"]),
        coordinators=frozenset(raw["coordinators"]),
        anaphora_sentence_start=tuple(raw["anaphora_sentence_start"]),
        anaphora_determiners=frozenset(raw["anaphora_determiners"]),
        offset_links=tuple(raw["offset_links"]),
        speech_verbs=frozenset(raw["speech_verbs"]),
        headline_function_words=frozenset(raw["headline_function_words"]),
        light_verbs=frozenset(raw["light_verbs"]),
        light_verb_window=int(raw["light_verb_window"]),
        lexical_nouns=frozenset(raw["lexical_nouns"]),
        genitive_stop=frozenset(raw["genitive_stop"]),
        role_actors=dict(raw["role_actors"]),
        role_countries=dict(raw["role_countries"]),
        role_not_before=frozenset(raw["role_not_before"]),
        legal_context=frozenset(raw["legal_context"]),
        legal_retype=dict(raw["legal_retype"]),
        inquiry_context=frozenset(raw["inquiry_context"]),
        inquiry_retype=dict(raw["inquiry_retype"]),
        back_reference_determiners=frozenset(raw["anaphora_determiners"]) - {"ini"},
        intent_skip=frozenset(raw["negation_skip"]) - {"akan", "ingin", "hendak"},
        anaphora_openers=tuple(f"{w} " for w in raw["anaphora_sentence_start"]),
        clause_boundaries=frozenset(raw["clause_openers"]) | frozenset(raw["coordinators"]),
    )


@lru_cache(maxsize=1)
def _offset_pattern() -> re.Pattern[str]:
    links = "|".join(re.escape(w) for w in markers().offset_links)
    # (?=[sdtel\d]): the first characters the pattern can start with (under its own flags), for speed only.
    return re.compile(
        r"(?=[sdtel\d])\b(?:(?P<se>se)|(?P<n>\d{1,3}|satu|dua|tiga|empat|lima|enam|tujuh)\s+)(?P<unit>hari|pekan|minggu|bulan)\s+"
        rf"(?:{links})\b",
        re.IGNORECASE,
    )


# (?=[dk]) changes no match; it lets the engine skip to candidate positions (see dates._first_chars).
_PLACE = re.compile(r"(?=[dk])\b(?:di|ke)\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_PLACE_STOP = frozenset({*calendar().indonesian_weekdays, "Tengah", "Antara"})
# "Rusia dan China", "Moskow-Beijing", "Retno Marsudi dan Menlu Australia Penny Wong" (titles may sit in between).
_COORDINATION = re.compile(r"^\s*(?:dan|serta|-|–|—|&|,)\s*(?:[A-Z][\w.]*\s+){0,4}$")
_NUMBERS = calendar().number_words


# ---------------------------------------------------------------------------------------------------- dates


def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


DateFinder = Callable[..., list[ResolvedDate]]  # find_dates, or an article's _DateMemo


class _DateMemo:
    """find_dates remembered for one article: the lead sentences are searched for the anchor date and then again
    as sentences with events (about one call in seven repeats). The lists it returns are shared: read them only."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, dt.date, bool], list[ResolvedDate]] = {}

    def __call__(self, text: str, base: dt.date, future: bool = False) -> list[ResolvedDate]:
        key = (text, base, future)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = find_dates(text, base, future)
        return found


def article_dates(article: Article, spans: list[tuple[int, int]], today: dt.date | None = None,
                  find: DateFinder = find_dates) -> tuple[dt.date | None, dt.date | None]:
    """(base, anchor): the date relative expressions resolve against, and the date of undated events.

    base: the publication date; without one, the latest fully written date (day, month and year, not after today)
    in the date line cleaning removed, then in the body, then in the title and the segments cleaning removed (captions, date lines) — the latest because
    articles also cite history ("sejak 29 Mei 2006"); without one, the first weekday-and-day date ("Jumat (30/12)")
    resolved against the latest year the article names (or today).
    anchor ("the news day"): the first day-precise date in the lead (first sentences) lying up to a week before the
    base, else the base. Most articles report something that happened that day or the day before; "Selasa (19/9)"
    in the lead of an article published on the 20th is the day of the reported events.
    """
    body = article.body or ""
    today = today or dt.date.today()
    base = _parse_published(article.published)
    if base is None:
        # the date line cleaning removed ("10 Jun 2025") is the publication day meta could not read; then the body
        date_lines = [r.text for r in article.removed if r.kind == "date"]
        texts = [*date_lines, body, article.title or "", *(r.text for r in article.removed if r.kind != "date")]
        for text in texts:
            full = [d.first_day for d in find_full_dates(text, today) if d.first_day <= today]
            if full:
                base = max(full)
                break
    if base is None:
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", body) if int(y) <= today.year]
        rough = dt.date(max(years), 12, 31) if years else today
        # find(body, rough)'s day dates with a bracket, found with the one pattern that gives them
        weekday_dates = find_bracketed_dates(body, rough)
        if weekday_dates:
            base = weekday_dates[0].first_day
    if base is None:
        return None, None
    anchor = base
    for start, end in spans[:LEAD_SENTENCES]:
        sentence = body[start:end]
        found = [d for d in _attributed(find(sentence, base), sentence, find, _paragraph_after(body, end))
                 if d.precision == "day" and not d.approximate and _after_clause(sentence, d) is None]
        lead = [d for d in found if 0 <= (base - d.first_day).days <= ANCHOR_WINDOW_DAYS]
        if lead:
            anchor = lead[0].first_day
            break
    return base, anchor


# ---------------------------------------------------------------------------------------------------- discourse


class _QuietSentence:
    """A sentence without events, remembered for its actors; they are worked out only when a later sentence asks
    the discourse for its last actor or pair (most never do: three sentences in five have no cue at all)."""

    __slots__ = ("_main", "article", "main_start", "matches", "mentions", "sentence", "start", "tokens")

    def __init__(self, article: Article, sentence: str, start: int, mentions: list[tuple[int, int, Entity]],
                 tokens: list[Token] | None = None, main_start: int | None = None,
                 matches: list[re.Match[str]] | None = None) -> None:
        """`main_start`: where the main clause starts, when known (else found as for a sentence without cues);
        `matches`: TOKEN's matches in the sentence, when the caller has them (tokens are built from them)."""
        self.article, self.sentence, self.start, self.mentions, self.tokens = article, sentence, start, mentions, tokens
        self.main_start, self.matches = main_start, matches
        self._main: list[ActorMention] | None = None

    @classmethod
    def known(cls, sentence: str, actors: list[ActorMention], main_start: int, asked_from: int) -> _QuietSentence:
        """A sentence whose actors and main clause are already known (it had cues but gave no event); those named
        after its first request are the ones asked, no subjects ("Pertama, meminta agar Pemko Medan ...")."""
        quiet = cls.__new__(cls)
        quiet.sentence = sentence
        quiet._main = [a for a in actors if main_start <= a.start < asked_from]
        return quiet

    def main_actors(self) -> list[ActorMention]:
        """The actors of the sentence's main clause (after leading adverbials), in text order."""
        if self._main is None:
            sentence = self.sentence
            main_start = self.main_start
            if main_start is None:
                tokens = self.tokens
                if tokens is None:
                    tokens = tokenize(sentence) if self.matches is None else tokens_of(self.matches)
                main_start, _ = _leading_segments(sentence, tokens, [])  # a sentence without cues
            self._main = [a for a in _actors(self.article, self.start, sentence, self.mentions)
                          if a.start >= main_start]
        return self._main

    def pair(self) -> tuple[ActorMention, ActorMention] | None:
        main = self.main_actors()
        if len(main) > 1 and _COORDINATION.match(self.sentence[main[0].end:main[1].start]) and _distinct(*main[:2]):
            return main[0], main[1]
        return None


class _Discourse:
    """What earlier sentences tell later ones: the last subject, the last pair of actors, the last events.

    A sentence without events sets the last subject (and pair) from its own actors, if it has any (`remember`).
    That is done lazily: such sentences wait in two queues, and reading `last_actor` (`last_pair`) takes the latest
    queued sentence that has one, else the value set before; setting either empties its queue.
    """

    def __init__(self) -> None:
        self._last_actor: ActorMention | None = None
        self._last_pair: tuple[ActorMention, ActorMention] | None = None
        self._actor_queue: list[_QuietSentence] = []
        self._pair_queue: list[_QuietSentence] = []
        self.events: list[Event] = []
        self.speakers: list[tuple[int, int, ActorMention]] = []  # the article's quotes and who speaks them
        self.sentence_start = 0  # of the sentence being coded (the speakers' offsets are the article's)
        self.last_agency: ActorMention | None = None  # the body that did the last legal or coercive act
        self._last_person: ActorMention | None = None
        self._person_queue: list[_QuietSentence] = []
        self.last_suspect: tuple[ActorMention, ActorMention] | None = None  # a body's last legal act's person
        self.body = ""  # the article's text
        self._sole_suspect: ActorMention | bool | None = None  # sole_suspect's answer, once found (False: none)
        self.sources: list[ActorMention] = []  # the sources of the acts coded so far, in order
        self.wars: list[tuple[ActorMention, ActorMention]] = []  # the states an attack was coded between, in order
        self.demanders: list[ActorMention] = []  # the sources of the demands and protests coded so far, in order

    def sole_suspect(self) -> ActorMention | None:
        """The one person the article names by initials as a suspect ("berinisial SD", "tersangka SD", "SD (39)"),
        if it names exactly one: the person its police or prosecutors' acts are done to when a sentence names none."""
        if self._sole_suspect is None:
            named = (m.group("who") or m.group("aged") for m in _SUSPECT_INITIALS.finditer(self.body))
            found = {who for who in named if who not in _NOT_INITIALS and who not in gazetteer()}
            who = next(iter(found)) if len(found) == 1 else ""
            self._sole_suspect = ActorMention(0, 0, who, None, None, None, who, "person") if who else False
        return self._sole_suspect if isinstance(self._sole_suspect, ActorMention) else None

    def speaker_at(self, offset: int) -> ActorMention | None:
        """Who speaks the quote holding sentence offset `offset`, if it lies in one."""
        at = self.sentence_start + offset
        return next((actor for start, end, actor in self.speakers if start <= at < end), None)

    def coded(self, type_: str, source: ActorMention, target: ActorMention | None) -> None:
        """What an act coded in the sentence tells the next ones: its source is the last subject (and, for a legal
        act by a body, the last agency, with the person it was done to); a symmetric act's pair is the last pair."""
        self.last_actor = source
        self.sources.append(source)
        if type_ in _AGENCY_TYPES and source.kind in _AGENT_KINDS:
            self.last_agency = source
            if target is not None and target.kind == "person":
                self.last_suspect = (source, target)
        if type_ in SYMMETRIC and _distinct(source, target):
            self.last_pair = (source, target)  # type: ignore[assignment]
        if type_ in _DEMAND_TYPES:
            self.demanders.append(source)
        if type_ == "ASSAULT" and target is not None and {source.kind, target.kind} <= _STATE_KINDS \
                and _distinct(source, target):
            self.wars.append((source, target))

    def remember(self, quiet: _QuietSentence) -> None:
        self._actor_queue.append(quiet)
        self._pair_queue.append(quiet)
        self._person_queue.append(quiet)

    @property
    def last_person(self) -> ActorMention | None:
        """The last person named as a subject (what "ia", "dia" stand for), kept like `last_actor`."""
        for quiet in reversed(self._person_queue):
            person = next((a for a in quiet.main_actors() if a.kind == "person"), None)
            if person is not None:
                self._last_person = person
                break
        self._person_queue.clear()
        return self._last_person

    @property
    def last_actor(self) -> ActorMention | None:
        for quiet in reversed(self._actor_queue):
            main = quiet.main_actors()
            if main:
                self._last_actor = main[0]
                break
        self._actor_queue.clear()
        return self._last_actor

    @last_actor.setter
    def last_actor(self, actor: ActorMention | None) -> None:
        self._last_actor = actor
        self._actor_queue.clear()
        if actor is not None and actor.kind == "person":
            self._last_person = actor
            self._person_queue.clear()

    @property
    def last_pair(self) -> tuple[ActorMention, ActorMention] | None:
        for quiet in reversed(self._pair_queue):
            pair = quiet.pair()
            if pair is not None:
                self._last_pair = pair
                break
        self._pair_queue.clear()
        return self._last_pair

    @last_pair.setter
    def last_pair(self, pair: tuple[ActorMention, ActorMention] | None) -> None:
        self._last_pair = pair
        self._pair_queue.clear()


_token_start = operator.itemgetter(2)  # Token.start


@dataclass
class _Clause:
    """The subject of a cue's clause, as a rule of SOURCE_RULES finds it."""

    source: ActorMention | None
    partner: ActorMention | None  # coordinated with the source ("Rusia dan China")


def _token_index_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after `offset` (tokens are in text order)."""
    return bisect.bisect_left(tokens, offset, key=_token_start)


def _leading_segments(sentence: str, tokens: list[Token], cues: list[Cue]) -> tuple[int, list[tuple[int, int]]]:
    """Where the main clause starts, and the leading adverbial segments skipped before it."""
    m = markers()
    segments: list[tuple[int, int]] = []
    start = 0
    previous_skipped = False
    for _ in range(MAX_LEADING_SEGMENTS):
        comma = sentence.find(",", start)
        if comma < 0:
            break
        segment_tokens = tokens[_token_index_at(tokens, start):_token_index_at(tokens, comma)]
        if not segment_tokens:
            break
        first = segment_tokens[0].lower
        first_two = " ".join(t.lower for t in segment_tokens[:2])
        has_cue = any(start <= c.start < comma for c in cues)
        adverbial = first in m.leading_adverbial or first_two in m.leading_adverbial
        appositive = previous_skipped and not has_cue and len(segment_tokens) <= 4
        # "Patrushev mencatat, Putin akan ...": the reporting frame is not the clause the cue lives in.
        reporting = segment_tokens[-1].lower in m.speech_verbs and not has_cue
        if not (adverbial or appositive or reporting):
            break
        segments.append((start, comma))
        start = comma + 1
        previous_skipped = True
    return start, segments


_PLACE_PREPOSITIONS = ("di ", "di\u00a0")  # an actor right after "di" is a place ("di Rusia"), not an actor
_STREET = re.compile(r"(?<![\w-])(?:Jalan|Jl|Jln|Gang|Gg)\.?\s+(?:[A-Z][\w.]*\s+){0,2}$")


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern[str]:
    # The first-character lookahead changes no match (the text is lower case, as the phrases are); it lets the
    # engine skip other positions quickly (see dates._first_chars).
    phrases = markers().pronoun_pair
    first_chars = "(?=[" + re.escape("".join(sorted({p[0] for p in phrases}))) + "])"
    return re.compile(first_chars + r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _pronoun_at(sentence: str, tokens: list[Token], start: int, end: int) -> str | None:
    """'single' or 'pair' when the span holds a pronoun or group reference as the subject."""
    if _pair_pattern().search(sentence[start:end].lower()):
        return "pair"
    span_tokens = tokens[_token_index_at(tokens, start):_token_index_at(tokens, end)]
    if not markers().pronoun_single.isdisjoint([t.lower for t in span_tokens]):
        return "single"
    return None


def _is_noun_cue(cue: Cue, tokens: list[Token]) -> bool:
    word = tokens[cue.first].lower
    if word.startswith(("me", "ber", "di", "ter", "be")) and not word.endswith("an"):
        return False
    return word.endswith("an") and not word.endswith("kan") or not word.startswith(("me", "ber", "di", "ter"))


def _is_passive(cue: Cue, tokens: list[Token]) -> bool:
    """A "di-" verb whose subject is acted upon; also a lexicon entry written in the passive ("diamankan")."""
    word = tokens[cue.first].lower
    first = cue.action.pattern[0]
    return word.startswith("di") and (not first.startswith("di") or first == word and first.endswith("kan"))


def _window_has(tokens: list[Token], cue: Cue, words: frozenset[str], window: int, skip: frozenset[str]) -> bool:
    """Whether one of `words` (or two-word entries) stands in the `window` counted words before the cue, within
    its clause; words in `skip` are not counted."""
    tails = _bigram_tails(words)
    boundaries = markers().clause_boundaries
    counted = 0
    i = cue.first - 1
    while i >= 0 and counted < window:
        lower = tokens[i].lower
        if lower in words:
            return True
        # A pair of tokens (no token holds a space) can only be a two-word entry ending with this word.
        if i > 0 and lower in tails and f"{tokens[i - 1].lower} {lower}" in words:
            return True
        if lower in boundaries:
            return False
        if lower not in skip:
            counted += 1
        i -= 1
    return False


@lru_cache(maxsize=8)
def _bigram_tails(words: frozenset[str]) -> frozenset[str]:
    """The second words of the two-word entries of `words`."""
    return frozenset(w.split(" ")[1] for w in words if w.count(" ") == 1)


def _separated(sentence: str, tokens: list[Token], earlier: Cue, later: Cue) -> bool:
    """True when a clause boundary lies between two cues (so the later one is not the earlier one's content)."""
    between = sentence[earlier.end:later.start]
    if any(mark in between for mark in ",;:“”\"()"):
        return True
    m = markers()
    gap = tokens[earlier.last + 1:later.first]
    for i, token in enumerate(gap):
        if token.lower in m.coordinators:
            # "mendesak Rusia dan Ukraina untuk ...": "dan" between two names joins them, the clause goes on.
            joins_names = 0 < i < len(gap) - 1 and gap[i - 1].text[:1].isupper() and gap[i + 1].text[:1].isupper()
            if not joins_names:
                return True
        elif token.lower in m.clause_openers and token.lower not in ("agar", "supaya", "bahwa"):
            # A "bahwa"/"agar" clause after a cue is what was denied, asked or agreed: content, not a new event.
            return True
    return False


_VERB_PREFIXES = ("me", "ber", "be", "ter")


def _drop_refusals(cues: list[Cue], tokens: list[Token]) -> tuple[list[Cue], set[int]]:
    """'menolak (untuk) mengutuk' -> no REJECT, a negated ACCUSE; 'menolak tuduhan' stays a REJECT.

    Returns the kept cues and the token indexes of cues that a refusal negates.
    """
    kept: list[Cue] = []
    negated: set[int] = set()
    for i, cue in enumerate(cues):
        following = cues[i + 1] if i + 1 < len(cues) else None
        if cue.action.pattern[0] == "tolak" and following is not None:
            gap = [t.lower for t in tokens[cue.last + 1:following.first]]
            verb_follows = tokens[following.first].lower.startswith(_VERB_PREFIXES)
            if gap == ["untuk"] or (gap == [] and verb_follows):
                negated.add(following.first)
                continue
        kept.append(cue)
    return kept, negated


_STATE_FORCES = frozenset({"MIL", "SPY"})  # a foreign state's armed forces and intelligence services act as the state


def _actor_fields(mention: ActorMention | None) -> dict[str, str | None]:
    """The event's actor fields. A foreign state's armed forces and intelligence services act as the state
    ("Tentara Rusia", IDF, SBU: Russia, Israel, Ukraine), as EVENTS.md codes them; the home country's (TNI) and other agencies (ICE, LAPD) are their own."""
    if mention is None:
        return {}
    country = mention.country
    if mention.sector in _STATE_FORCES and country and country != markers().home_country and mention.kind != "person":
        state = load_kb().get(f"country:{country}")
        if state is not None:
            return {"entity_id": state.id, "name": state.name, "country": country, "sector": "MIL"}
    name = mention.name or mention.text
    glued = _glued_verbs(name)  # an entity named from scraped text keeps a glued verb: "Rayen Ponomeminta"
    return {"entity_id": mention.entity_id, "name": name[:glued[0]] if glued else name, "country": country,
            "sector": mention.sector}


def _distinct(a: ActorMention | None, b: ActorMention | None) -> bool:
    """Two actors, not one named twice (an entity, or a name: "Polsek X" as coded for the role and as tagged)."""
    return (a is not None and b is not None and not a.same_as(b)
            and (a.name or a.text).lower() != (b.name or b.text).lower())


def _place_candidates(sentence: str) -> list[re.Match[str]]:
    """Place phrases of the sentence ("di Moskow", "ke Beijing"); not weekdays ("di Senin") and the like."""
    return [m for m in _PLACE.finditer(sentence) if m.group("place").split()[0] not in _PLACE_STOP]


def _place(cue: Cue, candidates: list[re.Match[str]]) -> str | None:
    """The cue's place: the first place phrase after it, else the nearest before it."""
    if not candidates:
        return None
    after = [m for m in candidates if m.start() >= cue.end]
    best = after[0] if after else min(candidates, key=lambda m: abs(m.start() - cue.start))
    return best.group("place")


_DIGIT = re.compile(r"\d")


def _date_owners(cues: list[Cue], event_cues: list[Cue]) -> dict[int, int]:
    """Which cue a date found next to each cue belongs to (keys and values are first-token indexes).

    A content cue right after its event cue is that event's object ("menandatangani nota kesepahaman ... bulan
    depan": the date dates the signing); a content cue further on keeps its own date ("membahas kesepakatan yang
    dicapai ... pada pertemuan ... beberapa hari lalu": the date is the earlier meeting's, not the talks').
    """
    events = {c.first for c in event_cues}
    owners: dict[int, int] = {}
    previous: Cue | None = None
    for cue in cues:
        if cue.first in events:
            owners[cue.first] = cue.first
        elif previous is not None and cue.first - previous.last <= 3 and owners.get(previous.first) in events:
            owners[cue.first] = owners[previous.first]
        else:
            owners[cue.first] = cue.first
        previous = cue
    return owners


def _date_distance(date: ResolvedDate, cue: Cue) -> int:
    # Time adverbials mostly follow the verb phrase ("mencaplok Krimea pada 2014"); one before the cue counts three
    # times its distance.
    if date.start >= cue.end:
        return date.start - cue.end
    return 3 * max(0, cue.start - date.end)


def _nearest_dates(dates: list[ResolvedDate], cues: list[Cue], owners: dict[int, int]) -> dict[int, ResolvedDate]:
    """Date expressions and cues paired nearest first (a cue stands for its owner, see `_date_owners`): each date
    dates one cue, each cue keeps one date; a date whose nearest cue already has a nearer one dates the next cue
    ("Rabu malam koordinasi ..., pada Kamis kami langsung melakukan penyetopan")."""
    owned: dict[int, ResolvedDate] = {}
    used: set[int] = set()
    pairs = sorted(((_date_distance(date, cue), i, cue) for i, date in enumerate(dates) for cue in cues),
                   key=lambda p: (p[0], p[1]))
    for _, i, cue in pairs:
        owner = owners.get(cue.first, cue.first)
        if i in used or owner in owned:
            continue
        owned[owner] = dates[i]
        used.add(i)
    return owned


def _shift(anchor: dt.date, unit: str, count: int, backwards: bool) -> tuple[str, str]:
    sign = -1 if backwards else 1
    if unit == "hari":
        return (anchor + dt.timedelta(days=sign * count)).isoformat(), "day"
    if unit in ("pekan", "minggu"):
        return (anchor + dt.timedelta(days=sign * 7 * count)).isoformat(), "day"
    index = anchor.year * 12 + anchor.month - 1 + sign * count
    return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"


@lru_cache(maxsize=4096)  # a few dates recur through an article (the anchor above all)
def _date_of(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


# "hari ini", "kemarin", "dua hari lalu": words that count from the day they were said.
_SAID_DAY = re.compile(r"(?:hari\s+ini|kemarin(?:\s+lusa)?|besok|lusa|\S+\s+hari\s+(?:yang\s+)?lalu)", re.IGNORECASE)


def _paragraph_after(body: str, end: int, reach: int = 300) -> str:
    """The paragraph's text after offset `end` (up to `reach` characters; a quote's attribution lies there)."""
    stop = body.find("\n", end, end + reach)
    return body[end:stop if stop >= 0 else end + reach]


def _unclosed_quote(sentence: str) -> bool:
    """The sentence opens a quote it does not close (the attribution is in a later sentence)."""
    return sentence.count('"') % 2 == 1 or sentence.rfind("“") > sentence.rfind("”")


def _attributed(found: list[ResolvedDate], sentence: str, find: DateFinder, after: str = "") -> list[ResolvedDate]:
    """`found` (the sentence's dates) with the days counted from when words were said ("hari ini" in a quote)
    resolved against the written day that dates the saying later in the sentence ('"... kami lakukan hari ini,"
    ujar X, Selasa (10/6/2025)'), not against the publication day (EVENTS.md: explicit). `after`: the paragraph's
    text after the sentence, searched when the sentence opens a quote it does not close (its attribution follows)."""
    said = [d for d in found if d.precision == "day" and _SAID_DAY.fullmatch(d.text)]
    if not said:
        return found
    written = [d for d in found if d.precision == "day" and not d.approximate and _DIGIT.search(d.text)]
    if after and not written and _unclosed_quote(sentence) and said:
        offset = len(sentence) + 1
        # resolved near the day the relative word gives from the publication day (only the year may depend on it)
        written = [replace(d, start=d.start + offset, end=d.end + offset) for d in find(after, said[0].first_day)
                   if d.precision == "day" and not d.approximate and _DIGIT.search(d.text)][:1]
    out = []
    for date in found:
        stated = next((d for d in written if d.start > date.end), None) if date in said else None
        if stated is not None:
            date = next((d for d in find(sentence, stated.first_day) if d.start == date.start), date)
        out.append(date)
    return out


# ---------------------------------------------------------------------------------------------------- main


def extract_events(article: Article, today: dt.date | None = None) -> None:
    """Fill `article.events` from `article.body`, its sentences and its linked entities."""
    body = article.body or ""
    # raises when the sentences stage has not run; only sentences glued by the page are split here
    spans = _unglued(body, list(article.sentences))
    find = _DateMemo()
    base, anchor = article_dates(article, spans, today, find)
    discourse = _Discourse()
    discourse.body = body
    discourse.speakers = speaker_actors(article)
    events: list[Event] = []
    mentions = entity_mentions(article)
    for start, end in spans:
        discourse.sentence_start = start
        events.extend(_sentence_events(article, body[start:end], start, end, base, anchor, discourse, mentions, find))
    article.events = events




# "... gencatan senjata.Washington adalah ...": a page that lost the space after a full stop glues two sentences.
_GLUE = re.compile(r"(?<=[a-z)\"”’])[.!?](?=[A-Z][a-z])")


def _unglued(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans, each split where a full stop glues two sentences (the next one's subject must not act
    for the earlier one's cues)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for match in _GLUE.finditer(body, start, end):
            out.append((start, match.end()))
            start = match.end()
        out.append((start, end))
    return out


def _actors(article: Article, s_start: int, sentence: str, mentions: list[tuple[int, int, Entity]]
            ) -> list[ActorMention]:
    """The sentence's actors, less those named as a place ("di Rusia"), news media (the outlet, its dateline, a
    cited agency) and those inside a promoted headline ("Baca juga: ...") — except the subject right after one."""
    masked = _masked_spans(sentence)
    media = _media_names()
    out = []
    for a in sentence_actors(article, s_start, sentence, mentions):
        if sentence[max(0, a.start - 4):a.start].lower().endswith(_PLACE_PREPOSITIONS):
            continue
        if _STREET.search(sentence, max(0, a.start - 40), a.start):
            continue  # "di Jalan Kapten Maulana Lubis": streets carry persons' names, they do not act
        if (a.name or a.text).lower() in media or a.text.lower() in media:
            continue
        if any(start <= a.start < end and not (subject_kept and sentence[a.end:end].isspace() or a.end == end)
               for start, end, subject_kept in masked):
            continue
        out.extend(_company_list(_bracket_cut(a)))
    glued = _glued_verbs(sentence)
    out = [_title_holder_named(article, a, sentence) for a in out] + _bare_presidents(article, sentence, out)
    actors = _with_roles(sentence, _unglued_actors(sentence, out, glued) if glued else out)
    actors = police_body_actors(article.body or "", s_start, sentence, actors)
    return prosecution_role_actors(article.body or "", s_start, sentence, actors)


def _unglued_actors(sentence: str, actors: list[ActorMention], cuts: list[int]) -> list[ActorMention]:
    """The actors with names glued to a verb cut where the verb starts ("Rayen Ponomeminta" -> "Rayen Pono"), plus
    a gazetteer name found only so ("Pentagonmengerahkan": the tagger saw one unknown word)."""
    gaz = gazetteer()
    out = list(actors)
    for cut in cuts:
        out = [_cut_actor(sentence, a, cut) if a.start < cut < a.end else a for a in out]
        start = cut
        while start > 0 and sentence[start - 1].isalpha():
            start -= 1
        entry = gaz.get(sentence[start:cut])
        if entry is not None and not any(a.start <= start < a.end for a in out):
            out.append(ActorMention(start, cut, entry.name, entry.country, entry.sector, None, entry.name, entry.kind))
    return sorted(out, key=lambda a: a.start)


_NEXT_COMPANY = re.compile(r",\s+(?:dan\s+)?(?=(?:PT|CV|UD|PD|Perum)\s+[A-Z])")


def _company_list(actor: ActorMention) -> list[ActorMention]:
    """A list of companies tagged as one name ("PT A, PT B, PT C"): one actor each."""
    cuts = list(_NEXT_COMPANY.finditer(actor.text)) if ", " in actor.text else []
    if not cuts:
        return [actor]
    out, start = [], 0
    for cut in [*cuts, None]:
        end = cut.start() if cut is not None else len(actor.text)
        text = actor.text[start:end]
        out.append(dataclasses.replace(actor, start=actor.start + start, end=actor.start + end, text=text,
                                       entity_id=None, name=text, members=[]))
        start = cut.end() if cut is not None else end
    return out


_HEAD_TITLE = re.compile(r"(?<![\w-])(?:Presiden|Perdana\s+Menteri|PM|Kanselir|Menteri\s+Luar\s+Negeri|Menlu)\s+$")
_NAME_NEXT = re.compile(r"\s*,?\s*[A-Z]")


def _title_holder_named(article: Article, actor: ActorMention, sentence: str) -> ActorMention:
    """"Presiden AS mengerahkan ..." with no name: the person the article names with that title ("Presiden AS Donald
    Trump"), who acts; the state when the article names no one so."""
    if actor.kind not in ("country", "capital") or _NAME_NEXT.match(sentence, actor.end):
        return actor
    title = _HEAD_TITLE.search(sentence, max(0, actor.start - 25), actor.start)
    if title is None:
        return actor
    word = title.group(0).split()[0]
    body, gaz = article.body or "", gazetteer()
    for entity in article.entities:
        if entity.type != "PER":
            continue
        for mention in entity.mentions:
            before = _TITLED_BEFORE.search(body, max(0, mention.start - 60), mention.start)
            if before is None or not before.group(0).startswith(word):
                continue
            entry = gaz.get(before.group("state"))
            if entry is not None and entry.country == actor.country:
                return dataclasses.replace(actor, country=actor.country, sector="GOV", entity_id=entity.id,
                                           name=entity.name, kind="person", members=[])
    return actor


_BARE_PRESIDENT = re.compile(r"(?<![\w-])(?:(?:Bapak|Pak)\s+)?Presiden(?!\s+(?:[A-Z]|ke-|terpilih|\())(?![\w-])")
_PRESIDENT_NAMED = re.compile(r"(?<![\w-])Presiden\s+(?:(?:RI|Republik\s+Indonesia|Indonesia)\s+)?(?:(?:Bapak|Pak)\s+)?$")


def _bare_presidents(article: Article, sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """"Presiden pimpin rapat terbatas", "atas arahan Bapak Presiden": the home president, whom the article names
    as "Presiden (RI) X", acts (no one is added when it names none)."""
    found = [m for m in _BARE_PRESIDENT.finditer(sentence) if not any(a.start <= m.start() < a.end for a in actors)
             and not _OTHER_OFFICE.search(sentence, max(0, m.start() - 20), m.start())]
    if not found:
        return []
    body = article.body or ""
    for entity in article.entities:
        if entity.type == "PER" and any(_PRESIDENT_NAMED.search(body, max(0, m.start - 40), m.start)
                                        for m in entity.mentions):
            return [ActorMention(m.start(), m.end(), m.group(0), entity.country, "GOV", entity.id, entity.name,
                                 "person") for m in found]
    return []


_OTHER_OFFICE = re.compile(r"(?:Wakil|wakil|Mantan|mantan|eks|Eks|Staf|staf|Juru|Utusan|utusan|Kantor|kantor|Istana"
                           r"|istana|Sekretariat|calon|Calon)\s+$")  # "Wakil Presiden", "mantan Presiden"


# "Presiden Amerika Serikat (AS), Donald Trump": a head's title and state right before a person's name.
_TITLED_BEFORE = re.compile(r"(?:Presiden|Perdana\s+Menteri|PM|Kanselir|Menteri\s+Luar\s+Negeri|Menlu)\s+"
                            r"(?P<state>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s*(?:\([^()]{1,10}\))?\s*,?\s*$")


def _bracket_cut(actor: ActorMention) -> ActorMention:
    """A tagged name that runs out of a bracket ("PT Tamba Ria Jaya), DO") ends before it: what follows is another
    name of a list (the initials rule finds "DO")."""
    at = actor.text.find(")")
    if at <= 0 or "(" in actor.text[:at]:
        return actor
    name = actor.name[:at].rstrip() if actor.name and actor.name.startswith(actor.text[:at]) else actor.name
    return dataclasses.replace(actor, end=actor.start + len(actor.text[:at].rstrip()), text=actor.text[:at].rstrip(),
                               name=name)


def _cut_actor(sentence: str, actor: ActorMention, cut: int) -> ActorMention:
    """The actor ending where a glued verb starts; its name loses the verb too ("Rayen Ponomeminta" -> "Rayen Pono")."""
    glued = sentence[cut:actor.end]
    name = actor.name
    if name and name.endswith(glued) and len(name) > len(glued):
        name = name[:-len(glued)]
    return dataclasses.replace(actor, end=cut, text=sentence[actor.start:cut], name=name)


def _opens_clause(sentence: str, offset: int) -> bool:
    """Whether the word at `offset` starts the sentence or a clause (after punctuation or a clause word), or is
    the agent after "oleh"."""
    before = sentence[:offset].rstrip()
    if not before or before[-1] in ",;:.\"“”(-–—":
        return True
    last = before.split()[-1].lower()
    return last in markers().clause_boundaries or last == "oleh"  # or a passive's agent: "oleh pemerintah"


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    roles = sorted(markers().role_actors, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(r) for r in roles) + r")\b", re.IGNORECASE)


def _with_roles(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors plus the roles that act unnamed ("jaksa juga menuntut", "polisi merespons"), where no named actor
    covers them ("jaksa KPK" is KPK). A role has no country: it is never "the same actor" as a named one."""
    m = markers()
    roles = m.role_actors
    added = []
    for match in _role_pattern().finditer(sentence):
        if any(a.start <= match.start() < a.end or match.start() <= a.start < match.end() for a in actors):
            continue
        after = sentence[match.end():match.end() + 2]
        if after[:1] == " " and after[1:2].isupper():
            continue  # "jaksa KPK", "Polisi Hong Kong", "Jaksa Agung ...": a named body or a title
        following = sentence[match.end():match.end() + 20].split()
        if following and following[0].lower().strip(",.") in m.role_not_before:
            continue
        name = roles[match.group(0).lower()]
        country = m.role_countries.get(name)
        if country and not _opens_clause(sentence, match.start()) and not _ACTED_ON.search(sentence, 0, match.start()):
            continue  # "anggota pemerintah", "rencana pemerintah": a state role is a clause's subject or an object
        added.append(ActorMention(match.start(), match.end(), match.group(0), country, "GOV" if country else None,
                                  None, name, "country" if country else "institution"))
    added.extend(_initials(sentence, actors))
    added.extend(_residents(sentence, actors))
    added.extend(_regional_heads(sentence, actors))
    if not added:
        return actors
    return sorted(actors + added, key=lambda a: a.start)


# "warga Gaza", "penduduk Los Angeles", "rakyat Palestina": the people of a place act and are acted on as a group;
# "warga Desa X", "warga Kecamatan Y" describe where a person lives.
_RESIDENTS = re.compile(r"(?<![\w-])(?:[Ww]arga|[Pp]enduduk|[Rr]akyat)(?:\s+sipil)?\s+(?!(?:Desa|Kecamatan|Kelurahan"
                        r"|Kabupaten|Kota|Dusun|Kampung|Jalan|Jl|Negara|Perumahan|RT|RW|Indonesia|RI)\b)"
                        r"(?P<place>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})")


_ACTED_ON = re.compile(r"(?<![\w-])(?:me\w+|ber\w+|terhadap|kepada|atas|bagi|untuk)\s+$")


def _residents(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """The people of a place named as a group ("warga Gaza"), where the place is no actor of its own (a state's
    people stay the state: "warga Israel" is coded as Israel, as the dev guidelines accept)."""
    out = []
    for match in _RESIDENTS.finditer(sentence) if ("arga" in sentence or "enduduk" in sentence or "akyat" in sentence) else ():
        if any(a.start < match.end() and match.start() < a.end for a in actors):
            continue
        if not _ACTED_ON.search(sentence, 0, match.start()):
            continue  # only as the object of an act ("memperingatkan warga Gaza"): as a subject it is too vague
        text = match.group(0)
        out.append(ActorMention(match.start(), match.end(), text, None, "CVL", None, text, "org"))
    return out


# "Bupati Wamena", "Wali Kota Medan", "Pemkot Medan": a region's head or government named by office and place only
# (no person's name after it, even after a comma) acts and is acted on as an actor of its own. A compass word may follow the place.
_REGIONAL_HEAD = re.compile(r"(?<![\w-])(?P<office>Bupati|Wali\s?[Kk]ota|Gubernur|Pem(?:ko|kot|kab|prov))\s+"
                            r"(?P<place>[A-Z][a-z]{2,}(?:\s+(?:Barat|Timur|Utara|Selatan|Tengah|Raya|Daya))?)"
                            r"(?!,?\s+[A-Z(]|[\w-])")  # "Gubernur Jawa Timur, Emil Dardak": a title


def _regional_heads(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Regional heads and governments named by office and place ("menuding Bupati Wamena"), where no actor covers
    them and no name follows: the knowledge base knows the persons, not the offices."""
    out = []
    for match in _REGIONAL_HEAD.finditer(sentence) if ("upati" in sentence or "ota " in sentence or "ubernur" in sentence
                                                       or "Pem" in sentence) else ():
        if any(a.start < match.end() and match.start() < a.end for a in actors):
            continue
        text = match.group(0)
        kind = "institution" if text.startswith("Pem") else "person"
        out.append(ActorMention(match.start(), match.end(), text, None, "GOV", None, text, kind))
    return out


# Legal news names suspects by initials ("tersangka berinisial HT", "tiga tersangka, yakni HT, DO dan AT").
_INITIALS_CONTEXT = re.compile(r"\b(?:berinisial|inisial|tersangka|terdakwa|terpidana|pelaku|terduga|terlapor|pelapor"
                               r"|korban|saksi|(?:mem|men|di)(?:angkap|tangkap|gamankan|amankan|ahan|tahan|eriksa|periksa)"
                               r"|(?:me|di)ringkus|(?:mem|di)bekuk)\b", re.IGNORECASE)
_INITIALS = re.compile(r"(?<![\w.(-])[A-Z]{2,3}(?![\w-]|\.\w)")  # "AT." ends a sentence; "U.S" is no name
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
# A suspect's initials right after the word that introduces them, or with an age: "berinisial SD", "SD (39)".
_SUSPECT_INITIALS = re.compile(r"(?:\b(?:berinisial|inisial|tersangka|terduga|pelaku)\s+(?P<who>[A-Z]{2,3})\b(?![\w-])"
                               r"|(?<![\w.(-])(?P<aged>[A-Z]{2,3})(?=\s*\(\d{1,2}(?:\s*tahun)?\)))")
_AGE = re.compile(r"\s*\(\d{1,2}(?:\s*tahun)?\)")
_NOT_INITIALS = frozenset({"PT", "CV", "RI", "UU", "WIB", "WIT", "WITA", "OTT", "TPK", "TKP", "BAP", "KUHP", "HP",
                           "DPO", "PN", "PK", "TV", "SMS", "GPS", "CCTV", "ATM", "KTP", "SIM", "BBM", "OK", "USD"})


def _initials(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Persons named by initials after a word that introduces suspects, where no actor covers them: they act and are
    acted on ("disetor oleh HT"), though no knowledge base knows them."""
    context = _INITIALS_CONTEXT.search(sentence)
    if context is None and "(" not in sentence:
        return []
    out = []
    for match in _INITIALS.finditer(sentence, context.end() if context is not None else 0):
        if match.group(0) in _NOT_INITIALS or any(a.start <= match.start() < a.end for a in actors):
            continue
        if match.group(0) in gazetteer() or sentence[max(0, match.start() - 3):match.start()] in ("di ", "ke "):
            continue  # "berada di AS": a state or a place, not a person's initials
        if context is None and not _AGE.match(sentence, match.end()):
            continue  # without a word that introduces suspects, initials count only with an age: "MI (21)"
        if _NAME_AFTER.match(sentence, match.end()):
            continue  # "pejabat DJP Muhammad Haniv": a body's acronym in a person's title
        out.append(ActorMention(match.start(), match.end(), match.group(0), None, None, None, match.group(0),
                                "person"))
    return out


# "Ketua Fraksi NasDem DPR RI tersebut", "Menteri itu": an office named as the title of someone just mentioned.
_TITLE_BEFORE = re.compile(r"\b(?:Ketua(?:\s+Umum)?|Wakil\s+Ketua|Kepala|Menteri|Direktur(?:\s+Utama)?|Sekretaris"
                           r"(?:\s+Jenderal)?|Sekjen|Anggota|Gubernur|Bupati|Wali\s*kota|Kapolda|Kapolres|Kapolri"
                           r"|Panglima|Presiden|Pimpinan|Juru\s+Bicara|Jubir)\b[\w\s.-]{0,40}$")
_ANAPHOR_AFTER = re.compile(r"(?:\s+[A-Z][\w.-]*){0,3}[\s,]*(?:tersebut|itu)\b")


_TITLE_REST = re.compile(r"(?:\s+(?:dan\s+|&\s+)?[A-Z][\w.-]*)*\s*,?\s*")


def _titled_persons(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Less the organisations inside an office title followed by its holder's name ("Kepala Dinas Pendidikan dan
    Kebudayaan Kota Medan, Benny Sinomba Siregar"): the person acts, the office only describes them."""
    dropped = set()
    for k, actor in enumerate(actors[:-1]):
        following = actors[k + 1]
        if actor.kind == "person" or following.kind != "person":
            continue
        rest = _TITLE_REST.match(sentence, actor.end)
        if rest is None or rest.end() != following.start:
            continue
        title = _TITLE_BEFORE.search(sentence, max(0, actor.start - 60), actor.start)
        if title is not None and not title.group(0).lower().startswith(("juru", "jubir")):
            dropped.add(k)  # a spokesperson speaks for the body, which stays the actor
    return [a for k, a in enumerate(actors) if k not in dropped] if dropped else actors


def _titled_anaphors(sentence: str, actors: list[ActorMention], discourse: _Discourse) -> list[ActorMention]:
    """An organisation or state inside an office title that ends with "tersebut"/"itu" ("Ketua Fraksi NasDem DPR RI,
    tersebut menegaskan ...") names the person the article just spoke of, who acts: the previous sentences' last
    actor, when that is a person (a title alone is not an actor of its own)."""
    actors = _titled_persons(sentence, actors)
    for actor in actors:
        after = _ANAPHOR_AFTER.match(sentence, actor.end) if actor.kind != "person" else None
        title = _TITLE_BEFORE.search(sentence, max(0, actor.start - 60), actor.start) if after else None
        if after is None or title is None or not _opens_clause(sentence, title.start()):
            continue
        person = discourse.last_actor
        if person is None or person.kind != "person":
            return actors
        start, end = title.start(), after.end()
        phrase = dataclasses.replace(person, start=start, end=end, text=sentence[start:end])
        return sorted([a for a in actors if not start <= a.start < end] + [phrase], key=lambda a: a.start)
    return actors


# "Liputan6.com, Washington, DC -", "JAKARTA–", "TEMPO.CO,Jakarta-", "POSMETRO MEDAN–": the outlet and place
# line before a lead; "Baca juga: <headline>" links glued into a paragraph.
_DATELINE = re.compile(r"^[\s\"“]*[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,4}\s*[-–—]+\s*")
_PROMO = re.compile(r"\b(?:baca|lihat|simak)\s+(?:juga|pula)\b\s*:?", re.IGNORECASE)



def _masked_spans(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, verb follows) of the parts of a sentence that are not news text: the dateline at its start and
    each promoted headline (title-case words up to the first lower-case word; `verb follows` when that word is a
    verb, so that the capitalised name just before it is the subject of the paragraph's own sentence)."""
    spans: list[tuple[int, int, bool]] = []
    dateline = _DATELINE.match(sentence)
    if dateline and len(dateline.group(0)) <= 60:
        spans.append((0, dateline.end(), False))
    for promo in _PROMO.finditer(sentence) if "uga" in sentence or "ula" in sentence else ():
        end, verb = len(sentence), False
        for word in TOKEN.finditer(sentence, promo.end()):
            text = word.group(0)
            if text[0].isupper() or text[0].isdigit() or text.lower() in markers().headline_function_words:
                continue
            end, verb = word.start(), text.lower().startswith(("me", "ber", "di", "ter"))
            break
        spans.append((promo.start(), end, verb))
    return spans


@lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    """Lower-case names of news outlets and agencies: they report events, they are not actors of them."""
    names: set[str] = set()
    for outlet in outlets():
        names.update([outlet.name, *outlet.markers, *(d.split(".")[0] for d in outlet.domains if d.count(".") == 1)])
    for medium in cited_media():
        names.update([medium.name, *medium.aliases])
    return frozenset(n.lower() for n in names if n)


# A capitalised word long enough to hide a verb glued on by scraping: "Pentagonmengerahkan", "Ponomeminta".
_LONG_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]{7,}(?![\w-])")
_GLUED_VERB_PREFIXES = ("me", "di", "ber", "ter")
MIN_GLUED_HEAD = 3  # letters of the name before a glued verb


def _glued_verbs(sentence: str) -> list[int]:
    """Offsets where a verb starts inside a capitalised word that scraping glued to it ("Pentagon|mengerahkan",
    "Rayen Pono|meminta"): the verb must be a cue of the lexicon or a speech verb, the name before it 3+ letters."""
    out = []
    speech = markers().speech_verbs
    for word in _LONG_CAPITALISED.finditer(sentence) if not sentence.isupper() else ():
        text = word.group(0).lower()
        for k in range(MIN_GLUED_HEAD, len(text) - 4):
            tail = text[k:]
            if tail.startswith(_GLUED_VERB_PREFIXES) and (tail in speech or any(cue_candidates([tail]))):
                out.append(word.start() + k)
                break
    return out


def _split_glued(sentence: str, matches: list[re.Match[str]], splits: list[int]) -> list[re.Match[str]]:
    """TOKEN's matches with each glued word cut in two at `splits` (real matches, bounded by `endpos`)."""
    out: list[re.Match[str]] = []
    for match in matches:
        cut = next((at for at in splits if match.start() < at < match.end()), None)
        if cut is None:
            out.append(match)
            continue
        out.extend(m for m in (TOKEN.match(sentence, match.start(), cut), TOKEN.match(sentence, cut, match.end()))
                   if m is not None)
    return out


def _sentence_events(article: Article, sentence: str, s_start: int, s_end: int, base: dt.date | None,
                     anchor: dt.date | None, discourse: _Discourse, mentions: list[tuple[int, int, Entity]],
                     find: DateFinder = find_dates) -> list[Event]:
    matches = list(TOKEN.finditer(sentence))
    glued = _glued_verbs(sentence)
    if glued:
        matches = _split_glued(sentence, matches, glued)
    words = list(map(re.Match.group, matches))
    lowers = list(map(str.lower, words))
    for mask_start, mask_end, _ in _masked_spans(sentence):  # no cue in a dateline or a promoted headline
        for i, match in enumerate(matches):
            if mask_start <= match.start() < mask_end:
                lowers[i] = ""
    learned = active()
    all_cues, tokens = _sentence_cues(sentence, matches, words, lowers, learned)
    if not all_cues:
        # No cue: no event; only the actors may matter later (see _Discourse).
        discourse.remember(_QuietSentence(article, sentence, s_start, mentions, matches=matches))
        return []
    all_cues = _legal_types(all_cues, lowers)
    main_start, segments = _leading_segments(sentence, tokens, all_cues)
    cues, refused = _drop_refusals(all_cues, tokens)
    event_cues = _event_cues(sentence, tokens, cues)
    if not event_cues:
        discourse.remember(_QuietSentence(article, sentence, s_start, mentions, tokens, main_start))
        return []
    actors = _titled_anaphors(sentence, _actors(article, s_start, sentence, mentions), discourse)
    dates = _SentenceDates(sentence, tokens, cues, event_cues, main_start, base, anchor, discourse, find)
    out: list[Event] = []
    seen: set[tuple[str, str, str, str]] = set()
    places: list[re.Match[str]] | None = None  # found once per sentence, when first needed
    for cue in event_cues:
        if _inside_name_or_descriptor(tokens, cue, actors):
            continue
        source, target = _roles(sentence, tokens, cue, actors, main_start, segments, discourse, event_cues)
        if source is None:
            continue  # no actor named for it (a passive without agent, a noun with no one doing it): not coded
        negated, intent = _negated_and_intended(tokens, cue, refused) if not _QUOTE_BEFORE.search(
            sentence, 0, cue.start) else (False, False)  # '"... tidak bermoral," kecam Newsom': the quote's words
        if negated and cue.action.type == "CONCEDE" and cue.action.pattern[-1] in _DEMANDS:
            # "belum dapat mengakomodir tuntutan": a refusal made now, whatever modal it carries
            cue, negated, intent = cue._replace(action=_retyped(cue.action, "REJECT")), False, False
        written = cue.action.type
        cue, intent = _offer_or_demand(sentence, tokens, cue, negated, intent)
        flags = _learned_mode(sentence, tokens, cue, (negated, intent), (source, target), (s_start, s_end), learned)
        if flags is None and (cue.action.type == written or cue.action.type not in _PROMISES):
            continue  # the mode model reads no event of this type here (an offer or a vow the rules read stays: the
            # model saw such candidates as the plans they were before the rules retyped them)
        negated, intent = flags or (negated, intent)
        date_value, precision, date_text = dates.of(cue, intent)
        if date_value and base is not None and _date_of(date_value) > base:
            if cue.action.type in _SPOKEN_NOW and not intent:  # "saya minta sampai tahun 2029 ...": asked now
                date_value, precision, date_text = dates.unstated(cue)
            else:
                intent = True
        targets = [target] if cue.action.type in SYMMETRIC else [target, *_listed_after(sentence, actors, target)]
        if cue.action.type in _LISTED_KINDS and (target is None or target not in actors or target.start < cue.start):
            listed: list[ActorMention | None] = list(_suspects_listed_next(article, sentence, cue, s_end, mentions))
            targets = listed or targets
        for doer, each in [(s, t) for s in _co_subjects(sentence, tokens, cue, actors, source) for t in targets]:
            key = (cue.action.type, doer.identity(), each.identity() if each else "", date_value or "")
            if key in seen:
                continue
            seen.add(key)
            if places is None:
                places = _place_candidates(sentence)
            event = Event.model_validate({
                **_event_fields(cue, doer, each),
                "date": date_value,
                "date_precision": precision,
                "date_text": date_text,
                "place": _place(cue, places),
                "negated": negated,
                "intent": intent,
                "start": s_start,
                "end": s_end,
                "text": sentence,
            })
            out.append(event)
            discourse.events.append(event)
        discourse.coded(cue.action.type, source, target)
    if not out:
        discourse.remember(_QuietSentence.known(sentence, actors, main_start, min(
            (c.start for c in event_cues if c.action.type == "REQUEST"), default=len(sentence))))
    return out


# The CAMEO root of each PLOVER type, for the cues the trigger model adds (the commonest root of the type's entries).
_TYPE_ROOTS = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
               "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
               "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18"}
LEARNED_CUE_THRESHOLD = 0.5  # the trigger model's probability a word needs to become a cue of its own


@lru_cache(maxsize=4096)
def _learned_action(type_: str, word: str) -> Action:
    goldstein, quad = cameo_roots()[_TYPE_ROOTS[type_]]
    return Action((word,), type_, _TYPE_ROOTS[type_], goldstein, quad, frozenset())


def _learned_cues(sentence: str, tokens: list[Token], candidates: list[tuple[Action, ...]], cues: list[Cue],
                  extra: list[int], learned: Models) -> list[Cue]:
    """The rules' cues plus a cue at each word (of `extra`, the words the trigger vocabulary knows, outside the
    rules' cues) that the trigger model reads as the start of an event."""
    trigger = learned.trigger
    if trigger is None:
        return cues
    covered = {i for cue in cues for i in range(cue.first, cue.last + 1)}
    added = []
    for i in extra:
        if i in covered:
            continue
        lexicon_type = candidates[i][0].type if candidates[i] else None
        probabilities = trigger.probabilities(word_features(sentence, tokens, i, lexicon_type))
        best = max(probabilities, key=probabilities.__getitem__)
        if best != NO_TYPE and probabilities[best] >= LEARNED_CUE_THRESHOLD:
            token = tokens[i]
            added.append(Cue(_learned_action(best, token.lower), i, i, token.start, token.end, token.text))
    return sorted(cues + added, key=lambda cue: cue.start) if added else cues


def _learned_mode(sentence: str, tokens: list[Token], cue: Cue, flags: tuple[bool, bool],
                  roles: tuple[ActorMention, ActorMention | None], span: tuple[int, int], learned: Models | None
                  ) -> tuple[bool, bool] | None:
    """The rules' (negated, intent) `flags` of a candidate, or None where the mode model reads no event of its
    type (its p(none) reaches the threshold chosen in training). While training records candidates, each is
    recorded with its features."""
    if (learned is None or learned.mode is None) and not is_recording():
        return flags
    source, target = roles
    features = candidate_features(sentence, tokens, cue, flags, source.kind, target is not None, span[0] == 0)
    record({"features": features, "type": cue.action.type, "source": source.name or source.text,
            "start": span[0], "end": span[1], "cue": [cue.start, cue.end], "flags": list(flags)})
    if learned is None or learned.mode is None:
        return flags
    return None if learned.mode.probabilities(features)["none"] >= learned.mode_drop else flags


def _sentence_cues(sentence: str, matches: list[re.Match[str]], words: list[str], lowers: list[str],
                   learned: Models | None) -> tuple[list[Cue], list[Token]]:
    """The sentence's cues (the lexicon's, plus the trigger model's when one is shipped) and its tokens (built only
    when some word may start a cue: most sentences have none)."""
    candidates = cue_candidates(lowers)
    extra = trigger_candidates(lowers, learned) if learned is not None and learned.trigger is not None else []
    if not any(candidates) and not extra:
        return [], []
    cues = cues_in(sentence, lowers, lambda i: matches[i].span(), candidates) if any(candidates) else []
    tokens = tokens_of(matches, words, lowers) if cues or extra else []
    if extra and learned is not None:
        cues = _learned_cues(sentence, tokens, candidates, cues, extra, learned)
    return cues, tokens


def _inside_name_or_descriptor(tokens: list[Token], cue: Cue, actors: list[ActorMention]) -> bool:
    """A cue inside a name ("Tentara Pembebasan Nasional") is none; a cooperative one opening a relative clause
    describes its noun ("yayasan yang didukung AS", "anggota yang telah disetujui oleh presiden"): not coded."""
    if any(a.start <= cue.start and cue.end <= a.end for a in actors):
        return True
    if cue.action.type not in markers().descriptor_types:
        return False
    before = [t.lower for t in tokens[max(0, cue.first - 3):cue.first]]
    if "yang" not in before:
        return False
    between = before[len(before) - before[::-1].index("yang"):]
    return all(w in _RELATIVE_FILLERS for w in between)


_RELATIVE_FILLERS = frozenset({"telah", "sudah", "dia", "ia", "mereka", "sedang", "akan"})


# Between two names of a list: ", ", " dan ", ", dan ", " serta ", each maybe around a short bracket ("(MKD)",
# "DO, (Pejabat Pembuat Komitmen), dan AT").
_LIST_GAP = re.compile(r"^\s*,?\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:(?:dan|serta)\s+)?(?:(?:Ketua|Wakil|Presiden|Menteri"
                       r"|Gubernur|Bupati|Wali|Kota|Kepala|Direktur|Utama|Umum|Sekretaris|Jenderal|Pak|Bapak|Bu|Ibu)"
                       r"\s+){0,3}$")  # a title before a listed name: "Presiden Prabowo, Ketua DPR RI, dan MKD"


# "menetapkan tiga orang tersangka", "mengamankan empat pria", "Empat pria ditangkap": a legal act on a counted group
# of persons ...
_COUNT = r"(?:(?:ke)?(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)(?:nya)?|\d{1,2})"
_GROUP = (r"(?:tersangka|terduga|pelaku|terdakwa|pria|wanita|perempuan|orang|remaja|pemuda|warga|anggota|pengedar|kurir"
          r"|perangkat|WNA|mahasiswa|perusahaan|tambang|izin|IUP|korporasi)")
# Who a counted group's listed members may be, by the act's type: persons for legal acts, companies for sanctions
# ("mencabut izin usaha pertambangan pada empat tambang ... Empat perusahaan ... antara lain, PT A, PT B ...").
_LISTED_KINDS = {"ACCUSE": frozenset({"person"}), "COERCE": frozenset({"person"}), "SANCTION": frozenset({"org"})}
_COUNTED = re.compile(r"[^.,;]{0,60}?\b" + _COUNT + r"\s+(?:orang\s+)?" + _GROUP + r"\b", re.IGNORECASE)
_COUNTED_BEFORE = re.compile(r"\b" + _COUNT + r"\s+(?:orang\s+)?" + _GROUP + r"\b[^.;]{0,60}$", re.IGNORECASE)
# ... whose persons the same or a later sentence lists: "Tiga tersangka itu adalah DS (...), ZM (...) dan ISL",
# "Keempat pria yang diamankan yakni, MU (38), ...", "Kedua yang diamankan yakni ...".
_COUNTED_LISTED = re.compile(r"\b(?:" + _COUNT + r"|para)(?:\s+orang)?(?:\s+" + _GROUP + r"(?:\s+\w+)?)?"
                             r"(?:\s+yang(?:\s+[\w-]+){1,2}?)?(?:\s+(?:itu|tersebut))?\s*,?\s+(?:adalah|yakni|yaitu|ialah"
                             r"|masing-masing|antara\s+lain)\s*,?\s*", re.IGNORECASE)
_LIST_REACH = 400  # how far after the act's sentence the list may come (a promoted headline may lie between)


def _suspects_listed_next(article: Article, sentence: str, cue: Cue, s_end: int,
                          mentions: list[tuple[int, int, Entity]]) -> list[ActorMention]:
    """The persons of a counted group acted on ("Kejagung telah menetapkan tiga orang tersangka", "Empat pria
    ditangkap") that the same or the following sentences list by name ("Tiga tersangka itu adalah DS (Dicky ...) selaku ..., Zainuddin Mappa (ZM) selaku ..."): one
    target each, the person who opens each item of the list (a name in brackets after initials is that person).
    A person named further inside an item is a descriptor's ("selaku Pemimpin Divisi ...")."""
    if not (_COUNTED.match(sentence, cue.start) or _COUNTED_BEFORE.search(sentence, 0, cue.start)):
        return []
    body = article.body or ""
    listing = _COUNTED_LISTED.search(body, s_end - len(sentence) + cue.end, s_end + _LIST_REACH)
    if listing is None:
        return []
    start = listing.end()
    stop = re.search(r"[.!?](?:\s|$)|\n", body[start:])
    part = body[start:start + stop.start()] if stop else body[start:]
    items = [0, *(m.end() for m in _LIST_ITEM.finditer(part) if part[:m.start()].count("(") == part[:m.start()].count(")"))]
    out: list[tuple[int, ActorMention]] = []  # (the item's offset in the list, its person)
    for actor in _actors(article, start, part, mentions):
        item = max(i for i in items if i <= actor.start)
        if (actor.kind in _LISTED_KINDS[cue.action.type] and _ITEM_HEAD.fullmatch(part, item, actor.start)
                and item not in (o[0] for o in out)):
            out.append((item, actor))
    return [actor for _, actor in out]


_LIST_ITEM = re.compile(r",\s+(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+")
_ITEM_HEAD = re.compile(r"(?:[A-Z]{2,3}\s*\(\s*)?")  # a listed person's name opens the item, or follows initials


def _listed_after(sentence: str, actors: list[ActorMention], target: ActorMention | None) -> list[ActorMention]:
    """The names listed after the target ("mencabut izin PT A, PT B, dan PT C"): each is a target of its own."""
    if target is None or target not in actors:
        return []
    if _AGE.match(sentence, target.end):
        # "Heri Syahputra (45) warga ..., dan Awaluddin Saragih (53), warga ...": each person given an age is one
        aged = [a for a in actors[actors.index(target) + 1:] if _AGE.match(sentence, a.end) and _distinct(a, target)]
        if aged:
            return aged
    if (apposition := _APPOSITION.search(sentence, max(0, target.start - 60), target.start)) is not None:
        named = _apposed(sentence, actors, apposition.start())
        if named[:1] == [target] and len(named) > 1 and named[1].kind == target.kind:
            return named[1:]  # "dua menteri, yakni Menteri Keamanan Israel Ben Gvir dan Menteri Keuangan ... Smotrich"
    listed: list[ActorMention] = []
    previous, closed = target, False
    for actor in actors[actors.index(target) + 1:]:
        gap = sentence[previous.end:actor.start]
        if gap.count("(") > gap.count(")"):
            continue  # a name inside the bracket after the last one: "HT (Direktur PT Tamba Ria Jaya), DO"
        if not gap.strip() or not _LIST_GAP.match(gap):
            break
        listed.append(actor)
        previous, closed = actor, closed or bool(_CLOSING.search(gap))
    # Names of other kinds count only in a list closed by "dan"/"serta" ("Presiden Prabowo, Ketua DPR RI, dan MKD"):
    # "merebut Sandy Cay, China memasang ..." starts the next clause.
    return listed if closed else [a for a in listed if a.kind == target.kind]


_CLOSING = re.compile(r"\b(?:dan|serta)\b")
_APPOSITION = re.compile(r"\b(?:yakni|yaitu|antara lain|di antaranya)\b", re.IGNORECASE)


def _apposed(sentence: str, actors: list[ActorMention], start: int) -> list[ActorMention]:
    """The persons and bodies named after the first "yakni"/"yaitu"/"antara lain" from `start` on, outside brackets
    (the states in their titles, "Menteri Keuangan Israel Smotrich", are not listed)."""
    found = _APPOSITION.search(sentence, start)
    if found is None:
        return []
    listed: list[ActorMention] = []
    end = found.end()
    for actor in actors:
        if actor.start < end or actor.kind in ("country", "capital"):
            continue
        if sentence.count("(", found.end(), actor.start) > sentence.count(")", found.end(), actor.start):
            continue  # a name inside a bracket: "MU (38)" ages, "HT (Direktur PT X)" offices
        gap = _BRACKETS.sub("", sentence[end:actor.start])
        if len(gap) > 45 or _NOT_A_LIST.search(gap):
            break
        listed.append(actor)
        end = actor.end
    return listed


_BRACKETS = re.compile(r"\([^()]*\)")
# Words that end a list of names: a clause or a phrase about something else begins.
_NOT_A_LIST = re.compile(r"[.;]|\b(?:yang|oleh|di|ke|dari|untuk|karena|setelah|dengan|terhadap|atas)\b", re.IGNORECASE)


# Crowd control: tear gas, rubber bullets, stun grenades, water cannon, dispersal.
_CROWD_CONTROL = re.compile(r"\b(?:gas\s+air\s+mata|peluru\s+karet|granat\s+kejut|meriam\s+air|water\s+cannon"
                            r"|(?:mem|di)bubarkan|pembubaran)\b", re.IGNORECASE)


def _crowd_controlled(scope: _CueScope, roles: _Roles) -> None:
    """Tear gas, rubber bullets or dispersal naming no one are used on the protesters (the generic role), as
    EVENTS.md codes violent crowd control (target the protesters)."""
    if roles.target is not None or roles.source is None or scope.cue.action.type != "COERCE":
        return
    if not _CROWD_CONTROL.match(scope.sentence, scope.cue.start):
        return
    name = markers().role_actors["demonstran"]
    if (roles.source.name or "") != name:
        roles.target = ActorMention(scope.cue.start, scope.cue.start, name, None, None, None, name, "institution")


def _apposition_target(scope: _CueScope, roles: _Roles) -> None:
    """"menjatuhkan sanksi kepada dua menteri pemerintah Israel, yakni Ben Gvir dan Smotrich": the named persons
    or bodies are the targets (a target each, EVENTS.md), not the group or state first named."""
    target = roles.target
    if target is None or target.kind == "person" or scope.cue.action.type in SYMMETRIC:
        return
    found = _APPOSITION.search(scope.sentence, target.end, target.end + 60)
    if found is None or "." in scope.sentence[target.end:found.start()]:
        return
    named = [a for a in _apposed(scope.sentence, scope.actors, target.end) if _distinct(a, roles.source)]
    if named:
        roles.target = named[0]


_CO_SUBJECT_GAP = re.compile(r"^\s*,?\s*(?:dan|serta|atau)\s+(?:[A-Z][\w.]*\s+){0,4}$")


def _co_subjects(sentence: str, tokens: list[Token], cue: Cue, actors: list[ActorMention], source: ActorMention
                 ) -> list[ActorMention]:
    """The source and the subjects coordinated with it before a one-sided act ("Israel atau Amerika Serikat ...
    melancarkan serangan", "Newsom dan Bass mengecam"): each acts, one event each (a symmetric act's pair is one)."""
    if cue.action.type in SYMMETRIC or source not in actors or _is_passive(cue, tokens) or source.start >= cue.start:
        return [source]
    out = [source]
    for actor in actors[actors.index(source) + 1:]:
        if actor.start >= cue.start or not _CO_SUBJECT_GAP.match(sentence[out[-1].end:actor.start]):
            break
        if _distinct(actor, source) and actor.kind not in ("pronoun",):
            out.append(actor)
    return out


def _legal_types(cues: list[Cue], lowers: list[str]) -> list[Cue]:
    """In a court or police sentence ("dituntut 6 tahun penjara"), a demand is a prosecutor's charge: ACCUSE; in an
    investigation's sentence ("KPK memanggil Menteri X sebagai saksi"), summoning a minister is questioning him, not
    a leader's meeting: ACCUSE."""
    m = markers()
    for context, retype in ((m.legal_context, m.legal_retype), (m.inquiry_context, m.inquiry_retype)):
        if any(c.action.pattern[0] in retype for c in cues) and not context.isdisjoint(lowers):
            cues = [c._replace(action=_retyped(c.action, retype[c.action.pattern[0]]))
                    if c.action.pattern[0] in retype else c for c in cues]
    return cues


@lru_cache(maxsize=64)
def _retyped(action: Action, type_: str) -> Action:
    root = {"ACCUSE": "11", "COERCE": "17", "AGREE": "03", "THREATEN": "13", "REQUEST": "10"}.get(type_, action.cameo)
    goldstein, quad = cameo_roots()[root]
    return dataclasses.replace(action, type=type_, cameo=root, goldstein=goldstein, quad=quad)


def _event_fields(cue: Cue, source: ActorMention | None, target: ActorMention | None) -> dict[str, Any]:
    """The fields of an event that its cue and actors give. Events are validated from plain data, once: half the
    cost of Event(...) with Actor(...) instances inside."""
    return {
        "type": cue.action.type,
        "cameo": cue.action.cameo,
        "goldstein": cue.action.goldstein,
        "quad": cue.action.quad,
        "source": _actor_fields(source),
        "target": _actor_fields(target),
        "cue": cue.text,
    }


_SPEECH_ACT_TYPES = frozenset({"THREATEN", "ACCUSE", "PROTEST"})


# Between "menandatangani" and the act a signed order orders: the order is the signer's act, not an agreement.
_ORDER_SIGNED = re.compile(r"\s+(?:sebuah\s+)?(?:memorandum|memo|keputusan|perintah|instruksi|dekrit|perpres|keppres"
                           r"|perintah\s+eksekutif|surat\s+perintah)(?:\s+\w+)?\s+yang\s+(?:memerintahkan|"
                           r"menginstruksikan)\s+$", re.IGNORECASE)


def _event_cues(sentence: str, tokens: list[Token], cues: list[Cue]) -> list[Cue]:
    """The cues that are events of their own: not the content of an earlier cue's clause, not a noun cue referring
    back to an event already told ("Kesepakatan itu ...")."""
    back_reference = markers().back_reference_determiners
    event_cues: list[Cue] = []
    for cue in cues:
        previous = event_cues[-1] if event_cues else None
        # A verb after a noun cue is no content of it ("kapal bantuan ... setelah pasukan Israel menahan mereka").
        verb_after_noun = (previous is not None and _noun_suffixed(tokens[previous.first].lower)
                           and not _is_event_noun(cue, tokens))
        if (previous is not None and previous.action.type == "REQUEST" and cue.first == previous.last + 1
                and cue.action.type in _SPEECH_ACT_TYPES and _is_event_noun(cue, tokens)):
            event_cues[-1] = cue  # "menyerukan peringatan", "menyampaikan kecaman": the act the call makes
            continue
        if previous is not None and _ORDER_SIGNED.match(sentence[previous.end:cue.start]):
            event_cues[-1] = cue  # "menandatangani memorandum yang memerintahkan pengerahan": the signer deploys
            continue
        if (previous is not None and not verb_after_noun and not _separated(sentence, tokens, previous, cue)
                and not _evaluated_act(previous, cue, tokens)):
            continue
        follow = [t.lower for t in tokens[cue.last + 1:cue.last + 4]]
        if _is_noun_cue(cue, tokens) and any(w in back_reference for w in follow):
            continue
        event_cues.append(cue)
    return event_cues


# Praise or criticism of someone's act ("mendukung keputusan Presiden Prabowo mencabut izin", "mengecam keputusan
# Trump yang mengerahkan pasukan"): the act is reported as done, an event of its own, its actor named after the verb.
_EVALUATIONS = frozenset({("SUPPORT", "05"), ("ACCUSE", "11")})
_MATERIAL_ACTS = frozenset({"MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "AID", "CONCEDE", "RETREAT"})


def _evaluated_act(earlier: Cue, cue: Cue, tokens: list[Token]) -> bool:
    """Whether `cue` names a material act that the `earlier` cue praises or criticises (an active verb or a noun: a
    passive one's agent is seldom in reach)."""
    return ((earlier.action.type, earlier.action.cameo) in _EVALUATIONS and cue.action.type in _MATERIAL_ACTS
            and not _is_passive(cue, tokens) and earlier.action.pattern[0] not in _CLAIMS)


# An accusation's content is only claimed ("menuduh Rusia meledakkan bendungan"): no act of its own (EVENTS.md).
_CLAIMS = frozenset({"tuduh", "tuding", "salah", "duga", "klaim"})


def _evaluation_end(cue: Cue, cues: list[Cue], tokens: list[Token], scope_start: int) -> int | None:
    """Where the praise or criticism of the act `cue` names ends (its actor is named after it), if one comes first."""
    ends = [c.end for c in cues if scope_start <= c.start and c.end <= cue.start and _evaluated_act(c, cue, tokens)]
    return max(ends) if ends else None


def _negated_and_intended(tokens: list[Token], cue: Cue, refused: set[int]) -> tuple[bool, bool]:
    """Whether the cue is negated (a refusal or a negation word before it) and whether it is an intent (an intent
    word before it, or a future word right after it: "pada pertemuan mendatang", "KTT bulan depan")."""
    m = markers()
    head = _light_verb_head(tokens, cue)
    negated = cue.first in refused or _window_has(tokens, head, m.negation, m.negation_window, m.negation_skip)
    intent = _window_has(tokens, head, m.intent, m.intent_window, m.intent_skip)
    intent = intent or any(t.lower in m.future_words for t in tokens[cue.last + 1:cue.last + 4])
    # "atas setiap serangan Israel", "setiap kemungkinan serangan": any such act, none that happened
    intent = intent or not _GENERIC.isdisjoint(t.lower for t in tokens[max(0, cue.first - 2):cue.first])
    intent = intent or _purpose(tokens, cue, m.intent_skip)
    if intent and not negated:
        intent = not _decided(tokens, cue, m.intent) and not _object_of_other_verb(tokens, cue)
    return negated, intent


def _light_verb_head(tokens: list[Token], cue: Cue) -> Cue:
    """Where the modal and negation windows of a cue start: at the light verb that makes a noun cue its subject's
    act ("siap terlibat dalam putaran baru perundingan", "tidak akan melancarkan serangan"), else at the cue."""
    if not _is_noun_cue(cue, tokens):
        return cue
    m = markers()
    for j in range(cue.first - 1, max(-1, cue.first - m.light_verb_window - 1), -1):
        lower = tokens[j].lower
        if lower in m.light_verbs:
            return cue._replace(first=j)
        if lower in m.clause_boundaries or lower in _PHRASE_BREAKS:
            break
    return cue


_PHRASE_BREAKS = frozenset({"yang", "oleh", "dari"})  # "tidak terlibat yang ... dirugikan oleh pemboman"


def _object_of_other_verb(tokens: list[Token], cue: Cue) -> bool:
    """A noun cue right after a verb that breaks through or resists it is that verb's object: the modal before the
    verb governs the verb, and the act the noun names exists ("berupaya menerobos blokade laut Israel", "bertujuan
    mematahkan pengepungan Israel": the blockade is real). Other verbs keep the modal: a light verb's object is its
    act ("akan melancarkan serangan"), and ending or facing an act is no report of it ("akan mengakhiri kerja sama",
    "akan menghadapi kecaman")."""
    return cue.first > 0 and tokens[cue.first - 1].lower in _COUNTER_VERBS and _is_noun_cue(cue, tokens)


_COUNTER_VERBS = frozenset({"menerobos", "menembus", "mematahkan", "melawan", "menentang", "menghindari",
                            "menghindar", "melanggar", "mendobrak", "menantang"})


def _purpose(tokens: list[Token], cue: Cue, skip: frozenset[str]) -> bool:
    """A verb cue heading a purpose clause ("punya ruang untuk menahan suku bunga", "demi mendukung tujuan politik
    Iran", "mengerahkan marinir untuk membantu"): what the act is for, not an act reported as done."""
    if not tokens[cue.first].lower.startswith((*_VERB_PREFIXES, "di")):
        return False  # a noun: "untuk serangan itu" is no purpose clause
    i = cue.first - 1
    while i >= 0 and tokens[i].lower in skip and tokens[i].lower not in _PURPOSE:
        i -= 1
    if i < 0 or tokens[i].lower not in _PURPOSE:
        return False
    # "keputusan Trump untuk mengerahkan", "menggunakan petasan untuk menyerang", "mengirimkan surat untuk meminta":
    # a decision taken, or a means used, to do it reports the act itself
    return _ENTAILING.isdisjoint(t.lower for t in tokens[max(0, i - 6):i])


_PURPOSE = frozenset({"untuk", "demi", "guna"})
_ENTAILING = frozenset({"keputusan", "memutuskan", "diputuskan", "menggunakan", "digunakan", "dipakai", "memakai",
                        "mengirimkan", "mengirim", "dikirim", "dikirimkan", "surat", "mengalokasikan"})


def _decided(tokens: list[Token], cue: Cue, modal: frozenset[str]) -> bool:
    """"memutuskan bahwa pemerintah akan mencabut izin": the decision is the act, taken now (unless the decision is
    itself only possible: "mungkin akan memutuskan untuk mengakhiri")."""
    for j in range(cue.first - 1, max(-1, cue.first - 7), -1):
        if tokens[j].lower in _DECISIONS:
            return all(t.lower not in modal for t in tokens[max(0, j - 3):j])
    return False


_DECISIONS = frozenset({"memutuskan", "diputuskan"})
_GENERIC = frozenset({"setiap", "tiap", "segala"})
_QUOTE_BEFORE = re.compile(r"[\"”]\s*$")  # a speech verb right after the quote it attributes


_PROMISES = frozenset({"AGREE", "THREATEN"})  # what an offer or a vow to act is retyped to


# Speech acts made at the time of speaking: a future date in them is the date of what is asked or warned of.
_SPOKEN_NOW = frozenset({"REQUEST", "THREATEN"})


# Not granting a demand ("belum dapat mengakomodir tuntutan", "tidak memenuhi tuntutan") is rejecting it (EVENTS.md).
_DEMANDS = frozenset({"tuntutan", "permohonan", "permintaan"})
_HOSTILE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})
# A vow to go on using force ("akan terus menyerang", "bersumpah akan membalas") is a threat made now (EVENTS.md).
_FORCE = frozenset({"ASSAULT", "COERCE"})
_VOWS = frozenset({"akan terus", "bersumpah", "bersumpah akan", "bersumpah untuk"})
# "akan/bakal menindak tegas", "berkomitmen menindak": an actor's own coming use of force, announced, is a warning
_ACTIVE_VOWS = frozenset({"akan", "bakal", "berkomitmen"})
_OPENING_QUOTES = "\"“‘'"


def _offer_or_demand(sentence: str, tokens: list[Token], cue: Cue, negated: bool, intent: bool) -> tuple[Cue, bool]:
    """An act one is ready or vows to do ("siap terlibat dalam perundingan", "bertekad mengakui") is an offer or
    promise made now (AGREE), or a threat when the act is hostile ("siap menyerang"); an imperative opening a quote
    ("Cabut segera izin ...", "Bebaskan semuanya!") is the speaker's demand (REQUEST)."""
    m = markers()
    if intent and not negated and _window_has(tokens, _light_verb_head(tokens, cue), m.offer_words, m.intent_window,
                                              m.intent_skip):
        return cue._replace(action=_retyped(cue.action, "THREATEN" if cue.action.type in _HOSTILE else "AGREE")), False
    if intent and not negated and cue.action.type in _FORCE and (
            _window_has(tokens, cue, _VOWS, m.intent_window, m.intent_skip - {"terus"})
            or not _is_passive(cue, tokens) and _window_has(tokens, cue, _ACTIVE_VOWS, 2, frozenset({"terus"}))):
        return cue._replace(action=_retyped(cue.action, "THREATEN")), False  # "akan terus melanjutkan perlawanan"
    word = tokens[cue.first]
    before = sentence[:word.start].rstrip()
    opens_quote = bool(before) and before[-1] in _OPENING_QUOTES
    if (opens_quote and word.text[:1].isupper() and not negated and cue.action.type != "REQUEST"
            and not word.lower.startswith(m.imperative_not_prefixes) and not _is_event_noun(cue, tokens)):
        return cue._replace(action=_retyped(cue.action, "REQUEST")), False
    return cue, intent


# "Perwal Nomor 1 Tahun 2023", "UU No. 35 Tahun 2009": the year of a regulation's number, not a date of the text.
_LAW_NUMBER = re.compile(r"\b(?:nomor|no\.?)\s*\d+[\w/.-]*\s*$", re.IGNORECASE)


class _SentenceDates:
    """The dates of one sentence's events: each cue's own date expression, else the date _implicit_date gives."""

    def __init__(self, sentence: str, tokens: list[Token], cues: list[Cue], event_cues: list[Cue], main_start: int,
                 base: dt.date | None, anchor: dt.date | None, discourse: _Discourse, find: DateFinder) -> None:
        self.sentence, self.base, self.anchor, self.discourse, self.find = sentence, base, anchor, discourse, find
        after = _paragraph_after(discourse.body, discourse.sentence_start + len(sentence))
        dates = [d for d in _attributed(find(sentence, base), sentence, find, after)
                 if not _LAW_NUMBER.search(sentence, 0, d.start)] if base else []
        dates = [d for d in dates if not _dates_leading_clause(sentence, d, main_start, event_cues)]
        self.dates = dates
        owners = _date_owners(cues, event_cues)
        events = {c.first for c in event_cues}
        dating = [c for c in cues if owners.get(c.first, c.first) in events]
        self.own_dates = _nearest_dates(dates, dating, owners) if dates else {}
        lowered = sentence.lower().lstrip("“\"' ")
        referenced = _opens_with_reference(tokens, cues, main_start)
        self.anaphoric: str | bool = referenced or lowered.startswith(markers().anaphora_openers)
        self.given: list[str] = []  # the dates given to the sentence's events so far
        self._offsets: list[re.Match[str]] | None = None  # found once per sentence, when first needed

    def of(self, cue: Cue, intent: bool) -> tuple[str | None, str | None, str | None]:
        """(date, precision, date text) of the cue; a plan (`intent`) without a stated date has no date."""
        base = self.base
        date_value: str | None = None
        precision: str | None = None
        date_text: str | None = None
        own = self.own_dates.get(cue.first)
        if own is not None and cue.action.type in _MATERIAL and self._attributes(own, cue):
            own = None  # '"Tim kemudian menangkap ...," kata X, Selasa (10/6)': the day it was said, not done
        if own is not None and base is not None:
            if intent:
                future = [d for d in self.find(self.sentence, base, future=True) if d.start == own.start]
                own = future[0] if future else own
            date_value, precision, date_text = own.date, own.precision, own.text
        elif base is not None and (named := _named_year(self.sentence, cue, base)) is not None:
            date_value, precision, date_text = named, "year", named
        elif base is not None and not intent:
            date_value, precision, date_text = self.unstated(cue)
        if date_value:
            self.given.append(date_value)
        return date_value, precision, date_text

    def _attributes(self, date: ResolvedDate, cue: Cue) -> bool:
        """The date dates a quote's attribution ('...," kata X dalam keterangannya, Selasa (10/6/2025)') and the cue
        lies in the quote before it."""
        close = max(self.sentence.rfind(q, cue.end, date.start) for q in _CLOSING_QUOTES)
        return close >= 0 and _ATTRIBUTION.search(self.sentence, max(close, date.start - 120), date.start) is not None

    def unstated(self, cue: Cue) -> tuple[str | None, str | None, str | None]:
        """The date of a cue that names none of its own: the date of the clause it follows ("pecah pada Jumat lalu
        setelah ICE menahan ..."), the day a time of day continues ("Namun pada pukul 18.15 WIT, ..." after "pada
        Senin, 9 Juni 2025, sekitar pukul 06.30"), else from the context (_implicit_date)."""
        governing = next((d for d in reversed(self.dates) if d.end <= cue.start
                          and _AFTER_WORD.search(self.sentence, d.end, cue.start)), None)
        if governing is not None:
            return governing.date, governing.precision, governing.text
        clock = _TIME_OF_DAY.search(self.sentence)
        if self.base is not None and clock is not None:
            day = next((d for d in reversed(self.dates) if d.end <= clock.start() and d.precision == "day"), None)
            day = day or self._narrative_day()
            if day is not None:
                return day.date, day.precision, day.text
        if self._offsets is None:
            self._offsets = list(_offset_pattern().finditer(self.sentence))
        return _implicit_date(self.sentence, cue, self.anaphoric, self.given, self.anchor, self.discourse,
                              self._offsets)


    def _narrative_day(self) -> ResolvedDate | None:
        """The last written day in the text before the sentence (a few sentences back)."""
        start = self.discourse.sentence_start
        before = self.discourse.body[max(0, start - NARRATIVE_REACH):start]
        days = [d for d in self.find(before, self.base) if d.precision == "day" and not d.approximate
                and not _ATTRIBUTION.search(before, max(0, d.start - 120), d.start)]
        return days[-1] if days else None


NARRATIVE_REACH = 600  # characters before a sentence searched for the day a time of day ("pukul 18.15") continues
# "pukul 18.15", "pukul 06.30 WIT": a time of day with no date of its own continues the day last written.
_TIME_OF_DAY = re.compile(r"\bpukul\s+\d{1,2}[.:]\d\d\b", re.IGNORECASE)
# '..., kata Kapolres X kepada wartawan, Selasa (10/6)': the day the words were said, not the day of the story.
_ATTRIBUTION = re.compile(r"\b(?:kata|ujar|ucap|tutur|jelas|ungkap|terang|sebut|tegas|papar|imbuh|tambah)\w*\b"
                          r"[^.\"”]*,\s*$", re.IGNORECASE)
_CLOSING_QUOTES = ('"', "”")
# Acts done, not said: a quote's attribution date is the day they were told, not the day they were done.
_MATERIAL = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "AID", "PROTEST", "SANCTION", "RETREAT", "CONCEDE"})
# A clause that follows another act: "setelah", "usai", "sesudah", "seusai", "selepas", "pasca".
_AFTER_WORD = re.compile(r"\b(?:setelah|sesudah|usai|seusai|selepas|pasca)\b", re.IGNORECASE)


def _after_clause(sentence: str, date: ResolvedDate) -> int | None:
    """Where the clause holding the date starts when 'setelah'/'usai'/... opens it (else None)."""
    segment_start = sentence.rfind(",", 0, date.start) + 1
    words = sentence[segment_start:date.start]
    opener = _AFTER_WORD.match(words, len(words) - len(words.lstrip()))
    return segment_start if opener is not None else None


def _dates_leading_clause(sentence: str, date: ResolvedDate, main_start: int, event_cues: list[Cue]) -> bool:
    """The date lies in a leading clause opened by 'setelah'/'usai'/... that holds no coded act ("Setelah dilantik
    pada 4 Juni 2025, Lee langsung ..."): it dates that clause's own verb; the main clause's acts come after it."""
    if date.end > main_start:
        return False
    segment_start = _after_clause(sentence, date)
    return segment_start is not None and not any(segment_start <= c.start < main_start for c in event_cues)


# "kesepakatan nuklir Iran 2015", "invasi 2022": a year that names the act its noun cue starts.
_NAMED_YEAR = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+((?:19|20)\d\d)\b(?![-/.,]\d)")


def _named_year(sentence: str, cue: Cue, base: dt.date) -> str | None:
    """The year written right after a noun cue (up to three words between), when not after the base date."""
    word = cue.text.split()[0].lower()
    if not _noun_suffixed(word) and word not in markers().lexical_nouns:
        return None
    found = _NAMED_YEAR.match(sentence, cue.end)
    return found.group(1) if found and int(found.group(1)) <= base.year else None


def _opens_with_reference(tokens: list[Token], cues: list[Cue], main_start: int) -> str | None:
    """'Usai pertemuan tersebut, ...': the sentence continues an earlier event; returns that event's type."""
    m = markers()
    if main_start == 0:
        return None
    for cue in cues:
        if cue.start >= main_start:
            break
        follow = [t.lower for t in tokens[cue.last + 1:cue.last + 4] if t.start < main_start]
        if any(w in m.anaphora_determiners for w in follow):
            return cue.action.type
    return None


def _implicit_date(sentence: str, cue: Cue, anaphoric: str | bool, sentence_dates: list[str], anchor: dt.date | None,
                   discourse: _Discourse, sentence_offsets: list[re.Match[str]]
                   ) -> tuple[str | None, str | None, str | None]:
    """The date of a cue without a date of its own. `sentence_offsets`: `_offset_pattern()`'s matches in the
    sentence (found once per sentence, not per cue)."""
    # "digelar sepekan usai Putin bertemu Xi": the meeting lies a week before the other date in the sentence.
    offsets = [o for o in sentence_offsets if o.end() <= cue.start]
    if offsets:
        offset = offsets[-1]
        reference = _date_of(sentence_dates[0]) if sentence_dates else anchor
        if reference is not None:
            count = 1 if offset["se"] else int(offset["n"]) if offset["n"].isdigit() else _NUMBERS[offset["n"].lower()]
            backwards = not offset.group(0).lower().rstrip().endswith(("sebelum", "jelang", "menjelang"))
            value, precision = _shift(reference, offset["unit"].lower(), count, backwards)
            return value, precision, offset.group(0)
    if anaphoric and discourse.events:
        # The referenced event: of the type the anaphor names ("pertemuan tersebut" -> the last CONSULT), else the last.
        wanted = anaphoric if isinstance(anaphoric, str) else None
        same_type = [e for e in discourse.events if e.type == wanted and e.date]
        earlier = same_type or [e for e in discourse.events if e.date]
        if earlier:
            return earlier[-1].date, earlier[-1].date_precision, earlier[-1].date_text
    if anchor is None:
        return None, None, None
    return anchor.isoformat(), "day", None


@dataclass
class _CueScope:
    """Where one cue's actors are looked for: its clause before the cue (`subjects`), the stretch after it up to
    the next clause or cue (`objects`), and what the sentence's discourse remembers."""

    sentence: str
    tokens: list[Token]
    cue: Cue
    actors: list[ActorMention]
    discourse: _Discourse
    subject_from: int  # where the subject may start: the clause opener's end, else the cue's segment start
    subjects: list[ActorMention]
    objects: list[ActorMention]
    segment_end: int | None = None  # where the leading adverbial segment holding the cue ends (its comma), if any

    @cached_property
    def subject_pronoun(self) -> str | None:
        """'single' or 'pair' when the subject is a pronoun or group reference ("Dia", "kedua negara")."""
        return _pronoun_at(self.sentence, self.tokens, self.subject_from, self.cue.start)


@dataclass
class _Roles:
    """The roles of one cue, as the steps of TARGET_STEPS fill and change them."""

    source: ActorMention | None
    partner: ActorMention | None  # coordinated with the source ("Rusia dan China")
    target: ActorMention | None = None


def _roles(sentence: str, tokens: list[Token], cue: Cue, actors: list[ActorMention], main_start: int,
           segments: list[tuple[int, int]], discourse: _Discourse, cues: list[Cue]
           ) -> tuple[ActorMention | None, ActorMention | None]:
    """Source and target actors of one cue: the first rule of SOURCE_RULES that answers gives the source (and its
    partner), then every step of TARGET_STEPS runs in order."""
    scope = _cue_scope(sentence, tokens, cue, actors, main_start, segments, discourse, cues)
    clause = next((found for rule in SOURCE_RULES if (found := rule(scope)) is not None), _Clause(None, None))
    roles = _Roles(clause.source, clause.partner)
    for step in TARGET_STEPS:
        step(scope, roles)
    return roles.source, roles.target


def _cue_scope(sentence: str, tokens: list[Token], cue: Cue, actors: list[ActorMention], main_start: int,
               segments: list[tuple[int, int]], discourse: _Discourse, cues: list[Cue]) -> _CueScope:
    scope_start = main_start
    for seg_start, seg_end in segments:
        if seg_start <= cue.start < seg_end:
            scope_start = seg_start
    subjects = [a for a in actors if scope_start <= a.start < cue.start]
    opener_start = _subordinate_clause_start(tokens, cue, actors, scope_start, cues)
    if opener_start is not None:
        inner = [a for a in actors if opener_start <= a.start < cue.start]
        if inner:
            subjects = inner
    evaluation_end = _evaluation_end(cue, cues, tokens, scope_start)
    if evaluation_end is not None:  # the act's actor comes after the praise or criticism, never before it
        subjects = [a for a in actors if evaluation_end <= a.start < cue.start]
    objects_end = _objects_end(sentence, tokens, cue, cues)
    # A pattern with a gap holds its object ("menetapkan Budi sebagai tersangka"): objects start after its first word.
    inside = (tokens[cue.first].end, tokens[cue.last].start)
    objects = [a for a in actors
               if inside[0] <= a.start and a.end <= inside[1] or cue.end <= a.start < objects_end]
    subject_from = opener_start if opener_start is not None else scope_start
    segment_end = next((end for start, end in segments if start <= cue.start < end), None)
    if segment_end is not None and not _is_event_noun(cue, tokens):
        # "Setelah merebut Sandy Cay, China memasang ...": a verb's object ends with its segment
        objects = [a for a in objects if a.start < segment_end]
    return _CueScope(sentence, tokens, cue, actors, discourse, subject_from, subjects, objects, segment_end)


def _subordinate_clause_start(tokens: list[Token], cue: Cue, actors: list[ActorMention], scope_start: int,
                              cues: list[Cue]) -> int | None:
    """Where the last clause before the cue opens, if one does. A subordinate clause ("bahwa Moskow-Beijing
    sepakat") has its own subject; one without an actor shares the main clause's ("AS merasa kecewa lantaran ...
    dan menuduh China")."""
    m = markers()
    opener_start = None
    actor_ends = {a.end for a in actors}
    scope_tokens = tokens[_token_index_at(tokens, scope_start):cue.first]
    for i, token in enumerate(scope_tokens):
        coordinating = token.lower in m.coordinators
        if coordinating and i > 0 and scope_tokens[i - 1].end in actor_ends:
            # "Rusia dan China sepakat", "Retno dan Menlu Australia Penny Wong menandatangani": "dan" right after a
            # name joins subjects, unless a verb came before it ("Rusia menyerang Ukraina dan China mengecam").
            coordinating = any(scope_start <= other.start < token.start for other in cues)
        if token.lower in m.clause_openers or coordinating:
            opener_start = token.end
    return opener_start


_DEMAND_LINKS = frozenset({"agar", "supaya"})
_APPOSITION_LINKS = frozenset({"yakni", "yaitu"})
_SHARED_OBJECT = re.compile(r"^\s+dan\s+(?:me|ber)\w+\s+(?:agar\s+|supaya\s+)?[^,;:.()\"“”]{0,40}$")


def _objects_end(sentence: str, tokens: list[Token], cue: Cue, cues: list[Cue]) -> int:
    """The object lies between the cue and the next clause ("bertemu usai Rusia menginvasi Ukraina" stops at
    "usai") or the next event's cue ("membantah tuduhan itu dan menyalahkan Kiev": Kiev is the blamed one)."""
    clause_openers = markers().clause_openers - _APPOSITION_LINKS  # "menetapkan tiga tersangka, yakni A, B dan C"
    if cue.action.type == "REQUEST":
        clause_openers = clause_openers - _DEMAND_LINKS  # "menyerukan agar Newsom ditangkap": Newsom is the target
    end = next((token.start for token in tokens[cue.last + 1:] if token.lower in clause_openers), len(sentence))
    attribution = _ATTRIBUTION.search(sentence, tokens[cue.last].end)  # "..., kata kantor jaksa agung": the speaker
    dash = _ASIDE.search(sentence, tokens[cue.last].end)  # "menahan mereka — sebagai bagian dari ...": an aside
    ends = [end, attribution.start() if attribution else end, dash.start() if dash else end]
    return min(ends + [c.start for c in cues if c.start > cue.end])


_ASIDE = re.compile(r"\s[—–]\s|;")


_ATTRIBUTION = re.compile(r"[,\"”’]\s*(?:kata|ujar|ucap|tutur|ungkap|jelas|terang|imbuh|tegas|sebut|papar|katanya"
                          r"|ujarnya|ucapnya|tuturnya|ungkapnya|jelasnya|terangnya|imbuhnya|tegasnya|pungkas"
                          r"|pungkasnya|menurut)\b", re.IGNORECASE)


# ------------------------------------------------------------------------------ the source: first rule that answers


def _subject_before_cue(scope: _CueScope) -> _Clause | None:
    """"Rusia dan China sepakat": the first actor of the cue's clause, with the actor coordinated with it."""
    if not scope.subjects:
        return None
    first = scope.subjects[0]
    holder = _title_holder(scope)
    if holder is not None:
        return _Clause(holder, None)
    second = scope.subjects[1] if len(scope.subjects) > 1 else None
    coordinated = second is not None and _COORDINATION.match(scope.sentence[first.end:second.start])
    return _Clause(first, second if coordinated and _distinct(first, second) else None)


_TITLE_CHAIN_BREAK = re.compile(r"\b(?:dan|serta|atau|yang)\b|[;\"“”]", re.IGNORECASE)


def _title_holder(scope: _CueScope) -> ActorMention | None:
    """"Ketua Umum PB HMI 2013-2015, Arief Rosyid Hasan mengapresiasi", "Pimpinan MPR dari Fraksi PAN Eddy Soeparno
    mengapresiasi": the bodies named in a person's office title only describe the person right before the verb,
    who acts (a spokesperson's body stays the actor: see _merge_phrases)."""
    subjects, sentence = scope.subjects, scope.sentence
    first, last = subjects[0], subjects[-1]
    if len(subjects) < 2 or last.kind != "person" or not _distinct(first, last):
        return None
    words = [t.lower for t in scope.tokens[_token_index_at(scope.tokens, last.end):scope.cue.first]]
    if not all(w in markers().clause_adverbs for w in words) or _TITLE_CHAIN_BREAK.search(sentence, first.end, last.start):
        return None
    titled = _TITLE_BEFORE.search(sentence, max(0, first.start - 60), first.start)
    if first.kind == "person" and titled is None:
        return None
    if _SPOKESPERSON_TITLE.search(sentence, max(0, first.start - 60), first.start):
        return None
    return last


_SPOKESPERSON_TITLE = re.compile(r"\b(?:juru\s+bicara|jubir)\b[^,.]{0,50}$", re.IGNORECASE)


def _shared_verb_subject(scope: _CueScope) -> _Clause | None:
    """"pasukan Israel menghentikan dan menahan mereka": a verb coordinated with the verb before it shares that
    verb's subject, the actor right before it."""
    tokens, first = scope.tokens, scope.cue.first
    if first < 2 or tokens[first - 1].lower not in ("dan", "serta", "lalu", "kemudian"):
        return None
    verb = tokens[first - 2]
    if not verb.lower.startswith(("me", "ber", "di")) or verb.lower in _NOT_PASSIVE:
        return None
    subject = next((a for a in reversed(scope.actors) if a.end <= verb.start), None)
    if subject is None or scope.sentence[subject.end:verb.start].strip():
        return None
    return _Clause(subject, None)


def _main_clause_subject(scope: _CueScope) -> _Clause | None:
    """"Setelah merebut Sandy Cay, China memasang bendera": a verb in a leading adverbial clause without a subject of
    its own shares the main clause's, named first after it."""
    end = scope.segment_end
    if scope.subjects or end is None or _is_event_noun(scope.cue, scope.tokens):
        return None
    first = next((a for a in scope.actors if a.start > end), None)
    if first is None or scope.sentence[end + 1:first.start].strip():
        return None
    return _Clause(first, None)


def _quote_speaker(scope: _CueScope) -> _Clause | None:
    """"Saya mengecam ...", "Kami mendesak ...", "Mohon arahannya," ujar Indah: inside a quote, a first-person or
    missing subject is the speaker (not for a passive, whose subject is the one acted upon)."""
    if not scope.discourse.speakers or _is_passive(scope.cue, scope.tokens):
        return None
    speaker = scope.discourse.speaker_at(scope.cue.start)
    if speaker is None:
        return None
    words = [t.lower for t in scope.tokens[_token_index_at(scope.tokens, scope.subject_from):scope.cue.first]]
    third_person = not markers().pronoun_single.isdisjoint(words) or scope.subject_pronoun == "pair"
    adverbs = markers().clause_adverbs
    relative = next((w for w in reversed(words) if w not in adverbs or w == "yang"), None) in _NOT_SPEAKER_SUBJECT
    # "... yang mengancam fondasi republik kita", "... karena mengancam ekosistem": the subject is the noun before
    return None if third_person or relative else _Clause(speaker, None)


# Words right before a verb that give it a subject of its own (a relative clause, a reason about a thing).
_NOT_SPEAKER_SUBJECT = frozenset({"yang", "karena", "sebab", "lantaran"})


def _pair_pronoun(scope: _CueScope) -> _Clause | None:
    """"Kedua negara sepakat": the pair of actors last named together."""
    pair = scope.discourse.last_pair if scope.subject_pronoun == "pair" else None
    return _Clause(*pair) if pair is not None else None


def _single_pronoun(scope: _CueScope) -> _Clause | None:
    """"Dia mengecam": the last subject; also "Mereka menyatakan" when no pair was named (a group: TPNPB)."""
    pronoun = scope.subject_pronoun
    group = pronoun == "pair" and scope.discourse.last_pair is None and "mereka" in scope.sentence[
        scope.subject_from:scope.cue.start].lower().split()
    actor = scope.discourse.last_actor if pronoun == "single" or group else None
    words = scope.sentence[scope.subject_from:scope.cue.start].lower().split()
    if actor is not None and not _PERSON_PRONOUNS.isdisjoint(words):
        if _not_a_speaker(actor):
            actor = scope.discourse.last_person or actor  # "ia", "dia", "beliau" stand for a person, not "HET"
        elif actor.kind != "person" and scope.cue.action.type in _AGENCY_TYPES and _is_passive(scope.cue, scope.tokens):
            # "Dia diamankan saat ..." after "SD diamankan Satres Narkotika Polres Buleleng": the one acted upon is
            # a person (the body's last suspect, else the last person named), never the body that acted
            suspect = scope.discourse.last_suspect
            actor = suspect[1] if suspect is not None else scope.discourse.last_person or actor
    return _Clause(actor, None) if actor is not None else None


_PERSON_PRONOUNS = frozenset({"ia", "dia", "beliau"})


def _not_a_speaker(actor: ActorMention) -> bool:
    """A name that no person speaks for: neither a person, a state, a known body nor a spokesperson's phrase (a
    tagged thing such as "Harga Eceran Tertinggi"). After "Juru bicara ... China Lyu Daliang" "ia" is China's."""
    if actor.kind in ("person", "country", "capital", "igo", "institution") or actor.members:
        return False
    return actor.entity_id is None or load_kb().get(actor.entity_id) is None


def _noun_cue_actors_after(scope: _CueScope) -> _Clause | None:
    """"pertemuan Putin dan Xi": a noun cue with no actor before it takes its actors after it. (The source stays
    among the objects; the target steps pass over it, as it is not distinct from itself.)"""
    objects = scope.objects
    if not objects or not _is_noun_cue(scope.cue, scope.tokens):
        return None
    source, rest = objects[0], objects[1:]
    coordinated = rest and _COORDINATION.match(scope.sentence[source.end:rest[0].start]) and _distinct(source, rest[0])
    return _Clause(source, rest[0] if coordinated else None)


def _elided_subject(scope: _CueScope) -> _Clause | None:
    """"..., lalu mengecam ...": a cue close to its clause's start shares the last subject (the distance is
    checked first: see _Discourse)."""
    if scope.cue.start - scope.subject_from >= 40 or scope.discourse.last_actor is None:
        return None
    words = scope.tokens[_token_index_at(scope.tokens, scope.subject_from):scope.cue.first]
    if not all(t.lower in markers().clause_adverbs for t in words):
        return None  # "Kelaparan mengancam", "Rancangan resolusi itu menuntut": a subject of its own, not an actor
    return _Clause(scope.discourse.last_actor, None)


_PAIR_LINK = re.compile(r"^\s*dengan\s+(?:[A-Z][\w.]*\s+){0,4}$")  # "antara AS dengan (Presiden) China"


# Legal acts whose noun takes the person acted upon right after it ("penangkapan SD", "pemeriksaan Budi").
_PATIENT_NOUN_ROOTS = frozenset({"tangkap", "tahan", "periksa", "geledah", "sidik", "selidik", "ringkus", "bekuk",
                                 "amankan", "diamankan", "jemput paksa"})


def _noun_event_source(scope: _CueScope) -> _Clause | None:
    """A noun names an act ("serangan", "bantuan", "pertemuan") without saying who does it: its actor is the one
    named right after it ("serangan Rusia", "pemboman terus-menerus oleh Moskow"), or the clause's subject when a
    light verb makes the act the subject's ("Rusia melancarkan serangan", "bertemu ... dalam pertemuan dengan X" for
    a meeting). An agent noun ("pengunjuk rasa", "pengebom") and any other noun are no event: `_Clause(None, None)`
    ends the search with no source."""
    cue, tokens = scope.cue, scope.tokens
    word = tokens[cue.first].lower
    if word.startswith("pe") and not cue.action.pattern[0].startswith("pe") and not _noun_suffixed(word):
        return _Clause(None, None)  # "pengunjuk rasa", "pengebom", "pembela": the doer, not the deed
    if cue.first > 0 and tokens[cue.first - 1].lower in markers().content_heads:
        return _Clause(None, None)  # "usulan gencatan senjata", "kapal bantuan": the content or kind of a thing
    if not _is_event_noun(cue, tokens):
        return None
    m = markers()
    if _received(scope):
        return _Clause(_genitive_actor(scope), None)  # "menuai kecaman dari X": X's act, or none named
    before = tokens[max(0, cue.first - m.light_verb_window):cue.first]
    while before and any(p in scope.sentence[before[0].end:cue.start] for p in ",;:()\"“”"):
        before = before[1:]  # the light verb must be in the cue's own phrase
    if any(t.lower in m.light_verbs for t in before):
        return None  # "Rusia melancarkan serangan", "menerima kunjungan X": the subject's act
    if scope.subjects and scope.sentence[scope.subjects[-1].end:cue.start].strip() == "":
        return None  # "Buruh Argentina mogok kerja": the noun is the predicate
    after = {t.lower for t in tokens[cue.last + 1:cue.last + 3]}
    if cue.action.type in SYMMETRIC and ({"dengan", "antara"} & after or before and before[-1].lower == "dalam"):
        return None  # "pertemuan dengan X", "dalam kunjungan ke X": the subject meets, visits
    genitive = _genitive_actor(scope)
    if genitive is None:
        return _Clause(_previous_agent(scope) or _crowd(scope), None)
    if genitive.kind == "person" and cue.action.pattern[0] in _PATIENT_NOUN_ROOTS and cue.action.type in _AGENCY_TYPES:
        # "membenarkan penangkapan SD", "Penahanan Budi dilakukan ...": the person named is the one arrested, so the
        # act is the clause subject's, else the body that did the article's last legal act
        return None if scope.subjects else _Clause(_previous_agent(scope) or scope.discourse.last_agency, None)
    rest = scope.objects[scope.objects.index(genitive) + 1:]
    coordinated = rest and (_COORDINATION.match(scope.sentence[genitive.end:rest[0].start])
                            or cue.action.type in SYMMETRIC and _PAIR_LINK.match(scope.sentence[genitive.end:rest[0].start]))
    return _Clause(genitive, rest[0] if coordinated and _distinct(genitive, rest[0]) else None)


# Acts of law enforcement and government whose noun may open a sentence without its agent ("Penangkapan dilakukan
# serentak", "Pemeriksaan dilakukan di Gedung KPK"): the agent is the body named in the sentence before.
_AGENCY_TYPES = frozenset({"ACCUSE", "COERCE", "SANCTION"})


_NOT_PASSIVE = frozenset({"di", "dia", "diri", "dirinya", "dini", "dinas", "diduga", "dugaan", "dimana", "diantara"})


def _previous_agent(scope: _CueScope, passive: bool = False) -> ActorMention | None:
    """The agent of an agency noun that has no actor of its own and no subject before it in its clause (or, with
    `passive`, of a passive verb without agent): the body that did the article's last legal or coercive act, else
    the institution the previous sentence named. The caller checks the kind of what a passive gets."""
    cue, tokens = scope.cue, scope.tokens
    previous = scope.discourse.last_actor
    if passive:  # "Fauzi langsung ditangkap" after "aparat Polda Sumut": the institution just named, else the last body
        if cue.action.type in _AGENCY_TYPES and (previous is None or previous.kind != "institution"):
            return scope.discourse.last_agency or previous
        return previous
    if cue.action.type not in _AGENCY_TYPES or scope.subjects or cue.first != _token_index_at(tokens, scope.subject_from):
        return None  # the noun must open its clause: "Penangkapan ... dilakukan", not "menjalani pemeriksaan"
    if not any(t.lower.startswith("di") and t.lower not in _NOT_PASSIVE for t in tokens[cue.last + 1:cue.last + 7]):
        return None  # ... and a passive verb must tell the act: "Penahanan dilakukan Selasa"
    if scope.discourse.last_agency is not None:
        return scope.discourse.last_agency  # the body that did the article's last legal act
    return previous if previous is not None and previous.kind in _AGENT_KINDS else None


def _crowd(scope: _CueScope) -> ActorMention | None:
    """A protest noun with no actor named ("aksi unjuk rasa digelar", "Protes mulai pecah") is the protesters' act:
    the generic role, as EVENTS.md codes unnamed crowds."""
    if scope.cue.action.type != "PROTEST":
        return None
    name = markers().role_actors["demonstran"]
    return ActorMention(scope.cue.start, scope.cue.start, name, None, None, None, name, "institution")


def _received(scope: _CueScope) -> bool:
    """The act is received ("menerima pengembalian kerugian negara", "mendapatkan kritik keras dari Filipina")."""
    first = scope.cue.first
    return any(t.lower in markers().receive_verbs for t in scope.tokens[max(0, first - 2):first])


def _noun_suffixed(word: str) -> bool:
    for clitic in ("nya", "lah", "pun"):
        if word.endswith(clitic) and len(word) > len(clitic) + 3:
            word = word[: -len(clitic)]
            break
    # "-kan" makes verbs ("menyerahkan"), save after a pe- prefix and a root ending in k: "penyelidikan" (selidik),
    # "penembakan" (tembak), "penolakan" (tolak), "penculikan" (culik) are nouns
    return word.endswith("an") and (not word.endswith("kan") or word.startswith("pe") and not word.startswith("per"))


def _is_event_noun(cue: Cue, tokens: list[Token]) -> bool:
    """The cue is a noun: an -an derivation ("serangan", "pertemuan") or a bare noun of the lexicon ("sanksi")."""
    word = tokens[cue.first].lower
    if word.startswith(("me", "di")) and word not in markers().lexical_nouns:
        return False  # "menahan", "melawan": a verb whose root ends in -an ("tahan"), not an -an noun
    if word.startswith(("ber", "ter", "be")) and not _noun_suffixed(word):
        return False
    return _noun_suffixed(word) or word in markers().lexical_nouns


def _genitive_actor(scope: _CueScope) -> ActorMention | None:
    """The actor of a noun's own phrase: right after it, after up to two modifiers ("serangan udara Israel"), or
    after "oleh"/"dari" ("kecaman keras dari Gubernur ...")."""
    stop = markers().genitive_stop
    for actor in scope.objects[:3]:
        gap_tokens = scope.tokens[scope.cue.last + 1:_token_index_at(scope.tokens, actor.start)]
        while gap_tokens and gap_tokens[-1].text[:1].isupper():
            gap_tokens = gap_tokens[:-1]  # a title before the name: "dari Gubernur California Gavin Newsom"
        gap = [t.lower for t in gap_tokens]
        if any(p in scope.sentence[scope.cue.end:actor.start] for p in ",;:()"):
            return None
        if gap and gap[-1] in ("oleh", "dari") and len(gap) <= 4:
            return actor
        if gap and gap[-1] == "antara" and len(gap) <= 4 and scope.cue.action.type in SYMMETRIC:
            return actor  # "negosiasi tarif impor antara AS dengan China"
        if len(gap) == 2 and gap[0] == "yang" and gap[1].startswith("di"):
            return actor  # "Tembakan yang dilepaskan pasukan Israel", "serangan yang dilancarkan Rusia"
        if len(gap) <= 2 and stop.isdisjoint(gap):
            return actor
        return None
    return None


SOURCE_RULES: tuple[Callable[[_CueScope], _Clause | None], ...] = (
    _noun_event_source,
    _shared_verb_subject,
    _subject_before_cue,
    _main_clause_subject,
    _quote_speaker,
    _pair_pronoun,
    _single_pronoun,
    _noun_cue_actors_after,
    _elided_subject,
)


# ------------------------------------------------------------------------------ the target: every step in order


def _first_object(scope: _CueScope, roles: _Roles) -> None:
    """The target is the first actor after the cue that is neither the source nor its partner."""
    source, partner = roles.source, roles.partner
    roles.target = next((a for a in scope.objects if a is not partner and _may_target(a, source)
                         and not _topic(scope.sentence, a)), None)


def _shared_object(scope: _CueScope, roles: _Roles) -> None:
    """"Trump mengecam dan menyerukan agar Newsom ditangkap": two coordinated verbs share the object."""
    if roles.target is not None or scope.cue.action.type in SYMMETRIC:
        return
    for actor in scope.actors:
        if actor.start >= scope.cue.end:
            if _SHARED_OBJECT.match(scope.sentence[scope.cue.end:actor.start]) and _distinct(actor, roles.source):
                roles.target = actor
            return


def _pair_acts_together(scope: _CueScope, roles: _Roles) -> None:
    """"Rusia dan China melakukan latihan bersama": for a symmetric type the pair acts together."""
    if scope.cue.action.type in SYMMETRIC and roles.partner is not None:
        roles.target = roles.partner


def _passive_swaps_roles(scope: _CueScope, roles: _Roles) -> None:
    """"diserang oleh Rusia": a passive "di-" verb's subject is the target, its agent (or the actor right after it)
    the source."""
    if not _is_passive(scope.cue, scope.tokens):
        return
    agent = _agent_after(scope.sentence, scope.cue, scope.actors)
    target = roles.target
    subject = roles.source
    close = target if target is not None and target.start - scope.cue.end < 3 else None
    if close is not None and close.kind == "person" and scope.cue.action.type in _AGENCY_TYPES and subject is None:
        subject, close = close, None  # "diamankan SRT, MRP dan ASL": a legal act's object named after the verb
    roles.source = agent or close
    if roles.source is None and scope.cue.action.type in _AGENCY_TYPES:
        roles.source = police_body_after(scope.sentence, scope.cue.end)  # "diamankan di Polres Wamena"
    if roles.source is None:
        # "Fauzi langsung ditangkap" after "... aparat Polda Sumut ...": the body named in the sentence before.
        crowd = markers().role_actors["demonstran"]  # a crowd arrests no one
        for previous in (_previous_agent(scope, passive=True), scope.discourse.last_agency):
            if (previous is not None and (previous.kind in _AGENT_KINDS or _officer(scope, previous))
                    and previous.name != crowd and (subject is None or _distinct(previous, subject))):
                roles.source = previous  # the body just named, else (when that is the one acted upon) the last body
                break
    if subject is None and target is not None and target is not roles.source and _LISTED.search(
            scope.sentence[scope.cue.end:target.start]):
        subject = target  # "Empat perusahaan yang dicabut IUP-nya antara lain PT A, PT B": the list names them
    roles.target = subject
    roles.partner = None


def _officer(scope: _CueScope, actor: ActorMention) -> bool:
    """A police officer the article names with the body he serves ("Kasat Narkotika Polres Buleleng, AKP Putu Edy"):
    the body did the legal act his sentence reported ("Pria itu ditangkap di ruas jalan", _officer_acts_for_body)."""
    if actor.kind != "person" or scope.cue.action.type not in _LEGAL_TARGET_TYPES:
        return False
    return any(officer_body(scope.discourse.body, n) for n in (actor.name or "", actor.text) if n)


# Between a passive verb and the names of what it acted upon: "... yang dicabut IUP-nya tersebut antara lain, PT A".
_LISTED = re.compile(r"\b(?:antara lain|yakni|yaitu|adalah|ialah|di antaranya)\b[\s,:]*$", re.IGNORECASE)


_AGENT_KINDS = frozenset({"institution", "org", "igo", "country", "capital"})


def _symmetric_partner(scope: _CueScope, roles: _Roles) -> None:
    """A symmetric type without a target takes the source's partner: coordinated with it here, named with it
    elsewhere in the sentence ("hubungan Moskow-Beijing"), or the last pair after a pair pronoun ("kedua negara")."""
    if scope.cue.action.type not in SYMMETRIC:
        return
    source = roles.source
    if roles.target is None and roles.partner is not None:
        roles.target = roles.partner
    if roles.target is None and source is not None:
        roles.target = _coordinated_with(scope.sentence, scope.actors, source)
    if roles.target is None and _pronoun_at(scope.sentence, scope.tokens, scope.cue.end, len(scope.sentence)) == "pair":
        pair = scope.discourse.last_pair
        if pair:
            first, second = pair
            roles.target = second if source is not None and first.same_as(source) else first


def _visit_host(scope: _CueScope, roles: _Roles) -> None:
    """"tiba di Rusia dalam kunjungan": a visit with no named counterpart is to the country visited."""
    if roles.target is None and scope.cue.action.type == "CONSULT":
        roles.target = _visited(scope.sentence, scope.actors, roles.source)


def _pair_object(scope: _CueScope, roles: _Roles) -> None:
    """"Xi mendesak kedua negara untuk ...": a pair named right after a one-sided act is the last pair; the
    target is the one of it that is not the source."""
    if roles.target is not None or scope.cue.action.type in SYMMETRIC or roles.source is None:
        return
    after = scope.sentence[scope.cue.end:scope.cue.end + 30]
    pair = scope.discourse.last_pair
    if pair is None or _pronoun_at(after, tokenize(after), 0, min(len(after), 20)) != "pair":
        return
    others = [a for a in pair if _distinct(a, roles.source)]
    if len(others) == 1:
        roles.target = others[0]


_THREAT_CONTENT = re.compile(r"^\s*(?:[\w\s,()]{0,30}?\b)?(?:bahwa|akan)\b")


def _threatened(scope: _CueScope, roles: _Roles) -> None:
    """"Israel memperingatkan bahwa mereka dapat menyerang situs nuklir Iran": a warning's target is the one its
    content threatens, the first other actor after "bahwa"/"akan" in the sentence."""
    if roles.target is not None or roles.source is None or scope.cue.action.type != "THREATEN":
        return
    content = _THREAT_CONTENT.match(scope.sentence[scope.cue.end:])
    if content is None:
        return
    at = scope.cue.end + content.end()
    roles.target = next((a for a in scope.actors if a.start >= at and _distinct(a, roles.source)), None)


_LEGAL_TARGET_TYPES = frozenset({"ACCUSE", "COERCE"})
# "X diperiksa polisi terkait laporannya terhadap Y": the complainant's report, and the one it reports.
_REPORT_AGAINST = re.compile(r"\s*,?\s*(?:terkait|atas|soal|mengenai|dalam)\s+(?:kasus\s+)?(?:laporan(?:nya)?|aduan(?:nya)?"
                             r"|pengaduan(?:nya)?)\s+(?:\w+\s+){0,2}?(?:terhadap|atas|kepada|tentang)\s+$")


def _complainant_questioned(scope: _CueScope, roles: _Roles) -> None:
    """Questioning a complainant about the report they made ("X diperiksa Polda Metro Jaya terkait laporannya terhadap
    Y") is the investigation of the one reported, as EVENTS.md codes it: the target is Y, never the complainant."""
    if roles.target is None or roles.source is None or scope.cue.action.type != "ACCUSE":
        return
    for actor in scope.actors:
        if actor.start > roles.target.end and _REPORT_AGAINST.search(scope.sentence, roles.target.end, actor.start) \
                and _distinct(actor, roles.source):
            roles.target = actor
            return


def _suspect_target(scope: _CueScope, roles: _Roles) -> None:
    """"Penetapan tersangka dan penahanan dilakukan Selasa", "polisi menyita barang bukti": a legal act by a body
    that names no one is done to the person that body's last legal act was done to."""
    source = roles.source
    if roles.target is not None or source is None or scope.cue.action.type not in _LEGAL_TARGET_TYPES:
        return
    if source.kind not in _AGENT_KINDS or scope.objects:
        return
    last = scope.discourse.last_suspect
    if last is not None and not _distinct(last[0], source) and _distinct(last[1], source):
        roles.target = last[1]  # only the same body's suspect: "Kejati Kepri menetapkan MTR ... Penahanan dilakukan"
    elif last is None and source.sector in ("COP", "JUD") and (sole := scope.discourse.sole_suspect()) is not None:
        roles.target = sole  # "Polisi pun gerak cepat melakukan pengintaian ..." in an article about suspect SD


def _officer_acts_for_body(scope: _CueScope, roles: _Roles) -> None:
    """"Tim kemudian menangkap ...," kata AKP Sigit Barazili: a police officer's legal acts are the body's, as a
    spokesperson's words are (EVENTS.md)."""
    source = roles.source
    if source is None or source.sector == "COP" or scope.cue.action.type not in _LEGAL_TARGET_TYPES:
        return
    if source.kind != "person" and (source.entity_id is not None and load_kb().get(source.entity_id) is not None):
        return  # a body the KB knows is itself
    names = (source.name or "", source.text if source.start != source.end else "")  # in this order: deterministic
    body = next((found for name in names if (found := officer_body(scope.discourse.body, name))), None)
    if body is not None:
        roles.source = dataclasses.replace(source, name=body, entity_id=None, country="IDN", sector="COP",
                                           kind="institution", members=[])


def _no_officer_target(scope: _CueScope, roles: _Roles) -> None:
    """A police body's act is not done to its own officer, who reports it ("5 anak itu ditangkap," kata Kompol
    Hendrik), nor to the place in its name ("Polsek Lubuk Kilangan" -> "Lubuk Kilangan")."""
    source, target = roles.source, roles.target
    if source is None or target is None or source.sector != "COP" or not source.name:
        return
    names = (target.name or "", target.text)
    if (any(n and n in source.name for n in names)
            or any(officer_body(scope.discourse.body, n) == source.name for n in names if n)):
        roles.target = None


def _receiver_target(scope: _CueScope, roles: _Roles) -> None:
    """"Newsom menuai kecaman dari X": the one who receives an act is its target."""
    if scope.subjects and _is_event_noun(scope.cue, scope.tokens) and _received(scope):
        roles.target = scope.subjects[0]


_REACTIONS = frozenset({"SUPPORT", "ACCUSE", "REJECT"})
# "menyambut baik kerja sama ini", "teguran keras atas tindakan tersebut": the cue's object is an act told before.
# "apa yang disebutnya sebagai ...": what the other side said or did.
_REFERENCED_ACT = re.compile(r"\s+(?:(?:[a-z]+\s+){0,3}?(?:ini|tersebut|itu)\b|apa\s+yang\b)")
# "Syarat-syarat ini sebelumnya telah ditolak Israel": the passive's subject is an act told before.
_REFERENCED_SUBJECT = re.compile(r"^\W*[A-Za-z-]+(?:\s+[a-z-]+){0,2}\s+(?:ini|tersebut|itu)\b")


def _reaction_target(scope: _CueScope, roles: _Roles) -> None:
    """A welcome, praise, rebuke or refusal of an act the article told before ("kerja sama ini", "tindakan
    tersebut") and naming no one targets that act's doer: the last other actor who acted."""
    if roles.target is not None or roles.source is None or scope.cue.action.type not in _REACTIONS:
        return
    passive = scope.tokens[scope.cue.first].lower.startswith("di")
    if not (_REFERENCED_ACT.match(scope.sentence, scope.cue.end)
            or passive and _REFERENCED_SUBJECT.match(scope.sentence[:scope.cue.start])):
        return
    roles.target = next((s for s in reversed(scope.discourse.sources) if _distinct(s, roles.source)), None)


_STATE_KINDS = frozenset({"country", "capital"})
_DEMAND_TYPES = frozenset({"REQUEST", "PROTEST"})
_ANSWER_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE"})
# "belum dapat mengakomodir tuntutan elemen guru", "berjanji akan meneruskan aspirasi para guru": a demand answered.
_DEMAND_NOUN = re.compile(r"\b(?:tuntutan|aspirasi|permintaan|desakan|keluhan)(?:\s+(?:dari|para|kaum|elemen))*\s*",
                          re.IGNORECASE)
_DEMAND_AFTER = re.compile(r"(?:\s+[a-z]+){0,3}?\s+(?=(?:tuntutan|aspirasi|permintaan|desakan|keluhan)\b)",
                           re.IGNORECASE)


def _demand_answered(scope: _CueScope, roles: _Roles) -> None:
    """A refusal, promise or concession that answers a demand ("belum dapat mengakomodir tuntutan elemen guru") is
    done to whoever made it: the actor named right after the demand, else the last one who demanded or protested in
    the article. An actor named further on is the demand's content, not its owner."""
    source, cue = roles.source, scope.cue
    if source is None or cue.action.type not in _ANSWER_TYPES:
        return
    sentence = scope.sentence
    noun = _DEMAND_NOUN.search(cue.text)
    at = cue.start + noun.end() if noun else None
    if noun is None and (after := _DEMAND_AFTER.match(sentence, cue.end)) is not None:
        at = _DEMAND_NOUN.match(sentence, after.end()).end()  # type: ignore[union-attr]
    if at is None or roles.target is not None and roles.target.start < at:
        return
    owner = next((a for a in scope.actors if a.start == at and _distinct(a, source)), None)
    roles.target = owner or next((d for d in reversed(scope.discourse.demanders) if _distinct(d, source)), None)


def _war_opponent(scope: _CueScope, roles: _Roles) -> None:
    """A state's attack naming no one it hit ("serangan mengejutkan Ukraina", "invasi Rusia") is on the state the
    article has it at war with: the other side of the last attack coded between it and another state."""
    source = roles.source
    if roles.target is not None or source is None or source.kind not in _STATE_KINDS \
            or scope.cue.action.type != "ASSAULT":
        return
    for first, second in reversed(scope.discourse.wars):
        if first.same_as(source) or second.same_as(source):
            roles.target = second if first.same_as(source) else first
            return


def _no_self_target(scope: _CueScope, roles: _Roles) -> None:
    """An actor is never its own target; but a person or body who presses "pemerintah" (the home state, as a role
    word) is not the government itself ("Anggota Komisi VII DPR RI X mendesak pemerintah untuk ...")."""
    if roles.source is not None and roles.target is not None and not _may_target(roles.target, roles.source):
        roles.target = None


# "perkara dugaan KDRT", "Perwal ... tentang Tambahan Penghasilan Pegawai": what an act is about, not who.
_ABOUT = re.compile(r"\b(?:tentang|dugaan|kasus|perkara|sekaitan|soal|mengenai|tindak\s+pidana)\s+$", re.IGNORECASE)


def _topic(sentence: str, actor: ActorMention) -> bool:
    """A name the tagger took for an organisation that names a crime, a rule or a subject after "dugaan",
    "tentang", "kasus" ...: no one the act is done to (a known body or a state stays an actor)."""
    if actor.kind in ("person", "country", "capital", "igo") or (
            actor.entity_id is not None and load_kb().get(actor.entity_id) is not None):
        return False
    return _ABOUT.search(sentence, max(0, actor.start - 25), actor.start) is not None


def _may_target(actor: ActorMention, source: ActorMention | None) -> bool:
    """Whether `actor` may be the target of `source`'s act: another actor, or the home state named by the role word
    "pemerintah" when the source is a person or body outside government (a legislator, an NGO, a citizen)."""
    if source is None or _distinct(actor, source):
        return True
    return (actor.kind == "country" and actor.text.lower().startswith("pemerintah") and source.kind != "country"
            and source.sector not in ("GOV", "MIL", "COP") and actor.identity() != source.identity())


TARGET_STEPS: tuple[Callable[[_CueScope, _Roles], None], ...] = (
    _first_object,
    _shared_object,
    _pair_acts_together,
    _passive_swaps_roles,
    _symmetric_partner,
    _visit_host,
    _pair_object,
    _threatened,
    _officer_acts_for_body,
    _no_officer_target,
    _suspect_target,
    _receiver_target,
    _reaction_target,
    _apposition_target,
    _crowd_controlled,
    _war_opponent,
    _complainant_questioned,
    _demand_answered,
    _no_self_target,
)


def _coordinated_with(sentence: str, actors: list[ActorMention], source: ActorMention) -> ActorMention | None:
    """'... hubungan Moskow-Beijing, Dewan Keamanan Rusia menyetujui ...': the source's partner named elsewhere."""
    for first, second in zip(actors, actors[1:], strict=False):
        if _COORDINATION.match(sentence[first.end:second.start]) and _distinct(first, second):
            if first.same_as(source):
                return second
            if second.same_as(source):
                return first
    return None


_AGENT_GAP = re.compile(r"^[^,;:()\"“”]*\boleh((?:\s+[\w-]+){0,3})\s*$", re.IGNORECASE)


def _agent_after(sentence: str, cue: Cue, actors: list[ActorMention]) -> ActorMention | None:
    """The "oleh" agent of a passive: "ditangkap oleh polisi", "ditetapkan sebagai tersangka sejak 28 Mei oleh tim
    penyidik Kejari Bangkalan" (up to three words between "oleh" and the name)."""
    for actor in actors:
        if actor.start >= cue.end and _AGENT_GAP.match(sentence[cue.end:actor.start]):
            return actor
    return None


def _visited(sentence: str, actors: list[ActorMention], source: ActorMention | None) -> ActorMention | None:
    """'tiba di Rusia dalam kunjungan': the host of a visit is the place visited."""
    places = list(_PLACE.finditer(sentence))
    if not places:
        return None
    candidates = actors + _place_actors(places)  # built once, not once per place
    for match in places:
        for actor in candidates:
            if actor.start == match.start("place") and actor.country and (source is None or _distinct(actor, source)):
                return actor
    return None


def _place_actors(places: list[re.Match[str]]) -> list[ActorMention]:
    """States named as places ("di Rusia"; `places`: the sentence's _PLACE matches), which the actor list leaves
    out."""
    out = []
    gaz = gazetteer()
    for match in places:
        entry = gaz.get(match.group("place"))
        if entry is not None and entry.country:
            out.append(ActorMention(match.start("place"), match.end("place"), match.group("place"), entry.country,
                                    entry.sector, None, entry.name, entry.kind))
    return out
