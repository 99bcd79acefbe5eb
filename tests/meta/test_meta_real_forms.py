"""Metadata in the forms real Indonesian pages and dumps print it (issue 21); every text here is fictional."""

from __future__ import annotations

import pytest

from warta.clean import clean_article
from warta.clean.page import declared_people, reconcile_title, strip_site_name
from warta.meta import extract_metadata
from warta.meta.bylines import is_person, parse_credits
from warta.meta.dateline import find_dateline
from warta.meta.lang import detect_language
from warta.meta.registry import outlets
from warta.record import Article, Source

LEAD = (
    "Pemerintah kota mengumumkan kebijakan baru bagi warga yang terdampak banjir pekan lalu. "
    "Bantuan akan disalurkan melalui kelurahan mulai besok pagi."
)


def _text_article(text: str) -> Article:
    article = Article(id="t", source=Source(path="t.txt", format="txt", sha256="0" * 64))
    article._raw_text = text
    clean_article(article)
    extract_metadata(article)
    return article


def _html_article(page: str, url: str | None = None) -> Article:
    article = Article(id="h", source=Source(path="h.html", format="html", sha256="0" * 64, url=url))
    article._raw_html = page
    clean_article(article)
    extract_metadata(article)
    return article


@pytest.mark.parametrize(
    ("line", "outlet", "lead"),
    [
        ("Liputan6.com, Jakarta -Warga", "Liputan6.com", "Warga"),
        ("TEMPO.CO,Jakarta-Pengurus", "Tempo", "Pengurus"),
        ("Posmetro.co.id,INDRAMAYU –Bupati", "Posmetro Indramayu", "Bupati"),
        ("POSMETRO MEDAN– Dua", "Posmetro Medan", "Dua"),
        ("BINTAN, Posmetro.co: Adzan", "Posmetro Batam", "Adzan"),
        ("KARIMUN, POSMETRO.CO:PT", "Posmetro Batam", "PT"),
        ("Liputan6.com, JakartaTim", "Liputan6.com", "Tim"),
        ("TRIBUNJATENG.COM - Berikut", "Tribun Jateng", "Berikut"),
        ("TRIBUN-MEDAN.COM,- Polisi", "Tribun Medan", "Polisi"),
    ],
)
def test_datelines_as_real_outlets_print_them(line: str, outlet: str, lead: str) -> None:
    dateline = find_dateline(line + " ini kabar kota.")
    assert dateline is not None and dateline.outlet_marker is not None
    assert outlets().by_marker[dateline.outlet_marker].name == outlet
    assert (line + " ini kabar kota.")[dateline.end :].startswith(lead)


@pytest.mark.parametrize(
    ("line", "city", "lead"),
    [("SURYA.co.id | SIDOARJO - Polisi", "SIDOARJO", "Polisi"), ("Tribunjogja.com I SLEMAN - Warga", "SLEMAN", "Warga")],
)
def test_a_bar_between_the_site_and_the_city_is_a_dateline(line: str, city: str, lead: str) -> None:
    dateline = find_dateline(line + " ini kabar kota.")
    assert dateline is not None and dateline.city == city and dateline.outlet_marker is not None
    assert (line + " ini kabar kota.")[dateline.end :].startswith(lead)


def test_a_colon_after_a_credit_label_is_not_a_dateline() -> None:
    assert find_dateline("IHRAM.CO.ID, Oleh: Rina Wati") is None
    assert find_dateline("Presiden: Kami akan bekerja") is None


def test_the_registry_covers_the_national_and_regional_press() -> None:
    registry = outlets()
    assert len(registry.outlets) >= 80
    assert registry.by_url("https://jateng.tribunnews.com/2025/06/10/x").name == "Tribun Jateng"
    assert registry.by_url("https://www.tribunnews.com/nasional/x").name == "Tribunnews"
    zones = {o.name: o.zone for o in registry.outlets}
    assert zones["Tribun Bali"] == "WITA" and zones["Kompas.com"] == "WIB"


def test_a_dump_names_its_outlet_in_a_glued_dateline() -> None:
    article = _text_article(
        f"Banjir Rendam Kampung\n\nSenin, 4 Maret 2024 10:00 WIB\n\nLiputan6.com, Jakarta -{LEAD}\n"
    )
    assert article.outlet == "Liputan6.com"
    assert article.body.startswith("Pemerintah kota")


def test_a_byline_line_is_never_the_title() -> None:
    text = f"Banjir Rendam Kampung di Tepi Kali...\n\nKompas.com - 04/03/2024, 10:00 WIB\n\nRina Wati, Budi Santoso Tim Redaksi\n\n{LEAD}\n"
    article = _text_article(text)
    assert article.title == "Banjir Rendam Kampung di Tepi Kali..."
    assert article.authors == ["Rina Wati", "Budi Santoso"]


def test_a_headline_naming_a_day_is_the_title_not_a_stamp() -> None:
    article = _text_article(
        f"Rombongan Pertama Tiba 12 Juni 2025 di Asrama Kota\n\n10 Juni 2025 - 08:52 WIB\n\n{LEAD}\n"
    )
    assert article.title == "Rombongan Pertama Tiba 12 Juni 2025 di Asrama Kota"
    assert article.published == "2025-06-10T08:52:00+07:00"


def test_a_long_question_headline_over_the_stamp_is_the_title() -> None:
    headline = "Tiga Pemain Muda yang Dijagokan Jadi Starter di Laga Persahabatan Pekan Depan, Ada Nama Baru Lagi?"
    article = _text_article(f"{headline}\n\nSabtu, 7 Juni 2025 22:26 WIB\n\n{LEAD}\n")
    assert article.title == headline
    assert article.body.startswith("Pemerintah kota")


def test_a_one_sentence_news_item_is_kept() -> None:
    article = _text_article("JAKARTA - Menteri Luar Negeri … bertemu … di Moskow.\n")
    assert article.body == "Menteri Luar Negeri … bertemu … di Moskow."
    assert article.dateline == "Jakarta"
    assert article.short  # stored and flagged short, not skipped


def test_a_full_article_is_not_flagged_short() -> None:
    article = _text_article("JAKARTA - " + " ".join([LEAD] * 5) + "\n")
    assert not article.short


def test_the_short_flag_is_stored_and_exported(tmp_path) -> None:
    from warta.store import Store

    article = _text_article("JAKARTA - Menteri Luar Negeri bertemu mitranya di Moskow untuk membahas kerja sama.\n")
    with Store(tmp_path / "w.db") as store:
        store.save_article(article)
        column = store.conn.execute("SELECT short FROM articles WHERE id = ?", (article.id,)).fetchone()[0]
        exported = [a.to_dict() for a in store.iter_articles()]
    assert column == 1
    assert exported[0]["short"] is True


def test_a_short_indonesian_item_is_not_taken_for_english() -> None:
    assert detect_language("Menlu bertemu Lavrov\nMenteri Luar Negeri bertemu Lavrov di Moskow.")[0] == "id"
    assert detect_language("The minister met his counterpart in Moscow on Monday.")[0] == "en"


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Banjir Rendam Kampung - Tribunnews.com", "Banjir Rendam Kampung"),
        ("Banjir rendam kampung | merdeka.com", "Banjir rendam kampung"),
        ("Enam Cara Hemat, Tertarik Mencoba? : Okezone Economy", "Enam Cara Hemat, Tertarik Mencoba?"),
        ("Banjir Rendam Kampung - Kompas.com Bola", "Banjir Rendam Kampung"),
        ("Banjir Rendam Kampung | Republika Online", "Banjir Rendam Kampung"),
        ("KapanLagi.com: Penyanyi Muda Rilis Album Baru", "Penyanyi Muda Rilis Album Baru"),
        ("Wali Kota: Banjir Surut Besok - Berita Daerah KabarKota.id", "Wali Kota: Banjir Surut Besok"),
        ("Wali Kota: Banjir Surut Besok", "Wali Kota: Banjir Surut Besok"),
        ("Harga Naik - Turun di Pasar Kota", "Harga Naik - Turun di Pasar Kota"),
    ],
)
def test_site_names_are_stripped_from_page_titles(title: str, headline: str) -> None:
    assert strip_site_name(title) == headline


def test_the_on_page_headline_wins_over_a_meta_title_without_its_punctuation() -> None:
    meta = ["Harga Hari Ini Sempat Naik, Lalu Turun", "Harga Hari Ini Sempat Naik, Lalu Turun - Kabar Kota"]
    assert reconcile_title(meta, ["Ekonomi", "Harga Hari Ini: Sempat Naik, Lalu Turun?"], []) == (
        "Harga Hari Ini: Sempat Naik, Lalu Turun?"
    )
    assert reconcile_title([], ["Menu", "Bola Api Melintas di Langit Kota"], []) == "Bola Api Melintas di Langit Kota"


def test_organisations_and_desks_are_not_people() -> None:
    for name in (
        "Kompas Cyber Media",
        "PT VIVA MEDIA BARU",
        "Kabarkota Com Developer",
        "Media Indonesia",
        "Tim Redaksi",
    ):
        assert not is_person(name), name
    assert is_person("Rina Wati") and is_person("Tim Global Liputan6.com")
    assert parse_credits("Jurnalis: Rina Wati").authors == ["Rina Wati"]


def test_declared_people_separate_authors_from_editors() -> None:
    page = (
        '<meta name="content_author" content="Rina Wati"><meta name="content_editor" content="Budi Santoso">'
        "<script>dataLayer.push({'author': 'Sari Dewi Lestari', 'editor': 'Sari'});</script>"
        '<script type="application/ld+json">{"author": {"@type": "Person", "name": "Budi Santoso"}}</script>'
    )
    authors, editors = declared_people(page)
    assert authors == ["Rina Wati", "Sari Dewi Lestari", "Budi Santoso"]
    assert editors == ["Budi Santoso", "Sari"]


def _page(byline: str, head: str = "", stamp: str = "") -> str:
    return (
        f"<html><head><title>Banjir Rendam Kampung - Kabar Kota</title>{head}</head><body>"
        f"<h1>Banjir Rendam Kampung</h1>{byline}{stamp}<article><p>{LEAD}</p><p>{LEAD} Warga diminta waspada.</p>"
        "</article></body></html>"
    )


def test_html_credit_blocks_laid_out_as_role_words() -> None:
    jurnalis = _html_article(_page("<div class='nm'><div>Rina Wati </div><span>Jurnalis</span></div>"))
    assert jurnalis.authors == ["Rina Wati"]
    two = _html_article(
        _page(
            "<ul><li>Author</li><li><span>Rina Wati</span></li><li><span>Budi Santoso</span></li><li>Editor</li>"
            "<li><span>Sari Dewi</span></li></ul>"
        )
    )
    assert two.authors == ["Rina Wati", "Budi Santoso"] and two.editors == ["Sari Dewi"]
    organisation = _html_article(_page("", head='<meta name="author" content="PT Kabar Kota Media">'))
    assert organisation.authors == []
    assert organisation.title == "Banjir Rendam Kampung"


def test_html_visible_stamp_wins_over_a_contradicting_declaration() -> None:
    head = '<meta itemprop="datePublished" content="2014-07-13T20:07:27">'
    stamp = "<div class='date'>Kamis 09 Juli 2020 07:26 WIB</div>"
    assert _html_article(_page("", head=head, stamp=stamp)).published == "2020-07-09T07:26:00+07:00"
    agreeing = head + '<meta property="article:published_time" content="2020-07-09T07:26:05+07:00">'
    assert _html_article(_page("", head=agreeing, stamp=stamp)).published == "2020-07-09T07:26:05+07:00"
    assert _html_article(_page("", head=head)).published == "2014-07-13T20:07:27+07:00"


def test_html_outlet_from_a_page_byline() -> None:
    article = _html_article(_page("<div class='author'>Rina Wati - <span>detikInet</span></div>"))
    assert article.outlet == "detik.com"
    assert article.authors == ["Rina Wati"]


def test_a_dump_without_paragraphs_keeps_its_headline() -> None:
    article = _text_article(
        "Lirik Lagu Kota Tua - Penyanyi Muda, Lagu Baru\n\nSenin, 9 Juni 2025 20:33 WIB\n\n"
        "Intro :\n\nC..Em..Am..\n\nReff :\n\nkota tua di hati\n\nselalu kembali ke sana\n\nwalau jauh di mata\n\n"
        "tetap dekat di hati kita.\n"
    )
    assert article.title == "Lirik Lagu Kota Tua - Penyanyi Muda, Lagu Baru"
    assert article.body.startswith("Intro")


def test_the_outlet_speaking_of_itself_names_it_when_nothing_else_does() -> None:
    article = _text_article(f"Banjir Rendam Kampung\n\n{LEAD} Warga bercerita kepada Tempo di lokasi.\n")
    assert article.outlet == "Tempo"
    quoting = _text_article(f"Banjir Rendam Kampung\n\n{LEAD} Mengutip Kompas.com, bantuan tiba besok.\n")
    assert quoting.outlet is None


def test_a_promo_at_the_end_of_a_one_line_article_leaves_the_article() -> None:
    body = " ".join([LEAD] * 5) + " Download aplikasi KabarTV sekarang juga!"
    article = _text_article(f"Banjir Rendam Kampung\n\nJAKARTA - {body}\n")
    assert article.body == " ".join([LEAD] * 5)
    assert any(r.kind == "ad" and r.text.startswith("Download aplikasi") for r in article.removed)


def test_a_dateline_city_with_its_region() -> None:
    dateline = find_dateline("Liputan6.com, Washington, DC -Seorang ilmuwan tiba.")
    assert dateline is not None and (dateline.city, dateline.outlet_marker) == ("Washington", "Liputan6.com")


def test_a_headline_with_a_full_stop_over_a_scroll_prompt() -> None:
    article = _text_article(
        f"Pemerintah Diminta Bicara dengan Warga.\n\nScroll ke bawah untuk membaca berita\n\n{LEAD}\n"
    )
    assert article.title == "Pemerintah Diminta Bicara dengan Warga."
    assert ("Scroll ke bawah untuk membaca berita", "ad") in [(r.text, r.kind) for r in article.removed]


@pytest.mark.parametrize(
    ("stamp", "dateline", "published"),
    [
        # A WITA outlet's stamp without a zone is local (Bali) time; a WIT outlet's likewise.
        ("Selasa, 10 Juni 2025 09:30", "TRIBUN-BALI.COM, DENPASAR - ", "2025-06-10T09:30:00+08:00"),
        ("Selasa, 10 Juni 2025 09:30", "TRIBUN-PAPUA.COM, JAYAPURA - ", "2025-06-10T09:30:00+09:00"),
        # A zone the stamp names wins over the outlet's; an outlet without a zone of its own reads WIB.
        ("Selasa, 10 Juni 2025 09:30 WIB", "TRIBUN-BALI.COM, DENPASAR - ", "2025-06-10T09:30:00+07:00"),
        ("Selasa, 10 Juni 2025 09:30", "TRIBUNJATENG.COM, SEMARANG - ", "2025-06-10T09:30:00+07:00"),
    ],
)
def test_a_stamp_without_a_zone_is_read_in_the_outlets_zone(stamp: str, dateline: str, published: str) -> None:
    article = _text_article(f"Warga Antre Air Bersih di Pusat Kota\n{stamp}\n{dateline}{LEAD}\n")
    assert article.published == published


@pytest.mark.parametrize(
    "sentence",
    [
        "Beberapa waktu lalu, timTempomulai mendengar kabar soal rencana itu dari warga.",
        "Namanya berkali-kali ditulis dalam laporanTemposejak kariernya menanjak di daerah.",
        "Kami di Desk Nasional MajalahTempotak terkejut dengan tanggapan para pejabat itu.",
    ],
)
def test_the_outlet_speaking_of_itself_with_its_name_glued(sentence: str) -> None:
    article = _text_article(f"{sentence} {LEAD}\n{LEAD}\n")
    assert article.outlet == "Tempo"


def test_a_name_that_only_starts_like_an_outlet_is_not_it() -> None:
    article = _text_article(f"Warga berbicara kepada Tempolong tentang banjir itu. {LEAD}\n{LEAD}\n")
    assert article.outlet is None


def test_the_outlet_from_a_byline_given_beside_the_text() -> None:
    article = Article(id="t", source=Source(path="t.jsonl", format="jsonl", sha256="0" * 64))
    article._raw_text = f"{LEAD} Warga diminta waspada.\n{LEAD}\n"
    article.scratch.input_meta = {"author": "Andi Pratama, Budi Santoso - detikOto"}
    clean_article(article)
    extract_metadata(article)
    assert article.outlet == "detik.com"


def test_a_glued_name_counts_only_when_glued_on_both_sides() -> None:
    article = _text_article(f"Warga berbicara dengan timTempolong tentang banjir itu. {LEAD}\n{LEAD}\n")
    assert article.outlet == "Tempo"  # "tim" + "Tempo" + "long": a link dropped with the spaces around it
