"""Tone, themes and keyphrases of an article.

`score_tone(article)` runs after `warta.nlp.annotate` and fills:

* `article.tone`: lexicon-based tone of title and body (see `warta.tone.scoring` for the fields);
* `article.entity_tone`: per entity id, the tone of the sentences that mention it (pooled, each sentence once),
  plus the title when the title names the entity by a form the body uses;
* `article.themes`: themes from the taxonomy in data/themes.json, with evidence words;
* `article.keyphrases`: TF-IDF keyphrases of title, standfirst and body (`warta.tone.keyphrases`).

Stored tone is aggregated by outlet or month by the read layer, `warta.store.queries.tone_report` (`warta tone`).
"""

from __future__ import annotations

from bisect import bisect_right

from warta.record import Article, ThemeHit, Tone, trusted
from warta.tone.keyphrases import extract_keyphrases
from warta.tone.lexicon import tokenize, tokenize_spans
from warta.tone.scoring import ToneCounts, article_tone, count_spans, label, pooled_tone, text_tone
from warta.tone.themes import assign_themes

__all__ = ["score_tone", "text_tone", "label", "assign_themes", "extract_keyphrases"]


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The sentences stage's spans, in order (`article.sentences` raises when that stage has not run)."""
    return sorted(article.sentences)


def _in_title(title: str, forms: set[str]) -> bool:
    """Whether the title names the entity by one of the surface forms the body uses for it."""
    # The substring test first: most forms are not in the title at all.
    return any(form in title and _whole_word_in(form, title) for form in forms if form)


def _is_word_character(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern (tests check every code point)


def _whole_word_in(form: str, text: str) -> bool:
    r"""re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None, for a non-empty form, without a regex.

    Each form made a pattern of its own: names differ from article to article, so nearly every search compiled one
    (~30 µs), and the pipeline's other stages keep re's pattern cache full, so even repeated ones were evicted.
    """
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if (start == 0 or not _is_word_character(text[start - 1])) and (
            end == len(text) or not _is_word_character(text[end])
        ):
            return True
        start = text.find(form, start + 1)
    return False


def _entity_tone(
    article: Article, spans: list[tuple[int, int]], sentence_counts: list[ToneCounts], title_counts: ToneCounts | None
) -> dict[str, Tone]:
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    title = article.title or ""
    result = {}
    for entity in article.entities:
        sentences: set[int] = set()
        for mention in entity.mentions:
            position = mention.start
            index = bisect_right(starts, position) - 1
            if index >= 0 and position < ends[index]:
                sentences.add(index)
        # Mentions index the body; the headline, which frames the story, counts when it names the entity too.
        in_title = title_counts is not None and _in_title(title, {m.text for m in entity.mentions})
        if not sentences and not in_title:
            continue
        parts = [title_counts] if in_title and title_counts is not None else []
        parts.extend([sentence_counts[index] for index in sorted(sentences)])
        result[entity.id] = pooled_tone(parts)
    return result


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


def score_tone(article: Article) -> None:
    """Fill `tone`, `entity_tone`, `themes` and `keyphrases` of the article."""
    body = article.body or ""
    spans = _sentence_spans(article)
    sentence_tokens = tokenize_spans(body, spans)
    title_tokens = tokenize(article.title) if article.title else []
    if article.title:
        title_counts, *sentence_counts = count_spans([title_tokens, *sentence_tokens])
    else:
        title_counts, sentence_counts = None, count_spans(sentence_tokens)
    article.tone = article_tone(title_counts, sentence_counts)
    article.entity_tone = _entity_tone(article, spans, sentence_counts, title_counts)
    full_text = "\n".join(part for part in (article.title, article.subtitle, body) if part)
    # Tokens never span a line break, so the tokens of the joined text are those of its parts, in order: the title's
    # and the sentences' are reused rather than tokenising everything again.
    full_tokens = title_tokens + (tokenize(article.subtitle) if article.subtitle else [])
    if body:
        full_tokens += _body_tokens(body, spans, sentence_tokens)
    # assign_themes's dicts hold ThemeHit's fields in order, of their types: built without validating them again.
    article.themes = [trusted(ThemeHit, hit) for hit in assign_themes(full_text, full_tokens)]
    article.keyphrases = extract_keyphrases(full_text)
