"""Shared fixtures. Tests that need ../shared (seed articles, training data) skip when it is absent."""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# Under CI the property tests draw the same examples on every run and have no deadline, so a red run means a change
# broke something, never that the random draw or a busy machine did; locally they keep exploring.
settings.register_profile("ci", derandomize=True, deadline=None, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present (only in the development workplace)")
    return SHARED


@dataclass
class SeedRun:
    """The five seed articles through the whole per-article pipeline, with the shared scorer to judge them."""

    records: list[dict]
    gold: dict
    seedscore: ModuleType

    def rows(self, *areas: str) -> list[dict]:
        return [row for row in self.seedscore.score(self.gold, self.records, None, None).rows if row["area"] in areas]


@pytest.fixture(scope="session")
def seed_run() -> SeedRun:
    seeds, gold, scorer = SHARED / "seeds", SHARED / "gold" / "seeds.gold.json", SHARED / "tools" / "seedscore.py"
    if not (seeds.is_dir() and gold.is_file() and scorer.is_file()):
        pytest.skip("../shared is not present (only in the development workplace)")
    from warta.pipeline import process
    from warta.read import read_paths

    spec = importlib.util.spec_from_file_location("seedscore", scorer)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = [process(article).to_dict() for article in read_paths([str(seeds)])]
    return SeedRun(records, json.loads(gold.read_text(encoding="utf-8")), module)
