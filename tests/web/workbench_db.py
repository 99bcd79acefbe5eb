"""The sample database plus one article quoting Joko Widodo, who is mentioned as "Jokowi": the analyst's-workbench
tests resolve names through the knowledge base (`Jokowi` -> person:joko-widodo, `Tiongkok` -> country:CHN)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sample_db import build_sample_db

from warta.record import Actor, Article, Entity, Event, Mention, Quote, Source
from warta.store import Store


def jokowi_article() -> Article:
    body = ('Presiden Jokowi menerima kunjungan Perdana Menteri Tiongkok di Istana Merdeka, Jakarta, Senin (3/4/2023).\n\n'
            '"Indonesia ingin kerja sama yang saling menguntungkan," kata Jokowi.')
    quote = "Indonesia ingin kerja sama yang saling menguntungkan,"
    q_start = body.index(quote)
    sentence_end = body.index("\n")
    jokowi = [Mention(start=i, end=i + len("Jokowi"), text="Jokowi")
              for i in (body.index("Jokowi"), body.rindex("Jokowi"))]
    china = body.index("Tiongkok")
    return Article(
        id="antara-2023-04-03-jokowi-tiongkok",
        source=Source(path="/fixtures/antara-2023-04-03-jokowi-tiongkok.txt", format="txt",
                      sha256=hashlib.sha256(body.encode()).hexdigest()),
        lang="id", title="Jokowi Terima PM Tiongkok", outlet="Antara", published="2023-04-03T10:00:00+07:00",
        body=body,
        entities=[
            Entity(id="person:joko-widodo", name="Joko Widodo", type="PER", kb=True, country="IDN", mentions=jokowi),
            Entity(id="country:CHN", name="China", type="LOC", kb=True, country="CHN",
                   mentions=[Mention(start=china, end=china + len("Tiongkok"), text="Tiongkok")]),
        ],
        quotes=[Quote(text=quote, start=q_start, end=q_start + len(quote), speaker="Jokowi",
                      speaker_id="person:joko-widodo", kind="direct", cue="kata")],
        events=[Event(type="CONSULT", cameo="04", goldstein=1.0, quad="verbal_coop",
                      source=Actor(entity_id="person:joko-widodo", name="Joko Widodo", country="IDN"),
                      target=Actor(name="Perdana Menteri Tiongkok", country="CHN"),
                      date="2023-04-03", date_precision="day", place="Jakarta", cue="menerima",
                      start=0, end=sentence_end, text=body[:sentence_end])],
    )


def build_workbench_db(path: Path) -> Path:
    build_sample_db(path)
    with Store(path) as store:
        store.save_article(jokowi_article())
    return path
