"""The REST API under /api/: JSON over the read-only store, one route per resource.

Routes borrow their connection through `StoreDep` (see `warta.web.deps`); `document_error_shape` makes the OpenAPI
spec describe the error bodies `create_app`'s handlers really send.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request

from warta import __version__
from warta.record import Article
from warta.store import queries
from warta.web import charts, optional
from warta.web.cache import cached
from warta.web.deps import (
    CSV_RESPONSE,
    DATE,
    DYAD_PATTERN,
    CountryCode,
    EntityNames,
    EventFilters,
    GroupBy,
    Limit,
    ListFormat,
    Months,
    Offset,
    Outlets,
    StoreDep,
    ToneEntity,
    as_json,
    check_range,
    country,
    csv_download,
    entity_profile,
    parse_dyad,
    shown,
)
from warta.web.models import (
    ArticlePage,
    DyadPage,
    EntityDetail,
    EntityPage,
    ErrorMessage,
    EventPage,
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


@router.get("/api/articles", response_model=ArticlePage, tags=["articles"], summary="List articles, newest first",
            responses=CSV_RESPONSE)
def api_articles(
    request: Request,
    db: StoreDep,
    outlet: Annotated[str | None, Query(max_length=200, description="outlet name, e.g. Kompas.com")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD (UTC)")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    entity: Annotated[str | None, Query(max_length=300, description="entity id, or any name or alias of it "
                                                                    "(Tiongkok, China and Cina: country:CHN)")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
    format: ListFormat = "json",  # noqa: A002 - the API's word
) -> Any:
    check_range(date_from, date_to)
    if format == "csv":
        return csv_download(request, "articles", lambda store: queries.export_rows(
            store, "articles", outlet=outlet, date_from=date_from, date_to=date_to, entity=entity))
    return as_json(ArticlePage, cached(queries.list_articles, db, outlet=outlet, date_from=date_from,
                                       date_to=date_to, entity=entity, limit=limit, offset=offset))


@router.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article record, as exported",
            responses={404: {"model": ErrorMessage}})
def api_article(request: Request, article_id: str, db: StoreDep) -> Article:
    article = db.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return shown(request, article)


@router.get("/api/search", response_model=SearchResult, tags=["articles"],
            summary="Full-text search (FTS5) with snippets and facets",
            responses={**CSV_RESPONSE, 400: {"model": ErrorMessage}})
def api_search(
    request: Request,
    db: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500,
                            description='words (all must match), "phrases", prefix*, OR, AND, NOT or -word, '
                                        "(groups); a word naming an entity also finds the entity's other names")],
    syntax: Annotated[str, Query(pattern="^(words|fts5)$",
                                 description="'words' (default): the query language above, every word quoted; "
                                             "'fts5': raw FTS5 query syntax")] = "words",
    outlet: Outlets = None,
    entity: EntityNames = None,
    month: Months = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD (UTC)")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
    sort: Annotated[Literal["relevance", "date"], Query(description="best match first, or newest first")] = "relevance",
    collapse: Annotated[bool, Query(description="fold near-duplicates under their original when it matched too "
                                                "(its `copies`)")] = False,
    limit: Limit = 20,
    offset: Offset = 0,
    format: ListFormat = "json",  # noqa: A002 - the API's word
) -> Any:
    check_range(date_from, date_to)
    try:
        fts, named = cached(queries.parse_query, db, q) if syntax == "words" else (q, [])
        filters: dict[str, Any] = {"outlet": tuple(outlet or ()), "entity": tuple(entity or ()),
                                   "month": tuple(month or ()), "date_from": date_from, "date_to": date_to,
                                   "sort": sort, "collapse": collapse}
        result = cached(queries.search, db, fts, limit=limit, offset=offset, **filters)
    except queries.BadQuery as exc:
        raise HTTPException(400, str(exc)) from exc
    if format == "csv":
        return csv_download(request, "search", lambda store: queries.search(store, fts, limit=None, **filters)["items"])
    # a copy without the template's pieces: the result is cached and shared, never changed in place
    items = [{k: v for k, v in item.items() if k != "snippet_parts"} for item in result["items"]]
    return as_json(SearchResult, {**result, "items": items, "entities": named})


@router.get("/api/entities", response_model=EntityPage, tags=["entities"],
            summary="Entities by the number of articles naming them", responses=CSV_RESPONSE)
def api_entities(
    request: Request,
    db: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="part of the name or id, or any name or alias "
                                                               "(Jokowi: Joko Widodo)")] = None,
    type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC)$")] = None,  # noqa: A002 - the API's word
    limit: Limit = 50,
    offset: Offset = 0,
    format: ListFormat = "json",  # noqa: A002 - the API's word
) -> Any:
    if format == "csv":
        return csv_download(request, "entities", lambda store: queries.export_rows(
            store, "entities", q=q, entity_type=type))
    return as_json(EntityPage, cached(queries.list_entities, db, q=q, entity_type=type, limit=limit, offset=offset))


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
            summary="Quotes, optionally by speaker (entity id or name)", responses=CSV_RESPONSE)
def api_quotes(
    request: Request,
    db: StoreDep,
    speaker: Annotated[str | None, Query(max_length=200, description="entity id, part of the speaker's name, or "
                                                                     "any name of the entity (Jokowi)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: ListFormat = "json",  # noqa: A002 - the API's word
) -> Any:
    if format == "csv":
        return csv_download(request, "quotes", lambda store: queries.export_rows(store, "quotes", speaker=speaker))
    page = cached(queries.list_quotes, db, speaker=speaker, limit=limit, offset=offset)
    note = (f"no quotes by {speaker!r}: no speaker name or knowledge-base entity matches it"
            if speaker and speaker.strip() and page["total"] == 0 else None)
    return as_json(QuotePage, {**page, "note": note})


@router.get("/api/stories", response_model=StoryList, tags=["stories"],
            summary="Stories: the same news across outlets", responses=CSV_RESPONSE)
def api_stories(request: Request, db: StoreDep, limit: Limit = 50, offset: Offset = 0,
                format: ListFormat = "json") -> Any:  # noqa: A002 - the API's word
    if format == "csv":
        return csv_download(request, "stories", lambda store: optional.stories(store)[0])
    rows, note = optional.stories(db)
    return as_json(StoryList, {"total": len(rows), "limit": limit, "offset": offset,
                               "items": rows[offset:offset + limit], "note": note})


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
    dyad: Annotated[str | None, Query(max_length=200, description=queries.DYAD_NOTATION,
                                      json_schema_extra={"pattern": DYAD_PATTERN})] = None,
    entity: Annotated[str | None, Query(max_length=300, description="entity id or name")] = None,
    min_sources: Annotated[int, Query(ge=1, le=100, description="only events reported by >= N outlets")] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    if dyad is None and not entity:
        raise HTTPException(422, "give dyad=A,B (ISO alpha-3 codes, e.g. RUS,CHN) or entity=ID")
    pair = parse_dyad(dyad) if dyad is not None else None  # an empty dyad is an invalid one, as its schema says
    rows, note = optional.timeline(db, dyad=pair, entity=entity, min_sources=min_sources)
    return {"dyad": list(pair) if pair else None, "entity": entity, "total": len(rows), "limit": limit,
            "offset": offset, "items": rows[offset:offset + limit], "note": note}


@router.get("/api/events", response_model=EventPage, tags=["events"],
            summary="Event mentions, newest first, filtered by type, quad class, actors, place, dates, outlets",
            responses=CSV_RESPONSE)
def api_events(request: Request, db: StoreDep, filters: EventFilters, limit: Limit = 50, offset: Offset = 0,
               format: ListFormat = "json") -> Any:  # noqa: A002 - the API's word
    if format == "csv":
        return csv_download(request, "events", lambda store: queries.export_rows(store, "events", **filters))
    return as_json(EventPage, cached(queries.list_events, db, limit=limit, offset=offset, **filters))


@router.get("/api/dyads", response_model=DyadPage, tags=["events"],
            summary="Country pairs with events between them, most events first", responses=CSV_RESPONSE)
def api_dyads(request: Request, db: StoreDep, limit: Limit = 50, offset: Offset = 0,
              format: ListFormat = "json") -> Any:  # noqa: A002 - the API's word
    if format == "csv":
        return csv_download(request, "dyads", lambda store: queries.export_rows(store, "dyads"))
    return as_json(DyadPage, cached(queries.dyad_index, db, limit=limit, offset=offset))


@router.get("/api/trend", response_model=Trend, tags=["events"], summary="Monthly cooperation/conflict trend of a dyad")
def api_trend(db: StoreDep, dyad: Annotated[str, Query(max_length=200, description=queries.DYAD_NOTATION,
                                                       json_schema_extra={"pattern": DYAD_PATTERN})]) -> dict[str, Any]:
    a, b = parse_dyad(dyad)
    rows, note = optional.dyad_trend(db, a, b)
    return {"a": a, "b": b, "months": rows, "series": charts.trend_series(rows), "note": note}


@router.get("/api/dyad/{a}/{b}/trend", response_model=Trend, tags=["events"], deprecated=True,
            summary="Monthly trend of a dyad (the older path form: use /api/trend?dyad=A,B)")
def api_dyad_trend(a: CountryCode, b: CountryCode, db: StoreDep) -> dict[str, Any]:
    return api_trend(db, f"{country(a)},{country(b)}")


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
