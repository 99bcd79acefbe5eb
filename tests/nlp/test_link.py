import json
from pathlib import Path

import pytest

from warta.nlp.link import link_entities
from warta.nlp.sentences import split_sentences
from warta.record import Entity

DATA = Path(__file__).with_name("data")


def link(text: str, tagger_spans: list[tuple[int, int, str]] | None = None) -> list[Entity]:
    return link_entities(text, split_sentences(text), tagger_spans)


def ids_by_mention(entities: list[Entity]) -> dict[str, str]:
    found: dict[str, str] = {}
    for entity in entities:
        for mention in entity.mentions:
            found.setdefault(mention.text, entity.id)
    return found


def cases(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", cases("linking_cases.jsonl") + cases("linking_heldout.jsonl"), ids=lambda c: c["text"][:40])
def test_linking_cases(case: dict) -> None:
    """Every expected mention links to its canonical id, and nothing unexpected is found."""
    assert ids_by_mention(link(case["text"])) == case["expect"]


def test_mentions_are_offsets_into_the_text() -> None:
    text = "Presiden Rusia Vladimir Putin bertemu Xi Jinping. Putin dan Xi sepakat."
    for entity in link(text):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_aliases_merge_into_one_entity_with_canonical_name() -> None:
    text = "China menolak tuduhan itu. Pejabat Tiongkok menyebut Cina tidak terlibat."
    entities = link(text)
    assert [entity.id for entity in entities] == ["country:CHN"]
    china = entities[0]
    assert (china.name, china.type, china.kb, china.country) == ("China", "LOC", True, "CHN")
    assert [m.text for m in china.mentions] == ["China", "Tiongkok", "Cina"]


def test_role_prefix_yields_person_and_country_separately() -> None:
    found = ids_by_mention(link("Presiden Rusia Vladimir Putin tiba."))
    assert found == {"Rusia": "country:RUS", "Vladimir Putin": "person:vladimir-putin"}


def test_acronyms_match_only_in_capitals() -> None:
    assert ids_by_mention(link("Pasukan AS tiba.")) == {"AS": "country:USA"}
    assert ids_by_mention(link("Ia bekerja as usual di kantor.")) == {}


def test_no_match_inside_words() -> None:
    assert ids_by_mention(link("Kebijakan Rusianya berubah, kata Chinaman itu.")) == {}


def test_hyphenated_pair_gives_two_mentions() -> None:
    found = ids_by_mention(link("Hubungan Moskow-Beijing makin erat."))
    assert found == {"Moskow": "city:moscow", "Beijing": "city:beijing"}


def test_common_word_alias_not_taken_at_sentence_start() -> None:
    assert ids_by_mention(link("Antara lain soal pangan.")) == {}
    assert ids_by_mention(link("Hal itu disampaikan kepada Antara.")) == {"Antara": "org:antara"}


def test_short_form_needs_the_full_name_in_the_article() -> None:
    assert ids_by_mention(link("Wang tiba di Moskow.")) == {"Moskow": "city:moscow"}
    assert ids_by_mention(link("Wang Yi tiba di Moskow. Wang lalu bertemu pers."))["Wang"] == "person:wang-yi"


def test_short_form_before_the_full_name_still_resolves() -> None:
    found = ids_by_mention(link("Menurut Patrushev, kerja sama meningkat. Hal itu disampaikan Nikolai Patrushev."))
    assert found["Patrushev"] == found["Nikolai Patrushev"] == "person:nikolai-patrushev"


def test_misspelt_short_form_resolves_to_the_person_in_the_article() -> None:
    found = ids_by_mention(link("Nikolai Patrushev tiba di Beijing. Paturshev lalu bertemu Guo Shengkun."))
    assert found["Paturshev"] == "person:nikolai-patrushev"


def test_misspelling_with_different_meaning_is_not_linked() -> None:
    found = ids_by_mention(link("Sanksi dijatuhkan oleh Departemen Perdagangan AS pekan lalu."))
    assert found.get("Departemen Perdagangan AS") == "local:ORG:departemen-perdagangan-as"


def test_family_name_first_short_forms() -> None:
    found = ids_by_mention(link("Presiden Yoon Suk-yeol tiba. Yoon lalu berpidato."))
    assert found["Yoon"] == "person:yoon-suk-yeol"


def test_unknown_person_after_title_is_a_local_entity_with_short_form() -> None:
    # (Budi Santoso, the example before, is the trade minister of 2024 and in the knowledge base now.)
    entities = link("Menteri Pertanian Bambang Wiryono meninjau sawah. Wiryono menjanjikan pupuk.")
    local = [entity for entity in entities if not entity.kb]
    assert len(local) == 1
    assert (local[0].id, local[0].type, local[0].name) == ("local:PER:bambang-wiryono", "PER", "Bambang Wiryono")
    assert [m.text for m in local[0].mentions] == ["Bambang Wiryono", "Wiryono"]


def test_capitalised_words_alone_are_not_entities_without_tagger() -> None:
    assert link("Semakin Dipojokkan Barat, Kerja Sama Kian Erat.") == []


class TestWithTagger:
    def test_tagger_span_for_unknown_name_becomes_local_entity(self) -> None:
        text = "Analis Rudi Hartono dari Lembaga Kajian Nusantara menilai langkah itu tepat."
        spans = [(7, 19, "PER"), (25, 50, "ORG")]
        found = ids_by_mention(link(text, spans))
        assert found == {"Rudi Hartono": "local:PER:rudi-hartono", "Lembaga Kajian Nusantara": "local:ORG:lembaga-kajian-nusantara"}

    def test_knowledge_base_type_wins_over_tagger_label(self) -> None:
        text = "Kremlin menolak tuduhan Washington."
        entities = link(text, [(0, 7, "LOC"), (24, 34, "ORG")])
        assert {(e.id, e.type) for e in entities} == {("org:kremlin", "ORG"), ("city:washington", "LOC")}

    def test_tagger_span_with_role_prefix_is_split(self) -> None:
        text = "Presiden Rusia Vladimir Putin tiba."
        found = ids_by_mention(link(text, [(0, 29, "PER")]))
        assert found == {"Rusia": "country:RUS", "Vladimir Putin": "person:vladimir-putin"}

    def test_tagger_short_form_of_unknown_person_links_to_full_name(self) -> None:
        text = "Gilang Ramadhan memimpin rapat. Gilang menolak berkomentar."
        found = ids_by_mention(link(text, [(0, 15, "PER"), (32, 38, "PER")]))
        assert found == {"Gilang Ramadhan": "local:PER:gilang-ramadhan", "Gilang": "local:PER:gilang-ramadhan"}

    def test_tagger_span_misspelt_organisation_is_linked(self) -> None:
        text = "Pernyataan Dewan Kemanan Rusia keluar kemarin."
        entities = link(text, [(11, 30, "ORG")])
        assert [(e.id, e.mentions[0].text) for e in entities] == [("org:security-council-russia", "Dewan Kemanan Rusia")]

    def test_lower_case_and_title_spans_are_not_names(self) -> None:
        text = "Para warga dan presiden itu menolak."
        assert link(text, [(5, 10, "PER"), (15, 23, "PER")]) == []

    def test_ordinary_words_opening_a_sentence_are_not_names(self) -> None:
        text = "Kesepakatan itu diteken. Membantu Rusia adalah kesalahan, kata Biden.\n\n2. Kemitraan diperluas"
        heading = text.index("Kemitraan")
        spans = [(0, 11, "ORG"), (25, 33, "PER"), (heading, heading + len("Kemitraan"), "ORG")]
        assert ids_by_mention(link(text, spans)) == {"Rusia": "country:RUS", "Biden": "person:joe-biden"}

    def test_bad_spans_are_ignored(self) -> None:
        text = "Rusia menolak."
        assert ids_by_mention(link(text, [(5, 5, "PER"), (0, 5, "MISC"), (90, 99, "PER")])) == {"Rusia": "country:RUS"}


hypothesis = pytest.importorskip("hypothesis")
strategies = hypothesis.strategies
WORDS = ["Rusia", "China", "AS", "as", "Presiden", "Xi", "Jinping", "Wang", "Yi", "Dewan", "Keamanan", "Kemanan", "Budi",
         "Santoso", "-", ".", ",", "\n\n", "kata", "Menteri", "Kementerian", "Jepang", "PT", "Rp1", "\"", "Antara"]


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(strategies.lists(strategies.sampled_from(WORDS), max_size=25))
def test_any_text_gives_consistent_mentions(words: list[str]) -> None:
    text = " ".join(words)
    entities = link(text, [(0, min(len(text), 12), "PER")] if text else None)
    spans = []
    for entity in entities:
        assert entity.type in ("PER", "ORG", "LOC")
        assert entity.kb == (not entity.id.startswith("local:"))
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            spans.append((mention.start, mention.end))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "mentions overlap"


def spans_of(text: str, labelled: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Tagger spans for the first occurrence of each (surface, label)."""
    return [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in labelled]


class TestRealNewsShapes:
    """Shapes of scraped Indonesian news (issue 20): boilerplate, glued words, acronyms, variants of one name."""

    def test_boilerplate_lines_and_datelines_are_not_entities(self) -> None:
        text = (
            "Liputan6.com, Lampung - Gubernur Lampung Rahmat Mirzani Djausal melantik pejabat.\n\n"
            "Baca juga:\n\nBobby Nasution Temui Gubernur Aceh\n\n"
            "(Ayo ikuti saluran WhatsApp KapanLagi.com biar enggak ketinggalan update. Klik di sini ya!)\n\n"
            "Mirza mengatakan, kata dia kepada Tribunnews.com."
        )
        found = ids_by_mention(link(text, spans_of(text, [("Bobby Nasution", "PER"), ("Ayo", "PER"), ("Klik", "PER")])))
        assert found == {
            "Lampung": "region:lampung",
            "Rahmat Mirzani Djausal": "person:rahmat-mirzani-djausal",
            "Mirza": "person:rahmat-mirzani-djausal",
        }

    def test_glued_words_are_split_before_linking(self) -> None:
        text = "Kunjungan ke KoreaSelatan batal, kata Erick Thohiringin menonton, diWay Kanan."
        found = ids_by_mention(link(text))
        assert found["KoreaSelatan"] == "country:KOR"
        assert found["Erick Thohir"] == "person:erick-thohir"
        assert found["Way Kanan"] == "region:way-kanan"

    def test_generic_acronyms_are_not_organisations(self) -> None:
        text = "Polisi memasukkan pelaku ke DPO karena IUP palsu dan status ASN."
        assert link(text, spans_of(text, [("DPO", "ORG"), ("IUP", "ORG"), ("ASN", "ORG")])) == []

    @pytest.mark.parametrize(
        ("context", "expected"),
        [
            ("Gubernur California dan Presiden Trump di Los Angeles, Amerika Serikat, berbeda pendapat.", "org:democratic-party"),
            ("Ketua Umum Agus Harimurti Yudhoyono di Jakarta, Indonesia, memimpin rapat.", "org:demokrat"),
        ],
    )
    def test_shared_alias_follows_the_article_country(self, context: str, expected: str) -> None:
        found = ids_by_mention(link(f"Partai Demokrat mengkritik kebijakan itu. {context}"))
        assert found["Partai Demokrat"] == expected

    def test_acronym_and_part_names_merge_with_the_full_name(self) -> None:
        text = (
            "Rektor Universitas Bandar Lampung hadir. UBL menolak. PT Mulia Raymond Perkasa (MRP) digugat; "
            "Mulia Raymond Perkasa membantah."
        )
        spans = spans_of(text, [("Universitas Bandar Lampung", "ORG"), ("UBL", "ORG"), ("PT Mulia Raymond Perkasa", "ORG")])
        spans.append((text.rindex("Mulia Raymond Perkasa"), text.rindex("Mulia Raymond Perkasa") + 21, "ORG"))
        entities = {e.id: sorted({m.text for m in e.mentions}) for e in link(text, spans)}
        assert entities["local:ORG:universitas-bandar-lampung"] == ["UBL", "Universitas Bandar Lampung"]
        assert entities["local:ORG:pt-mulia-raymond-perkasa"] == ["MRP", "Mulia Raymond Perkasa", "PT Mulia Raymond Perkasa"]

    def test_acronym_spelled_out_before_is_not_a_kb_person(self) -> None:
        text = "Data situs Minerba One Data Indonesia (Modi) mencatat izin itu."
        assert "person:narendra-modi" not in ids_by_mention(link(text)).values()
        assert ids_by_mention(link("PM India Narendra Modi bertemu Prabowo. Modi tersenyum."))["Modi"] == (
            "person:narendra-modi"
        )

    def test_company_closed_by_legal_form_and_small_places(self) -> None:
        text = "Izin Asia Pacific Nickel Pty. Ltd dicabut. Warga Pulau Mangkir Besar dan Desa Buyat Barat protes."
        found = ids_by_mention(link(text))
        assert found == {
            "Asia Pacific Nickel Pty. Ltd": "local:ORG:asia-pacific-nickel-pty-ltd",
            "Pulau Mangkir Besar": "local:LOC:pulau-mangkir-besar",
            "Desa Buyat Barat": "local:LOC:desa-buyat-barat",
        }

    def test_misspelt_full_name_merges_with_the_usual_spelling(self) -> None:
        text = "Ernest Prakasa tertawa. Ernest Prakarsa lalu pulang. Ernest Prakasa kembali."
        spans = [(m, m + len(s), "PER") for s in ("Ernest Prakasa", "Ernest Prakarsa") for m in [text.index(s)]]
        spans.append((text.rindex("Ernest Prakasa"), text.rindex("Ernest Prakasa") + 14, "PER"))
        entities = link(text, spans)
        assert [(e.id, len(e.mentions)) for e in entities] == [("local:PER:ernest-prakasa", 3)]


def test_related_headline_glued_into_a_line_is_masked_up_to_the_story() -> None:
    text = (
        "Baca Juga: Intip Harta Kekayaan Menteri Maruarar Sirait, Naik Drastis Lalu siapa saja yang dipanggil "
        "Presiden Prabowo Subianto ke istana."
    )
    found = ids_by_mention(link(text))
    assert found == {"Prabowo Subianto": "person:prabowo-subianto"}


def test_ri_designating_an_office_is_not_a_country_mention() -> None:
    text = "Komnas HAM RI menyoroti kasus itu. Presiden RI ke-5 hadir. Ekspor RI naik."
    found = ids_by_mention(link(text))
    assert found == {"Komnas HAM RI": "org:komnas-ham", "RI": "country:IDN"}
    assert [m.start for e in link(text) for m in e.mentions if m.text == "RI"] == [text.rindex("RI")]


def test_numbered_unit_is_one_name_and_its_unnumbered_forms_merge() -> None:
    text = "Berkas dilimpahkan ke Pengadilan Militer I-04 Palembang. Sidang di Pengadilan Militer Palembang dimulai."
    spans = spans_of(text, [("Pengadilan Militer Palembang", "ORG")])
    entities = {e.id: sorted({m.text for m in e.mentions}) for e in link(text, spans)}
    assert entities["local:ORG:pengadilan-militer-i-04-palembang"] == [
        "Pengadilan Militer I-04 Palembang", "Pengadilan Militer Palembang"
    ]


def test_laws_derived_nouns_and_doubled_names() -> None:
    text = (
        "Malaysia menolak International Convention on the Elimination of Racial Discrimination. "
        "Petugas Keimigrasian Kanim memeriksa. Mayjen Deddy SuryadiDeddy Suryadi dilantik."
    )
    spans = spans_of(
        text,
        [
            ("International Convention on the Elimination of Racial Discrimination", "ORG"),
            ("Keimigrasian Kanim", "PER"),
            ("Deddy SuryadiDeddy Suryadi", "PER"),
        ],
    )
    entities = {e.id: [m.text for m in e.mentions] for e in link(text, spans)}
    assert entities == {"country:MYS": ["Malaysia"], "local:PER:deddy-suryadi": ["Deddy Suryadi", "Deddy Suryadi"]}


def test_one_word_kb_names_need_a_title_somewhere_in_the_article() -> None:
    assert ids_by_mention(link("Menlu Sugiono tiba di Seoul. Sugiono bertemu mitranya."))["Sugiono"] == "person:sugiono"
    assert "Sugiono" not in ids_by_mention(link("Petani bernama Sugiono memanen padi di sawahnya."))


def test_one_word_kb_name_after_an_appositive_role_is_titled() -> None:
    text = "Acara dibuka Menteri Sekretaris Negara (Mensesneg), Sugiono, kemarin. Sugiono lalu pulang."
    assert ids_by_mention(link(text))["Sugiono"] == "person:sugiono"
    text = "Hadir pula Menteri Luar Negeri, Sugiono, dalam rapat itu."
    assert ids_by_mention(link(text))["Sugiono"] == "person:sugiono"
    assert "Sugiono" not in ids_by_mention(link("Warga desa (petani), Sugiono, ikut hadir."))


def test_a_name_with_an_age_in_brackets_is_a_person() -> None:
    text = "Pelaku menyerang tetangganya, Sulastri (45), di kebun. Sulastri dibawa ke puskesmas."
    found = ids_by_mention(link(text))
    assert found == {"Sulastri": "local:PER:sulastri"}
    assert len(link(text)[0].mentions) == 2
    assert ids_by_mention(link("Menurut Pasal (2), denda berlaku.")) == {}


def test_a_short_form_in_brackets_spelling_out_a_longer_name_makes_it_one_organisation() -> None:
    text = "Toyota Astra Motor (TAM) meluncurkan mobil baru. Menurut TAM, Toyota tetap unggul."
    found = ids_by_mention(link(text))
    assert found["Toyota Astra Motor"] == found["TAM"] == "local:ORG:toyota-astra-motor"
    assert found["Toyota"] == "org:toyota"
    text = "Kinerja PLN Nusantara Power (PLN NP) membaik. PLN NP menambah pembangkit."
    found = ids_by_mention(link(text))
    assert found["PLN Nusantara Power"] == found["PLN NP"] == "local:ORG:pln-nusantara-power"


def test_a_given_name_that_is_also_a_title_opens_a_persons_name() -> None:
    text = "Anggota DPR, Putri Zulkifli Hasan menyambut baik keputusan itu. Putri menegaskan dukungannya."
    found = ids_by_mention(link(text))
    assert found["Putri Zulkifli Hasan"] == found["Putri"] == "local:PER:putri-zulkifli-hasan"
    assert "Zulkifli Hasan" not in found
    assert ids_by_mention(link("Ketua MPR Zulkifli Hasan hadir."))["Zulkifli Hasan"] == "person:zulkifli-hasan"


def test_a_place_after_a_title_is_not_part_of_the_name_and_a_family_name_title_ends_it() -> None:
    text = "Bupati Sukamaju Andi Hakim membuka rapat. Pemkab Sukamaju menyiapkan anggaran."
    found = ids_by_mention(link(text, spans_of(text, [("Sukamaju Andi Hakim", "PER")])))
    assert found["Andi Hakim"] == "local:PER:andi-hakim"
    assert found["Sukamaju"] == "local:LOC:sukamaju"


def test_a_known_body_followed_by_a_place_the_article_names_is_its_branch() -> None:
    text = "Bupati hadir di Kabupaten Sukamaju. Muhammadiyah Sukamaju membuka SMK Muhammadiyah Sukamaju."
    found = ids_by_mention(link(text, spans_of(text, [("Muhammadiyah Sukamaju", "ORG")])))
    assert found["Muhammadiyah Sukamaju"] == "local:ORG:muhammadiyah-sukamaju"
    assert found["SMK Muhammadiyah Sukamaju"] == "local:ORG:smk-muhammadiyah-sukamaju"
    text = "Muhammadiyah Sukamaju membuka sekolah baru."
    found = ids_by_mention(link(text, spans_of(text, [("Muhammadiyah Sukamaju", "ORG")])))
    assert found.get("Muhammadiyah") == "org:muhammadiyah"
    found = ids_by_mention(link("Direktur Bank Mandiri hadir. Mandiri juga membuka kantor.", [(29, 36, "ORG")]))
    assert found == {"Bank Mandiri": "org:bank-mandiri", "Mandiri": "org:bank-mandiri"}


def test_a_generic_short_form_does_not_make_its_spelled_out_words_one_body() -> None:
    found = ids_by_mention(link("Gaji Aparatur Sipil Negara (ASN) naik tahun depan."))
    assert "Aparatur Sipil Negara" not in found


def test_a_name_with_digits_after_a_group_word_is_a_group() -> None:
    text = "Boy group Korea Selatan 7ONE tampil di Jakarta. Penggemar 7ONE memadati arena."
    found = ids_by_mention(link(text))
    assert found["7ONE"] == "local:ORG:7one"
    assert len(next(e for e in link(text) if e.id == "local:ORG:7one").mentions) == 2
    assert "5G" not in ids_by_mention(link("Operator grup 5G itu menambah menara."))
    assert "4WD" not in ids_by_mention(link("Mobil 4WD itu melaju."))


def test_a_cast_list_makes_the_other_bracketed_names_people() -> None:
    text = "Film ini dibintangi Dodit Mulyanto. Tokoh Bima (Dodit Mulyanto) dan Sari (Laras Ayuningtyas) bertemu."
    start = text.index("(Dodit") + 1
    found = ids_by_mention(link(text, [(start, start + len("Dodit Mulyanto"), "PER")]))
    assert found["Laras Ayuningtyas"] == "local:PER:laras-ayuningtyas"
    text = "Harga naik (Bank Sentral) dan kurs turun (Rupiah Melemah) kemarin."
    assert all(entity.type != "PER" for entity in link(text))


def test_one_word_of_a_company_tagged_as_a_person_joins_the_company() -> None:
    text = "Izin PT Gag Nikel dicabut. Menurut warga, Gag sudah lama menambang."
    found = ids_by_mention(link(text, [(text.rindex("Gag"), text.rindex("Gag") + 3, "PER")]))
    assert found == {"PT Gag Nikel": "org:gag-nikel", "Gag": "org:gag-nikel"}


def test_english_place_ending_makes_a_local_name_a_place() -> None:
    text = "Demonstran berkumpul di Garment District sejak pagi."
    entities = link(text, spans_of(text, [("Garment District", "PER")]))
    assert [(e.id, e.type) for e in entities] == [("local:LOC:garment-district", "LOC")]


class TestRealNewsShapesRoundTwo:
    """More shapes of scraped news (issue 20, second round): stock codes, country designators, ranks inside a
    tagger span, glued names, initials, work titles and model names."""

    def test_stock_code_after_a_listed_company_is_that_company(self) -> None:
        text = "PT Maju Sentosa Abadi (Persero) Tbk (MSAA) melapor rugi. Saham MSAA turun 5 persen."
        found = ids_by_mention(link(text, spans_of(text, [("MSAA", "ORG")])))
        assert found["MSAA"] == found["PT Maju Sentosa Abadi"] == "local:ORG:pt-maju-sentosa-abadi"

    def test_capitals_in_brackets_without_a_legal_form_are_no_stock_code(self) -> None:
        text = "Yayasan Maju Sentosa (YMS) dan Komnas HAM (KOMNAS) bertemu."
        found = ids_by_mention(link(text))
        assert found.get("KOMNAS") != found.get("Komnas HAM")

    def test_body_named_without_its_country_joins_the_alias_the_article_links(self) -> None:
        text = "Kemlu RI memantau kasus itu. Kementerian Luar Negeri meminta warga tenang."
        found = ids_by_mention(link(text, spans_of(text, [("Kementerian Luar Negeri", "ORG")])))
        assert found["Kementerian Luar Negeri"] == found["Kemlu RI"] == "org:kemlu-ri"

    def test_body_without_its_country_stays_local_when_the_article_does_not_name_it(self) -> None:
        text = "Kementerian Luar Negeri meminta warga tenang."
        found = ids_by_mention(link(text, spans_of(text, [("Kementerian Luar Negeri", "ORG")])))
        assert found["Kementerian Luar Negeri"].startswith("local:ORG:")

    def test_name_after_a_rank_inside_a_body_span_joins_the_person(self) -> None:
        text = "kata Direktur Narkoba Bareskrim Polri Brigjen Eko Hadi Santoso. Menurut Hadi, kasus itu besar."
        start = text.index("Bareskrim")
        spans = [(start, text.index("Eko") + 3, "ORG"), (text.index("Hadi"), text.index("Santoso") + 7, "PER")]
        found = ids_by_mention(link(text, spans))
        assert found["Eko Hadi Santoso"] == found["Hadi"] == "local:PER:eko-hadi-santoso"
        assert "Eko" not in found

    def test_known_place_glued_onto_a_word_is_cut_off(self) -> None:
        text = "Pejabat PemprovSulut dan KejaksaanKorea Selatan hadir."
        found = ids_by_mention(link(text, spans_of(text, [("KejaksaanKorea Selatan", "ORG")])))
        assert found["Korea Selatan"] == "country:KOR"
        assert found["Sulut"] == "region:north-sulawesi"

    def test_camel_case_brand_is_not_cut(self) -> None:
        text = "Ia bicara di kanal SelebTubeTV kemarin."
        found = ids_by_mention(link(text, spans_of(text, [("SelebTubeTV", "ORG")])))
        assert "SelebTubeTV" in found

    def test_capitals_after_inisial_are_a_person(self) -> None:
        text = "Dua WNI ditahan dengan inisial ESS dan seorang lagi."
        entities = link(text, spans_of(text, [("ESS", "ORG")]))
        assert [(e.name, e.type) for e in entities] == [("ESS", "PER")]

    def test_quoted_titles_and_model_codes_are_not_entities(self) -> None:
        text = "Lagu 'Locked N Loaded' diputar lagi. Locked N Loaded populer. Mobil Mini Cooper F60 dan B53 dijual."
        spans = spans_of(text, [("Locked N Loaded", "PER"), ("Mini Cooper F60", "PER"), ("B53", "PER")])
        assert link(text, spans) == []

    def test_office_building_named_by_a_title_is_not_an_organisation(self) -> None:
        text = "Warga berkumpul di Kantor Gubernur sejak pagi."
        assert link(text, spans_of(text, [("Kantor Gubernur", "ORG")])) == []

    def test_ordinary_word_glued_after_an_unknown_name_is_cut_off(self) -> None:
        text = "Ayu Asalasiyahresmi menjabat bupati. Ayu Asalasiyah dilantik kemarin."
        spans = [(0, text.index(" menjabat"), "PER"), *spans_of(text, [("Ayu Asalasiyah dilantik"[:14], "PER")])]
        found = ids_by_mention(link(text, spans))
        assert found == {"Ayu Asalasiyah": "local:PER:ayu-asalasiyah"}

    def test_stock_code_after_a_lost_company_name_stays_its_own(self) -> None:
        text = "PT, Tbk (LPKR) melaporkan laba. Saham LPKR naik."
        spans = [(0, 7, "ORG"), (9, 13, "ORG"), (text.rindex("LPKR"), text.rindex("LPKR") + 4, "ORG")]
        assert [(e.id, len(e.mentions)) for e in link(text, spans)] == [("local:ORG:lpkr", 2)]


class TestMergingRoundThree:
    """Forms of one entity merged within an article (issue 20, round three): expansions, "alias", nicknames,
    offices of one place, a body's unit, one-letter platform names."""

    def test_lower_case_expansion_before_an_acronym_is_a_mention(self) -> None:
        text = "Polisi memburu kelompok kriminal bersenjata (KKB) di hutan. KKB menyerang pos."
        entity = next(e for e in link(text) if e.id == "org:kkb")
        assert [m.text for m in entity.mentions] == ["kelompok kriminal bersenjata", "KKB", "KKB"]

    def test_expansion_must_spell_the_initials(self) -> None:
        text = "Polisi memburu kelompok bersenjata (KKB) di hutan."
        assert [m.text for e in link(text) for m in e.mentions] == ["KKB"]

    def test_name_after_alias_and_its_acronym_are_the_entity_before(self) -> None:
        text = (
            "Jaksa Agung Muda Bidang Perdata dan Tata Usaha Negara (Jamdatun) alias Jaksa Pengacara Negara (JPN) "
            "memberi saran. Para JPN bekerja normatif."
        )
        spans = spans_of(text, [("Jaksa Pengacara Negara", "ORG"), ("JPN", "ORG")])
        spans.append((text.rindex("JPN"), text.rindex("JPN") + 3, "ORG"))
        found = ids_by_mention(link(text, spans))
        assert found["Jaksa Pengacara Negara"] == found["JPN"] == found["Jamdatun"] == "org:jamdatun"

    def test_nickname_after_disapa_is_cut_from_a_name_named_before(self) -> None:
        text = "Komisioner Siti Aminah Tardi menjawab. Wanita yang akrab disapa Ami ini menolak."
        spans = spans_of(text, [("Siti Aminah Tardi", "PER"), ("Ami ", "PER")])
        spans[-1] = (spans[-1][0], spans[-1][1] - 1, "PER")
        found = ids_by_mention(link(text, spans))
        assert found["Ami"] == found["Siti Aminah Tardi"]

    def test_prefix_without_a_nickname_cue_stays_its_own(self) -> None:
        text = "Komisioner Siti Aminah Tardi menjawab. Lalu Ami datang."
        spans = spans_of(text, [("Siti Aminah Tardi", "PER"), ("Ami ", "PER")])
        spans[-1] = (spans[-1][0], spans[-1][1] - 1, "PER")
        found = ids_by_mention(link(text, spans))
        assert found["Ami"] != found["Siti Aminah Tardi"]

    def test_untagged_full_name_opening_with_a_tagged_one_word_person(self) -> None:
        text = "Cuitan soal Gala Sky ramai. Semoga baby Gala sehat."
        spans = [(text.rindex("Gala"), text.rindex("Gala") + 4, "PER")]
        found = ids_by_mention(link(text, spans))
        assert found["Gala Sky"] == found["Gala"] == "local:PER:gala-sky"

    def test_missions_and_offices_of_one_place_merge(self) -> None:
        text = "KJRI Los Angeles membantu. KJRI LA menghubungi keluarga. KBRI LA juga hadir."
        spans = spans_of(text, [("KJRI Los Angeles", "ORG"), ("KJRI LA", "ORG"), ("KBRI LA", "ORG")])
        found = ids_by_mention(link(text, spans))
        assert found["KJRI Los Angeles"] == found["KJRI LA"] == found["KBRI LA"] == "local:ORG:kjri-los-angeles"

    def test_offices_of_different_places_stay_apart(self) -> None:
        text = "KJRI Los Angeles membantu. KJRI Houston menghubungi keluarga."
        spans = spans_of(text, [("KJRI Los Angeles", "ORG"), ("KJRI Houston", "ORG")])
        found = ids_by_mention(link(text, spans))
        assert found["KJRI Los Angeles"] != found["KJRI Houston"]

    def test_body_named_alone_beside_its_unit_of_one_place_is_the_unit(self) -> None:
        text = "Garda Nasional California dikerahkan. Trump memerintahkan Garda Nasional bergerak."
        found = ids_by_mention(link(text))
        assert found["Garda Nasional"] == found["Garda Nasional California"] == "org:california-national-guard"

    def test_body_named_alone_stays_itself_without_its_unit(self) -> None:
        assert ids_by_mention(link("Trump memerintahkan Garda Nasional bergerak."))["Garda Nasional"] == (
            "org:national-guard"
        )

    def test_one_letter_platform_name_needs_a_platform_word_or_its_other_name(self) -> None:
        found = ids_by_mention(link("Ia menutup akun X miliknya. Dulu ia aktif di Twitter atau X setiap hari."))
        assert found == {"X": "org:twitter", "Twitter": "org:twitter"}
        assert all(e.id != "org:twitter" for e in link("Rapat Komisi X membahas Pasal X hari ini."))

    def test_club_nicknames_are_the_club(self) -> None:
        found = ids_by_mention(link("Inter Milan menang. Si Ular unggul atas Gialloblu, dan Parma tertinggal."))
        assert found["Si Ular"] == "org:inter-milan"
        assert found["Gialloblu"] == found["Parma"] == "org:parma-calcio"


def test_promotion_lines_are_blanked_in_any_case() -> None:
    from warta.nlp.link import mask_boilerplate

    text = "Menlu Retno tiba.\nIKUTI KAMI di Google News\nHarga naik.\nklik di sini\nPenulis: Ani\nAkhir."
    masked = mask_boilerplate(text)
    assert len(masked) == len(text)
    assert [line for line in masked.split("\n") if line] == ["Menlu Retno tiba.", "Harga naik.", "Akhir."]
    # the three characters re.IGNORECASE reads as an ASCII letter other than their lower case: the same lines go
    for odd in ("KLİK DI SINI", "ſaluran whatsapp", "ıkutı kamı"):
        lines = [line for line in mask_boilerplate(f"Harga naik.\n{odd} sekarang\nAkhir.").split("\n") if line]
        assert lines == ["Harga naik.", "Akhir."], odd
    for label in ("BACA JUGA: ", "Simak Juga: ", "ſimak juga: ", "LİHAT JUGA: "):
        lines = [line for line in mask_boilerplate(f"Harga naik.\n{label}Menlu Tiba di Beijing\nAkhir.").split("\n")]
        assert [line for line in lines if line] == ["Harga naik.", "Akhir."], label


def test_lower_case_is_what_ignorecase_matches_for_ascii_letters() -> None:
    # why warta.nlp.link searches related-headline labels and promotion phrases in the lower-cased text: for every
    # code point but the three of _CASE_UNSAFE, the lower case is one character, re.IGNORECASE matches the code point
    # to an ASCII letter or space exactly when its lower case is that one, and it is a word character, a white space,
    # ':', '.' or a newline exactly when its lower case is
    import re

    from warta.nlp.link import _CASE_UNSAFE

    letters = "abcdefghijklmnopqrstuvwxyz "
    any_letter = re.compile("[a-z ]", re.IGNORECASE)
    classes = re.compile(r"(\w)|(\s)|([:.\n])")
    odd = []
    for point in range(0x110000):
        char = chr(point)
        lower = char.lower()
        plain = len(lower) == 1 and lower in letters
        if len(lower) != 1 or plain != (any_letter.fullmatch(char) is not None):
            odd.append(char)
            continue
        if plain:
            assert re.fullmatch(lower, char, re.IGNORECASE), char
        found, found_lower = classes.fullmatch(char), classes.fullmatch(lower)
        assert (found and found.lastindex) == (found_lower and found_lower.lastindex), char
    assert odd == [char for char in "\u0130\u0131\u017f"] and all(_CASE_UNSAFE.fullmatch(char) for char in odd)
