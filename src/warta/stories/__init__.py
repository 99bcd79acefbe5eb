"""Stories across outlets, near-duplicates, corpus-level event records, timelines and dyad trends.

Corpus-level steps over the store, run after the per-article stages (`warta analyze` calls `assign_stories`):

* `assign_stories(store)`: incremental near-duplicate detection and date-aware story clustering
  (`warta.stories.cluster`), the `stories` table (`warta.stories.summary`) and event records
  (`warta.stories.records`); returns the number of stories in the store;
* `plot_dyad(store, a, b, out_path)`: a chart of `warta.chartdata.dyad_series` (the dashboard's data).

What the stories stage made is read back through the read layer, `warta.store.queries`: `list_stories`,
`timeline(store, dyad, entity, min_sources)`, `dyad_trend(store, a, b)`.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from warta.store import Store
from warta.store.stories import StoryTables
from warta.stories.cluster import PARAMS, Params, cluster_store
from warta.stories.records import assign_event_records
from warta.stories.summary import refresh_stories

__all__ = ["assign_stories", "draw_series_png", "plot_dyad", "Params"]


def assign_stories(store: Store, params: Params = PARAMS) -> int:
    """Cluster the articles not yet in a story (and flag near-duplicates), refresh the stories they joined, match
    event mentions to event records. One transaction: a failure leaves the store as it was."""
    tables = StoryTables(store)
    with store.transaction():
        result = cluster_store(tables, params)
        refresh_stories(tables, result.touched_stories)
        assign_event_records(tables)
    return store.count("stories")


def plot_dyad(store: Store, a: str, b: str, out_path: str | Path, labels: dict[str, str] | None = None) -> Path:
    """The dyad's monthly events as an image file: stacked bars of the four quad classes on a date axis (a month
    without events is an empty stretch), the mean Goldstein score in its own panel (-10 .. +10, zero line), its line
    broken where a month has no score. Raises `warta.chartdata.NoChartData` for an unknown dyad or one without
    dated events. The data are `warta.chartdata.dyad_series`, as the dashboard's chart."""
    from warta.chartdata import dyad_series

    series = dyad_series(store, a, b)
    title = (labels or {}).get("dyad_title", "%(pair)s: cooperation and conflict by month") % {"pair": series.subject}
    return draw_series_png(series, title, out_path, labels)


def _month_ticks(lang: str) -> Any:
    """Tick labels of a date axis: the year at January, else the month's short name in `lang` (CLDR via babel)."""
    import matplotlib.dates as mdates
    from babel.dates import format_date
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _: int) -> str:
        day = mdates.num2date(value).date()
        return str(day.year) if day.month == 1 else format_date(day, "MMM", locale=lang)

    return FuncFormatter(label)


def draw_series_png(series: Any, title: str, out_path: str | Path, labels: dict[str, str] | None = None) -> Path:
    """A `warta.chartdata.Series` drawn with matplotlib (counts above, Goldstein below, one true time axis);
    `labels` translate the axis and legend labels (`warta.web.i18n.chart_labels`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from warta.chartdata import QUADS

    colours = {"verbal_coop": "#7fbf7b", "material_coop": "#1b7837", "verbal_conflict": "#f4a582",
               "material_conflict": "#b2182b"}
    names = labels or {}
    days = [date(int(m.month[:4]), int(m.month[5:7]), 15) for m in series.months]
    fig, (ax, gold) = plt.subplots(2, 1, sharex=True, figsize=(max(6.0, min(16.0, 0.3 * len(days) + 4)), 5.4),
                                   gridspec_kw={"height_ratios": [3, 1.4]})
    bottom = [0] * len(days)
    for quad in QUADS:
        values = [m.counts.get(quad, 0) for m in series.months]
        ax.bar(days, values, bottom=bottom, width=24, color=colours[quad], label=names.get(quad, quad.replace("_", " ")))
        bottom = [x + y for x, y in zip(bottom, values, strict=True)]
    ax.set_ylabel(names.get("events", "events"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)
    # NaN breaks the line: months without a score are gaps, not joined across
    gold.plot(days, [math.nan if m.goldstein is None else m.goldstein for m in series.months], color="black",
              marker="o", markersize=3)
    gold.axhline(0, color="grey", linewidth=0.6)
    gold.set_ylim(-10, 10)
    gold.set_ylabel(names.get("goldstein", "mean Goldstein"))
    gold.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=10))
    gold.xaxis.set_major_formatter(_month_ticks(names.get("lang", "en")))
    fig.tight_layout()
    out = Path(out_path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
