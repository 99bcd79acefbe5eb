"""Story clustering at corpus scale on Spark: MinHash LSH candidates in Spark, the SQLite path's signals to decide.

The SQLite path (`warta.stories.cluster`) is a single-pass online clusterer in date order: exact and incremental,
but sequential. At corpus scale the expensive part is finding candidate pairs, so here Spark does that:

1. features per article with the same text functions as the SQLite path (`warta.stories.text`: stemmed topic
   terms, entity and event features, word 4-shingles; `warta.stories.dates.anchor_date`);
2. near-duplicates: MinHash LSH over 4-shingles (`pyspark.ml.feature.MinHashLSH`), pairs with Jaccard >= the
   SQLite path's `dup_threshold` published within `dup_window_days`; a copy points at the earliest original;
3. story candidates: MinHash LSH over topic-term sets, kept when the anchor days are within `max_gap_days`;
   each candidate pair is scored with the SQLite path's main signals (the head link: cosine of title + lead within
   `link_days`, and the TF-IDF cosine with the same sublinear weights, boosts and term cut, idf over the whole
   corpus, weighed by `head_weight`; a bonus for a shared day-dated event, a penalty when both name persons and none
   in common, a per-day gap penalty) against the same thresholds;
4. stories are the connected components of the accepted pairs (duplicates included), found on the driver with
   union-find over the edge list, which is linear in the number of articles.

Single-link over pairs can join what the centroid-based online clusterer keeps apart when a chain of pairwise
matches bridges two stories; tests/scale/test_spark.py measures the agreement with the SQLite path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from warta.stories.cluster import PARAMS

FEATURE_SCHEMA = ("id string, anchor string, shingles array<string>, terms array<string>, head array<string>, "
                  "people array<string>, event_keys array<string>")


def _seq(value: Any) -> list[Any]:
    """Arrow hands nested arrays over as numpy arrays (no truth value) or None."""
    return [] if value is None else list(value)


def _str(value: Any) -> str | None:
    """pandas turns a null string column into NaN."""
    return value if isinstance(value, str) else None


def _features(batches: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    from warta.stories import text as tx
    from warta.stories.dates import anchor_date, parse_day

    for pdf in batches:
        rows = []
        for rec in pdf.to_dict("records"):
            body = _str(rec.get("body")) or ""
            published, title = _str(rec.get("published")), _str(rec.get("title"))
            events = _seq(rec.get("events"))
            entities = _seq(rec.get("entities"))
            days = [d for d in (parse_day(e.get("date")) for e in events if e.get("date_precision") == "day") if d]
            anchor = anchor_date(published, days)
            ent_counts = [(e["id"], len(_seq(e.get("mentions")))) for e in entities]
            done = [e for e in events if not e.get("negated") and not e.get("intent")]
            kinds = [f"{e['type']}|{(e.get('source') or {}).get('country')}>{(e.get('target') or {}).get('country')}"
                     for e in done]
            counts = tx.term_counts(title, body, ent_counts, kinds)
            terms = [term for term, n in counts.items() for _ in range(int(n))]
            head = [term for term, n in tx.head_counts(title, body, PARAMS.lead_chars).items() for _ in range(int(n))]
            rows.append({
                "id": rec["id"],
                "anchor": anchor.isoformat() if anchor else None,
                "shingles": [s.decode("utf-8", "replace") for s in tx.shingles(body)],
                "terms": terms,
                "head": head,
                "people": sorted(e["id"] for e in entities if e.get("type") == "PER"),
                "event_keys": sorted({f"{kind}|{e['date']}" for kind, e in zip(kinds, done, strict=True)
                                      if e.get("date") and e.get("date_precision") == "day"}),
            })
        yield pd.DataFrame(rows, columns=["id", "anchor", "shingles", "terms", "head", "people", "event_keys"])


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _pair_score(row: dict[str, Any], df: dict[str, int], n_docs: int) -> float:
    """The SQLite path's decision (`_Clusterer._score` with the hand weights), applied to one candidate pair:
    `head_weight` x the cosine of the two heads (title and lead; 0 beyond `link_days`) + the rest x the cosine of the
    two articles' TF-IDF vectors (sublinear tf, corpus idf, top terms, entity and event boosts), minus a per-day gap
    penalty, plus a bonus for a shared day-dated event, minus a penalty when both name persons and none in common.
    The head penalties of the SQLite path (other people, acts or speakers in the two heads) are left out."""
    from collections import Counter

    from warta.stories import text as tx

    boosts = {tx.ENTITY_PREFIX: PARAMS.entity_boost, tx.EVENT_PREFIX: PARAMS.event_boost}
    va = tx.tfidf(Counter(row["terms_a"]), df, n_docs, top=PARAMS.article_terms, boosts=boosts)
    vb = tx.tfidf(Counter(row["terms_b"]), df, n_docs, top=PARAMS.article_terms, boosts=boosts)
    gap = _days_apart(row["anchor_a"], row["anchor_b"])
    head_cos = 0.0
    if gap is None or gap <= PARAMS.link_days:
        ha = tx.tfidf(Counter(row["head_a"]), df, n_docs, top=PARAMS.head_terms)
        hb = tx.tfidf(Counter(row["head_b"]), df, n_docs, top=PARAMS.head_terms)
        head_cos = tx.cosine(ha, hb)
    score = PARAMS.head_weight * head_cos + (1 - PARAMS.head_weight) * tx.cosine(va, vb)
    if gap is not None:
        score -= PARAMS.gap_penalty * gap
    if set(row["events_a"]) & set(row["events_b"]):
        score += PARAMS.same_event_bonus
    if row["people_a"] and row["people_b"] and not set(row["people_a"]) & set(row["people_b"]):
        score -= PARAMS.other_people_penalty
    needed = PARAMS.threshold if gap is not None else PARAMS.undated_threshold
    return score if score >= needed else 0.0


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smallest id is the root: stable story ids


def spark_stories(spark, articles):
    """`articles` (the record's columns) with `story_id` and `duplicate_of` filled from corpus-level clustering."""
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.sql import functions as F

    feats = articles.select("id", "title", "body", "published", "entities", "events").mapInPandas(_features, FEATURE_SCHEMA)
    feats = feats.cache()

    # 1. near-duplicates over wording
    sh = HashingTF(inputCol="shingles", outputCol="sh_vec", numFeatures=1 << 20, binary=True).transform(
        feats.where(F.size("shingles") > 0))
    sh_model = MinHashLSH(inputCol="sh_vec", outputCol="sh_hash", numHashTables=8, seed=17).fit(sh)
    dups = (sh_model.approxSimilarityJoin(sh, sh, 1.0 - PARAMS.dup_threshold, distCol="d")
            .select(F.col("datasetA.id").alias("a"), F.col("datasetB.id").alias("b"),
                    F.col("datasetA.anchor").alias("anchor_a"), F.col("datasetB.anchor").alias("anchor_b"))
            .where(F.col("a") < F.col("b"))
            .where(F.abs(F.datediff(F.col("anchor_a"), F.col("anchor_b"))) <= PARAMS.dup_window_days))

    # 2. story candidates over topic-term sets, scored with the SQLite path's signals
    n_docs = feats.count()
    df = {r["t"]: r["n"] for r in feats.select(F.explode(F.array_distinct("terms")).alias("t"))
          .groupBy("t").agg(F.count("*").alias("n")).toLocalIterator()}
    df_b = spark.sparkContext.broadcast(df)
    sets = HashingTF(inputCol="terms", outputCol="set_vec", numFeatures=1 << 18, binary=True).transform(
        feats.where(F.size("terms") > 0))
    lsh = MinHashLSH(inputCol="set_vec", outputCol="set_hash", numHashTables=16, seed=23).fit(sets)
    cand = (lsh.approxSimilarityJoin(sets, sets, 0.92, distCol="d")
            .where(F.col("datasetA.id") < F.col("datasetB.id"))
            .select(*[F.col(f"dataset{side}.{col}").alias(f"{name}_{side.lower()}")
                      for side in ("A", "B")
                      for col, name in (("id", "id"), ("terms", "terms"), ("head", "head"), ("anchor", "anchor"),
                                        ("people", "people"), ("event_keys", "events"))])
            .where(F.col("anchor_a").isNull() | F.col("anchor_b").isNull()
                   | (F.abs(F.datediff(F.col("anchor_a"), F.col("anchor_b"))) <= PARAMS.max_gap_days)))
    edges = (cand.rdd.map(lambda r: (r["id_a"], r["id_b"], _pair_score(r.asDict(), df_b.value, n_docs)))
             .filter(lambda e: e[2] > 0).map(lambda e: (e[0], e[1])).collect())

    # 3. connected components on the driver: edges are few (bounded candidates per article)
    uf = _UnionFind()
    for art_id in (r["id"] for r in feats.select("id").toLocalIterator()):
        uf.find(art_id)
    dup_pairs = dups.select("a", "b").collect()
    for a, b in list(edges) + [(r["a"], r["b"]) for r in dup_pairs]:
        uf.union(a, b)
    published = {r["id"]: (r["published"] or "9999", r["id"]) for r in articles.select("id", "published").toLocalIterator()}
    duplicate_of: dict[str, str] = {}
    for r in dup_pairs:
        original, copy = sorted((r["a"], r["b"]), key=lambda i: published[i])
        if copy not in duplicate_of or published[original] < published[duplicate_of[copy]]:
            duplicate_of[copy] = original
    rows = [(i, "story-" + hashlib.sha1(uf.find(i).encode()).hexdigest()[:12], duplicate_of.get(i)) for i in uf.parent]
    assigned = spark.createDataFrame(rows, "id string, story_id_new string, duplicate_of_new string")
    out = (articles.join(assigned, "id", "left")
           .withColumn("story_id", F.col("story_id_new")).withColumn("duplicate_of", F.col("duplicate_of_new"))
           .drop("story_id_new", "duplicate_of_new"))
    return out.select(*articles.columns)
