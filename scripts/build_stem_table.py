"""Build src/warta/lang/id/stems.tsv: PySastrawi's stem of every word of a fixed Indonesian vocabulary.

`warta.lang.id.stemmer.stem` looks a word up in this table first and runs Sastrawi only for words outside it. Sastrawi
costs ~0.07 ms per new word (~40 affix rules, a regular expression compiled from the word on the way), and on real news
most words an article stems are new to the process, so the table takes the stemmer off the hot path for the words it
holds. Its stems are Sastrawi's own (computed here by the same `stem`), so outputs do not change; a test compares the
table with Sastrawi again, and the manifest beside it names the PySastrawi version it was built with.

Vocabulary: the lower-case words (letters, hyphenated reduplications) of corpora already used to build Warta's models,
none of them the news-dev-2025 articles the benchmarks run on:

* nlpid-postag (the `nlp-id` package's POS corpus, kumparan, MIT): 32,779 news sentences;
* the NER corpora indonlu-nergrit (Apache-2.0), indonlu-nerp (Apache-2.0) and indolem-nerui-fold1 (CC BY 4.0);
* the words of the InSet lexicon (research use with citation; its lemmas are stemmed for the tone lexicon anyway).

Each line is `word` when the stem is the word itself, else `word<TAB>stem`; sorted.

Usage: python scripts/build_stem_table.py [--out src/warta/lang/id/stems.tsv]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from warta.derived import file_digest, library_version, write_manifest

_REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = _REPO.parent / "shared" / "data"
OUTPUT = _REPO / "src/warta/lang/id/stems.tsv"
REBUILD = "python scripts/build_stem_table.py"
# the first tab-separated column of each is a token (a word of a tagged sentence, or a lexicon entry)
SOURCES = (
    "nlpid-postag/dataset_postag.txt",
    "indonlu-nergrit/train_preprocess.txt",
    "indonlu-nergrit/valid_preprocess.txt",
    "indonlu-nerp/train_preprocess.txt",
    "indonlu-nerp/valid_preprocess.txt",
    "indolem-nerui-fold1/train.01.tsv",
    "indolem-nerui-fold1/dev.01.tsv",
    "inset-lexicon/positive.tsv",
    "inset-lexicon/negative.tsv",
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
HEADER = (
    "# PySastrawi stems of a fixed vocabulary (nlpid-postag, kumparan, MIT; indonlu NERGrit and NERP, Apache-2.0;\n"
    "# IndoLEM NER UI, CC BY 4.0; InSet, Koto & Rahmaningtyas 2017), built by scripts/build_stem_table.py.\n"
    "# word, or word<TAB>stem when Sastrawi changes it.\n"
)


def inputs(shared: Path = SHARED_DATA) -> dict[str, str]:
    """What the table is built from: the vocabulary files and the stemmer's version."""
    return {**{name: file_digest(shared / name) for name in SOURCES}, "PySastrawi": library_version("PySastrawi")}


def first_columns(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.split("\t", 1)[0]


def vocabulary(shared: Path = SHARED_DATA) -> set[str]:
    """Lower-case words of the source files' first column."""
    words: set[str] = set()
    for name in SOURCES:
        for token in first_columns(shared / name):
            words.update(_WORD.findall(token.lower()))
    return words


def render(words: Iterable[str]) -> str:
    from warta.lang.id.stemmer import sastrawi_stem

    lines = []
    for word in sorted(words):
        stemmed = sastrawi_stem(word)
        lines.append(word if stemmed == word else f"{word}\t{stemmed}")
    return HEADER + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    words = vocabulary()
    args.out.write_text(render(words), encoding="utf-8")
    write_manifest(args.out, inputs(), REBUILD)
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
