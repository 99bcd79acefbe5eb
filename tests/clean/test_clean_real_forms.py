"""Cleaning in the forms real Indonesian pages and dumps take (issue 21); every text here is fictional."""

from __future__ import annotations

import pytest

from warta.clean.html import extract_html
from warta.clean.text import CleanResult, clean_lines

LEAD = "Pemerintah kota mengumumkan kebijakan baru bagi warga yang terdampak banjir pekan lalu."


@pytest.mark.parametrize(
    ("paragraph", "kept", "removed"),
    [
        (
            "Warga mengungsi ke balai desa.Baca Juga: Banjir Rendam Dua Desa, Ini Penjelasan BPBD BPBD memastikan air "
            "mulai surut.",
            "Warga mengungsi ke balai desa. BPBD memastikan air mulai surut.",
            "Baca Juga: Banjir Rendam Dua Desa, Ini Penjelasan BPBD",
        ),
        (
            "Mobil itu dipamerkan di Jakarta.BACA JUGA - Mobil Listrik Baru Diluncurkan untuk Pertama Kalinya Model "
            "ini dijual mulai bulan depan.",
            "Mobil itu dipamerkan di Jakarta. Model ini dijual mulai bulan depan.",
            "BACA JUGA - Mobil Listrik Baru Diluncurkan untuk Pertama Kalinya",
        ),
        (
            'Ia tersenyum.Baca Juga:Pelatih Baru Tiba di Kota Ini: 4 Laga Tanpa Kalah!"Kami siap," katanya.',
            'Ia tersenyum. "Kami siap," katanya.',
            "Baca Juga:Pelatih Baru Tiba di Kota Ini: 4 Laga Tanpa Kalah!",
        ),
        (
            "Ia pensiun tahun lalu.Baca Juga:Kota Tetangga Tambah Taman Baru untuk Warga SekitarDia kemudian pindah.",
            "Ia pensiun tahun lalu. Dia kemudian pindah.",
            "Baca Juga:Kota Tetangga Tambah Taman Baru untuk Warga Sekitar",
        ),
        (
            "Penampilannya memukau penonton.Baca juga berita lainnya di Kabarkota.com.",
            "Penampilannya memukau penonton.",
            "Baca juga berita lainnya di Kabarkota.com.",
        ),
        (
            "Acara ditutup malam itu. Baca juga: Lima Warga Terima Penghargaan “Kami bangga,” kata panitia.",
            "Acara ditutup malam itu. “Kami bangga,” kata panitia.",
            "Baca juga: Lima Warga Terima Penghargaan",
        ),
    ],
)
def test_related_headlines_glued_into_paragraphs_are_removed(paragraph: str, kept: str, removed: str) -> None:
    result = clean_lines(f"Judul Berita Kota Hari Ini\n\nJAKARTA - {LEAD}\n\n{paragraph}\n")
    assert result.paragraphs[-1] == kept
    assert (removed, "related") in result.removed


def test_writer_initials_close_the_last_paragraph_without_taking_it() -> None:
    result = clean_lines(f"Judul Berita Kota Hari Ini\n\nJAKARTA - {LEAD}\n\n“Kami siap membantu,” tegasnya. (rw/kk)\n")
    assert result.paragraphs[-1] == "“Kami siap membantu,” tegasnya."
    assert ("(rw/kk)", "byline") in result.removed


def test_a_closing_video_promo_ends_the_body() -> None:
    text = f"Judul Berita Kota Hari Ini\n\nJAKARTA - {LEAD}\n\nWarga diminta waspada.\n\nYuk, Simak Juga Video ini!\n\n{LEAD}\n"
    result = clean_lines(text)
    assert result.paragraphs[-1] == "Warga diminta waspada."


def test_rating_widgets_are_not_body() -> None:
    text = f"Judul Berita Kota Hari Ini\n\nJAKARTA - {LEAD}\n\n- Rate artikel ini\n\n- Like (0)\n\n- Dislike (0)\n\nCredits (3)\n"
    assert clean_lines(text).paragraphs == [LEAD]


def test_teaser_lists_and_glossaries_are_pruned_from_pages() -> None:
    teasers = "".join(
        f"<li><div class='text'><p>Teaser {i}: kabar lain dari kota tetangga hari ini.</p></div></li>" for i in range(4)
    )
    glossary = "<div class='glos-body'><ul><li><p>Agio</p><p>Selisih harga jual saham.</p></li></ul></div>"
    body = "".join(f"<p>{LEAD} Paragraf {i} berisi keterangan warga.</p>" for i in range(4))
    page = f"<html><head><title>Banjir</title></head><body><h1>Banjir Rendam Kampung</h1><article>{body}</article><ul>{teasers}</ul>{glossary}</body></html>"
    result, meta = extract_html(page)
    assert result.paragraphs[-1].endswith("Paragraf 3 berisi keterangan warga.")
    assert meta.title == "Banjir Rendam Kampung"


def test_inline_removal_keeps_text_without_a_label() -> None:
    result = CleanResult()
    from warta.clean.text import _cut_inline_related

    assert _cut_inline_related("Warga membaca juga koran pagi.", result) == "Warga membaca juga koran pagi."
    assert result.removed == []


# Dumps that break a sentence at every link anchor (kompas): the lead and the names in it stay, joined back.
@pytest.mark.parametrize(
    ("dump", "first"),
    [
        (
            "SURABAYA, WARTA.com\n- Menteri Perikanan\nBudi Santoso\nmeninjau pelabuhan di\nTanjung Perak\n"
            ", Jawa Timur, Rabu (4/6/2025).\n" + LEAD,
            "Menteri Perikanan Budi Santoso meninjau pelabuhan di Tanjung Perak, Jawa Timur, Rabu (4/6/2025).",
        ),
        (
            "MEDAN, KOMPAS.com\n-\nPelatih\nPSMS Medan\nAndi Pratama\nmengatakan timnya siap menghadapi\n"
            "Persib\ndalam laga pekan depan.\n" + LEAD,
            "Pelatih PSMS Medan Andi Pratama mengatakan timnya siap menghadapi Persib dalam laga pekan depan.",
        ),
        (
            "KOMPAS.com\n- Ketua Asosiasi Petani Kopi Indonesia (\nAPKI\n)\nRina Wulandari\nMarpaung menyebut panen "
            "turun,\nKabupaten Toba\nmenjadi yang terdampak\n.\n" + LEAD,
            "Ketua Asosiasi Petani Kopi Indonesia (APKI) Rina Wulandari Marpaung menyebut panen turun, Kabupaten "
            "Toba menjadi yang terdampak.",
        ),
    ],
)
def test_a_lead_broken_at_link_anchors_is_joined_back(dump: str, first: str) -> None:
    result = clean_lines(dump)
    assert result.paragraphs[0] == first
    assert result.paragraphs[1] == LEAD
    assert result.title is None


def test_a_title_over_a_stamp_is_not_joined_to_the_lead() -> None:
    dump = ("Menteri Perikanan Tinjau Pelabuhan\nRabu, 4 Juni 2025 10:15 WIB\nSURABAYA - Menteri Perikanan\n"
            "Budi Santoso\nmeninjau pelabuhan di\nTanjung Perak.\n" + LEAD)
    result = clean_lines(dump)
    assert result.title == "Menteri Perikanan Tinjau Pelabuhan"
    assert result.paragraphs == ["Menteri Perikanan Budi Santoso meninjau pelabuhan di Tanjung Perak.", LEAD]


def test_separate_short_lines_without_a_broken_sentence_stay_apart() -> None:
    # A list of names under a label ends no sentence, but nothing glues it: each stays a line of its own.
    dump = "JAKARTA - " + LEAD + "\nDaftar pemain:\nAndi Pratama\nBudi Santoso\nCahya Putra\n" + LEAD
    result = clean_lines(dump)
    assert "Andi Pratama Budi Santoso" not in "\n".join(result.paragraphs)


# detik prints the city, then the dash, each on a line of its own, and the lead broken at its first link anchor.
# Dumps that write every scraped line as a paragraph put blank lines between them: the lead must survive both.
@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_a_lone_dash_dateline_keeps_the_lead_broken_at_an_anchor(separator: str) -> None:
    lines = ["Polisi Tangkap Dua Pencuri", "10 Jun 2025", "Jakarta", "-", "Polres Metro Bekasi",
             "menangkap dua pencuri kabel di Bekasi, Jawa Barat, Senin (9/6/2025). Keduanya kini ditahan.", LEAD]
    result = clean_lines(separator.join(lines))
    assert result.paragraphs[0].startswith("Polres Metro Bekasi menangkap dua pencuri kabel")
    assert result.dateline is not None and result.dateline.city == "Jakarta"


def test_a_lone_dash_dateline_over_an_anchor_line_keeps_it() -> None:
    # The lead's first words sit on their own, the rest starts with a capital: nothing glues them, but the anchor
    # line is the lead's start, not a header line to drop.
    dump = "\n\n".join(["Judul Berita Pendek", "10 Jun 2025", "Jakarta", "-", "Setelah resmi bercerai, kehidupan",
                        "Sarwendah tak luput dari sorotan publik. Ia dikabarkan dekat dengan seorang pengusaha.", LEAD])
    result = clean_lines(dump)
    assert result.paragraphs[0] == "Setelah resmi bercerai, kehidupan"


def test_a_body_stored_twice_keeps_one_copy() -> None:
    # A scraper that stored the body twice: once glued into one paragraph (dateline, sentences without spaces), then
    # again in paragraphs. Every sentence of the second copy was said already: it goes.
    first = ["Banjir merendam tiga desa di tepi sungai setelah hujan deras semalam.",
             "Warga mengungsi ke balai desa dan masjid terdekat sejak Senin (9/6) pagi.",
             "Petugas BPBD membagikan makanan dan selimut kepada para pengungsi."]
    dump = "Banjir Rendam Tiga Desa\n\n10 Jun 2025\n\nKARANGSARI- " + "".join(first) + "\n\nKARANGSARI- " + first[0] \
        + " " + first[1] + "\n\n" + first[2] + "\n\nSeorang warga, Sri, mengaku rumahnya terendam setinggi pinggang."
    result = clean_lines(dump)
    body = "\n\n".join(result.paragraphs)
    assert body.count("Petugas BPBD membagikan") == 1 and body.count("Warga mengungsi") == 1
    assert result.paragraphs[-1].startswith("Seorang warga, Sri")


def test_a_related_headline_under_a_bare_label_goes_even_with_an_exclamation() -> None:
    dump = "\n".join(["Jakarta - " + LEAD, "Baca juga:", "Tarif Parkir Naik Dua Kali Lipat, Warga Protes!",
                      "Warga berharap kebijakan itu ditinjau ulang oleh dewan kota bulan depan.", LEAD])
    result = clean_lines(dump)
    assert ("Tarif Parkir Naik Dua Kali Lipat, Warga Protes!", "related") in result.removed
    assert result.paragraphs[1].startswith("Warga berharap")


def test_a_caption_printed_twice_with_its_photo_credit_is_removed() -> None:
    caption = "Petugas memeriksa tanggul di tepi sungai, Senin (9/6/2025). (Rina Wulandari/kabarkota)."
    dump = "\n".join(["Jakarta - " + LEAD, caption + " Foto: " + caption, LEAD + " Air mulai surut."])
    result = clean_lines(dump)
    assert all("Petugas memeriksa tanggul" not in p for p in result.paragraphs)
    assert (caption + " Foto: " + caption, "caption") in result.removed


def test_a_lead_that_names_the_popular_news_is_not_a_related_label() -> None:
    lead = "Berita terpopuler adalah mengenai kota yang menutup pasar malam selama sepekan. Pedagang mengeluh."
    result = clean_lines("\n".join(["Terpopuler: Pasar Malam Ditutup", "07 Jun 2025", "Jakarta", "-", lead, LEAD]))
    assert result.paragraphs[0] == lead
    assert clean_lines("Judul Berita\n\nBerita terpopuler\n\nJakarta - " + LEAD).paragraphs == [LEAD]


def test_a_lead_that_repeats_the_headline_after_a_dateline_stays() -> None:
    title = "Warga Kampung Baru Gotong Royong Bersihkan Saluran Air"
    dump = f"{title}\n\nTayang: Senin, 9 Juni 2025 20:33 WIB\n\nKABARKOTA.COM - {title}.\n\n{LEAD}"
    result = clean_lines(dump)
    assert result.title == title and result.paragraphs == [f"{title}.", LEAD]


# A dump that writes every scraped line as a paragraph: its blank lines stand where the scraped text had line breaks,
# so a lead broken at link anchors is joined back as in the scraped text, under a place the registry does not know.
PARAGRAPH_PER_LINE = [
    "Petani Diminta Serahkan Lahan", "10 Jun 2025", "Karangjati", "-", "Ketua", "Dewan Tani", "Budi Darmawan",
    "mengatakan kelompok", "Tani Makmur", '"harus menyerahkan lahannya" kepada pemerintah desa.',
    "Pernyataan itu, seperti dilansir", "Antara", ", Selasa (10/6/2025), disampaikan dalam surat resmi.",
    "Sampai dengan 10 Juni 2025,", "Koperasi Tani", "sudah menerima dua ratus anggota baru.", LEAD, "(abc/def)",
    "dewan tani", "tani makmur", "lahan pertanian desa karangjati",
]


def test_a_paragraph_per_line_dump_reads_like_the_scraped_lines() -> None:
    result = clean_lines("\n\n".join(PARAGRAPH_PER_LINE))
    assert result.dateline is not None and result.dateline.city == "Karangjati"
    assert result.paragraphs == [
        'Ketua Dewan Tani Budi Darmawan mengatakan kelompok Tani Makmur "harus menyerahkan lahannya" kepada '
        "pemerintah desa.",
        "Pernyataan itu, seperti dilansir Antara, Selasa (10/6/2025), disampaikan dalam surat resmi.",
        "Sampai dengan 10 Juni 2025, Koperasi Tani sudah menerima dua ratus anggota baru.",
        LEAD,
    ]
    assert clean_lines("\n".join(PARAGRAPH_PER_LINE)).paragraphs == result.paragraphs  # the scraped text itself


def test_a_comma_after_a_bracket_carries_the_sentence_on() -> None:
    dump = "\n".join(["Judul Upacara Polres", "10 Jun 2025", "Kota Lama", "-", "Polres Kota Lama (Polreskol)",
                      ", Polda Sejahtera, menggelar upacara serah terima jabatan kapolsek.", LEAD])
    assert clean_lines(dump).paragraphs[0] == (
        "Polres Kota Lama (Polreskol), Polda Sejahtera, menggelar upacara serah terima jabatan kapolsek.")


def test_a_title_case_line_over_a_dash_below_the_lead_is_no_dateline() -> None:
    dump = "\n".join(["Judul Daftar Pemain", "10 Jun 2025", "Jakarta - " + LEAD, "Pemain Masuk", "-",
                      "Pemain Keluar", "1. Andi Pratama", "2. Budi Santoso"])
    result = clean_lines(dump)
    assert result.dateline is not None and result.dateline.city == "Jakarta"
    assert result.paragraphs[0] == LEAD


def test_a_one_sentence_lead_without_a_dateline_is_not_a_caption() -> None:
    lead = "Penyanyi kondang Budi Sentosa meninggal dunia secara mendadak usai mengeluh pusing."
    second = ("Menurut keluarga, almarhum sempat jatuh di kamar mandi dan tidak lagi bernapas saat ditemukan. Dokter "
              "menyebut ia terkena serangan jantung.")
    dump = "\n\n".join(["Keluarga Kaget Budi Sentosa Meninggal Dunia", "Minggu, 15 Jun 2025 20:01 WIB", lead, second])
    assert clean_lines(dump).paragraphs == [lead, second]
    # A photo caption in the same place is still a caption.
    caption = "Foto bersama keluarga besar Budi Sentosa di rumah duka di kawasan Cibubur, Minggu (15/6)."
    dump = "\n\n".join(["Keluarga Kaget Budi Sentosa Meninggal Dunia", "Minggu, 15 Jun 2025 20:01 WIB", caption, second])
    assert clean_lines(dump).paragraphs == [second]
