"""Tone, themes and keyphrases of an article.

`score_tone(article)` runs after `warta.nlp.annotate` and fills:

* `article.tone`: lexicon-based tone of title and body (see `warta.tone.scoring` for the fields);
* `article.entity_tone`: per entity id, its portrayal: the tone of the sentences that mention it (and of the title when
  the title names it by a form the body uses), weighed by its role there (`warta.tone.portrayal`);
* `article.themes`: themes from the taxonomy in data/themes.json, with evidence words;
* `article.keyphrases`: TF-IDF keyphrases of title, standfirst and body (`warta.tone.keyphrases`).

Stored tone is aggregated by outlet or month by the read layer, `warta.store.queries.tone_report` (`warta tone`).
"""

from __future__ import annotations

from collections.abc import Iterable

from warta.record import Article, ThemeHit, trusted
from warta.tone.keyphrases import extract_keyphrases
from warta.tone.lexicon import tokenize, tokenize_spans
from warta.tone.portrayal import Evidence, entity_evidence, entity_portrayal, portrayal_context
from warta.tone.scoring import ToneCounts, article_tone, count_spans, label, text_tone
from warta.tone.themes import assign_themes

__all__ = ["score_tone", "text_tone", "label", "assign_themes", "extract_keyphrases", "portrayal_evidence"]


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The sentences stage's spans, in order (`article.sentences` raises when that stage has not run)."""
    return sorted(article.sentences)


def _title_position(title: str, forms: Iterable[str]) -> int | None:
    """Where the title first names the entity by one of the surface forms the body uses for it (whole words), or
    None. The earliest place, whichever form names it there: a set's order must not decide (it changes with the
    interpreter's hash seed, and with it the entity's tone)."""
    # The substring test first: most forms are not in the title at all.
    found = [_whole_word_at(form, title) for form in forms if form and form in title]
    return min((position for position in found if position >= 0), default=None)


def _is_word_character(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern (tests check every code point)


def _whole_word_at(form: str, text: str) -> int:
    r"""The start of re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text), or -1, for a non-empty form, without a regex.

    Each form made a pattern of its own: names differ from article to article, so nearly every search compiled one
    (~30 µs), and the pipeline's other stages keep re's pattern cache full, so even repeated ones were evicted.
    """
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if (start == 0 or not _is_word_character(text[start - 1])) and (
            end == len(text) or not _is_word_character(text[end])
        ):
            return start
        start = text.find(form, start + 1)
    return -1


def _title_forms(article: Article) -> dict[str, int]:
    """entity id -> where the headline names it by a form the body uses (the headline frames the story)."""
    title = article.title or ""
    if not title:
        return {}
    found = {}
    for entity in article.entities:
        position = _title_position(title, {m.text for m in entity.mentions})
        if position is not None:
            found[entity.id] = position
    return found


def _body_tokens(body: str, spans: list[tuple[int, int]], sentence_tokens: list[list[str]]) -> list[str]:
    """tokenize(body), from the sentences' tokens when that is sure to give the same list, else afresh.

    It is when the spans are in order, nothing but white space lies outside them, and no boundary falls between two
    non-space characters (where a token such as "3.5" could straddle it).
    """
    position = 0
    for start, end in spans:
        if start < position or (start > position and not body[position:start].isspace()):
            return tokenize(body)
        for boundary in (start, end):
            if 0 < boundary < len(body) and not body[boundary - 1].isspace() and not body[boundary].isspace():
                return tokenize(body)
        position = end
    if position < len(body) and not body[position:].isspace():
        return tokenize(body)
    return [token for tokens in sentence_tokens for token in tokens]


def _counted(
    article: Article,
) -> tuple[list[tuple[int, int]], list[list[str]], list[str], ToneCounts | None, list[ToneCounts]]:
    """Sentence spans, their tokens, the title's tokens, and the sums of title and sentences."""
    spans = _sentence_spans(article)
    sentence_tokens = tokenize_spans(article.body or "", spans)
    title_tokens = tokenize(article.title) if article.title else []
    if article.title:
        title_counts, *sentence_counts = count_spans([title_tokens, *sentence_tokens])
    else:
        title_counts, sentence_counts = None, count_spans(sentence_tokens)
    return spans, sentence_tokens, title_tokens, title_counts, sentence_counts


def portrayal_evidence(article: Article) -> dict[str, list[Evidence]]:
    """entity id -> what each sentence naming it says about it (for training the learned portrayal model); the
    article must have run the stages tone requires."""
    spans, sentence_tokens, _, title_counts, sentence_counts = _counted(article)
    context = portrayal_context(article, spans, sentence_tokens, sentence_counts, title_counts, _title_forms(article))
    return {entity.id: entity_evidence(context, entity) for entity in article.entities}


def score_tone(article: Article) -> None:
    """Fill `tone`, `entity_tone`, `themes` and `keyphrases` of the article."""
    body = article.body or ""
    spans, sentence_tokens, title_tokens, title_counts, sentence_counts = _counted(article)
    article.tone = article_tone(title_counts, sentence_counts)
    article.entity_tone = entity_portrayal(
        portrayal_context(article, spans, sentence_tokens, sentence_counts, title_counts, _title_forms(article))
    )
    full_text = "\n".join(part for part in (article.title, article.subtitle, body) if part)
    # Tokens never span a line break, so the tokens of the joined text are those of its parts, in order: the title's
    # and the sentences' are reused rather than tokenising everything again.
    full_tokens = title_tokens + (tokenize(article.subtitle) if article.subtitle else [])
    if body:
        full_tokens += _body_tokens(body, spans, sentence_tokens)
    # assign_themes's dicts hold ThemeHit's fields in order, of their types: built without validating them again.
    article.themes = [trusted(ThemeHit, hit) for hit in assign_themes(full_text, full_tokens)]
    article.keyphrases = extract_keyphrases(full_text)
