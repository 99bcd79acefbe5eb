"""The chunk-memoised tokenisation gives exactly spaCy's tokens, on written, random and (when present) real text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from spacy.attrs import IDX, IS_SPACE, LENGTH

from warta.nlp.tagger import _build_tokenizer, indonesian_tokenizer
from warta.nlp.tokens import ChunkTokenizer, SpecialCasesOnDemand, _chunks

WRITTEN = [
    "",
    " ",
    "  \n",
    " Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Wang Yi di Beijing, Selasa (19/9/2022).",
    "KOMPAS.com -- \"Kami tidak akan mundur,\" kata Sergey Lavrov.\n\nBaca Juga: Putin-Xi bertemu\n\t\u00a0 Harga naik 5,5%.",
    "Presiden Joko Widodo (Jokowi) dll. tiba pukul 10.30 WIB;kemudian ke PT Pertamina (Persero) Tbk.  Selesai.",
    "e-KTP, anti-korupsi, Rp1,5 triliun, AS-China, tahun 2022-2023, https://contoh.id/berita?id=1 dan @akun #tagar",
    "kata Xi:\"Tidak\" —'ya' …akhir\r\nbaris\u2009tipis\u3000ideografik   tiga spasi",
]


def _spacy_columns(text: str) -> list[list[int]]:
    doc = indonesian_tokenizer()(text)
    return doc.to_array([IDX, LENGTH, IS_SPACE]).T.tolist() if len(doc) else [[], [], []]


def _ours(tokenizer: ChunkTokenizer, text: str) -> list[list[int]]:
    return [list(column) for column in tokenizer(text)]


@pytest.mark.parametrize("text", WRITTEN)
def test_same_tokens_as_spacy_on_written_text(text: str):
    tokenizer = ChunkTokenizer(indonesian_tokenizer())
    assert _ours(tokenizer, text) == _spacy_columns(text)
    assert _ours(tokenizer, text) == _spacy_columns(text)  # second time from the memo


def test_same_tokens_as_spacy_on_random_strings():
    rnd = random.Random(7)
    alphabet = " \n\t\u00a0\u2009\r.,-/\"'“”()aZ9:;!?–—…"
    tokenizer = ChunkTokenizer(indonesian_tokenizer())
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert _ours(tokenizer, text) == _spacy_columns(text), repr(text)


def _on_demand() -> ChunkTokenizer:
    """What `warta.nlp.tagger.chunk_tokenizer` builds, fresh: special cases added as chunks that hold them come."""
    from spacy.lang.id import Indonesian

    return ChunkTokenizer(SpecialCasesOnDemand(_build_tokenizer(None), Indonesian.Defaults.tokenizer_exceptions))


def test_special_cases_on_demand_give_the_tokens_of_all_loaded():
    from spacy.lang.id import Indonesian

    rules = sorted(Indonesian.Defaults.tokenizer_exceptions)
    rnd = random.Random(3)
    texts = list(WRITTEN) + ["\n".join(rules[:8000]), "\n".join(rules[8000:])]  # every special case alone
    # glued to prefixes, suffixes, each other and letters ('(abu-abu),', 'mengabu-abu', 'dll.:)'), in random order
    glue = ["(", ")", ",", ".", "-", "\"", "'", ":", "meng", "an", "nya", "2022", ""]
    texts += ["".join(rnd.choice(glue) + rnd.choice(rules) + rnd.choice(glue) for _ in range(rnd.randint(1, 3)))
              + rnd.choice(" \n") for _ in range(4000)]
    alphabet = " \n\t\u00a0.,-/\"'()aZbu9:;!?–—…_^=<>xXDLc3"
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    # against the chunk tokenizer over the fully loaded spaCy tokenizer: the two differ from spaCy's whole-text
    # tokens alike where a special case spans a space ('Dr. iur.'), which no chunk holds
    loaded = ChunkTokenizer(indonesian_tokenizer())
    expected = [_ours(loaded, text) for text in texts]
    tokenizer = _on_demand()
    assert [_ours(tokenizer, text) for text in texts] == expected
    assert 0 < len(tokenizer._tokenize._added) <= len(rules)  # type: ignore[attr-defined]
    order = list(range(len(texts)))
    rnd.shuffle(order)  # the order special cases come in does not matter
    tokenizer = _on_demand()
    assert all(_ours(tokenizer, texts[i]) == expected[i] for i in order)


def test_chunks_follow_spacy_whitespace_rule():
    # a single plain space after a word belongs to the word; other whitespace runs are chunks of their own
    assert _chunks("a b") == [(0, "a"), (2, "b")]
    assert _chunks("a  b") == [(0, "a"), (2, " "), (3, "b")]
    assert _chunks("a\n b") == [(0, "a"), (1, "\n "), (3, "b")]
    assert _chunks("  a") == [(0, "  "), (2, "a")]


def test_memo_is_bounded(monkeypatch: pytest.MonkeyPatch):
    import warta.nlp.tokens as tokens

    monkeypatch.setattr(tokens, "_CACHE_LIMIT", 5)
    tokenizer = ChunkTokenizer(indonesian_tokenizer())
    text = " ".join(f"kata{i}" for i in range(40))
    assert _ours(tokenizer, text) == _spacy_columns(text)
    assert len(tokenizer._memo) <= 5


@pytest.mark.parametrize("special_cases", ["loaded", "on demand"])
def test_same_tokens_as_spacy_on_real_news(shared_dir: Path, special_cases: str):
    tokenizer = ChunkTokenizer(indonesian_tokenizer()) if special_cases == "loaded" else _on_demand()
    texts = [path.read_text(encoding="utf-8") for path in sorted((shared_dir / "seeds").glob("*.txt"))]
    lines = (shared_dir / "data" / "nlpid-postag" / "dataset_postag.txt").read_text(encoding="utf-8").split("\n\n")
    texts += [" ".join(row.split("\t")[0] for row in block.splitlines() if row) for block in lines[:3000]]
    for text in texts:
        assert _ours(tokenizer, text) == _spacy_columns(text)


def _spacy_prefix_search():
    from spacy.lang.id import Indonesian
    from spacy.util import compile_prefix_regex

    return compile_prefix_regex(Indonesian.Defaults.prefixes).search


def _span(match) -> tuple[int, int] | None:
    return None if match is None else match.span()


def test_prefix_search_finds_what_spacys_finds():
    # the tokenizer's prefix rule is matched at a word's start, and searched further only when a rule with a '|' of
    # its own matches later (spaCy's Indonesian rules have one: '<a ...>' is found anywhere in a word)
    ours, spacy_search = indonesian_tokenizer().prefix_search, _spacy_prefix_search()
    rnd = random.Random(11)
    alphabet = "<>/ab sprongi\"'“(.,-$€Rp0123456789%§=+…#@"
    texts = ["x<a href>", "<br/>Jakarta", "kata<b/>", "(\"<a x>", "<strong />", "ab<a>", ""]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(20_000)]
    found = [_span(ours(text)) for text in texts]
    assert found == [_span(spacy_search(text)) for text in texts]
    assert found[0] == (1, 9) and found[1] == (0, 1)  # a prefix found after the start, and one at the start


def test_prefix_search_on_real_news(shared_dir: Path):
    ours, spacy_search = indonesian_tokenizer().prefix_search, _spacy_prefix_search()
    words = {word for path in sorted((shared_dir / "seeds").glob("*.txt")) for word in path.read_text("utf-8").split()}
    for word in sorted(words):
        for start in range(len(word)):  # each tail too, as the tokenizer strips prefixes one by one
            assert _span(ours(word[start:])) == _span(spacy_search(word[start:])), word[start:]
