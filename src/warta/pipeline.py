"""The per-article pipeline and the `analyze` driver.

`process(article)` runs every per-article stage in order (declared, with what each requires and fills, in
`warta.stages.STAGES`; `run_until(article, stage)` runs one stage after those it requires); `process_many(articles)` gives the same records for a chunk
of articles run stage by stage (cheaper: each stage's tables stay in the CPU's caches), and `warta analyze` (SQLite)
and `warta spark` both call it, so the two paths give identical records. `analyze(paths, store)` reads inputs, runs the pipeline (in worker processes
when there is enough work), and writes whole articles in small transactions.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from warta.errors import SkipArticle
from warta.read import Note, Skip, read_file
from warta.record import Article

if TYPE_CHECKING:
    from warta.stages import BuiltStage, Scratch
    from warta.store import ArticleRows

_NO_TEXT = "no article text left after cleaning"
_PIPELINE: list[BuiltStage] | None = None
_GC_SETTLED = False


def built_stages() -> list[BuiltStage]:
    """The per-article stages of `warta.stages.STAGES`, order checked and functions imported on first use (not on
    import, so that `warta schema` stays instant)."""
    global _PIPELINE
    if _PIPELINE is None:
        from warta.stages import build

        _PIPELINE = build()
    return _PIPELINE


def run_until(article: Article, stage: str, *, given: Iterable[str] | None = None) -> Article:
    """Run `stage` on one article after the stages that fill what it requires (`warta.stages.plan`).

    `given` names what the caller filled already (record fields, Scratch attributes, "raw"); by default what the
    reader fills. For example an article built by hand with a body and entities gets its quotes from
    `run_until(article, "quotes", given=("body", "entities"))`, which runs the sentences stage, then quotes.
    Exceptions (SkipArticle included) propagate, as from the stage functions themselves.
    """
    from warta.stages import READER_FILLS, build, plan

    filled = READER_FILLS if given is None else tuple(given)
    for step in build(plan(stage, filled), filled):
        step.run(article)
    return article


def process(article: Article, timings: Counter[str] | None = None) -> Article:
    """Run every stage on one article. Raises SkipArticle when the article cannot be analysed."""
    for stage in built_stages():
        t0 = time.process_time()
        stage.run(article)
        if timings is not None:
            timings[stage.name] += time.process_time() - t0  # type: ignore[assignment]  # a Counter of CPU seconds
    if not article.body.strip():
        raise SkipArticle(_NO_TEXT)
    return article


def _failure(exc: Exception) -> str:
    if isinstance(exc, SkipArticle):
        return exc.reason
    return f"internal error in analysis: {type(exc).__name__}: {exc}"


def try_process(article: Article, timings: Counter[str] | None = None) -> tuple[Article | None, str | None]:
    """`process`, with a failure turned into a skip reason: (article, None) or (None, reason)."""
    try:
        return process(article, timings), None
    except Exception as exc:  # noqa: BLE001 - one bad article must not end the run; the reason is recorded
        return None, _failure(exc)


def process_many(
    articles: Sequence[Article], timings: Counter[str] | None = None
) -> list[tuple[Article | None, str | None]]:
    """`try_process` for each of `articles`, run stage by stage: every article goes through a stage before the next
    stage starts. The records are the ones `try_process` gives (a stage keeps nothing between articles but caches of
    results that depend on their key alone); it is cheaper, because one stage's tables and models stay in the CPU's
    caches from one article to the next, where running all stages on one article evicted them (docs/performance.md).
    """
    reasons: list[str | None] = [None] * len(articles)
    for stage in built_stages():
        t0 = time.process_time()  # CPU time: on a shared machine wall time also counts the other jobs
        going = [article for article, reason in zip(articles, reasons, strict=True) if reason is None]
        if not _together(stage.run_many, going):
            for index, article in enumerate(articles):
                if reasons[index] is None:
                    try:
                        stage.run(article)
                    except Exception as exc:  # noqa: BLE001 - as in try_process: this article is skipped, not the rest
                        reasons[index] = _failure(exc)
        if timings is not None:
            timings[stage.name] += time.process_time() - t0  # type: ignore[assignment]  # a Counter of CPU seconds
    results: list[tuple[Article | None, str | None]] = []
    for article, reason in zip(articles, reasons, strict=True):
        if reason is None and not article.body.strip():
            reason = _NO_TEXT
        results.append((None, reason) if reason is not None else (article, None))
    return results


def _together(over_many: Callable[[Sequence[Article]], None] | None, articles: list[Article]) -> bool:
    """Run a stage's version for several articles; False when there is none, or it failed (then the caller runs the
    stage article by article, so that only the article that fails is skipped)."""
    if over_many is None or len(articles) < 2:
        return False
    try:
        over_many(articles)
    except Exception:  # noqa: BLE001 - see above: the failure is found again, and recorded, one article at a time
        return False
    return True


Outcome = tuple["ArticleRows | None", str | None]


def _process_chunk(articles: list[Article], timings: Counter[str], *, settle: bool = True) -> list[Outcome]:
    """Analyse articles into the rows the store writes (built here, in the worker, so the writer only inserts).
    `settle`: tune the garbage collector for a long run once the models are loaded (`_settle_gc`)."""
    from warta.store import article_rows

    outcomes = [
        (article_rows(result) if result is not None else None, reason)
        for result, reason in process_many(articles, timings)
    ]
    if settle:
        _settle_gc()
    return outcomes


def _settle_gc() -> None:
    """Tune the garbage collector for a long `analyze` run, once, after the first article loaded the models.

    Done here, in the run's driver, and not in `process`: it changes the whole process, which a library call must
    not do behind its caller's back.
    """
    global _GC_SETTLED
    if _GC_SETTLED:
        return
    _GC_SETTLED = True
    # The models' millions of long-lived objects would otherwise be walked by every full collection.
    gc.collect()
    gc.freeze()
    # An article allocates many short-lived objects; collecting the youngest generation every 10,000 allocations
    # instead of 700 halves the collector's share (~0.4 -> ~0.2 ms/article) for a little memory.
    gc.set_threshold(10_000, 10, 10)


@dataclass
class RunReport:
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stage_seconds: Counter[str] = field(default_factory=Counter)  # CPU seconds per stage, all processes together
    seconds: float = 0.0
    # when the first article was stored: start-up (imports, loading the models in every worker) lies before it
    first_stored_seconds: float | None = None

    @property
    def ok(self) -> bool:
        return self.stored + self.unchanged > 0 or not self.skipped


BATCH = 256  # articles in flight at once: bounds memory whatever the corpus size
# Articles a worker runs stage by stage together (`process_many`): 32 gave most of the gain of 64 or 256 while
# still splitting a batch into 8 tasks for the workers to share.
CHUNK = 32
# Finished articles committed together: one commit per article was half of the writer's time per article. Each
# transaction holds whole articles only, so a crash still never leaves half an article; it loses at most this many
# finished ones, which a re-run analyses again.
COMMIT_GROUP = 64


def _batches(items: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _work(articles: Iterable[Article], jobs: int | None, timings: Counter[str]) -> Iterator[tuple[Article, Outcome]]:
    """(article, outcome) in input order, analysed in this process or, for `jobs` > 1, by a pool of workers.

    `jobs` None: a pool of up to 4 workers when the run holds more than one batch, else this process. Starting a pool
    costs each worker the models (seconds), more than a few articles take to analyse; how many articles a JSONL file
    or an archive holds is only known once read, so the first batch is read before deciding.
    """
    articles = iter(articles)
    if jobs is None:
        first = list(islice(articles, BATCH + 1))
        jobs = min(os.cpu_count() or 1, 4) if len(first) > BATCH else 1
        articles = chain(first, articles)
    if jobs <= 1:
        done = 0
        for chunk in _batches(articles, CHUNK):
            # The collector is settled once the run proves long: its full collection over the loaded models costs
            # more (~0.3 s) than a run of a few articles gains from it.
            done += len(chunk)
            yield from zip(chunk, _process_chunk(chunk, timings, settle=done > BATCH), strict=True)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(jobs, initializer=_worker_init) as pool:
        # One batch is being analysed by the workers while the caller stores the previous one: the parent's reading
        # and writing overlap the workers' analysis instead of leaving them idle.
        in_flight: tuple[list[Article], Any] | None = None
        for batch in _batches(articles):
            # raw text/html and scratch are private attributes, which model_dump drops: send them along explicitly
            payload = [[(a.model_dump(), a.raw_text, a.raw_html, a.scratch) for a in chunk] for chunk in _batches(batch, CHUNK)]
            submitted = (batch, pool.map_async(_process_payload, payload, chunksize=1))
            if in_flight is not None:
                yield from _collect(*in_flight, timings)
            in_flight = submitted
        if in_flight is not None:
            yield from _collect(*in_flight, timings)


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent (which stops the pool: no traceback from every worker) and end when the
    parent dies (kill -9), instead of writing to a pipe nobody reads."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import contextlib
        import ctypes

        pr_set_pdeathsig = 1
        # without prctl the worker still ends, when its result pipe breaks
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _collect(batch: list[Article], pending: Any, timings: Counter[str]) -> Iterator[tuple[Article, Outcome]]:
    outcomes: list[Outcome] = []
    for chunk_outcomes, chunk_timings in pending.get():
        outcomes += chunk_outcomes
        timings.update(chunk_timings)
    yield from zip(batch, outcomes, strict=True)


def _process_payload(payload: list[tuple[dict, str | None, str | None, Scratch]]) -> tuple[list[Outcome], dict[str, float]]:
    articles = []
    for data, raw_text, raw_html, scratch in payload:
        art = Article.model_validate(data)
        art._raw_text, art._raw_html, art._scratch = raw_text, raw_html, scratch
        articles.append(art)
    timings: Counter[str] = Counter()
    return _process_chunk(articles, timings), dict(timings)


def analyze(paths: list[str], store, *, jobs: int | None = None, progress: bool = True,
            on_article: Callable[[Article], None] | None = None) -> RunReport:
    """Analyse every input under `paths` into `store`. Unchanged inputs already stored are not re-analysed.

    Inputs stream through in batches, so memory stays flat however large the corpus; finished articles are committed
    a few at a time (`COMMIT_GROUP`), whole articles only.
    """
    from tqdm import tqdm

    from warta.read import expand_paths

    t0 = time.perf_counter()
    report = RunReport()
    files = expand_paths(paths)  # whole-run errors (missing path, nothing to read) surface before any work
    taken: set[str] = set()  # ids given to new articles in this run (no stored copy to replace)

    def todo() -> Iterator[Article]:
        for item in (item for path in files for item in read_file(path, notes=True)):
            if isinstance(item, Note):
                store.record_note(item.path, item.reason, item.record)
                report.notes.append(item)
                continue
            if isinstance(item, Skip):
                store.record_skip(item.path, item.reason, item.record)
                report.skipped.append(item)
                continue
            previous = store.stored_sha(item)
            if previous and previous[1] == item.source.sha256:
                report.unchanged += 1
                if on_article:
                    stored = store.get_article(previous[0])
                    if stored is not None:
                        on_article(stored)
                continue
            store.assign_id(item, taken)
            yield item

    bar = tqdm(unit="art", desc="analyze", disable=not progress or None, file=sys.stderr)
    finished: list[tuple[Article, ArticleRows]] = []

    def store_finished() -> None:
        """Write the finished articles as one group: committed together, or (on an error) not at all."""
        with store.transaction():
            store.save_many([rows for _, rows in finished], new=[art.id in taken for art, _ in finished])
        report.stored += len(finished)
        if report.first_stored_seconds is None:
            report.first_stored_seconds = time.perf_counter() - t0
        if on_article:
            for _, rows in finished:
                on_article(Article.model_validate_json(rows.record_json))
        finished.clear()

    for art, (result, reason) in _work(todo(), jobs, report.stage_seconds):
        if result is None:
            skip = Skip(art.source.path, reason or "unknown", art.source.record)
            store.record_skip(skip.path, skip.reason, skip.record)
            report.skipped.append(skip)
        else:
            finished.append((art, result))
            if len(finished) >= COMMIT_GROUP:
                store_finished()
        bar.update(1)
    if finished:
        store_finished()
    bar.close()
    report.seconds = time.perf_counter() - t0
    return report


def complete_stories(store) -> int | None:
    """Run the stories step when the store says it is pending (articles were stored since it last completed, a run
    was interrupted while clustering, or `--no-stories` skipped it) and clear the mark in the same transaction:
    any run finishes what an earlier one left. None when nothing was pending."""
    if not store.is_pending("stories"):
        return None
    from warta.stories import assign_stories

    with store.transaction():
        n = assign_stories(store)
        store.clear_pending("stories")
    return n
