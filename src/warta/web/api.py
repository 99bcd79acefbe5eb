"""The REST API under /api/: JSON over the read-only store, one route per resource.

Routes borrow their connection through `StoreDep` (see `warta.web.deps`); `document_error_shape` makes the OpenAPI
spec describe the error bodies `create_app`'s handlers really send.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query

from warta import __version__
from warta.record import Article
from warta.store import queries
from warta.web import charts, optional
from warta.web.cache import cached
from warta.web.deps import (
    DATE,
    DYAD_PATTERN,
    MONTH,
    CountryCode,
    GroupBy,
    Limit,
    Offset,
    StoreDep,
    ToneEntity,
    check_range,
    country,
    entity_profile,
    parse_dyad,
)
from warta.web.models import (
    ArticlePage,
    EntityDetail,
    EntityPage,
    ErrorMessage,
    Health,
    QuotePage,
    SearchResult,
    StoryDetail,
    StoryList,
    ThemeReport,
    Timeline,
    ToneReport,
    Trend,
)

router = APIRouter()


@router.get("/api/articles", response_model=ArticlePage, tags=["articles"], summary="List articles, newest first")
def api_articles(
    db: StoreDep,
    outlet: Annotated[str | None, Query(max_length=200, description="outlet name, e.g. Kompas.com")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD (UTC)")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    entity: Annotated[str | None, Query(max_length=300, description="entity id or exact name")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    check_range(date_from, date_to)
    return cached(queries.list_articles, db, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity,
                                 limit=limit, offset=offset)


@router.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article record, as exported",
            responses={404: {"model": ErrorMessage}})
def api_article(article_id: str, db: StoreDep) -> Article:
    article = db.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return article


@router.get("/api/search", response_model=SearchResult, tags=["articles"],
            summary="Full-text search (FTS5) with snippets and facets", responses={400: {"model": ErrorMessage}})
def api_search(
    db: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words to find (all must match)")],
    syntax: Annotated[str, Query(pattern="^(words|fts5)$",
                                 description="'words' (default): quoted words; 'fts5': raw FTS5 query syntax")] = "words",
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=300)] = None,
    month: Annotated[str | None, Query(pattern=MONTH, description="YYYY-MM")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    try:
        fts = queries.phrase_query(q) if syntax == "words" else q
        result = cached(queries.search, db, fts, outlet=outlet, entity=entity, month=month, limit=limit, offset=offset)
    except queries.BadQuery as exc:
        raise HTTPException(400, str(exc)) from exc
    # a copy without the template's pieces: the result is cached and shared, never changed in place
    items = [{k: v for k, v in item.items() if k != "snippet_parts"} for item in result["items"]]
    return {**result, "items": items}


@router.get("/api/entities", response_model=EntityPage, tags=["entities"],
            summary="Entities by the number of articles naming them")
def api_entities(
    db: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="part of the name or id")] = None,
    type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC)$")] = None,  # noqa: A002 - the API's word
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return cached(queries.list_entities, db, q=q, entity_type=type, limit=limit, offset=offset)


@router.get("/api/entities/{entity_id:path}", response_model=EntityDetail, tags=["entities"],
            summary="One entity: mentions, quotes, co-occurring entities, articles",
            responses={404: {"model": ErrorMessage}})
def api_entity(entity_id: str, db: StoreDep) -> dict[str, Any]:
    profile = entity_profile(db, entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    tone, tone_note = optional.tone_by(db, entity_id, "outlet")
    return {**profile["entity"], **{k: v for k, v in profile.items() if k != "entity"},
            "tone_by_outlet": tone, "notes": [n for n in (tone_note,) if n]}


@router.get("/api/quotes", response_model=QuotePage, tags=["quotes"],
            summary="Quotes, optionally by speaker (entity id or name)")
def api_quotes(
    db: StoreDep,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return cached(queries.list_quotes, db, speaker=speaker, limit=limit, offset=offset)


@router.get("/api/stories", response_model=StoryList, tags=["stories"],
            summary="Stories: the same news across outlets")
def api_stories(db: StoreDep) -> dict[str, Any]:
    rows, note = optional.stories(db)
    return {"total": len(rows), "items": rows, "note": note}


@router.get("/api/stories/{story_id:path}", response_model=StoryDetail, tags=["stories"],
            summary="One story with its articles, events and related stories", responses={404: {"model": ErrorMessage}})
def api_story(story_id: str, db: StoreDep) -> dict[str, Any]:
    story = cached(queries.story_row, db, story_id)
    articles = cached(queries.story_articles, db, story_id)
    if story is None and not articles:
        raise HTTPException(404, f"no story with id {story_id!r}")
    story = story or {"id": story_id, "headline": articles[0]["title"]}
    return {**story, "n_stored_articles": cached(queries.story_size, db, story_id), "articles": articles,
            "events": cached(queries.story_events, db, story_id),
            "related": cached(queries.related_stories, db, story_id)}


@router.get("/api/timeline", response_model=Timeline, tags=["events"],
            summary="Dated events of a country dyad or of an entity")
def api_timeline(
    db: StoreDep,
    dyad: Annotated[str | None, Query(max_length=20, description="two alpha-3 codes: RUS,CHN",
                                      json_schema_extra={"pattern": DYAD_PATTERN})] = None,
    entity: Annotated[str | None, Query(max_length=300, description="entity id or name")] = None,
    min_sources: Annotated[int, Query(ge=1, le=100, description="only events reported by >= N outlets")] = 1,
) -> dict[str, Any]:
    if not dyad and not entity:
        raise HTTPException(422, "give dyad=A,B (ISO alpha-3 codes, e.g. RUS,CHN) or entity=ID")
    pair = parse_dyad(dyad) if dyad else None
    rows, note = optional.timeline(db, dyad=pair, entity=entity, min_sources=min_sources)
    return {"dyad": list(pair) if pair else None, "entity": entity, "items": rows, "note": note}


@router.get("/api/dyad/{a}/{b}/trend", response_model=Trend, tags=["events"],
            summary="Monthly cooperation/conflict trend of a dyad")
def api_dyad_trend(a: CountryCode, b: CountryCode, db: StoreDep) -> dict[str, Any]:
    a, b = country(a), country(b)
    rows, note = optional.dyad_trend(db, a, b)
    return {"a": a, "b": b, "months": rows, "series": charts.trend_series(rows), "note": note}


@router.get("/api/tone", response_model=ToneReport, tags=["tone"],
            summary="Mean tone per outlet or month, of an entity or of all articles")
def api_tone(db: StoreDep, entity: ToneEntity = None, by: GroupBy = "outlet") -> dict[str, Any]:
    rows, note = optional.tone_by(db, entity, by)
    return {"entity": entity, "by": by, "items": rows, "note": note}


@router.get("/api/themes", response_model=ThemeReport, tags=["tone"],
            summary="Theme counts per outlet or month, of an entity or of all articles")
def api_themes(db: StoreDep, entity: ToneEntity = None, by: GroupBy = "month") -> dict[str, Any]:
    rows, note = optional.themes_by(db, entity, by)
    return {"entity": entity, "by": by, "labels": optional.theme_labels(),
            "totals": dict(optional.theme_totals(rows)), "items": rows, "note": note}


@router.get("/api/health", response_model=Health, tags=["articles"], summary="Liveness and database counts")
def api_health(db: StoreDep) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "counts": queries.counts(db)}


def document_error_shape(app: FastAPI) -> None:
    """FastAPI documents 422 bodies as {"detail": [errors]}; create_app's validation handler answers {"detail":
    message, "errors": [errors]} (and HTTPException 422s a message alone), so the spec describes that shape instead."""
    generate_openapi = app.openapi

    def openapi_with_error_shape() -> dict[str, Any]:
        spec = generate_openapi()  # FastAPI caches the spec: the change below is made once and kept
        schemas = spec.get("components", {}).get("schemas", {})
        if "HTTPValidationError" in schemas:
            schemas["HTTPValidationError"] = {
                "title": "HTTPValidationError", "type": "object", "required": ["detail"],
                "properties": {
                    "detail": {"type": "string", "description": "What was wrong, in words."},
                    "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"},
                               "description": "One entry per invalid parameter (absent for checks across "
                                              "parameters, e.g. 'from' after 'to')."}}}
        return spec

    app.openapi = openapi_with_error_shape  # type: ignore[method-assign]
