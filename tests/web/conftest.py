"""Fixtures for the web tests: a small hand-made database and a TestClient over it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_db import build_sample_db  # noqa: E402 - the helper lives beside the tests


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("web") / "sample.db")


@pytest.fixture(scope="session")
def client(sample_db: Path) -> TestClient:
    from warta.web import create_app

    # the tests read the English pages (a reader who states no language gets Indonesian, see warta.web.i18n)
    with TestClient(create_app(str(sample_db)), headers={"Accept-Language": "en"}) as test_client:
        yield test_client
