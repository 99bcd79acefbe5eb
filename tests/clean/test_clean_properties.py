"""Whatever the input, cleaning and metadata either produce a well-formed record or skip with a reason."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.clean import clean_article
from warta.errors import SkipArticle
from warta.meta import extract_metadata
from warta.record import Article, Source

PIECES = st.sampled_from(
    [
        "Baca Juga: Sesuatu",
        "Advertisement",
        "JAKARTA, KOMPAS.com - ",
        "Rabu 20 Sep 2023 14:35 WIB",
        "Penulis : A B Editor : C-D",
        "Foto: Dok/Istimewa",
        "Pemerintah mengumumkan kebijakan baru untuk warga pada Senin (4/3/2024).",
        "“Kami siap,” kata dia.",
        ",",
        "\n",
        "\n\n",
        "•",
        "denganPresiden",
        "(abc/def)",
        "<p>",
        "</div>",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40).map("".join)


def run(article: Article) -> None:
    try:
        clean_article(article)
        extract_metadata(article)
    except SkipArticle as skip:
        assert skip.reason
        return
    assert article.lang == "id"
    assert article.body == article.body.strip()
    assert "\n\n\n" not in article.body
    assert article.published is None or article.published[10] == "T"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_dump(raw: str) -> None:
    article = Article(id="p", source=Source(path="p.txt", format="txt", sha256="0" * 64))
    article._raw_text = raw
    run(article)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_html_page(raw: str) -> None:
    article = Article(id="p", source=Source(path="p.html", format="html", sha256="0" * 64))
    article._raw_html = f"<html><body><article>{raw}</article></body></html>"
    run(article)
