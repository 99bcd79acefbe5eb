"""Statistical named-entity tagger for Indonesian news: PER, ORG and LOC.

The model is a spaCy pipeline (tok2vec + ner) trained by `warta.nlp.train` and shipped in
`model/` beside this file; it is loaded once per process and never touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TextIO

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

MODEL_DIR = Path(__file__).with_name("model")
LABELS = ("PER", "ORG", "LOC")

# Extra infixes on top of spaCy's Indonesian rules: quotes and a colon/semicolon glued to a word
# ('Baswedan:"Tidak') are separate tokens in the training data, so split them in running text too.
_EXTRA_INFIXES = (
    r"[\"“”«»]",
    r"(?<=[^\W\d_])[:;](?=[^\W\d_]|[\"“'‘])",
)


# spaCy's Indonesian rules split digits around "/", which breaks dates such as 19/9/2022 apart.
_DROPPED_INFIXES = frozenset({r"(?<=[0-9])[\\/](?=[0-9%-])"})


def configure_tokenizer(nlp: Language) -> None:
    """Add Warta's infix rules to the pipeline's tokenizer (they are saved with the model)."""
    infixes = [rule for rule in nlp.Defaults.infixes or [] if rule not in _DROPPED_INFIXES]
    infixes += list(_EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load_tagger() -> Language:
    """Load the shipped entity tagger (cached: once per process)."""
    if not (MODEL_DIR / "config.cfg").exists():
        raise FileNotFoundError(f"entity tagger model missing: {MODEL_DIR}")
    return spacy.load(MODEL_DIR)


def tag_entities(text: str) -> list[tuple[int, int, str]]:
    """Character spans (start, end, label) of PER/ORG/LOC entities in raw running text."""
    if not text.strip():
        return []
    doc = load_tagger()(text)
    return [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in LABELS]


def _bio(doc: Doc) -> list[str]:
    return [f"{token.ent_iob_}-{token.ent_type_}" if token.ent_iob_ in ("B", "I") else "O" for token in doc]


def _tokens_to_doc(nlp: Language, tokens: list[str]) -> Doc:
    # spaCy tokens may not be empty or contain whitespace; such input tokens are kept in place
    # under a neutral stand-in so that the output stays aligned with the input.
    words = [re.sub(r"\s", "_", token) or "_" for token in tokens]
    return Doc(nlp.vocab, words=words)


def tag_tokens(tokens: list[str]) -> list[str]:
    """BIO tags (B-PER, I-ORG, O, ...) for one pre-tokenised sentence."""
    if not tokens:
        return []
    nlp = load_tagger()
    return _bio(nlp(_tokens_to_doc(nlp, tokens)))


def tag_token_batches(
    sentences: Iterable[list[str]], batch_size: int = 256, nlp: Language | None = None
) -> Iterator[list[str]]:
    """BIO tags for many pre-tokenised sentences (batched, faster than calling tag_tokens in a loop).

    `nlp` defaults to the shipped model; evaluation passes another trained pipeline.
    """
    nlp = nlp or load_tagger()
    docs = (_tokens_to_doc(nlp, tokens) for tokens in sentences)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield _bio(doc)


def _read_sentences(instream: TextIO) -> Iterator[list[str]]:
    tokens: list[str] = []
    for line in instream:
        line = line.rstrip("\r\n")
        if not line.strip():
            if tokens:
                yield tokens
            tokens = []
            continue
        if line.startswith("-DOCSTART-"):
            continue
        tokens.append(line.split("\t")[0] if "\t" in line else line.split()[0])
    if tokens:
        yield tokens


def tag_conll(instream: TextIO, outstream: TextIO) -> int:
    """Tag CoNLL input (first column = token, blank line between sentences).

    Writes `token<TAB>BIO-tag` lines with a blank line after each sentence; returns the number of
    sentences written.
    """
    count = 0
    sentences = _read_sentences(instream)
    while batch := list(islice(sentences, 256)):
        for tokens, tags in zip(batch, tag_token_batches(batch), strict=True):
            outstream.writelines(f"{token}\t{tag}\n" for token, tag in zip(tokens, tags, strict=True))
            outstream.write("\n")
            count += 1
    return count
