"""Helpers of the stories tests: hand-built article records (fictional, Indonesian), the synthetic stream."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from warta.record import Actor, Article, Entity, Event, Mention, Quote, Source

REPO = Path(__file__).resolve().parents[2]


def synth_stream() -> ModuleType:
    """scripts/synth_stream.py, imported by path (scripts/ is not a package)."""
    name = "warta_synth_stream"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "synth_stream.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def make_event(event_type: str, src: str, tgt: str, day: str | None, text: str = "Kedua pihak bertemu.",
               precision: str | None = "day", **extra: object) -> Event:
    return Event(type=event_type, source=Actor(country=src), target=Actor(country=tgt), date=day,
                 date_precision=precision if day else None, start=0, end=len(text), text=text, **extra)


def make_article(article_id: str, outlet: str | None, published: str | None, title: str, body: str,
                 people: tuple[str, ...] = (), events: tuple[Event, ...] = (), speakers: tuple[str, ...] = ()) -> Article:
    art = Article(
        id=article_id,
        source=Source(path=f"/uji/{article_id}.txt", format="txt", sha256=hashlib.sha256(body.encode()).hexdigest()),
        title=title, outlet=outlet, published=published, body=body, lang="id",
    )
    for name in people:
        start = body.find(name)
        mentions = [Mention(start=start, end=start + len(name), text=name)] if start >= 0 else []
        art.entities.append(Entity(id="person:" + name.lower().replace(" ", "-"), name=name, type="PER", kb=True,
                                   mentions=mentions))
    art.events = list(events)
    for name in speakers:
        # the first quote of the body attributed to this person (a speaker the tests name among `people`)
        start = body.find('"')
        end = body.find('"', start + 1) + 1
        art.quotes.append(Quote(text=body[start + 1 : end - 1], start=start, end=end, speaker=name, kind="direct",
                                speaker_id="person:" + name.lower().replace(" ", "-")))
    return art
