"""Fixtures of the collector's tests: a fictional news site on 127.0.0.1 and a watcher configured with short waits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newssite import Site

from warta.collect import FetchConfig, WatchConfig


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest.fixture
def watch_config(tmp_path: Path) -> WatchConfig:
    fetch = FetchConfig(contact="tests@example.invalid", timeout=0.5, backoff=0.05, retries=2, delay=0.0,
                        max_bytes=100_000, max_retry_after=5.0)
    return WatchConfig(archive=tmp_path / "archive", fetch=fetch, stories=False)
