"""`warta.record.trusted` builds the same object as pydantic's `model_construct` for complete, trusted values."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.record import Entity, Mention, trusted

texts = st.text(max_size=12)
mentions = st.builds(lambda s, n, t: {"start": s, "end": s + n, "text": t}, st.integers(0, 10_000), st.integers(0, 50), texts)


@given(
    values=st.fixed_dictionaries({
        "id": texts, "name": texts, "type": st.sampled_from(["PER", "ORG", "LOC"]), "kb": st.booleans(),
        "country": st.none() | st.text(min_size=3, max_size=3),
    }),
    mention_values=st.lists(mentions, max_size=4),
)
def test_trusted_matches_model_construct(values: dict, mention_values: list[dict]) -> None:
    values = {name: values[name] for name in ("id", "name", "type", "kb", "country")}  # declaration order
    fast = trusted(Entity, {**values, "mentions": [trusted(Mention, dict(m)) for m in mention_values]})
    plain = Entity.model_construct(**values, mentions=[Mention.model_construct(**m) for m in mention_values])
    assert fast == plain
    assert fast.model_dump_json() == plain.model_dump_json()
    assert fast.model_fields_set == plain.model_fields_set
    assert fast.__pydantic_private__ is plain.__pydantic_private__ is None
    # what the pipeline does with records afterwards: copy, pickle to the writer, assign
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert copy.deepcopy(fast) == fast
    fast.name = "changed"
    assert fast.name == "changed" and fast.model_dump()["name"] == "changed"


def test_trusted_refuses_incomplete_or_reordered_values() -> None:
    with pytest.raises(ValueError, match="needs exactly"):
        trusted(Mention, {"start": 1, "end": 2})
    with pytest.raises(ValueError, match="in that order"):
        trusted(Mention, {"end": 2, "start": 1, "text": "x"})


def test_trusted_does_not_validate() -> None:
    # the contract: only for values the caller built itself (a wrong type goes through unchecked)
    mention = trusted(Mention, {"start": "not a number", "end": 1, "text": "x"})
    assert mention.start == "not a number"
