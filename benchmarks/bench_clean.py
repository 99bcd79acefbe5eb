"""Cleaning + metadata throughput on text dumps, one core.

Runs `clean_article` and `extract_metadata` over the written fixture set (tests/fixtures/articles/text, fictional
articles in 17 outlet layouts) again and again, and prints articles per second of CPU time (process time, so other
work on a shared machine does not count against it).

    python benchmarks/bench_clean.py [--articles 3000] [--inputs FOLDER_OF_TXT]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from warta.clean import clean_article
from warta.errors import SkipArticle
from warta.meta import extract_metadata
from warta.record import Article, Source

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles" / "text"


def run(texts: list[str], count: int) -> int:
    done = 0
    for index in range(count):
        article = Article(id=str(index), source=Source(path="bench.txt", format="txt", sha256="0" * 64))
        article._raw_text = texts[index % len(texts)]
        try:
            clean_article(article)
            extract_metadata(article)
        except SkipArticle:
            pass
        done += 1
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="articles to process (fixtures repeated)")
    parser.add_argument("--inputs", type=Path, default=FIXTURES, help="folder of .txt dumps (default: the fixture set)")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.inputs.glob("*.txt"))]
    run(texts, len(texts))  # warm-up: load registries, compile patterns, load the language model
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    done = run(texts, args.articles)
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    mean_chars = sum(map(len, texts)) / len(texts)
    print(
        json.dumps(
            {
                "benchmark": "clean+meta, text dumps, one core",
                "articles": done,
                "distinct_inputs": len(texts),
                "mean_input_chars": round(mean_chars),
                "cpu_seconds": round(cpu, 3),
                "wall_seconds": round(wall, 3),
                "articles_per_cpu_second": round(done / cpu, 1),
                "articles_per_wall_second": round(done / wall, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
