"""Event coding never crashes and keeps its offsets inside the body, whatever the text and entities."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.events import extract_events
from warta.events.evaluate import build_article
from warta.record import Entity, Mention

_WORDS = st.sampled_from(
    ["Rusia", "dan", "China", "sepakat", "bertemu", "tidak", "akan", "Mereka", "Dia", "menolak", "untuk", "mengecam",
     "pada", "Senin", "(19/9/2022)", "(30/12)", "pekan", "lalu", "sepekan", "usai", "di", "Moskow", "-", "Beijing",
     "kedua", "negara", "itu", "tersebut", "Ini", ".", ",", "“", "”", "oleh", "ditolak", "latihan", "bersama", "AS",
     "sanksi", "menjatuhkan", "bahwa", "Oktober", "mendatang", "2023", "kunjungan", "ke", "\n", "Putin", "Xi"]
)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(_WORDS, max_size=60),
    published=st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 1, 1))),
    spans=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 30)), max_size=5),
)
def test_never_crashes_and_offsets_stay_inside(words: list[str], published: dt.date | None,
                                               spans: list[tuple[int, int]]) -> None:
    text = " ".join(words)
    article = build_article({"id": "p", "text": text, "base": (published or dt.date(2000, 1, 1)).isoformat()})
    if published is None:
        article.published = None
    # Entities as a tagger might give them, including odd spans.
    mentions = [Mention(start=min(a, len(text)), end=min(a + b, len(text)), text=text[a:a + b]) for a, b in spans]
    article.entities = [Entity(id="p:1", name="Sesuatu", type="PER", country=None, mentions=mentions)]
    extract_events(article, today=dt.date(2026, 1, 1))
    for event in article.events:
        assert 0 <= event.start <= event.end <= len(text)
        assert text[event.start:event.end] == event.text
        assert event.cue and event.cue in event.text
        assert event.date is None or len(event.date) in (4, 7, 10)
