"""The written fixture set: fictional articles in the layouts of 17 Indonesian outlets, text dumps and HTML pages.

Each file has its expected metadata and body checks in a JSON file beside it (see make_fixtures.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clean_fixture_cases import cases, check

TEXT = cases("text")
HTML = cases("html")


def test_fixture_set_is_large_and_varied() -> None:
    assert len(TEXT) >= 40
    assert len(HTML) >= 10
    outlets = {json.loads(p.with_suffix(".json").read_text(encoding="utf-8")).get("outlet") for p in TEXT + HTML}
    assert len(outlets - {None}) >= 10


@pytest.mark.parametrize("path", TEXT, ids=lambda p: p.stem)
def test_text_dump(path: Path) -> None:
    assert check(path) == []


@pytest.mark.parametrize("path", HTML, ids=lambda p: p.stem)
def test_html_page(path: Path) -> None:
    assert check(path) == []
