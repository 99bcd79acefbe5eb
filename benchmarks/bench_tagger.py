"""Tagging speed of Warta's entity tagger on one CPU core.

    taskset -c 0 python benchmarks/bench_tagger.py [--data-dir ../shared/data]

Measures (1) raw running text through `tag_entities`-style processing (tokenisation included),
(2) pre-tokenised sentences through `tag_token_batches` (the CoNLL path). Tokens/s counts the
data's own tokens. Features are cached per word, so the first pass over new text is slower:
the figure is the best of --repeat passes (warm cache), and the first pass is printed too. The text is the dev/valid
sentences of the shared NER data plus 3,000 sentences of nlpid-postag when present, else fictional sentences written here.
Times are the process's CPU time, which other jobs on a shared machine distort far less than wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One core: keep numerical libraries from spreading work over threads.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from warta.nlp.tagger import load_tagger, tag_entities, tag_token_batches  # noqa: E402
from warta.nlp.train import NERGRIT_DEV, NERUI_DEV, read_corpus, unlabelled_sentences  # noqa: E402

FALLBACK_TEXT = (
    "Gubernur Jawa Barat Ridwan Kamil meninjau banjir di Kabupaten Bandung , Senin ( 19/9/2022 ) .",
    "Bank Indonesia menahan suku bunga acuan di level 3,5 persen , kata Perry Warjiyo di Jakarta .",
)


def sentences(data_dir: Path) -> list[list[str]]:
    found: list[list[str]] = []
    for name in (NERUI_DEV, NERGRIT_DEV):
        if (data_dir / name).exists():
            found += [tokens for tokens, _ in read_corpus(data_dir / name)]
    # plus unseen news-style text, so that the run is long enough to mean something
    found += unlabelled_sentences(data_dir, limit=6000)[-3000:]
    return found or [line.split() for line in FALLBACK_TEXT] * 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("..") / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    load_tagger()
    batch = sentences(args.data_dir)
    token_count = sum(map(len, batch))
    # Raw text as an article would come: ten sentences a paragraph.
    texts = [" ".join(" ".join(tokens) for tokens in batch[start : start + 10]) for start in range(0, len(batch), 10)]
    for text in texts[:5]:  # warm up
        tag_entities(text)

    best_raw = best_tokens = float("inf")
    first_pass = 0.0
    for attempt in range(args.repeat):
        started = time.process_time()
        for text in texts:
            tag_entities(text)
        elapsed = time.process_time() - started
        first_pass = elapsed if attempt == 0 else first_pass
        best_raw = min(best_raw, elapsed)
        started = time.process_time()
        for _tags in tag_token_batches(batch):
            pass
        best_tokens = min(best_tokens, time.process_time() - started)
    print(f"sentences: {len(batch)}, tokens: {token_count}")
    print(f"raw text (tokenised here): {token_count / best_raw:,.0f} tokens/s")
    print(f"pre-tokenised:             {token_count / best_tokens:,.0f} tokens/s")
    print(f"raw text, first (cold) pass: {token_count / first_pass:,.0f} tokens/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
