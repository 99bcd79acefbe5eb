"""What the API and page routes share: the per-request read-only store, parameter types and their checks.

The app keeps its shared objects on `app.state` (the connection pool, the templates); routes reach them through the
request, so the routers in `warta.web.api` and `warta.web.pages` are plain modules and not closures in `create_app`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, StringConstraints

from warta.errors import WartaError
from warta.record import Article
from warta.store import Store, queries
from warta.web.cache import results
from warta.web.pool import StorePool

DATE = r"^\d{4}-\d{2}-\d{2}$"
MONTH = r"^\d{4}-\d{2}$"
COUNTRY = re.compile(r"^[A-Za-z]{3}$")


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


def shown(request: Request, article: Article) -> Article:
    """The article as the server shows it: its source's path cut to the file name unless the app shows paths."""
    if request.app.state.show_paths:
        return article
    name = PurePath(article.source.path).name or article.source.path
    return article.model_copy(update={"source": article.source.model_copy(update={"path": name})})
# facet filters that take several values (?outlet=A&outlet=B: either); the constraints hold for each value
Outlets = Annotated[list[Annotated[str, StringConstraints(max_length=200)]] | None,
                    Query(max_length=20, description="outlet name; repeat for any of several")]
EntityNames = Annotated[list[Annotated[str, StringConstraints(max_length=300)]] | None,
                        Query(max_length=20, description="entity id or any name of it; repeat for any of several")]
Months = Annotated[list[Annotated[str, StringConstraints(pattern=MONTH)]] | None,
                   Query(max_length=60, description="YYYY-MM; repeat for any of several")]
Limit = Annotated[int, Query(ge=1, le=200, description="page size (1-200)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
# The codes are checked by country/parse_dyad, which explain a bad one in words; the pattern documents them in the
# spec only (FastAPI would answer with a bare "should match pattern").
COUNTRY_PATTERN = "^[A-Za-z]{3}$"
DYAD_PATTERN = r"^[^,]+,[^,]+$"
CountryCode = Annotated[str, PathParam(description="ISO 3166 alpha-3 country code, e.g. RUS",
                                       json_schema_extra={"pattern": COUNTRY_PATTERN})]
Grouping = Literal["outlet", "month"]
GroupBy = Annotated[Grouping, Query(description="group by 'outlet' or 'month' (the article's local month)")]
ToneEntity = Annotated[str | None, Query(max_length=300, description="entity id, name or surface form; "
                                                                     "leave out for all articles")]


ListFormat = Annotated[Literal["json", "csv"], Query(
    description="json (default): one page; csv: every matching row as a CSV download (limit and offset ignored)")]
# What the OpenAPI document says a list route may answer besides its JSON model.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "A page of JSON, or with format=csv every matching row as CSV."}}


def csv_download(request: Request, table: str, rows: Callable[[Store], list[dict[str, Any]]]) -> StreamingResponse:
    """Every row `rows(store)` gives, as a streamed CSV file named after `table` (columns: queries.EXPORT_COLUMNS).

    The rows are read on a connection the stream borrows itself (the request's is handed back when the route
    returns) and written out a thousand at a time.
    """
    columns = queries.EXPORT_COLUMNS[table]
    pool: StorePool = request.app.state.pool

    def chunks() -> Iterator[str]:
        db = pool.acquire()
        try:
            found = rows(db)
        finally:
            pool.release(db)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        for i, row in enumerate(found, 1):
            writer.writerow(queries.flat_row(row, columns))
            if i % 1000 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="warta-{table}.csv"'})


def as_json(model: type[BaseModel], payload: dict[str, Any]) -> Response:
    """The payload checked against the route's response model and written as JSON here, in the route's worker
    thread. Returned as a Response, FastAPI sends it as it is: left to FastAPI, a sync route's result is validated
    in a second trip to the thread pool, which under load waits its turn again behind every other request."""
    return Response(model.model_validate(payload).model_dump_json(), media_type="application/json")


def parse_dyad(value: str) -> tuple[str, str]:
    """`dyad=RUS,CHN` (codes or names, queries.DYAD_NOTATION), else a 422 that says the notation."""
    try:
        return queries.parse_dyad(value)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def country(code: str) -> str:
    if not COUNTRY.match(code):
        raise HTTPException(422, f"not an ISO 3166 alpha-3 country code: {code!r} (e.g. RUS, CHN, IDN)")
    return code.upper()


def check_range(date_from: str | None, date_to: str | None) -> None:
    """422 for a date that does not exist (2022-13-01) or a range that ends before it starts."""
    for value in (date_from, date_to):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise HTTPException(422, f"not a date: {value!r} (YYYY-MM-DD)") from None
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"'from' ({date_from}) is after 'to' ({date_to})")


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


Quad = Literal["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]


def event_filters(
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT")] = None,  # noqa: A002
    quad: Annotated[Quad | None, Query(description="PLOVER quad class")] = None,
    actor: Annotated[str | None, Query(max_length=300, description="the event's source: a country (code or name), "
                                                                   "an entity (id or any name) or a name")] = None,
    target: Annotated[str | None, Query(max_length=300, description="the event's target, as actor")] = None,
    place: Annotated[str | None, Query(max_length=200, description="where it happened, as written")] = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE, description="event date from, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE, description="event date to, inclusive")] = None,
    min_outlets: Annotated[int, Query(ge=1, le=100, description="only events reported by >= N outlets")] = 1,
    both: Annotated[bool, Query(description="actor and target in either direction (a country pair)")] = False,
    story: Annotated[str | None, Query(max_length=300, description="only the events of this story's articles")] = None,
) -> dict[str, Any]:
    """The events explorer's filters (API and page alike), as keyword arguments of queries.list_events."""
    check_range(date_from, date_to)
    return {"type": type, "quad": quad, "actor": actor, "target": target, "place": place, "date_from": date_from,
            "date_to": date_to, "min_outlets": min_outlets, "both": both,
            "story": story}


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]
