"""Score the quote extractor on a file of quote situations (tests/quotes/situations.toml).

A situation is a small article body, the entities the nlp stage would give it, and every quote a reader finds in it.
A predicted quote matches an expected one when its text starts with the expected words and its kind is the same;
its speaker is right when it names the expected entity (or the expected plain name, or nobody when none is expected).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.pipeline import run_until
from warta.record import Article, Entity, Mention, Quote, Source

from .marks import ALL_MARKS


@dataclass
class Situation:
    name: str
    tags: list[str]
    article: Article
    expected: list[dict[str, Any]]


@dataclass
class Score:
    situations: int = 0
    passed: int = 0
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    speakers_expected: int = 0
    speakers_predicted: int = 0
    speakers_right: int = 0
    failures: list[str] = field(default_factory=list)
    # kind -> [expected, predicted, matched]
    kinds: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0] for k in ("direct", "partial", "indirect")}
    )

    @staticmethod
    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def quote_precision(self) -> float:
        return self.ratio(self.matched, self.predicted)

    @property
    def quote_recall(self) -> float:
        return self.ratio(self.matched, self.expected)

    @property
    def speaker_precision(self) -> float:
        return self.ratio(self.speakers_right, self.speakers_predicted)

    @property
    def speaker_recall(self) -> float:
        return self.ratio(self.speakers_right, self.speakers_expected)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip(ALL_MARKS + " ")
    return re.sub(r"\s+", " ", text).casefold()


def _locate(body: str, entities: list[dict[str, Any]]) -> list[Entity]:
    """Entities with their mentions found in `body`: longest names first, never overlapping, whole words only."""
    taken: list[tuple[int, int]] = []
    found: dict[str, list[Mention]] = {spec["id"]: [] for spec in entities}
    names = sorted(((name, spec["id"]) for spec in entities for name in spec["mentions"]), key=lambda x: -len(x[0]))
    for name, entity_id in names:
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                taken.append((match.start(), match.end()))
                found[entity_id].append(Mention(start=match.start(), end=match.end(), text=name))
    return [
        Entity(
            id=spec["id"],
            name=spec["name"],
            type=spec["type"],
            country=spec.get("country"),
            kb=True,
            mentions=sorted(found[spec["id"]], key=lambda m: m.start),
        )
        for spec in entities
    ]


def load_situations(path: Path) -> list[Situation]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entity_tables = {}
    if "entities_file" in data:  # entity tables shared by several situation files
        shared = tomllib.loads((path.parent / data["entities_file"]).read_text(encoding="utf-8"))
        entity_tables.update(shared.get("entity", {}))
    entity_tables.update(data.get("entity", {}))
    registry = {key: {"id": f"T:{key}", **spec} for key, spec in entity_tables.items()}
    situations = []
    for number, case in enumerate(data["case"], 1):
        body = case["body"]
        article = Article(
            id=f"situation-{number:03d}",
            source=Source(path=str(path), format="txt", sha256="0" * 64),
            body=body,
            entities=_locate(body, [registry[key] for key in case.get("entities", [])]),
        )
        situations.append(Situation(case["name"], case.get("tags", []), article, case.get("quotes", [])))
    return situations


def _speaker_right(quote: Quote, expected: str) -> bool:
    if not expected:
        return quote.speaker is None
    if quote.speaker_id == f"T:{expected}":
        return True
    return quote.speaker is not None and _norm(quote.speaker) == _norm(expected)


def _matches(quote: Quote, expected: dict[str, Any]) -> bool:
    return quote.kind == expected["kind"] and _norm(quote.text).startswith(_norm(expected["starts"]))


def score(situations: list[Situation]) -> Score:
    total = Score()
    for situation in situations:
        # the situation gives the body and the entities; the sentences stage runs before quotes, as in the pipeline
        run_until(situation.article, "quotes", given=("body", "entities"))
        predicted = list(situation.article.quotes)
        problems: list[str] = []
        total.situations += 1
        total.expected += len(situation.expected)
        total.predicted += len(predicted)
        total.speakers_predicted += sum(q.speaker is not None for q in predicted)
        for found in predicted:
            total.kinds[found.kind][1] += 1
        for expected in situation.expected:
            total.speakers_expected += bool(expected["speaker"])
            total.kinds[expected["kind"]][0] += 1
            quote = next((q for q in predicted if _matches(q, expected)), None)
            if quote is None:
                problems.append(f"missed {expected['kind']} '{expected['starts']}'")
                continue
            predicted.remove(quote)
            total.matched += 1
            total.kinds[quote.kind][2] += 1
            if _speaker_right(quote, expected["speaker"]):
                total.speakers_right += bool(expected["speaker"])
            else:
                problems.append(
                    f"speaker of '{expected['starts']}': {quote.speaker!r}, expected {expected['speaker']!r}"
                )
            if "cue" in expected and quote.cue != expected["cue"]:
                problems.append(f"cue of '{expected['starts']}': {quote.cue!r}, expected {expected['cue']!r}")
            if "cited" in expected and quote.cited != expected["cited"]:
                problems.append(f"cited of '{expected['starts']}': {quote.cited}, expected {expected['cited']}")
        problems += [f"extra {q.kind} '{q.text[:50]}' ({q.speaker})" for q in predicted]
        if problems:
            total.failures.append(f"{situation.name}: " + "; ".join(problems))
        else:
            total.passed += 1
    return total
