"""Response models of the REST API: they document the JSON in the OpenAPI spec and fix its shape.

Rows that come from other stages (stories, timelines, tone tables) keep their own keys (`dict[str, Any]`): those
stages own that contract, and the API passes their rows through unchanged.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorMessage(BaseModel):
    detail: str = Field(description="What was wrong, in words.")


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 with the outlet's UTC offset.")
    published_utc: str | None = None
    dateline: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = None
    n_entities: int = 0
    n_quotes: int = 0
    n_events: int = 0


class Page(BaseModel):
    total: int = Field(description="Items matching, over all pages.")
    limit: int
    offset: int


class ArticlePage(Page):
    items: list[ArticleSummary]


class SearchHit(BaseModel):
    id: str = Field(description="Article id (GET /api/articles/{id}).")
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = Field(default=None, description="The article this one is a near-duplicate of.")
    copies: list[str] = Field(default=[], description="With collapse=true: ids of the near-duplicates of this article "
                                                      "that matched too, folded under it.")
    snippet: str = Field(description="Plain-text excerpt around the matched words.")


class Facet(BaseModel):
    value: str
    n: int
    label: str | None = None
    type: str | None = None


class NamedEntity(BaseModel):
    term: str = Field(description="The word or phrase of the query that names the entity.")
    id: str
    name: str


class SearchResult(Page):
    query: str = Field(description="The FTS5 query that ran (user words are quoted by default).")
    total_articles: int = Field(description="Articles matching; with collapse=true `total` counts the list's rows "
                                            "(near-duplicates folded under their original), this every article.")
    items: list[SearchHit]
    entities: list[NamedEntity] = Field(
        default=[], description="Entities the query's terms name: each such term also matched the forms the entity "
                                "was linked by (\"Tiongkok\" also finds \"China\").")
    facets: dict[str, list[Facet]] = Field(description="Counts over all matches by outlet, entity and month.")


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    country: str | None = None
    kb: bool = False
    n_articles: int
    n_mentions: int


class EntityPage(Page):
    items: list[EntitySummary]


class QuoteRow(BaseModel):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    idx: int
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None
    kind: str
    cue: str | None = None
    cited: list[str] = []


class QuotePage(Page):
    items: list[QuoteRow]
    note: str | None = Field(default=None, description="Why the list is empty, when a speaker matched nothing.")


class EventRow(BaseModel):
    article_id: str = Field(description="The article reporting the event; `start`/`end` locate its sentence.")
    idx: int
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    date: str | None = None
    date_precision: str | None = None
    type: str = Field(description="PLOVER event type.")
    cameo: str | None = None
    quad: str | None = None
    goldstein: float | None = None
    source_id: str | None = None
    source_name: str | None = None
    source_country: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    place: str | None = None
    negated: bool = False
    intent: bool = False
    cue: str | None = None
    start: int
    end: int
    text: str
    event_id: str | None = None
    n_outlets: int = Field(description="Outlets reporting the corpus-level event record (1 without records).")


class EventPage(Page):
    items: list[EventRow]


class DyadRow(BaseModel):
    a: str
    b: str
    dyad: str = Field(description="The pair as `dyad=` takes it everywhere (A,B).")
    n_events: int = Field(description="Event mentions between the two countries, both directions.")
    n_articles: int


class DyadPage(Page):
    items: list[DyadRow]


class MentionRow(BaseModel):
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    start: int
    end: int
    text: str
    before: str = Field(description="Up to 60 characters of body before the mention.")
    after: str = Field(description="Up to 60 characters of body after the mention.")


class Neighbour(BaseModel):
    id: str
    name: str
    type: str
    n_articles: int = Field(description="Articles naming both entities.")


class EntityArticle(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    n_mentions: int


class MonthCount(BaseModel):
    month: str
    n_articles: int = Field(description="Articles naming the entity that month (0: none; every month from the first "
                                        "to the last is listed).")
    month_articles: int = Field(description="Stored articles published that month.")
    share: float = Field(description="n_articles / month_articles: attention normalised by the month's volume.")


class EntityDetail(EntitySummary):
    names: list[str] = Field(description="How the articles wrote the name.")
    mentions: list[MentionRow]
    quotes: list[QuoteRow] = Field(description="Quotes with this entity as the speaker.")
    cooccurring: list[Neighbour]
    articles: list[EntityArticle]
    months: list[MonthCount]
    tone_by_outlet: list[dict[str, Any]] = Field(description="From warta.store.queries.tone_report, when available.")
    notes: list[str] = Field(description="Why a section is empty or where it came from instead.")


class StoryList(Page):
    items: list[dict[str, Any]] = Field(description="Stories as warta.store.queries.list_stories gives them.")
    note: str | None = None


class StorySummary(BaseModel):
    id: str
    headline: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    n_articles: int | None = None
    n_outlets: int | None = None


class RelatedStory(StorySummary):
    score: float = Field(description="How close the two developments came to being one story (0-1).")


class StoryDetail(StorySummary):
    data: dict[str, Any] = {}
    n_stored_articles: int
    articles: list[ArticleSummary] = Field(description="The first 200 articles by publication time.")
    events: list[dict[str, Any]]
    related: list[RelatedStory] = Field(default_factory=list, description=(
        "The story's thread: other developments of the same affair (a reply, a follow-up), strongest links first "
        "taken, listed by date."))


class Timeline(Page):
    dyad: list[str] | None = None
    entity: str | None = None
    items: list[dict[str, Any]] = Field(description="Dated events, as warta.store.queries.timeline gives them.")
    note: str | None = None


class TrendPoint(BaseModel):
    month: str
    coop: float
    conflict: float
    goldstein: float | None = None


class Trend(BaseModel):
    a: str
    b: str
    months: list[dict[str, Any]] = Field(description="Per-month rows, as warta.store.queries.dyad_trend gives them.")
    series: list[TrendPoint] = Field(description="The same months normalised for charts, gaps filled with zeros.")
    note: str | None = None


class Health(BaseModel):
    status: str
    version: str
    counts: dict[str, int]


class ToneReport(BaseModel):
    entity: str | None = Field(default=None, description="The entity asked for (id, name or surface form); "
                                                          "null: the tone of whole articles.")
    by: str = Field(description="'outlet' or 'month' (the article's local calendar month).")
    items: list[dict[str, Any]] = Field(
        description="Rows as warta.store.queries.tone_report gives them: {outlet|month, articles, positive, negative, "
                    "polarity, words, themes: {theme id: articles}}; means are over articles.")
    note: str | None = None


class ThemeReport(BaseModel):
    entity: str | None = None
    by: str
    labels: dict[str, str] = Field(description="Theme id -> label, from the taxonomy.")
    totals: dict[str, int] = Field(description="Articles per theme over all groups, most frequent first.")
    items: list[dict[str, Any]] = Field(
        description="Rows as warta.store.queries.theme_report gives them: {outlet|month, articles, "
                    "themes: {theme id: articles with that theme}}.")
    note: str | None = None
