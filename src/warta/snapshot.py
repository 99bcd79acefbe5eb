"""The golden-output snapshot: the records warta makes of a fixed set of articles, to tell when a change alters them.

The articles come in parts, each read in place (nothing is copied into the repository):

- `seeds`: the five seed articles (`shared/seeds`);
- `demo`: the bundled demo corpus (`warta.demo.corpus_dir()`), the only part that is always there;
- `news-scrapy-2020`: the first 50 rows of each CSV of `shared/data/news-scrapy-2020`;
- `news-dev-2025`: 150 articles of `shared/data/news-dev-2025/articles.jsonl`, spread over its outlets (round robin
  over the outlets, each outlet's articles in id order, so the sample depends on the ids alone);
- `news-html-dev`: the saved pages of `shared/data/news-html-dev/html`.

`shared` is the folder beside the checkout (`../shared`); a part whose data is not there is left out.

The golden file, `tests/data/snapshot.golden.jsonl`, has one line per record: its part, its id and, for the parts read
from `shared` (real articles, whose text must not enter the repository), a digest of each top-level field (sha256 of
the field's canonical JSON), so a difference names the record and the fields; demo records (fictional, in the
repository) are stored whole. `tests/test_snapshot.py` compares the working tree with it;
`python scripts/snapshot.py --update` rewrites it after an intended change.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.demo import corpus_dir
from warta.pipeline import CHUNK, process_many, try_process
from warta.read import Skip, read_blob, read_paths
from warta.record import Article

CHECKOUT = Path(__file__).resolve().parents[2]  # the repository root, in a source checkout
SHARED = CHECKOUT.parent / "shared"
GOLDEN = CHECKOUT / "tests" / "data" / "snapshot.golden.jsonl"
PARTS = ("seeds", "demo", "news-scrapy-2020", "news-dev-2025", "news-html-dev")
GOLDEN_PARTS = ("seeds", "demo", "news-dev-2025", "news-html-dev")  # what the test compares (news-scrapy-2020: time)
WHOLE_RECORD_PARTS = frozenset({"demo"})  # fictional text kept in the repository: stored whole in the golden file
ROWS_PER_CSV = 50
DEV_SAMPLE = 150
DIGEST_CHARS = 16  # 64 bits of sha256: no two field values of a record collide by chance


@dataclass
class Item:
    """One article of a part: `name` keys its record; `article` is None where reading skipped it (`unread` says why)."""

    part: str
    name: str
    article: Article | None
    unread: str | None = None


def _from_reader(part: str, found: Iterable[Article | Skip]) -> list[Item]:
    return [
        Item(part, _skip_name(item), None, item.reason) if isinstance(item, Skip) else Item(part, item.id, item)
        for item in found
    ]


def _skip_name(skip: Skip) -> str:
    name = Path(skip.path).name
    return f"{name}:{skip.record}" if skip.record is not None else name


def _seeds(shared: Path) -> list[Item] | None:
    folder = shared / "seeds"
    return (
        _from_reader("seeds", read_paths([str(p) for p in sorted(folder.glob("*.txt"))])) if folder.is_dir() else None
    )


def _demo(shared: Path) -> list[Item]:
    return _from_reader("demo", read_paths([str(p) for p in sorted(corpus_dir().glob("*.txt"))]))


def _news_scrapy_2020(shared: Path) -> list[Item] | None:
    folder = shared / "data" / "news-scrapy-2020"
    if not folder.is_dir():
        return None
    csv.field_size_limit(10**8)
    items: list[Item] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                if index >= ROWS_PER_CSV:
                    break
                # the CSV keeps paragraphs joined by ".,": split them back, as a reader of the site would see them
                text = (row.get("judul") or "").strip() + "\n\n" + (row.get("berita") or "").replace(".,", ".\n\n")
                name = f"{path.stem}-{index}.txt"
                item = next(read_blob(name, text.encode()))
                items.append(Item("news-scrapy-2020", name, *_article_or_reason(item)))
    return items


def _article_or_reason(item: Article | Skip) -> tuple[Article | None, str | None]:
    return (None, item.reason) if isinstance(item, Skip) else (item, None)


def _news_dev_2025(shared: Path) -> list[Item] | None:
    path = shared / "data" / "news-dev-2025" / "articles.jsonl"
    if not path.is_file():
        return None
    outlet_of = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            outlet_of[row["id"]] = row["outlet"]
    chosen = set(spread_sample(outlet_of, DEV_SAMPLE))
    read = [item for item in read_paths([str(path)]) if isinstance(item, Skip) or item.id in chosen]
    return sorted(_from_reader("news-dev-2025", read), key=lambda item: item.name)


def spread_sample(outlet_of: dict[str, str], size: int) -> list[str]:
    """`size` ids taken round robin over the outlets (in name order), each outlet's ids in sorted order: every outlet,
    small ones included, is in the sample, and the choice depends on the ids alone."""
    by_outlet: dict[str, list[str]] = {}
    for article_id in sorted(outlet_of):
        by_outlet.setdefault(outlet_of[article_id], []).append(article_id)
    queues = [by_outlet[outlet] for outlet in sorted(by_outlet)]
    chosen: list[str] = []
    for depth in range(max((len(queue) for queue in queues), default=0)):
        chosen += [queue[depth] for queue in queues if depth < len(queue)]
    return chosen[:size]


def _news_html_dev(shared: Path) -> list[Item] | None:
    folder = shared / "data" / "news-html-dev" / "html"
    if not folder.is_dir():
        return None
    return _from_reader("news-html-dev", read_paths([str(p) for p in sorted(folder.glob("*.html"))]))


_READERS: dict[str, Callable[[Path], list[Item] | None]] = {
    "seeds": _seeds,
    "demo": _demo,
    "news-scrapy-2020": _news_scrapy_2020,
    "news-dev-2025": _news_dev_2025,
    "news-html-dev": _news_html_dev,
}


def read_part(part: str, shared: Path = SHARED) -> list[Item] | None:
    """The items of one part, freshly read (an analysis changes its articles); None when its data is not there."""
    return _READERS[part](shared)


def analyse(items: list[Item], *, chunked: bool) -> list[dict[str, Any]]:
    """The record of each item, in order: `process` article by article (as `try_process`), or, `chunked`,
    `process_many` over CHUNK articles at a time, as `warta analyze` runs. A failure is `{"id", "error"}`."""
    articles = [item.article for item in items if item.article is not None]
    if chunked:
        outcomes = [
            result
            for first in range(0, len(articles), CHUNK)
            for result in process_many(articles[first : first + CHUNK])
        ]
    else:
        outcomes = [try_process(article) for article in articles]
    done = iter(outcomes)
    records: list[dict[str, Any]] = []
    for item in items:
        if item.article is None:
            records.append({"id": item.name, "error": f"unread: {item.unread}"})
            continue
        article, reason = next(done)
        records.append(
            stable(json.loads(article.to_json())) if article is not None else {"id": item.name, "error": reason}
        )
    return records


def stable(record: dict[str, Any]) -> dict[str, Any]:
    """The record without what depends on where the checkout is: the source path becomes its file name."""
    source = record.get("source")
    if isinstance(source, dict) and isinstance(source.get("path"), str):
        record["source"] = {**source, "path": Path(source["path"]).name}
    return record


def digest(value: object) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def golden_line(part: str, record: dict[str, Any]) -> dict[str, Any]:
    """What the golden file keeps of a record: whole for demo, else a digest per top-level field."""
    if part in WHOLE_RECORD_PARTS:
        return {"part": part, "id": record.get("id"), "record": record}
    fields = {field: digest(value) for field, value in sorted(record.items()) if field != "id"}
    return {"part": part, "id": record.get("id"), "fields": fields}


def _field_digests(line: dict[str, Any]) -> dict[str, str]:
    if "record" in line:
        return {field: digest(value) for field, value in line["record"].items() if field != "id"}
    return dict(line["fields"])


def _keyed(lines: Iterable[dict[str, Any]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """Lines by (part, id, n): the n-th line of that part with that id (ids repeat only across reading skips)."""
    seen: Counter[tuple[str, str]] = Counter()
    out = {}
    for line in lines:
        key = (line["part"], str(line["id"]))
        out[(*key, seen[key])] = line
        seen[key] += 1
    return out


def golden_differences(golden: list[dict[str, Any]], current: list[dict[str, Any]], parts: Iterable[str]) -> list[str]:
    """One line per record of `parts` that differs between two lists of golden lines: which record, which fields."""
    wanted = set(parts)
    old = _keyed(line for line in golden if line["part"] in wanted)
    new = _keyed(line for line in current if line["part"] in wanted)
    problems = []
    for key in sorted(old.keys() | new.keys()):
        part, record_id, _ = key
        if key not in new:
            problems.append(f"{part} {record_id}: in the golden file, no longer made")
        elif key not in old:
            problems.append(f"{part} {record_id}: made, not in the golden file")
        else:
            before, after = _field_digests(old[key]), _field_digests(new[key])
            changed = sorted(field for field in before.keys() | after.keys() if before.get(field) != after.get(field))
            if changed:
                problems.append(f"{part} {record_id}: {', '.join(changed)}")
    return problems


def read_golden(path: Path = GOLDEN) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_golden(lines: list[dict[str, Any]], path: Path = GOLDEN) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")


def records_of(
    parts: Iterable[str], shared: Path = SHARED, *, chunked: bool = False
) -> tuple[list[str], list[tuple[str, dict[str, Any]]]]:
    """(the parts whose data is there, (part, record) for each of their articles, in order)."""
    present: list[str] = []
    records: list[tuple[str, dict[str, Any]]] = []
    for part in parts:
        items = read_part(part, shared)
        if items is None:
            continue
        present.append(part)
        records += [(part, record) for record in analyse(items, chunked=chunked)]
    return present, records


def _legacy(record: dict[str, Any]) -> dict[str, Any]:
    """A record of an older snapshot in today's form: its source path as a file name, and a failure as its reason
    (older snapshots wrote `repr` of the exception: "SkipArticle('language: en')")."""
    error = record.get("error")
    if isinstance(error, str) and error.startswith("SkipArticle(") and error.endswith(")"):
        record["error"] = error[len("SkipArticle(") + 1 : -2]
    return stable(record)


def compare_files(before: Path, after: Path, ignore: Iterable[str] = ()) -> tuple[list[str], int]:
    """Differences between two snapshot files (records keyed by id and order of appearance): ('DIFF id [fields]' or
    'MISSING id' lines, the number of records compared). A record only in `after` (a part added since) is no
    difference."""

    def load(path: Path) -> dict[tuple[str, int], dict[str, Any]]:
        seen: Counter[str] = Counter()
        out = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            record = _legacy(json.loads(line))
            for field in ignore:
                record.pop(field, None)
            out[(str(record.get("id")), seen[str(record.get("id"))])] = record
            seen[str(record.get("id"))] += 1
        return out

    old, new = load(before), load(after)
    lines = []
    for key, record in old.items():
        if key not in new:
            lines.append(f"MISSING {key[0]}")
        elif record != new[key]:
            changed = sorted(k for k in record.keys() | new[key].keys() if record.get(k) != new[key].get(k))
            lines.append(f"DIFF {key[0]} {changed}")
    return lines, len(old)
