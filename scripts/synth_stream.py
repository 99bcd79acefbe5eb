#!/usr/bin/env python3
"""Deterministic synthetic news stream for measuring story clustering (B-cubed F1) and its speed.

Each story is one happening (a meeting, a signed deal, sanctions, a flood, an arrest, ...) with actors, a place, a
matter and a date; several outlets report it over the next days, each in its own words (other lead phrasing,
synonyms, other detail sentences, shuffled order, its own dateline), some re-publish a wire copy (near-duplicates,
flagged in the gold). The hard cases are built in: a few hot dyads (RUS-CHN, USA-CHN, ...) supply many stories with
the same people, the same people act in another kind of event within days (siblings), and a fifth of the stories recur: the
same actors, place and kind of event on the same day-month of another year.

Articles come as finished `warta.record.Article` records (entities with mention offsets, events with dates), as the
per-article stages would leave them. Vocabulary: src/warta/stories/data/synthetic.json.

    python scripts/synth_stream.py --articles 2000 --seed 7 --db stream.db      # a store, then run assign_stories
    python scripts/synth_stream.py --articles 300 --jsonl s.jsonl --gold g.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from warta.record import Actor, Article, Entity, Event, Mention, Source

WIB = timezone(timedelta(hours=7))


def vocabulary() -> dict[str, Any]:
    return json.loads(resources.files("warta.stories").joinpath("data/synthetic.json").read_text(encoding="utf-8"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Person:
    id: str
    name: str
    role: str
    country: str

    @property
    def titled(self) -> str:
        return f"{self.role} {self.name}"

    @property
    def short(self) -> str:
        return self.name.split()[-1]


@dataclass
class Story:
    key: str
    topic: dict[str, Any]
    src: Person
    tgt: Person | None
    place: str
    place_country: str
    day: date
    slots: dict[str, str]
    details: list[str] = field(default_factory=list)
    family: str = ""  # stories that recur year after year share a family (and never a year)

    def __post_init__(self) -> None:
        self.family = self.family or self.key


@dataclass
class Stream:
    articles: list[Article]
    story_of: dict[str, str]  # article id -> gold story key
    copy_of: dict[str, str]  # article id -> the article it re-publishes


class _Generator:
    def __init__(self, seed: int, start: date, years: int) -> None:
        self.rng = random.Random(seed)
        self.v = vocabulary()
        self.start = start
        self.days = 365 * years
        self.countries = {c["code"]: c for c in self.v["countries"]}
        self.people = self._people()
        self.family_years: dict[str, set[int]] = {}

    def _people(self) -> dict[str, list[Person]]:
        people: dict[str, list[Person]] = {}
        used: set[str] = set()
        for code in self.countries:
            pool = self.v["name_pool"][code]
            roles = self.rng.sample(self.v["roles"], 4)
            if code == "IDN":
                roles += self.v["domestic_roles"]
            for role in roles:
                while True:
                    name = f"{self.rng.choice(self.v['first_names'][pool])} {self.rng.choice(self.v['last_names'][pool])}"
                    if name not in used:
                        break
                used.add(name)
                people.setdefault(code, []).append(Person(f"person:{_slug(name)}", name, role, code))
        return people

    # stories ----------------------------------------------------------------------------------------------------
    def _fill(self, template: str, story: Story, day_phrase: str = "") -> str:
        s = story
        values = {
            "src": s.src.titled, "src_short": s.src.short,
            "tgt": s.tgt.titled if s.tgt else "", "tgt_short": s.tgt.short if s.tgt else "",
            "src_country": self.countries[s.src.country]["name"],
            "tgt_country": self.countries[s.tgt.country]["name"] if s.tgt else "",
            "place": s.place, "day": day_phrase, **s.slots,
        }
        text = template.format(**values)
        return re.sub(r"\s+([,.])", r"\1", re.sub(r" {2,}", " ", text)).strip()

    def new_story(self, index: int) -> Story:
        topic = self.rng.choice(self.v["topics"])
        if topic["international"]:
            if self.rng.random() < 0.35:
                a, b = self.rng.choice(self.v["hot_dyads"])
            else:
                a, b = self.rng.sample(sorted(self.countries), 2)
            if self.rng.random() < 0.5:
                a, b = b, a
            src, tgt = self.rng.choice(self.people[a][:4]), self.rng.choice(self.people[b][:4])
            host = self.rng.choice([a, b])
        else:
            src, tgt, host = self.rng.choice(self.people["IDN"][4:]), None, "IDN"
        story = Story(
            key=f"S{index:05d}", topic=topic, src=src, tgt=tgt,
            place=self.rng.choice(self.countries[host]["cities"]), place_country=host,
            day=self.start + timedelta(days=self.rng.randrange(self.days)), slots={},
        )
        self._new_matter(story)
        return story

    def _new_matter(self, story: Story) -> None:
        story.slots = {
            "subject": self.rng.choice(story.topic["subjects"]),
            "num": str(self.rng.choice([12, 25, 40, 75, 120, 300, 450, 800, 1200, 2500, 5000])),
            "num2": str(self.rng.randint(2, 30)),
        }
        story.details = [self._fill(t, story) for t in self.rng.sample(story.topic["details"],
                                                                          min(5, len(story.topic["details"])))]

    def recurrence(self, earlier: Story, index: int) -> Story | None:
        """The same actors, place and kind of event on the same day-month of another year (None when the family
        already has a story in every year)."""
        used = self.family_years.setdefault(earlier.family, {earlier.day.year})
        years = [y for y in range(self.start.year, self.start.year + self.days // 365 + 1) if y not in used]
        if not years:
            return None
        year = self.rng.choice(years)
        used.add(year)
        try:
            day = earlier.day.replace(year=year)
        except ValueError:  # 29 February
            day = earlier.day.replace(year=year, day=28)
        story = Story(f"S{index:05d}", earlier.topic, earlier.src, earlier.tgt, earlier.place, earlier.place_country,
                      day, {}, family=earlier.family)
        keep_subject = self.rng.random() < 0.5
        subject = earlier.slots["subject"]
        self._new_matter(story)
        if keep_subject:
            story.slots["subject"] = subject
            story.details = [self._fill(t, story) for t in self.rng.sample(
                story.topic["details"], min(5, len(story.topic["details"])))]
        return story

    # articles ---------------------------------------------------------------------------------------------------
    def _day_phrase(self, event_day: date, published: date) -> str:
        weekday = self.v["weekdays"][event_day.weekday()]
        month = self.v["months"][event_day.month - 1]
        options = [
            f"pada {weekday} ({event_day.day}/{event_day.month}/{event_day.year})",
            f"{weekday} ({event_day.day}/{event_day.month})",
            f"pada {event_day.day} {month} {event_day.year}",
            "",
        ]
        if published == event_day:
            options.append("hari ini")
        elif (published - event_day).days == 1:
            options.append("kemarin")
        return self.rng.choice(options)

    def _reword(self, text: str) -> str:
        for word, choices in self.v["synonyms"].items():
            if word in text and self.rng.random() < 0.7:
                text = re.sub(rf"\b{re.escape(word)}\b", self.rng.choice(choices), text)
        return text[:1].upper() + text[1:]

    def _connect(self, sentence: str) -> str:
        """Outlets stitch the same facts together with their own connectives."""
        if self.rng.random() < 0.4:
            return f"{self.rng.choice(self.v['connectives'])} {sentence[:1].lower()}{sentence[1:]}"
        return sentence

    def sibling(self, other: Story, index: int) -> Story:
        """Another happening of the same dyad and people within days: only what happened tells them apart."""
        topics = [t for t in self.v["topics"] if t["international"] == other.topic["international"]
                  and t["key"] != other.topic["key"]]
        story = Story(f"S{index:05d}", self.rng.choice(topics), other.src, other.tgt, other.place, other.place_country,
                      other.day + timedelta(days=self.rng.randint(-2, 2)), {})
        self._new_matter(story)
        return story

    def article(self, story: Story, article_id: str, outlet: dict[str, str], lag_days: int) -> Article:
        published_day = story.day + timedelta(days=lag_days)
        published = datetime(published_day.year, published_day.month, published_day.day,
                             self.rng.randint(6, 22), self.rng.choice([0, 15, 30, 45]), tzinfo=WIB)
        topic = story.topic
        lead = self._reword(self._fill(self.rng.choice(topic["leads"]), story,
                                       self._day_phrase(story.day, published_day)))
        city = story.place if self.rng.random() < 0.6 else "Jakarta"
        paragraphs = [outlet["dateline"].format(city=city) + lead]
        rest = [self._connect(self._reword(d))
                for d in self.rng.sample(story.details, self.rng.randint(2, len(story.details)))]
        rest.append(self._fill(self.rng.choice(topic["quotes"]), story))
        background = self.v["background"]["international" if topic["international"] else "domestic"]
        rest += self.rng.sample(background, self.rng.randint(0, 2))
        self.rng.shuffle(rest)
        while rest:
            take = self.rng.randint(1, 2)
            paragraphs.append(" ".join(rest[:take]))
            rest = rest[take:]
        body = "\n\n".join(paragraphs)
        title = self._reword(self._fill(self.rng.choice(topic["titles"]), story))
        art = Article(
            id=article_id, source=Source(path=f"/synthetic/{article_id}.txt", format="txt",
                                         sha256=hashlib.sha256(body.encode()).hexdigest()),
            lang="id", title=title, outlet=outlet["name"], published=published.isoformat(), body=body,
        )
        self._annotate(art, story, lead)
        return art

    def copy(self, original: Article, article_id: str, outlet: dict[str, str], story: Story) -> Article:
        """A re-published wire copy: another dateline, maybe the last paragraph cut, a few hours later."""
        paragraphs = original.body.split("\n\n")
        first = re.sub(r"^.*? [-–:]{1,2} ", "", paragraphs[0], count=1)
        paragraphs[0] = outlet["dateline"].format(city=story.place) + first
        if len(paragraphs) > 4 and self.rng.random() < 0.5:
            paragraphs = paragraphs[:-1]
        body = "\n\n".join(paragraphs)
        published = datetime.fromisoformat(original.published or "") + timedelta(hours=self.rng.randint(1, 8))
        art = Article(
            id=article_id, source=Source(path=f"/synthetic/{article_id}.txt", format="txt",
                                         sha256=hashlib.sha256(body.encode()).hexdigest()),
            lang="id", title=original.title, outlet=outlet["name"], published=published.isoformat(), body=body,
        )
        self._annotate(art, story, first)
        return art

    def _annotate(self, art: Article, story: Story, lead: str) -> None:
        """Entities with mention offsets and the main event, as the nlp and events stages would."""
        body = art.body
        named: list[tuple[str, str, str, str | None, list[str]]] = []
        for person in (story.src, story.tgt):
            if person:
                named.append((person.id, person.name, "PER", person.country, [person.name, person.short]))
        for code in {story.src.country, story.tgt.country if story.tgt else story.src.country}:
            name = self.countries[code]["name"]
            named.append((f"country:{code}", name, "LOC", code, [name]))
        named.append((f"place:{_slug(story.place)}", story.place, "LOC", story.place_country, [story.place]))
        taken: set[int] = set()
        for entity_id, name, etype, country, forms in named:
            mentions = []
            for form in forms:
                for m in re.finditer(rf"\b{re.escape(form)}\b", body):
                    if m.start() not in taken:
                        taken.add(m.start())
                        mentions.append(Mention(start=m.start(), end=m.end(), text=m.group()))
            if mentions:
                art.entities.append(Entity(id=entity_id, name=name, type=etype, kb=True, country=country,
                                           mentions=sorted(mentions, key=lambda x: x.start)))
        start = body.find(lead)
        roll = self.rng.random()
        if roll < 0.75:
            when, precision = story.day.isoformat(), "day"
        elif roll < 0.85:
            when, precision = story.day.isoformat()[:7], "month"
        else:
            when, precision = None, None
        tgt = story.tgt
        art.events.append(Event(
            type=story.topic["type"],
            source=Actor(entity_id=story.src.id, name=story.src.name, country=story.src.country),
            target=Actor(entity_id=tgt.id, name=tgt.name, country=tgt.country) if tgt else Actor(country="IDN"),
            date=when, date_precision=precision, place=story.place,
            start=max(start, 0), end=max(start, 0) + len(lead), text=lead,
        ))


def _story_size(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.15:
        return 1
    if roll < 0.50:
        return rng.randint(2, 4)
    if roll < 0.90:
        return rng.randint(5, 12)
    return rng.randint(13, 25)


def generate(n_articles: int, seed: int = 7, start: date = date(2019, 1, 1), years: int = 5,
             recurrence: float = 0.2, sibling: float = 0.1, copy_rate: float = 0.1) -> Stream:
    """A stream of `n_articles` articles in publication order, with the gold story of each and the copies."""
    gen = _Generator(seed, start, years)
    rng = gen.rng
    stories: list[Story] = []
    planned: list[tuple[Story, int]] = []
    total = 0
    while total < n_articles:
        roll = rng.random()
        story = None
        if stories and roll < recurrence:
            story = gen.recurrence(rng.choice(stories), len(stories))
        elif stories and roll < recurrence + sibling:
            story = gen.sibling(rng.choice(stories), len(stories))
        if story is None:
            story = gen.new_story(len(stories))
        size = min(_story_size(rng), n_articles - total)
        stories.append(story)
        planned.append((story, size))
        total += size
    articles: list[Article] = []
    story_of: dict[str, str] = {}
    copy_of: dict[str, str] = {}
    for story, size in planned:
        outlets = rng.sample(gen.v["outlets"], len(gen.v["outlets"]))
        own: list[Article] = []
        for k in range(size):
            article_id = f"syn-{len(articles):06d}"
            outlet = outlets[k % len(outlets)]
            if own and rng.random() < copy_rate:
                original = rng.choice(own)
                art = gen.copy(original, article_id, outlet, story)
                copy_of[article_id] = copy_of.get(original.id, original.id)
            else:
                art = gen.article(story, article_id, outlet, lag_days=min(int(rng.expovariate(1.0)), 3))
            own.append(art)
            articles.append(art)
            story_of[article_id] = story.key
    articles.sort(key=lambda a: (a.published or "", a.id))
    return Stream(articles, story_of, copy_of)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", help="write the articles into this Warta store")
    ap.add_argument("--jsonl", help="write the article records as JSON lines")
    ap.add_argument("--gold", help="write {story_of, copy_of} as JSON")
    args = ap.parse_args(argv)
    stream = generate(args.articles, args.seed)
    if args.db:
        from warta.store import Store

        with Store(args.db) as store:
            for art in stream.articles:
                store.save_article(art)
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as out:
            for art in stream.articles:
                out.write(art.to_json() + "\n")
    if args.gold:
        Path(args.gold).write_text(json.dumps({"story_of": stream.story_of, "copy_of": stream.copy_of}, indent=1))
    n_stories = len(set(stream.story_of.values()))
    print(f"synth_stream: {len(stream.articles)} articles, {n_stories} stories, {len(stream.copy_of)} copies",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
