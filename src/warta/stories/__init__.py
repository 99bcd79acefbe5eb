"""Stories across outlets, near-duplicates, corpus-level event records, timelines and dyad trends.

Corpus-level steps over the store, run after the per-article stages (`warta analyze` calls `assign_stories`):

* `assign_stories(store)`: incremental near-duplicate detection and date-aware story clustering
  (`warta.stories.cluster`), the `stories` table (`warta.stories.summary`) and event records
  (`warta.stories.records`); returns the number of stories in the store;
* `plot_dyad(store, a, b, out_path)`: a chart of `warta.store.queries.dyad_trend`.

What the stories stage made is read back through the read layer, `warta.store.queries`: `list_stories`,
`timeline(store, dyad, entity, min_sources)`, `dyad_trend(store, a, b)`.
"""

from __future__ import annotations

from pathlib import Path

from warta.store import Store
from warta.store.stories import StoryTables
from warta.stories.cluster import PARAMS, Params, cluster_store
from warta.stories.records import assign_event_records
from warta.stories.summary import refresh_stories

__all__ = ["assign_stories", "plot_dyad", "Params"]


def assign_stories(store: Store, params: Params = PARAMS) -> int:
    """Cluster the articles not yet in a story (and flag near-duplicates), refresh the stories they joined, match
    event mentions to event records. One transaction: a failure leaves the store as it was."""
    tables = StoryTables(store)
    with store.transaction():
        result = cluster_store(tables, params)
        refresh_stories(tables, result.touched_stories)
        assign_event_records(tables)
    return store.count("stories")


def plot_dyad(store: Store, a: str, b: str, out_path: str | Path) -> Path:
    """Monthly stacked bars of the four quad classes with the mean Goldstein line; written as an image file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # imported here: warta.store.queries reads this package's event taxonomy, so a top-level import would be circular
    from warta.store.queries import QUADS, dyad_trend

    trend = dyad_trend(store, a, b)
    months = [t["month"] for t in trend]
    colours = {"verbal_coop": "#7fbf7b", "material_coop": "#1b7837", "verbal_conflict": "#f4a582",
               "material_conflict": "#b2182b"}
    fig, ax = plt.subplots(figsize=(max(6.0, 0.45 * len(months) + 2), 4.2))
    bottom = [0] * len(months)
    for quad in QUADS:
        values = [t[quad] for t in trend]
        ax.bar(months, values, bottom=bottom, color=colours[quad], label=quad.replace("_", " "))
        bottom = [x + y for x, y in zip(bottom, values, strict=True)]
    ax.set_ylabel("events")
    ax.set_title(f"{a.upper()}–{b.upper()}: cooperation and conflict by month")
    ax.tick_params(axis="x", rotation=60)
    line = ax.twinx()
    points = [(m, t["goldstein"]) for m, t in zip(months, trend, strict=True) if t["goldstein"] is not None]
    if points:
        line.plot([p[0] for p in points], [p[1] for p in points], color="black", marker="o", label="mean Goldstein")
    line.set_ylim(-10, 10)
    line.axhline(0, color="grey", linewidth=0.5)
    line.set_ylabel("mean Goldstein")
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = line.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="upper left", fontsize=8)
    if not months:
        ax.text(0.5, 0.5, "no dated events for this dyad", ha="center", va="center", transform=ax.transAxes)
    fig.tight_layout()
    out = Path(out_path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
