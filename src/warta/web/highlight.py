"""Article text as HTML with entity mentions, quotes and events marked from their offsets into `body`.

Annotations overlap (a mention inside a quote inside an event sentence), so the text is cut at every annotation
boundary and each piece is wrapped in the layers that cover it. Every piece of article text is escaped here; markup
is only ever added around escaped text, never taken from the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from warta.record import Article

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    layer: str  # "event" | "quote" | "mention"
    index: int  # position in the article's list, for anchors and titles


def _valid(start: int, end: int, length: int) -> bool:
    return 0 <= start < end <= length


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by blank lines."""
    spans, pos = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(body):
        if brk.start() > pos:
            spans.append((pos, brk.start()))
        pos = brk.end()
    if pos < len(body):
        spans.append((pos, len(body)))
    return spans


def entity_url(entity_id: str) -> str:
    return "/entities/" + url_quote(entity_id, safe=":")


def highlight(article: Article) -> Markup:
    """The article body as <p> paragraphs with <a class="ent">, <span class="quote">, <span class="event"> marks."""
    body = article.body
    n = len(body)
    spans: list[_Span] = []
    for i, ev in enumerate(article.events):
        if _valid(ev.start, ev.end, n):
            spans.append(_Span(ev.start, ev.end, "event", i))
    for i, q in enumerate(article.quotes):
        if _valid(q.start, q.end, n):
            spans.append(_Span(q.start, q.end, "quote", i))
    mention_owner: list[tuple[_Span, int]] = []
    for e_index, ent in enumerate(article.entities):
        for m in ent.mentions:
            if _valid(m.start, m.end, n):
                span = _Span(m.start, m.end, "mention", e_index)
                spans.append(span)
                mention_owner.append((span, e_index))

    cuts = sorted({0, n} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    for p_start, p_end in paragraphs(body):
        # the cut points inside this paragraph, plus its own edges
        lo, hi = bisect_left(cuts, p_start), bisect_left(cuts, p_end)
        points = sorted({p_start, p_end, *cuts[lo:hi]})
        pieces = []
        for a, b in zip(points, points[1:], strict=False):
            pieces.append(_piece(article, body[a:b], [s for s in spans if s.start <= a and b <= s.end]))
        out.append("<p>" + "".join(pieces) + "</p>")
    return Markup("\n".join(out))


def _piece(article: Article, text: str, covering: list[_Span]) -> str:
    html = str(escape(text))
    # innermost first: the mention link, then the quote, then the event sentence
    for span in sorted(covering, key=lambda s: {"mention": 0, "quote": 1, "event": 2}[s.layer]):
        if span.layer == "mention":
            ent = article.entities[span.index]
            html = (f'<a class="ent ent-{escape(ent.type)}" href="{escape(entity_url(ent.id))}" '
                    f'title="{escape(ent.name)} ({escape(ent.type)})" data-entity="{escape(ent.id)}">{html}</a>')
        elif span.layer == "quote":
            q = article.quotes[span.index]
            who = q.speaker or "unknown speaker"
            html = (f'<span class="quote quote-{escape(q.kind)}" data-quote="{span.index}" '
                    f'title="Quote ({escape(q.kind)}) — {escape(who)}">{html}</span>')
        else:
            ev = article.events[span.index]
            html = (f'<span class="event" data-event="{span.index}" '
                    f'title="Event {escape(ev.type)}{" " + escape(ev.date) if ev.date else ""}">{html}</span>')
    return html
