"""Inter-annotator agreement on the event labels of `training/events/` (issue 17): two label sets, their shared articles.

    PY scripts/events_agreement.py A B [--list] [--json OUT]

A and B are label files in the `scripts/annotate_events.py` format (offsets and labels, never text); either may be a
comma-separated list of files (e.g. the three annotators pooled). Only articles present in both sets are compared.

Events are aligned inside a sentence: A's sentences are the units (sentence boundaries may differ by a few characters
between tool versions, so each event of B goes to the A sentence holding its trigger). Two events *match* at level

    span     their trigger spans overlap
    type     ... and the same PLOVER type
    mode     ... and the same mode (asserted / negated / planned / hypothetical)
    parties  ... and the same actor_name and target_name after case-folding (CONSULT, AGREE, COOPERATE: either order)

Each level is a maximum one-to-one matching (several events may share a trigger: one per target), so the counts are
symmetric: precision of B against A = matched / |B|, recall = matched / |A|. The report gives the four levels over
all events and over asserted events only (the only mode EVENTS.md codes), plus a looser count (same sentence and
type, whatever the trigger words: it separates trigger-choice differences from missed events), per-type agreement (level `type`), the
mode confusion of events matched at level `type`, sentence-level agreement on "this sentence states an asserted
event" (Cohen's kappa), and with --list the disagreements: article, A's sentence number and raw offsets, and the two
labels as TYPE/mode [trigger offsets] actor -> target @date (no text); the kind names what differs (only_A, only_B,
type, mode, actor, target, date; a date-only difference is listed but does not count against any level). --json OUT writes the same disagreements as
JSON for adjudication.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
LEVELS = ("span", "type", "mode", "parties")
Event = dict


def load(spec: str) -> dict[str, list[dict]]:
    """Article id -> its sentence rows, sorted by offset, from one or several files."""
    out: dict[str, list[dict]] = defaultdict(list)
    for name in spec.split(","):
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["article"]].append(row)
    for rows in out.values():
        rows.sort(key=lambda r: r["start"])
    return dict(out)


def fold(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def overlaps(a: Event, b: Event) -> bool:
    return a["trigger"][0] < b["trigger"][1] and b["trigger"][0] < a["trigger"][1]


def same_parties(a: Event, b: Event) -> bool:
    pa, pb = (fold(a["actor_name"]), fold(a["target_name"])), (fold(b["actor_name"]), fold(b["target_name"]))
    return pa == pb or (a["type"] in SYMMETRIC and a["type"] == b["type"] and pa == pb[::-1])


def level_of(a: Event, b: Event) -> int:
    """How many levels the pair agrees on, in order (0: triggers do not overlap)."""
    if not overlaps(a, b):
        return 0
    if a["type"] != b["type"]:
        return 1
    if a["mode"] != b["mode"]:
        return 2
    return 4 if same_parties(a, b) else 3


def max_matching(left: list[Event], right: list[Event], ok: Callable[[Event, Event], bool]) -> list[tuple[int, int]]:
    """Maximum bipartite matching (Kuhn), the pairs (i, j)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, b in enumerate(right):
            if j not in seen and ok(left[i], b):
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _at_least(depth: int, x: Event, y: Event) -> bool:
    return level_of(x, y) >= depth


def align(a_rows: list[dict], b_rows: list[dict]) -> list[tuple[int, dict, list[Event], list[Event]]]:
    """Units = A's sentences: (number, A row, A events, B events whose trigger falls in that sentence)."""
    units: list[tuple[int, dict, list[Event], list[Event]]] = [
        (n, row, list(row["events"]), []) for n, row in enumerate(a_rows)
    ]
    for row in b_rows:
        for event in row["events"]:
            t0, t1 = event["trigger"]
            best = max(units, key=lambda u: (min(t1, u[1]["end"]) - max(t0, u[1]["start"]), -abs(u[1]["start"] - t0)))
            best[3].append(event)
    return units


def show(e: Event | None) -> str:
    if e is None:
        return "-"
    return (
        f"{e['type']}/{e['mode']} {e['trigger']} {e['actor_name'] or '∅'} -> {e['target_name'] or '∅'}"
        f" @{e['date'] or '∅'}"
    )


def kind(a: Event | None, b: Event | None) -> str:
    if b is None:
        return "only_A"
    if a is None:
        return "only_B"
    diffs = []
    if a["type"] != b["type"]:
        diffs.append("type")
    if a["mode"] != b["mode"]:
        diffs.append("mode")
    if fold(a["actor_name"]) != fold(b["actor_name"]) and not (a["type"] in SYMMETRIC and same_parties(a, b)):
        diffs.append("actor")
    if fold(a["target_name"]) != fold(b["target_name"]) and not (a["type"] in SYMMETRIC and same_parties(a, b)):
        diffs.append("target")
    if (a["date"] or None) != (b["date"] or None):
        diffs.append("date")
    return "+".join(diffs) or "same"


def prf(tp: int, n_a: int, n_b: int) -> tuple[float, float, float]:
    p = tp / n_b if n_b else 1.0
    r = tp / n_a if n_a else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    po = sum(x == y for x, y in pairs) / n
    pa, pb = sum(x for x, _ in pairs) / n, sum(y for _, y in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def compare(a: dict[str, list[dict]], b: dict[str, list[dict]]) -> dict:
    shared = sorted(set(a) & set(b))
    tp = {(lvl, sub): 0 for lvl in (*LEVELS, "sentence") for sub in ("all", "asserted")}
    n_a, n_b = Counter[str](), Counter[str]()
    type_tp, type_a, type_b = Counter[str](), Counter[str](), Counter[str]()
    modes = Counter[tuple[str, str]]()
    confusion = Counter[tuple[str, str]]()
    sentences: list[tuple[bool, bool]] = []
    disagreements: list[dict] = []
    for art in shared:
        for number, row, ea, eb in align(a[art], b[art]):
            sentences.append((any(e["mode"] == "asserted" for e in ea), any(e["mode"] == "asserted" for e in eb)))
            for sub, fa, fb in (
                ("all", ea, eb),
                ("asserted", [e for e in ea if e["mode"] == "asserted"], [e for e in eb if e["mode"] == "asserted"]),
            ):
                n_a[sub] += len(fa)
                n_b[sub] += len(fb)
                for depth, lvl in enumerate(LEVELS, 1):
                    tp[lvl, sub] += len(max_matching(fa, fb, functools.partial(_at_least, depth)))
                tp["sentence", sub] += len(max_matching(fa, fb, lambda x, y: x["type"] == y["type"]))
            for e in ea:
                type_a[e["type"]] += 1
            for e in eb:
                type_b[e["type"]] += 1
            for i, j in max_matching(ea, eb, lambda x, y: level_of(x, y) >= 2):
                type_tp[ea[i]["type"]] += 1
                modes[ea[i]["mode"], eb[j]["mode"]] += 1
            # One alignment for the listing: best-level pairs first (greedy), then the leftovers.
            pairs = sorted(
                (
                    (level_of(x, y) + (0.5 if (x["date"] or None) == (y["date"] or None) else 0), i, j)
                    for i, x in enumerate(ea)
                    for j, y in enumerate(eb)
                    if overlaps(x, y)
                ),
                reverse=True,
            )
            used_a: set[int] = set()
            used_b: set[int] = set()
            aligned: list[tuple[Event | None, Event | None]] = []
            for _, i, j in pairs:
                if i not in used_a and j not in used_b:
                    used_a.add(i)
                    used_b.add(j)
                    aligned.append((ea[i], eb[j]))
            aligned += [(e, None) for i, e in enumerate(ea) if i not in used_a]
            aligned += [(None, e) for j, e in enumerate(eb) if j not in used_b]
            for x, y in aligned:
                if x is not None and y is not None:
                    confusion[x["type"], y["type"]] += 1
                k = kind(x, y)
                if k != "same":
                    disagreements.append(
                        {"article": art, "s": number, "offsets": [row["start"], row["end"]], "kind": k, "A": x, "B": y}
                    )
    return {
        "articles": len(shared),
        "sentences": len(sentences),
        "tp": tp,
        "n_a": n_a,
        "n_b": n_b,
        "type_tp": type_tp,
        "type_a": type_a,
        "type_b": type_b,
        "modes": modes,
        "confusion": confusion,
        "sentence_pairs": sentences,
        "disagreements": disagreements,
    }


def report(res: dict, listing: bool) -> str:
    out = [f"shared articles {res['articles']}, sentences {res['sentences']}"]
    for sub in ("all", "asserted"):
        out.append(f"events ({sub}): A {res['n_a'][sub]}, B {res['n_b'][sub]}")
        for lvl in LEVELS:
            tp = res["tp"][lvl, sub]
            p, r, f = prf(tp, res["n_a"][sub], res["n_b"][sub])
            out.append(f"  {lvl:<8} matched {tp:>4}  P(B vs A) {p:.2f}  R {r:.2f}  F1 {f:.2f}")
        tp = res["tp"]["sentence", sub]
        p, r, f = prf(tp, res["n_a"][sub], res["n_b"][sub])
        out.append(f"  (same sentence and type, any trigger: matched {tp}, F1 {f:.2f})")
    pairs = res["sentence_pairs"]
    both = sum(x and y for x, y in pairs)
    out.append(
        f"sentences with an asserted event: A {sum(x for x, _ in pairs)}, B {sum(y for _, y in pairs)}, "
        f"both {both}; agreement {sum(x == y for x, y in pairs) / max(1, len(pairs)):.2f}, "
        f"kappa {kappa(pairs):.2f}"
    )
    out.append("per type (span+type): type A B matched F1")
    for t in sorted(set(res["type_a"]) | set(res["type_b"]), key=lambda t: -(res["type_a"][t] + res["type_b"][t])):
        f = prf(res["type_tp"][t], res["type_a"][t], res["type_b"][t])[2]
        out.append(f"  {t:<10} {res['type_a'][t]:>3} {res['type_b'][t]:>3} {res['type_tp'][t]:>3}  {f:.2f}")
    modes = res["modes"]
    total = sum(modes.values())
    same = sum(v for (x, y), v in modes.items() if x == y)
    out.append(
        f"mode agreement on span+type matches: {same}/{total}"
        + "".join(f"\n  A {x} / B {y}: {v}" for (x, y), v in sorted(modes.items()) if x != y)
    )
    off = [(k, v) for k, v in res["confusion"].most_common() if k[0] != k[1]]
    out.append(
        "type confusions (A -> B, overlapping triggers): " + (", ".join(f"{x}->{y} {v}" for (x, y), v in off) or "none")
    )
    kinds = Counter(d["kind"] for d in res["disagreements"])
    out.append(f"disagreements {len(res['disagreements'])}: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    if listing:
        for d in res["disagreements"]:
            out.append(
                f"  {d['article']} s{d['s']} {d['offsets']} [{d['kind']}]\n     A: {show(d['A'])}\n"
                f"     B: {show(d['B'])}"
            )
    return "\n".join(out)


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    res = compare(load(argv[0]), load(argv[1]))
    print(report(res, "--list" in argv))
    if "--json" in argv:
        target = Path(argv[argv.index("--json") + 1])
        target.write_text(json.dumps(res["disagreements"], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
