"""The HTML dashboard: one page route per view, rendered with the package's Jinja templates.

`build_templates` makes the template environment once per app (create_app keeps it on `app.state.templates`);
`page` renders with it. Article text is untrusted: autoescaping is on and the filters below never mark input safe.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from warta import __version__, chartdata, places
from warta.store import Store, queries
from warta.web import charts, i18n, optional
from warta.web.cache import cached, results
from warta.web.deps import (
    DATE,
    EntityNames,
    EventFilters,
    GroupBy,
    Months,
    Offset,
    Outlets,
    StoreDep,
    ToneEntity,
    check_range,
    country,
    entity_profile,
    shown,
)
from warta.web.highlight import entity_url, highlight
from warta.web.labels import entity_label

TEMPLATES = Path(__file__).resolve().parent / "templates"

router = APIRouter()


def build_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # article text is untrusted input: everything is escaped unless marked safe in Python
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["langs"] = i18n.LANGS
    env.globals["quad_labels"] = i18n.QUAD_LABELS
    env.globals["basis_labels"] = i18n.BASIS_LABELS
    env.globals["lang_url"] = _lang_url
    env.globals["entity_label"] = entity_label
    env.filters["entity_url"] = entity_url
    env.filters["seg"] = lambda value: url_quote(str(value), safe=":")
    env.filters["day"] = lambda value: (str(value)[:10] if value else "")
    env.filters["when"] = _when
    env.filters["web_url"] = _web_url
    env.filters["num"] = lambda value, digits=2: ("" if value is None else f"{float(value):+.{digits}f}")
    env.globals["version"] = __version__
    env.globals["query_string"] = lambda **params: _query(params)
    env.globals["facet_links"] = facet_links
    return Jinja2Templates(env=env)


def _lang_url(request: Request, lang: str) -> str:
    """This page's URL in another language (the choice is then remembered in a cookie)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return request.url.path + "?" + urlencode([*params, ("lang", lang)])


def _when(value: str | None) -> str:
    """'2023-03-21T23:48:00+07:00' -> '21 Mar 2023, 23:48 (UTC+07:00)': the outlet's local time, with its zone; the
    month's name in the reader's language (CLDR through babel: '5 Mei 2023' in Indonesian)."""
    from babel.dates import format_date

    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    day = format_date(moment.date(), "d MMM y", locale=i18n.current.get())
    if len(value) <= 10:  # a date without a time of day
        return day
    text = f"{day}, {moment:%H:%M}"
    offset = moment.strftime("%z")
    return f"{text} (UTC{offset[:3]}:{offset[3:]})" if offset else text


def _web_url(value: str | None) -> str | None:
    """The URL when it is plain http(s), else None: escaping alone would let a `javascript:` link through."""
    if value and re.match(r"^https?://[^\s]+$", value, re.IGNORECASE):
        return value
    return None


def schema_type(schema: dict[str, Any]) -> str:
    """'string', 'integer', ... of an OpenAPI parameter schema; optional ones nest it in anyOf with null."""
    if "type" in schema:
        return str(schema["type"])
    kinds = [str(s.get("type")) for s in schema.get("anyOf", []) if s.get("type") not in (None, "null")]
    return " or ".join(kinds)


def latest_first(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(stories, key=lambda s: (str(s.get("last_date") or s.get("first_date") or ""), s.get("n_articles") or 0),
                  reverse=True)


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template `name` rendered with `context`, by the app's templates (see build_templates)."""
    templates: Jinja2Templates = request.app.state.templates
    lang = getattr(request.state, "lang", i18n.DEFAULT)
    i18n.current.set(lang)  # this worker thread renders in the request's language
    return templates.TemplateResponse(request, name, {"lang": lang, **context}, status_code=status_code)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, db: StoreDep) -> HTMLResponse:
    stories, stories_note = optional.stories(db)
    overview = results.get(db, ("home",), lambda: {
        "counts": queries.counts(db), "latest": queries.list_articles(db, limit=8)["items"],
        "outlets": queries.outlets(db), "entities": queries.list_entities(db, limit=12)["items"],
        "dyads": queries.top_dyads(db)})
    theme_rows, _ = optional.themes_by(db, None, "month")
    return page(request, "home.html", stories=latest_first(stories)[:8], stories_note=stories_note,
                themes=optional.theme_totals(theme_rows)[:10], theme_labels=optional.theme_labels(), **overview)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request, db: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Outlets = None,
    entity: EntityNames = None,
    month: Months = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
    sort: Annotated[Literal["relevance", "date"], Query()] = "relevance",
    copies: Annotated[Literal["fold", "show"], Query()] = "fold",
    offset: Offset = 0,
) -> HTMLResponse:
    check_range(date_from, date_to)
    result, error = None, None
    named: list[dict[str, Any]] = []
    chosen = {"outlet": list(dict.fromkeys(outlet or ())), "entity": list(dict.fromkeys(entity or ())),
              "month": list(dict.fromkeys(month or ()))}
    if q.strip():
        try:
            fts, named = cached(queries.parse_query, db, q)
            result = cached(queries.search, db, fts, outlet=tuple(chosen["outlet"]), entity=tuple(chosen["entity"]),
                            month=tuple(chosen["month"]), date_from=date_from, date_to=date_to, sort=sort,
                            collapse=copies == "fold", limit=20, offset=offset)
        except queries.BadQuery as exc:
            error = str(exc)
    status = 400 if error else 200
    base = {"q": q, **chosen, "from": date_from, "to": date_to, "sort": None if sort == "relevance" else sort,
            "copies": None if copies == "fold" else copies}
    return page(request, "search.html", status_code=status, q=q, chosen=chosen, date_from=date_from,
                date_to=date_to, sort=sort, copies=copies, offset=offset, result=result, error=error, named=named,
                base=base, chips=filter_chips(db, base))


def filter_chips(db: Store, params: dict[str, Any]) -> list[dict[str, str]]:
    """The active facet filters as readable chips ("China", "Mar 2023"), each with the link that removes it."""
    chips = []
    for key, kind in (("outlet", "Outlet"), ("entity", "Entity"), ("month", "Month")):
        for value in params[key]:
            rest = {**params, key: [v for v in params[key] if v != value]}
            if key == "entity":
                label = queries.entity_labels(db, [value])[0]["name"]
            elif key == "month":
                label = datetime.strptime(value, "%Y-%m").strftime("%b %Y")
            else:
                label = value
            chips.append({"kind": kind, "label": label, "value": value, "remove": "/search?" + _query(rest)})
    return chips


def _query(params: dict[str, Any]) -> str:
    """A URL query string of the parameters that have a value (lists repeat their name)."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "", [])}, doseq=True)


def facet_links(params: dict[str, Any], key: str, values: list[str]) -> dict[str, str]:
    """For each value of a facet, the query string of the search with that value added to the filter `key`, or
    taken out of it when it is there. The other parameters are encoded once for the whole list."""
    others = _query({k: v for k, v in params.items() if k not in (key, "offset")})
    chosen = [v for v in params.get(key) or [] if v]
    links = {}
    for value in values:
        kept = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
        own = urlencode([(key, v) for v in kept])
        links[value] = "&".join(part for part in (others, own) if part)
    return links


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(
    request: Request, db: StoreDep,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=300)] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    check_range(date_from, date_to)
    listing = cached(queries.list_articles, db, outlet=outlet, entity=entity, date_from=date_from, date_to=date_to,
                                    limit=25, offset=offset)
    return page(request, "articles.html", listing=listing, outlet=outlet, entity=entity, date_from=date_from,
                date_to=date_to, outlets=cached(queries.outlets, db))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: str, db: StoreDep) -> HTMLResponse:
    article = db.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"No article with id “{article_id}”.")
    article = shown(request, article)
    entities = sorted(article.entities, key=lambda e: (-len(e.mentions), e.name))
    return page(request, "article.html", a=article, body_html=highlight(article), entities=entities,
                removed=queries.removed_segments(db, article_id))


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request, db: StoreDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC)$")] = None,  # noqa: A002
    offset: Offset = 0,
) -> HTMLResponse:
    listing = cached(queries.list_entities, db, q=q, entity_type=type, limit=50, offset=offset)
    return page(request, "entities.html", listing=listing, q=q, type=type)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, entity_id: str, db: StoreDep) -> HTMLResponse:
    profile = entity_profile(db, entity_id)
    if profile is None:
        raise HTTPException(404, f"No entity with id “{entity_id}”.")
    entity = profile["entity"]
    _ = i18n.translator(getattr(request.state, "lang", i18n.DEFAULT))
    timeline, timeline_note = optional.timeline(db, entity=entity_id)
    tone, tone_note = optional.tone_by(db, entity_id, "outlet")
    tone_months, _month_note = optional.tone_by(db, entity_id, "month")
    theme_rows, themes_note = optional.themes_by(db, entity_id, "month")
    place = places.resolve_entity(entity_id, entity.get("name")) if entity.get("type") == "LOC" else None
    return page(request, "entity.html", e=entity, place=place if place and place.located else None,
                quotes=profile["quotes"][:50], neighbours=profile["cooccurring"],
                graph=charts.cooccurrence_graph(entity, profile["cooccurring"]),
                months_chart=charts.month_bars(profile["months"], "n_articles",
                                               _("Articles naming %(name)s per month") % {"name": entity["name"]}),
                share_chart=charts.month_bars(
                    profile["months"], "share",
                    _("Share of each month's articles naming %(name)s") % {"name": entity["name"]}, percent=True),
                timeline=timeline[:100], timeline_note=timeline_note, tone=tone, tone_note=tone_note,
                tone_month_chart=charts.polarity_columns(
                    tone_months, "month", _("Tone of sentences naming %(name)s per month") % {"name": entity["name"]}),
                tone_outlet_chart=charts.polarity_rows(
                    tone, "outlet", _("Tone of sentences naming %(name)s per outlet") % {"name": entity["name"]}),
                themes=optional.theme_totals(theme_rows)[:10], themes_note=themes_note,
                theme_labels=optional.theme_labels(), articles=profile["articles"][:30])


@router.get("/themes", response_class=HTMLResponse, include_in_schema=False)
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


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, db: StoreDep, offset: Offset = 0) -> HTMLResponse:
    stories, note = optional.stories(db)
    return page(request, "stories.html", stories=stories[offset:offset + 50], total=len(stories), offset=offset,
                limit=50, stories_note=note)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: str, db: StoreDep) -> HTMLResponse:
    story = cached(queries.story_row, db, story_id)
    articles = cached(queries.story_articles, db, story_id)
    if story is None and not articles:
        raise HTTPException(404, f"No story with id “{story_id}”.")
    return page(request, "story.html", story=story or {"id": story_id, "headline": articles[0]["title"]},
                articles=articles, n_articles=cached(queries.story_size, db, story_id),
                events=cached(queries.story_events, db, story_id),
                related=cached(queries.related_stories, db, story_id))


@router.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
def quotes_page(
    request: Request, db: StoreDep,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    offset: Offset = 0,
) -> HTMLResponse:
    return page(request, "quotes.html", listing=cached(queries.list_quotes, db, speaker=speaker, limit=50, offset=offset),
                speaker=speaker)


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, db: StoreDep, filters: EventFilters, offset: Offset = 0) -> HTMLResponse:
    listing = cached(queries.list_events, db, limit=50, offset=offset, **filters)
    # the filters as the URL spells them, for the pager and the download links
    params = {"type": filters["type"], "quad": filters["quad"], "actor": filters["actor"], "target": filters["target"],
              "place": filters["place"], "from": filters["date_from"], "to": filters["date_to"],
              "min_outlets": filters["min_outlets"] if filters["min_outlets"] > 1 else None,
              "both": "true" if filters["both"] else None, "story": filters["story"]}
    return page(request, "events.html", listing=listing, filters=filters, params=params,
                types=cached(queries.event_types, db), quads=queries.QUADS,
                dyads=cached(queries.dyad_index, db, limit=40))


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    routes = []
    for route_path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "type": schema_type(p.get("schema", {}))}
                      for p in op.get("parameters", [])]
            routes.append({"method": method.upper(), "path": route_path, "summary": op.get("summary", ""),
                           "tag": (op.get("tags") or [""])[0], "params": params,
                           "codes": sorted(op.get("responses", {}))})
    return page(request, "api.html", routes=routes, description=spec["info"].get("description", "").replace("`", ""))


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
def dyad_page(request: Request, a: str, b: str, db: StoreDep) -> HTMLResponse:
    a, b = country(a), country(b)
    try:
        series = cached(chartdata.dyad_series, db, a, b)
    except chartdata.NoChartData as exc:
        raise HTTPException(404, f"{exc.reason}. {exc.hint}") from None
    timeline, timeline_note = optional.timeline(db, dyad=(a, b))
    _ = i18n.translator(getattr(request.state, "lang", i18n.DEFAULT))
    title = _("%(pair)s: events per month") % {"pair": f"{a}–{b}"}
    return page(request, "dyad.html", a=a, b=b, chart=charts.trend_chart(series, title, gettext=_),
                chart_narrow=charts.trend_chart(series, title, width=400, height=360, font=13, gettext=_),
                trend_note=series.note, timeline=timeline[:200], timeline_note=timeline_note,
                dyads=cached(queries.top_dyads, db, limit=12))


@router.get("/collector", response_class=HTMLResponse, include_in_schema=False)
def collector_page(request: Request, db: StoreDep) -> HTMLResponse:
    """What `warta watch` follows: per outlet when it was last polled and how many articles came from it."""
    from warta.store.collect import CollectTables

    tables = CollectTables(db)
    if not tables.present():
        return page(request, "collector.html", outlets=[], feeds=[], failures=[], urls={})
    state: dict[str, Any] = results.get(db, ("collector",), lambda: {"outlets": tables.outlets(), "feeds": tables.feeds(),
                                                     "failures": tables.failures(20), "urls": tables.url_counts()})
    return page(request, "collector.html", **state)


class BlankFormFields:
    """Drops empty parameters (`from=&quad=`) from the query string of page requests: a filter form sends every
    field, and an empty date or choice means "no filter", not an invalid value. The API keeps its strict checks.
    A plain ASGI middleware, like warta.web.app's."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/api/") and scope.get("query_string"):
            pairs = [pair for pair in scope["query_string"].split(b"&") if pair and not pair.endswith(b"=")]
            scope = {**scope, "query_string": b"&".join(pairs)}
        await self.app(scope, receive, send)
