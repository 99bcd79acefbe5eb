"""How well the events stage finds who acts and who is acted on, measured on the labelled sentences (issue 17).

    PY scripts/events_roles_on_labels.py [--labels GLOB]... [--errors N] [--save FILE]

Each labelled article of `training/events/*.jsonl` is run through Warta's stages up to `events` (as the dev scorer's
text dump); its sentences are mapped to the labels' raw offsets (`annotate_events.align`). Per sentence, warta's
asserted events (not negated, not intent) are matched one-to-one to the labelled asserted events:

- type+actor: same type and the source names the labelled actor;
- type+actor+target: the target too (none matches none); CONSULT, AGREE and COOPERATE are unordered pairs.

A name matches when, normalised, one of warta's forms (the actor's name, its entity id's slug, the article's
surface forms of that entity) and one of the label's forms (its canonical name, the text of its span) are equal or
one's words hold the other's (a word of four letters or more among them), or both are the same state (gazetteer); a
generic `police` label accepts any police body (the annotator named none), and a named crowd ("Los Angeles
protesters") the generic role `Demonstran`, as the dev gold lists that role in every crowd's alts.
The figures are a proxy beside the dev gold's (restatements in several sentences count once per sentence here).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_events import align, rows, text_dump  # noqa: E402  (a sibling script: one version of each)

from warta.events.actors import gazetteer  # noqa: E402
from warta.events.extract import SYMMETRIC, _unglued  # noqa: E402
from warta.pipeline import run_until  # noqa: E402
from warta.read import read_blob  # noqa: E402
from warta.record import Actor, Article  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = str(ROOT / "training" / "events" / "*.jsonl")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _state(form: str) -> str | None:
    entry = gazetteer().get(form)
    return entry.country if entry is not None and entry.kind in ("country", "capital") else None


def predicted_forms(actor: Actor, surfaces: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """(normalised names, states) of a predicted actor."""
    raw = {actor.name or ""} | surfaces.get(actor.entity_id or "", set())
    if actor.entity_id:
        raw.add(actor.entity_id.rsplit(":", 1)[-1].replace("-", " "))
    states = {actor.entity_id.split(":", 1)[1].upper()} if (actor.entity_id or "").startswith("country:") else set()
    states |= {s for s in map(_state, raw) if s}
    return {n for n in map(norm, raw) if n}, states


def gold_forms(name: str | None, span: str | None) -> tuple[set[str], set[str]]:
    raw = {name or "", span or ""}
    return {n for n in map(norm, raw) if n}, {s for s in map(_state, raw) if s}


_POLICE = re.compile(r"^(?:polisi|kepolisian|pol(?:res|resta|restabes|da|sek|ri)\b)")


def names_match(pred: tuple[set[str], set[str]], gold: tuple[set[str], set[str]]) -> bool:
    if pred[1] & gold[1]:
        return True
    if gold[0] & {"police", "polisi"} and any(_POLICE.match(p) for p in pred[0]):
        return True  # a generic label: the annotator named no body, so any police body is it
    if "demonstran" in pred[0] and any("protesters" in g.split() for g in gold[0]):
        return True  # the generic crowd role, listed in the alts of every named crowd (EVENTS.md)
    for p in pred[0]:
        pt = set(p.split())
        for g in gold[0]:
            gt = set(g.split())
            if p == g or ((pt <= gt or gt <= pt) and any(len(t) >= 4 for t in pt & gt)):
                return True
    return False


def _empty(actor: Actor) -> bool:
    return not (actor.entity_id or actor.name)


def role_ok(actor: Actor, gold: tuple[set[str], set[str]] | None, surfaces: dict[str, set[str]]) -> bool:
    if gold is None:
        return _empty(actor)
    return not _empty(actor) and names_match(predicted_forms(actor, surfaces), gold)


def pair_ok(event, gold: dict, surfaces: dict[str, set[str]], with_target: bool) -> bool:  # noqa: ANN001
    if event.type != gold["type"]:
        return False
    actor, target = gold["actor_forms"], gold["target_forms"]
    forward = role_ok(event.source, actor, surfaces) and (not with_target or role_ok(event.target, target, surfaces))
    if forward or gold["type"] not in SYMMETRIC:
        return forward
    return role_ok(event.source, target, surfaces) and (not with_target or role_ok(event.target, actor, surfaces))


def greedy(golds: list[dict], events: list, ok) -> list[tuple[dict, object]]:  # noqa: ANN001
    pairs, free = [], list(events)
    for gold in golds:
        hit = next((e for e in free if ok(e, gold)), None)
        if hit is not None:
            pairs.append((gold, hit))
            free.remove(hit)
    return pairs


def article_sentences(row: dict, labels: list[dict]) -> list[tuple[str, list[dict], list]]:
    """(sentence text, labelled asserted events, warta's asserted events) per aligned sentence."""
    article = next(iter(read_blob(f"{row['id']}.txt", text_dump(row).encode("utf-8"))))
    if not isinstance(article, Article):
        return []
    run_until(article, "events")
    surfaces: dict[str, set[str]] = {}
    for entity in article.entities:
        surfaces.setdefault(entity.id, set()).update(m.text for m in entity.mentions)
    body, raw = article.body or "", row["text"]
    spans = _unglued(body, list(article.sentences))
    where = dict(zip(spans, align(raw, [body[s:e] for s, e in spans]), strict=True))
    label_starts = sorted(item["start"] for item in labels)
    by_line: dict[int, list[dict]] = {}
    for item in labels:
        for e in item["events"]:
            if e["mode"] != "asserted":
                continue
            gold = dict(e, actor_forms=gold_forms(e["actor_name"], raw[slice(*e["actor"])] if e["actor"] else None)
                        if e["actor"] or e["actor_name"] else None)
            gold["target_forms"] = (gold_forms(e["target_name"], raw[slice(*e["target"])] if e["target"] else None)
                                    if e["target"] or e["target_name"] else None)
            by_line.setdefault(item["start"], []).append(gold)
    predicted: dict[int, list] = {}
    for event in article.events:
        span = where.get((event.start, event.end))
        if span is None or event.negated or event.intent:
            continue
        line = max((s for s in label_starts if s <= span[0]), default=None)
        if line is not None:
            predicted.setdefault(line, []).append(event)
    out = []
    for line in sorted(set(by_line) | set(predicted)):
        events = predicted.get(line, [])
        out.append((raw[line:line + 400], by_line.get(line, []), events, surfaces))
    return out


def date_ok(predicted: str | None, gold: str) -> bool:
    """The predicted date at the label's precision (a label's '2025-06' accepts any day of June 2025)."""
    return bool(predicted) and predicted[:len(gold)] == gold and len(predicted) >= len(gold)


def f1(tp: int, npred: int, ngold: int) -> str:
    p, r = tp / max(1, npred), tp / max(1, ngold)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}"


def describe(actor: Actor) -> str:
    return f"{actor.name}[{actor.entity_id}]" if not _empty(actor) else "None"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", action="append", default=None)
    parser.add_argument("--errors", type=int, default=0, help="print up to N role errors")
    parser.add_argument("--date-errors", type=int, default=0, help="print up to N dates that differ from the label's")
    args = parser.parse_args(argv)
    import glob

    labels: dict[str, list[dict]] = {}
    for pattern in args.labels or [DEFAULT_LABELS]:
        for path in sorted(glob.glob(pattern)):
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    labels.setdefault(item["article"], []).append(item)
    table = rows()
    ngold = npred = tp_actor = tp_target = dated = dated_right = 0
    errors: list[str] = []
    for art_id, items in sorted(labels.items()):
        for text, golds, events, surfaces in article_sentences(table[art_id], items):
            ngold += len(golds)
            npred += len(events)
            actor_pairs = greedy(golds, events, lambda e, g, s=surfaces: pair_ok(e, g, s, False))
            full_pairs = greedy(golds, events, lambda e, g, s=surfaces: pair_ok(e, g, s, True))
            tp_actor += len(actor_pairs)
            tp_target += len(full_pairs)
            for gold, event in actor_pairs:
                if gold.get("date"):
                    dated += 1
                    right = date_ok(event.date, gold["date"])
                    dated_right += right
                    if not right and len(errors) < args.date_errors:
                        errors.append(f"{art_id} DATE {gold['type']} {gold['actor_name']}: warta {event.date} "
                                      f"({event.date_text!r}), label {gold['date']} «{' '.join(text.split())[:300]}»")
            if len(errors) < args.errors and len(full_pairs) < max(len(golds), len(events)):
                gold_text = "; ".join(f"{g['type']} {g['actor_name']} -> {g['target_name']}" for g in golds)
                pred_text = "; ".join(f"{e.type} {describe(e.source)} -> {describe(e.target)}" for e in events)
                errors.append(f"{art_id} «{' '.join(text.split())[:220]}»\n   gold: {gold_text}\n   warta: {pred_text}")
    for error in errors:
        print(error)
    print(f"labelled sentences: gold {ngold} asserted events, warta {npred}")
    print(f"date accuracy on labels: {dated_right / max(1, dated):.3f} over {dated} type+actor matches with a date")
    print(f"roles on labels: type+actor {f1(tp_actor, npred, ngold)}; type+actor+target {f1(tp_target, npred, ngold)}")


if __name__ == "__main__":
    main(sys.argv[1:])
