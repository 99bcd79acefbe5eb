"""A small pool of read-only `Store` connections shared by the request threads.

Each request borrows one connection for its whole duration and gives it back afterwards, so no two requests ever
use the same connection at once. Reusing connections (instead of opening one per request) saves the open and
schema check; connections are opened read-only (`mode=ro`), so the server can never write, and in WAL mode every
query sees the latest committed data even while `warta analyze` writes.
"""

from __future__ import annotations

import queue
from pathlib import Path

from warta.store import Store


class StorePool:
    def __init__(self, path: Path, keep: int = 32) -> None:
        self.path = path
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=keep)

    def acquire(self) -> Store:
        """An idle connection, or a new one (raises WartaError when the database cannot be opened)."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return Store(self.path, readonly=True)

    def release(self, store: Store) -> None:
        if store.conn.in_transaction:  # never hand on a connection holding an old snapshot
            store.conn.rollback()
        try:
            self._idle.put_nowait(store)
        except queue.Full:
            store.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
