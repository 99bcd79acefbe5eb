"""Label pairs of real news-dev-2025 articles as the same story or not (issue 18): labels are article ids, never text.

The labels live in `training/stories/*.jsonl`, one line per judged pair:

    {"a": ID, "b": ID, "label": "same" | "thread" | "different", "annotator": NAME}

`same` = the same specific development (STORIES.md: one incident, statement, plea, verdict, announcement, match or data
release, with its angles, explainers pegged on it and same-day follow-ups of the same actors); `thread` = the same
ongoing affair but another development (a reply by another actor, a later day with something new, another defendant,
a preview and the event itself); `different` = anything else, however close the vocabulary.

Pairs are drawn from articles outside dev-gold, so the dev figures stay honest. They are picked where a clusterer has
to decide: TF-IDF neighbours (title three times + the first 500 characters) within three days, spread evenly over
cosine bands, so that easy and hard pairs are both present. Each annotator NAME gets its own disjoint share.

Commands (PY = an interpreter that imports warta):
    PY scripts/annotate_stories.py pool NAME [--count N]   write the annotator's pair list (default 500) to
                                                           /tmp/stories-pool-NAME.jsonl (numbered)
    PY scripts/annotate_stories.py show NAME FROM COUNT    print pairs FROM..FROM+COUNT-1: both titles, outlets, times and
                                                           the first 700 characters of each text
    PY scripts/annotate_stories.py add WORK NAME           a work file of {"pair": K, "label": L} lines (kept outside the
                                                           repo) -> appended to training/stories/NAME.jsonl; a pair
                                                           already labelled there is left as it is
    PY scripts/annotate_stories.py stats                   counts by label and annotator
    PY scripts/annotate_stories.py agree FILE              a blind second labelling of some pairs (FILE) against the
                                                           labels: confusion, agreement and Cohen's kappa
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_events import dev_gold_ids, rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "training" / "stories"
ANNOTATORS = ("stannot1", "stannot2", "stannot3")
# The second round shares out the pairs no one has labelled yet, the same way.
SECOND_ROUND = ("stannot4", "stannot5", "stannot6")
LABEL_VALUES = ("same", "thread", "different")
BANDS = ((0.08, 0.15), (0.15, 0.25), (0.25, 0.35), (0.35, 0.5), (0.5, 1.01))
WINDOW_DAYS = 3
NEIGHBOURS = 8


def _published(row: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(row.get("published") or "")
    except ValueError:
        return None


def _doc(row: dict) -> str:
    title = row["title"].strip()
    return f"{title} {title} {title} {row['text'][:500]}"


def candidate_pairs() -> list[tuple[float, str, str]]:
    """TF-IDF neighbour pairs of non-gold articles within WINDOW_DAYS (an undated article pairs with any date)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    excluded = dev_gold_ids()
    articles = [row for row in rows().values() if row["id"] not in excluded]
    matrix = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.3).fit_transform(map(_doc, articles))
    similarity = (matrix @ matrix.T).tocsr()
    pairs: dict[tuple[str, str], float] = {}
    for i, row in enumerate(articles):
        start, end = similarity.indptr[i], similarity.indptr[i + 1]
        neighbours = sorted(zip(similarity.data[start:end], similarity.indices[start:end], strict=True), reverse=True)
        for score, j in [(s, j) for s, j in neighbours if j != i][:NEIGHBOURS]:
            when_a, when_b = _published(row), _published(articles[j])
            if when_a and when_b and abs((when_a - when_b).days) > WINDOW_DAYS:
                continue
            key = tuple(sorted((row["id"], articles[j]["id"])))
            pairs[key] = float(score)  # type: ignore[index]
    return sorted((score, a, b) for (a, b), score in pairs.items())


def _owner(a: str, b: str, names: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{a}|{b}".encode()).digest()
    return names[digest[0] % len(names)]


def _labelled() -> set[tuple[str, str]]:
    return {(d["a"], d["b"]) for path in LABELS.glob("*.jsonl") for d in map(json.loads, path.read_text().splitlines())}


def cmd_pool(name: str, count: int) -> None:
    names = next((group for group in (ANNOTATORS, SECOND_ROUND) if name in group), None)
    if names is None:
        sys.exit(f"unknown annotator {name!r}: one of {', '.join(ANNOTATORS + SECOND_ROUND)}")
    done = _labelled() if names == SECOND_ROUND else set()
    mine = [(s, a, b) for s, a, b in candidate_pairs() if _owner(a, b, names) == name and (a, b) not in done]
    rng, chosen = random.Random(name), []
    for low, high in BANDS:
        band = [p for p in mine if low <= p[0] < high]
        chosen += rng.sample(band, min(len(band), count // len(BANDS)))
    rng.shuffle(chosen)
    with Path(f"/tmp/stories-pool-{name}.jsonl").open("w", encoding="utf-8") as out:
        for k, (score, a, b) in enumerate(chosen):
            out.write(json.dumps({"pair": k, "a": a, "b": b, "cosine": round(score, 3)}) + "\n")
    print(f"{len(chosen)} pairs in /tmp/stories-pool-{name}.jsonl")


def _pool(name: str) -> list[dict]:
    path = Path(f"/tmp/stories-pool-{name}.jsonl")
    if not path.exists():
        sys.exit(f"no pool for {name}: run `pool {name}` first")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def cmd_show(name: str, first: int, count: int) -> None:
    table = rows()
    for pair in _pool(name)[first : first + count]:
        print(f"===== pair {pair['pair']} (cosine {pair['cosine']})")
        for side in ("a", "b"):
            row = table[pair[side]]
            text = " ".join(row["text"][:700].split())
            print(f"--- {side}: {row['id']} {row['outlet']} {row.get('published') or row.get('date') or '-'}")
            print(f"TITLE: {row['title'].strip()}\n{text}")
        print()


def cmd_add(work: str, name: str) -> None:
    pool = {p["pair"]: p for p in _pool(name)}
    path = LABELS / f"{name}.jsonl"
    done = set()
    if path.exists():
        done = {(d["a"], d["b"]) for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    lines = []
    for n, line in enumerate(Path(work).read_text(encoding="utf-8").splitlines(), 1):
        item = json.loads(line)
        if item.get("label") not in LABEL_VALUES or item.get("pair") not in pool:
            sys.exit(f"{work}:{n}: needs a pair number of the pool and a label in {LABEL_VALUES}: {line}")
        pair = pool[item["pair"]]
        if (pair["a"], pair["b"]) not in done:
            done.add((pair["a"], pair["b"]))
            lines.append(json.dumps({"a": pair["a"], "b": pair["b"], "label": item["label"], "annotator": name}))
    LABELS.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)
    print(f"{len(lines)} pairs added to {path}")


def cmd_stats() -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted(LABELS.glob("*.jsonl")):
        for item in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            counts[(item["annotator"], item["label"])] += 1
    for (annotator, label), n in sorted(counts.items()):
        print(f"{annotator}\t{label}\t{n}")
    print(f"total\t{sum(counts.values())}")


def _kappa(pairs: list[tuple[str, str]], positive: tuple[str, ...] | None = None) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa over (first, second) labels; with `positive`, of the two-way split."""
    if positive is not None:
        pairs = [(str(a in positive), str(b in positive)) for a, b in pairs]
    observed = sum(a == b for a, b in pairs) / len(pairs)
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / len(pairs) ** 2
    return observed, (observed - expected) / (1 - expected)


def cmd_agree(second_file: str) -> None:
    labels = {}
    for path in sorted(LABELS.glob("*.jsonl")):
        labels.update(
            {(d["a"], d["b"]): d["label"] for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
        )
    second = [json.loads(line) for line in Path(second_file).read_text(encoding="utf-8").splitlines()]
    pairs = [(labels[(d["a"], d["b"])], d["label"]) for d in second if (d["a"], d["b"]) in labels]
    for (first_label, second_label), n in sorted(Counter(pairs).items()):
        print(f"{first_label}\t{second_label}\t{n}")
    for name, positive in (
        ("same/thread/different", None),
        ("same vs not", ("same",)),
        ("same or thread vs different", ("same", "thread")),
    ):
        observed, kappa = _kappa(pairs, positive)
        print(f"{name}: agreement {observed:.3f}, kappa {kappa:.3f} over {len(pairs)} pairs")


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    command, rest = argv[0], argv[1:]
    if command == "pool":
        cmd_pool(rest[0], int(rest[2]) if len(rest) > 2 and rest[1] == "--count" else 500)
    elif command == "show":
        cmd_show(rest[0], int(rest[1]), int(rest[2]))
    elif command == "add":
        cmd_add(rest[0], rest[1])
    elif command == "agree":
        cmd_agree(rest[0])
    elif command == "stats":
        cmd_stats()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
