"""The raw pages, kept as WARC files written with warcio: `warta analyze DIR` re-analyses them, `warta spark` takes
them as input at scale.

Each fetched HTML page is one `response` record (each file starts with a `warcinfo` record). The store records how
many bytes and records of each file are committed, in the same transaction as the articles read from them: a
collector killed after writing a record but before committing it cuts the file back to the committed length when it
starts again, so every record in a file has exactly one article (or skip) in the store, with the same id and record
number `warta analyze FILE` gives it.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta import __version__
from warta.collect.fetcher import Response
from warta.store.collect import CollectTables

ROTATE_BYTES = 1024**3  # a new file after 1 GiB, the size web archives commonly use
# The body is stored decoded (httpx undoes gzip/br), so the headers that describe the transfer encoding go.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcArchive:
    def __init__(self, folder: Path, tables: CollectTables, rotate_bytes: int = ROTATE_BYTES) -> None:
        self.folder, self.tables, self.rotate_bytes = folder, tables, rotate_bytes
        self.path: Path | None = None
        self.records = 0
        self._committed = (0, 0)  # bytes, records of the open file the store knows of
        self._fh: IO[bytes] | None = None

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        latest = self.tables.warc_files()[-1:]
        if latest and latest[0]["bytes"] < self.rotate_bytes and Path(latest[0]["path"]).exists():
            self.path = Path(latest[0]["path"])
            self._committed = (int(latest[0]["bytes"]), int(latest[0]["records"]))
            self._fh = self.path.open("r+b")
            self.rollback()  # drop records written but never committed
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = (self.folder / f"warta-{stamp}-{os.getpid()}.warc.gz").resolve()
        self._fh = self.path.open("w+b")
        writer = WARCWriter(self._fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(self.path.name, {"software": f"Warta/{__version__}",
                                                                           "format": "WARC File Format 1.1"}))
        self.records = 1
        with self.tables.store.transaction():
            self.commit()

    def append(self, response: Response) -> tuple[str, int]:
        """Write one page as a response record; returns (file, record number). Not committed until `commit`."""
        if self._fh is None or self._fh.tell() >= self.rotate_bytes:
            self.close()
            self._open()
        assert self._fh is not None and self.path is not None
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _TRANSFER_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        http = StatusAndHeaders(f"{response.status} OK", headers, protocol="HTTP/1.1")
        writer = WARCWriter(self._fh, gzip=True)
        writer.write_record(writer.create_warc_record(response.final_url, "response",
                                                      payload=io.BytesIO(response.body), http_headers=http))
        self.records += 1
        return str(self.path), self.records

    def commit(self) -> None:
        """Flush and fsync the file, and note its committed length (inside the caller's transaction, if any)."""
        if self._fh is None or self.path is None:
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._committed = (self._fh.tell(), self.records)
        self.tables.warc_committed(str(self.path), *self._committed)

    def rollback(self) -> None:
        """Cut the open file back to what the store knows of (after a failed commit, or a kill before one)."""
        if self._fh is None:
            return
        size, self.records = self._committed
        self._fh.truncate(size)
        self._fh.seek(size)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
