"""Score event coding against a hand-labelled set of sentences (tests/events/data/event_sentences.jsonl).

Each item: {"id", "text", "base" (publication date, default DEFAULT_BASE), "entities": [[name, type, country,
[aliases]]], "events": [{"type", "source", "target", "negated", "intent", "date", "place"}]}. Actors are ISO
alpha-3 codes or null. A predicted event matches a gold one when type, actors (as a set for CONSULT, AGREE,
COOPERATE), negated and intent agree, and date/place too where the gold names them. Used by scripts/eval_events.py
and tests/events/test_eval_set.py.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.events.extract import SYMMETRIC, extract_events
from warta.pipeline import run_until
from warta.record import Article, Entity, Event, Mention, Source

DEFAULT_BASE = "2023-06-15"


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_type: dict[str, TypeScore] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    sentences: int = 0

    @property
    def total(self) -> TypeScore:
        total = TypeScore()
        for score in self.by_type.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    def markdown(self) -> str:
        lines = ["| type | gold | predicted | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
        for name in sorted(self.by_type):
            s = self.by_type[name]
            lines.append(f"| {name} | {s.tp + s.fn} | {s.tp + s.fp} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |")
        t = self.total
        lines.append(f"| **all** | {t.tp + t.fn} | {t.tp + t.fp} | {t.precision:.2f} | {t.recall:.2f} | {t.f1:.2f} |")
        return "\n".join(lines)


def load_items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_article(item: dict[str, Any]) -> Article:
    """An Article as cleaning, metadata and nlp would hand it over: body, published, sentences, linked entities."""
    text = item["text"]
    article = Article(
        id=item["id"],
        source=Source(path=f"eval:{item['id']}", format="txt", sha256=hashlib.sha256(text.encode()).hexdigest()),
        body=text,
        published=f"{item.get('base', DEFAULT_BASE)}T10:00:00+07:00",
    )
    entities = []
    for number, spec in enumerate(item.get("entities", [])):
        name, etype, country = spec[0], spec[1], spec[2]
        surfaces = [name, *(spec[3] if len(spec) > 3 else [])]
        mentions = [
            Mention(start=m.start(), end=m.end(), text=m.group(0))
            for surface in surfaces
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)
        ]
        entities.append(Entity(id=f"eval:{number}", name=name, type=etype, country=country, mentions=mentions))
    article.entities = entities
    return run_until(article, "sentences", given=("body",))


def _matches(gold: dict[str, Any], event: Event) -> bool:
    if gold["type"] != event.type:
        return False
    actors = [gold.get("source"), gold.get("target")]
    predicted = [event.source.country, event.target.country]
    if gold["type"] in SYMMETRIC:
        if sorted(actors, key=str) != sorted(predicted, key=str):
            return False
    elif actors != predicted:
        return False
    if bool(gold.get("negated")) != event.negated or bool(gold.get("intent")) != event.intent:
        return False
    if gold.get("date") and event.date != gold["date"]:
        return False
    return not (gold.get("place") and event.place != gold["place"])


def _describe(event: Event) -> str:
    flags = "".join(f" {name}" for name in ("negated", "intent") if getattr(event, name))
    return f"{event.type} {event.source.country}>{event.target.country} {event.date}{flags}"


def evaluate(items: list[dict[str, Any]]) -> Report:
    report = Report()
    for item in items:
        article = build_article(item)
        extract_events(article)
        predicted = list(article.events)
        report.sentences += 1
        for gold in item["events"]:
            score = report.by_type.setdefault(gold["type"], TypeScore())
            hit = next((e for e in predicted if _matches(gold, e)), None)
            if hit is None:
                score.fn += 1
                report.misses.append(f"{item['id']}: missed {gold} in {[_describe(e) for e in article.events]}")
            else:
                score.tp += 1
                predicted.remove(hit)
        for extra in predicted:
            report.by_type.setdefault(extra.type, TypeScore()).fp += 1
            report.misses.append(f"{item['id']}: extra {_describe(extra)}")
    return report


def type_counts(items: list[dict[str, Any]]) -> Counter[str]:
    return Counter(event["type"] for item in items for event in item["events"])
