"""Build src/warta/tone/data/keyphrase_df.tsv.gz, the document frequencies behind keyphrase TF-IDF.

warta.tone.keyphrases scores a phrase by how often the article uses it and how rare its words are in news in general
(inverse document frequency). This script counts, for every lower-case word, how many documents of an unlabelled
Indonesian news corpus contain it.

Corpus: nlpid-postag (the `nlp-id` package's POS corpus, kumparan, MIT licence): 32,779 news sentences, read as
`token<TAB>tag` lines with a blank line between sentences. It has no article boundaries, so each sentence is one
document; idf then says how likely a word is to turn up in a news sentence, which is what separates "pemerintah"
(common, low idf) from "Lippo" (rare, high idf). news-scrapy-2020 was not used: its articles state no licence and
are the evaluation texts of docs/quality.md.

The POS tag column (the corpus's most frequent tag for the word) lets the runtime keep verbs and adjectives off the
edges of a phrase: keyphrases should be names and topics ("kerja sama militer"), not "bertemu" or "Putin Akui".

Words are tokenised with the runtime's own tokeniser (warta.tone.keyphrases.word_runs), so table keys match what is
looked up. Words seen in fewer than --min-df documents are pruned (mostly names and typos); at run time they, like
any unknown word, get the largest idf, which is right for names an article repeats. The table ships gzipped (it is
read once per process).

Usage: python scripts/build_keyphrase_idf.py [--corpus ../shared/data/nlpid-postag/dataset_postag.txt]
       [--min-df 3] [--out src/warta/tone/data/keyphrase_df.tsv.gz]
"""

from __future__ import annotations

import argparse
import gzip
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from warta.derived import file_digest, write_manifest
from warta.tone.keyphrases import word_runs

_REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = _REPO.parent / "shared" / "data"
DEFAULT_CORPUS = SHARED_DATA / "nlpid-postag" / "dataset_postag.txt"
DEFAULT_OUT = _REPO / "src/warta/tone/data/keyphrase_df.tsv.gz"
DEFAULT_MIN_DF = 3
REBUILD = "python scripts/build_keyphrase_idf.py --corpus ../shared/data/nlpid-postag/dataset_postag.txt"


def inputs(corpus: Path, min_df: int) -> dict[str, str]:
    """What the table is built from: the corpus's bytes and the pruning threshold."""
    return {f"{corpus.parent.name}/{corpus.name}": file_digest(corpus), "min_df": str(min_df)}


def read_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of a `token<TAB>tag` file (blank line between sentences) as lists of (token, tag)."""
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            token, _tab, tag = line.rstrip("\n").partition("\t")
            token = token.strip()
            if token:
                sentence.append((token, tag.strip().upper() or "-"))
            elif sentence:
                yield sentence
                sentence = []
    if sentence:
        yield sentence


def document_frequencies(documents: Iterator[list[tuple[str, str]]]) -> tuple[int, Counter[str], dict[str, str]]:
    """(documents, lower-case word -> documents containing it, lower-case word -> its most frequent tag).

    Words are counted as the runtime tokenises them: a corpus token the runtime would split
    or read as a number does not count as a word.
    """
    frequencies: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    count = 0
    for sentence in documents:
        count += 1
        seen: set[str] = set()
        for token, tag in sentence:
            for run in word_runs(token):
                for word in run.lower().split():
                    seen.add(word)
                    tags[word][tag] += 1
        frequencies.update(seen)
    return count, frequencies, {word: counts.most_common(1)[0][0] for word, counts in tags.items()}


def write_table(out: Path, documents: int, frequencies: Counter[str], tags: dict[str, str], min_df: int, source: str) -> int:
    """Write the gzipped TSV the runtime loads (word, document frequency, most frequent tag); returns words kept."""
    kept = sorted((word, df) for word, df in frequencies.items() if df >= min_df)
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the gzip header: the same corpus always gives the same bytes.
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8") as handle,
    ):
        handle.write(f"# Document frequencies for warta.tone.keyphrases, built by scripts/build_keyphrase_idf.py from {source}\n")
        handle.write(f"# one document per sentence; words in fewer than {min_df} documents pruned; word, df, most frequent tag\n")
        handle.write(f"documents\t{documents}\t-\n")
        for word, df in kept:
            handle.write(f"{word}\t{df}\t{tags.get(word, '-')}\n")
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--min-df", type=int, default=DEFAULT_MIN_DF)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    documents, frequencies, tags = document_frequencies(read_sentences(args.corpus))
    kept = write_table(args.out, documents, frequencies, tags, args.min_df, "nlpid-postag (nlp-id, kumparan, MIT)")
    write_manifest(args.out, inputs(args.corpus, args.min_df), REBUILD)
    print(f"{documents} documents, {len(frequencies)} words, {kept} kept (df >= {args.min_df}) -> {args.out}")


if __name__ == "__main__":
    main()
