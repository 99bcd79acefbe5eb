"""Line rules of the text cleaner, one behaviour at a time (fictional text)."""

from __future__ import annotations

from warta.clean import clean_article
from warta.clean.rules import boilerplate_kind, split_glued_words
from warta.clean.text import clean_lines
from warta.errors import SkipArticle
from warta.record import Article, Source

LEAD = (
    "Pemerintah daerah mulai membagikan bantuan beras kepada 12.000 keluarga pada pekan ini. "
    "Pembagian dilakukan bertahap di setiap kelurahan."
)
SECOND = (
    "Kepala dinas sosial mengatakan bantuan akan berlanjut hingga akhir tahun. Warga diminta membawa kartu keluarga."
)


def removed_kinds(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {text: kind for text, kind in result.removed}


def test_merged_header_line_is_split_at_the_dateline() -> None:
    raw = (
        f"Bantuan Beras Mulai Dibagikan\nKabar daerah | 3 Maret 2024, 09:15 WIBSURABAYA, KOMPAS.TV - {LEAD}\n{SECOND}\n"
    )
    result = clean_lines(raw)
    assert result.paragraphs[0] == LEAD
    assert result.dateline is not None and result.dateline.city == "SURABAYA"
    assert result.section == "Kabar daerah"
    kinds = removed_kinds(result)
    assert kinds["Kabar daerah | 3 Maret 2024, 09:15 WIB"] == "date"
    assert kinds["SURABAYA, KOMPAS.TV -"] == "byline"


def test_body_keeps_subheadings_and_separates_paragraphs_by_one_blank_line() -> None:
    raw = (
        f"Judul Berita yang Cukup Panjang\n\nJakarta, IDN Times - {LEAD}\n\n\n\n1. Bantuan tahap pertama\n\n{SECOND}\n"
    )
    article = Article(id="a", source=Source(path="a.txt", format="txt", sha256="0" * 64))
    article._raw_text = raw
    clean_article(article)
    assert article.body == f"{LEAD}\n\n1. Bantuan tahap pertama\n\n{SECOND}"


def test_caption_repeating_the_lead_is_removed_once() -> None:
    lead_sentence = LEAD.split(". ")[0]
    raw = f"Judul Berita Bantuan Beras\n\n{lead_sentence}\nFoto: Dok. Pemkot\n{lead_sentence}\n\nREPUBLIKA.CO.ID, JAKARTA -- {LEAD}\n\n{SECOND}\n"
    result = clean_lines(raw)
    body = "\n\n".join(result.paragraphs)
    assert body.count(lead_sentence) == 1
    assert [kind for text, kind in result.removed if text == lead_sentence] == ["caption", "caption"]


def test_title_with_glued_photo_caption_is_removed() -> None:
    raw = f"Bantuan Beras Dibagikan\n\nJakarta, IDN Times - {LEAD}\n\nBantuan Beras DibagikanWarga antre beras (Pixabay.com/foto)\n\n{SECOND}\n"
    result = clean_lines(raw)
    assert "Pixabay" not in "\n".join(result.paragraphs)
    assert removed_kinds(result)["Bantuan Beras DibagikanWarga antre beras (Pixabay.com/foto)"] == "caption"


def test_boilerplate_kinds() -> None:
    assert boilerplate_kind("Baca Juga: Harga Cabai Naik Lagi") == "related"
    assert boilerplate_kind("BACA JUGA: Ikuti Berita Terkini di Sini") == "related"
    assert boilerplate_kind("Berita Lainnya") == "related"
    assert boilerplate_kind("Berita terkait") == "related"
    assert boilerplate_kind("Advertisement") == "ad"
    assert boilerplate_kind("Contohberita.co Dapatkan aplikasi di Play Store") == "ad"
    assert boilerplate_kind("Topik:") == "navigation"
    for word in ("Sidebar", "Berita", "Network", "Partner"):
        assert boilerplate_kind(word) == "navigation"
    assert boilerplate_kind("Media Community adalah media yang menyediakan platform untuk menulis.") == "disclaimer"
    assert boilerplate_kind("Suasana pasar pagi ini. - (AP/Reuters)") == "caption"
    assert boilerplate_kind("(abc/def)") == "byline"
    assert boilerplate_kind(LEAD) is None
    assert boilerplate_kind("Rapat digelar pada Senin (19/9/2022) di kantor gubernur.") is None


def test_glued_words_split_only_before_known_capitalised_words() -> None:
    assert split_glued_words("Ia bertemu denganPresiden di istana") == "Ia bertemu dengan Presiden di istana"
    assert split_glued_words("delegasi bertemuMenteri Perdagangan") == "delegasi bertemu Menteri Perdagangan"
    for kept in ("McDonald", "iPhone", "DeepMind", "YouTube", "@akunPresiden", "https://contoh.id/beritaPresiden"):
        assert split_glued_words(kept) == kept
    assert split_glued_words("kataBudi") == "kataBudi"  # Budi is not a listed word: no guess


def test_footer_credits_writer_badges_and_tags_are_removed() -> None:
    raw = (
        f"Judul Berita Bantuan Beras\n\nJakarta, IDN Times - {LEAD}\n\n{SECOND}\n\n"
        "Budi Santoso Photo Verified Writer Budi Santoso\n\nPenikmat Senja\n\nTopik:\n\n  • Rina Marlina\n\nBerita Terkini Lainnya\n"
    )
    result = clean_lines(raw)
    assert result.paragraphs == [LEAD, SECOND]
    assert result.editor_bullets == ["Rina Marlina"]
    kinds = removed_kinds(result)
    assert kinds["Budi Santoso Photo Verified Writer Budi Santoso"] == "byline"
    assert kinds["Berita Terkini Lainnya"] == "related"


def test_scraper_comma_joined_paragraphs_are_split() -> None:
    raw = f"Judul Berita Bantuan Beras\n\n{LEAD},{SECOND}, ,\n,\n"
    result = clean_lines(raw)
    assert result.paragraphs == [LEAD, SECOND]


def test_empty_input_is_skipped() -> None:
    article = Article(id="a", source=Source(path="a.txt", format="txt", sha256="0" * 64))
    article._raw_text = " \n \n"
    try:
        clean_article(article)
    except SkipArticle as skip:
        assert "empty" in skip.reason
    else:
        raise AssertionError("empty input was not skipped")


def test_every_floating_pattern_has_a_prefilter_keyword() -> None:
    # boilerplate_kind only runs the floating patterns on lines holding a keyword; a pattern without one never fires.
    import json

    from warta.clean.rules import DATA

    raw = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    for kind, patterns in raw["patterns"].items():
        for pattern in patterns:
            if not pattern.startswith("^") and not pattern.endswith("$"):
                assert any(keyword in pattern for keyword in raw["floating_keywords"]), (kind, pattern)


def test_every_end_pattern_has_a_prefilter_keyword() -> None:
    # boilerplate_kind only runs the end patterns on line tails holding a keyword: each pattern must contain one as a
    # literal character (escaped where the regex syntax needs it), or it would never fire.
    import json
    import re

    from warta.clean.rules import DATA

    raw = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    for kind, patterns in raw["patterns"].items():
        for pattern in patterns:
            if not pattern.startswith("^") and pattern.endswith("$"):
                assert any(re.escape(keyword) in pattern for keyword in raw["end_keywords"]), (kind, pattern)


def test_html_outlet_from_the_page_url_when_the_page_does_not_name_it() -> None:
    from warta.meta import extract_metadata

    paragraph = (
        "Pemerintah kota mengumumkan kebijakan baru bagi warga yang terdampak banjir pekan lalu. "
        "Bantuan akan disalurkan melalui kelurahan mulai besok pagi."
    )
    page = f"<html><head><title>Bantuan Banjir Disalurkan</title></head><body><article><h1>Bantuan Banjir Disalurkan</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    article = Article(
        id="u",
        source=Source(
            path="dump.jsonl", format="jsonl", sha256="0" * 64, url="https://www.kompas.tv/regional/123/bantuan"
        ),
    )
    article._raw_html = page
    clean_article(article)
    extract_metadata(article)
    assert article.outlet == "Kompas TV"
    assert article.title == "Bantuan Banjir Disalurkan"
    assert article.body.startswith("Pemerintah kota mengumumkan")
    assert article.published is None


def test_short_label_before_the_headline_is_not_the_title() -> None:
    raw = f"Ekonomi Bisnis\n\nHarga Beras Turun di Dua Puluh Provinsi\n\nJakarta, IDN Times - {LEAD}\n\n{SECOND}\n"
    result = clean_lines(raw)
    assert result.title == "Harga Beras Turun di Dua Puluh Provinsi"
    assert removed_kinds(result)["Ekonomi Bisnis"] == "other"


def test_footer_and_caption_examples() -> None:
    from warta.clean.rules import boilerplate_kind, starts_footer

    assert starts_footer("Tags: banjir, Jakarta") and starts_footer("A Photo Verified Writer A")
    assert starts_footer("TAGS : banjir") and starts_footer("Penulis: Andi")
    assert not starts_footer("Pemerintah mengumumkan kebijakan baru, kata dia.")
    assert not starts_footer("Banjir, Tags: Jakarta")  # a label opens the footer only at the line start
    assert boilerplate_kind("Warga mengungsi (Foto: Antara)") == "caption"
    assert boilerplate_kind("foto: Dok/Istimewa") == "caption"
    assert boilerplate_kind("Warga mengungsi ke tenda darurat di halaman masjid - (Reuters)") == "caption"
    assert boilerplate_kind("Warga mengungsi ke tenda darurat di halaman masjid.") is None
