"""Metadata rules one at a time: stamps, credits, datelines, cited media, registries, language (fictional text)."""

from __future__ import annotations

import pytest

from warta.clean import clean_article
from warta.meta import extract_metadata
from warta.meta.bylines import looks_like_credit, parse_credits
from warta.meta.cited import cited_media, wire_credit
from warta.meta.dateline import find_dateline, normalise_city
from warta.meta.dates import find_stamps, looks_like_date_line, publication_time
from warta.meta.registry import outlets, unknown_outlet_name
from warta.record import Article, Source


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
        ("Oleh Tim Global Liputan6.com", ["Tim Global Liputan6.com"], [], []),
        ("Tim detikcom - detikNews", ["Tim detikcom"], [], []),
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
        ("Nusa Dua, Bali (ANTARA) - Menteri", "Nusa Dua", "ANTARA"),
        ("SUKAMAJU, JAWA BARAT, KOMPAS.com - Warga", "Sukamaju", "KOMPAS.com"),
        ("REPUBLIKA.CO.ID, MUNICH -- Menlu", "München", "REPUBLIKA.CO.ID"),
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
    # Regional Tribun sites are outlets of their own, by marker and by their subdomain of tribunnews.com.
    assert registry.find_marker("TRIBUN-TIMUR.COM, MAKASSAR - Warga").name == "Tribun Timur"  # type: ignore[union-attr]
    assert registry.by_url("https://makassar.tribunnews.com/2023/05/17/a").name == "Tribun Timur"  # type: ignore[union-attr]
    assert registry.by_url("https://www.tribunnews.com/2023/05/17/a").name == "Tribunnews"  # type: ignore[union-attr]


def test_site_names_find_the_first_outlet_that_writes_them() -> None:
    registry = outlets()
    for outlet in registry.outlets:
        for written in (outlet.name, *outlet.markers, *outlet.domains):
            # any casing and punctuation of a name, marker or domain; the first outlet listing it wins
            first = next(o for o in registry.outlets
                         if _squashed(written) in {_squashed(w) for w in (o.name, *o.markers, *o.domains)})
            assert registry.by_name(f" {written.upper()}! ") is first, written
    assert registry.by_name("kompas com") is registry.by_name("KOMPAS.com") is not None
    assert registry.by_name("Harian Tidak Dikenal") is None and registry.by_name("") is None


def _squashed(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())


def test_unknown_sites_get_one_casing() -> None:
    assert unknown_outlet_name("KABAR-KOTA.CO.ID") == unknown_outlet_name("Kabar-Kota.co.id") == "Kabar-Kota.co.id"
    assert unknown_outlet_name("Warta Kota Kecil") == "Warta Kota Kecil"


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
    article.scratch.input_meta = {
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
    assert (
        cited_media("Menurut Ria, ketua RT setempat, warga sudah diminta mengungsi. Hal itu disampaikan kepada RT 05.")
        == []
    )


def _extract(raw: str) -> Article:
    article = Article(id="t", source=Source(path="t.txt", format="txt", sha256="0" * 64))
    article._raw_text = raw
    clean_article(article)
    extract_metadata(article)
    return article


LEAD = (
    "Pemerintah kota mengumumkan kebijakan baru bagi warga yang terdampak banjir pekan lalu di kawasan pesisir. "
    "Bantuan akan disalurkan melalui kelurahan mulai besok pagi."
)


def test_a_dateline_alone_on_its_line_starts_the_body() -> None:
    article = _extract(
        f"Bantuan Banjir Mulai Disalurkan ke Warga Pesisir\nSenin, 4 Mar 2024 10:00 WIB\nBandung -\n\n{LEAD}"
    )
    assert article.dateline == "Bandung"
    assert article.body.startswith("Pemerintah kota")
    # Not when what follows is no lead paragraph.
    article = _extract(f"Bantuan Banjir Mulai Disalurkan ke Warga Pesisir\nBandung -\nBaca juga\n{LEAD}")
    assert article.dateline is None


def test_a_bare_name_under_the_stamp_is_the_byline() -> None:
    header = "Kabarku.com\nBantuan Banjir Mulai Disalurkan ke Warga Pesisir\nSenin 4 Maret 2024 10:00 WIB\n"
    assert _extract(f"{header}Rina Wulandari\nSUKAMAJU - {LEAD}").authors == ["Rina Wulandari"]
    # A wire credit there is not a writer; nor is a short headline printed under a stamp that has no headline above.
    assert _extract(f"{header}Antara\nSUKAMAJU - {LEAD}").authors == []
    article = _extract(f"Senin 4 Maret 2024 10:00 WIB\nBanjir Surut Perlahan\nSUKAMAJU - {LEAD}")
    assert (article.title, article.authors) == ("Banjir Surut Perlahan", [])


def test_outlet_needs_evidence_in_the_text() -> None:
    stamp_and_credit = "Rabu, 21 Desember 2022 - 20:15 WIB\nOleh: Arif Setiawan\n"
    title = "Bantuan Banjir Mulai Disalurkan ke Warga Pesisir\n"
    assert _extract(f"{title}{stamp_and_credit}SUKAMAJU - {LEAD}").outlet is None
    assert _extract(f"{title}{stamp_and_credit}SUKAMAJU - {LEAD}\n\nSINDOnews.com").outlet == "SINDOnews"
    assert _extract(f"{title}{stamp_and_credit}TRIBUN-TIMUR.COM, SUKAMAJU - {LEAD}").outlet == "Tribun Timur"
    assert _extract(f"{title}{stamp_and_credit}KABAR-KOTA.CO.ID, SUKAMAJU - {LEAD}").outlet == "Kabar-Kota.co.id"


def test_credit_lines_name_every_wire() -> None:
    assert wire_credit("REUTERS | AL JAZEERA") == ["Reuters", "Al Jazeera"]
    assert wire_credit("(Antara)") == ["ANTARA"]
    assert wire_credit("AFP/Reuters") == ["AFP", "Reuters"]
    assert wire_credit("Reuters melaporkan pertemuan itu") == []
    assert wire_credit("Rina Wulandari") == []
    assert cited_media("", ["Reuters, Associated Press"]) == ["Reuters", "Associated Press"]
    footer = f"Bantuan Banjir Mulai Disalurkan ke Warga Pesisir\nSUKAMAJU - {LEAD}\n\nREUTERS | XINHUA"
    assert _extract(footer).cited_sources == ["Reuters", "Xinhua"]


def test_cached_stamps_are_copies_a_caller_may_change() -> None:
    from warta.meta import dates

    text = "Rabu 20 Sep 2023 14:35 WIB | Kamis, 21 September 2023"
    first = find_stamps(text)
    first.append(dates.Stamp("x", False, 0, 0))  # a caller's change to its list must not reach the cache
    assert find_stamps(text) == first[:-1]
    dates._stamps_in.cache_clear()
    assert find_stamps(text) == first[:-1]


def test_word_lists_become_tries_that_try_the_longest_word_first() -> None:
    import re

    from warta.meta.lookahead import longest_first_alternation

    trie = longest_first_alternation(["KOMPAS", "KOMPAS.com", "KOMPAS.TV", "Kontan"])
    assert trie == r"K(?:OMPAS(?:\.(?:TV|com))?|ontan)"
    assert [m.group(0) for m in re.finditer(trie, "KOMPAS.com, KOMPAS.TV, KOMPAS, Kontan")] == [
        "KOMPAS.com", "KOMPAS.TV", "KOMPAS", "Kontan"
    ]
    # the "no letter or digit before" check sits after the first letter, so the pattern opens with that letter
    guarded = re.compile(longest_first_alternation(["Antara"], not_after="[A-Za-z0-9]"))
    assert guarded.search("(Antara)") and not guarded.search("Santara")
    assert re.fullmatch(longest_first_alternation(["sept", "sep"], ignore_case=True), "SEPT", re.IGNORECASE)
    assert longest_first_alternation(["Ça", "ça"], ignore_case=True) == "Ça|ça"  # other cased letters: plain
    assert longest_first_alternation([]) == "(?!)"


def test_month_alternation_stays_a_sorted_alternation_where_a_trie_would_reorder() -> None:
    from warta.meta.dates import _month_alternation

    assert "(?:" in _month_alternation({"sept.": 9, "sept": 9, "september": 9})
    # "ab" (from "ab.") would be tried before the longer "abc" it is a prefix of: no trie
    assert _month_alternation({"ab.": 1, "abc": 2}) == r"ab\.?|abc"
