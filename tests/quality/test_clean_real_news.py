"""Reading, cleaning and sentence splitting on all 4,423 real articles of news-dev-2025, written as the dev scorers
write them (title, the date as scraped, a NUL included, the author line, then each scraped line as a paragraph). Skips when ../shared
is absent. What annotators found reading 130 of them sentence by sentence, measured over all of them:

- skipped: articles not read at all (a date field that ended in a NUL byte made them "binary");
- lead lost: the raw text's first words, after any dateline, are not in the body's first 600 characters (the lead
  was dropped as header, or cut at a link anchor);
- long sentences: articles with a "sentence" over 600 characters (sentences glued without a space, not split);
- repeated: articles whose body says the same run of three sentences twice (a body stored twice);
- tag lines: articles with a paragraph of lowercase tags ("timnas indonesia piala dunia 2026 ...").

The floors are the figures reached, with a little room, so that no later change loses them silently."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from warta.meta.dateline import find_dateline
from warta.pipeline import run_until
from warta.read import read_blob

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT.parent / "shared" / "data" / "news-dev-2025" / "articles.jsonl"
# A dateline the registry may not know: "Suita - ", "TRIBUN-BALI.COM, DENPASAR - " (the measure's own, looser than
# warta's, so that the lead after it is what is looked for).
_ANY_DATELINE = re.compile(r"(?:^|(?<=[a-z ]))[A-Z][A-Za-z.]+(?:[ -][A-Z][A-Za-z.]+){0,3}(?:, [A-Z][\w.-]+)* [-–—]{1,2} "
                           r"(?=[A-Z\"“])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _dump(row: dict) -> str:
    """As devscore_meta.py writes an article (title, date, author line, each scraped line as a paragraph), but the
    date as scraped, with its NUL byte where it has one."""
    body = [line.strip() for line in row["text"].split("\n") if line.strip()]
    parts = [row["title"].strip(), (row["date"] or "").strip(" ,"), " ".join((row["author"] or "").split()), *body]
    return "\n\n".join(part for part in parts if part) + "\n"


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _lead_lost(raw: str, body: str) -> bool:
    raw = " ".join(raw.split())
    dateline, generic = find_dateline(raw[:300]), _ANY_DATELINE.search(raw[:300])
    ends = [end for end in (dateline.end if dateline else None, generic.end() if generic else None) if end]
    if ends:
        raw = raw[min(ends) :].lstrip(" -–—")
    head = _key(" ".join(raw.split()[:6]))[:30]
    return bool(head) and head not in _key(body[:600])


def _repeats_a_run(body: str) -> bool:
    sentences = [_key(s) for s in _SENTENCE_END.split(" ".join(body.split())) if s.count(" ") >= 4]
    runs = Counter(tuple(sentences[i : i + 3]) for i in range(len(sentences) - 2))
    return any(count > 1 for count in runs.values())


def _tag_paragraph(body: str) -> bool:
    return any(p == p.lower() != p.upper() and not p.endswith((".", "!", "?", '"', "”")) and p.count(" ") >= 5
               and not p[:1].isdigit() and p[:1] not in "•-(" for p in body.split("\n\n"))


@pytest.fixture(scope="module")
def measures() -> Counter[str]:
    if not ARTICLES.is_file():
        pytest.skip("../shared is not present (only in the development workplace)")
    counts: Counter[str] = Counter()
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        article = next(iter(read_blob(f"{row['id']}.txt", _dump(row).encode("utf-8"))))
        if not hasattr(article, "body"):
            counts["skipped"] += 1
            continue
        run_until(article, "sentences")
        body = article.body
        counts["articles"] += 1
        counts["lead lost"] += _lead_lost(row["text"], body)
        counts["long sentences"] += any(end - start > 600 for start, end in article.sentences)
        counts["repeated"] += _repeats_a_run(body)
        counts["tag lines"] += _tag_paragraph(body)
    return counts


def test_real_articles_are_read_and_cleaned_whole(measures: Counter[str]) -> None:
    # Before this work (commit 112bf18): skipped 9, lead lost 83, long sentences 93, repeated 27, tag lines 6.
    assert measures["skipped"] == 0  # the brief: a real article with a sentence of news is never skipped
    assert measures["articles"] == 4423
    assert measures["lead lost"] <= 40  # reached 37 (the rest: headers the measure cannot tell, pipes, songs)
    assert measures["long sentences"] <= 12  # reached 10
    assert measures["repeated"] <= 4  # reached 2
    assert measures["tag lines"] <= 2  # reached 1
