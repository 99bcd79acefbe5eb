"""Incremental, date-aware story clustering with near-duplicate detection over the store.

One pass over the articles not yet clustered, in date order (single-pass online clustering, as in TDT first-story
detection):

1. near-duplicates: MinHash over word 4-shingles, LSH (datasketch) holding only the articles within
   `dup_window_days` of the one at hand; a copy points at the earliest original (`articles.duplicate_of`) and joins
   its story;
2. otherwise the article is compared with the candidate stories: those sharing one of its heaviest terms in the
   weekly buckets around its date (an inverted index, so the work per article is bounded by the stories active
   around that date, not by the corpus). A story is a candidate only when the article's date lies within
   `max_gap_days` of the story's span: the same people on the same day-month of another year start a new story.
   The score is mostly an article-to-article link: the best cosine of the article's head (title and lead, which
   say who did what; the background paragraphs every report of an affair repeats are left out) with the heads of
   the story's first articles published within `link_days`, less `next_day_penalty` per day between them (a
   report of the next day is as often a new development as a re-run) and less `title_people_penalty` when the
   two titles name different persons (two people's statements are two stories), less `subject_penalty` when the
   actors the two headlines name first differ and neither headline names the other's ("Kejagung questions X's
   ex-staffer" is not "X explains the purchase"), less `act_penalty` when both leads report events as done, none
   of the same type (a seizure, then a deportation), less `title_act_penalty` when both headlines report acts (the
   event dictionary's cues), none of the same kind (backing a man for a job, the man refusing it), and less
   `preview_penalty` when only one of them is a preview
   ("sworn in tomorrow" is not the swearing-in); plus `place_bonus` when the two heads name the same specific place
   (a district, a street, a terminal: not a city) on the same day in headlines that name no person (one fire worded
   three ways by three outlets; a minister's speech and a launch at one venue stay apart); the rest is the cosine of the
   article's full TF-IDF vector (stemmed words + entity ids + event kinds) with the story's centroid, plus a bonus
   for an event record (type, dyad, day) both report, less `size_penalty` per doubling of the story beyond
   `guard_size` articles (a precision guard: an affair's big cluster absorbs another development's report only on
   strong evidence);
3. the best candidate above `threshold` gets the article, else the article founds a new story;
4. a second look: a story still of one article, once every article of its day and the next is placed (or a stored
   one whose day is within `link_days` of this run's articles), scores its article against the candidate stories as
   they now stand and moves it to the best one scoring `second_look_threshold`: the first report of a development
   often arrives before the others have gathered.

Less `feature_penalty` joins the link's guards when both headlines name a volcano, river or lake and none the same
(daily eruption bulletins are worded alike).

Everything the next run needs is persisted (story_members, story_clusters with centroids and heads, story_keys,
story_terms, story_state),
so a new batch joins the existing stories without re-clustering the corpus.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH

from warta.store.stories import StoryTables
from warta.stories import text as tx
from warta.stories.dates import anchor_date, header_day, parse_day
from warta.stories.model import HEAD_FEATURES, STORY_FEATURES, link_weights
from warta.stories.records import event_kind
from warta.stories.templates import same_series, template_siblings


@dataclass(frozen=True)
class Params:
    """Clustering parameters; tuned on the synthetic stream and the real-news dev set (docs/quality.md, `## Stories`)."""

    max_gap_days: int = 3  # an article joins a story only within this many days of the story's span
    threshold: float = 0.35  # minimum score (head link and centroid cosine + bonus - penalty) to join a story
    undated_threshold: float = 0.35  # stricter for an article with no date at all: nothing rules a year out
    other_people_penalty: float = 0.0  # the article and the story name persons, none the same (0 since round 7)
    same_event_bonus: float = 0.1  # the article reports an event (type, dyad, day) the story reports
    gap_penalty: float = 0.0  # per day outside the story's span
    entity_boost: float = 0.5  # entity features weigh this many times a word
    event_boost: float = 1.75  # event-kind features (type and dyad) weigh this many times a word (docs/stories.md)
    article_terms: int = 80  # terms kept in an article vector
    centroid_terms: int = 300  # terms kept in a story centroid
    index_keys: int = 12  # heaviest terms of an article that index its story for candidate lookup
    candidates: int = 25  # stories scored per article at most
    dup_threshold: float = 0.5  # estimated Jaccard of 4-shingles above which an article is a near-copy
    dup_window_days: int = 7  # copies are published within days of the original
    num_perm: int = 128
    bucket_days: int = 7
    lead_chars: int = 500  # the head of an article: its title and this much of its body
    head_weight: float = 0.5  # score = this share of the best head-to-head cosine + the rest of the centroid cosine
    link_model: str = "hand"  # the link score's weights: "hand" (these parameters) or "learned" (`model.py`)
    template_penalty: float = 0.6  # the story holds a page of the article's outlet cut from its title template
    link_mean: float = 0.4  # this share of the gap between the best and the mean head link is taken off the link
    link_days: int = 1  # a head links only to heads of articles within this many days
    head_terms: int = 60  # terms kept in a head vector (a title and a 500-character lead rarely have more)
    title_people_penalty: float = 0.1  # the article's title and a story article's title name different persons
    act_penalty: float = 0.1  # the two leads report events, none of the same type (a seizure, a deportation)
    title_act_penalty: float = 0.3  # the two headlines report acts, none of the same kind (`tx.title_acts`)
    subject_penalty: float = 0.1  # the two titles' first-named actors differ and neither title names the other's
    title_types: tuple[str, ...] = ("PER",)  # entity types whose naming in a title says who did or said it
    next_day_penalty: float = 0.15  # per day between two linked heads: a later report is often a new development
    preview_penalty: float = 0.2  # one of the two linked titles announces what the other reports done
    speaker_chars: int = 1000  # quotes starting within this many characters of the body: who speaks in its lead
    speaker_penalty: float = 0.05  # the two linked articles quote speakers in their leads, none the same
    related_threshold: float = 0.2  # a story scored this high for an article that went elsewhere: same affair (thread)
    max_heads: int = 30  # heads kept per story (the earliest): enough to stand for it
    guard_size: int = 4  # a story this big has become an affair's cluster: joining it takes more
    size_penalty: float = 0.07  # per doubling of a story's size beyond guard_size
    place_bonus: float = 0.15  # the two heads name the same specific place (a street, a district, a venue) that day
    number_bonus: float = 0.2  # the heads give the same count or amount (`tx.numbers_in`: "20 bus", "Rp 1,2 miliar")
    number_shared: int = 1  # this many of them
    quote_bonus: float = 0.1  # the two heads quote the same run of words (`tx.quoted_runs`)
    place_prefixes: tuple[str, ...] = ("local:",)  # entity ids of specific places (not a city or a country)
    feature_penalty: float = 0.3  # the headlines name different natural features of one kind (`tx.other_features`)
    story_acts_heads: int = 2  # a story with this many headlines reporting acts lends them to its act-less heads
    # a story's lone founder, once the next day's reports are in, joins the best other story scoring this high: it
    # came before the reports it belongs with had gathered (docs/stories.md, round 9)
    second_look_threshold: float = 0.4


PARAMS = Params()
# a stored member for the near-copy index: anchor day, id, story, copy of, signature, title
_Stored = tuple[date, str, str, str | None, np.ndarray, str | None]
_CHUNK = 500
# the stored signatures were made with this datasketch permutation scheme; sketches of different schemes do not compare
_SCHEME = "affine32"


@dataclass
class _Doc:
    id: str
    sha: str
    anchor: date | None
    published_utc: str | None
    event_keys: frozenset[str]  # "TYPE|A>B|YYYY-MM-DD" of the day-dated events it reports
    term_ids: np.ndarray
    term_counts: np.ndarray
    signature: np.ndarray
    people: frozenset[str] = frozenset()  # entity ids of the persons it names
    title_people: frozenset[str] = frozenset()  # the persons its title names: who did or said it
    title_actors: frozenset[str] = frozenset()  # the persons and organisations its title names
    subject: str | None = None  # the one its title names first
    acts: frozenset[str] = frozenset()  # types of the events its lead reports as done
    title_acts: frozenset[str] = frozenset()  # CAMEO roots of the acts its headline reports (`tx.title_acts`)
    preview: bool = False  # its title announces a development still to come
    speakers: frozenset[str] = frozenset()  # entity ids of the speakers it quotes
    places: frozenset[str] = frozenset()  # the specific places its title and lead name
    numbers: frozenset[str] = frozenset()  # the counts and amounts its title and lead give
    quoted: frozenset[int] = frozenset()  # runs of quoted words in its title and first `speaker_chars`
    features: frozenset[tuple[str, str]] = frozenset()  # the natural features its title names (`tx.named_features`)
    title: str = ""
    outlet: str | None = None
    head_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    head_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))


@dataclass
class _Head:
    """What a story keeps of one of its first articles to link later ones to: who did what, when."""

    vector: dict[str, float]
    day: int | None  # anchor ordinal
    who: list[str]  # entities its title names
    preview: bool
    speakers: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    subject: str | None = None
    acts: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    title: str = ""  # to tell one outlet's template series (`templates.py`)
    outlet: str | None = None
    title_acts: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    quoted: list[int] = field(default_factory=list)

    def dumps(self) -> list[object]:
        return [_rounded(self.vector), self.day, self.who, self.preview, self.speakers, self.actors, self.subject,
                self.acts, self.places, self.title, self.outlet, self.title_acts, self.numbers, self.quoted]

    @classmethod
    def loads(cls, row: list[object]) -> _Head:
        vector, day, who, preview, *rest = row
        return cls(vector, day, who, bool(preview), *rest)  # type: ignore[arg-type]


@dataclass
class _Cluster:
    id: str
    n: int
    first: date | None
    last: date | None
    centroid: dict[str, float]
    event_keys: set[str] = field(default_factory=set)  # stored in story_clusters.event_days_json
    people: Counter[str] = field(default_factory=Counter)  # persons named, by number of articles
    heads: list[_Head] = field(default_factory=list)  # of its first articles
    dirty: bool = False
    # the stories its founder was scored against on arrival, with their sizes then (not stored): a story of the same
    # size scores the same in the second look, below the threshold it lost to
    rivals: dict[str, int] = field(default_factory=dict)


@dataclass
class ClusterResult:
    touched_stories: set[str]
    assigned: int
    duplicates: int


def _rounded(vector: dict[str, float]) -> dict[str, float]:
    return {t: round(w, 4) for t, w in vector.items()}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _chunks(items: list[str], size: int = _CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _Clusterer:
    def __init__(self, tables: StoryTables, params: Params) -> None:
        self.tables = tables
        self.p = params
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.batch_df: Counter[int] = Counter()
        self.df: dict[str, int] = {}
        self.n_docs = 0
        self.clusters: dict[str, _Cluster] = {}
        self.index: dict[int, dict[str, set[str]]] = {}
        self.pending_keys: list[tuple[str, int, str]] = []
        self.story_of: dict[str, str] = {}
        self.dup_root: dict[str, str] = {}
        self.touched: set[str] = set()
        self.links: dict[tuple[str, str], float] = {}  # (story, story) -> best score of an article of one for the other
        # stories founded by a dated article that no other has joined yet: (article, vector, head, keys)
        self.alone: dict[str, tuple[_Doc, dict[str, float], dict[str, float], list[str]]] = {}
        self.reopened: dict[str, _Doc] = {}  # stored lone founders near this batch's days, by their story
        self.lsh = MinHashLSH(threshold=params.dup_threshold, num_perm=params.num_perm)
        self.lsh_signatures: dict[str, np.ndarray] = {}
        self.lsh_titles: dict[str, str] = {}  # titles of the articles in the LSH
        self.lsh_expiry: list[tuple[int, str]] = []
        self.permutations = MinHash(num_perm=params.num_perm, seed=1, scheme=_SCHEME).permutations
        self.weights = link_weights(params)

    def _minhash(self, hashvalues: np.ndarray | None = None) -> MinHash:
        return MinHash(num_perm=self.p.num_perm, seed=1, hashvalues=hashvalues, permutations=self.permutations,
                       scheme=_SCHEME)

    # features ---------------------------------------------------------------------------------------------------
    def _signature(self, body: str) -> np.ndarray:
        shingles = tx.shingles(body)
        m = self._minhash()
        if shingles:
            m.update_batch(list(shingles))
        # hash values are below 2**32 (datasketch's _max_hash): stored as uint32
        return m.hashvalues.astype(np.uint32)

    def read_docs(self, ids: list[str], count: bool = True) -> list[_Doc]:
        """Pass 1: compact features of the articles to cluster (no text kept in memory); `count` adds their terms
        to this batch's document frequencies (not for stored articles read again)."""
        docs: list[_Doc] = []
        for chunk in _chunks(ids):
            entities: dict[str, list[tuple[str, int]]] = {}
            people: dict[str, set[str]] = {}
            named: dict[str, dict[str, str]] = {}
            actors: dict[str, dict[str, str]] = {}
            places: dict[str, list[str]] = {}
            for row in self.tables.entity_rows(chunk):
                entities.setdefault(row[0], []).append((row[1], row[2]))
                if row[3] == "PER":
                    people.setdefault(row[0], set()).add(row[1])
                if row[3] in self.p.title_types:
                    named.setdefault(row[0], {})[row[1]] = row[4] or ""
                if row[3] in ("PER", "ORG"):
                    actors.setdefault(row[0], {})[row[1]] = row[4] or ""
                if row[3] == "LOC" and row[1].startswith(self.p.place_prefixes):
                    places.setdefault(row[0], []).append(row[4] or "")
            event_days: dict[str, set[str]] = {}
            event_keys: dict[str, set[str]] = {}
            event_kinds: dict[str, list[str]] = {}
            acts: dict[str, set[str]] = {}
            for row in self.tables.done_event_rows(chunk):
                kind = event_kind(row)
                event_kinds.setdefault(row["article_id"], []).append(kind)
                if row["start"] is not None and row["start"] < self.p.speaker_chars:
                    acts.setdefault(row["article_id"], set()).add(row["type"])
                if row["date_precision"] == "day" and parse_day(row["date"]):
                    event_days.setdefault(row["article_id"], set()).add(row["date"][:10])
                    event_keys.setdefault(row["article_id"], set()).add(f"{kind}|{row['date'][:10]}")
            speakers: dict[str, set[str]] = {}
            for article_id, speaker_id, start in self.tables.quote_speakers(chunk):
                if start < self.p.speaker_chars:
                    speakers.setdefault(article_id, set()).add(speaker_id)
            header_lines: dict[str, list[str]] = {}
            for article_id, line in self.tables.header_dates(chunk):
                header_lines.setdefault(article_id, []).append(line)
            for row in self.tables.article_texts(chunk):
                article_id, sha, title, body, published, published_utc, outlet = row
                days = event_days.get(article_id, set())
                counts = tx.term_counts(title, body, entities.get(article_id, []), event_kinds.get(article_id, []))
                term_ids = np.fromiter((self._term_id(t) for t in counts), dtype=np.int32, count=len(counts))
                heads = tx.head_counts(title, body, self.p.lead_chars)
                for tid in term_ids if count else ():
                    self.batch_df[int(tid)] += 1
                docs.append(_Doc(
                    id=article_id, sha=sha,
                    anchor=anchor_date(published, (day for day in map(parse_day, days) if day is not None),
                                       header_day(header_lines.get(article_id, ()))),
                    published_utc=published_utc,
                    event_keys=frozenset(event_keys.get(article_id, ())),
                    people=frozenset(people.get(article_id, ())),
                    title_people=tx.named_in(title, named.get(article_id, {})),
                    title_actors=tx.named_in(title, actors.get(article_id, {})),
                    subject=tx.subject_in(title, actors.get(article_id, {})),
                    acts=frozenset(acts.get(article_id, ())),
                    title_acts=tx.title_acts(title),
                    preview=tx.is_preview(title),
                    speakers=frozenset(speakers.get(article_id, ())),
                    places=tx.places_in(f"{title or ''} {body[: self.p.lead_chars]}", places.get(article_id, ())),
                    numbers=tx.numbers_in(f"{title or ''} {body[: self.p.lead_chars]}"),
                    quoted=tx.quoted_runs(f"{title or ''} {body[: self.p.speaker_chars]}"),
                    features=tx.named_features(title),
                    title=title or "", outlet=outlet,
                    term_ids=term_ids,
                    term_counts=np.fromiter(counts.values(), dtype=np.float32, count=len(counts)),
                    signature=self._signature(body),
                    head_ids=np.fromiter((self._term_id(t) for t in heads), dtype=np.int32, count=len(heads)),
                    head_counts=np.fromiter(heads.values(), dtype=np.float32, count=len(heads)),
                ))
        return docs

    def reopen_lone(self, docs: list[_Doc]) -> None:
        """Read the stored stories of one article anchored within `link_days` of these articles' days: their
        founders get a second look in this pass too (the reports they belong with may be in this batch). Before
        `load_df`, so that their terms' frequencies are loaded."""
        dated = [d.anchor for d in docs if d.anchor is not None]
        if not dated:
            return
        reach = timedelta(days=self.p.link_days)
        found = self.tables.lone_members((min(dated) - reach).isoformat(), (max(dated) + reach).isoformat())
        founders = {d.id: d for d in self.read_docs([article for _, article in found], count=False)}
        self.reopened = {story: founders[article] for story, article in found if article in founders}

    def _term_id(self, term: str) -> int:
        tid = self.vocab.get(term)
        if tid is None:
            tid = self.vocab[term] = len(self.terms)
            self.terms.append(term)
        return tid

    def load_df(self, n_new: int) -> None:
        """Document frequencies: the stored ones plus this batch's, so IDF reflects the corpus seen so far."""
        self.n_docs = self.tables.n_docs() + n_new
        self.df.update(self.tables.term_df(self.terms))
        for tid, n in self.batch_df.items():
            term = self.terms[tid]
            self.df[term] = self.df.get(term, 0) + n

    def save_df(self) -> None:
        self.tables.add_term_df(((self.terms[tid], n) for tid, n in self.batch_df.items()), self.n_docs)

    def vector(self, doc: _Doc) -> dict[str, float]:
        counts = {self.terms[int(t)]: float(c) for t, c in zip(doc.term_ids, doc.term_counts, strict=True)}
        return tx.tfidf(counts, self.df, self.n_docs, top=self.p.article_terms,
                        boosts={tx.ENTITY_PREFIX: self.p.entity_boost, tx.EVENT_PREFIX: self.p.event_boost})

    def head(self, doc: _Doc) -> dict[str, float]:
        counts = {self.terms[int(t)]: float(c) for t, c in zip(doc.head_ids, doc.head_counts, strict=True)}
        return tx.tfidf(counts, self.df, self.n_docs, top=self.p.head_terms)

    # clusters and their index ----------------------------------------------------------------------------------
    def _bucket(self, day: date) -> int:
        return day.toordinal() // self.p.bucket_days

    def _flush_keys(self) -> None:
        if self.pending_keys:
            self.tables.add_keys(self.pending_keys)
            self.pending_keys.clear()

    def _bucket_index(self, bucket: int) -> dict[str, set[str]]:
        found = self.index.get(bucket)
        if found is None:
            self._flush_keys()
            found = {}
            for key, story_id in self.tables.keys_in_bucket(bucket):
                found.setdefault(key, set()).add(story_id)
            self.index[bucket] = found
        return found

    def cluster(self, story_id: str) -> _Cluster | None:
        found = self.clusters.get(story_id)
        if found is None:
            row = self.tables.cluster_row(story_id)
            if row is None:
                return None
            found = _Cluster(story_id, row[0], parse_day(row[1]), parse_day(row[2]), json.loads(row[3]),
                             set(json.loads(row[4])), Counter(dict(json.loads(row[5]))),
                             [_Head.loads(h) for h in json.loads(row[6])])
            self.clusters[story_id] = found
        return found

    def save_cluster(self, c: _Cluster) -> None:
        self.tables.save_cluster(c.id, c.n, _iso(c.first), _iso(c.last), json.dumps(c.centroid),
                                 json.dumps(sorted(c.event_keys)[-30:]), json.dumps(c.people.most_common(30)),
                                 json.dumps([h.dumps() for h in c.heads]))
        c.dirty = False

    def _evict(self, today: date) -> None:
        """Write out and forget the stories and index buckets no later article (in date order) can reach."""
        self._second_looks(today - timedelta(days=self.p.link_days + 1))
        horizon = today - timedelta(days=self.p.max_gap_days + 1)
        for story_id in [s for s, c in self.clusters.items() if c.last is not None and c.last < horizon]:
            c = self.clusters.pop(story_id)
            if c.dirty:
                self.save_cluster(c)
        self._flush_keys()
        oldest = self._bucket(horizon) - 1
        for bucket in [b for b in self.index if b < oldest]:
            del self.index[bucket]

    def _new_story_id(self, founder: str) -> str:
        base = "story-" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:12]
        story_id, n = base, 1
        while story_id in self.clusters or self.tables.cluster_exists(story_id):
            n += 1
            story_id = f"{base}-{n}"
        return story_id

    def _candidates(self, doc: _Doc, keys: list[str]) -> list[str]:
        votes: Counter[str] = Counter()
        if doc.anchor is not None:
            lo = self._bucket(doc.anchor - timedelta(days=self.p.max_gap_days))
            hi = self._bucket(doc.anchor + timedelta(days=self.p.max_gap_days))
            for bucket in range(lo, hi + 1):
                postings = self._bucket_index(bucket)
                for key in keys:
                    for story_id in postings.get(key, ()):
                        votes[story_id] += 1
        else:
            self._flush_keys()
            for story_id, n in self.tables.key_votes(keys, self.p.candidates):
                votes[story_id] = n
        return [s for s, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[: self.p.candidates]]

    def head_features(self, doc: _Doc, head: dict[str, float], h: _Head,
                      story_acts: frozenset[str] = frozenset()) -> tuple[float, ...] | None:
        """The article against one of a story's first articles (`model.HEAD_FEATURES`); None when they lie more
        than `link_days` apart."""
        day = doc.anchor.toordinal() if doc.anchor is not None else None
        gap = abs(day - h.day) if day is not None and h.day is not None else None
        if gap is not None and gap > self.p.link_days:
            return None
        return (
            tx.cosine(head, h.vector),
            # a report of the next day is more often a new development than the same one
            float(gap or 0),
            # two titles naming different people: two people's statements or acts, two stories
            float(bool(doc.title_people and h.who and doc.title_people.isdisjoint(h.who))),
            # two headlines whose first-named actors differ, neither naming the other's: two actors' acts
            float(bool(doc.subject and h.subject and doc.subject != h.subject and doc.subject not in h.actors
                       and h.subject not in doc.title_actors)),
            # the leads report different kinds of act: another development (a seizure, then a deportation)
            float(bool(doc.acts and h.acts and doc.acts.isdisjoint(h.acts))),
            # "sworn in tomorrow" is not the swearing-in
            float(h.preview != doc.preview),
            # the leads quote different speakers: two actors' statements (a reply, another party's reaction)
            float(bool(doc.speakers and h.speakers and doc.speakers.isdisjoint(h.speakers))),
            # the same specific place on the same day, in titles that name no person (an incident, not someone's
            # statement or act at a venue): one incident however differently the outlets word it
            float(bool(doc.places and not doc.places.isdisjoint(h.places) and not doc.title_people and not h.who
                       and not gap)),
            # the same person or organisation named in both headlines
            float(bool(doc.title_actors and not doc.title_actors.isdisjoint(h.actors))),
            # the same specific place in both heads, whoever the headlines name
            float(bool(doc.places and not doc.places.isdisjoint(h.places))),
            # the leads report an act of the same type
            float(bool(doc.acts and not doc.acts.isdisjoint(h.acts))),
            # the headlines report other kinds of act (a seizure and a deportation, backing and refusing a job)
            # (an act-less headline counts with its story's acts, `story_acts`, when the story has them)
            float(bool(doc.title_acts and (h.title_acts or story_acts)
                       and doc.title_acts.isdisjoint(h.title_acts or story_acts))),
            # the heads give the same count or amount: one development's figures in other words
            float(len(doc.numbers.intersection(h.numbers)) >= self.p.number_shared),
            # the heads quote the same words: one statement reported in other words
            # (said by the same speaker when both leads name one: official bulletins repeat their wording each day)
            float(bool(doc.quoted and not doc.quoted.isdisjoint(h.quoted)
                       and not (doc.speakers and h.speakers and doc.speakers.isdisjoint(h.speakers)))),
            # the headlines name different volcanoes, rivers, lakes: a recurring kind of news (daily eruption
            # bulletins worded alike) about two places
            float(bool(doc.features) and tx.other_features(doc.features, tx.named_features(h.title))),
        )

    def story_features(self, doc: _Doc, vec: dict[str, float], c: _Cluster) -> tuple[float, ...]:
        """The article against the story as a whole (`model.STORY_FEATURES`)."""
        return (
            tx.cosine(vec, c.centroid),
            # an event record (type, dyad, day) both report
            float(bool(doc.event_keys & c.event_keys)),
            # reports of one happening name at least one of the same people; none in common is a sign of another
            float(bool(doc.people and c.people and not any(person in c.people for person in doc.people))),
            # the story holds a page of the same outlet cut from the article's title template with other values in
            # its slots (another regency's budget, another match's prediction, another day's prices): a series
            float(any(same_series(doc.title, doc.outlet, h.title, h.outlet) for h in c.heads)),
        )

    def _link(self, doc: _Doc, head: dict[str, float], c: _Cluster) -> float:
        """The best weighted head features of the article against the story's articles published around its date
        (0 when none is close enough or all score below 0), less `link_mean` of its lead over their mean: an
        article like one report of a story and unlike its others is another development chained to it (a reply
        linked to the statement it answers), a report of the same development is like them all."""
        # a head whose headline reports no act stands for the story's acts when at least `story_acts_heads` of its
        # headlines report some: "Israel: Aktivis ... Akan Dipulangkan" is a report of the seizure its siblings name
        acted = [h.title_acts for h in c.heads if h.title_acts]
        story_acts = frozenset().union(*acted) if len(acted) >= self.p.story_acts_heads else frozenset()
        scores = [self.weights.head_score(f) for f in (self.head_features(doc, head, h, story_acts) for h in c.heads)
                  if f is not None]
        if not scores:
            return 0.0
        best = max(0.0, max(scores))
        return best - self.p.link_mean * (best - max(0.0, sum(scores) / len(scores)))

    def _score(self, doc: _Doc, vec: dict[str, float], head: dict[str, float], c: _Cluster) -> float | None:
        if doc.anchor is not None and c.first is not None and c.last is not None:
            if doc.anchor < c.first:
                gap = (c.first - doc.anchor).days
            elif doc.anchor > c.last:
                gap = (doc.anchor - c.last).days
            else:
                gap = 0
            if gap > self.p.max_gap_days:
                return None
        else:
            gap = 0
        score = self.weights.bias + self._link(doc, head, c) + self.weights.story_score(self.story_features(doc, vec, c))
        score -= self.p.gap_penalty * gap
        if c.n > self.p.guard_size:
            # a precision guard: a big story absorbs a small one's first report only on strong evidence
            score -= self.p.size_penalty * math.log2(c.n / self.p.guard_size)
        return score

    def _absorb(self, doc: _Doc, vec: dict[str, float], head: dict[str, float], c: _Cluster) -> None:
        """What the story keeps of a new member: its head (while the story is young), vector, span, events, people."""
        c.n += 1
        if len(c.heads) < self.p.max_heads:
            day = doc.anchor.toordinal() if doc.anchor is not None else None
            c.heads.append(_Head(head, day, sorted(doc.title_people), doc.preview, sorted(doc.speakers),
                                 sorted(doc.title_actors), doc.subject, sorted(doc.acts), sorted(doc.places),
                                 doc.title, doc.outlet, sorted(doc.title_acts),
                                 sorted(doc.numbers), sorted(doc.quoted)))
        for term, weight in vec.items():
            c.centroid[term] = c.centroid.get(term, 0.0) + weight
        if len(c.centroid) > 2 * self.p.centroid_terms:
            c.centroid = dict(sorted(c.centroid.items(), key=lambda kv: -kv[1])[: self.p.centroid_terms])
        if doc.anchor is not None:
            c.first = doc.anchor if c.first is None else min(c.first, doc.anchor)
            c.last = doc.anchor if c.last is None else max(c.last, doc.anchor)
        c.event_keys.update(doc.event_keys)
        c.people.update(doc.people)

    def _join(self, doc: _Doc, vec: dict[str, float], head: dict[str, float], c: _Cluster, keys: list[str]) -> None:
        self._absorb(doc, vec, head, c)
        if c.n == 1 and doc.anchor is not None:
            self.alone[c.id] = (doc, vec, head, keys)
        else:
            self.alone.pop(c.id, None)
        if doc.anchor is not None:
            bucket = self._bucket(doc.anchor)
            postings = self._bucket_index(bucket)
            for key in keys:
                postings.setdefault(key, set()).add(c.id)
                self.pending_keys.append((key, bucket, c.id))
        else:
            # undated articles index their story in a bucket of their own, reachable only through the SQL lookup
            self.pending_keys.extend((key, -1, c.id) for key in keys)
        c.dirty = True
        self.story_of[doc.id] = c.id
        self.touched.add(c.id)

    def pair_features(self, later: _Doc, earlier: _Doc) -> dict[str, float | None]:
        """The features of `later` against the one-article story of `earlier` (`model.FEATURES`; head features 0
        when the two lie more than `link_days` apart, as no head links then), with `days` between them (None
        undated) and `linked` (whether a head could link)."""
        c = _Cluster("pair", 0, None, None, {})
        self._absorb(earlier, self.vector(earlier), self.head(earlier), c)
        head_part = self.head_features(later, self.head(later), c.heads[0])
        story_part = self.story_features(later, self.vector(later), c)
        found: dict[str, float | None] = dict(zip(HEAD_FEATURES, head_part or [0.0] * len(HEAD_FEATURES), strict=True))
        found.update(zip(STORY_FEATURES, story_part, strict=True))
        found["days"] = float((later.anchor - earlier.anchor).days) if later.anchor and earlier.anchor else None
        found["linked"] = float(head_part is not None)
        return found

    def _best(self, doc: _Doc, vec: dict[str, float], head: dict[str, float], keys: list[str]) -> _Cluster:
        """The candidate story scoring highest above the threshold, else a new story. Candidates that came close
        (`related_threshold`) but lost are other developments of the same affair: the stories are linked."""
        target: _Cluster | None = None
        best_score = self.p.threshold if doc.anchor is not None else self.p.undated_threshold
        near: dict[str, float] = {}
        rivals: dict[str, int] = {}
        for story_id in self._candidates(doc, keys):
            candidate = self.cluster(story_id)
            score = self._score(doc, vec, head, candidate) if candidate is not None else None
            if candidate is None or score is None:
                continue
            rivals[story_id] = candidate.n
            if score >= self.p.related_threshold:
                near[story_id] = score
            if score >= best_score:
                target, best_score = candidate, score
        if target is None:
            target = _Cluster(self._new_story_id(doc.id), 0, None, None, {}, rivals=rivals)
            self.clusters[target.id] = target
        for story_id, score in near.items():
            if story_id != target.id:
                pair = (min(story_id, target.id), max(story_id, target.id))
                self.links[pair] = max(self.links.get(pair, 0.0), round(score, 4))
        return target

    def _second_looks(self, until: date | None) -> None:
        """Let each lone founder anchored up to `until` (all when None), in date order, join the best other story
        scoring at least `second_look_threshold`: its own story is then dropped. An online clusterer decides when an
        article arrives; the reports it belongs with may come after it (other outlets' wordings of the same
        development), and their story then stands beside its own."""
        due = [sid for sid, (doc, *_) in self.alone.items() if until is None or (doc.anchor and doc.anchor <= until)]
        due.sort(key=lambda sid: (self.alone[sid][0].anchor, sid))
        for story_id in due:
            if story_id not in self.alone:
                continue  # another lone founder joined it
            doc, vec, head, keys = self.alone.pop(story_id)
            own = self.clusters.get(story_id)
            rivals = own.rivals if own is not None else {}
            best, best_score = None, self.p.second_look_threshold
            for other_id in self._candidates(doc, keys):
                other = self.cluster(other_id) if other_id != story_id else None
                if other is not None and rivals.get(other_id) == other.n:
                    continue  # unchanged since the article lost to the arrival threshold
                score = self._score(doc, vec, head, other) if other is not None else None
                if other is not None and score is not None and score >= best_score:
                    best, best_score = other, score
            if best is not None:
                self._drop_alone(story_id, doc, keys)
                self._join(doc, vec, head, best, keys)

    def _drop_alone(self, story_id: str, doc: _Doc, keys: list[str]) -> None:
        """Forget a story whose lone founder leaves it: the cluster, its index postings and links."""
        self.clusters.pop(story_id, None)
        self.touched.add(story_id)  # a stored story left empty: its rows go (`cluster_store`)
        bucket = self._bucket(doc.anchor) if doc.anchor is not None else -1
        for key in keys:
            self.index.get(bucket, {}).get(key, set()).discard(story_id)
        self.pending_keys = [row for row in self.pending_keys if row[2] != story_id]
        self.tables.drop_cluster(story_id)  # postings already written out
        self.links = {pair: score for pair, score in self.links.items() if story_id not in pair}

    # near-duplicates --------------------------------------------------------------------------------------------
    def _lsh_insert(self, article_id: str, signature: np.ndarray, day: date | None, title: str) -> None:
        if article_id in self.lsh_signatures:
            return
        self.lsh.insert(article_id, self._minhash(signature))
        self.lsh_signatures[article_id] = signature
        self.lsh_titles[article_id] = title
        if day is not None:
            heapq.heappush(self.lsh_expiry, (day.toordinal(), article_id))

    def _lsh_expire(self, today: date) -> None:
        limit = today.toordinal() - self.p.dup_window_days
        while self.lsh_expiry and self.lsh_expiry[0][0] < limit:
            _, article_id = heapq.heappop(self.lsh_expiry)
            self.lsh.remove(article_id)
            del self.lsh_signatures[article_id]
            del self.lsh_titles[article_id]

    def _original(self, doc: _Doc) -> str | None:
        query = self._minhash(doc.signature)
        best, best_jaccard = None, 0.0
        for other in self.lsh.query(query):
            if other == doc.id:
                continue
            # LSH only proposes; the estimated Jaccard decides (the closest copy wins, ties to the smaller id)
            jaccard = float(np.mean(self.lsh_signatures[other] == doc.signature))
            if jaccard < self.p.dup_threshold:
                continue
            if template_siblings(doc.title, self.lsh_titles[other]):
                continue  # a template series shares its body text, yet each page (another regency, day) is its own
            if best is None or jaccard > best_jaccard or (jaccard == best_jaccard and other < best):
                best, best_jaccard = other, jaccard
        return self.dup_root.get(best, best) if best else None

    def _stored_signatures(self, lo: date, hi: date) -> Iterator[_Stored]:
        for day, article_id, story_id, dup, blob, title in self.tables.member_signatures(lo.isoformat(), hi.isoformat()):
            yield date.fromisoformat(day), article_id, story_id, dup, np.frombuffer(blob, dtype=np.uint32), title

    # the pass ---------------------------------------------------------------------------------------------------
    def run(self, docs: list[_Doc]) -> list[tuple[_Doc, str, str | None]]:
        docs.sort(key=lambda d: (d.anchor is None, d.anchor or date.min, d.published_utc or "", d.id))
        dated = [d.anchor for d in docs if d.anchor is not None]
        window = timedelta(days=self.p.dup_window_days)
        stored: Iterator[_Stored] = iter(())
        if dated:
            stored = self._stored_signatures(min(dated) - window, max(dated) + window)
        upcoming = next(stored, None)
        for story_id, founder in self.reopened.items():
            if founder.anchor is not None:
                vec = self.vector(founder)
                self.alone[story_id] = (founder, vec, self.head(founder), self._keys(vec))
        results: list[tuple[_Doc, str | None]] = []
        for i, doc in enumerate(docs):
            if doc.anchor is not None:
                # stream the stored articles near this date into the LSH, and drop the ones too old to be copied
                while upcoming is not None and upcoming[0] <= doc.anchor + window:
                    day, article_id, story_id, dup, signature, title = upcoming
                    self.story_of[article_id] = story_id
                    if dup:
                        self.dup_root[article_id] = dup
                    self._lsh_insert(article_id, signature, day, title or "")
                    upcoming = next(stored, None)
                self._lsh_expire(doc.anchor)
                if i % 1000 == 0:
                    self._evict(doc.anchor)
            vec = self.vector(doc)
            head = self.head(doc)
            keys = self._keys(vec)
            original = self._original(doc)
            target: _Cluster | None = None
            if original is not None and original in self.story_of:
                target = self.cluster(self.story_of[original])
                self.dup_root[doc.id] = original
            if target is None:
                original = None
                target = self._best(doc, vec, head, keys)
            self._join(doc, vec, head, target, keys)
            self._lsh_insert(doc.id, doc.signature, doc.anchor, doc.title)
            results.append((doc, original))
        self._second_looks(None)
        for c in self.clusters.values():
            if c.dirty:
                self.save_cluster(c)
        self._flush_keys()
        self.tables.add_links((a, b, score) for (a, b), score in self.links.items())
        # stored founders that left their story are saved with the story they joined
        moved = [(doc, None) for story_id, doc in self.reopened.items() if self.story_of.get(doc.id, story_id) != story_id]
        return [(doc, self.story_of[doc.id], original) for doc, original in results + moved]

    def _keys(self, vec: dict[str, float]) -> list[str]:
        """The heaviest terms of an article: they index its story for candidate lookup."""
        return sorted(vec, key=lambda t: (-vec[t], t))[: self.p.index_keys]


def cluster_store(tables: StoryTables, params: Params = PARAMS) -> ClusterResult:
    """Bring story_members/story_clusters and articles.story_id/duplicate_of up to date. Caller commits."""
    touched: set[str] = set()
    # articles removed from the store leave their stories
    touched |= tables.forget_members(tables.articles_removed_from_members())
    # re-saved with the same content: the store reset story_id; restore it from the state
    tables.restore_unchanged_assignments()
    touched |= tables.forget_members(tables.changed_members())
    new_ids = tables.unclustered_articles()
    duplicates = 0
    if new_ids:
        worker = _Clusterer(tables, params)
        docs = worker.read_docs(new_ids)
        worker.reopen_lone(docs)
        worker.load_df(len(docs))
        results = worker.run(docs)
        worker.save_df()
        tables.save_members((d.id, d.sha, s, _iso(d.anchor), dup, d.signature.tobytes()) for d, s, dup in results)
        duplicates = sum(1 for _, _, dup in results if dup)
        touched |= worker.touched
    # member counts and spans of stories that lost articles are recomputed from what is left
    for story_id in touched:
        n, first, last = tables.story_span(story_id)
        if n == 0:
            tables.drop_cluster(story_id)
        else:
            tables.set_cluster_span(story_id, n, first, last)
    return ClusterResult(touched, len(new_ids), duplicates)


def pair_features(tables: StoryTables, pairs: list[tuple[str, str]], params: Params = PARAMS,
                  ) -> Iterator[tuple[str, str, dict[str, float | None]]]:
    """Instrumentation and training data: the link features (`model.FEATURES`) of each pair (a, b) of stored
    articles, the later one (in clustering order) against the story the earlier one would have founded. Document
    frequencies are the stored ones when the store has been clustered, else those of all its articles. Pairs with an
    article not in the store are left out."""
    worker = _Clusterer(tables, params)
    docs = {d.id: d for d in worker.read_docs(tables.article_ids())}
    if tables.n_docs():
        worker.n_docs = tables.n_docs()
        worker.df = tables.term_df(worker.terms)
    else:
        worker.load_df(len(docs))
    for a, b in pairs:
        if a not in docs or b not in docs:
            continue
        first, second = sorted((docs[a], docs[b]), key=lambda d: (d.anchor is None, d.anchor or date.min,
                                                                  d.published_utc or "", d.id))
        yield a, b, worker.pair_features(second, first)
