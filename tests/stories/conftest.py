"""Fixtures of the stories tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from stories_helpers import make_article

from warta.record import Article
from warta.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "stories.db")
    yield s
    s.close()


@pytest.fixture
def save(store: Store) -> Callable[..., Article]:
    def _save(*args: object, **kwargs: object) -> Article:
        art = make_article(*args, **kwargs)  # type: ignore[arg-type]
        store.save_article(art)
        return art

    return _save
