"""Metadata rules one at a time: stamps, credits, datelines, cited media, registries, language (fictional text)."""

from __future__ import annotations

import pytest

from warta.meta.bylines import looks_like_credit, parse_credits
from warta.meta.cited import cited_media
from warta.meta.dateline import find_dateline, normalise_city
from warta.meta.dates import find_stamps, looks_like_date_line, publication_time
from warta.meta.registry import outlets


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Rabu 20 Sep 2023 14:35 WIB", "2023-09-20T14:35:00+07:00"),
        ("19 September 2022, 21:44 WIB", "2022-09-19T21:44:00+07:00"),
        ("Thursday, 16 Dec 2021 20:20 WIB", "2021-12-16T20:20:00+07:00"),
        ("20/09/2023, 14:35 WIB", "2023-09-20T14:35:00+07:00"),
        ("Selasa, 5 Maret 2024 14.35 WITA", "2024-03-05T14:35:00+08:00"),
        ("Jumat, 01 Des 2023 08.05 WIT", "2023-12-01T08:05:00+09:00"),
        ("Senin, 19 Sep 2022 | 21:44 WIB", "2022-09-19T21:44:00+07:00"),
        ("detikNewsSenin, 19 Sep 2022 14:00 WIB", "2022-09-19T14:00:00+07:00"),
        ("Kompas.com - 19/09/2022, 21:44 WIB", "2022-09-19T21:44:00+07:00"),
        ("Sep 20, 2023 14:35 WIB", "2023-09-20T14:35:00+07:00"),
        ("Selasa, 20 September 2023 - 14:35 WIB", "2023-09-20T14:35:00+07:00"),
        ("14:35 WIB, Rabu 20 September 2023", "2023-09-20T14:35:00+07:00"),
        ("2023-09-20T14:35:00+07:00", "2023-09-20T14:35:00+07:00"),
        ("2024/03/04 14:35:00", "2024-03-04T14:35:00+07:00"),
        ("Senin, 4 Maret 2024 09:15", "2024-03-04T09:15:00+07:00"),
    ],
)
def test_stamps(text: str, iso: str) -> None:
    assert find_stamps(text)[0].iso == iso


def test_dates_without_a_time_are_not_stamps() -> None:
    assert find_stamps("Rapat digelar Senin (19/9/2022) di Jakarta.") == []
    assert publication_time(["Senin, 19 September 2022"]) is None


def test_first_publication_wins_over_update() -> None:
    lines = ["Diperbarui 20 Sep 2023, 16:00 WIB", "Oleh Budi pada 20 Sep 2023, 14:35 WIB"]
    assert publication_time(lines) == "2023-09-20T14:35:00+07:00"
    assert publication_time(["Diperbarui 20 Sep 2023, 16:00 WIB"]) == "2023-09-20T16:00:00+07:00"


def test_date_lines_are_short_stamp_lines_not_sentences() -> None:
    assert looks_like_date_line("Krisis pangan | 19 September 2022, 21:44 WIB")
    assert not looks_like_date_line("Wang tiba di Rusia pada Senin (18/9/2023) dalam kunjungan empat hari.")


@pytest.mark.parametrize(
    ("line", "authors", "editors", "sources"),
    [
        ("Penulis : Budi Santoso Editor : Rina Wati-Agus Salim", ["Budi Santoso"], ["Rina Wati", "Agus Salim"], []),
        ("Rep: Dewi Lestari/ Red: Andi Saputra", ["Dewi Lestari"], ["Andi Saputra"], []),
        ("CONTOH.CO.ID, Oleh: Ani Yudha, Rudi Hartono, Lia Sari", ["Ani Yudha", "Rudi Hartono", "Lia Sari"], [], []),
        ("Penulis Ihsan Malik | Editor Bayu Galih", ["Ihsan Malik"], ["Bayu Galih"], []),
        ("Laporan Wartawan Tribunnews.com, Danang Prasetyo", ["Danang Prasetyo"], [], []),
        ("Ahmad Wahid - detikNews", ["Ahmad Wahid"], [], []),
        ("Pewarta: Andi Firdaus dan Nur Aini Editor: Agus Salim", ["Andi Firdaus", "Nur Aini"], ["Agus Salim"], []),
        ("Oleh Dewi Lestari pada 20 Sep 2023, 14:35 WIB", ["Dewi Lestari"], [], []),
        ("Tono Sukirman Photo Verified Writer Tono Sukirman", ["Tono Sukirman"], [], []),
        ("Reporter: Pipit Ika,Sumber: Liputan6.com", ["Pipit Ika"], [], ["Liputan6.com"]),
        ("Penyunting: Citra Dewi", [], ["Citra Dewi"], []),
        ("Sumber : Associated Press", [], [], ["Associated Press"]),
    ],
)
def test_credits(line: str, authors: list[str], editors: list[str], sources: list[str]) -> None:
    assert looks_like_credit(line)
    credits = parse_credits(line)
    assert (credits.authors, credits.editors, credits.sources) == (authors, editors, sources)


def test_dateline_city_is_not_an_author() -> None:
    assert not looks_like_credit("SURABAYA, KOMPAS.com")
    assert not looks_like_credit("Penulis buku itu mengatakan kisahnya diangkat dari pengalaman pribadi sang ayah.")


@pytest.mark.parametrize(
    ("line", "city", "outlet"),
    [
        ("Kabar | 19 September 2022, 21:44 WIBMOSKOW, KOMPAS.TV - Rusia dan", "Moskow", "KOMPAS.TV"),
        ("REPUBLIKA.CO.ID, MOSKOW -- Seorang pejabat", "Moskow", "REPUBLIKA.CO.ID"),
        ("Berita Baru, Washington – Di saat", "Washington", "Berita Baru"),
        ("Jakarta, IDN Times - Rusia semakin", "Jakarta", "IDN Times"),
        ("JAKARA -- Rusia dan China", "Jakarta", None),
        ("JAKARTA (ANTARA) - Presiden", "Jakarta", "ANTARA"),
        ("Bandung - Hujan deras", "Bandung", None),
        ("BANDA ACEH, KOMPAS.com - Warga", "Banda Aceh", "KOMPAS.com"),
        ("GENEVA, KOMPAS.com - Pertemuan", "Jenewa", "KOMPAS.com"),
        ("KOTA BARU SELATAN - Warga desa", "Kota Baru Selatan", None),
    ],
)
def test_datelines(line: str, city: str, outlet: str | None) -> None:
    dateline = find_dateline(line, anywhere=True)
    assert dateline is not None
    assert normalise_city(dateline.city) == city
    assert dateline.outlet_marker == outlet


def test_not_datelines() -> None:
    for line in (
        "NATO - dia",
        "Rusia semakin dekat - kata",
        "Merdeka.com - Senin, 1 April 2024 18:30",
        "Penulis : A Editor : B",
    ):
        assert find_dateline(line, anywhere=True) is None


def test_cited_media_need_a_citing_cue() -> None:
    text = (
        "Mereka akan fokus pada latihan, kutip Reuters. Hal itu disampaikan dalam wawancara, dikutip dari Al Jazeera. "
        "Pertemuan berlangsung hangat, dilaporkan Xinhua News Agency. Ia pernah bekerja di CNN dan BBC sebelum pindah. "
        "Hal itu diumumkan, lapor penyiar negara China CCTV tentang panggilan tersebut."
    )
    assert cited_media(text) == ["Reuters", "Al Jazeera", "Xinhua", "CCTV"]
    assert cited_media("Kantor berita Yonhap melaporkan rombongan itu tiba.") == ["Yonhap"]
    assert cited_media("", ["Associated Press"]) == ["Associated Press"]
    assert cited_media("kata dia, dikutip ANTARA.", exclude="ANTARA") == []


def test_outlet_registry() -> None:
    registry = outlets()
    assert len(registry.outlets) >= 40
    for marker, name in [
        ("REPUBLIKA.CO.ID", "Republika"),
        ("KOMPAS.TV", "Kompas TV"),
        ("KOMPAS.com", "Kompas.com"),
        ("IDN Times", "IDN Times"),
        ("IHRAM.CO.ID", "Ihram"),
        ("Beritabaru.co", "Berita Baru"),
        ("CNN Indonesia", "CNN Indonesia"),
        ("detikNews", "detik.com"),
        ("ANTARA", "ANTARA"),
    ]:
        assert registry.find_marker(f"xx {marker} yy").name == name  # type: ignore[union-attr]
    assert registry.by_url("https://www.kompas.tv/article/1").name == "Kompas TV"  # type: ignore[union-attr]
    assert registry.by_url("https://news.detik.com/berita/d-1").name == "detik.com"  # type: ignore[union-attr]
    assert registry.find_marker("Partai Republikan menang") is None


def test_dateparser_reads_stamps_the_rules_miss() -> None:
    assert find_stamps("Rabu, 20-Sep-2023 14:35 WIB") == []
    assert publication_time(["Rabu, 20-Sep-2023 14:35 WIB"]) == "2023-09-20T14:35:00+07:00"
    assert publication_time(["20 Sep, 2023 14:35 WITA"]) == "2023-09-20T14:35:00+08:00"


def test_fields_given_beside_the_text_fill_gaps() -> None:
    from warta.clean import clean_article
    from warta.meta import extract_metadata
    from warta.record import Article, Source

    article = Article(id="j", source=Source(path="a.jsonl", format="jsonl", sha256="0" * 64, record=1))
    article._raw_text = (
        "Pemerintah kota mengumumkan kebijakan baru bagi warga yang terdampak banjir pekan lalu. "
        "Bantuan akan disalurkan melalui kelurahan mulai besok pagi."
    )
    article.scratch["input_meta"] = {
        "title": "Bantuan Banjir Disalurkan",
        "date": "2024-03-04T10:00:00+07:00",
        "author": "Rina Wati",
    }
    clean_article(article)
    extract_metadata(article)
    assert (article.title, article.published, article.authors) == (
        "Bantuan Banjir Disalurkan",
        "2024-03-04T10:00:00+07:00",
        ["Rina Wati"],
    )


def test_city_typos_are_fuzzy_matched_but_real_neighbours_are_not() -> None:
    assert normalise_city("JAKARA") == "Jakarta"
    assert normalise_city("MOSKOWW") == "Moskow"
    assert normalise_city("SOLOK") == "Solok"  # a city of its own, not a typo of Solo
    assert normalise_city("KOTA BARU") == "Kota Baru"
    assert normalise_city("SURABAJA") == "Surabaya"


def test_names_and_local_words_are_not_media() -> None:
    assert cited_media("Menurut Ria, ketua RT setempat, warga sudah diminta mengungsi. Hal itu disampaikan kepada RT 05.") == []
