"""Benchmark the full `warta analyze` pipeline against a tokenise-only floor.

    python benchmarks/bench_pipeline.py [--jobs 2] [--json out.json]          # real news: news-dev-2025, all 4,423
    python benchmarks/bench_pipeline.py --sizes 300 1000                       # its first 300, then first 1,000
    python benchmarks/bench_pipeline.py --corpus demo --sizes 1000 10000 [100000]
    python benchmarks/bench_pipeline.py --corpus synthetic --sizes 10000 100000   # memory at 100k (no real 100k)

The default corpus is real scraped news (`--corpus real`): the distinct articles of ../shared/data/news-dev-2025
(outside the repository) as text dumps (title, date line, author line, body as scraped), the way people feed Warta
scraped pages. The others overstate speed: the demo corpus (`--corpus demo`: its ~37 written articles copied N times,
each copy made distinct by a changed number) keeps every per-word cache hot; the synthetic stream (`--corpus
synthetic`: scripts/synth_stream.py's stories, laid out as scraped pages) is template wording.

For each size N it writes the articles to a temporary JSONL file, then measures in a fresh subprocess:
- `analyze`: articles/s and words/s of the whole pipeline into a fresh SQLite file (wall clock: on a shared machine
  it depends on the other jobs), peak RSS (incl. worker processes), CPU ms per article of the parent and the
  workers, and CPU ms per article of each stage (the figures to compare before/after on a loaded machine);
- `floor`: the same texts through spaCy's Indonesian tokenizer only, and through the memoised tokenizer the
  pipeline uses (`warta.nlp.tokens`), in one process.
Results print as a table; docs/performance.md records them with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


REAL = HERE.parent.parent / "shared" / "data" / "news-dev-2025" / "articles.jsonl"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").replace("\x00", "").split())


def real_texts(n: int | None = None) -> list[str]:
    """The first `n` (default: all 4,423) distinct articles of news-dev-2025 (real scraped news, ../shared, not in the
    repository) as text dumps, laid out as ../shared/tools/devscore_meta.py writes them: the title, the date line as
    scraped (with the separate time column when there is one), the author line as scraped, then the body as scraped,
    one paragraph per scraped line."""
    if not REAL.exists():
        raise SystemExit(f"{REAL} is not here: the real corpus lives outside the repository (use --corpus demo)")
    texts: list[str] = []
    with REAL.open(encoding="utf-8") as fh:
        for line in fh:
            if n is not None and len(texts) >= n:
                break
            row = json.loads(line)
            body = "\n\n".join(p.strip() for p in row["text"].split("\n") if p.strip())
            date = row.get("date") or ""
            if row.get("time") and row["time"] not in date:
                date += " " + row["time"]
            parts = [(row.get("title") or "").strip(), _one_line(date), _one_line(row.get("author")), body]
            texts.append("\n\n".join(p for p in parts if p) + "\n")
    return texts


def make_real_corpus(n: int | None, out: Path) -> int:
    """Write `real_texts(n)` as JSONL (id + text); returns how many (the corpus has 4,423 articles)."""
    texts = real_texts(n)
    with out.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"real-{i:05d}", "text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def make_corpus(n: int, out: Path) -> None:
    from warta.demo import corpus_dir

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.txt"))]
    if not texts:
        raise SystemExit("demo corpus is empty")
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            base = texts[i % len(texts)]
            # a different number in the body makes every copy a distinct input (different sha256)
            text = base.replace("2023", str(2023 - (i % 3)), 1) + f"\n\n(Arsip {i})\n"
            fh.write(json.dumps({"id": f"bench-{i:06d}", "text": text}, ensure_ascii=False) + "\n")


_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"]


def make_synthetic_corpus(n: int, out: Path, seed: int = 7) -> None:
    """N raw texts from scripts/synth_stream.py's generator: thousands of distinct stories (people, places, dates,
    outlets, reworded leads and details), so far less text repeats than in the demo corpus. Each text is laid out as
    a scraped page: title, date line, then the body with its outlet's dateline."""
    from datetime import datetime

    sys.path.insert(0, str(HERE.parent / "scripts"))
    from synth_stream import generate

    with out.open("w", encoding="utf-8") as fh:
        for article in generate(n, seed=seed).articles:
            when = datetime.fromisoformat(article.published or "2023-01-02T09:00:00+07:00")
            stamp = f"{_DAYS[when.weekday()]}, {when.day} {_MONTHS[when.month - 1]} {when.year} {when:%H:%M} WIB"
            text = f"{article.title}\n\n{stamp}\n\n{article.body}\n"
            fh.write(json.dumps({"id": article.id, "text": text}, ensure_ascii=False) + "\n")


def _own_peak_rss_mb() -> float:
    """This process's own peak RSS in MB: VmHWM of /proc/self/status on Linux.

    Not `ru_maxrss`: Linux carries a process's high-water mark across exec, so a child started by `subprocess` reports
    at least what the process that started it held. The benchmark's main process holds the corpus it generated (the
    synthetic stream keeps every article: 245 MB at 10k, 543 MB at 30k, ~1.6 GB at 100k), and that figure was
    reported as `analyze`'s parent (docs/performance.md, issue 22). Elsewhere `ru_maxrss` is all there is.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_analyze(corpus: str, db: str, jobs: int) -> dict:
    from warta.pipeline import BATCH, analyze
    from warta.store import Store

    with Store(db) as store:
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        report = analyze([corpus], store, jobs=jobs, progress=False)
        secs = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker processes, once the pool has closed
    self_rss = _own_peak_rss_mb()
    # The workers are forked (no exec): their ru_maxrss is their own, the parent's pages they map at fork included
    kids_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total_stage = sum(report.stage_seconds.values()) or 1.0
    with open(corpus, encoding="utf-8") as fh:
        words = sum(len(json.loads(line)["text"].split()) for line in fh)
    startup = report.first_stored_seconds or 0.0
    return {
        "articles": report.stored, "skipped": len(report.skipped), "seconds": round(secs, 2),
        "articles_per_s": round(report.stored / secs, 1), "words_per_s": round(words / secs),
        "words_per_article": round(words / max(report.stored, 1)),
        # The first article is stored when the first batch is done: start-up (imports, each worker loading the
        # models) plus that batch. The rate over the rest of the run is what a long run sees.
        "first_batch_s": round(startup, 2),
        "articles_per_s_after_first_batch": round(
            (report.stored - min(BATCH, report.stored)) / max(secs - startup, 1e-9), 1),
        # ru_maxrss of children is the largest single worker; the run's total is at most parent + jobs x worker
        # (pages a worker shares with the parent since the fork count in both)
        "peak_rss_mb_parent": round(self_rss, 1), "peak_rss_mb_worker": round(kids_rss, 1),
        "peak_rss_mb": round(self_rss + (kids_rss * jobs if jobs > 1 else 0), 1),
        "stage_share": {k: round(v / total_stage, 3) for k, v in sorted(report.stage_seconds.items())},
        # CPU time of each stage in the process that ran it (the workers), per stored article
        "stage_cpu_ms_per_article": {k: round(1000 * v / max(report.stored, 1), 2) for k, v in report.stage_seconds.items()},
        # CPU per article: the parent reads the input and writes the store; the workers analyse (incl. start-up)
        "cpu_ms_per_article_parent": round(
            1000 * (cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime) / max(report.stored, 1), 2),
        "cpu_ms_per_article_workers": round(1000 * (kids.ru_utime + kids.ru_stime) / max(report.stored, 1), 2),
    }


def _child_floor(corpus: str) -> dict:
    import spacy

    nlp = spacy.blank("id")
    with open(corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=256))
    secs = time.perf_counter() - t0
    # The tokenising the pipeline itself does: spaCy's tokens memoised per whitespace chunk (warta.nlp.tokens). spaCy's
    # own cache stops filling for a document once a chunk matches a special case, so the plain floor above depends
    # on how early a text hits one of Indonesian's 16,000 special cases (the demo texts do early, and tokenise ~5x
    # slower per token than the synthetic ones).
    from warta.nlp.tagger import chunk_tokenizer

    tokenize = chunk_tokenizer()
    t0 = time.perf_counter()
    memo_tokens = sum(len(tokenize(text)[0]) for text in texts)
    memo_secs = time.perf_counter() - t0
    return {"articles": len(texts), "tokens": tokens, "seconds": round(secs, 2), "articles_per_s": round(len(texts) / secs, 1),
            "memoised_tokens": memo_tokens, "memoised_seconds": round(memo_secs, 2),
            "memoised_articles_per_s": round(len(texts) / memo_secs, 1)}


def run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+",
                    help="articles per run (default: all 4,423 of the real corpus; 1,000 of the others)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", help="write results here")
    ap.add_argument("--corpus", choices=["real", "demo", "synthetic"], default="real",
                    help="real: news-dev-2025 as text dumps; demo: the demo corpus repeated; synthetic: "
                         "scripts/synth_stream.py's stories as raw text")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        kind, *rest = a.child
        result = _child_analyze(rest[0], rest[1], int(rest[2])) if kind == "analyze" else _child_floor(rest[0])
        print(json.dumps(result))
        return 0
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
               "system": platform.platform()}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes or ([len(real_texts())] if a.corpus == "real" else [1000]):
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            if a.corpus == "real":
                n = make_real_corpus(n, corpus)  # noqa: PLW2901 - the corpus may hold fewer than asked
            else:
                (make_synthetic_corpus if a.corpus == "synthetic" else make_corpus)(n, corpus)
            floor = run_child("floor", str(corpus))
            full = run_child("analyze", str(corpus), str(Path(tmp) / f"bench-{n}.db"), str(a.jobs))
            row = {"n": n, "corpus": a.corpus, "jobs": a.jobs, "analyze": full, "floor": floor,
                   "ratio_to_floor": round(floor["articles_per_s"] / max(full["articles_per_s"], 1e-9), 1),
                   "ratio_to_memoised_floor": round(floor["memoised_articles_per_s"] / max(full["articles_per_s"], 1e-9), 1)}
            results.append(row)
            print(f"{a.corpus} n={n:>7} jobs={a.jobs} analyze {full['articles_per_s']:>8.1f} art/s"
                  f" ({full['articles_per_s_after_first_batch']:.1f} after the first batch, {full['first_batch_s']:.1f} s)"
                  f"  {full['words_per_s']} words/s ({full['words_per_article']} words/article)"
                  f"  peak RSS {full['peak_rss_mb']:>7.1f} MB  CPU ms/article parent {full['cpu_ms_per_article_parent']}"
                  f" workers {full['cpu_ms_per_article_workers']}"
                  f"  floor {floor['articles_per_s']:>9.1f} art/s  x{row['ratio_to_floor']} slower"
                  f" (memoised floor {floor['memoised_articles_per_s']:.1f} art/s, x{row['ratio_to_memoised_floor']})"
                  f"  tokens/article {floor['tokens'] / max(floor['articles'], 1):.0f}"
                  f"  stage CPU ms/article {full['stage_cpu_ms_per_article']}", flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps({"machine": machine, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
