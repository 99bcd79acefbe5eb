"""The record -> table mapping: every table's columns come from the record models' fields, so a column is named once.

A field of the model a table stores becomes a column of the same name, unless the table's map says otherwise:

* `rename`: another column name (`Entity.id` is `entity_id`, `Article.cited_sources` is `cited_json`);
* `flatten`: a nested model spread over prefixed columns (`Article.source` -> `source_path`, `source_format`, ...);
* `children`: a list kept in a table of its own (`Article.quotes` -> the `quotes` table);
* `skip`: a field the table does not keep (it stays in the article's `record_json`).

Lists, dicts and models are stored as JSON text in a column named `FIELD_json`; booleans as 0/1. The leading key
columns (`article_id`, `idx`, ...) come from the parent record. tests/foundation/test_store.py checks that these
columns and the tables `warta.store.schema` creates are the same.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from warta.record import Article, Entity, Event, Mention, Quote, Removed, Tone

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    """A column filled from the attribute at `path` (dotted for a nested model), through `convert` when set."""

    name: str
    path: str
    convert: Convert | None = None


@dataclass(frozen=True)
class Computed:
    """A column the store derives from the whole item (not one of its fields), e.g. the UTC instant of `published`."""

    name: str
    compute: Convert


@dataclass(frozen=True)
class TableMap:
    """How one table stores one model: key columns given by the parent, the model's columns, then computed ones."""

    table: str
    model: type[BaseModel]
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    computed: tuple[Computed, ...] = ()
    replace: bool = False  # INSERT OR REPLACE: a repeated key keeps the last row (entities of one article)
    skipped: frozenset[str] = field(default_factory=frozenset)  # model fields with no column, checked by the tests

    def __post_init__(self) -> None:
        # one attrgetter call reads every field column (a row per event or mention adds up over a corpus)
        object.__setattr__(self, "_read", attrgetter(*(c.path for c in self.columns)))
        object.__setattr__(self, "_convert", [(i, c.convert) for i, c in enumerate(self.columns) if c.convert])

    @property
    def names(self) -> tuple[str, ...]:
        return self.keys + tuple(c.name for c in self.columns) + tuple(c.name for c in self.computed)

    @property
    def insert_sql(self) -> str:
        verb = "INSERT OR REPLACE" if self.replace else "INSERT"
        columns = ", ".join(f'"{name}"' for name in self.names)
        return f"{verb} INTO {self.table} ({columns}) VALUES ({', '.join('?' * len(self.names))})"

    def row(self, keys: tuple[Any, ...], item: Any) -> tuple[Any, ...]:
        values = self._read(item)  # type: ignore[attr-defined]
        values = list(values) if len(self.columns) > 1 else [values]
        for i, convert in self._convert:  # type: ignore[attr-defined]
            values[i] = convert(values[i])
        return (*keys, *values, *[c.compute(item) for c in self.computed])


def _value_kind(annotation: Any) -> str:
    """'model', 'json', 'bool' or 'plain': how a field of this type is stored."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            annotation = options[0]
    origin = typing.get_origin(annotation) or annotation
    if origin in (list, dict):
        return "json"
    if isinstance(origin, type) and issubclass(origin, BaseModel):
        return "model"
    if origin is bool:
        return "bool"
    return "plain"


def _to_json(value: Any) -> str:
    return json.dumps(to_jsonable_python(value), ensure_ascii=False)


def _model_json(value: BaseModel | None) -> str | None:
    return value.model_dump_json() if value is not None else None


_CONVERT: dict[str, Convert | None] = {"json": _to_json, "model": _model_json, "bool": int, "plain": None}


def model_columns(model: type[BaseModel], *, rename: Mapping[str, str] | None = None,
                  flatten: Mapping[str, tuple[str, Mapping[str, str]]] | None = None,
                  leave_out: frozenset[str] = frozenset()) -> tuple[Column, ...]:
    """The columns of `model`'s fields in declaration order. `flatten` maps a nested-model field to (column prefix,
    renames inside it); `leave_out` fields get no column."""
    rename, flatten = rename or {}, flatten or {}
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        if name in leave_out:
            continue
        if name in flatten:
            prefix, inner_rename = flatten[name]
            nested = typing.cast(type[BaseModel], info.annotation)
            columns += [Column(prefix + inner.name, f"{name}.{inner.path}", inner.convert)
                        for inner in model_columns(nested, rename=inner_rename)]
            continue
        kind = _value_kind(info.annotation)
        default = name + "_json" if kind in ("json", "model") else name
        columns.append(Column(rename.get(name, default), name, _CONVERT[kind]))
    return tuple(columns)


def _table(table: str, model: type[BaseModel], keys: tuple[str, ...], *, computed: tuple[Computed, ...] = (),
           rename: Mapping[str, str] | None = None, flatten: Mapping[str, tuple[str, Mapping[str, str]]] | None = None,
           skip: frozenset[str] = frozenset(), replace: bool = False) -> TableMap:
    columns = model_columns(model, rename=rename, flatten=flatten, leave_out=skip)
    return TableMap(table, model, keys, columns, computed, replace=replace, skipped=skip)


def utc_instant(published: str | None) -> str | None:
    """`published` as a UTC timestamp that sorts in time (ISO strings with different offsets do not); naive kept."""
    if not published:
        return None
    try:
        dt = datetime.fromisoformat(published)
    except ValueError:
        return None
    if dt.tzinfo is None:
        return dt.isoformat()
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# The lists of an article that have tables of their own (named as the table).
ARTICLE_CHILDREN = frozenset({"removed", "entities", "quotes", "events", "entity_tone"})

ARTICLES = _table(
    "articles", Article, (),
    rename={"cited_sources": "cited_json"},
    flatten={"source": ("source_", {})},
    # schema_version lives in record_json; the lists below have their own tables
    skip=frozenset({"schema_version"}) | ARTICLE_CHILDREN,
    computed=(Computed("published_utc", lambda a: utc_instant(a.published)), Computed("record_json", Article.to_json),
              Computed("analyzed_at", lambda a: now_utc())),
)
REMOVED = _table("removed", Removed, ("article_id", "idx"))
ENTITIES = _table("entities", Entity, ("article_id",), rename={"id": "entity_id"}, skip=frozenset({"mentions"}),
                  computed=(Computed("n_mentions", lambda e: len(e.mentions)),), replace=True)
MENTIONS = _table("mentions", Mention, ("article_id", "entity_id"))
QUOTES = _table("quotes", Quote, ("article_id", "idx"))
_ACTOR_RENAME = {"entity_id": "id"}  # an actor's columns: source_id, source_name, ... (target_ likewise)
EVENTS = _table("events", Event, ("article_id", "idx"),
                flatten={"source": ("source_", _ACTOR_RENAME), "target": ("target_", _ACTOR_RENAME)})
# the word counts behind an entity's tone are kept in the record only
ENTITY_TONE = _table("entity_tone", Tone, ("article_id", "entity_id"),
                     skip=frozenset({"positive_words", "negative_words"}))

# The tables an article's rows go to after its `articles` row, in insert order.
CHILD_TABLES: tuple[TableMap, ...] = (REMOVED, ENTITIES, MENTIONS, QUOTES, EVENTS, ENTITY_TONE)
ALL_TABLES: tuple[TableMap, ...] = (ARTICLES, *CHILD_TABLES)

