"""CPU time per article of each per-article stage, in one process (use it to find and check speed-ups).

    python benchmarks/profile_stages.py [N]                 # ms/article per stage over N real articles (default 300)
    python benchmarks/profile_stages.py N --corpus demo     # over the demo corpus repeated (overstates speed)
    python benchmarks/profile_stages.py N --profile tottime # also cProfile's top functions, sorted by that key
    python benchmarks/profile_stages.py N --one-by-one      # every stage on one article before the next

The articles are the first N of news-dev-2025 as text dumps (`bench_pipeline.real_texts`; real scraped news, in
../shared), or with `--corpus demo` `bench_pipeline.make_corpus`'s (the demo corpus repeated, where every word-level
cache stays hot). A warm-up pass over 40 copies of the first articles loads the models first (real text: the
following articles are not among them, so their words are still unseen); time is `process_time` (CPU), which a loaded machine distorts far less than wall time. The stages run
as `warta analyze` runs them: chunk by chunk (`warta.pipeline.CHUNK` articles), each stage over the whole chunk.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import make_corpus, make_real_corpus  # noqa: E402

from warta.pipeline import CHUNK, _settle_gc, built_stages  # noqa: E402
from warta.read import Skip, read_paths  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--corpus", choices=["real", "demo"], default="real")
    parser.add_argument("--profile", metavar="SORT", help="cProfile sort key, e.g. tottime or cumtime")
    parser.add_argument("--one-by-one", action="store_true", help="all stages on one article, then the next")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        if args.corpus == "real":
            make_real_corpus(args.n + 40, corpus)  # 40 more for the warm-up, which the timed pass does not repeat
        else:
            make_corpus(args.n, corpus)
        articles = [a for a in read_paths([str(corpus)]) if not isinstance(a, Skip)]
    pipeline = built_stages()

    def run(batch, timings: Counter[str]) -> None:
        # chunk by chunk, each stage over the whole chunk, as `analyze` runs them (`process_many`); --one-by-one
        # runs every stage on one article before the next article (the order before process_many)
        size = 1 if args.one_by_one else CHUNK
        for first in range(0, len(batch), size):
            chunk = batch[first : first + size]
            for stage in pipeline:
                t0 = time.process_time()
                if stage.run_many is not None and len(chunk) > 1:  # the version for several articles, as analyze
                    stage.run_many(chunk)
                else:
                    for article in chunk:
                        stage.run(article)
                timings[stage.name] += time.process_time() - t0

    if args.corpus == "real":
        warm_source, articles = articles[:40], articles[40:]
    else:
        warm_source = articles[:40]
    warm = []
    for article in warm_source:
        copy = article.model_copy(deep=True)
        copy._raw_text, copy._raw_html = article.raw_text, article.raw_html
        copy._scratch = dataclasses.replace(article.scratch)
        warm.append(copy)
    run(warm, Counter())
    _settle_gc()  # as `analyze` does once the models are loaded: otherwise full collections walk the models
    timings: Counter[str] = Counter()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        run(articles, timings)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.profile).print_stats(45)
    else:
        run(articles, timings)
    n = len(articles)
    print({name: round(1000 * seconds / n, 2) for name, seconds in timings.items()},
          "total", round(1000 * sum(timings.values()) / n, 2), "ms/article")
    print("words/article", round(statistics.mean(len(a.body.split()) for a in articles), 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
