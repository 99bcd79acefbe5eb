"""What the API and page routes share: the per-request read-only store, parameter types and their checks.

The app keeps its shared objects on `app.state` (the connection pool, the templates); routes reach them through the
request, so the routers in `warta.web.api` and `warta.web.pages` are plain modules and not closures in `create_app`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi import Path as PathParam

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
Limit = Annotated[int, Query(ge=1, le=200, description="page size (1-200)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
# The codes are checked by country/parse_dyad, which explain a bad one in words; the pattern documents them in the
# spec only (FastAPI would answer with a bare "should match pattern").
COUNTRY_PATTERN = "^[A-Za-z]{3}$"
DYAD_PATTERN = r"^\s*[A-Za-z]{3}\s*,\s*[A-Za-z]{3}\s*$"
CountryCode = Annotated[str, PathParam(description="ISO 3166 alpha-3 country code, e.g. RUS",
                                       json_schema_extra={"pattern": COUNTRY_PATTERN})]
Grouping = Literal["outlet", "month"]
GroupBy = Annotated[Grouping, Query(description="group by 'outlet' or 'month' (the article's local month)")]
ToneEntity = Annotated[str | None, Query(max_length=300, description="entity id, name or surface form; "
                                                                     "leave out for all articles")]


def parse_dyad(value: str) -> tuple[str, str]:
    codes = [c.strip() for c in value.split(",")]
    if len(codes) != 2 or not all(COUNTRY.match(c) for c in codes):
        raise HTTPException(422, "dyad must be two ISO 3166 alpha-3 country codes separated by a comma, e.g. RUS,CHN")
    return codes[0].upper(), codes[1].upper()


def country(code: str) -> str:
    if not COUNTRY.match(code):
        raise HTTPException(422, f"not an ISO 3166 alpha-3 country code: {code!r} (e.g. RUS, CHN, IDN)")
    return code.upper()


def check_range(date_from: str | None, date_to: str | None) -> None:
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
