"""TF-IDF keyphrases: names and topics first, no function words or numbers, written casing, no overlaps."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.demo import corpus_dir
from warta.tone.keyphrases import extract_keyphrases, load_model, parse_df_table, word_runs

# A fictional article: the port and its operator are what it is about, and they are repeated, as news does.
ARTICLE = """Pelabuhan Tanjung Wangi Dibuka untuk Kapal Pesiar
Pemerintah Kabupaten Sarilaut meresmikan Pelabuhan Tanjung Wangi pada Senin (3/6/2024). Pelabuhan Tanjung Wangi
dikelola oleh PT Samudra Lestari dan akan melayani kapal pesiar dari Singapura serta Australia.

Direktur PT Samudra Lestari, Ratna Wulandari, mengatakan bahwa dermaga baru itu mampu menampung dua kapal pesiar
sekaligus. "Kami berharap Tanjung Wangi menjadi pintu masuk wisatawan ke Sarilaut," kata Ratna.

Menurut Ratna, Samudra Lestari menanamkan modal Rp 450 miliar untuk dermaga dan terminal penumpang. Bupati Sarilaut
menyebut Tanjung Wangi akan membuka lapangan kerja bagi warga pesisir.
"""


def _lower_words(phrases: list[str]) -> set[str]:
    return {word for phrase in phrases for word in phrase.lower().split()}


def test_repeated_topical_name_ranks_in_top_three() -> None:
    phrases = extract_keyphrases(ARTICLE)
    assert len(phrases) == 10
    assert any("Tanjung Wangi" in phrase for phrase in phrases[:3]), phrases


def test_function_words_digits_and_dateline_words_never_appear() -> None:
    model = load_model()
    for text in [ARTICLE] + [path.read_text(encoding="utf-8") for path in sorted(corpus_dir().glob("*.txt"))[:15]]:
        for phrase in extract_keyphrases(text):
            words = phrase.lower().split()
            assert not any(char.isdigit() for char in phrase), phrase
            # Stopwords may sit inside a name ("Menteri Luar Negeri") but never at its edges.
            assert words[0] not in model.stopwords and words[-1] not in model.stopwords, phrase
            assert not {"senin", "wib", "yang", "dan", "di"} & set(words), phrase


def test_written_casing_is_kept_and_phrases_come_from_the_text() -> None:
    phrases = extract_keyphrases(ARTICLE)
    flat_text = " ".join(ARTICLE.split())
    for phrase in phrases:
        assert phrase in flat_text, phrase
    assert "PT Samudra Lestari" in flat_text
    assert any(phrase in {"Samudra Lestari", "PT Samudra Lestari"} for phrase in phrases), phrases
    # The Title Case headline does not set the casing of a phrase the body writes in lower case.
    assert "kapal pesiar" in phrases and "Kapal Pesiar" not in phrases


def test_overlapping_phrases_are_filtered() -> None:
    phrases = extract_keyphrases(ARTICLE)
    word_sets = [set(phrase.lower().split()) for phrase in phrases]
    for index, words in enumerate(word_sets):
        for other in word_sets[:index]:
            assert not words <= other and not other <= words, (phrases[index], other)
            assert len(words & other) < 2, (phrases[index], other)
    # "Tanjung" or "Wangi" alone would only repeat the port's name.
    assert not {"Tanjung", "Wangi", "Pelabuhan"} & set(phrases)


def test_verbs_do_not_start_or_end_phrases() -> None:
    phrases = extract_keyphrases(ARTICLE)
    assert not _lower_words(phrases) & {"meresmikan", "mengatakan", "menanamkan", "menyebut", "dikelola", "dibuka"}


def test_deterministic_and_top_respected() -> None:
    first = extract_keyphrases(ARTICLE)
    assert extract_keyphrases(ARTICLE) == first
    assert extract_keyphrases(ARTICLE, top=3) == first[:3]


def test_empty_and_wordless_text() -> None:
    assert extract_keyphrases("") == []
    assert extract_keyphrases("  \n\t ") == []
    assert extract_keyphrases("2024, 12.30 WIB: 45 %") == []


WORDS = ["Presiden", "Jokowi", "bertemu", "menteri", "luar", "negeri", "di", "Jakarta", "yang", "kerja", "sama",
         "militer", "Rusia", "China", "AS", "2023", ".", ",", "(", ")", "\n", "-", "dan", "sanksi", "Barat", "’",
         "Ma'ruf", "U-22", "bertubi-tubi", "_", "…"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_any_word_sequence_gives_clean_phrases(words: list[str]) -> None:
    text = " ".join(words)
    phrases = extract_keyphrases(text)
    assert len(phrases) <= 10 and len(set(phrases)) == len(phrases)
    flat = " ".join(text.split())
    for phrase in phrases:
        assert phrase in flat and not any(char.isdigit() for char in phrase)
        assert 1 <= len(phrase.split()) <= 3


def test_word_runs_break_at_punctuation_numbers_and_stray_hyphens() -> None:
    runs = [run.split() for run in word_runs("Rusia-China, kata Ma'ruf - lalu 2024 U-22 pergi.\nBaru")]
    assert runs == [["Rusia-China"], ["kata", "Ma'ruf"], ["lalu"], ["pergi"], ["Baru"]]


def _build_script():  # noqa: ANN202 - a module loaded from scripts/
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_keyphrase_idf.py"
    spec = importlib.util.spec_from_file_location("build_keyphrase_idf", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_writes_a_table_the_loader_reads(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.tsv"
    sentences = [
        [("Pemerintah", "NN"), ("membangun", "VB"), ("pelabuhan", "NN"), (".", "SYM")],
        [("Pemerintah", "NN"), ("meresmikan", "VB"), ("bandara", "NN"), ("2024", "NUM")],
        [("Warga", "NN"), ("menyambut", "VB"), ("pelabuhan", "NN"), ("baru", "JJ")],
        [("Pemerintah", "NNP"), ("dan", "CC"), ("warga", "NN")],
    ]
    corpus.write_text("\n\n".join("\n".join(f"{token}\t{tag}" for token, tag in s) for s in sentences) + "\n",
                      encoding="utf-8")
    script = _build_script()
    documents, frequencies, tags = script.document_frequencies(script.read_sentences(corpus))
    out = tmp_path / "df.tsv.gz"
    kept = script.write_table(out, documents, frequencies, tags, min_df=2, source="test corpus")
    assert documents == 4
    assert kept == 3  # pemerintah (3), pelabuhan (2), warga (2); "2024" is not a word
    idf, unknown_idf, table_tags = parse_df_table(gzip.decompress(out.read_bytes()).decode("utf-8"))
    assert set(idf) == {"pemerintah", "pelabuhan", "warga"}
    assert table_tags["pemerintah"] == "NN" and table_tags["pelabuhan"] == "NN"
    assert idf["pemerintah"] < idf["pelabuhan"] < unknown_idf
    # The same corpus always gives the same bytes (no time stamp in the gzip header).
    again = tmp_path / "again.tsv.gz"
    script.write_table(again, documents, frequencies, tags, min_df=2, source="test corpus")
    assert again.read_bytes() == out.read_bytes()
