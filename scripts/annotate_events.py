"""Label real sentences of news-dev-2025 with PLOVER events (issue 17): the labels are offsets, never text.

The labels live in `training/events/*.jsonl`, one line per body sentence of a fully annotated article:

    {"article": ID, "start": S, "end": E, "annotator": NAME,
     "events": [{"type": "ACCUSE", "mode": "asserted", "trigger": [s, e], "actor": [s, e] | null,
                 "actor_name": "Kejaksaan Agung" | null, "target": [s, e] | null, "target_name": ... | null,
                 "date": "2025-06-10" | "2025-06" | null}]}

Offsets are character offsets into the article's raw `text` field of `../shared/data/news-dev-2025/articles.jsonl`
(stable across cleaner versions); a sentence with no event has `"events": []`. Every sentence of an annotated article
is listed, so sentences without events are true negatives. `mode` says whether the article reports the act as done
(`asserted`, the only mode EVENTS.md codes) or not: `negated`, `planned` (future, plans, promises to act later are
AGREE only when the promise itself is the act), `hypothetical` (conditions, possibilities, questions).

Commands (PY = an interpreter that imports warta):
    PY scripts/annotate_events.py pool NAME        candidate articles for annotator NAME (dev-gold articles excluded)
    PY scripts/annotate_events.py show ID          an article's body sentences, numbered, with raw offsets
    PY scripts/annotate_events.py add WORK NAME [--replace]
                                                   turn a work file (text snippets, kept outside the repo) into
                                                   offset labels appended to training/events/NAME.jsonl; an
                                                   article already labelled there is left as it is, or, with
                                                   --replace, labelled anew (its old lines dropped)
    PY scripts/annotate_events.py stats            counts by type, mode and annotator

A work file is JSONL, one line per article, written by the annotator from `show`'s numbering:
    {"article": ID, "events": [{"s": 3, "type": "ACCUSE", "mode": "asserted", "trigger": "mengecam",
                                "actor": "Sugiono", "actor_name": "Sugiono", "target": "Israel",
                                "target_name": "Israel", "date": "2025-06-10"}]}
`trigger`, `actor` and `target` are verbatim snippets, found as whole words where they can be (a short one, four
characters or less such as "AS" or "RI", only so: never inside "pASar"): the trigger is searched in sentence `s`; actor and target in
sentence `s` first, then the sentences before it (passive agents, a spokesperson named earlier), then the rest of the
body text. A snippet that cannot be found, an unknown type or mode, or a sentence number out of range stops
`add` with the line at fault, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from warta.pipeline import run_until
from warta.read import read_blob

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = SHARED / "data" / "news-dev-2025" / "articles.jsonl"
LABELS = ROOT / "training" / "events"
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = ("asserted", "negated", "planned", "hypothetical")
POOLS = ("annot1", "annot2", "annot3", "evmodel")
# The second round draws from every article not labelled yet (the first round's pools included), three ways.
SECOND_POOLS = ("annot4", "annot5", "annot6")
# Words that make an article likely to hold political, legal or security events, so annotation time goes to the
# types the dev gold is short of (ACCUSE, COERCE, SANCTION, MOBILIZE, PROTEST) rather than to film and football news.
EVENT_WORDS = re.compile(
    r"\b(tersangka|ditahan|ditangkap|diperiksa|memeriksa|menahan|vonis|divonis|dituntut|sanksi|tarif|demo|"
    r"unjuk rasa|mengecam|kecam|menuduh|serangan|menyerang|tentara|pasukan|rudal|polisi|jaksa|KPK|Kejagung|"
    r"pengadilan|menteri|presiden|perdana menteri|DPR|gubernur|protes|mogok|mengancam|ancaman|bantuan|"
    r"kerja sama|perjanjian|kesepakatan|bertemu|pertemuan|menolak|membantah|mendesak|meminta|menyerukan)\b",
    re.IGNORECASE,
)


def dev_gold_ids() -> set[str]:
    ids: set[str] = set()
    for path in (SHARED / "dev-gold").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("articles", []):
            ids.add(item["id"] if isinstance(item, dict) else str(item))
        for story in data.get("stories", []) or []:
            ids.update(story.get("articles", []))
        ids.update(data.get("left_out", []) or [])
    return ids


def rows() -> dict[str, dict]:
    with ARTICLES.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def text_dump(row: dict) -> str:
    """The article as the dev scorers write it: title, date line, body paragraphs."""
    body = "\n\n".join(p.strip() for p in row["text"].split("\n") if p.strip())
    return f"{row['title'].strip()}\n\n{(row['date'] or '').strip(' ,')}\n\n{body}\n"


SHORT_SNIPPET = 4  # a snippet this short ("AS", "RI", "PBB") matches whole words only


def flexible(snippet: str, whole_words: bool = False) -> re.Pattern[str]:
    """A pattern for a snippet that tolerates any whitespace (or none) between its words, as scraped text glues
    link words ("olehIsraeldi") and breaks lines inside phrases; with `whole_words`, not inside a longer word."""
    words = snippet.split()
    pattern = r"\s*".join(re.escape(w) for w in words)
    if whole_words:
        pattern = (r"(?<!\w)" if words and words[0][:1].isalnum() else "") + pattern
        pattern += r"(?!\w)" if words and words[-1][-1:].isalnum() else ""
    return re.compile(pattern)


def body_sentences(row: dict) -> list[tuple[int, int]]:
    """Warta's body sentences of the article, mapped back to offsets in the raw `text`."""
    article = next(iter(read_blob(f"{row['id']}.txt", text_dump(row).encode("utf-8"))))
    if not hasattr(article, "body"):
        raise SystemExit(f"{row['id']}: warta skips this article ({article})")
    run_until(article, "sentences")
    found = align(row["text"], [article.body[start:end] for start, end in article.sentences])
    return [span for span in found if span is not None]


def align(raw: str, sentences: list[str]) -> list[tuple[int, int] | None]:
    """Each sentence's span in the raw text, found in order (None for a blank one or one that cannot be found)."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for sentence in sentences:
        if not sentence.split():
            spans.append(None)
            continue
        found = flexible(sentence).search(raw, cursor)
        if found is None:  # the cleaner rewrote it (glued words split): anchor on its first and last words
            head, tail = flexible(" ".join(sentence.split()[:3])), flexible(" ".join(sentence.split()[-2:]))
            first = head.search(raw, cursor)
            if first is None:
                spans.append(None)
                continue
            last = tail.search(raw, first.end())
            found_span = (first.start(), last.end() if last else first.end())
        else:
            found_span = found.span()
        spans.append(found_span)
        cursor = found_span[1]
    return spans


def labelled_ids() -> set[str]:
    return {json.loads(line)["article"] for path in LABELS.rglob("*.jsonl") for line in path.open(encoding="utf-8")}


def cmd_pool(name: str) -> None:
    pools = SECOND_POOLS if name in SECOND_POOLS else POOLS
    excluded, index, found = dev_gold_ids(), pools.index(name), []
    if pools is SECOND_POOLS:
        excluded |= labelled_ids()
    for art_id, row in rows().items():
        if art_id in excluded or int(hashlib.sha1(art_id.encode()).hexdigest(), 16) % len(pools) != index:
            continue
        hits = len(EVENT_WORDS.findall(row["text"]))
        if hits >= 4 and 600 <= len(row["text"]) <= 6000:
            found.append((hits, art_id, row))
    for hits, art_id, row in sorted(found, key=lambda item: -item[0]):
        print(f"{art_id}\t{row['outlet']}\t{hits}\t{len(row['text'])}\t{row['title'].strip()[:90]}")


def cmd_show(art_id: str) -> None:
    row = rows()[art_id]
    print(f"# {art_id} {row['outlet']} published {row['published']}\n# title: {row['title'].strip()}")
    for number, (start, end) in enumerate(body_sentences(row)):
        print(f"[{number}] {start}-{end}: {' '.join(row['text'][start:end].split())}")


def locate(raw: str, snippet: str, within: tuple[int, int]) -> tuple[int, int] | None:
    """The snippet as whole words in raw[within]; a longer snippet also glued into the words around it."""
    found = flexible(snippet, whole_words=True).search(raw, within[0], within[1])
    if found is None and len(snippet.strip()) > SHORT_SNIPPET:
        found = flexible(snippet).search(raw, within[0], within[1])
    return found.span() if found else None


def locate_party(raw: str, snippet: str, spans: list[tuple[int, int]], s: int) -> list[int] | None:
    """Find an actor/target snippet in sentence s, else the nearest sentence before it, else anywhere after."""
    # Last, the whole text: the cleaner may have left a lead's first words (a link anchor) out of sentence 0.
    order = [spans[s]] + [spans[i] for i in range(s - 1, -1, -1)] + [(spans[s][1], len(raw)), (0, len(raw))]
    for window in order:
        span = locate(raw, snippet, window)
        if span:
            return list(span)
    return None


def convert_event(raw: str, spans: list[tuple[int, int]], event: dict, where: str) -> dict:
    s = event["s"]
    if not 0 <= s < len(spans):
        raise SystemExit(f"{where}: sentence {s} out of range 0..{len(spans) - 1}")
    if event["type"] not in PLOVER_TYPES or event.get("mode", "asserted") not in MODES:
        raise SystemExit(f"{where}: unknown type {event['type']!r} or mode {event.get('mode')!r}")
    trigger = locate(raw, event["trigger"], spans[s])
    if trigger is None:
        raise SystemExit(f"{where}: trigger {event['trigger']!r} not in sentence {s}")
    out = {"type": event["type"], "mode": event.get("mode", "asserted"), "trigger": list(trigger)}
    for role in ("actor", "target"):
        snippet = event.get(role)
        span = locate_party(raw, snippet, spans, s) if snippet else None
        if snippet and span is None:
            raise SystemExit(f"{where}: {role} {snippet!r} not found in the article")
        out[role], out[f"{role}_name"] = span, event.get(f"{role}_name") or snippet
    out["date"] = event.get("date")
    return out


def cmd_add(work: str, name: str, *options: str) -> None:
    if set(options) - {"--replace"}:
        raise SystemExit(f"unknown option(s) {sorted(set(options) - {'--replace'})}; add WORK NAME [--replace]")
    by_id, lines = rows(), []
    excluded = dev_gold_ids()
    for number, line in enumerate(Path(work).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        art_id = item["article"]
        if art_id in excluded:
            raise SystemExit(f"{work}:{number}: {art_id} is a dev-gold article; annotate other articles")
        raw, spans = by_id[art_id]["text"], body_sentences(by_id[art_id])
        events: dict[int, list[dict]] = {}
        for event in item["events"]:
            events.setdefault(event["s"], []).append(convert_event(raw, spans, event, f"{work}:{number}"))
        for s, (start, end) in enumerate(spans):
            lines.append({"article": art_id, "start": start, "end": end, "annotator": name,
                          "events": events.get(s, [])})
    write_labels(LABELS / f"{name}.jsonl", lines, replace="--replace" in options)


def write_labels(target: Path, lines: list[dict], replace: bool) -> None:
    """Append the new articles' lines to `target`; an article already there is left as it is, or with `replace`
    labelled anew: its old lines are dropped and the new ones appended."""
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    relabelled = {x["article"] for x in lines} if replace else set()
    old = [x for x in kept if json.loads(x)["article"] not in relabelled]
    done = {json.loads(x)["article"] for x in old}
    fresh = [x for x in lines if x["article"] not in done]
    text = "".join(x + "\n" for x in old) + "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in fresh)
    target.write_text(text, encoding="utf-8")
    dropped = len(kept) - len(old)
    print(f"{len(fresh)} sentences added to {target} ({len(lines) - len(fresh)} of already labelled articles left"
          f"{f'; {dropped} old lines of relabelled articles dropped' if replace else ''})")


def cmd_stats() -> None:
    sentences, types, modes, annotators = 0, Counter[str](), Counter[str](), Counter[str]()
    for path in sorted(LABELS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            sentences += 1
            annotators[item["annotator"]] += 1
            for event in item["events"]:
                types[event["type"]] += event["mode"] == "asserted"
                modes[event["mode"]] += 1
    print(f"{sentences} sentences; by annotator {dict(annotators)}")
    print(f"asserted events by type {dict(types.most_common())}")
    print(f"modes {dict(modes)}")


def main(argv: list[str]) -> None:
    commands: dict[str, Callable[..., None]] = {"pool": cmd_pool, "show": cmd_show, "add": cmd_add, "stats": cmd_stats}
    if not argv or argv[0] not in commands:
        raise SystemExit(__doc__)
    commands[argv[0]](*argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
