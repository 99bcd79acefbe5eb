"""Hostile content and hostile requests against every page and API route.

A hand-made database carries script tags, attribute breakouts, `javascript:` URLs, template syntax, SQL, FTS5 syntax
and path traversal in every text field the web app shows (titles, bodies, outlets, authors, entity names and ids,
quotes, events, story headlines, theme evidence, removed segments). Every route of the app, listed from the app
itself so new routes are covered automatically, is then requested with those payloads as path and query parameters.

Nothing may answer 500, leave markup executable, return broken JSON, change the database, or show a file from
outside the package.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount, Route

from warta.record import Actor, Article, Entity, Event, Mention, Quote, Removed, Source, ThemeHit, Tone
from warta.store import Store

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
TEMPLATE = "{{7*7}}"
SQL = "'; DROP TABLE articles; --"
TRAVERSAL = "../../etc/passwd"

PAYLOADS = [
    SCRIPT, BREAKOUT, JS_URL, TEMPLATE, SQL, TRAVERSAL,
    "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "....//....//etc/passwd",
    "title:perang", "NEAR(perang damai", 'perang "damai', '"', "*", "perang*", "-", "AND OR NOT", "^perang",
    "%", "_", "\\", "a\x00b", "\u202e\ufeff", "😀" * 3, "x" * 5000, "", " ", "0", "-1", "1e309", "RUS,CHN,IDN",
]

# Text the hostile records carry; ids too (article, entity, story), so pages reached by those ids render them.
ARTICLE_IDS = [TRAVERSAL, SCRIPT, f"berita-{SQL}"]
ENTITY_IDS = [f"person:{BREAKOUT}", SQL, TRAVERSAL, f"org:{TEMPLATE}"]
STORY_ID = f"story-{SCRIPT}"
PASSWD_MARKERS = ("root:x:0:0", "root:*:0:0", "/bin/bash", "daemon:x:")


def _hostile_article(article_id: str, n: int) -> Article:
    lead = f"Warga {ENTITY_NAMES[0]} menulis {SCRIPT} dan {BREAKOUT} di papan desa pada Senin (6/2/2023)."
    said = f'"Kami menolak {SQL} dan {TEMPLATE}," kata {ENTITY_NAMES[1]} kepada wartawan.'
    tail = f"Tautan {JS_URL} serta berkas {TRAVERSAL} dan pencarian title:perang NEAR( \"tidak seimbang * dibagikan."
    body = f"{lead}\n\n{said}\n\n{tail}"
    mentions = [body.index(name) for name in ENTITY_NAMES[:2]]
    q_text = said[1:said.index('"', 1)]
    q_start = body.index(q_text)
    ev_start = body.index(lead)
    return Article(
        id=article_id,
        source=Source(path=f"/fixtures/{TRAVERSAL}/{n}.html", format="html", sha256=f"{n:064x}", url=JS_URL),
        lang="id",
        title=f"{SCRIPT} {BREAKOUT} {TEMPLATE} {n}",
        subtitle=f"{SQL} {JS_URL}",
        section=BREAKOUT,
        outlet=f"{SCRIPT}.com" if n % 2 else f"{BREAKOUT} News",
        published=f"2023-0{n + 1}-06T10:00:00+07:00",
        authors=[SCRIPT, BREAKOUT],
        editors=[TEMPLATE],
        dateline=SQL,
        cited_sources=[JS_URL, SCRIPT],
        body=body,
        removed=[Removed(text=f"Baca juga: {SCRIPT}", kind="related"), Removed(text=BREAKOUT, kind="ad")],
        entities=[
            Entity(id=ENTITY_IDS[0], name=ENTITY_NAMES[0], type="PER", kb=False, country="IDN",
                   mentions=[Mention(start=mentions[0], end=mentions[0] + len(ENTITY_NAMES[0]), text=ENTITY_NAMES[0])]),
            Entity(id=ENTITY_IDS[1], name=ENTITY_NAMES[1], type="ORG",
                   mentions=[Mention(start=mentions[1], end=mentions[1] + len(ENTITY_NAMES[1]), text=ENTITY_NAMES[1])]),
            Entity(id=ENTITY_IDS[2], name=TRAVERSAL, type="LOC", country="RUS",
                   mentions=[Mention(start=body.index(TRAVERSAL), end=body.index(TRAVERSAL) + len(TRAVERSAL),
                                     text=TRAVERSAL)]),
            Entity(id=ENTITY_IDS[3], name=TEMPLATE, type="ORG", country="CHN",
                   mentions=[Mention(start=body.index(TEMPLATE), end=body.index(TEMPLATE) + len(TEMPLATE),
                                     text=TEMPLATE)]),
        ],
        quotes=[Quote(text=q_text, start=q_start, end=q_start + len(q_text), speaker=f"{SCRIPT} {BREAKOUT}",
                      speaker_id=ENTITY_IDS[1], kind="direct", cue=BREAKOUT, cited=[SCRIPT])],
        events=[Event(type="PROTEST", cameo="14", goldstein=-6.5, quad="material_conflict",
                      source=Actor(entity_id=ENTITY_IDS[2], name=f"{SCRIPT} pihak", country="RUS", sector=BREAKOUT),
                      target=Actor(entity_id=ENTITY_IDS[3], name=f"{BREAKOUT} pihak", country="CHN"),
                      date="2023-02-06", date_precision="day", date_text=SCRIPT, place=f"{BREAKOUT} {TRAVERSAL}",
                      cue=SQL, start=ev_start, end=ev_start + len(lead), text=f"{lead} {SCRIPT}")],
        tone=Tone(positive=0.1, negative=0.2, polarity=-0.1, words=40),
        entity_tone={eid: Tone(positive=0.0, negative=0.1, polarity=-0.1 * (i + 1), words=10)
                     for i, eid in enumerate(ENTITY_IDS)},
        themes=[ThemeHit(theme=f"protests{SCRIPT}", score=3.0, evidence=[SCRIPT, BREAKOUT, JS_URL]),
                ThemeHit(theme="protests", score=2.0, evidence=[TEMPLATE, SQL])],
        keyphrases=[SCRIPT, BREAKOUT],
        story_id=STORY_ID,
    )


ENTITY_NAMES = [f"<b>Budi</b>{SCRIPT}", f"Ormas {BREAKOUT}"]


def _fingerprint(path: Path) -> tuple[str, dict[str, int]]:
    """SHA-256 of the database file and its row counts per table."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()
    return digest, counts


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with Store(path) as store:
        for n, article_id in enumerate(ARTICLE_IDS):
            store.save_article(_hostile_article(article_id, n))
        with store.conn:
            store.conn.execute(
                "INSERT INTO stories (id, headline, first_date, last_date, n_articles, n_outlets, data_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (STORY_ID, f"{SCRIPT} {BREAKOUT} {TEMPLATE}", "2023-01-06", "2023-03-06", 3, 2,
                 json.dumps({"summary": SCRIPT, "places": [BREAKOUT], "link": JS_URL})))
        # a checkpoint now, so that reading cannot fold a pending WAL into the file and look like a change
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="module")
def clustered_db(hostile_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile database after the stories stage: its story records, timelines and trends carry the payloads."""
    stories = pytest.importorskip("warta.stories")
    if not hasattr(stories, "assign_stories"):
        pytest.skip("warta.stories.assign_stories is not built")
    path = tmp_path_factory.mktemp("hostile-clustered") / "clustered.db"
    shutil.copy(hostile_db, path)
    with Store(path) as store:
        stories.assign_stories(store)
        store.conn.commit()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="module")
def client(hostile_db: Path) -> Iterator[TestClient]:
    from warta.web import create_app

    # raise_server_exceptions=False: an unhandled error must show up as the 500 a user would get
    with TestClient(create_app(str(hostile_db)), raise_server_exceptions=False) as test_client:
        yield test_client


class _Markup(HTMLParser):
    """Collects what would run in a browser: script elements, event-handler attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            # browsers ignore whitespace and control characters before the scheme
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None \
                    and "".join(value.split()).lower().startswith(("javascript:", "data:text/html", "vbscript:")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.problems.append("<script> element")
        if tag in ("iframe", "object", "embed", "base", "img"):  # the app's own pages use none of these
            self.problems.append(f"<{tag}> element")


def _check_response(url: str, response) -> None:  # noqa: ANN001 - httpx.Response
    assert response.status_code < 500, f"{url} -> {response.status_code}: {response.text[:300]}"
    text = response.text
    for marker in PASSWD_MARKERS:
        assert marker not in text, f"{url} shows a system file"
    kind = response.headers.get("content-type", "")
    if "json" in kind:
        json.loads(text)  # valid JSON, whatever it holds
    elif "html" in kind:
        lowered = text.lower()
        # the payloads may appear only escaped: "&lt;script&gt;", "&#34;&gt;&lt;img src=x onerror=..."
        assert "<script>alert" not in lowered and "<img src=x onerror" not in lowered, url
        parser = _Markup()
        parser.feed(text)
        parser.close()
        assert not parser.problems, f"{url}: {parser.problems}"


def _opened(routes: Sequence[BaseRoute]) -> Iterator[BaseRoute]:
    """The routes with included routers opened up: recent FastAPI versions keep an included APIRouter as one entry
    that holds it (`original_router`), older ones copy its routes into the app's list."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _opened(included.routes)
        else:
            yield route


def _routes(client: TestClient) -> list[tuple[str, list[str], list[str]]]:
    """(path template, path parameter names, query parameter names) of every GET route of the app."""
    routes = []
    for route in _opened(client.app.routes):
        if isinstance(route, APIRoute) and "GET" in route.methods:
            query = [p.alias or p.name for p in route.dependant.query_params]
            routes.append((route.path_format, [p.name for p in route.dependant.path_params], query))
        elif isinstance(route, Route) and "GET" in (route.methods or ()):  # e.g. /openapi.json
            routes.append((route.path_format, list(route.param_convertors), []))
        elif isinstance(route, Mount):
            routes.append((route.path + "/{path}", ["path"], []))
    return routes


def _fill(template: str, names: list[str], value: str, safe: str = "") -> str:
    for name in names:
        template = template.replace("{" + name + "}", quote(value, safe=safe))
    return template


def _urls(client: TestClient, extra_ids: Sequence[str] = ()) -> Iterator[str]:
    stored_ids = [*ARTICLE_IDS, *ENTITY_IDS, STORY_ID, *extra_ids]
    for template, path_params, query_params in _routes(client):
        for value in [*PAYLOADS, *stored_ids] if path_params else []:
            yield _fill(template, path_params, value)
            # `{id:path}` routes take slashes: traversal reaches them raw as well as encoded
            yield _fill(template, path_params, value, safe="/:")
        target = _fill(template, path_params, "RUS")
        yield target
        for value in PAYLOADS:
            yield target + "?" + "&".join(f"{quote(q)}={quote(value, safe='')}" for q in query_params)
            for q in query_params:  # one hostile parameter among valid defaults, so validation of the rest passes
                yield f"{target}?{quote(q)}={quote(value, safe='')}"


def test_every_route_is_covered(client: TestClient) -> None:
    """The route list comes from the app: the pages, the API, the spec and the static files are all in it."""
    paths = {template for template, _, _ in _routes(client)}
    assert {"/", "/articles/{article_id}", "/api/articles/{article_id}", "/api/search", "/themes", "/api/tone",
            "/static/{path}", "/openapi.json"} <= paths


def _sweep(client: TestClient, db: Path, extra_ids: Sequence[str] = ()) -> int:
    """Every route with every payload; the database must be byte-for-byte the same afterwards."""
    before = _fingerprint(db)
    urls = list(dict.fromkeys(_urls(client, extra_ids)))
    for url in urls:
        _check_response(url, client.get(url))
    assert _fingerprint(db) == before, "a request changed the database"
    return len(urls)


def test_no_route_breaks_or_leaks_under_hostile_input(client: TestClient, hostile_db: Path) -> None:
    assert _sweep(client, hostile_db) > 2000


def test_no_route_breaks_after_story_clustering(clustered_db: Path) -> None:
    """The same sweep once warta.stories has built story and event records from the hostile articles."""
    from warta.web import create_app

    conn = sqlite3.connect(f"file:{clustered_db}?mode=ro", uri=True)
    try:
        story_ids = [row[0] for row in conn.execute("SELECT id FROM stories")]
        assert conn.execute("SELECT count(*) FROM event_records").fetchone()[0] > 0
    finally:
        conn.close()
    with TestClient(create_app(str(clustered_db)), raise_server_exceptions=False) as clustered:
        assert _sweep(clustered, clustered_db, story_ids) > 2000
        timeline = clustered.get("/api/timeline", params={"dyad": "RUS,CHN"}).json()
        assert timeline["note"] is None and timeline["items"]  # served from the stage's records, not the fallback


@pytest.mark.parametrize("url", [
    f"/articles/{quote(TRAVERSAL, safe='')}", f"/articles/{quote(SCRIPT, safe='')}",
    f"/entities/{quote(ENTITY_IDS[0], safe=':')}", f"/entities/{quote(SQL, safe='')}",
    f"/stories/{quote(STORY_ID, safe='')}", "/quotes", "/", "/themes", "/articles", "/entities",
])
def test_hostile_records_render_as_text(client: TestClient, url: str) -> None:
    """Pages reached by the hostile ids answer 200 and show the payloads escaped, as text."""
    response = client.get(url)
    assert response.status_code == 200, url
    _check_response(url, response)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text, url


def test_template_syntax_is_shown_not_evaluated(client: TestClient) -> None:
    html = client.get(f"/articles/{quote(SCRIPT, safe='')}").text
    assert TEMPLATE in html
    assert f"{TEMPLATE} 1" in html  # the title, literally; Jinja never sees record text as a template


def test_hostile_ids_round_trip_through_the_api(client: TestClient) -> None:
    for article_id in ARTICLE_IDS:
        body = client.get("/api/articles/" + quote(article_id, safe="")).json()
        assert body["id"] == article_id and body["title"].startswith(SCRIPT)
    for entity_id in ENTITY_IDS:
        body = client.get("/api/entities/" + quote(entity_id, safe=":")).json()
        assert body["id"] == entity_id
    assert client.get("/api/stories/" + quote(STORY_ID, safe="")).json()["headline"].startswith(SCRIPT)


def test_sql_and_fts_payloads_are_searched_as_words(client: TestClient) -> None:
    for query in (SQL, "title:perang", "NEAR(perang", '"tidak seimbang', "*", TRAVERSAL):
        response = client.get("/api/search", params={"q": query})
        assert response.status_code in (200, 400), query  # 400: nothing left to search (e.g. '*' alone)
        if response.status_code == 400:
            assert "no words" in response.json()["detail"]
    assert client.get("/api/search", params={"q": "DROP TABLE"}).json()["total"] == 3
    raw = client.get("/api/search", params={"q": "NEAR(", "syntax": "fts5"})
    assert raw.status_code == 400 and "FTS5" in raw.json()["detail"]


def test_static_files_do_not_escape_their_folder(client: TestClient) -> None:
    for url in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/static/../app.py", "/static/%2e%2e/app.py"):
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert "create_app" not in response.text and "root:x:0:0" not in response.text


def _is_array(schema: dict) -> bool:
    return schema.get("type") == "array" or any(_is_array(s) for s in schema.get("anyOf", []))


def _repeatable_parameters(spec: dict) -> set[str]:
    """Query parameters that take several values (?outlet=A&outlet=B): on the wire a lone scalar is exactly a list
    of one, so schemathesis's "invalid" scalar for them (`outlet=true`) is a valid request and not a failure."""
    return {p["name"] for methods in spec["paths"].values() for op in methods.values()
            for p in op.get("parameters", []) if p["in"] == "query" and _is_array(p.get("schema", {}))}


def _fuzz(operation, mode, failures: list[str], repeatable: set[str] = frozenset()) -> None:  # noqa: ANN001
    """Run one operation for a bounded number of generated cases, collecting schemathesis failures (types imported
    lazily)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import positive_data_acceptance

    # derandomize: the same cases on every run, so CI cannot fail by chance; scripts/fuzz.py explores further
    @settings(max_examples=8, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:  # noqa: ANN001
        try:
            case.call_and_validate(excluded_checks=[positive_data_acceptance])
        except (AssertionError, BaseExceptionGroup) as exc:  # collected, so that one run reports all
            for failure in getattr(exc, "exceptions", [exc]):
                named = re.search(r"parameter `([^`]+)` in query", str(failure))
                if "Schema-violating request accepted" in str(failure) and named and named.group(1) in repeatable:
                    continue
                failures.append(f"{operation.label} {mode.value}: {str(failure).splitlines()[0]}")

    try:
        run()
    except Unsatisfiable:  # an operation without parameters has no invalid variant
        assert mode.value == "negative"


def test_openapi_fuzzing_finds_no_server_error_or_undocumented_response(client: TestClient) -> None:
    """Schemathesis, in-process, a bounded number of examples per operation: valid and invalid parameters
    generated from /openapi.json. Responses must not be 5xx and must match the documented status codes and
    schemas; invalid parameters must be rejected. Schema-valid requests may still be refused where a rule spans
    parameters (`from` after `to`, timeline without dyad or entity, a search with no words), so that one check is
    left out."""
    schemathesis = pytest.importorskip("schemathesis")
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operations += 1
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            _fuzz(result.ok(), mode, failures, _repeatable_parameters(client.get("/openapi.json").json()))
    assert operations >= 13
    assert not failures, sorted(set(failures))


def test_odd_encodings_repeated_parameters_and_other_methods(client: TestClient) -> None:
    """Bytes that are not UTF-8, broken percent escapes, repeated parameters and methods other than GET: each gets
    an ordinary answer (a replacement character, the last value, 405), never a 500."""
    for url in ("/api/articles/%FF", "/articles/%FF%FE", "/api/search?q=%FF", "/search?q=%C0%AF", "/entities?q=%FF",
                "/api/tone?entity=%FF", "/themes?entity=%ED%A0%80", "/%zz", "/api/search?q=%zz",
                "/api/search?q=a&q=b", "/api/tone?by=month&by=week", "/api/search?q=" + "a*" * 200):
        _check_response(url, client.get(url))
    assert client.get("/api/tone?by=week&by=month").json()["by"] == "month"  # the last value counts
    for template, path_params, _ in _routes(client):
        url = _fill(template, path_params, "RUS")
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            response = client.request(method, url, content=SCRIPT)
            assert response.status_code in (404, 405), f"{method} {url} -> {response.status_code}"
            assert "<script>alert" not in response.text
