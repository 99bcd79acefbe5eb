"""Score the events stage as shipped (rules plus learned models) on the labelled sentences of training/events (issue 17).

    PY scripts/events_on_labels.py [--misses N] [--false N] [--models on|off] [--cache DIR]

The dev gold (../shared/dev-gold/events.json) is 40 articles; the labels are 251 other articles of the same corpus.
A rule or lexicon change that lifts the dev score must not lower this one. Each labelled article is read as the dev
scorers' text dump, run through Warta's stages up to `quotes` (kept in --cache, so later runs redo only `events`),
then the events stage. An event counts where its sentence holds a labelled asserted event of its type
(sentence-level, type-match: the labels' actors are canonical names in another table than Warta's); events flagged
negated or intent are not counted, as the dev scorer does. Figures are given for the label files the mode model was
trained on (annot1-3, see the model's manifest) and the others (annot4-6) apart.

--misses N lists the N commonest head words of labelled asserted events with no event of their type in the
sentence; --false N the commonest cue words of events no label asserts.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_events import align, rows, text_dump  # noqa: E402  (sibling scripts: one version of each)
from train_events import DEFAULT_LABELS, ROOT, head_start, read_labels  # noqa: E402

from warta.events import extract_events, model  # noqa: E402
from warta.events.extract import _unglued  # noqa: E402
from warta.events.lexicon import find_cues, tokenize  # noqa: E402
from warta.pipeline import run_until  # noqa: E402
from warta.read import read_blob  # noqa: E402

Key = tuple[str, int, str]  # article, labelled sentence start, type


def prepared(row: dict, cache: Path) -> object | None:
    """The article after the stages before `events`, from the cache when there."""
    path = cache / f"{row['id']}.pickle"
    if path.is_file():
        return pickle.loads(path.read_bytes())
    article = next(iter(read_blob(f"{row['id']}.txt", text_dump(row).encode("utf-8"))))
    if not hasattr(article, "body"):
        return None
    run_until(article, "quotes")
    path.write_bytes(pickle.dumps(article))
    return article


def line_of(starts: list[int], offset: int) -> int:
    return max((s for s in starts if s <= offset), default=starts[0])


def score_article(row: dict, labels: list[dict], cache: Path) -> tuple[set[Key], dict[Key, str], dict[Key, str]]:
    """(gold keys, predicted keys -> cue, gold keys -> head word) of one article."""
    raw = row["text"]
    starts = sorted(item["start"] for item in labels)
    gold: dict[Key, str] = {}
    for item in labels:
        for e in item["events"]:
            if e["mode"] == "asserted":
                at = head_start(raw, e["trigger"])
                word = raw[at:e["trigger"][1]].split()[0].strip(",.\"“”").lower() if raw[at:e["trigger"][1]].split() else ""
                gold.setdefault((row["id"], item["start"], e["type"]), word)
    article = prepared(row, cache)
    predicted: dict[Key, str] = {}
    if article is None:
        return set(gold), predicted, gold
    extract_events(article)
    body = article.body
    spans = _unglued(body, list(article.sentences))
    raw_spans = dict(zip(spans, align(raw, [body[s:e] for s, e in spans]), strict=True))
    for event in article.events:
        if event.negated or event.intent:
            continue
        where = raw_spans.get((event.start, event.end))
        if where is None or where[0] < starts[0] - 1 or where[0] > max(item["end"] for item in labels):
            continue
        predicted.setdefault((row["id"], line_of(starts, where[0] + 1), event.type), (event.cue or "").lower())
    return set(gold), predicted, gold


def pattern_of(cue: str) -> str:
    """The lexicon pattern a cue's text matches (the longest), '' for none."""
    found = find_cues(cue, tokenize(cue))
    return " ".join(found[0].action.pattern) if found else ""


def prf(gold: set[Key], found: set[Key]) -> str:
    tp = len(gold & found)
    p, r = tp / len(found) if found else 0.0, tp / len(gold) if gold else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f} (gold {len(gold)}, found {len(found)})"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument("--false", type=int, default=0)
    parser.add_argument("--models", choices=("on", "off"), default="on")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/warta-events-labels"))
    parser.add_argument("--by-type", action="store_true")
    parser.add_argument("--patterns", nargs="*", help="lexicon patterns (as in actions.tsv) to report hits and "
                        "false events of, each counted under the pattern its cue matches")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    by_article, _ = read_labels([str(ROOT / DEFAULT_LABELS)])
    trained_on = set((model.models() or model.Models(None, None, frozenset(), {}, 1.0)).manifest.get("labels", {}))
    articles = rows()
    gold: dict[str, set[Key]] = {"trained": set(), "unseen": set()}
    found: dict[str, set[Key]] = {"trained": set(), "unseen": set()}
    heads: dict[Key, str] = {}
    cues: dict[Key, str] = {}
    with model.enabled(args.models == "on"):
        for art_id, labels in sorted(by_article.items()):
            if art_id not in articles:
                continue
            part = "trained" if f"{labels[0]['annotator']}.jsonl" in trained_on else "unseen"
            g, p, h = score_article(articles[art_id], labels, args.cache)
            gold[part] |= g
            found[part] |= set(p)
            heads.update(h)
            cues.update(p)
    all_gold, all_found = gold["trained"] | gold["unseen"], found["trained"] | found["unseen"]
    for part in ("trained", "unseen"):
        print(f"  {part:8} {prf(gold[part], found[part])}")
    if args.by_type:
        for type_ in sorted({k[2] for k in all_gold}, key=lambda t: -sum(1 for k in all_gold if k[2] == t)):
            g = {k for k in all_gold if k[2] == type_}
            print(f"    {type_:10} {prf(g, {k for k in all_found if k[2] == type_})}")
    if args.misses:
        missed = Counter(f"{k[2]} {heads[k]}" for k in all_gold - all_found)
        print("missed (type head word):", ", ".join(f"{w} {n}" for w, n in missed.most_common(args.misses)))
    if args.false:
        false = Counter(f"{k[2]} {cues[k]}" for k in all_found - all_gold)
        print("false (type cue):", ", ".join(f"{w} {n}" for w, n in false.most_common(args.false)))
    if args.patterns:
        for pattern in args.patterns:
            mine = {k for k, cue in cues.items() if pattern_of(cue) == pattern}
            print(f"  {pattern!r}: right {len(mine & all_gold)}, wrong {len(mine - all_gold)}")
    print(f"labels (sentence, type), asserted: {prf(all_gold, all_found)}")


if __name__ == "__main__":
    main(sys.argv[1:])
