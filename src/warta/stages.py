"""The per-article stages and their contracts, in the spirit of spaCy's pipeline components.

Each stage is declared once, in `STAGES`: its name, the function that runs it on one article (and, optionally, one
that runs it on a chunk of articles for the same result, cheaper), what it requires and what it fills. Requirements
and outputs are names of record fields (`Article.model_fields`), of `Scratch` attributes (working data one stage
hands to a later one) or "raw" (the input text or HTML the reader keeps). `build` checks, before anything runs, that
every stage's requirements are filled by the reader or by an earlier stage; `plan` picks the stages one stage needs.

Functions are named as "module:function" and imported only when a pipeline is built, so that importing this module
(the record does, for `Scratch`) stays cheap and `warta schema` instant.

Adding a stage: write its module with `def my_stage(article: Article) -> None`, then add one `Stage(...)` here
(and, when it hands data to a later stage rather than filling a record field, one `Scratch` attribute).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta.clean.html import HtmlMeta
    from warta.clean.text import CleanResult
    from warta.nlp.link import TaggerSpan
    from warta.record import Article


class StageOrderError(RuntimeError):
    """A stage was declared or run before the stages that fill what it requires: a programming error."""


@dataclass(slots=True)
class Scratch:
    """Working data stages hand to later ones, one typed attribute per output; never serialised.

    None means "not filled yet": the stage that needs a value raises `StageOrderError` rather than computing it.
    """

    input_meta: dict[str, str] | None = None  # reader: "title", "date", "author" a container record gave beside the text
    clean: CleanResult | None = None  # clean: title, subtitle, section, dateline, editor bullets
    html_meta: HtmlMeta | None = None  # clean, HTML input only: the page's declared metadata
    sentences: list[tuple[int, int]] | None = None  # sentences: spans (start, end) into `body`
    tagger_spans: list[TaggerSpan] | None = None  # tag -> link (link empties it once the spans are linked)


@dataclass(frozen=True)
class Stage:
    """One stage's declaration. `run` and `run_many` are "module:function" (imported by `build`)."""

    name: str
    run: str  # function(article) -> None
    requires: tuple[str, ...] = ()
    fills: tuple[str, ...] = ()
    run_many: str | None = None  # function(articles) -> None: the same as `run` on each, for a chunk


# What `warta.read` sets on every article before the first stage.
READER_FILLS = ("id", "source", "raw", "input_meta")

_META_FIELDS = ("lang", "title", "subtitle", "section", "outlet", "published", "authors", "editors", "dateline",
                "cited_sources")

STAGES: tuple[Stage, ...] = (
    Stage("clean", "warta.clean:clean_article", requires=("raw", "source"),
          fills=("body", "removed", "clean", "html_meta")),
    Stage("meta", "warta.meta:extract_metadata",
          requires=("source", "body", "removed", "clean", "html_meta", "input_meta"), fills=_META_FIELDS),
    Stage("sentences", "warta.nlp:find_sentences", requires=("body",), fills=("sentences",)),
    Stage("tag", "warta.nlp:tag_article", requires=("body",), fills=("tagger_spans",),
          run_many="warta.nlp:tag_articles"),  # the tagger decodes the sentences of a whole chunk together
    Stage("link", "warta.nlp:link_article", requires=("body", "sentences", "tagger_spans"), fills=("entities",)),
    Stage("quotes", "warta.quotes:extract_quotes", requires=("body", "sentences", "entities"), fills=("quotes",)),
    Stage("events", "warta.events:extract_events",
          requires=("body", "removed", "title", "published", "sentences", "entities", "quotes"), fills=("events",)),
    Stage("tone", "warta.tone:score_tone",
          requires=("title", "subtitle", "body", "sentences", "entities", "quotes", "events"),
          fills=("tone", "entity_tone", "themes", "keyphrases")),
)


@dataclass(frozen=True)
class BuiltStage:
    """A declared stage with its functions imported."""

    name: str
    run: Callable[[Article], None]
    run_many: Callable[[Sequence[Article]], None] | None


def _known_names() -> set[str]:
    from warta.record import Article

    return {*Article.model_fields, *(f.name for f in dataclasses.fields(Scratch)), "raw"}


def check_order(stages: Sequence[Stage], given: Iterable[str] = READER_FILLS) -> None:
    """Raise StageOrderError unless every stage's requirements are in `given` or filled by an earlier stage."""
    known = _known_names()
    filled = set(given)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise StageOrderError(f"two stages are named {stage.name!r}")
        seen.add(stage.name)
        unknown = [name for name in (*stage.requires, *stage.fills) if name not in known]
        if unknown:
            raise StageOrderError(f"stage {stage.name!r} names {unknown}: neither a record field, a Scratch attribute "
                                  "nor 'raw'")
        missing = [name for name in stage.requires if name not in filled]
        if missing:
            raise StageOrderError(f"stage {stage.name!r} requires {missing}, which no stage before it fills "
                                  f"(filled so far: {sorted(filled)})")
        filled.update(stage.fills)


def _load(reference: str) -> Callable[..., Any]:
    module, _, function = reference.partition(":")
    loaded: Callable[..., Any] = getattr(import_module(module), function)
    return loaded


def build(stages: Sequence[Stage] = STAGES, given: Iterable[str] = READER_FILLS) -> list[BuiltStage]:
    """The stages, order checked, with their functions imported."""
    check_order(stages, given)
    return [BuiltStage(s.name, _load(s.run), _load(s.run_many) if s.run_many else None) for s in stages]


def plan(target: str, given: Iterable[str] = READER_FILLS, stages: Sequence[Stage] = STAGES) -> list[Stage]:
    """The stages that run `target` with everything it requires, in pipeline order: for each requirement not in
    `given`, the last stage before `target` that fills it, and (the same way) what that stage requires."""
    position = {stage.name: index for index, stage in enumerate(stages)}
    if target not in position:
        raise StageOrderError(f"no stage is named {target!r} (stages: {[s.name for s in stages]})")
    available = set(given)
    chosen: set[int] = set()
    pending = [position[target]]
    while pending:
        index = pending.pop()
        if index in chosen:
            continue
        chosen.add(index)
        for name in stages[index].requires:
            if name in available:
                continue
            fillers = [k for k in range(index) if name in stages[k].fills]
            if not fillers:
                raise StageOrderError(f"stage {stages[index].name!r} requires {name!r}, which is not given and no "
                                      "stage before it fills")
            pending.append(fillers[-1])
    ordered = [stages[index] for index in sorted(chosen)]
    check_order(ordered, given)
    return ordered


def not_filled(stage: str, output: str) -> StageOrderError:
    """The error a stage raises when what it requires is missing from the article it was given."""
    return StageOrderError(f"stage {stage!r} requires {output!r}, which no stage filled on this article; "
                           f"warta.pipeline.run_until(article, {stage!r}) runs it after the stages it requires")
