"""Results cached per database state.

Corpus-wide views (counts, top entities, timelines, trends) scan much of the store, and a dashboard asks for the same
ones again and again while the data does not change. Each entry is keyed by the database's signature (inode, mtime
and size of the file and of its WAL), so the first request after any write computes afresh: nothing stale is served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from warta.store import Store
from warta.store.facets import db_signature

T = TypeVar("T")


class ResultCache:
    """A thread-safe LRU of computed results. Cached values are shared between requests: callers must not mutate
    them."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, key: Hashable, compute: Callable[[], T],
            keep: Callable[[T], bool] = lambda _: True) -> T:
        """The cached result for `key` in this database state, else `compute()` (stored when `keep(result)`)."""
        full_key = (db_signature(store), key)
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                return self._entries[full_key]
        result = compute()  # outside the lock: two requests may compute the same thing once, never block each other
        if keep(result):
            with self._lock:
                self._entries[full_key] = result
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return result

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


results = ResultCache()


def cached(func: Callable[..., T], store: Store, *args: Hashable, **kwargs: Hashable) -> T:
    """`func(store, *args, **kwargs)`, cached per database state (arguments must be hashable)."""
    key = (func.__module__, func.__qualname__, args, tuple(sorted(kwargs.items())))
    return results.get(store, key, lambda: func(store, *args, **kwargs))
