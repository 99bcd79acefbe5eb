"""Coverage-guided fuzzing of the cleaner, metadata reader and quote extractor with atheris.

    pip install atheris
    python scripts/fuzz.py -max_total_time=600            # 10 minutes; any crash is written as crash-<hash>
    python scripts/fuzz.py crash-1234abcd                 # replay one input

Inputs are seeded from the demo corpus (a corpus folder is made in a temp dir). Every run checks the same invariants as
the property tests: no exception other than SkipArticle, offsets inside the body, body made only of input text.
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import warta.nlp  # noqa: F401 - imported here to be instrumented; run_until finds the stages through them
    import warta.quotes  # noqa: F401
    from warta.clean import clean_article
    from warta.errors import SkipArticle
    from warta.meta import extract_metadata
    from warta.pipeline import run_until
    from warta.record import Article, Source


def _squash(s: str) -> str:
    # the cleaner normalises Unicode (NFKC), so compare normalised text
    return "".join(unicodedata.normalize("NFKC", s).split())


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    art = Article(id="f", source=Source(path="f.txt", format="txt", sha256="0" * 64))
    art._raw_text = text
    try:
        clean_article(art)
        extract_metadata(art)
    except SkipArticle:
        return
    body = art.body
    if not _subsequence(_squash(body), _squash(text)):
        raise AssertionError("body contains text that is not in the input")
    # no entities: the extractor must cope with speakers it cannot link
    run_until(art, "quotes", given=("body", "entities"))
    for q in art.quotes:
        if not (0 <= q.start <= q.end <= len(body)):
            raise AssertionError(f"quote offsets outside the body: {q.start}-{q.end} of {len(body)}")


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        from warta.demo import corpus_dir

        seeds = Path(tempfile.mkdtemp(prefix="warta-fuzz-"))
        for p in sorted(corpus_dir().glob("*.txt")):
            (seeds / p.name).write_bytes(p.read_bytes())
        args.append(str(seeds))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
