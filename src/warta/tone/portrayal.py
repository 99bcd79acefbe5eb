"""Entity portrayal: the tone an article casts on each actor, from what is said about it rather than near it.

Every sentence that mentions an entity (and the headline, when it names it) contributes its sentiment sums, but
weighed by the entity's role there (TONE.md: 0 for victims, speakers and neutral participants):

* its own words do not portray it: the text of the quotes it speaks (direct, partial or reported) is taken out of
  its sentences before counting;
* a speaker, praiser or critic is not portrayed by the mood of what it says: where every mention of the entity in a
  sentence stands as a speaker ("kata X", "menurut X", "X menjelaskan", "X mengapresiasi", "oleh X"), the sentence
  counts SPEAKER_WEIGHT;
* a victim is not portrayed by the harm done to it: where the entity is the target, and not the source, of a
  violent event (PORTRAYING_EVENTS: ASSAULT) coded from that sentence, the sentence's negative sum counts
  VICTIM_WEIGHT;
* an aggressor is: where it is the source (and not the target) of such an event reported as done (not negated, not
  intended), the sentence adds AGGRESSOR_WEIGHT negative. Other material conflict (MOBILIZE, SANCTION, COERCE,
  PROTEST) says nothing of the kind: deploying troops, revoking a permit or arresting a suspect is what governments
  and police do, and being sanctioned or arrested is not being a victim.

Polarity is then (P - N) / (P + N + ENTITY_PRIOR) over the weighed sums (`warta.tone.scoring.pooled_tone`).
The speaker cues live in data/roles.tsv.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from warta.record import Article, Entity, Tone
from warta.tone.lexicon import tokenize
from warta.tone.model import load_portrayal_model
from warta.tone.scoring import FULL_WEIGHT, ToneCounts, count_spans, count_tokens, pooled_tone

SPEAKER_WEIGHT = 0.0
VICTIM_WEIGHT = 0.2
AGGRESSOR_WEIGHT = 0.6
BEFORE_WORDS = 5
AGENT_CUE = "oleh"  # names a speaker only after a passive of speech or appraisal (SpeakerCues.passive)
PASSIVE_WORDS = 4
AFTER_WORDS = 14
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;:\n]\s")
_PLACE_BEFORE = re.compile(r"(?:^|\s)(\w+)\s+(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*,\s*$")
_CLAUSE = re.compile(r'[^,;:()"“”]+')
_RELATIVE = re.compile(r"\byang\b")  # where a relative clause starts, inside a clause
OTHER_CLAUSE_WEIGHT = 0.5
# PLOVER event types whose source is an aggressor and whose target is a victim (TONE.md: "the source of an ASSAULT").
PORTRAYING_EVENTS = frozenset({"ASSAULT"})
# Polarity (P - N) / (P + N + ENTITY_PRIOR): an entity's evidence is its own clauses, sparser than a text's, so a
# smaller smoothing constant than a text's 1 lets a clearly criticised or credited actor reach the scale's ends.
ENTITY_PRIOR = 0.5


@dataclass(frozen=True)
class SpeakerCues:
    before: frozenset[str]  # words just before a speaker's name: kata, ujar, menurut, oleh
    after: frozenset[str]  # verbs just after it: mengatakan, menjelaskan, mengapresiasi, memuji, mengkritik
    harm: frozenset[str] = frozenset()  # words that make a clause's subject a victim: korban, luka, diserang
    setting: frozenset[str] = frozenset()  # prepositions that make a place name the setting: di, ke
    passive: frozenset[str] = frozenset()  # passives of speech or appraisal: "oleh" after them names a speaker
    # acts: word -> (weight for the actor named before it, weight for the one named after it), InSet's scale:
    # "X mengalahkan Y" credits X and marks Y beaten, "X dikalahkan Y" the reverse, "X dipuji" credits X
    acts: dict[str, tuple[float, float]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_speaker_cues() -> SpeakerCues:
    """data/roles.tsv: kind<TAB>word, kind 'before', 'after', 'harm', 'setting' or 'passive'; or
    act<TAB>word<TAB>weight before<TAB>weight after."""
    text = resources.files("warta.tone").joinpath("data/roles.tsv").read_text(encoding="utf-8")
    cues: dict[str, set[str]] = {"before": set(), "after": set(), "harm": set(), "setting": set(), "passive": set()}
    acts: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word, *weights = line.split("\t")
            if kind == "act":
                acts[word.strip().lower()] = (float(weights[0]), float(weights[1]))
            else:
                cues[kind].add(word.strip().lower())
    frozen = {kind: frozenset(words) for kind, words in cues.items()}
    return SpeakerCues(frozen["before"], frozen["after"], frozen["harm"], frozen["setting"], frozen["passive"], acts)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    counts: ToneCounts
    harmed: bool  # holds a harm word: an actor named in it is the one harmed, not the one at fault
    # role words in it: (offset, weight before, weight after), in order
    acts: tuple[tuple[int, float, float], ...] = ()
    # with role words: the sums of the words between them (len(acts) + 1 pieces, role words left out): the praise
    # before "mengalahkan" is the winner's, the words after it the beaten side's
    sides: tuple[ToneCounts, ...] = ()
    relative: bool = False  # a relative clause ("yang ..."): it describes the noun just before it


def speaks_at(text: str, start: int, end: int, cues: SpeakerCues) -> bool:
    """Whether the name at text[start:end] stands as a speaker or evaluator: a cue word among the BEFORE_WORDS words
    before it in the same sentence ("oleh Gubernur Jawa Barat, Dedi Mulyadi"), or a speech or appraisal verb among
    the AFTER_WORDS words after it in the same clause ("Tony, yang juga Wakil Ketua Kadin, menyoroti") or just
    after an apposition set off by commas ("Yusak Billy, Sales Director PT Honda Prospect Motor menyatakan")."""
    head = _SENTENCE_END.split(text[max(0, start - 60) : start])[-1]
    before = _WORD.findall(head)
    if before and before[-1].lower() in cues.setting:  # "di Austria": the place where it happened, not an actor
        return True
    located = _PLACE_BEFORE.search(head)  # "di Graz, Austria": the wider place of a setting
    if located and located.group(1).lower() in cues.setting:
        return True
    for position in range(max(0, len(before) - BEFORE_WORDS), len(before)):
        word = before[position].lower()
        if word in cues.before and (word != AGENT_CUE or _said_by(before, position, cues)):
            return True
    tail = _SENTENCE_END.split(text[end : end + 160])[0].lstrip()
    if tail.startswith(","):  # an apposition: the verb follows it, within its clause or right after its comma
        apposition, _, rest = tail[1:].partition(",")
        words = _WORD.findall(apposition)[:AFTER_WORDS] + _WORD.findall(rest)[:2]
    else:
        words = _WORD.findall(tail.split(",", 1)[0])[:AFTER_WORDS]
    return any(word.lower() in cues.after for word in words)


def _said_by(words: list[str], position: int, cues: SpeakerCues) -> bool:
    """Whether "oleh" at words[position] follows, within PASSIVE_WORDS words, a passive of speech or appraisal
    ("dipuji putih kinclong oleh X": X praises) rather than of a deed ("didengar oleh X": X is the one who hears)."""
    return any(word.lower() in cues.passive for word in words[max(0, position - PASSIVE_WORDS) : position])


Roles = dict[int, dict[str, list[int | None]]]  # sentence index -> entity id -> where each event's cue word is


def _conflict_roles(article: Article, starts: list[int]) -> tuple[Roles, Roles]:
    """Per sentence index: the entity ids that are the source / the target of a violent event there, with the
    position of the event's cue word in the body (None where it is not found in the event's sentence)."""
    sources: Roles = {}
    targets: Roles = {}
    body = article.body or ""
    for event in article.events:
        if event.type not in PORTRAYING_EVENTS:
            continue
        index = bisect_right(starts, event.start) - 1
        found = body.find(event.cue, event.start, event.end) if event.cue else -1
        cue = found if found >= 0 else None
        if event.source.entity_id and not event.negated and not event.intent:
            sources.setdefault(index, {}).setdefault(event.source.entity_id, []).append(cue)
        if event.target.entity_id:
            targets.setdefault(index, {}).setdefault(event.target.entity_id, []).append(cue)
    return sources, targets


def _cued(cues: list[int | None], clauses: list[Clause], mentions: list[tuple[int, int]]) -> bool:
    """Whether one of the event cues is in a clause that holds the entity (a cue not found counts): "Budi belum
    menjelaskan kecelakaan yang menewaskan dua pelajar" does not make Budi the one who killed."""
    for cue in cues:
        if cue is None:
            return True
        clause = next((c for c in clauses if c.start <= cue < c.end), None)
        if clause is None or _holding(clause, mentions):
            return True
    return False


def _without_own_quotes(
    body: str, own: list[tuple[int, int]], spans: list[tuple[int, int]], starts: list[int]
) -> dict[int, ToneCounts]:
    """The counts of the sentences holding the entity's own quotes (`own`: their spans), recounted with the quoted
    words blanked."""
    recounted: dict[int, ToneCounts] = {}
    for index in {bisect_right(starts, start) - 1 for start, _ in own}:
        if index < 0:
            continue
        start, end = spans[index]
        chars = list(body[start:end])
        for q_start, q_end in own:
            for position in range(max(q_start, start), min(q_end, end)):
                chars[position - start] = " "
        recounted[index] = count_tokens(tokenize("".join(chars)))
    return recounted


def _clauses(
    text: str, span: tuple[int, int], cache: dict[tuple[int, int, int], list[Clause]], whole: ToneCounts | None
) -> list[Clause]:
    """The clauses of text[span] (a sentence of the body, or the title), split where warta.tone.lexicon's clause
    breaks fall, so that their sums add up to the sentence's; offsets into `text`. `whole`: the span's counts, reused
    when it is one clause."""
    key = (id(text), *span)
    found = cache.get(key)
    if found is None:
        cues = load_speaker_cues()
        pieces = []
        for match in _CLAUSE.finditer(text, span[0], span[1]):
            cuts = [match.start(), *(m.start() for m in _RELATIVE.finditer(text, match.start() + 1, match.end())),
                    match.end()]
            pieces += list(itertools.pairwise(cuts))
        tokens = [tokenize(text[start:end]) for start, end in pieces]
        counted = [whole] if whole is not None and len(pieces) == 1 else count_spans(tokens)
        found = cache[key] = [
            dataclasses.replace(clause, relative=True) if _RELATIVE.match(text, clause.start) else clause
            for clause in (
                Clause(start, end, counts, not cues.harm.isdisjoint(words))
                if cues.acts.keys().isdisjoint(words)
                else _with_acts(text, start, end, counts, not cues.harm.isdisjoint(words), cues)
                for (start, end), words, counts in zip(pieces, tokens, counted, strict=True)
            )
        ]
    return found


def _with_acts(text: str, start: int, end: int, counts: ToneCounts, harmed: bool, cues: SpeakerCues) -> Clause:
    """A clause holding role words: their offsets and weights, and the sums of the pieces between them."""
    acts, cuts = [], [start]
    for match in _WORD.finditer(text, start, end):
        role = cues.acts.get(match.group().lower())
        if role:
            acts.append((match.start(), role[0], role[1]))
            cuts += [match.start(), match.end()]
    cuts.append(end)
    sides = count_spans([tokenize(text[cuts[i] : cuts[i + 1]]) for i in range(0, len(cuts), 2)])
    return Clause(start, end, counts, harmed, tuple(acts), tuple(sides))


def _near(clauses: list[Clause], mentions: list[tuple[int, int]]) -> ToneCounts:
    """A sentence's sums for an entity mentioned at `mentions` (start, end): clauses holding a mention count fully, and
    so does a relative clause right after a mention ("Spanyol yang difavoritkan"); the others OTHER_CLAUSE_WEIGHT
    (praise or blame in another clause, or in a relative clause on another noun, is mostly about another actor,
    "memberikan penjelasan kecelakaan yang menewaskan dua pelajar"). In its own clause a role
    word ("mengalahkan", "dipuji") gives the entity the weight of its side of the act in place of the word's lexicon
    weight, and only the words on its side of the role word count ("Portugal sukses juara usai kalahkan Spanyol":
    the success is Portugal's); without one, a harm word there makes it the one harmed (negative sum VICTIM_WEIGHT)."""
    near = ToneCounts()
    for clause in clauses:
        counts = clause.counts
        here = _holding(clause, mentions)
        weight = 1.0 if here else OTHER_CLAUSE_WEIGHT
        positive, negative = counts.positive * weight, counts.negative * weight
        if here and clause.acts:
            side = clause.sides[sum(offset < here[0] for offset, _, _ in clause.acts)]
            positive, negative = side.positive, side.negative
            for offset, before, after in clause.acts:
                role = before if here[0] < offset else after
                positive += max(role, 0.0) / FULL_WEIGHT
                negative += max(-role, 0.0) / FULL_WEIGHT
        elif here and clause.harmed:
            negative *= VICTIM_WEIGHT
        near.positive += max(positive, 0.0)
        near.negative += max(negative, 0.0)
        near.words += counts.words
        near.positive_words += counts.positive_words
        near.negative_words += counts.negative_words
    return near


def _holding(clause: Clause, mentions: list[tuple[int, int]]) -> list[int]:
    """Where the clause names the entity: its mentions in it, or, for a relative clause right after a mention, the
    clause's start (the noun it describes stands before it, and before any role word in it)."""
    here = [start for start, _ in mentions if clause.start <= start < clause.end]
    if not here and clause.relative and any(clause.start - 2 <= end <= clause.start for _, end in mentions):
        here = [clause.start]
    return here


@dataclass(frozen=True)
class Evidence:
    """What one sentence (or the headline) says about one entity: the sums the rules pool, and what they came from
    (the features of the learned model, `warta.tone.model`)."""

    index: int  # sentence index; -1 for the headline
    weighed: ToneCounts  # the sums after the role weights (what the rules pool)
    near: ToneCounts  # the sums of its clauses around the entity, before the speaker / victim / aggressor weights
    sentence: ToneCounts  # the sentence's own sums
    speaking: bool
    victim: bool
    aggressor: bool


def _weighed(counts: ToneCounts, positive_weight: float, negative_weight: float, extra_negative: float) -> ToneCounts:
    weighed = ToneCounts(words=counts.words)
    weighed.positive = counts.positive * positive_weight
    weighed.negative = counts.negative * negative_weight + extra_negative
    weighed.positive_words = counts.positive_words
    weighed.negative_words = counts.negative_words
    return weighed


@dataclass
class _Context:
    """What every entity of one article is read against."""

    article: Article
    spans: list[tuple[int, int]]
    sentence_counts: list[ToneCounts]
    title_counts: ToneCounts | None
    title_forms: dict[str, int]
    quiet: set[int]  # sentences with no sentiment term and no role word: nothing to weigh there
    starts: list[int] = field(default_factory=list)
    quoted: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # speaker id -> its quotes' spans
    sources: Roles = field(default_factory=dict)
    targets: Roles = field(default_factory=dict)
    clauses: dict[tuple[int, int, int], list[Clause]] = field(default_factory=dict)


def entity_portrayal(context: _Context) -> dict[str, Tone]:
    """entity id -> Tone of its portrayal (`context` from portrayal_context). The rules' weighed sums are pooled, or,
    where a learned model is shipped (`warta.tone.model`), it reads them."""
    article = context.article
    model = load_portrayal_model()
    result = {}
    for entity in article.entities:
        evidence = entity_evidence(context, entity)
        if evidence:
            if model is None:
                result[entity.id] = pooled_tone([item.weighed for item in evidence], ENTITY_PRIOR)
            else:
                result[entity.id] = model.tone(evidence)
    return result


def portrayal_context(
    article: Article,
    spans: list[tuple[int, int]],
    sentence_tokens: list[list[str]],
    sentence_counts: list[ToneCounts],
    title_counts: ToneCounts | None,
    title_forms: dict[str, int],
) -> _Context:
    """What every entity of the article is read against. `sentence_tokens` and `sentence_counts`: each sentence's
    tokens and sums; `title_forms`: entity id -> position in the title of a form naming it (others are absent)."""
    acts = load_speaker_cues().acts.keys()
    quiet = {
        index
        for index, (tokens, counts) in enumerate(zip(sentence_tokens, sentence_counts, strict=True))
        if not counts.positive and not counts.negative and acts.isdisjoint(tokens)
    }
    context = _Context(article, spans, sentence_counts, title_counts, title_forms, quiet)
    context.starts = [start for start, _ in spans]
    context.sources, context.targets = _conflict_roles(article, context.starts)
    for quote in article.quotes:
        if quote.speaker_id:
            context.quoted.setdefault(quote.speaker_id, []).append((quote.start, quote.end))
    return context


def entity_evidence(context: _Context, entity: Entity) -> list[Evidence]:
    """The entity's sentence (and headline) sums, weighed by its role in each."""
    cues = load_speaker_cues()
    article, spans = context.article, context.spans
    body, title = article.body or "", article.title or ""
    starts = context.starts
    speaking: dict[int, bool] = {}  # sentence index -> every mention there stands as a speaker
    positions: dict[int, list[tuple[int, int]]] = {}
    for mention in entity.mentions:
        index = bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.start < spans[index][1]:
            here = index not in context.quiet and speaks_at(body, mention.start, mention.end, cues)
            speaking[index] = speaking.get(index, True) and here
            positions.setdefault(index, []).append((mention.start, mention.end))
    parts = []
    if context.title_counts is not None and entity.id in context.title_forms:
        at = context.title_forms[entity.id]
        name = max((m.text for m in entity.mentions if title.startswith(m.text, at)), key=len, default="")  # the fullest
        said = speaks_at(title, at, at + len(name), cues)
        weight = SPEAKER_WEIGHT if said else 1.0
        near = _near(_clauses(title, (0, len(title)), context.clauses, context.title_counts), [(at, at + len(name))])
        parts.append(Evidence(-1, _weighed(near, weight, weight, 0.0), near, context.title_counts, said, False, False))
    own = _without_own_quotes(body, context.quoted.get(entity.id, []), spans, starts) if speaking else {}
    for index in sorted(speaking):
        sentence = context.sentence_counts[index]
        source_cues = context.sources.get(index, {}).get(entity.id, [])
        target_cues = context.targets.get(index, {}).get(entity.id, [])
        clauses = _clauses(body, spans[index], context.clauses, sentence) if source_cues or target_cues else []
        acting = bool(source_cues) and _cued(source_cues, clauses, positions[index])
        harmed = bool(target_cues) and _cued(target_cues, clauses, positions[index])
        aggressor = AGGRESSOR_WEIGHT if acting and not harmed else 0.0
        if index in context.quiet and index not in own:
            parts.append(Evidence(index, _weighed(sentence, 1.0, 1.0, aggressor), sentence, sentence, False, False,
                                  bool(aggressor)))
            continue
        weight = SPEAKER_WEIGHT if speaking[index] else 1.0
        victim = VICTIM_WEIGHT if harmed and not acting else 1.0
        near = own.get(index) or _near(
            clauses or _clauses(body, spans[index], context.clauses, sentence), positions[index]
        )
        parts.append(Evidence(index, _weighed(near, weight, weight * victim, aggressor), near, sentence,
                              speaking[index], victim < 1.0, bool(aggressor)))
    return parts
