"""The read-only REST API and dashboard over a Warta database.

`create_app(db_path)` builds a FastAPI app from two routers: the JSON API (`warta.web.api`) and the HTML pages
(`warta.web.pages`). Each request borrows its own read-only SQLite connection (`Store(path, readonly=True)`, see
`warta.web.deps.open_store`), so requests never share a cursor and a writer (`warta analyze`, WAL mode) can run at
the same time. The only files a request can reach are those in the package's static folder (StaticFiles).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta import __version__
from warta.store import Store
from warta.web import api, i18n, mapview, optional, pages
from warta.web.pool import StorePool

HERE = Path(__file__).resolve().parent

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
quotes, PLOVER/CAMEO events, stories and timelines. Lists are paginated with `limit`/`offset` and report `total`;
`format=csv` downloads every matching row instead. A country pair is written `dyad=A,B` (alpha-3 codes or names,
RUS,CHN), as the CLI's `--dyad A,B`. Dates are YYYY-MM-DD and must exist. A facet filter given several times
(`outlet=A&outlet=B`) matches any of its values.
Errors are JSON objects with a `detail` message (404 unknown id, 400 bad search query, 422 invalid parameter)."""


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


class HeadAsGet:
    """HEAD answers as GET would, headers (Content-Length included) without the body: the routers declare GET
    only, and Starlette answers HEAD to them with 405. A plain ASGI middleware, like SecurityHeaders."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_page(request: Request, status: int, message: str) -> Response:
    return pages.page(request, "error.html", status_code=status, status=status, message=message)


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return _error_page(request, exc.status_code, str(exc.detail))


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


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    optional.preload()
    yield
    app.state.pool.close()


def create_app(db_path: str, *, show_paths: bool = False, lang: str | None = None) -> FastAPI:
    """The Warta API and dashboard over the database at `db_path`, opened read-only. A source is shown by its file
    name (where it lay on the analysing machine is not the readers' business) unless `show_paths`. `lang` (id, en):
    the dashboard's language for readers who have not chosen one (warta.web.i18n)."""
    path = Path(db_path)
    with Store(path, readonly=True):
        pass  # fail at start-up, not on the first request, when the file is missing or not a Warta database

    # FastAPI's own /docs and /redoc pages load their scripts from a CDN; the dashboard has its own API page instead.
    app = FastAPI(title="Warta", version=__version__, description=API_DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  openapi_tags=[{"name": "articles"}, {"name": "entities"}, {"name": "quotes"},
                                {"name": "stories"}, {"name": "events"}, {"name": "tone"}])
    app.state.pool = StorePool(path)
    app.state.show_paths = show_paths
    app.state.templates = pages.build_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.add_middleware(pages.BlankFormFields)
    app.add_middleware(i18n.Language, default=lang)
    app.exception_handler(StarletteHTTPException)(http_error)
    app.exception_handler(RequestValidationError)(validation_error)

    app.include_router(api.router)
    api.document_error_shape(app)
    app.include_router(pages.router)
    app.include_router(mapview.router)
    return app
