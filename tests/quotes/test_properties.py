"""Property: extract_quotes never crashes, and every quote points at its own words in the body."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from warta.pipeline import run_until
from warta.quotes import extract_quotes
from warta.quotes.marks import ALL_MARKS
from warta.record import Article, Entity, Mention, Source

PIECES = [
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    ",",
    ".",
    ":",
    "?",
    "\n",
    "\n\n",
    " ",
    "-nya",
    "(",
    ")",
    "kata",
    "ujar",
    "katanya",
    "mengatakan",
    "bahwa",
    "menurut",
    "dikutip dari",
    "lapor",
    "dia",
    "pihaknya",
    "Budi",
    "Reuters",
    "badan keamanan",
    "seorang juru bicara",
    "Presiden",
    "Rusia",
    "Kami siap membantu",
]
bodies = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


def article_with_entities(body: str) -> Article:
    entities = []
    for name, kind in (("Budi", "PER"), ("Reuters", "ORG"), ("Rusia", "LOC")):
        mentions = [Mention(start=m.start(), end=m.end(), text=name) for m in re.finditer(name, body)]
        entities.append(Entity(id=f"T:{name}", name=name, type=kind, mentions=mentions))
    article = Article(id="p", source=Source(path="p", format="txt", sha256="0"), body=body, entities=entities)
    return run_until(article, "sentences", given=("body",))  # as the nlp stages hand it to quotes


def words(text: str) -> str:
    """The text without quote marks and with white space collapsed."""
    return " ".join(re.sub(f"[{re.escape(ALL_MARKS)}]", " ", text).split())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
@example("“,”kata")  # marks around a lone comma: no quote (it once gave an empty one, start == end)
def test_offsets_lie_in_the_body_and_point_at_the_text(body: str) -> None:
    article = article_with_entities(body)
    extract_quotes(article)
    for quote in article.quotes:
        assert 0 <= quote.start < quote.end <= len(body)
        assert quote.kind in ("direct", "partial", "indirect")
        span = body[quote.start : quote.end]
        if quote.kind == "indirect" or "\n" not in span:
            assert span == quote.text
        else:  # a quote continued over paragraphs: the same words, without the re-opening marks
            assert words(span) == words(quote.text)
        if quote.speaker_id is not None:
            assert quote.speaker_id in {e.id for e in article.entities}


def test_masking_overlapping_parts_masks_their_union() -> None:
    from warta.quotes.marks import QuotedSpan
    from warta.quotes.text import masked

    spans = [QuotedSpan([(1, 5)]), QuotedSpan([(3, 8)]), QuotedSpan([(2, 4)])]
    assert masked("abcdefghij", spans) == "a\x00\x00\x00\x00\x00\x00\x00ij"


def test_quote_records_validate() -> None:
    # Quotes are built without validation: they must be what validating the same values gives.
    body = "“Kami siap membantu warga di sini,” kata Budi. Menurut Budi, harga beras turun."
    mentions = [Mention(start=m.start(), end=m.end(), text="Budi") for m in re.finditer("Budi", body)]
    article = Article(
        id="p",
        source=Source(path="p", format="txt", sha256="0"),
        body=body,
        entities=[Entity(id="T:Budi", name="Budi", type="PER", mentions=mentions)],
    )
    run_until(article, "quotes", given=("body", "entities"))
    assert article.quotes
    for quote in article.quotes:
        assert type(quote).model_validate(quote.model_dump()) == quote
        assert re.fullmatch(r"[^\x00]*", quote.text)
