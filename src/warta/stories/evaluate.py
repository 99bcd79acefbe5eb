"""B-cubed precision, recall and F1 of a clustering against gold classes (Bagga & Baldwin 1998; Amigó et al. 2009).

Per item: precision is the share of its predicted cluster that shares its gold class, recall the share of its gold
class that shares its predicted cluster; both are averaged over items. Unlike pairwise scores, big clusters do not
dominate, and unlike purity, putting everything in one cluster (or each item alone) is punished.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """(precision, recall, F1) over the items of `gold`; an item missing from `predicted` is a cluster of its own."""
    items = list(gold)
    if not items:
        return 1.0, 1.0, 1.0
    pred = {i: predicted.get(i, f"\0alone:{i}") for i in items}
    cluster_size = Counter(pred.values())
    class_size = Counter(gold[i] for i in items)
    both = Counter((pred[i], gold[i]) for i in items)
    precision = sum(both[pred[i], gold[i]] / cluster_size[pred[i]] for i in items) / len(items)
    recall = sum(both[pred[i], gold[i]] / class_size[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
