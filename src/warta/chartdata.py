"""The data behind Warta's charts and maps, in one place: the CLI's PNG (`warta plot`), the dashboard's SVG charts
(`warta.web.charts`) and its map (`warta.web.mapview`) all draw from the functions here.

A series is made of the dated event records of a dyad or an entity (`select_events`: `queries.timeline`, or the
per-article mentions when the stories stage has not run). `monthly` counts them per calendar month on a *true* time
axis: every month between the first and the last is present, and a month without events is a gap (zero counts, no
Goldstein mean), never skipped, so 2019-11 is not drawn next to 2021-12. The Goldstein mean is a separate quantity
(-10 .. +10) that every chart draws on its own axis.

An unknown country code or entity, or one with no dated events, raises `NoChartData` with a hint (the dyads or
entities that do have events), so `warta plot dyad XXX YYY` fails instead of drawing an empty chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.errors import WartaError
from warta.store import Store, queries

QUADS: tuple[str, ...] = tuple(queries.QUADS)
COOPERATION = ("verbal_coop", "material_coop")
CONFLICT = ("verbal_conflict", "material_conflict")


class NoChartData(WartaError):
    """Nothing to draw: an unknown dyad or entity, or one without dated events. `hint` says what there is."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(f"{message}; {hint}" if hint else message)
        self.reason = message
        self.hint = hint


@dataclass(frozen=True)
class Month:
    """One calendar month of a series: event counts per quad class and the mean Goldstein score (None: no scored
    event that month, a gap in the line)."""

    month: str
    counts: dict[str, int] = field(default_factory=dict)
    goldstein: float | None = None

    @property
    def events(self) -> int:
        return sum(self.counts.values())

    @property
    def coop(self) -> int:
        return sum(self.counts.get(q, 0) for q in COOPERATION)

    @property
    def conflict(self) -> int:
        return sum(self.counts.get(q, 0) for q in CONFLICT)

    def as_row(self) -> dict[str, Any]:
        return {"month": self.month, **{q: self.counts.get(q, 0) for q in QUADS}, "events": self.events,
                "coop": self.coop, "conflict": self.conflict, "goldstein": self.goldstein}


@dataclass(frozen=True)
class Series:
    """What a trend chart and a map of one subject draw: its dated events and their months."""

    subject: str
    events: list[dict[str, Any]]
    months: list[Month]
    note: str | None = None

    @property
    def gaps(self) -> int:
        """Months inside the range without any event."""
        return sum(1 for m in self.months if not m.events)


def month_index(month: str) -> int | None:
    """'2023-03' -> months since year 0 (for arithmetic on months); None for anything else."""
    try:
        year, mon = int(month[:4]), int(month[5:7])
    except ValueError:
        return None
    return year * 12 + mon - 1 if len(month) >= 7 and month[4] == "-" and 1 <= mon <= 12 else None


def month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_span(months: list[str]) -> list[str]:
    """Every month from the earliest to the latest of `months` (valid YYYY-MM only), in order."""
    indices = [i for i in (month_index(m) for m in months) if i is not None]
    if not indices:
        return []
    return [month_name(i) for i in range(min(indices), max(indices) + 1)]


def monthly(events: list[dict[str, Any]]) -> list[Month]:
    """Counts per quad class and mean Goldstein per month, every month of the range present (gaps as gaps). Events
    dated to the year only have no month and are left out."""
    buckets: dict[str, dict[str, Any]] = {}
    for event in events:
        month = str(event.get("date") or "")[:7]
        if month_index(month) is None:
            continue
        bucket = buckets.setdefault(month, {"counts": dict.fromkeys(QUADS, 0), "scores": []})
        if event.get("quad") in bucket["counts"]:
            bucket["counts"][event["quad"]] += 1
        if event.get("goldstein") is not None:
            bucket["scores"].append(float(event["goldstein"]))
    out = []
    for month in month_span(list(buckets)):
        found = buckets.get(month)
        if found is None:
            out.append(Month(month, dict.fromkeys(QUADS, 0), None))
            continue
        scores = found["scores"]
        out.append(Month(month, found["counts"], round(sum(scores) / len(scores), 3) if scores else None))
    return out


def select_events(store: Store, *, dyad: tuple[str, str] | None = None,
                  entity: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """The dated events of a dyad or an entity, and a note when they come from the per-article mentions (a database
    the stories stage has not run on)."""
    if queries.event_records_missing(store):
        return (queries.event_timeline(store, dyad=dyad, entity=entity),
                "the stories stage has not been run on this database (no event records); trend computed from the "
                "per-article event mentions")
    return queries.timeline(store, dyad=dyad, entity=entity), None


def _dyad_hint(store: Store) -> str:
    pairs = queries.top_dyads(store, limit=5)
    if not pairs:
        return "this database has no events between two countries"
    return "dyads with events: " + ", ".join(f"{p['a']} {p['b']}" for p in pairs)


def dyad_series(store: Store, a: str, b: str) -> Series:
    """The dyad's events (both directions) and their months. `a` and `b` are alpha-3 codes or country names."""
    codes = []
    for name in (a, b):
        code = queries.resolve_country(name)
        if code is None:
            raise NoChartData(f"no country {name!r}", "give an ISO 3166 alpha-3 code (RUS) or a name (Rusia); "
                              + _dyad_hint(store))
        codes.append(code)
    first, second = codes
    events, note = select_events(store, dyad=(first, second))
    months = monthly(events)
    if not months:
        raise NoChartData(f"no dated events between {first} and {second}", _dyad_hint(store))
    return Series(f"{first}–{second}", events, months, note)


def entity_series(store: Store, entity: str) -> Series:
    """The events with the entity (id, name or surface form) as an actor, and their months."""
    ids = queries.resolve_entity(store, entity)
    if not ids:
        raise NoChartData(f"no entity {entity!r}", "search by another name or id (`warta entities`)")
    events, note = select_events(store, entity=entity)
    months = monthly(events)
    if not months:
        raise NoChartData(f"no dated events with {entity!r} as an actor",
                          "the entity is known, but no event names it as a source or target")
    return Series(entity, events, months, note)


def series_mentions(store: Store, series: Series, *, dyad: tuple[str, str] | None = None,
                    entity: str | None = None) -> list[dict[str, Any]]:
    """The event mentions behind a series (what its map places): those merged into its event records, or, on a
    database without records, the mentions of the same dyad or entity."""
    ids = sorted({str(e["id"]) for e in series.events if e.get("id")})
    if ids:
        return queries.record_mentions(store, ids)
    if dyad:
        return queries.list_events(store, actor=dyad[0], target=dyad[1], both=True, limit=None)["items"]
    if entity:
        rows = queries.list_events(store, actor=entity, limit=None)["items"]
        seen = {(r["article_id"], r["idx"]) for r in rows}
        return rows + [r for r in queries.list_events(store, target=entity, limit=None)["items"]
                       if (r["article_id"], r["idx"]) not in seen]
    return []


def map_points(store: Store, mentions: list[dict[str, Any]], *, date_from: str | None = None,
               date_to: str | None = None, type_: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Event mentions by place: [{place, lat, lon, events, quads, bases, mentions}] (most events first), and the
    coverage (how many had a place, on what evidence). Negated and intended events are left out; `date_from`,
    `date_to` (ISO dates) and `type_` (PLOVER) filter by the event's date and type."""
    from warta.places import coverage, located_events

    kept = [m for m in mentions if not m.get("negated") and not m.get("intent")
            and (not type_ or str(m.get("type") or "").upper() == type_.upper())
            and (not date_from or str(m.get("date") or "") >= date_from)
            and (not date_to or (m.get("date") and str(m["date"])[:len(date_to)] <= date_to))]
    located = located_events(store, kept)
    points: dict[str, dict[str, Any]] = {}
    for mention, location in located:
        if location is None:
            continue
        place = location.place
        point = points.setdefault(place.id, {"place": place, "lat": place.lat, "lon": place.lon, "events": 0,
                                             "quads": dict.fromkeys(QUADS, 0), "bases": {}, "mentions": []})
        point["events"] += 1
        if mention.get("quad") in point["quads"]:
            point["quads"][mention["quad"]] += 1
        point["bases"][location.basis] = point["bases"].get(location.basis, 0) + 1
        point["mentions"].append({**mention, "basis": location.basis, "located_by": location.text})
    ordered = sorted(points.values(), key=lambda p: (-p["events"], p["place"].name))
    return ordered, coverage(located)
