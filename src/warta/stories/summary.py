"""The `stories` table: headline, span, articles and outlets, key entities, a 3-sentence summary across outlets.

The summary is extractive, chosen by maximal marginal relevance: each pick is the sentence closest to the story's
centroid, less its similarity to the sentences already picked (so it does not repeat itself), less a little when
its outlet already spoke (so it draws across outlets). Near-duplicate articles are not read: they add no sentence.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from typing import Any

from warta.nlp.sentences import split_sentences
from warta.store.stories import StoryTables
from warta.stories import text as tx

SUMMARY_SENTENCES = 3
_MAX_ARTICLES_READ = 12  # the first reports of each outlet say what the story is; later ones mostly repeat
_SENTENCES_PER_ARTICLE = 8
_REPEAT_LIMIT = 0.5  # cosine above which a sentence repeats one already picked
_LEAD_BONUS = 0.05
_OUTLET_PENALTY = 0.05
_MMR_LAMBDA = 0.7
# "Jakarta, Kompas.com -" / "JAKARTA (ANTARA) -": the dateline says where, not what
_DATELINE = re.compile(r"^\s*[A-Z][\w .'’]{1,40}(?:,\s*[^-–—\n]{1,40}?|\s*\([^)]{1,40}\))\s*[-–—]{1,2}\s+")


def _sentences(body: str) -> list[str]:
    out = []
    for start, end in split_sentences(body)[:_SENTENCES_PER_ARTICLE]:
        sentence = " ".join(body[start:end].split())
        sentence = _DATELINE.sub("", sentence, count=1)
        if 40 <= len(sentence) <= 400:
            out.append(sentence)
    return out


def _summary(members: list[sqlite3.Row], centroid: dict[str, float]) -> list[dict[str, Any]]:
    by_outlet_first: list[sqlite3.Row] = []
    seen_outlets: set[str | None] = set()
    originals = [m for m in members if not m["duplicate_of"]]
    # one article per outlet first (earliest), then the rest, so that a big story still reads across outlets
    for m in originals:
        if m["outlet"] not in seen_outlets:
            by_outlet_first.append(m)
            seen_outlets.add(m["outlet"])
    chosen = {m["id"] for m in by_outlet_first}
    by_outlet_first += [m for m in originals if m["id"] not in chosen]
    pool: list[tuple[str, str, str | None, dict[str, float], float]] = []
    for m in by_outlet_first[:_MAX_ARTICLES_READ]:
        for position, sentence in enumerate(_sentences(m["body"])):
            vec = tx.normalise(Counter(tx.terms(sentence)))
            if vec:
                relevance = tx.cosine(vec, centroid) + (_LEAD_BONUS if position == 0 else 0.0)
                pool.append((sentence, m["id"], m["outlet"], vec, relevance))
    picked: list[tuple[str, str, str | None, dict[str, float], float]] = []
    while pool and len(picked) < SUMMARY_SENTENCES:
        best, best_value = None, float("-inf")
        for cand in pool:
            redundancy = max((tx.cosine(cand[3], p[3]) for p in picked), default=0.0)
            if redundancy > _REPEAT_LIMIT:
                continue
            value = _MMR_LAMBDA * cand[4] - (1 - _MMR_LAMBDA) * redundancy
            if any(p[2] == cand[2] for p in picked):
                value -= _OUTLET_PENALTY
            if value > best_value:
                best, best_value = cand, value
        if best is None:
            break
        picked.append(best)
        pool.remove(best)
    return [{"text": s, "article_id": a, "outlet": o} for s, a, o, _, _ in picked]


def _headline(members: list[sqlite3.Row], centroid: dict[str, float]) -> str | None:
    """The title closest to the centroid: the one that says what all reports share; ties go to the first report."""
    best, best_score = None, -1.0
    for m in members:
        if not m["title"]:
            continue
        score = tx.cosine(tx.normalise(Counter(tx.terms(m["title"]))), centroid)
        if score > best_score + 1e-9:
            best, best_score = m["title"], score
    return best


def refresh_stories(tables: StoryTables, story_ids: set[str]) -> None:
    """Rewrite the `stories` rows of the given stories from their members. Caller commits."""
    for story_id in sorted(story_ids):
        members = tables.story_members(story_id)
        cluster = tables.cluster_dates_and_centroid(story_id)
        if not members or cluster is None:
            tables.delete_story(story_id)
            continue
        centroid = json.loads(cluster["centroid_json"])
        ids = [m["id"] for m in members]
        outlets = sorted({m["outlet"] for m in members if m["outlet"]})
        # an article whose outlet is unknown still is one source: no story of "1 article · 0 outlets"
        unknown = sum(1 for m in members if not m["outlet"] and not m["duplicate_of"])
        n_sources = max(1, len(outlets) + unknown)
        entities = [
            {"id": r["entity_id"], "name": r["name"], "type": r["type"], "articles": r["n"]}
            for r in tables.top_entities(ids, limit=10)
        ]
        summary = _summary(members, centroid)
        data = {
            "articles": ids,
            "outlets": outlets,
            "duplicates": {m["id"]: m["duplicate_of"] for m in members if m["duplicate_of"]},
            "first_report": ids[0],
            "entities": entities,
            "summary": " ".join(s["text"] for s in summary),
            "summary_sentences": summary,
        }
        tables.save_story(story_id, _headline(members, centroid), cluster["first_date"], cluster["last_date"], len(ids),
                          n_sources, json.dumps(data, ensure_ascii=False))
