"""Entity portrayal: the tone an article casts on each actor, from what is said about it rather than near it.

Every sentence that mentions an entity (and the headline, when it names it) contributes its sentiment sums, but
weighed by the entity's role there (TONE.md: 0 for victims, speakers and neutral participants):

* its own words do not portray it: the text of the quotes it speaks (direct, partial or reported) is taken out of
  its sentences before counting;
* a speaker, praiser or critic is not portrayed by the mood of what it says: where every mention of the entity in a
  sentence stands as a speaker ("kata X", "menurut X", "X menjelaskan", "X mengapresiasi", "oleh X"), the sentence
  counts SPEAKER_WEIGHT;
* a victim is not portrayed by the harm done to it: where the entity is the target, and not the source, of a
  material conflict event (ASSAULT, COERCE, ...) coded from that sentence, the sentence's negative sum counts
  VICTIM_WEIGHT;
* an aggressor is: where it is the source (and not the target) of a material conflict event reported as done (not
  negated, not intended), the sentence adds AGGRESSOR_WEIGHT negative.

Polarity is then (P - N) / (P + N + 1) over the weighed sums, as for any span (`warta.tone.scoring`).
The speaker cues live in data/roles.tsv.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from warta.record import Article, Entity, Tone
from warta.tone.lexicon import tokenize
from warta.tone.scoring import ToneCounts, count_tokens, pooled_tone

SPEAKER_WEIGHT = 0.15
VICTIM_WEIGHT = 0.2
AGGRESSOR_WEIGHT = 0.6
FRAME_WEIGHT = 0.5
BEFORE_WORDS = 5
AFTER_WORDS = 10
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;:\n]\s")


@dataclass(frozen=True)
class SpeakerCues:
    before: frozenset[str]  # words just before a speaker's name: kata, ujar, menurut, oleh
    after: frozenset[str]  # verbs just after it: mengatakan, menjelaskan, mengapresiasi, memuji, mengkritik


@lru_cache(maxsize=1)
def load_speaker_cues() -> SpeakerCues:
    """data/roles.tsv: kind<TAB>word, kind 'before' or 'after'."""
    text = resources.files("warta.tone").joinpath("data/roles.tsv").read_text(encoding="utf-8")
    cues: dict[str, set[str]] = {"before": set(), "after": set()}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")[:2]
            cues[kind].add(word.strip().lower())
    return SpeakerCues(frozenset(cues["before"]), frozenset(cues["after"]))


def speaks_at(text: str, start: int, end: int, cues: SpeakerCues) -> bool:
    """Whether the name at text[start:end] stands as a speaker or evaluator: a cue word among the BEFORE_WORDS words
    before it in the same sentence ("oleh Gubernur Jawa Barat, Dedi Mulyadi"), or a speech or appraisal verb among
    the AFTER_WORDS words after it in the same sentence ("Tony, yang juga Wakil Ketua Kadin, menyoroti")."""
    head = _SENTENCE_END.split(text[max(0, start - 60) : start])[-1]
    if any(word.lower() in cues.before for word in _WORD.findall(head)[-BEFORE_WORDS:]):
        return True
    tail = _SENTENCE_END.split(text[end : end + 120])[0]
    return any(word.lower() in cues.after for word in _WORD.findall(tail)[:AFTER_WORDS])


def _conflict_roles(article: Article, starts: list[int]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Per sentence index: the entity ids that are the source / the target of a material conflict event there."""
    sources: dict[int, set[str]] = {}
    targets: dict[int, set[str]] = {}
    for event in article.events:
        if event.quad != "material_conflict":
            continue
        index = bisect_right(starts, event.start) - 1
        if event.source.entity_id and not event.negated and not event.intent:
            sources.setdefault(index, set()).add(event.source.entity_id)
        if event.target.entity_id:
            targets.setdefault(index, set()).add(event.target.entity_id)
    return sources, targets


def _without_own_quotes(article: Article, entity: Entity, spans: list[tuple[int, int]]) -> dict[int, ToneCounts]:
    """The counts of the sentences holding the entity's own quotes, recounted with the quoted words blanked."""
    own = [(quote.start, quote.end) for quote in article.quotes if quote.speaker_id == entity.id]
    if not own:
        return {}
    body = article.body or ""
    starts = [start for start, _ in spans]
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


def _weighed(counts: ToneCounts, positive_weight: float, negative_weight: float, extra_negative: float) -> ToneCounts:
    weighed = ToneCounts(words=counts.words)
    weighed.positive = counts.positive * positive_weight
    weighed.negative = counts.negative * negative_weight + extra_negative
    weighed.positive_words = counts.positive_words
    weighed.negative_words = counts.negative_words
    return weighed


def entity_portrayal(
    article: Article,
    spans: list[tuple[int, int]],
    sentence_counts: list[ToneCounts],
    title_counts: ToneCounts | None,
    title_forms: dict[str, int],
) -> dict[str, Tone]:
    """entity id -> Tone of its portrayal. `title_forms`: entity id -> position in the title of a form naming it
    (entities the title does not name are absent)."""
    starts = [start for start, _ in spans]
    sources, targets = _conflict_roles(article, starts)
    frame = article.tone.polarity if article.tone is not None else 0.0
    most = max((len(entity.mentions) for entity in article.entities), default=1) or 1
    result = {}
    for entity in article.entities:
        parts, roles = _entity_parts(article, entity, spans, sentence_counts, title_counts, title_forms,
                                     (sources, targets))
        if not parts:
            continue
        # A main actor who is neither speaking nor suffering shares the story's frame (the coverage is about it).
        share = FRAME_WEIGHT * (len(entity.mentions) / most) * roles
        if share and frame:
            frame_part = ToneCounts()
            if frame > 0:
                frame_part.positive = share * frame
            else:
                frame_part.negative = -share * frame
            parts.append(frame_part)
        result[entity.id] = pooled_tone(parts)
    return result


def _entity_parts(
    article: Article,
    entity: Entity,
    spans: list[tuple[int, int]],
    sentence_counts: list[ToneCounts],
    title_counts: ToneCounts | None,
    title_forms: dict[str, int],
    conflict: tuple[dict[int, set[str]], dict[int, set[str]]],
) -> tuple[list[ToneCounts], float]:
    """The entity's weighed sentence sums, and the share of its sentences where it acts (not speaking, not a victim)."""
    cues = load_speaker_cues()
    body, title = article.body or "", article.title or ""
    starts = [start for start, _ in spans]
    sources, targets = conflict
    speaking: dict[int, bool] = {}  # sentence index -> every mention there stands as a speaker
    for mention in entity.mentions:
        index = bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.start < spans[index][1]:
            here = speaks_at(body, mention.start, mention.end, cues)
            speaking[index] = speaking.get(index, True) and here
    parts = []
    acting = 0
    if title_counts is not None and entity.id in title_forms:
        at = title_forms[entity.id]
        name = next((m.text for m in entity.mentions if title.startswith(m.text, at)), "")
        speaks = speaks_at(title, at, at + len(name), cues)
        weight = SPEAKER_WEIGHT if speaks else 1.0
        acting += not speaks
        parts.append(_weighed(title_counts, weight, weight, 0.0))
    own = _without_own_quotes(article, entity, spans) if speaking else {}
    for index in sorted(speaking):
        weight = SPEAKER_WEIGHT if speaking[index] else 1.0
        aggressor = entity.id in sources.get(index, ()) and entity.id not in targets.get(index, ())
        victim = entity.id in targets.get(index, ()) and entity.id not in sources.get(index, ())
        acting += not speaking[index] and not victim
        parts.append(_weighed(own.get(index, sentence_counts[index]), weight,
                              weight * (VICTIM_WEIGHT if victim else 1.0), AGGRESSOR_WEIGHT if aggressor else 0.0))
    return parts, acting / len(parts) if parts else 0.0
