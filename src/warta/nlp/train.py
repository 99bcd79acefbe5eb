"""Train Warta's statistical entity tagger (PER/ORG/LOC): a CRF over rich token features.

`warta train ner [options]` passes its remaining arguments to `main`. The shipped model in
src/warta/nlp/model/ is reproduced (a few minutes on one core) by

    python -m warta.nlp.train --data-dir ../shared/data --output src/warta/nlp/model

Settings live in ner_config.cfg beside this file. Training data (under --data-dir, see each
folder's SOURCE.md):

- indolem-nerui-fold1/train.01.tsv and indonlu-nergrit/train_preprocess.txt: cased, used as is;
- indonlu-nerp train+valid (when enabled): lowercased news, re-cased ("truecased") with casing
  statistics from the unlabelled cased text so the model keeps learning from capitalisation;
  EVT/FNB become O;
- nlpid-postag: unlabelled cased text for word clusters (k-means over skip-gram vectors) and for
  each word's capitalisation habit;
- country-names-id and wilayah-indonesia (provinces, regencies): a place-name gazetteer that is
  stored inside the model folder;
- the packaged knowledge base (`warta.nlp.kb.load_kb()`): its names and aliases, typed PER/ORG/LOC,
  are snapshotted into the model folder (names.tsv) as a second gazetteer.

indolem-nerui dev.01 and indonlu-nergrit valid are only scored (model selection); they feed
nothing else (not the clusters, casing statistics or gazetteer).
"""

from __future__ import annotations

import argparse
import configparser
import csv
import json
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pycrfsuite

    from warta.nlp.tagger import FeatureExtractor

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


# --------------------------------------------------------------------------- corpora


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
    rng.shuffle(train)
    dev: list[Sentence] = []
    for name in (NERUI_DEV, NERGRIT_DEV):
        path = data_dir / name
        if path.exists():
            dev.extend(read_corpus(path, limit))
    return train, dev


def repeated_copies(train: list[Sentence], source: list[Sentence], copies: int) -> list[Sentence]:
    """`copies - 1` more copies of the training sentences that come from `source`, in training order.

    They go after the shuffled unique sentences: a CRF trained by L-BFGS sees the whole set at once, so
    this only weights that source, while the features keep the numbering (first appearance) of a run
    without copies."""
    keys = {tuple(tokens) for tokens, _ in source}
    chosen = [sentence for sentence in train if tuple(sentence[0]) in keys]
    return chosen * max(copies - 1, 0)


def unlabelled_sentences(data_dir: Path, limit: int) -> list[list[str]]:
    path = data_dir / UNLABELLED_TEXT
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        sentences = [tokens for tokens, _ in read_conll(handle)]
    return sentences[:limit] if limit else sentences


# --------------------------------------------------------------------------- lexicon and gazetteer


def capitalisation_habit(forms: Counter[str] | None) -> str:
    """How a word is usually written away from sentence starts: upper, title, mixed, lower or '?'."""
    if not forms:
        return "?"
    total = sum(forms.values())
    if sum(count for form, count in forms.items() if len(form) > 1 and form.isupper()) / total > 0.5:
        return "upper"
    capitalised = sum(count for form, count in forms.items() if form[:1].isupper()) / total
    return "title" if capitalised > 0.8 else "mixed" if capitalised > 0.3 else "lower"


def word_clusters(sentences: list[list[str]], settings: configparser.SectionProxy, seed: int) -> list[dict[str, int]]:
    """Cluster ids per lower-cased word: k-means over skip-gram vectors (one mapping per k)."""
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    lowered = [[token.lower() for token in tokens] for tokens in sentences]
    model = Word2Vec(
        lowered,
        vector_size=settings.getint("vector_dim"),
        window=5,
        min_count=settings.getint("vector_min_count"),
        sg=1,
        negative=5,
        epochs=settings.getint("vector_epochs"),
        seed=seed,
        workers=1,  # one worker: reproducible vectors
    )
    words = list(model.wv.index_to_key)
    if not words:
        return [{} for _ in settings["clusters"].split(",")]
    vectors = model.wv.vectors / np.maximum(np.linalg.norm(model.wv.vectors, axis=1, keepdims=True), 1e-9)
    mappings = []
    for k in (int(value) for value in settings["clusters"].split(",")):
        kmeans = MiniBatchKMeans(n_clusters=min(k, len(words)), random_state=seed, n_init=1, batch_size=4096)
        mappings.append(dict(zip(words, (int(label) for label in kmeans.fit_predict(vectors)), strict=True)))
    return mappings


def build_lexicon(
    clusters: list[dict[str, int]], case_model: CaseModel, min_case_count: int = 2
) -> dict[str, tuple[str, ...]]:
    words = set().union(*clusters) | {
        w for w, forms in case_model.counts.items() if sum(forms.values()) >= min_case_count
    }
    return {
        word: tuple(str(mapping.get(word, "?")) for mapping in clusters)
        + (capitalisation_habit(case_model.counts.get(word)),)
        for word in words
        if word and "\t" not in word
    }


def build_gazetteer(data_dir: Path) -> dict[tuple[str, ...], str]:
    """Lower-cased place names -> kind, from the CLDR country list and the BPS region lists."""
    gazetteer: dict[tuple[str, ...], str] = {}

    def add(name: str, kind: str) -> None:
        tokens = tuple(name.lower().replace("-", " - ").split())
        if tokens:
            gazetteer.setdefault(tokens, kind)

    countries = data_dir / "country-names-id" / "country.csv"
    if countries.exists():
        with countries.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                add(row["value"], "country")
    regions = data_dir / "wilayah-indonesia"
    if (regions / "provinces.csv").exists():
        with (regions / "provinces.csv").open(encoding="utf-8") as handle:
            for fields in csv.reader(handle):
                add(fields[1], "province")
    if (regions / "regencies.csv").exists():
        with (regions / "regencies.csv").open(encoding="utf-8") as handle:
            for fields in csv.reader(handle):
                add(fields[2].removeprefix("KABUPATEN ").removeprefix("KOTA "), "regency")
    return gazetteer


def knowledge_base_names() -> dict[tuple[str, ...], str]:
    """Normalised token tuples of every knowledge-base name and alias -> PER/ORG/LOC.

    One-letter single-token aliases are left out: they would fire on initials and stray letters."""
    from warta.nlp.kb import load_kb, normalize

    names: dict[tuple[str, ...], str] = {}
    for entry in load_kb():
        for surface in entry.surfaces:
            tokens = tuple(normalize(surface).split())
            if tokens and not (len(tokens) == 1 and len(tokens[0]) < 2):
                names.setdefault(tokens, entry.type)
    return names


def word_list(value: str) -> list[str]:
    """A whitespace-separated word list from the config (may span lines), lower-cased, sorted."""
    return sorted({word.lower() for word in value.split()})


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="warta train ner", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("..") / "shared" / "data")
    parser.add_argument("--output", type=Path, default=Path("training") / "ner-model", help="model folder to write")
    parser.add_argument("--config", type=Path, default=CONFIG_PATH)
    parser.add_argument("--max-iterations", type=int, default=None, help="override [crf] max_iterations")
    parser.add_argument("--c1", type=float, default=None, help="override [crf] c1 (L1 weight)")
    parser.add_argument("--c2", type=float, default=None, help="override [crf] c2 (L2 weight)")
    parser.add_argument(
        "--nergrit-copies", type=int, default=None, help="override [data] nergrit_copies (weight of NERGrit train)"
    )
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences of each file")
    parser.add_argument("--no-nerp", action="store_true", help="leave out indonlu-nerp whatever the config says")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Train the entity tagger; returns a process exit code."""
    # Imported first, as the other training steps take minutes: a missing training dependency fails at once.
    import pycrfsuite

    from warta.nlp.tagger import META_FILE

    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("gensim").setLevel(logging.WARNING)
    if not (args.data_dir / NERUI_TRAIN).exists() and not (args.data_dir / NERGRIT_TRAIN).exists():
        print(f"no training data under {args.data_dir}", file=sys.stderr)
        return 2
    config = configparser.ConfigParser()
    config.read(args.config, encoding="utf-8")
    started = time.perf_counter()

    unlabelled = unlabelled_sentences(args.data_dir, args.limit)
    case_model = CaseModel(unlabelled)
    use_nerp = config["data"].getboolean("use_nerp", fallback=False) and not args.no_nerp
    train, dev = build_training_set(args.data_dir, args.limit, args.seed, case_model, use_nerp)
    logger.info("train: %d sentences, dev: %d sentences", len(train), len(dev))
    extractor, extras = build_feature_extractor(args, config["features"], unlabelled + [t for t, _ in train], case_model)

    nergrit_copies = args.nergrit_copies or config["data"].getint("nergrit_copies", fallback=1)
    nergrit_path = args.data_dir / NERGRIT_TRAIN
    if nergrit_copies > 1 and nergrit_path.exists():
        train = train + repeated_copies(train, read_corpus(nergrit_path, args.limit), nergrit_copies)
    train_crf(pycrfsuite.Trainer(verbose=False), args, config["crf"], extractor, train)
    meta = {
        "labels": list(ENTITY_TYPES),
        "window": extractor.window,
        "cluster_count": extractor.cluster_count,
        "extras": extras,
        "train_sentences": len(train),
        "use_nerp": use_nerp,
        "nergrit_copies": nergrit_copies,
        "config": {section: dict(config[section]) for section in config.sections()},
    }
    (args.output / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    report_dev_scores(args)
    logger.info("model written to %s in %.0f s", args.output, time.perf_counter() - started)
    return 0


def build_feature_extractor(
    args: argparse.Namespace, features: configparser.SectionProxy, cased: list[list[str]], case_model: CaseModel
) -> tuple[FeatureExtractor, dict[str, list[str] | bool]]:
    """The tagger's feature extractor as [features] configures it (word clusters over `cased` sentences, the
    gazetteer, knowledge-base names), and the extra settings recorded in the model's metadata."""
    from warta.nlp.tagger import FeatureExtractor

    clusters = word_clusters(cased, features, args.seed)
    gazetteer = build_gazetteer(args.data_dir) if features.getboolean("gazetteer") else {}
    org_heads = word_list(features.get("org_heads", ""))
    name_connectors = word_list(features.get("name_connectors", ""))
    capital_runs = features.getboolean("capital_runs", fallback=False)
    long_affixes = features.getboolean("long_affixes", fallback=False)
    extras: dict[str, list[str] | bool] = {
        "org_heads": org_heads,
        "name_connectors": name_connectors,
        "capital_runs": capital_runs,
        "long_affixes": long_affixes,
    }
    extractor = FeatureExtractor(
        build_lexicon(clusters, case_model),
        gazetteer,
        window=features.getint("window", fallback=FeatureExtractor.window),
        cluster_count=len(clusters),
        names=knowledge_base_names() if features.getboolean("knowledge_base_names", fallback=False) else {},
        org_heads=frozenset(org_heads),
        name_connectors=frozenset(name_connectors),
        capital_runs=bool(capital_runs),
        long_affixes=bool(long_affixes),
    )
    logger.info(
        "lexicon: %d words, gazetteer: %d places, %d knowledge-base names",
        len(extractor.lexicon),
        len(gazetteer),
        len(extractor.names),
    )
    return extractor, extras


def train_crf(
    trainer: pycrfsuite.Trainer,
    args: argparse.Namespace,
    crf_settings: configparser.SectionProxy,
    extractor: FeatureExtractor,
    train: list[Sentence],
) -> None:
    """Train the CRF on `train` and write it, with the extractor's files, to the output folder."""
    from warta.nlp.tagger import CRF_FILE

    for tokens, tags in train:
        trainer.append(extractor.sentence_features(tokens), tags)
    trainer.set_params(
        {
            "c1": crf_settings.getfloat("c1") if args.c1 is None else args.c1,
            "c2": crf_settings.getfloat("c2") if args.c2 is None else args.c2,
            "max_iterations": args.max_iterations or crf_settings.getint("max_iterations"),
            "feature.possible_transitions": True,
            # state features for label/attribute pairs never seen together (negative evidence); off by default
            "feature.possible_states": crf_settings.getboolean("possible_states", fallback=False),
            "feature.minfreq": crf_settings.getfloat("feature_minfreq"),
        }
    )
    args.output.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.output / CRF_FILE))
    extractor.save(args.output)


def report_dev_scores(args: argparse.Namespace) -> None:
    """Log the written model's scores on the dev files. They are for model selection only: nothing in training saw
    the dev sentences."""
    from warta.nlp.tagger import EntityTagger, tag_token_batches

    tagger = EntityTagger(args.output)
    for name in (NERUI_DEV, NERGRIT_DEV):
        path = args.data_dir / name
        if not path.exists():
            continue
        sentences = read_corpus(path, args.limit)
        predicted = list(tag_token_batches((tokens for tokens, _ in sentences), tagger))
        scores = score_entities([tags for _, tags in sentences], predicted)
        for label in (*ENTITY_TYPES, "ALL"):
            if label in scores:
                p, r, f1 = (scores[label][key] for key in ("p", "r", "f1"))
                logger.info("dev %s %s: P %.3f R %.3f F1 %.3f", name, label, p, r, f1)


if __name__ == "__main__":
    sys.exit(main())
