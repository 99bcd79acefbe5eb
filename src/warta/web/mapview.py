"""The map page: events by place on an SVG drawn here (no tile server, nothing fetched), for the whole database, one
entity or one dyad, filtered by date and type; each place links to its events.

Country outlines are Natural Earth's 1:110m (public domain; `places/data/world_110m.tsv`, built by
scripts/build_world_map.py); there are no province outlines, so Indonesia's view shows the country outlines with its
provinces' and regencies' points. Points come from `warta.chartdata.map_points` (the data of the trend charts, placed
by `warta.places`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from warta import chartdata
from warta.store import queries
from warta.web import i18n
from warta.web.cache import cached
from warta.web.deps import DATE, StoreDep, check_range

router = APIRouter()

QUAD_COLOURS = {"verbal_coop": "#5aae61", "material_coop": "#1b7837", "verbal_conflict": "#e08214",
                "material_conflict": "#b2182b", None: "#718096"}
# x, y, width, height in the outlines' units (x = (lon + 180) * 4, y = (90 - lat) * 4)
VIEWS = {"world": (0, 20, 1440, 580), "indonesia": (1084, 318, 216, 100)}
View = Literal["world", "indonesia"]


@lru_cache(maxsize=1)
def outlines() -> list[tuple[str, str, str]]:
    """(ISO alpha-3, name, SVG path data) of every country."""
    text = resources.files("warta.places").joinpath("data/world_110m.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [(code, name, path) for code, name, path in rows]


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * 4, (90 - lat) * 4


def dominant(quads: dict[str, int]) -> str | None:
    best = max(quads.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] else None


def event_map(points: list[dict[str, Any]], view: View, label: str, link: Any, highlight: tuple[str, ...] = (),
              lang: str = "en") -> Markup:
    """The SVG: country outlines, a graticule, and one circle per place (area grows with its events, colour: its
    most frequent quad class), each a link (`link(place_id)`) with a title for hover and an aria-label."""
    x0, y0, width, height = VIEWS[view]
    unit = width / 1000  # one screen pixel at 1000 px wide, in the map's units
    parts = [f'<svg class="chart map" viewBox="{x0} {y0} {width} {height}" role="group" aria-label="{escape(label)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
             f'<rect x="{x0}" y="{y0}" width="{width}" height="{height}" fill="#eef4fb"/>']
    for lon in range(-180, 181, 30):
        parts.append(f'<line x1="{(lon + 180) * 4}" x2="{(lon + 180) * 4}" y1="0" y2="720" stroke="#d5e1ee" '
                     f'stroke-width="{unit:.3f}"/>')
    for lat in range(-60, 91, 30):
        parts.append(f'<line x1="0" x2="1440" y1="{(90 - lat) * 4}" y2="{(90 - lat) * 4}" stroke="#d5e1ee" '
                     f'stroke-width="{unit:.3f}"/>')
    for code, name, path in outlines():
        fill = "#f6e8c3" if code in highlight else "#dfe4ea"
        parts.append(f'<path d="{path}" fill="{fill}" stroke="#ffffff" stroke-width="{unit:.3f}">'
                     f'<title>{escape(name)}</title></path>')
    peak = max((p["events"] for p in points), default=1)
    for point in sorted(points, key=lambda p: -p["events"]):  # small circles drawn last, on top of large ones
        x, y = project(point["lon"], point["lat"])
        radius = (3 + 11 * math.sqrt(point["events"] / peak)) * unit
        name = point["place"].label(lang)
        parts.append(f'<a href="{escape(link(point["place"].id))}" aria-label="{escape(name)}: {point["events"]}">'
                     f'<title>{escape(name)}: {point["events"]}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.2f}" fill="{QUAD_COLOURS[dominant(point["quads"])]}" '
                     f'fill-opacity="0.85" stroke="#1a202c" stroke-width="{unit * 0.8:.3f}"/></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _subject(db: Any, entity: str | None, dyad: str | None) -> tuple[list[dict[str, Any]], str, tuple[str, ...]]:
    """The event mentions to map, a description of them, and the countries to highlight."""
    if dyad:
        a, _, b = dyad.upper().replace(" ", "").partition(",")
        try:
            series = cached(chartdata.dyad_series, db, a, b)
        except chartdata.NoChartData as exc:
            raise HTTPException(404, f"{exc.reason}. {exc.hint}") from None
        return chartdata.series_mentions(db, series, dyad=(a, b)), series.subject, (a, b)
    if entity:
        try:
            series = cached(chartdata.entity_series, db, entity)
        except chartdata.NoChartData as exc:
            raise HTTPException(404, f"{exc.reason}. {exc.hint}") from None
        return chartdata.series_mentions(db, series, entity=entity), entity, ()
    return cached(queries.list_events, db, limit=None)["items"], "", ()


def _map_data(db: Any, entity: str | None, dyad: str | None, type_: str | None, date_from: str | None,
              date_to: str | None) -> tuple[list[dict[str, Any]], dict[str, Any], str, tuple[str, ...]]:
    """The map's points and coverage, its subject and the countries to highlight (cached per database state)."""
    mentions, subject, highlight = _subject(db, entity, dyad)
    points, summary = chartdata.map_points(db, mentions, date_from=date_from, date_to=date_to, type_=type_)
    return points, summary, subject, highlight


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(
    request: Request, db: StoreDep,
    entity: Annotated[str | None, Query(max_length=300)] = None,
    dyad: Annotated[str | None, Query(pattern=r"^\s*[A-Za-z]{3}\s*,\s*[A-Za-z]{3}\s*$")] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,  # noqa: A002 - PLOVER's word
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    view: Annotated[View, Query()] = "world",
) -> HTMLResponse:
    from warta.web.pages import page

    check_range(date_from, date_to)
    points, summary, subject, highlight = cached(_map_data, db, entity, dyad, type, date_from, date_to)
    params = {"entity": entity, "dyad": dyad, "type": type, "from": date_from, "to": date_to, "view": view}
    lang = getattr(request.state, "lang", i18n.DEFAULT)
    _ = i18n.translator(lang)

    def link(place_id: str) -> str:
        from urllib.parse import urlencode

        return "/map?" + urlencode({k: v for k, v in {**params, "place": place_id}.items() if v}) + "#place-events"

    chosen = next((p for p in points if p["place"].id == place), None)
    label = _("Events by place: %(subject)s") % {"subject": subject} if subject else _("Events by place")
    return page(request, "map.html", svg=event_map(points, view, label, link, highlight, lang), points=points,
                summary=summary, subject=subject, params=params, chosen=chosen, place=place, link=link,
                types=cached(queries.event_types, db), quads=list(chartdata.QUADS), colours=QUAD_COLOURS,
                entity=entity, dyad=dyad, type=type, date_from=date_from, date_to=date_to, view=view, lang=lang)
