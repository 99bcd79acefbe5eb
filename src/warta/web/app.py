"""The read-only REST API and dashboard over a Warta database.

`create_app(db_path)` builds a FastAPI app. Each request opens its own read-only SQLite connection
(`Store(path, readonly=True)`), so requests never share a cursor and a writer (`warta analyze`, WAL mode) can run at
the same time. The only files a request can reach are those in the package's static folder (StaticFiles).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta import __version__
from warta.errors import WartaError
from warta.record import Article
from warta.store import Store, queries
from warta.web import charts, optional
from warta.web.cache import cached, results
from warta.web.highlight import entity_url, highlight
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
from warta.web.pool import StorePool

HERE = Path(__file__).resolve().parent
DATE = r"^\d{4}-\d{2}-\d{2}$"
MONTH = r"^\d{4}-\d{2}$"
COUNTRY = re.compile(r"^[A-Za-z]{3}$")

# Pages and the API answer with these headers. The CSP forbids every script but our own file, so even markup that
# slipped through escaping could not run.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

API_DESCRIPTION = """Read-only access to a Warta database: cleaned Indonesian news articles with their entities,
quotes, PLOVER/CAMEO events, stories and timelines. Lists are paginated with `limit`/`offset` and report `total`.
Errors are JSON objects with a `detail` message (404 unknown id, 400 bad search query, 422 invalid parameter)."""


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # article text is untrusted input: everything is escaped unless marked safe in Python
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["entity_url"] = entity_url
    env.filters["seg"] = lambda value: url_quote(str(value), safe=":")
    env.filters["day"] = lambda value: (str(value)[:10] if value else "")
    env.filters["when"] = _when
    env.filters["web_url"] = _web_url
    env.filters["num"] = lambda value, digits=2: ("" if value is None else f"{float(value):+.{digits}f}")
    env.globals["version"] = __version__
    env.globals["query_string"] = lambda **params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return Jinja2Templates(env=env)


def _when(value: str | None) -> str:
    """'2023-03-21T23:48:00+07:00' -> '21 Mar 2023, 23:48 (UTC+07:00)': the outlet's local time, with its zone."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:  # a date without a time of day
        return moment.strftime("%-d %b %Y")
    text = moment.strftime("%-d %b %Y, %H:%M")
    offset = moment.strftime("%z")
    return f"{text} (UTC{offset[:3]}:{offset[3:]})" if offset else text


def _web_url(value: str | None) -> str | None:
    """The URL when it is plain http(s), else None: escaping alone would let a `javascript:` link through."""
    if value and re.match(r"^https?://[^\s]+$", value, re.IGNORECASE):
        return value
    return None


def _schema_type(schema: dict[str, Any]) -> str:
    """'string', 'integer', ... of an OpenAPI parameter schema; optional ones nest it in anyOf with null."""
    if "type" in schema:
        return str(schema["type"])
    kinds = [str(s.get("type")) for s in schema.get("anyOf", []) if s.get("type") not in (None, "null")]
    return " or ".join(kinds)


def _parse_dyad(value: str) -> tuple[str, str]:
    codes = [c.strip() for c in value.split(",")]
    if len(codes) != 2 or not all(COUNTRY.match(c) for c in codes):
        raise HTTPException(422, "dyad must be two ISO 3166 alpha-3 country codes separated by a comma, e.g. RUS,CHN")
    return codes[0].upper(), codes[1].upper()


def _country(code: str) -> str:
    if not COUNTRY.match(code):
        raise HTTPException(422, f"not an ISO 3166 alpha-3 country code: {code!r} (e.g. RUS, CHN, IDN)")
    return code.upper()


def _check_range(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"'from' ({date_from}) is after 'to' ({date_to})")


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response. A plain ASGI middleware: Starlette's BaseHTTPMiddleware would
    cost an extra task and stream copy per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in self.headers if k not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def entity_profile(db: Store, entity_id: str) -> dict[str, Any] | None:
    """Everything the store says about one entity (None when unknown); cached per database state."""
    def compute() -> dict[str, Any] | None:
        entity = queries.get_entity(db, entity_id)
        if entity is None:
            return None
        return {"entity": entity, "mentions": queries.entity_mentions(db, entity_id),
                "quotes": queries.list_quotes(db, speaker=entity_id, limit=200)["items"],
                "cooccurring": queries.cooccurring(db, entity_id), "articles": queries.entity_articles(db, entity_id),
                "months": queries.entity_months(db, entity_id)}

    return results.get(db, ("entity", entity_id), compute)


def latest_first(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(stories, key=lambda s: (str(s.get("last_date") or s.get("first_date") or ""), s.get("n_articles") or 0),
                  reverse=True)


async def open_store(request: Request) -> AsyncIterator[Store]:
    """Borrow a read-only connection for this request. An async dependency runs on the event loop, so borrowing
    and returning costs no trip to the thread pool; the endpoint itself runs in a worker thread."""
    pool: StorePool = request.app.state.pool
    try:
        db = pool.acquire()
    except WartaError as exc:
        raise HTTPException(503, f"database unavailable: {exc}") from exc
    try:
        yield db
    finally:
        pool.release(db)


StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=200, description="page size (1-200)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
# The codes are checked by _country/_parse_dyad, which explain a bad one in words; the pattern documents them in the
# spec only (FastAPI would answer with a bare "should match pattern").
COUNTRY_PATTERN = "^[A-Za-z]{3}$"
DYAD_PATTERN = r"^\s*[A-Za-z]{3}\s*,\s*[A-Za-z]{3}\s*$"
CountryCode = Annotated[str, PathParam(description="ISO 3166 alpha-3 country code, e.g. RUS",
                                       json_schema_extra={"pattern": COUNTRY_PATTERN})]
Grouping = Literal["outlet", "month"]
GroupBy = Annotated[Grouping, Query(description="group by 'outlet' or 'month' (the article's local month)")]
ToneEntity = Annotated[str | None, Query(max_length=300, description="entity id, name or surface form; "
                                                                     "leave out for all articles")]


def create_app(db_path: str) -> FastAPI:
    """The Warta API and dashboard over the database at `db_path`, opened read-only."""
    path = Path(db_path)
    with Store(path, readonly=True):
        pass  # fail at start-up, not on the first request, when the file is missing or not a Warta database
    templates = _templates()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        optional.preload()
        yield
        app.state.pool.close()

    # FastAPI's own /docs and /redoc pages load their scripts from a CDN; the dashboard has its own API page instead.
    app = FastAPI(title="Warta", version=__version__, description=API_DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  openapi_tags=[{"name": "articles"}, {"name": "entities"}, {"name": "quotes"},
                                {"name": "stories"}, {"name": "events"}, {"name": "tone"}])
    app.state.pool = StorePool(path)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.add_middleware(SecurityHeaders)

    def _wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def _error_page(request: Request, status: int, message: str) -> Response:
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return _error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in err.get('loc', ()) if p not in ('query', 'path'))}: {err.get('msg')}"
            for err in exc.errors()
        ]
        message = "invalid parameter — " + "; ".join(problems)
        if _wants_json(request):
            errors = [{k: v for k, v in err.items() if k in ("loc", "msg", "type")} for err in exc.errors()]
            return JSONResponse({"detail": message, "errors": errors}, status_code=422)
        return _error_page(request, 422, message)

    # API ----------------------------------------------------------------------------------------------------------
    @app.get("/api/articles", tags=["articles"], summary="List articles, newest first")
    def api_articles(
        db: StoreDep,
        outlet: Annotated[str | None, Query(max_length=200, description="outlet name, e.g. Kompas.com")] = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="YYYY-MM-DD (UTC)")] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="YYYY-MM-DD, inclusive")] = None,
        entity: Annotated[str | None, Query(max_length=300, description="entity id or exact name")] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> ArticlePage:
        _check_range(date_from, date_to)
        return cached(queries.list_articles, db, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity,
                                     limit=limit, offset=offset)

    @app.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article record, as exported",
             responses={404: {"model": ErrorMessage}})
    def api_article(article_id: str, db: StoreDep) -> Article:
        article = db.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return article

    @app.get("/api/search", tags=["articles"], summary="Full-text search (FTS5) with snippets and facets",
             responses={400: {"model": ErrorMessage}})
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
    ) -> SearchResult:
        try:
            fts = queries.phrase_query(q) if syntax == "words" else q
            result = cached(queries.search, db, fts, outlet=outlet, entity=entity, month=month, limit=limit, offset=offset)
        except queries.BadQuery as exc:
            raise HTTPException(400, str(exc)) from exc
        # a copy without the template's pieces: the result is cached and shared, never changed in place
        items = [{k: v for k, v in item.items() if k != "snippet_parts"} for item in result["items"]]
        return {**result, "items": items}

    @app.get("/api/entities", tags=["entities"], summary="Entities by the number of articles naming them")
    def api_entities(
        db: StoreDep,
        q: Annotated[str | None, Query(max_length=200, description="part of the name or id")] = None,
        type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC)$")] = None,  # noqa: A002 - the API's word
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> EntityPage:
        return cached(queries.list_entities, db, q=q, entity_type=type, limit=limit, offset=offset)

    @app.get("/api/entities/{entity_id:path}", tags=["entities"],
             summary="One entity: mentions, quotes, co-occurring entities, articles", responses={404: {"model": ErrorMessage}})
    def api_entity(entity_id: str, db: StoreDep) -> EntityDetail:
        profile = entity_profile(db, entity_id)
        if profile is None:
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        tone, tone_note = optional.tone_by(db, entity_id, "outlet")
        return {**profile["entity"], **{k: v for k, v in profile.items() if k != "entity"},
                "tone_by_outlet": tone, "notes": [n for n in (tone_note,) if n]}

    @app.get("/api/quotes", tags=["quotes"], summary="Quotes, optionally by speaker (entity id or name)")
    def api_quotes(
        db: StoreDep,
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> QuotePage:
        return cached(queries.list_quotes, db, speaker=speaker, limit=limit, offset=offset)

    @app.get("/api/stories", tags=["stories"], summary="Stories: the same news across outlets")
    def api_stories(db: StoreDep) -> StoryList:
        rows, note = optional.stories(db)
        return {"total": len(rows), "items": rows, "note": note}

    @app.get("/api/stories/{story_id:path}", tags=["stories"], summary="One story with its articles and events",
             responses={404: {"model": ErrorMessage}})
    def api_story(story_id: str, db: StoreDep) -> StoryDetail:
        story = cached(queries.story_row, db, story_id)
        articles = cached(queries.story_articles, db, story_id)
        if story is None and not articles:
            raise HTTPException(404, f"no story with id {story_id!r}")
        story = story or {"id": story_id, "headline": articles[0]["title"]}
        return {**story, "n_stored_articles": cached(queries.story_size, db, story_id), "articles": articles,
                "events": cached(queries.story_events, db, story_id)}

    @app.get("/api/timeline", tags=["events"], summary="Dated events of a country dyad or of an entity")
    def api_timeline(
        db: StoreDep,
        dyad: Annotated[str | None, Query(max_length=20, description="two alpha-3 codes: RUS,CHN",
                                          json_schema_extra={"pattern": DYAD_PATTERN})] = None,
        entity: Annotated[str | None, Query(max_length=300, description="entity id or name")] = None,
        min_sources: Annotated[int, Query(ge=1, le=100, description="only events reported by >= N outlets")] = 1,
    ) -> Timeline:
        if not dyad and not entity:
            raise HTTPException(422, "give dyad=A,B (ISO alpha-3 codes, e.g. RUS,CHN) or entity=ID")
        pair = _parse_dyad(dyad) if dyad else None
        rows, note = optional.timeline(db, dyad=pair, entity=entity, min_sources=min_sources)
        return {"dyad": list(pair) if pair else None, "entity": entity, "items": rows, "note": note}

    @app.get("/api/dyad/{a}/{b}/trend", tags=["events"], summary="Monthly cooperation/conflict trend of a dyad")
    def api_dyad_trend(a: CountryCode, b: CountryCode, db: StoreDep) -> Trend:
        a, b = _country(a), _country(b)
        rows, note = optional.dyad_trend(db, a, b)
        return {"a": a, "b": b, "months": rows, "series": charts.trend_series(rows), "note": note}

    @app.get("/api/tone", tags=["tone"], summary="Mean tone per outlet or month, of an entity or of all articles")
    def api_tone(db: StoreDep, entity: ToneEntity = None, by: GroupBy = "outlet") -> ToneReport:
        rows, note = optional.tone_by(db, entity, by)
        return {"entity": entity, "by": by, "items": rows, "note": note}

    @app.get("/api/themes", tags=["tone"], summary="Theme counts per outlet or month, of an entity or of all articles")
    def api_themes(db: StoreDep, entity: ToneEntity = None, by: GroupBy = "month") -> ThemeReport:
        rows, note = optional.themes_by(db, entity, by)
        return {"entity": entity, "by": by, "labels": optional.theme_labels(),
                "totals": dict(optional.theme_totals(rows)), "items": rows, "note": note}

    @app.get("/api/health", tags=["articles"], summary="Liveness and database counts")
    def api_health(db: StoreDep) -> Health:
        return {"status": "ok", "version": __version__, "counts": queries.counts(db)}

    # FastAPI documents 422 bodies as {"detail": [errors]}; validation_error above answers {"detail": message,
    # "errors": [errors]} (and HTTPException 422s a message alone), so the spec describes that shape instead.
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

    # pages --------------------------------------------------------------------------------------------------------
    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: StoreDep) -> HTMLResponse:
        stories, stories_note = optional.stories(db)
        overview = results.get(db, ("home",), lambda: {
            "counts": queries.counts(db), "latest": queries.list_articles(db, limit=8)["items"],
            "outlets": queries.outlets(db), "entities": queries.list_entities(db, limit=12)["items"],
            "dyads": queries.top_dyads(db)})
        theme_rows, _ = optional.themes_by(db, None, "month")
        return page(request, "home.html", stories=latest_first(stories)[:8], stories_note=stories_note,
                    themes=optional.theme_totals(theme_rows)[:10], theme_labels=optional.theme_labels(), **overview)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, db: StoreDep,
        q: Annotated[str, Query(max_length=500)] = "",
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        entity: Annotated[str | None, Query(max_length=300)] = None,
        month: Annotated[str | None, Query(pattern=MONTH)] = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        result, error = None, None
        if q.strip():
            try:
                result = cached(queries.search, db, queries.phrase_query(q), outlet=outlet, entity=entity, month=month,
                                        limit=20, offset=offset)
            except queries.BadQuery as exc:
                error = str(exc)
        status = 400 if error else 200
        return templates.TemplateResponse(
            request, "search.html",
            {"q": q, "outlet": outlet, "entity": entity, "month": month, "offset": offset, "result": result,
             "error": error}, status_code=status)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request, db: StoreDep,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        entity: Annotated[str | None, Query(max_length=300)] = None,
        date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
        date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        _check_range(date_from, date_to)
        listing = cached(queries.list_articles, db, outlet=outlet, entity=entity, date_from=date_from, date_to=date_to,
                                        limit=25, offset=offset)
        return page(request, "articles.html", listing=listing, outlet=outlet, entity=entity, date_from=date_from,
                    date_to=date_to, outlets=cached(queries.outlets, db))

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, db: StoreDep) -> HTMLResponse:
        article = db.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"No article with id “{article_id}”.")
        entities = sorted(article.entities, key=lambda e: (-len(e.mentions), e.name))
        return page(request, "article.html", a=article, body_html=highlight(article), entities=entities,
                    removed=queries.removed_segments(db, article_id))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(
        request: Request, db: StoreDep,
        q: Annotated[str | None, Query(max_length=200)] = None,
        type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC)$")] = None,  # noqa: A002
        offset: Offset = 0,
    ) -> HTMLResponse:
        listing = cached(queries.list_entities, db, q=q, entity_type=type, limit=50, offset=offset)
        return page(request, "entities.html", listing=listing, q=q, type=type)

    @app.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str, db: StoreDep) -> HTMLResponse:
        profile = entity_profile(db, entity_id)
        if profile is None:
            raise HTTPException(404, f"No entity with id “{entity_id}”.")
        entity = profile["entity"]
        timeline, timeline_note = optional.timeline(db, entity=entity_id)
        tone, tone_note = optional.tone_by(db, entity_id, "outlet")
        tone_months, _ = optional.tone_by(db, entity_id, "month")
        theme_rows, themes_note = optional.themes_by(db, entity_id, "month")
        return page(request, "entity.html", e=entity, quotes=profile["quotes"][:50], neighbours=profile["cooccurring"],
                    graph=charts.cooccurrence_graph(entity, profile["cooccurring"]),
                    months_chart=charts.month_bars(profile["months"], "n_articles",
                                                   f"Articles naming {entity['name']} per month"),
                    timeline=timeline[:100], timeline_note=timeline_note, tone=tone, tone_note=tone_note,
                    tone_month_chart=charts.polarity_columns(tone_months, "month",
                                                             f"Tone of sentences naming {entity['name']} per month"),
                    tone_outlet_chart=charts.polarity_rows(tone, "outlet",
                                                           f"Tone of sentences naming {entity['name']} per outlet"),
                    themes=optional.theme_totals(theme_rows)[:10], themes_note=themes_note,
                    theme_labels=optional.theme_labels(), articles=profile["articles"][:30])

    @app.get("/themes", response_class=HTMLResponse, include_in_schema=False)
    def themes_page(request: Request, db: StoreDep, entity: ToneEntity = None, by: GroupBy = "month") -> HTMLResponse:
        rows, note = optional.themes_by(db, entity, by)
        groups = [str(row.get(by)) for row in rows]
        # one table row per theme, one column per group: theme counts per month (or outlet) at a glance
        table = [{"theme": theme, "total": total,
                  "counts": [int((row.get("themes") or {}).get(theme, 0)) for row in rows]}
                 for theme, total in optional.theme_totals(rows)]
        return page(request, "themes.html", entity=entity, by=by, groups=groups,
                    sizes=[row.get("articles") for row in rows], table=table, note=note,
                    labels=optional.theme_labels())

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, db: StoreDep) -> HTMLResponse:
        stories, note = optional.stories(db)
        return page(request, "stories.html", stories=stories, stories_note=note)

    @app.get("/stories/{story_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str, db: StoreDep) -> HTMLResponse:
        story = cached(queries.story_row, db, story_id)
        articles = cached(queries.story_articles, db, story_id)
        if story is None and not articles:
            raise HTTPException(404, f"No story with id “{story_id}”.")
        return page(request, "story.html", story=story or {"id": story_id, "headline": articles[0]["title"]},
                    articles=articles, n_articles=cached(queries.story_size, db, story_id),
                    events=cached(queries.story_events, db, story_id))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request, db: StoreDep,
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        return page(request, "quotes.html", listing=cached(queries.list_quotes, db, speaker=speaker, limit=50, offset=offset),
                    speaker=speaker)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs_page(request: Request) -> HTMLResponse:
        spec = app.openapi()
        routes = []
        for route_path, methods in spec["paths"].items():
            for method, op in methods.items():
                params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "description": p.get("description") or p.get("schema", {}).get("description", ""),
                           "type": _schema_type(p.get("schema", {}))}
                          for p in op.get("parameters", [])]
                routes.append({"method": method.upper(), "path": route_path, "summary": op.get("summary", ""),
                               "tag": (op.get("tags") or [""])[0], "params": params,
                               "codes": sorted(op.get("responses", {}))})
        return page(request, "api.html", routes=routes, description=spec["info"].get("description", "").replace("`", ""))

    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str, db: StoreDep) -> HTMLResponse:
        a, b = _country(a), _country(b)
        trend, trend_note = optional.dyad_trend(db, a, b)
        timeline, timeline_note = optional.timeline(db, dyad=(a, b))
        return page(request, "dyad.html", a=a, b=b, chart=charts.trend_chart(trend, f"{a}–{b}: events per month"),
                    trend_note=trend_note, timeline=timeline[:200], timeline_note=timeline_note,
                    dyads=cached(queries.top_dyads, db, limit=12))

    return app
