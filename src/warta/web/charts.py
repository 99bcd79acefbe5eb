"""Charts as inline SVG, drawn on the server: no JavaScript library, no asset download, nothing to load at run time.

Colours are SVG presentation attributes (not style attributes) so the pages work under a strict
Content-Security-Policy. Every label is escaped: entity names and outlets come from untrusted articles.
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

from warta.web.highlight import entity_url

COOP = "#2f855a"
CONFLICT = "#c53030"
LINE = "#2b6cb0"
GRID = "#e2e8f0"
TEXT = "#4a5568"
TYPE_COLOURS = {"PER": "#2b6cb0", "ORG": "#805ad5", "LOC": "#2f855a"}


def _num(value: Any) -> float:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(result) else result


def _pick(row: dict[str, Any], *names: str) -> Any:
    for name in names:
        if name in row and row[name] is not None:
            return row[name]
    return None


def trend_series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Normalise per-month trend rows (from warta.stories.dyad_trend or the store) to
    {month, coop, conflict, goldstein}; the key names of either source are accepted."""
    series = []
    for row in rows:
        month = _pick(row, "month", "period", "date")
        if not month:
            continue
        coop = _pick(row, "cooperation", "coop", "n_coop")
        conflict = _pick(row, "conflict", "n_conflict")
        if coop is None:
            coop = _num(row.get("verbal_coop")) + _num(row.get("material_coop"))
        if conflict is None:
            conflict = _num(row.get("verbal_conflict")) + _num(row.get("material_conflict"))
        goldstein = _pick(row, "goldstein", "goldstein_mean", "mean_goldstein", "avg_goldstein")
        series.append({"month": str(month)[:7], "coop": _num(coop), "conflict": _num(conflict),
                       "goldstein": None if goldstein is None else _num(goldstein)})
    series.sort(key=lambda r: str(r["month"]))
    return _fill_months(series)


def _month_index(month: str) -> int | None:
    try:
        year, mon = int(month[:4]), int(month[5:7])
    except ValueError:
        return None
    return year * 12 + mon - 1 if 1 <= mon <= 12 else None


def _fill_months(series: list[dict[str, Any]], most: int = 240) -> list[dict[str, Any]]:
    """Add empty months between the first and the last, so the x axis is time and gaps show as gaps."""
    indices = [_month_index(r["month"]) for r in series]
    if len(series) < 2 or None in indices:
        return series
    indexed = [(index, row) for index, row in zip(indices, series, strict=True) if index is not None]
    first, last = indexed[0][0], indexed[-1][0]
    if last - first >= most:
        return series
    by_index = {i: r for i, r in indexed}
    return [by_index.get(i) or {"month": f"{i // 12:04d}-{i % 12 + 1:02d}", "coop": 0.0, "conflict": 0.0,
                                "goldstein": None} for i in range(first, last + 1)]


def trend_chart(rows: list[dict[str, Any]], title: str, width: int = 760, height: int = 300) -> Markup:
    """Bars per month (cooperation up, conflict down) with the mean Goldstein score as a line (right axis -10..10)."""
    series = trend_series(rows)
    if not series:
        return Markup("")
    left, right, top, bottom = 44, 44, 16, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    mid = top + plot_h / 2
    peak = max(max(r["coop"], r["conflict"]) for r in series) or 1.0
    step = plot_w / len(series)
    bar_w = max(4.0, min(36.0, step * 0.6))
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{escape(title)}</title>']
    for frac in (-1, -0.5, 0, 0.5, 1):
        y = mid - frac * plot_h / 2
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{TEXT}">'
                     f'{abs(frac) * peak:.0f}</text>')
        parts.append(f'<text x="{width - right + 6}" y="{y + 4:.1f}" font-size="11" fill="{LINE}">{frac * 10:+.0f}</text>')
    points = []
    label_every = max(1, math.ceil(len(series) / 12))
    for i, r in enumerate(series):
        cx = left + step * (i + 0.5)
        h_coop = r["coop"] / peak * plot_h / 2
        h_conf = r["conflict"] / peak * plot_h / 2
        tip = f'{r["month"]}: {r["coop"]:.0f} cooperation, {r["conflict"]:.0f} conflict'
        if r["goldstein"] is not None:
            tip += f', mean Goldstein {r["goldstein"]:+.1f}'
        parts.append(f'<g class="bar"><title>{escape(tip)}</title>')
        if h_coop:
            parts.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{mid - h_coop:.1f}" width="{bar_w:.1f}" '
                         f'height="{h_coop:.1f}" fill="{COOP}" rx="2"/>')
        if h_conf:
            parts.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{mid:.1f}" width="{bar_w:.1f}" height="{h_conf:.1f}" '
                         f'fill="{CONFLICT}" rx="2"/>')
        parts.append("</g>")
        if r["goldstein"] is not None:
            points.append((cx, mid - max(-10.0, min(10.0, r["goldstein"])) / 10 * plot_h / 2))
        if i % label_every == 0:
            parts.append(f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
                         f'fill="{TEXT}">{escape(r["month"])}</text>')
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for x, y in points:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE}"/>')
    legend_y = height - 10
    parts.append(f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{COOP}"/>'
                 f'<text x="{left + 14}" y="{legend_y}" font-size="11" fill="{TEXT}">cooperation (count)</text>'
                 f'<rect x="{left + 140}" y="{legend_y - 9}" width="10" height="10" fill="{CONFLICT}"/>'
                 f'<text x="{left + 154}" y="{legend_y}" font-size="11" fill="{TEXT}">conflict (count)</text>'
                 f'<line x1="{left + 262}" x2="{left + 282}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{LINE}" '
                 f'stroke-width="2"/><text x="{left + 288}" y="{legend_y}" font-size="11" fill="{TEXT}">'
                 f'mean Goldstein (right axis)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def month_bars(rows: list[dict[str, Any]], value_key: str, title: str, width: int = 560, height: int = 160,
               percent: bool = False) -> Markup:
    """A small column chart of a per-month count (`percent`: of a share, 0-1, shown as a percentage)."""
    data = [(str(r.get("month")), _num(r.get(value_key))) for r in rows if r.get("month")]
    if not data:
        return Markup("")
    left, bottom, top = 28, 24, 10
    plot_w, plot_h = width - left - 8, height - top - bottom
    peak = max(v for _, v in data) or 1.0
    step = plot_w / len(data)

    def shown(value: float) -> str:
        return f"{value * 100:.1f}%" if percent else f"{value:.0f}"

    bar_w = max(3.0, min(28.0, step * 0.7))
    label_every = max(1, math.ceil(len(data) / 10))
    parts = [f'<svg class="chart small" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(title)}</title>',
             f'<line x1="{left}" x2="{width - 8}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{GRID}"/>',
             f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="10" fill="{TEXT}">{shown(peak)}</text>']
    for i, (month, value) in enumerate(data):
        h = value / peak * plot_h
        x = left + step * i + (step - bar_w) / 2
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                     f'fill="{LINE}" rx="2"><title>{escape(month)}: {shown(value)}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="10" '
                         f'fill="{TEXT}">{escape(month)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def cooccurrence_graph(center: dict[str, Any], neighbours: list[dict[str, Any]], width: int = 600,
                       height: int = 420) -> Markup:
    """The entity in the middle, co-occurring entities on a circle; edge width grows with shared articles.
    The canvas is wider than tall so the labels left and right of the circle have room."""
    if not neighbours:
        return Markup("")
    cx, cy = width / 2, height / 2
    radius = height / 2 - 50
    peak = max(int(n.get("n_articles") or 1) for n in neighbours) or 1
    edges, nodes = [], []
    for i, n in enumerate(neighbours):
        angle = 2 * math.pi * i / len(neighbours) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        weight = int(n.get("n_articles") or 1)
        edges.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#cbd5e0" '
                     f'stroke-width="{1 + 5 * weight / peak:.1f}"/>')
        colour = TYPE_COLOURS.get(str(n.get("type")), TEXT)
        anchor = "start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle")
        dx = 10 if anchor == "start" else (-10 if anchor == "end" else 0)
        dy = 16 if (anchor == "middle" and math.sin(angle) > 0) else (-10 if anchor == "middle" else 4)
        name = str(n.get("name") or n.get("id"))
        label = name if len(name) <= 18 else name[:17] + "…"
        nodes.append(f'<a href="{escape(entity_url(str(n["id"])))}"><title>{escape(name)}: {weight} shared articles'
                     f'</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{5 + 4 * weight / peak:.1f}" fill="{colour}"/>'
                     f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="12" fill="#1a202c" stroke="#fff" stroke-width="3" paint-order="stroke">'
                     f'{escape(label)}</text></a>')
    colour = TYPE_COLOURS.get(str(center.get("type")), TEXT)
    name = str(center.get("name") or center.get("id"))
    middle = (f'<circle cx="{cx}" cy="{cy}" r="14" fill="{colour}" stroke="#fff" stroke-width="3"/>'
              f'<text x="{cx}" y="{cy + 32}" text-anchor="middle" font-size="13" font-weight="bold" fill="#1a202c" stroke="#fff" stroke-width="4" paint-order="stroke">'
              f'{escape(name)}</text>')
    return Markup(f'<svg class="chart graph" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
                  f'<title>Entities co-occurring with {escape(name)}</title>{"".join(edges)}{middle}'
                  f'{"".join(nodes)}</svg>')


def _polarity_scale(values: list[float]) -> float:
    """Half-range of a polarity axis: the largest |value|, so small differences between outlets stay visible."""
    return max([abs(v) for v in values] + [1e-3])


def _polarity_tip(group: str, row: dict[str, Any]) -> str:
    n = int(_num(row.get("articles")))
    interval = row.get("polarity_ci")
    ci = f", 95% interval {_num(interval[0]):+.3f} to {_num(interval[1]):+.3f}" if interval else ""
    return f"{group}: polarity {_num(row.get('polarity')):+.3f} over {n} article{'' if n == 1 else 's'}{ci}"


def polarity_columns(rows: list[dict[str, Any]], key: str, title: str, width: int = 560, height: int = 180) -> Markup:
    """Mean polarity per group (e.g. month) as columns up (positive) or down (negative) from a zero line."""
    data = [(str(r[key]), r) for r in rows if r.get(key) is not None]
    if not data:
        return Markup("")
    left, right, top, bottom = 44, 8, 10, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    mid = top + plot_h / 2
    scale = _polarity_scale([_num(r.get("polarity")) for _, r in data])
    step = plot_w / len(data)
    bar_w = max(3.0, min(28.0, step * 0.7))
    label_every = max(1, math.ceil(len(data) / 10))
    parts = [f'<svg class="chart small" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(title)}</title>',
             f'<line x1="{left}" x2="{width - right}" y1="{mid:.1f}" y2="{mid:.1f}" stroke="{GRID}"/>',
             f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="10" fill="{TEXT}">{scale:+.2f}</text>',
             f'<text x="{left - 4}" y="{mid + 4:.1f}" text-anchor="end" font-size="10" fill="{TEXT}">0</text>',
             f'<text x="{left - 4}" y="{top + plot_h:.1f}" text-anchor="end" font-size="10" fill="{TEXT}">'
             f'{-scale:+.2f}</text>']
    for i, (group, row) in enumerate(data):
        value = _num(row.get("polarity"))
        h = abs(value) / scale * plot_h / 2
        x = left + step * i + (step - bar_w) / 2
        y = mid - h if value >= 0 else mid
        parts.append(f'<rect class="polarity" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                     f'fill="{COOP if value >= 0 else CONFLICT}" rx="2"><title>{escape(_polarity_tip(group, row))}'
                     f'</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="10" '
                         f'fill="{TEXT}">{escape(group)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def polarity_rows(rows: list[dict[str, Any]], key: str, title: str, width: int = 560, most: int = 15) -> Markup:
    """Mean polarity per group (e.g. outlet) as horizontal bars left (negative) or right (positive) of zero; the
    `most` groups with the most articles."""
    data = sorted(((str(r[key]), r) for r in rows if r.get(key) is not None),
                  key=lambda item: (-_num(item[1].get("articles")), item[0]))[:most]
    if not data:
        return Markup("")
    label_w, row_h, top = 150, 22, 6
    height = top * 2 + row_h * len(data) + 14
    mid = label_w + (width - label_w) / 2
    half = (width - label_w) / 2 - 8
    scale = _polarity_scale([_num(r.get("polarity")) for _, r in data])
    parts = [f'<svg class="chart small" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
             f'<title>{escape(title)}</title>',
             f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{top}" y2="{height - 14}" stroke="{GRID}"/>',
             f'<text x="{mid - half:.1f}" y="{height - 2}" font-size="10" fill="{TEXT}">{-scale:+.2f}</text>',
             f'<text x="{mid + half:.1f}" y="{height - 2}" text-anchor="end" font-size="10" fill="{TEXT}">'
             f'{scale:+.2f}</text>']
    for i, (group, row) in enumerate(data):
        value = _num(row.get("polarity"))
        w = abs(value) / scale * half
        y = top + i * row_h
        label = group if len(group) <= 22 else group[:21] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="{TEXT}">{escape(label)}</text>')
        parts.append(f'<rect class="polarity" x="{mid - w if value < 0 else mid:.1f}" y="{y + 4:.1f}" width="{w:.1f}" '
                     f'height="{row_h - 8}" fill="{COOP if value >= 0 else CONFLICT}" rx="2">'
                     f'<title>{escape(_polarity_tip(group, row))}</title></rect>')
    parts.append("</svg>")
    return Markup("".join(parts))
