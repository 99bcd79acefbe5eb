"""The article record: the one structure that flows through every stage.

Each stage fills its own fields; offsets (`start`, `end`) always index into `body`.
The contract is documented in docs/record.md and printed as JSON Schema by `warta schema`.
Extend it with new optional fields; never rename or remove one.
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from warta.stages import Scratch, StageOrderError

SCHEMA_VERSION = 1

RemovedKind = Literal["caption", "related", "ad", "byline", "navigation", "date", "disclaimer", "title", "other"]
EntityType = Literal["PER", "ORG", "LOC"]
QuoteKind = Literal["direct", "partial", "indirect"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


_M = TypeVar("_M", bound=_Model)


def trusted(model: type[_M], values: dict[str, Any]) -> _M:
    """`model.model_construct(**values)` for a dict holding every field of `model`, in declaration order.

    For values the calling stage built itself, in a hot loop: pydantic's `model_construct` walks every field's
    aliases and defaults in Python (~10 µs a call, ~0.4 ms an article for the linker's mentions); this only sets the
    attributes `model_construct` sets. Nothing is validated or defaulted, so `values` must be complete.
    """
    fields = _FIELD_ORDER.get(model)
    if fields is None:
        fields = _FIELD_ORDER[model] = tuple(model.model_fields)
    if tuple(values) != fields:  # serialising follows the dict's order: a wrong order would change the JSON
        raise ValueError(f"{model.__name__} needs exactly {fields}, in that order; got {tuple(values)}")
    instance = model.__new__(model)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(values))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


_set = object.__setattr__
_FIELD_ORDER: dict[type, tuple[str, ...]] = {}


class Source(_Model):
    """Where the article came from."""

    path: str = Field(description="Path of the input file (for JSONL/WARC: the container file).")
    format: Literal["txt", "html", "jsonl", "warc", "parquet"] = Field(description="Input format.")
    sha256: str = Field(description="SHA-256 of the article's raw input (text or HTML).")
    url: str | None = Field(default=None, description="Original URL when the input carries one.")
    record: int | None = Field(default=None, description="Line (JSONL) or record (WARC) number inside the container, 1-based.")


class Removed(_Model):
    """A segment of the raw input that cleaning dropped, and why."""

    text: str
    kind: RemovedKind


class Mention(_Model):
    start: int
    end: int
    text: str


class Entity(_Model):
    id: str = Field(description="Canonical id: a knowledge-base id (e.g. 'person:xi-jinping', 'country:CHN') or 'local:<TYPE>:<slug>' for unknown names.")
    name: str = Field(description="Canonical name.")
    type: EntityType
    kb: bool = Field(default=False, description="True when the entity was linked to the knowledge base.")
    country: str | None = Field(default=None, description="ISO 3166 alpha-3 of the entity's country, when known.")
    mentions: list[Mention] = Field(default_factory=list)


class Quote(_Model):
    text: str = Field(description="The quoted words (direct/partial) or the reported content (indirect).")
    start: int
    end: int
    speaker: str | None = Field(default=None, description="Speaker as named (canonical name when linked).")
    speaker_id: str | None = Field(default=None, description="Entity id of the speaker.")
    kind: QuoteKind
    cue: str | None = Field(default=None, description="The speech cue word (kata, ujar, menurut, ...).")
    cited: list[str] = Field(default_factory=list, description="Media cited for the quote (dikutip dari ...).")


class Actor(_Model):
    entity_id: str | None = None
    name: str | None = None
    country: str | None = Field(default=None, description="ISO 3166 alpha-3.")
    sector: str | None = Field(default=None, description="GOV, MIL, DIP, MED, BUS, CVL, ...")


class Event(_Model):
    type: str = Field(description="PLOVER event type (AGREE, CONSULT, ...).")
    cameo: str | None = Field(default=None, description="CAMEO root code ('03', '04', ...).")
    goldstein: float | None = None
    quad: str | None = Field(default=None, description="verbal_coop, material_coop, verbal_conflict, material_conflict.")
    source: Actor = Field(default_factory=Actor)
    target: Actor = Field(default_factory=Actor)
    date: str | None = Field(default=None, description="Resolved date (YYYY-MM-DD, YYYY-MM or YYYY).")
    date_precision: Literal["day", "month", "year"] | None = None
    date_text: str | None = Field(default=None, description="The words the date was resolved from.")
    place: str | None = None
    negated: bool = False
    intent: bool = Field(default=False, description="Future, planned or intended, not reported as done.")
    cue: str | None = Field(default=None, description="The verb or noun that triggered the coding.")
    start: int
    end: int
    text: str = Field(description="The sentence the event was coded from.")
    event_id: str | None = Field(default=None, description="Id of the corpus-level event this mention belongs to.")


class Tone(_Model):
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0
    words: int = 0
    positive_words: int = 0
    negative_words: int = 0


class ThemeHit(_Model):
    theme: str = Field(description="Theme id from the taxonomy (warta/tone/data/themes.json).")
    score: float
    evidence: list[str] = Field(default_factory=list, description="Words and phrases that triggered the theme.")


class Article(_Model):
    """One news article as Warta understands it."""

    schema_version: int = SCHEMA_VERSION
    id: str
    source: Source
    lang: str | None = None
    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 with UTC offset, or null.")
    authors: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)
    dateline: str | None = None
    cited_sources: list[str] = Field(default_factory=list)
    body: str = ""
    short: bool = Field(default=False, description="True when the body is a short item: fewer than 50 words "
                        "(warta.meta.SHORT_WORDS). Short items are stored, not skipped.")
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    tone: Tone | None = None
    entity_tone: dict[str, Tone] = Field(default_factory=dict, description="Tone of the sentences mentioning each entity id.")
    themes: list[ThemeHit] = Field(default_factory=list)
    keyphrases: list[str] = Field(default_factory=list)
    story_id: str | None = None
    duplicate_of: str | None = Field(default=None, description="Id of the article this one is a near-copy of.")

    # Working state shared between stages; never serialised.
    _raw_text: str | None = PrivateAttr(default=None)
    _raw_html: str | None = PrivateAttr(default=None)
    _scratch: Scratch = PrivateAttr(default_factory=Scratch)

    @property
    def raw_text(self) -> str | None:
        return self._raw_text

    @property
    def raw_html(self) -> str | None:
        return self._raw_html

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans (start, end) in `body`, set by the sentences stage (`scratch.sentences`)."""
        sentences = self._scratch.sentences
        if sentences is None:
            raise StageOrderError("article.sentences: the 'sentences' stage has not run on this article; "
                                  "warta.pipeline.run_until(article, STAGE) runs a stage after the stages it requires")
        return sentences

    @property
    def scratch(self) -> Scratch:
        """Per-article working data stages hand to later ones, typed (see warta.stages.Scratch)."""
        return self._scratch

    def to_json(self) -> str:
        return self.model_dump_json()

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def json_schema() -> dict[str, Any]:
    schema = Article.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Warta article record"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False)
