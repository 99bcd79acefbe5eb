"""Sentences and named entities (typed, linked to the knowledge base).

`annotate(article)` fills `article.sentences` and `article.entities` from the cleaned `body` (`find_sentences`,
`tag_article` then `link_article`, which the pipeline runs as three stages). Entity candidates
come from the statistical tagger (`warta.nlp.tagger.tag_entities`) when it and its model are installed, and from the
knowledge-base gazetteer always; warta.nlp.link merges and links them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal

from warta.nlp.link import TaggerSpan, link_entities
from warta.nlp.sentences import split_sentences
from warta.record import Article
from warta.stages import not_filled

__all__ = ["annotate", "find_sentences", "installed_tagger", "link_article", "split_sentences", "tag_article",
           "tag_articles"]

TagFunction = Callable[[str], list[TaggerSpan]]

log = logging.getLogger(__name__)


class _TaggerState:
    """Whether the installed tagger turned out to have no model (then the gazetteer works alone)."""

    model_missing = False


@lru_cache(maxsize=1)
def installed_tagger() -> TagFunction | None:
    """The statistical tagger's `tag_entities`, or None when it is not installed."""
    try:
        from warta.nlp.tagger import tag_entities
    except ImportError as error:
        log.info("entity tagger unavailable (%s); using the knowledge-base gazetteer alone", error)
        return None
    return tag_entities


def annotate(article: Article, tagger: TagFunction | None | Literal["auto"] = "auto") -> None:
    """Set `article.sentences` and `article.entities` from `article.body`.

    `tagger` is a function text -> [(start, end, label)]; "auto" uses the installed tagger when there is one,
    None uses the gazetteer alone.
    """
    find_sentences(article)
    tag_article(article, tagger)
    link_article(article)


def find_sentences(article: Article) -> None:
    """The sentences stage: `article.sentences` (`scratch.sentences`), the spans every later stage reads."""
    article.scratch.sentences = split_sentences(article.body or "")


def tag_article(article: Article, tagger: TagFunction | None | Literal["auto"] = "auto") -> None:
    """The tag stage: the tagger's spans (`scratch.tagger_spans`), which `link_article` then links.

    The pipeline runs tagging and linking as two stages, so that over a chunk of articles the tagger's tables and then
    the knowledge base each stay in the CPU's caches (`warta.pipeline.process_many`).
    """
    body = article.body or ""
    automatic = tagger == "auto"
    tag = (None if _TaggerState.model_missing else installed_tagger()) if tagger == "auto" else tagger
    spans: list[TaggerSpan] = []
    if tag is not None and body:
        try:
            spans = list(tag(body))
        except OSError as error:
            if not automatic:
                raise
            # The tagger module is installed but its trained model is not shipped: stop asking for it.
            log.warning("entity tagger model unavailable (%s); using the knowledge-base gazetteer alone", error)
            _TaggerState.model_missing = True
    article.scratch.tagger_spans = spans


def tag_articles(articles: Sequence[Article]) -> None:
    """`tag_article` with the installed tagger for several articles: the same spans, cheaper, because
    the tagger scores and decodes the sentences of all of them together (`warta.nlp.tagger.tag_entities_many`)."""
    tag = None if _TaggerState.model_missing else installed_tagger()
    found = None
    if tag is not None:
        from warta.nlp.tagger import tag_entities, tag_entities_many

        if tag is tag_entities:  # not a tagger put in place of the installed one
            try:
                found = tag_entities_many([article.body or "" for article in articles])
            except OSError:  # the model is missing: tag_article below logs it once and uses the gazetteer alone
                found = None
    if found is None:
        for article in articles:
            tag_article(article)
        return
    for article, spans in zip(articles, found, strict=True):
        article.scratch.tagger_spans = spans


def link_article(article: Article) -> None:
    """The second half of `annotate`: `article.entities` from the spans `tag_article` found and the knowledge base."""
    scratch = article.scratch
    spans = scratch.tagger_spans
    if spans is None:
        raise not_filled("link", "tagger_spans")
    scratch.tagger_spans = None  # linked now: nothing of the tagger's stays on the article
    article.entities = link_entities(article.body or "", article.sentences, spans)
