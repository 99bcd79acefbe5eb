"""Server-rendered pages: they answer, highlight from offsets, escape untrusted text, and fall back (with a note)
only where the stories stage has not been run; real failures are server errors."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_db import XSS_BODY_SNIPPET, XSS_TITLE

from warta.store import queries
from warta.web import create_app, optional

PAGES = ["/", "/search", "/search?q=Putin", "/articles", "/articles?outlet=Tempo", "/articles/kompas-2023-03-21-xi-putin",
         "/entities", "/entities?type=PER", "/entities/person:xi-jinping", "/entities/local:LOC:%3Cdesa%3E",
         "/stories", "/stories/story-xi-moskow", "/quotes", "/quotes?speaker=Putin", "/dyad/RUS/CHN", "/dyad/chn/rus",
         "/docs"]


class _Tags(HTMLParser):
    """Collects start tags with their attributes, to check structure rather than strings."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("url", PAGES)
def test_page_answers_html_without_external_assets(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    for tag, attrs in tags(response.text):
        for attr in ("src", "href"):
            value = attrs.get(attr) or ""
            if tag in ("script", "link", "img"):
                assert not value.startswith(("http:", "https:", "//")), (url, tag, value)  # no CDN, no download


def test_api_page_lists_every_endpoint_without_a_cdn(client: TestClient) -> None:
    html = client.get("/docs").text
    for route in ("/api/articles", "/api/search", "/api/entities/{entity_id}", "/api/dyad/{a}/{b}/trend"):
        assert f"<code>{route}</code>" in html
    assert client.get("/redoc").status_code == 404  # FastAPI's CDN-loading pages are off


def test_article_highlights_entities_quote_and_event_from_offsets(client: TestClient) -> None:
    html = client.get("/articles/kompas-2023-03-21-xi-putin").text
    body = html[html.index('id="article-body"'):html.index('id="removed"')]
    links = re.findall(r'<a class="ent ent-(\w+)" href="([^"]+)"[^>]*>([^<]+)</a>', body)
    assert ("PER", "/entities/person:xi-jinping", "Xi Jinping") in links
    assert ("LOC", "/entities/place:moskow", "Moskow") in links
    assert sum(1 for _, href, _ in links if href == "/entities/person:xi-jinping") == 2  # "Xi Jinping" and "Xi"
    # the quote span holds exactly the quoted words; the mention of Xi after it is outside
    quote = re.search(r'<span class="quote quote-direct"[^>]*>(.*?)</span>', body)
    assert quote and quote.group(1).startswith("Kerja sama kedua negara")
    assert body.count('class="event"') >= 1
    assert body.count("<p>") == 3  # three paragraphs in the body


def test_article_shows_removed_boilerplate_with_reason(client: TestClient) -> None:
    html = client.get("/articles/kompas-2023-03-21-xi-putin").text
    removed = html[html.index('id="removed"'):]
    assert "<details" in html and "Removed as boilerplate (2 segments)" in removed
    assert "related" in removed and "Baca juga: Xi Tiba di Moskow" in removed
    assert "caption" in removed


def test_script_in_title_and_body_is_inert(client: TestClient) -> None:
    html = client.get("/articles/uji-xss-2023-01-05").text
    assert "<script" not in html.lower()  # no script element at all, escaped or not
    assert not any(tag in ("img", "b", "i") for tag, _ in tags(html))  # markup from the article never becomes tags
    assert "&lt;script&gt;alert(&#34;judul&#34;)&lt;/script&gt;" in html  # the title, as text
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&#39;removed&#39;)&lt;/script&gt;" in html  # removed segment too
    assert "Kepala Desa &lt;Sukamaju&gt;" in html  # quote speaker
    assert XSS_TITLE not in html and XSS_BODY_SNIPPET not in html


@pytest.mark.parametrize("url", ["/", "/articles", "/search?q=papan", "/entities", "/entities/local:LOC:%3Cdesa%3E",
                                 "/quotes", "/search?q=Warga&entity=local:LOC:<desa>"])
def test_untrusted_text_is_escaped_on_every_page(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert "<script" not in html.lower()
    assert not any(tag in ("img", "b", "i") for tag, _ in tags(html))


def test_search_page_marks_matches_and_has_facets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "perundingan"}).text
    assert "<mark>perundingan</mark>" in html
    assert "1 article found" in html
    facet_links = [a.get("href") for t, a in tags(html) if t == "a" and "outlet=" in (a.get("href") or "")]
    assert any("outlet=Kompas.com" in (h or "") for h in facet_links)
    month_links = [a.get("href") for t, a in tags(html) if t == "a" and "month=2023-03" in (a.get("href") or "")]
    assert month_links


def test_search_page_facet_filter_narrows(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Putin", "outlet": "Tempo"}).text
    assert "1 article found" in html and "Xi Jinping Bertemu Putin di Moskow" in html


def test_search_page_with_no_words_is_400_with_message(client: TestClient) -> None:
    response = client.get("/search", params={"q": '"*"'})
    assert response.status_code == 400
    assert "no words to search" in response.text


def test_search_page_snippet_escapes_article_markup(client: TestClient) -> None:
    html = client.get("/search", params={"q": "papan"}).text
    assert "<mark>papan</mark>" in html
    assert "&lt;script&gt;" in html and "<script" not in html.lower()


def test_entity_page_graph_and_quotes(client: TestClient) -> None:
    html = client.get("/entities/person:xi-jinping").text
    assert '<svg class="chart graph"' in html
    assert 'href="/entities/person:vladimir-putin"' in html
    assert "Kerja sama kedua negara" in html


def test_dyad_page_draws_the_trend(client: TestClient) -> None:
    html = client.get("/dyad/RUS/CHN").text
    chart = html[html.index('id="trend-chart"'):]
    assert "<svg" in chart and chart.count("<rect") >= 2
    assert "2022-03" in chart and "2023-03" in chart
    assert "Lavrov" in html  # the timeline below the chart


@pytest.mark.parametrize(("url", "status", "text"), [
    ("/articles/tidak-ada", 404, "No article with id"),
    ("/entities/person:nobody", 404, "No entity with id"),
    ("/stories/none", 404, "No story with id"),
    ("/no/such/page", 404, "Not found"),
    ("/dyad/RUSSIA/CHN", 422, "alpha-3"),
    ("/dyad/XXX/CHN", 404, "dyads with events"),  # an unknown pair is an error with a hint, not an empty chart
    ("/articles?from=kemarin", 422, "from"),
    ("/entities?type=X", 422, "type"),
])
def test_error_pages_are_html_with_a_message(client: TestClient, url: str, status: int, text: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text


def test_unknown_id_with_markup_is_escaped_in_404(client: TestClient) -> None:
    response = client.get("/articles/<script>alert(1)</script>")
    assert response.status_code == 404
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text


@pytest.fixture(autouse=True)
def _fresh_stage_cache() -> Iterator[None]:
    """Stage answers are cached per database state; tests that swap a stage start and end with an empty cache."""
    optional.clear_cache()
    yield
    optional.clear_cache()


def test_a_failing_read_is_a_server_error_not_a_note(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    """Only a database the stories stage has not run on is an expected gap; any other failure is a real error that
    reaches the app's exception handler instead of turning into a note on a page that looks fine."""
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(queries, "list_stories", broken)
    with TestClient(create_app(str(sample_db)), raise_server_exceptions=False) as failing:
        for url in ("/", "/stories", "/api/stories"):
            assert failing.get(url).status_code == 500, url
    with TestClient(create_app(str(sample_db))) as strict, pytest.raises(RuntimeError, match="boom"):
        strict.get("/api/stories")


def test_without_event_records_timelines_come_from_the_mentions_with_a_note(client: TestClient) -> None:
    for url in ("/dyad/RUS/CHN", "/api/timeline?dyad=RUS,CHN", "/api/dyad/RUS/CHN/trend"):
        response = client.get(url)  # the sample has no event records
        assert response.status_code == 200, url
        assert "per-article event mentions" in response.text, url
    assert client.get("/api/timeline", params={"dyad": "RUS,CHN"}).json()["items"]
    assert client.get("/api/stories").json()["total"] == 2


def test_pages_after_story_clustering(sample_db: Path, tmp_path: Path) -> None:
    """On a database the stories stage has processed, the API serves its event records instead of the fallback."""
    stories = pytest.importorskip("warta.stories")
    if not hasattr(stories, "assign_stories"):
        pytest.skip("warta.stories.assign_stories is not built")
    from warta.store import Store

    db = tmp_path / "clustered.db"
    shutil.copy(sample_db, db)
    with Store(db) as store:
        store.conn.execute("UPDATE articles SET story_id = NULL")
        store.conn.execute("DELETE FROM stories")
        store.conn.commit()
        stories.assign_stories(store)
        n_records = store.conn.execute("SELECT count(*) FROM event_records").fetchone()[0]
    if not n_records:
        pytest.skip("the stories stage made no event records from the sample")
    with TestClient(create_app(str(db))) as client:
        body = client.get("/api/timeline", params={"dyad": "RUS,CHN"}).json()
        assert body["note"] is None and body["items"]
        trend = client.get("/api/dyad/RUS/CHN/trend").json()
        assert trend["note"] is None and trend["series"]
        assert client.get("/dyad/RUS/CHN").status_code == 200
        for story in client.get("/api/stories").json()["items"]:
            assert client.get(f"/stories/{story['id']}").status_code == 200


def test_only_http_links_to_the_original(sample_db: Path, tmp_path: Path) -> None:
    from sample_db import xss_article

    from warta.store import Store

    db = tmp_path / "links.db"
    shutil.copy(sample_db, db)
    with Store(db) as store:
        bad = xss_article()
        bad.source = bad.source.model_copy(update={"url": "javascript:alert(1)"})
        store.save_article(bad)
        good = xss_article()
        good.id = "uji-tautan"
        good.source = good.source.model_copy(update={"path": "/fixtures/uji-tautan.txt",
                                                     "url": "https://news.example.id/uji?a=1&b=2"})
        store.save_article(good)
    with TestClient(create_app(str(db))) as client:
        html = client.get("/articles/uji-xss-2023-01-05").text
        assert 'href="javascript:' not in html and "javascript:alert(1)" in html  # shown as text, not a link
        html = client.get("/articles/uji-tautan").text
        assert 'href="https://news.example.id/uji?a=1&amp;b=2"' in html


def test_serves_new_data_while_a_writer_adds_articles(sample_db: Path, tmp_path: Path) -> None:
    """The server reads while `warta analyze` writes (WAL): new articles and events show up on the next request."""
    from sample_db import blinken_article

    from warta.store import Store

    db = tmp_path / "live.db"
    shutil.copy(sample_db, db)
    with TestClient(create_app(str(db))) as client, Store(db) as writer:
        assert client.get("/api/articles").json()["total"] == 5
        stat = re.compile(r'<div class="stat-value">(\d+)</div><div class="stat-label">Articles')
        assert stat.search(client.get("/").text).group(1) == "5"
        assert client.get("/api/entities/person:antony-blinken").json()["n_articles"] == 1
        before = client.get("/api/dyad/USA/CHN/trend").json()["series"]
        extra = blinken_article()
        extra.id = "cnn-2023-02-20-blinken-lagi"
        extra.source = extra.source.model_copy(update={"path": "/fixtures/lagi.txt"})
        extra.events[0].date = "2023-04-02"
        writer.save_article(extra)
        assert client.get("/api/articles").json()["total"] == 6
        assert stat.search(client.get("/").text).group(1) == "6"  # cached overview recomputed after the write
        assert client.get("/api/entities/person:antony-blinken").json()["n_articles"] == 2
        after = client.get("/api/dyad/USA/CHN/trend").json()["series"]
        assert [m["month"] for m in before] == ["2023-02"]
        assert [m["month"] for m in after] == ["2023-02", "2023-03", "2023-04"]  # the cached trend was refreshed


def test_stage_answers_are_cached_until_the_database_changes(sample_db: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from sample_db import blinken_article

    from warta.store import Store

    calls: list[Store] = []

    def counted(store: Store) -> list[dict[str, object]]:
        calls.append(store)
        return [{"id": "s", "headline": f"call {len(calls)}"}]

    monkeypatch.setattr(queries, "list_stories", counted)
    db = tmp_path / "cache.db"
    shutil.copy(sample_db, db)
    with Store(db, readonly=True) as reader:
        first, _ = optional.stories(reader)
        second, _ = optional.stories(reader)
        assert first == second and len(calls) == 1
        with Store(db) as writer:
            extra = blinken_article()
            extra.id = "baru"
            extra.source = extra.source.model_copy(update={"path": "/fixtures/baru.txt"})
            writer.save_article(extra)
        third, _ = optional.stories(reader)
        assert len(calls) == 2 and third[0]["headline"] == "call 2"
