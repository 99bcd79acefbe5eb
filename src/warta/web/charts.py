"""Charts as inline SVG, drawn on the server: no JavaScript library, no asset download, nothing to load at run time.

Colours are SVG presentation attributes (not style attributes) so the pages work under a strict
Content-Security-Policy. Every label is escaped: entity names and outlets come from untrusted articles.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from warta.chartdata import Month, Series, month_index, month_span
from warta.web.highlight import entity_url

COOP = "#2f855a"
CONFLICT = "#c53030"
LINE = "#2b6cb0"
GRID = "#e2e8f0"
TEXT = "#4a5568"
def _same(text: str) -> str:
    return text


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


def _fill_months(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add empty months between the first and the last, so the x axis is time and gaps show as gaps."""
    by_month = {r["month"]: r for r in series}
    if len(series) < 2 or any(month_index(m) is None for m in by_month):
        return series
    return [by_month.get(m) or {"month": m, "coop": 0.0, "conflict": 0.0, "goldstein": None}
            for m in month_span(list(by_month))]


def _fill_rows(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Per-month rows with the months between them added (empty), when every key is a month; others as they are."""
    present = {str(r.get(key)): r for r in rows if r.get(key)}
    if len(present) < 2 or any(month_index(m) is None for m in present):
        return rows
    return [present.get(m) or {key: m} for m in month_span(list(present))]


def _every(n: int, room: float, label_width: float) -> int:
    """Label every k-th of `n` slots so that labels `label_width` wide fit in `room`."""
    return max(1, math.ceil(n * label_width / max(room, 1.0)))


def trend_chart(series: Series, title: str, width: int = 760, height: int = 340, font: int = 12,
                gettext: Callable[[str], str] = _same) -> Markup:
    """A dyad's (or entity's) events per month on a true time axis: cooperation bars up and conflict bars down
    (counts, upper axis), and below, on its own axis (-10 .. +10), the mean Goldstein score, its line broken
    across months without a score. The data are a `warta.chartdata.Series` (the CLI's PNG draws the same)."""
    months = series.months
    if not months:
        return Markup("")
    _ = gettext
    left, right, top = 40, 12, 10
    legend_h, axis_h, gold_h = font * 2 + 6, font + 10, round(height * 0.26)
    plot_w = width - left - right
    bars_h = height - top - legend_h - axis_h - gold_h - font - 8
    mid = top + bars_h / 2
    peak = max(max(m.coop, m.conflict) for m in months) or 1
    step = plot_w / len(months)
    bar_w = max(1.5, min(36.0, step * 0.7))
    gold_top = top + bars_h + font + 8
    gold_mid = gold_top + gold_h / 2
    parts = [f'<svg class="chart trend" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="{font}"><title>{escape(title)}</title>']
    for frac in (-1, 0, 1):
        y = mid - frac * bars_h / 2
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 4}" y="{y + font / 3:.1f}" text-anchor="end" fill="{TEXT}">'
                     f'{abs(frac) * peak:.0f}</text>')
    for value in (-10, 0, 10):
        y = gold_mid - value / 10 * gold_h / 2
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 4}" y="{y + font / 3:.1f}" text-anchor="end" fill="{LINE}">{value:+d}</text>')
    every = _every(len(months), plot_w, font * 4.2)
    goldstein = _("mean Goldstein")
    segment: list[str] = []
    lines: list[str] = []
    for i, m in enumerate(months):
        cx = left + step * (i + 0.5)
        parts.append(_trend_bar(m, cx, mid, bar_w, bars_h / 2 / peak, _))
        if m.goldstein is None:
            lines.append(" ".join(segment))
            segment = []
        else:
            y = gold_mid - max(-10.0, min(10.0, m.goldstein)) / 10 * gold_h / 2
            segment.append(f"{cx:.1f},{y:.1f}")
            parts.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="3" fill="{LINE}"><title>{escape(m.month)}: '
                         f'{escape(goldstein)} {m.goldstein:+.1f}</title></circle>')
        if i % every == 0:
            parts.append(f'<text x="{cx:.1f}" y="{gold_top + gold_h + font + 4:.1f}" text-anchor="middle" '
                         f'fill="{TEXT}">{escape(m.month)}</text>')
    lines.append(" ".join(segment))
    parts += [f'<polyline points="{pts}" fill="none" stroke="{LINE}" stroke-width="2"/>'
              for pts in lines if " " in pts]
    parts.append(_trend_legend(left, width - right, height, font, _))
    parts.append("</svg>")
    return Markup("".join(parts))


def _trend_bar(m: Month, cx: float, mid: float, bar_w: float, scale: float, _: Callable[[str], str]) -> str:
    cooperation, conflict, goldstein = _("cooperation"), _("conflict"), _("mean Goldstein")
    tip = f"{m.month}: {m.coop} {cooperation}, {m.conflict} {conflict}"
    if m.goldstein is not None:
        tip += f", {goldstein} {m.goldstein:+.1f}"
    out = [f'<g class="bar"><title>{escape(tip)}</title>']
    if m.coop:
        out.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{mid - m.coop * scale:.1f}" width="{bar_w:.1f}" '
                   f'height="{m.coop * scale:.1f}" fill="{COOP}"/>')
    if m.conflict:
        out.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{mid:.1f}" width="{bar_w:.1f}" '
                   f'height="{m.conflict * scale:.1f}" fill="{CONFLICT}"/>')
    out.append("</g>")
    return "".join(out)


def _trend_legend(left: int, right: int, height: int, font: int, _: Callable[[str], str]) -> str:
    """The legend in one or two rows, wrapped to the chart's width."""
    items = [(COOP, _("cooperation (events)")), (CONFLICT, _("conflict (events)")),
             (LINE, _("mean Goldstein (lower axis)"))]
    rows, x, y = [], float(left), float(height - font - 8)
    for colour, label in items:
        width = font + 6 + len(label) * font * 0.55 + 14
        if x > left and x + width > right:
            x, y = float(left), y + font + 4
        rows.append(f'<rect x="{x:.1f}" y="{y - font + 2:.1f}" width="{font - 2}" height="{font - 2}" fill="{colour}"/>'
                    f'<text x="{x + font + 2:.1f}" y="{y:.1f}" fill="{TEXT}">{escape(label)}</text>')
        x += width
    return "".join(rows)


def month_bars(rows: list[dict[str, Any]], value_key: str, title: str, width: int = 560, height: int = 160,
               percent: bool = False) -> Markup:
    """A small column chart of a per-month count (`percent`: of a share, 0-1, shown as a percentage)."""
    data = [(str(r.get("month")), _num(r.get(value_key))) for r in _fill_rows(rows, "month") if r.get("month")]
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
    data = [(str(r[key]), r) for r in _fill_rows(rows, key) if r.get(key) is not None]
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
