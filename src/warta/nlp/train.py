"""Train Warta's statistical entity tagger (PER/ORG/LOC) with spaCy.

`warta train ner [options]` passes its remaining arguments to `main`. The shipped model in
src/warta/nlp/model/ is reproduced by

    python -m warta.nlp.train --data-dir ../shared/data --output src/warta/nlp/model

Training data (all under --data-dir, see each folder's SOURCE.md):

- indolem-nerui-fold1/train.01.tsv and indonlu-nergrit/train_preprocess.txt: cased, used as is;
- indonlu-nerp train+valid: lowercased news. It is re-cased ("truecased") with casing statistics
  from the unlabelled cased text, so the model keeps learning from capitalisation, and also added
  once in lower case so that lower-case input is not hopeless; EVT/FNB become O;
- nlpid-postag: unlabelled cased text for the casing statistics and the static word vectors.

Model selection uses indolem-nerui dev.01 plus indonlu-nergrit valid (spaCy's dev corpus); neither
is used for anything else (not for vectors, casing statistics or augmentation).
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.vectors import Vectors

logger = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).with_name("ner_config.cfg")
ENTITY_TYPES = ("PER", "ORG", "LOC")

# Source label -> Warta label; labels missing here (NERP's EVT, FNB) become O.
LABEL_MAP = {
    "PERSON": "PER",
    "PPL": "PER",
    "PER": "PER",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "PLC": "LOC",
    "LOC": "LOC",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "IND": "ORG",
    "ORG": "ORG",
}

NERUI_TRAIN = "indolem-nerui-fold1/train.01.tsv"
NERUI_DEV = "indolem-nerui-fold1/dev.01.tsv"
NERGRIT_TRAIN = "indonlu-nergrit/train_preprocess.txt"
NERGRIT_DEV = "indonlu-nergrit/valid_preprocess.txt"
NERP_FILES = ("indonlu-nerp/train_preprocess.txt", "indonlu-nerp/valid_preprocess.txt")
UNLABELLED_TEXT = "nlpid-postag/dataset_postag.txt"

Sentence = tuple[list[str], list[str]]
SENTENCE_ENDS = frozenset({".", "?", "!"})


# --------------------------------------------------------------------------- reading


def read_conll(lines: Iterable[str]) -> Iterator[Sentence]:
    """Yield (tokens, raw tags) from CoNLL-style lines: first column token, last column tag."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        columns = line.split("\t") if "\t" in line else line.split()
        tokens.append(columns[0])
        tags.append(columns[-1] if len(columns) > 1 else "O")
    if tokens:
        yield tokens, tags


def normalise_tags(tags: list[str]) -> list[str]:
    """Map source labels to PER/ORG/LOC and repair BIO (an I- that does not continue becomes B-)."""
    result: list[str] = []
    previous = "O"
    for tag in tags:
        prefix, _, label = tag.partition("-")
        mapped = LABEL_MAP.get(label.upper()) if label else None
        if prefix not in ("B", "I") or mapped is None:
            new = "O"
        elif prefix == "I" and previous[2:] != mapped:
            new = f"B-{mapped}"
        else:
            new = f"{prefix}-{mapped}"
        result.append(new)
        previous = new
    return result


def read_corpus(path: Path, limit: int = 0) -> list[Sentence]:
    """Read a labelled CoNLL file with Warta labels; `limit` > 0 keeps the first sentences only."""
    with path.open(encoding="utf-8") as handle:
        sentences = [(tokens, normalise_tags(tags)) for tokens, tags in read_conll(handle)]
    return sentences[:limit] if limit else sentences


def read_raw_entity_mask(path: Path, limit: int = 0) -> list[tuple[list[str], list[str], list[bool]]]:
    """Read NERP keeping, per token, whether it lies in any source entity (EVT/FNB included)."""
    result = []
    with path.open(encoding="utf-8") as handle:
        for tokens, tags in read_conll(handle):
            in_entity = [tag != "O" for tag in tags]
            result.append((tokens, normalise_tags(tags), in_entity))
    return result[:limit] if limit else result


# --------------------------------------------------------------------------- scoring


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end exclusive, label) from BIO tags, read like seqeval's default mode:
    an I- tag that does not continue an entity of its type starts a new one."""
    spans: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label and start >= 0
        if start >= 0 and not continues:
            spans.add((start, index, label))
            start, label = -1, ""
        if prefix in ("B", "I") and not continues:
            start, label = index, kind
    return spans


def score_entities(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Entity-level precision, recall and F1 (exact span and type) per label and overall ("ALL")."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        gold_spans, predicted_spans = bio_spans(gold_tags), bio_spans(predicted_tags)
        for span in gold_spans | predicted_spans:
            outcome = "tp" if span in gold_spans and span in predicted_spans else "fn" if span in gold_spans else "fp"
            counts[span[2]][outcome] += 1
            counts["ALL"][outcome] += 1
    scores: dict[str, dict[str, float]] = {}
    for label, count in counts.items():
        precision = count["tp"] / (count["tp"] + count["fp"]) if count["tp"] + count["fp"] else 0.0
        recall = count["tp"] / (count["tp"] + count["fn"]) if count["tp"] + count["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"p": precision, "r": recall, "f1": f1, "support": float(count["tp"] + count["fn"])}
    return scores


# --------------------------------------------------------------------------- truecasing


class CaseModel:
    """Most frequent written form of each lower-cased word, counted away from sentence starts.

    Used to restore plausible capitalisation to lower-cased training text.
    """

    def __init__(self, sentences: Iterable[list[str]]) -> None:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for tokens in sentences:
            # The first word is capitalised by position, not by what it is: skip it.
            for token in tokens[1:]:
                counts[token.lower()][token] += 1
        self.counts = counts

    def form(self, lower: str) -> str | None:
        forms = self.counts.get(lower)
        return forms.most_common(1)[0][0] if forms else None

    def mostly_lower(self, lower: str, min_count: int = 20, share: float = 0.95) -> bool:
        """True for frequent words almost always written in lower case (dan, di, untuk...)."""
        forms = self.counts.get(lower)
        if not forms:
            return False
        total = sum(forms.values())
        return total >= min_count and forms[lower] / total >= share

    def truecase(self, tokens: list[str], in_entity: list[bool]) -> list[str]:
        cased: list[str] = []
        for index, (token, entity) in enumerate(zip(tokens, in_entity, strict=True)):
            known = self.form(token)
            if entity:
                if known is not None and known != token:
                    new = known  # e.g. "kpk" -> "KPK", "jakarta" -> "Jakarta"
                elif self.mostly_lower(token):
                    new = token  # function words inside names: "dan", "di"
                else:
                    new = token[:1].upper() + token[1:]
            else:
                new = known if known is not None else token
            if index == 0 or tokens[index - 1] in SENTENCE_ENDS:
                new = new[:1].upper() + new[1:]
            cased.append(new)
        return cased


# --------------------------------------------------------------------------- vectors


def train_vectors(sentences: list[list[str]], dim: int, min_count: int, seed: int, workers: int = 1) -> Vectors:
    """Skip-gram word vectors on lower-cased text, keyed by NORM so they match any casing."""
    from gensim.models import Word2Vec  # training-time only

    lowered = [[token.lower() for token in tokens] for tokens in sentences]
    model = Word2Vec(
        lowered,
        vector_size=dim,
        window=5,
        min_count=min_count,
        sg=1,
        negative=5,
        epochs=8,
        seed=seed,
        workers=workers,
    )
    words = list(model.wv.index_to_key)
    vectors = Vectors(strings=None, shape=(len(words), dim), attr="NORM")
    for word in words:
        vectors.add(word, vector=model.wv[word])
    return vectors


# --------------------------------------------------------------------------- corpora


def to_docbin(nlp: spacy.language.Language, sentences: Iterable[Sentence]) -> DocBin:
    docbin = DocBin(store_user_data=False)
    for tokens, tags in sentences:
        doc = Doc(nlp.vocab, words=tokens, ents=tags)
        docbin.add(doc)
    return docbin


def build_training_set(
    data_dir: Path, limit: int, seed: int, case_model: CaseModel, use_nerp: bool = True
) -> tuple[list[Sentence], list[Sentence]]:
    """Return (train, dev) sentences with Warta labels."""
    rng = random.Random(seed)
    train: list[Sentence] = []
    for name in (NERUI_TRAIN, NERGRIT_TRAIN):
        path = data_dir / name
        if path.exists():
            train.extend(read_corpus(path, limit))
    seen: set[tuple[str, ...]] = set()
    for name in NERP_FILES if use_nerp else ():
        path = data_dir / name
        if not path.exists():
            continue
        for tokens, tags, in_entity in read_raw_entity_mask(path, limit):
            key = tuple(tokens)
            if key in seen:  # NERP train and valid share some sentences
                continue
            seen.add(key)
            train.append((case_model.truecase(tokens, in_entity), tags))
            train.append((tokens, tags))  # the original lower case, for lower-case input
    rng.shuffle(train)
    dev: list[Sentence] = []
    for name in (NERUI_DEV, NERGRIT_DEV):
        path = data_dir / name
        if path.exists():
            dev.extend(read_corpus(path, limit))
    return train, dev


def unlabelled_sentences(data_dir: Path, limit: int) -> list[list[str]]:
    path = data_dir / UNLABELLED_TEXT
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        sentences = [tokens for tokens, _ in read_conll(handle)]
    return sentences[:limit] if limit else sentences


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="warta train ner", description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("..") / "shared" / "data")
    parser.add_argument("--output", type=Path, default=Path("training") / "ner-model", help="final model folder")
    parser.add_argument("--work-dir", type=Path, default=None, help="keep corpora and checkpoints here")
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument("--max-steps", type=int, default=None, help="override [training] max_steps")
    parser.add_argument("--max-epochs", type=int, default=None, help="override [training] max_epochs")
    parser.add_argument("--eval-frequency", type=int, default=None)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences of each file")
    parser.add_argument("--vector-dim", type=int, default=64)
    parser.add_argument("--vector-min-count", type=int, default=3)
    parser.add_argument("--no-vectors", action="store_true")
    parser.add_argument("--no-nerp", action="store_true", help="train on the cased corpora only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--override", action="append", default=[], metavar="SECTION.KEY=VALUE")
    return parser.parse_args(argv)


def parse_overrides(pairs: list[str]) -> dict[str, object]:
    import srsly

    overrides: dict[str, object] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            overrides[key] = srsly.json_loads(value)
        except ValueError:
            overrides[key] = value
    return overrides


def main(argv: list[str] | None = None) -> int:
    """Train the entity tagger; returns a process exit code."""
    from spacy.cli.train import train as spacy_train

    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.data_dir / NERUI_TRAIN).exists() and not (args.data_dir / NERGRIT_TRAIN).exists():
        print(f"no training data under {args.data_dir}", file=sys.stderr)
        return 2

    work_dir = args.work_dir or Path(tempfile.mkdtemp(prefix="warta-ner-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("id")

    unlabelled = unlabelled_sentences(args.data_dir, args.limit)
    train, dev = build_training_set(args.data_dir, args.limit, args.seed, CaseModel(unlabelled), not args.no_nerp)
    if not dev:  # tiny runs without dev files still need something to score
        dev = train[: max(1, len(train) // 10)]
    to_docbin(nlp, train).to_disk(work_dir / "train.spacy")
    to_docbin(nlp, dev).to_disk(work_dir / "dev.spacy")
    logger.info("train: %d sentences, dev: %d sentences", len(train), len(dev))

    overrides = parse_overrides(args.override)
    overrides.update(
        {
            "paths.train": str(work_dir / "train.spacy"),
            "paths.dev": str(work_dir / "dev.spacy"),
            "system.seed": args.seed,
        }
    )
    if args.no_vectors:
        overrides["components.tok2vec.model.embed.include_static_vectors"] = False
    else:
        # Vectors see only training text and the unlabelled corpus, never the dev split.
        vector_text = unlabelled + [tokens for tokens, _ in train]
        vector_nlp = spacy.blank("id")
        vector_nlp.vocab.vectors = train_vectors(vector_text, args.vector_dim, args.vector_min_count, args.seed)
        vector_nlp.to_disk(work_dir / "vectors")
        overrides["paths.vectors"] = str(work_dir / "vectors")
        logger.info("vectors: %d words x %d", vector_nlp.vocab.vectors.shape[0], args.vector_dim)
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    if args.max_epochs is not None:
        overrides["training.max_epochs"] = args.max_epochs
    if args.eval_frequency is not None:
        overrides["training.eval_frequency"] = args.eval_frequency

    spacy_train(args.config, work_dir / "checkpoints", overrides=overrides)

    best = work_dir / "checkpoints" / "model-best"
    if not best.exists():
        best = work_dir / "checkpoints" / "model-last"
    trained = spacy.load(best)
    from warta.nlp.tagger import configure_tokenizer

    configure_tokenizer(trained)
    if args.output.exists():
        shutil.rmtree(args.output)
    trained.to_disk(args.output)
    logger.info("model written to %s", args.output)
    if args.work_dir is None:
        shutil.rmtree(work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
