"""What a search needs to know of every article, in memory: outlet, month, sort keys, duplicates and entities.

A search (`warta.store.queries.search`) asks FTS5 only for the rowids and ranks of its matches; the total, the facet
counts (outlet, entity, month), the order of the results and the grouping of near-duplicates are then computed here
with numpy over arrays indexed by article, instead of reading every matching article's row and every one of its
entities from SQLite (for a word found in most of the corpus that was ~100 ms; here it is ~1 ms).

The arrays are built once per state of the database file (`db_signature`: the file's and its WAL's inode, mtime and
size, so any write gives a new signature and the next search builds afresh) and shared by every connection and
thread of the process.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from warta.store import Store

T = TypeVar("T")


def db_signature(store: Store) -> tuple[Any, ...]:
    """Changes whenever the database file or its WAL changes."""
    sig: list[Any] = [str(store.path.resolve())]
    for suffix in ("", "-wal"):
        try:
            st = os.stat(str(store.path) + suffix)
        except OSError:
            sig.append(None)
        else:
            sig.append((st.st_ino, st.st_mtime_ns, st.st_size))
    return tuple(sig)


def _codes(values: Sequence[str | None]) -> tuple[np.ndarray, list[str]]:
    """Integer codes of `values` (-1 for None) and the distinct values, sorted (code i is names[i])."""
    names = sorted({v for v in values if v is not None})
    index = {name: i for i, name in enumerate(names)}
    return np.array([index.get(v, -1) if v is not None else -1 for v in values], dtype=np.int32), names


def _ranks(order: Sequence[int]) -> np.ndarray:
    """For each position, its place in `order` (a permutation of the positions)."""
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(order))
    return ranks


@dataclass
class SearchIndex:
    rowids: np.ndarray  # article rowids, ascending; position i is the article with rowid rowids[i]
    ids: list[str]
    outlet: np.ndarray  # code into outlets, -1: none
    outlets: list[str]
    month: np.ndarray  # code into months (YYYY-MM of published_utc), -1: undated
    months: list[str]
    id_rank: np.ndarray  # place in id order (ties of relevance)
    date_rank: np.ndarray  # place in "newest first, undated last, then id" order
    original: np.ndarray  # position of the article this one is a near-duplicate of, -1: none (or not stored)
    entity_article: np.ndarray  # one row per (article, entity): the article's position
    entity_code: np.ndarray  # ... and the entity's code into entity_ids
    entity_ids: list[str]
    entity_labels: list[str]
    entity_types: list[str]
    label_rank: np.ndarray  # an entity's place in label order (ties of counts)
    # what searches in this state of the database found (their result sets, by query): paging through a result,
    # or the API and the page asking the same search, reuse it; a write gives a new index and so an empty memory
    found: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)
    found_lock: threading.Lock = field(default_factory=threading.Lock)

    def recall(self, key: Hashable) -> Any:
        with self.found_lock:
            if key in self.found:
                self.found.move_to_end(key)
                return self.found[key]
        return None

    def remember(self, key: Hashable, value: Any, keep: int = 512) -> None:
        with self.found_lock:
            self.found[key] = value
            while len(self.found) > keep:
                self.found.popitem(last=False)

    @classmethod
    def build(cls, store: Store) -> SearchIndex:
        rows = store.conn.execute(
            "SELECT rowid, id, outlet, substr(published_utc, 1, 7), published_utc, duplicate_of FROM articles "
            "ORDER BY rowid").fetchall()
        ids = [r[1] for r in rows]
        position = {article_id: i for i, article_id in enumerate(ids)}
        outlet, outlets = _codes([r[2] for r in rows])
        month, months = _codes([r[3] for r in rows])
        by_id = sorted(range(len(ids)), key=ids.__getitem__)
        # SQLite's "ORDER BY published_utc DESC, id": undated (NULL, the lowest) last, ties by id (a stable sort)
        by_date = sorted(by_id, key=lambda i: rows[i][4] or "", reverse=True)
        # one pass over the table (in its stored order) gives the pairs and each entity's label: its greatest name
        # and type, as the entity list's max(name) and max(type)
        code: dict[str, int] = {}
        labels: list[str] = []
        types: list[str] = []
        article_of: list[int] = []
        entity_of: list[int] = []
        for article_id, entity_id, name, entity_type in store.conn.execute(
                "SELECT article_id, entity_id, name, type FROM entities"):
            c = code.get(entity_id)
            if c is None:
                c = code[entity_id] = len(labels)
                labels.append(name or entity_id)
                types.append(entity_type)
            else:
                labels[c] = max(labels[c], name or entity_id)
                types[c] = max(types[c], entity_type)
            p = position.get(article_id)
            if p is not None:
                article_of.append(p)
                entity_of.append(c)
        return cls(
            rowids=np.array([r[0] for r in rows], dtype=np.int64), ids=ids, outlet=outlet, outlets=outlets,
            month=month, months=months, id_rank=_ranks(by_id), date_rank=_ranks(by_date),
            original=np.array([position.get(r[5], -1) if r[5] else -1 for r in rows], dtype=np.int64),
            entity_article=np.array(article_of, dtype=np.int64), entity_code=np.array(entity_of, dtype=np.int64),
            entity_ids=list(code), entity_labels=labels, entity_types=types, label_rank=_ranks(sorted(range(len(labels)), key=labels.__getitem__)))

    def positions(self, rowids: Sequence[int]) -> np.ndarray | None:
        """The positions of these articles, or None when one is not in the index (written after it was built)."""
        wanted = np.asarray(rowids, dtype=np.int64)
        found = np.searchsorted(self.rowids, wanted)
        if len(wanted) and (found.max() >= len(self.rowids) or not np.array_equal(self.rowids[found], wanted)):
            return None
        return found

    def order(self, positions: np.ndarray, ranks: Sequence[float], sort: str) -> np.ndarray:
        """The positions best match first (relevance: FTS5's rank, then id) or newest first (date)."""
        if sort == "date":
            return positions[np.argsort(self.date_rank[positions], kind="stable")]
        return positions[np.lexsort((self.id_rank[positions], np.asarray(ranks, dtype=np.float64)))]

    def collapse(self, ordered: np.ndarray) -> tuple[np.ndarray, dict[int, list[int]]]:
        """Near-duplicates folded under their original when the original is among the results: the heads in
        order, and for each head that has them, the positions of its copies (in result order)."""
        present = np.zeros(len(self.rowids), dtype=bool)
        present[ordered] = True
        originals = self.original[ordered]
        folded = (originals >= 0) & present[np.maximum(originals, 0)]
        copies: dict[int, list[int]] = {}
        for copy, head in zip(ordered[folded].tolist(), originals[folded].tolist(), strict=True):
            copies.setdefault(head, []).append(copy)
        return ordered[~folded], copies

    def selected(self, positions: np.ndarray, *, outlets: list[str], months: list[str],
                 entity_ids: list[str]) -> dict[str, np.ndarray]:
        """For each facet, which of these articles pass its filter (all when it has no values): outlets compared
        ignoring case, an entity filter passes the articles naming any of the ids."""
        passing = {}
        wanted = {o.casefold() for o in outlets}
        codes = np.array([i for i, name in enumerate(self.outlets) if name.casefold() in wanted], dtype=np.int64)
        passing["outlet"] = np.isin(self.outlet[positions], codes) if outlets else np.ones(len(positions), bool)
        codes = np.array([i for i, month in enumerate(self.months) if month in set(months)], dtype=np.int64)
        passing["month"] = np.isin(self.month[positions], codes) if months else np.ones(len(positions), bool)
        if entity_ids:
            known = set(entity_ids)
            codes = np.array([i for i, e in enumerate(self.entity_ids) if e in known], dtype=np.int64)
            naming = np.zeros(len(self.rowids), dtype=bool)
            naming[self.entity_article[np.isin(self.entity_code, codes)]] = True
            passing["entity"] = naming[positions]
        else:
            passing["entity"] = np.ones(len(positions), bool)
        return passing

    def facets(self, positions: np.ndarray, passing: dict[str, np.ndarray]) -> dict[str, list[dict[str, Any]]]:
        """Counts over these articles: the 20 biggest outlets, the 15 most named entities, the 24 latest months.
        Each facet counts the articles that pass the other facets' filters (not its own), so a facet with a value
        chosen still offers the others, to choose several (either of them)."""
        def but(facet: str) -> np.ndarray:
            keep = np.ones(len(positions), bool)
            for other, mask in passing.items():
                if other != facet:
                    keep &= mask
            return positions[keep]

        outlet_codes, month_codes = self.outlet[but("outlet")], self.month[but("month")]
        outlets = np.bincount(outlet_codes[outlet_codes >= 0], minlength=len(self.outlets))
        months = np.bincount(month_codes[month_codes >= 0], minlength=len(self.months))
        matched = np.zeros(len(self.rowids), dtype=bool)
        matched[but("entity")] = True
        entities = np.bincount(self.entity_code[matched[self.entity_article]], minlength=len(self.entity_ids))
        top_outlets = [i for i in np.lexsort((np.arange(len(outlets)), -outlets))[:20] if outlets[i]]
        return {
            "outlet": [{"value": self.outlets[i], "n": int(outlets[i])} for i in top_outlets],
            "entity": [{"value": self.entity_ids[i], "label": self.entity_labels[i], "type": self.entity_types[i],
                        "n": int(entities[i])} for i in self._top(entities, 15)],
            "month": [{"value": self.months[i], "n": int(months[i])}
                      for i in range(len(self.months) - 1, -1, -1) if months[i]][:24],
        }

    def _top(self, counts: np.ndarray, n: int) -> list[int]:
        """The codes of the `n` entities with the highest counts (above 0), ties in label order."""
        named = np.flatnonzero(counts)
        if len(named) > n:  # only those at or above the n-th highest count need sorting
            named = named[counts[named] >= np.partition(counts[named], -n)[-n]]
        return named[np.lexsort((self.label_rank[named], -counts[named]))][:n].tolist()


_built: dict[str, tuple[tuple[Any, ...], SearchIndex]] = {}
_lock = threading.Lock()


def search_index(store: Store, *, fresh: bool = False) -> SearchIndex:
    """The index of this database in its current state, built once per state and shared (`fresh`: build it again
    now, from this connection, e.g. when a search found an article written since)."""
    signature = db_signature(store)
    key = signature[0]
    with _lock:  # one build at a time: twenty requests arriving after a write wait for one build, not run twenty
        entry = _built.get(key)
        if entry is None or entry[0] != signature or fresh:
            entry = (signature, SearchIndex.build(store))
            _built[key] = entry
        return entry[1]


_remembered: dict[str, tuple[tuple[Any, ...], dict[Hashable, Any]]] = {}


def remembered(store: Store, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per state of the database (`db_signature`): corpus-wide tables that every page of a list
    reads (entities by number of articles, quotes newest first). The value is shared: callers must not change it."""
    signature = db_signature(store)
    with _lock:
        entry = _remembered.get(signature[0])
        if entry is None or entry[0] != signature:
            entry = _remembered[signature[0]] = (signature, {})
        if key in entry[1]:
            return entry[1][key]
    value = compute()
    with _lock:
        entry[1][key] = value
    return value
