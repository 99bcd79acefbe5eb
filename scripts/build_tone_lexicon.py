"""Build src/warta/tone/data/inset_lemmas.tsv from the InSet sentiment lexicon.

InSet (Koto & Rahmaningtyas, "InSet Lexicon: Evaluation of a Word List for Indonesian Sentiment Analysis in
Microblogs", IALP 2017) lists ~10,000 words and phrases with weights -5..+5, built from tweets. The repository states no
licence; we use it for research with citation and ship only a derived, compacted table, never the original files.

What the build does, and why:

* a word listed in both positive.tsv and negative.tsv gets the sum of its two weights (InSet's own scoring is additive);
* single words are grouped by their Sastrawi stem, so the runtime can look up any affixed form (mengecam -> kecam,
  kerugian -> rugi): the lemma weight is the root's own weight when InSet lists the root, else the mean of its forms;
* a surface form is kept as an exception only when its weight differs from its lemma's by 2 or more or has the
  opposite sign (ditolak vs tolak), which keeps the table compact;
* multi-word entries are dropped: in news they are mostly neutral compounds InSet scores (gempa bumi +4, jalan tol -4,
  rumah tangga +2, buang air -5), negations handled by rule at run time (tidak segan) or glosses (batas (waktu)); the
  few real idioms news uses (keras kepala, omong kosong) are in the curated overlay instead;
* entries whose weight sums to 0 are dropped;
* domain filter: a single word is kept only when a tagged news corpus (nlpid-postag, kumparan, MIT) tags it mostly as
  an adjective (JJ), or as a verb (VB) with |weight| >= 4. InSet scores thousands of neutral news nouns and verbs
  (delegasi -4, rombongan -4, tim -4, membawa -2); in news, sentiment nouns and verbs come from the curated overlay
  (data/domain.tsv) instead. On the hand-labelled set this filter raised agreement from 76% to 88%.

It also writes src/warta/tone/data/neutral_words.txt: the stopwords-id list (stopwords-iso, MIT) minus the words the
domain overlay gives a non-zero weight, so that function words InSet weighs (yang -5, tidak -5, dari -3) score nothing.

Usage: python scripts/build_tone_lexicon.py [--inset ../shared/data/inset-lexicon]
       [--stopwords ../shared/data/stopwords-id/stopwords-id.txt] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

from warta.derived import file_digest, library_version, write_manifest
from warta.tone.lexicon import stem

_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
# InSet verbs are kept only at |weight| >= 4: weaker verb weights are mostly tweet noise (membawa -2, mendarat -2).
STRONG_VERB = 4
_REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = _REPO.parent / "shared" / "data"
TONE_DATA = _REPO / "src/warta/tone/data"
REBUILD = "python scripts/build_tone_lexicon.py"


def _named(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def lexicon_inputs(inset: Path, postag: Path) -> dict[str, str]:
    """What inset_lemmas.tsv is built from: InSet's two lists, the POS corpus, and the Sastrawi stemmer."""
    files = [inset / "positive.tsv", inset / "negative.tsv", postag]
    return {**{_named(path): file_digest(path) for path in files}, "PySastrawi": library_version("PySastrawi")}


def neutral_inputs(stopwords: Path, overlay: Path) -> dict[str, str]:
    """What neutral_words.txt is built from: the stop-word list and the curated overlay."""
    return {_named(stopwords): file_digest(stopwords), f"tone/data/{overlay.name}": file_digest(overlay)}


def read_inset(folder: Path) -> dict[str, int]:
    weights: dict[str, int] = defaultdict(int)
    for name in ("positive.tsv", "negative.tsv"):
        with (folder / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                term = " ".join(row["word"].lower().split())
                if "(" in term or ")" in term:
                    continue
                weights[term] += int(row["weight"])
    return dict(weights)


def read_pos_tags(path: Path) -> dict[str, str]:
    """Lower-case word -> its most frequent tag in the tagged news corpus (token<TAB>tag lines)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 2:
                counts[fields[0].lower()][fields[1].upper()] += 1
    return {word: tags.most_common(1)[0][0] for word, tags in counts.items()}


def keep_word(word: str, weight: int, pos: dict[str, str]) -> bool:
    """Whether a single InSet word may carry sentiment in news: see the module docstring."""
    tag = pos.get(word)
    if tag == "JJ":
        return True
    return tag == "VB" and abs(weight) >= STRONG_VERB


def derive(weights: dict[str, int], pos: dict[str, str]) -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    by_lemma: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for term, weight in weights.items():
        words = term.split()
        if len(words) > 1:
            continue
        if _WORD.match(term) and keep_word(term, weight, pos):
            by_lemma[stem(term)].append((term, weight))
    for lemma, forms in by_lemma.items():
        own = dict(forms).get(lemma)
        lemma_weight = float(own) if own is not None else round(sum(w for _, w in forms) / len(forms), 1)
        if lemma_weight:
            rows.append((lemma, lemma_weight, "lemma"))
        for form, weight in forms:
            if form == lemma:
                continue
            flips = weight * lemma_weight < 0 or (weight == 0) != (lemma_weight == 0)
            if flips or abs(weight - lemma_weight) >= 2:
                rows.append((form, float(weight), "form"))
    return sorted(rows, key=lambda row: (row[2], row[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inset", type=Path, default=SHARED_DATA / "inset-lexicon")
    parser.add_argument("--postag", type=Path, default=SHARED_DATA / "nlpid-postag" / "dataset_postag.txt")
    parser.add_argument("--stopwords", type=Path, default=SHARED_DATA / "stopwords-id" / "stopwords-id.txt")
    parser.add_argument("--out-dir", type=Path, default=TONE_DATA, help="where to write (default: the package's data)")
    args = parser.parse_args()
    out = args.out_dir / "inset_lemmas.tsv"
    write_lexicon(derive(read_inset(args.inset), read_pos_tags(args.postag)), out)
    write_manifest(out, lexicon_inputs(args.inset, args.postag), REBUILD)
    neutral = args.out_dir / "neutral_words.txt"
    write_neutral_words(args.stopwords, TONE_DATA / "domain.tsv", neutral)
    write_manifest(neutral, neutral_inputs(args.stopwords, TONE_DATA / "domain.tsv"), REBUILD)


def write_lexicon(rows: list[tuple[str, float, str]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as handle:
        handle.write("# Derived from InSet (Koto & Rahmaningtyas, IALP 2017; no licence stated, research use with citation)\n")
        handle.write("# by scripts/build_tone_lexicon.py. kind: lemma (Sastrawi stem), form (surface exception), phrase.\n")
        handle.write("term\tweight\tkind\n")
        for term, weight, kind in rows:
            handle.write(f"{term}\t{weight:g}\t{kind}\n")
    print(f"{len(rows)} rows -> {out}")


def write_neutral_words(stopwords: Path, overlay: Path, out: Path) -> None:
    rows = [line.split("\t") for line in overlay.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    scored = {row[0] for row in rows if len(row) > 1 and float(row[1]) != 0}
    words = sorted({line.strip().lower() for line in stopwords.read_text(encoding="utf-8").splitlines()} - scored - {""})
    header = (
        "# Words that never carry sentiment in warta.tone: stopwords-id (stopwords-iso/stopwords-id, MIT licence,\n"
        "# stopwords-iso contributors) minus the words data/domain.tsv weighs. Built by scripts/build_tone_lexicon.py.\n"
    )
    out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} neutral words -> {out}")


if __name__ == "__main__":
    main()
