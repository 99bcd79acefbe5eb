"""Who acts and who is acted on in real Indonesian news (issue 17): police roles and units as the body the article
names, officers acting for their body, scraped glue, street names, leading clauses, initials, the people of a place,
threats' content, a body's suspect, office titles, lists with titles, passive lexicon entries.

Sentences are written for the tests (in the style of the news, not taken from it)."""

from __future__ import annotations

from warta.events import extract_events, model
from warta.events.evaluate import build_article
from warta.record import Event

KPK = ["Komisi Pemberantasan Korupsi", "ORG", "IDN", ["KPK"]]
BUDI = ["Budi Santoso", "PER", None, ["Budi"]]
ANI = ["Ani Lestari", "PER", None, ["Ani"]]
SIGIT = ["Sigit Barazili", "PER", None, []]
PARTY = ["Partai Maju Bersama", "ORG", "IDN", []]
ISRAEL = ["Israel", "LOC", "ISR", []]
IRAN = ["Iran", "LOC", "IRN", []]
POLDA = ["Polda Jatim", "ORG", "IDN", []]


def _events(text: str, entities: list[list] | None = None) -> list[Event]:
    article = build_article({"id": "t", "text": text, "entities": entities or [], "base": "2025-06-10"})
    with model.enabled(False):  # the rules themselves
        extract_events(article)
    return article.events


def _coded(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.source.name, e.target.name) for e in events if not (e.negated or e.intent)]


def _coded_after_first_sentence(text: str, entities: list[list]) -> list[tuple[str, str | None, str | None]]:
    """What the sentences after the first are coded as (the first only sets who was named and acted)."""
    return _coded([e for e in _events(text, entities) if e.start > 0])


def test_the_police_role_is_the_police_body_the_article_names() -> None:
    text = "Polres Sragen menyelidiki unggahan itu. Polisi kemudian menangkap Budi Santoso di rumahnya."
    assert ("COERCE", "Polres Sragen", "Budi Santoso") in _coded(_events(text, [BUDI]))


def test_a_police_unit_is_its_body() -> None:
    text = "Satreskrim Polres Garut menangkap Budi Santoso pada Senin."
    assert _coded(_events(text, [["Satreskrim Polres", "ORG", None, []], BUDI])) == [
        ("COERCE", "Polres Garut", "Budi Santoso")]


def test_an_officer_acts_for_the_body_he_serves() -> None:
    text = "Kasat Reskrim Polres Way Kanan AKP Sigit Barazili menangkap Budi Santoso pada Senin."
    assert _coded(_events(text, [SIGIT, BUDI])) == [("COERCE", "Polres Way Kanan", "Budi Santoso")]


def test_a_person_who_is_no_officer_stays_the_actor() -> None:
    text = "Polres Garut menyelidiki kasus itu. Budi Santoso menuduh Ani Lestari menipu warga."
    assert ("ACCUSE", "Budi Santoso", "Ani Lestari") in _coded(_events(text, [BUDI, ANI]))


def test_a_name_glued_by_scraping_is_an_actor() -> None:
    text = "Budi Santoso mengecam penyerangan kapal itu olehIsraeldi perairan internasional."
    assert _coded(_events(text, [BUDI])) == [("ACCUSE", "Budi Santoso", "Israel")]


def test_a_street_named_after_a_person_is_no_target() -> None:
    text = "Budi Santoso mengecam Wali Kota di Jalan Kapten Ani Lestari."
    assert _coded(_events(text, [BUDI, ANI])) == [("ACCUSE", "Budi Santoso", None)]


def test_a_leading_clause_shares_the_main_subject() -> None:
    text = "Ani Lestari hadir di sana. Usai menangkap Budi Santoso, KPK menggelar konferensi pers."
    assert ("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso") in _coded(_events(text, [KPK, BUDI, ANI]))


def test_initials_with_an_age_are_a_person() -> None:
    assert _coded(_events("KPK menangkap MI (21) di rumahnya.", [KPK])) == [
        ("COERCE", "Komisi Pemberantasan Korupsi", "MI")]


def test_the_people_of_a_place_are_a_target_not_a_subject() -> None:
    assert _coded(_events("Israel memperingatkan warga Gaza agar menjauh dari perbatasan.", [ISRAEL])) == [
        ("THREATEN", "Israel", "warga Gaza")]


def test_a_warning_threatens_the_one_its_content_names() -> None:
    text = "Israel telah berulang kali memperingatkan bahwa mereka dapat menyerang situs nuklir Iran."
    assert ("THREATEN", "Israel", "Iran") in _coded(_events(text, [ISRAEL, IRAN]))


def test_a_bodys_legal_act_without_object_is_done_to_its_suspect() -> None:
    text = "KPK menetapkan Budi Santoso sebagai tersangka. Penahanan dilakukan pada Selasa."
    assert _coded(_events(text, [KPK, BUDI])) == [
        ("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso"),
        ("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso"),
    ]


def test_bodies_in_an_office_title_describe_the_person_who_acts() -> None:
    text = "Ketua Umum Partai Maju Bersama, Budi Santoso mengecam Ani Lestari."
    assert _coded(_events(text, [PARTY, BUDI, ANI])) == [("ACCUSE", "Budi Santoso", "Ani Lestari")]


def test_a_spokesperson_still_speaks_for_the_body() -> None:
    text = "Juru bicara Partai Maju Bersama Budi Santoso mengecam Ani Lestari."
    assert _coded(_events(text, [PARTY, BUDI, ANI])) == [("ACCUSE", "Partai Maju Bersama", "Ani Lestari")]


def test_a_list_of_targets_may_carry_titles() -> None:
    text = "Budi Santoso mendesak Presiden Ani Lestari, Ketua KPK, dan Partai Maju Bersama untuk bertindak."
    assert [target for _, _, target in _coded(_events(text, [BUDI, ANI, KPK, PARTY]))] == [
        "Ani Lestari", "Komisi Pemberantasan Korupsi", "Partai Maju Bersama"]


def test_a_passive_entry_of_the_lexicon_is_done_by_the_body_that_holds_the_suspect() -> None:
    assert _coded(_events("Budi Santoso diamankan di Polres Wamena pada Senin malam.", [BUDI])) == [
        ("COERCE", "Polres Wamena", "Budi Santoso")]


def test_a_list_tagged_as_one_name_gives_one_target_each() -> None:
    text = "KPK menyita aset PT Alam Jaya, PT Bumi Raya, dan PT Cahaya Laut pada Senin."
    events = _events(text, [KPK, ["PT Alam Jaya, PT Bumi Raya", "ORG", None, []], ["PT Cahaya Laut", "ORG", None, []]])
    assert [target for _, _, target in _coded(events)] == ["PT Alam Jaya", "PT Bumi Raya", "PT Cahaya Laut"]


def test_a_name_running_out_of_a_bracket_leaves_the_next_suspect() -> None:
    text = "KPK menetapkan dua tersangka, yakni HT (Direktur PT Tamba Jaya), DO, dan AT."
    events = _events(text, [KPK, ["PT Tamba Jaya), DO", "ORG", None, []]])
    assert [target for _, _, target in _coded(events)] == ["HT", "DO", "AT"]


def test_initials_after_a_legal_verb_or_word_are_persons_an_acronym_before_a_name_is_not() -> None:
    assert _coded(_events("KPK lalu mengamankan SRT dan MRP di rumahnya.", [KPK])) == [
        ("COERCE", "Komisi Pemberantasan Korupsi", "SRT"), ("COERCE", "Komisi Pemberantasan Korupsi", "MRP")]
    assert _coded(_events("KPK memeriksa pejabat DJP Budi Santoso pada Senin.", [KPK, BUDI])) == [
        ("ACCUSE", "Komisi Pemberantasan Korupsi", "Budi Santoso")]


def test_the_object_ends_where_the_attribution_starts() -> None:
    text = "KPK menangkap seorang tersangka di rumahnya, kata Budi Santoso."
    assert _coded(_events(text, [KPK, BUDI])) == [("COERCE", "Komisi Pemberantasan Korupsi", None)]


def test_a_police_body_acts_on_no_officer_of_its_own() -> None:
    text = ("Kapolsek Medan Baru Kompol Budi Santoso memimpin tim. Polsek Medan Baru menangkap Budi Santoso "
            "bersama warga.")
    assert ("COERCE", "Polsek Medan Baru", None) in _coded(_events(text, [BUDI]))


def test_coordinated_subjects_of_a_one_sided_act_each_act() -> None:
    text = "Israel dan Iran mengecam Budi Santoso pada Senin."
    assert _coded(_events(text, [ISRAEL, IRAN, BUDI])) == [
        ("ACCUSE", "Israel", "Budi Santoso"), ("ACCUSE", "Iran", "Budi Santoso")]


def test_a_passive_legal_act_names_its_suspects_after_the_verb() -> None:
    text = "Polres Garut menggelar operasi. Kemudian pada malam itu diamankan SRT, MRP dan ASL di rumahnya."
    assert [target for _, source, target in _coded(_events(text)) if source == "Polres Garut"][-3:] == [
        "SRT", "MRP", "ASL"]


def test_a_police_unit_speaking_in_a_quote_acts_for_its_body() -> None:
    text = "Kasat Narkoba Polres Buleleng, AKP Putu Sigit Barazili menggelar jumpa pers. Sigit Barazili menahan Budi Santoso."
    assert ("COERCE", "Polres Buleleng", "Budi Santoso") in _coded(_events(text, [SIGIT, BUDI]))


def test_a_heads_title_without_a_name_is_the_person_the_article_names_with_it() -> None:
    trump = ["Donald Trump", "PER", "USA", []]
    usa = ["Amerika Serikat", "LOC", "USA", ["AS"]]
    text = "Presiden Amerika Serikat (AS), Donald Trump, tiba di sana. Kemudian Presiden AS mengecam Budi Santoso."
    assert ("ACCUSE", "Donald Trump", "Budi Santoso") in _coded(_events(text, [trump, usa, BUDI]))


def test_a_prosecutors_office_goes_by_its_short_name() -> None:
    office = ["Kejaksaan Negeri Bireuen", "ORG", "IDN", []]
    assert _coded(_events("Kejaksaan Negeri Bireuen mendakwa Budi Santoso pada Senin.", [office, BUDI])) == [
        ("ACCUSE", "Kejari Bireuen", "Budi Santoso")]


def test_officers_named_by_function_are_the_police_body() -> None:
    text = "Polrestabes Medan menggelar operasi. Petugas kemudian menangkap Budi Santoso di rumahnya."
    assert ("COERCE", "Polrestabes Medan", "Budi Santoso") in _coded(_events(text, [BUDI]))


def test_a_verb_whose_root_ends_in_an_is_no_noun() -> None:
    office = ["Kejari Bangkalan", "ORG", "IDN", []]
    assert _coded(_events("Kejari Bangkalan, Jawa Timur menahan Budi Santoso, tersangka kasus itu.", [office, BUDI])) == [
        ("COERCE", "Kejari Bangkalan", "Budi Santoso")]


def test_coordinated_verbs_share_the_subject_before_the_first() -> None:
    text = "Kapal yang membawa Budi Santoso tiba setelah Israel menghentikan dan menahan mereka — di tengah perang."
    assert ("COERCE", "Israel", None) in _coded(_events(text, [ISRAEL, BUDI]))


def test_the_bare_title_presiden_is_the_president_the_article_names() -> None:
    prabowo = ["Prabowo Subianto", "PER", "IDN", ["Prabowo"]]
    text = "Presiden Prabowo tiba di Istana. Kemudian Presiden mengecam Budi Santoso. Wakil Presiden mengecam Ani Lestari."
    coded = _coded(_events(text, [prabowo, BUDI, ANI]))
    assert ("ACCUSE", "Prabowo Subianto", "Budi Santoso") in coded
    assert ("ACCUSE", "Prabowo Subianto", "Ani Lestari") not in coded


def test_the_government_as_the_object_of_a_demand_is_the_home_state() -> None:
    assert _coded(_events("Budi Santoso mendesak pemerintah segera mencabut izin tambang itu.", [BUDI])) == [
        ("REQUEST", "Budi Santoso", "Indonesia")]


def test_a_welcome_of_an_act_told_before_targets_its_doer() -> None:
    text = ("Komisi Pemberantasan Korupsi menandatangani nota kesepahaman dengan Partai Maju Bersama. "
            "Budi Santoso menyambut baik kerja sama ini.")
    assert ("SUPPORT", "Budi Santoso", "Komisi Pemberantasan Korupsi") in _coded(_events(text, [KPK, PARTY, BUDI]))


def test_a_refused_act_told_before_targets_its_doer() -> None:
    text = "Iran mendesak Israel menarik pasukannya. Tuntutan ini sebelumnya telah ditolak Israel."
    assert ("REJECT", "Israel", "Iran") in _coded(_events(text))


def test_a_welcome_naming_its_object_keeps_it() -> None:
    text = "Iran menyerang Israel. Budi Santoso mendukung Partai Maju Bersama."
    assert ("SUPPORT", "Budi Santoso", "Partai Maju Bersama") in _coded(_events(text, [BUDI, PARTY]))


def test_a_passive_arrest_after_an_officer_speaks_is_his_bodys() -> None:
    text = "AKP Sigit Barazili dari Polres Garut membenarkan kabar itu. Budi Santoso ditangkap di rumahnya pada Senin."
    assert ("COERCE", "Polres Garut", "Budi Santoso") in _coded(_events(text, [SIGIT, BUDI]))


def test_a_police_act_naming_no_one_is_done_to_the_articles_sole_suspect() -> None:
    text = ("Polres Garut melakukan pengintaian di sebuah gudang pada Senin malam. "
            "Pria berinisial SD (39) itu kini mendekam di sel tahanan.")
    assert ("ACCUSE", "Polres Garut", "SD") in _coded(_events(text))


def test_with_several_suspects_a_police_act_naming_no_one_keeps_no_target() -> None:
    text = ("Polres Garut melakukan pengintaian di sebuah gudang pada Senin malam. "
            "Pria berinisial SD (39) dan AR (25) itu kini mendekam di sel tahanan.")
    assert ("ACCUSE", "Polres Garut", None) in _coded(_events(text))


def test_a_legislator_pressing_the_government_targets_the_home_state() -> None:
    text = "Anggota Komisi VII DPR RI Budi Santoso mendesak pemerintah untuk segera menghentikan tambang nikel."
    assert _coded(_events(text, [BUDI])) == [("REQUEST", "Budi Santoso", "Indonesia")]


def test_a_crime_or_rule_the_tagger_took_for_a_body_is_no_target() -> None:
    text = "Polres Garut menyelidiki dugaan KDRT yang dilakukan seorang anggota dewan."
    assert _coded(_events(text, [["KDRT", "ORG", None, []]])) == [("ACCUSE", "Polres Garut", None)]


def test_each_arrested_person_given_an_age_is_a_target() -> None:
    text = ("Polres Garut menangkap Budi Santoso (45) warga Desa Sukamaju, Kecamatan Cibatu, "
            "dan Ani Lestari (53), warga Jalan Merdeka.")
    coded = _coded(_events(text, [BUDI, ANI]))
    assert ("COERCE", "Polres Garut", "Budi Santoso") in coded and ("COERCE", "Polres Garut", "Ani Lestari") in coded


def test_persons_named_after_yakni_are_the_targets_not_their_state() -> None:
    text = ("Iran menjatuhkan sanksi kepada dua menteri pemerintah Israel, yakni Menteri Keamanan Israel Budi Santoso "
            "dan Menteri Keuangan Israel Ani Lestari.")
    assert _coded(_events(text, [BUDI, ANI])) == [("SANCTION", "Iran", "Budi Santoso"), ("SANCTION", "Iran", "Ani Lestari")]


def test_tear_gas_naming_no_one_is_used_on_the_protesters() -> None:
    text = "Ribuan orang berunjuk rasa di depan balai kota. Polres Garut merespons dengan gas air mata dan peluru karet."
    coded = _coded(_events(text))
    assert any(t == "COERCE" and s == "Polres Garut" and target == "Demonstran" for t, s, target in coded), coded


def test_a_states_attack_naming_no_one_is_on_the_state_it_is_at_war_with() -> None:
    text = ("Israel melancarkan serangan udara ke Iran pada Senin. "
            "Serangan itu disebut balasan atas serangan mendadak Iran pekan lalu.")
    coded = _coded(_events(text, [ISRAEL, IRAN]))
    assert ("ASSAULT", "Israel", "Iran") in coded and ("ASSAULT", "Iran", "Israel") in coded, coded


def test_an_attack_with_no_earlier_war_keeps_no_target() -> None:
    text = "Iran melancarkan serangan pada Senin malam."
    assert ("ASSAULT", "Iran", None) in _coded(_events(text, [IRAN]))


def test_a_regional_head_named_by_office_and_place_is_an_actor() -> None:
    text = "Kelompok Partai Maju Bersama menuding Bupati Garut menghalangi penyaluran bantuan."
    assert _coded(_events(text, [PARTY])) == [("ACCUSE", "Partai Maju Bersama", "Bupati Garut")]


def test_an_office_followed_by_its_holders_name_is_a_title_not_an_actor() -> None:
    text = "Gubernur Jawa Barat, Budi Santoso, menerima audiensi Partai Maju Bersama pada Senin."
    assert all("Gubernur" not in (s or "") + (t or "") for _, s, t in _coded(_events(text, [BUDI, PARTY])))


def test_questioning_a_complainant_is_the_investigation_of_the_one_reported() -> None:
    text = "Budi Santoso diperiksa Polres Garut terkait laporannya terhadap Ani Lestari pada Senin."
    assert _coded(_events(text, [BUDI, ANI])) == [("ACCUSE", "Polres Garut", "Ani Lestari")]


def test_the_one_asked_in_a_sentence_without_events_is_no_later_subject() -> None:
    text = ("Partai Maju Bersama menggelar aksi damai di depan balai kota. "
            "Pertama, meminta agar Pemkot Garut menaikkan anggaran. Kedua, mereka menuntut pencabutan aturan itu.")
    coded = _coded(_events(text, [PARTY]))
    assert all(s != "Pemkot Garut" for _, s, _ in coded), coded


def test_refusing_or_promising_on_a_demand_targets_the_one_who_demanded() -> None:
    text = ("Partai Maju Bersama menuntut penghapusan aturan itu. "
            "Budi Santoso belum dapat mengakomodir tuntutan elemen guru sekaitan Peraturan Daerah. "
            "Ia berjanji akan meneruskan aspirasi para guru.")
    coded = _coded(_events(text, [PARTY, BUDI]))
    assert ("REJECT", "Budi Santoso", "Partai Maju Bersama") in coded, coded
    assert ("AGREE", "Budi Santoso", "Partai Maju Bersama") in coded, coded


def test_suspects_counted_in_one_sentence_and_listed_in_the_next_are_the_targets() -> None:
    text = ("Sejauh ini, Komisi Pemberantasan Korupsi telah menetapkan dua orang tersangka dalam kasus itu. "
            "Kedua tersangka itu adalah BS (Budi Santoso) selaku Kepala Divisi Kredit, dan Ani Lestari (AL) "
            "selaku direktur.")
    coded = _coded(_events(text, [KPK, BUDI, ANI]))
    assert ("COERCE", "Komisi Pemberantasan Korupsi", "Budi Santoso") in coded, coded
    assert ("COERCE", "Komisi Pemberantasan Korupsi", "Ani Lestari") in coded, coded


def test_a_counted_group_arrested_and_listed_by_initials_after_a_comma_are_the_targets() -> None:
    text = ("Empat pria ditangkap Polres Garut di rumahnya masing-masing. "
            "Keempat pria yang diamankan yakni, MU (38), AD (37), KU (28) dan RI (31).")
    first = [e for e in _events(text) if e.start == 0 and not (e.negated or e.intent)]
    assert {e.target.name for e in first if e.target} >= {"MU", "AD", "KU"}, _coded(first)


def test_permits_revoked_from_a_counted_group_of_companies_listed_next_target_each_company() -> None:
    text = ("Pemerintah mencabut tiga izin usaha pertambangan di Kabupaten Garut. "
            "Ketiga perusahaan tersebut, yakni PT Maju Jaya, PT Sinar Abadi, dan PT Karya Utama.")
    companies = [[name, "ORG", None, []] for name in ("PT Maju Jaya", "PT Sinar Abadi", "PT Karya Utama")]
    first = [e for e in _events(text, companies) if e.start == 0 and not (e.negated or e.intent)]
    assert {e.target.name for e in first if e.target} == {"PT Maju Jaya", "PT Sinar Abadi", "PT Karya Utama"}, \
        _coded(first)


def test_the_bare_prosecution_role_is_the_prosecutors_office_the_article_names() -> None:
    text = ("Kejari Garut menahan Budi Santoso pada Senin. "
            "Budi mengaku salut dengan tim kejaksaan yang bekerja cepat.")
    coded = _coded(_events(text, [BUDI]))
    assert ("SUPPORT", "Budi Santoso", "Kejari Garut") in coded, coded


def test_a_list_with_no_group_noun_kedua_yang_diamankan_names_the_targets() -> None:
    text = ("Dua pengedar ganja kering, berhasil ditangkap oleh Polres Garut dari Jalan Merdeka. "
            "Kedua yang diamankan yakni Budi Santoso (45) warga Desa Sukamaju, dan Ani Lestari (53) warga Cibatu.")
    first = [e for e in _events(text, [BUDI, ANI]) if e.start == 0 and not (e.negated or e.intent)]
    assert {e.target.name for e in first if e.target} == {"Budi Santoso", "Ani Lestari"}, _coded(first)


def test_a_person_pronoun_under_a_passive_legal_act_is_the_suspect_not_the_body() -> None:
    text = "Budi Santoso ditangkap Polda Jatim pada Senin. Dia diamankan saat hendak mengirim pesanan."
    assert _coded_after_first_sentence(text, [POLDA, BUDI]) == [("COERCE", "Polda Jatim", "Budi Santoso")]
    text = "Polda Jatim menangkap Budi Santoso pada Senin. Ia ditahan di Rutan Medaeng."
    assert _coded_after_first_sentence(text, [POLDA, BUDI]) == [("COERCE", "Polda Jatim", "Budi Santoso")]
    # an institution as the last subject of a speech act still speaks for "dia" where it is no person's pronoun
    text = "Polda Jatim menangkap Budi Santoso pada Senin. Polda Jatim kemudian mengecam Ani Lestari."
    assert ("ACCUSE", "Polda Jatim", "Ani Lestari") in _coded(_events(text, [POLDA, BUDI, ANI]))


def test_a_person_named_right_after_a_legal_noun_is_the_one_acted_upon() -> None:
    text = "Polda Jatim menyelidiki kasus itu. Kapolda Jatim membenarkan penangkapan Budi Santoso."
    assert _coded_after_first_sentence(text, [POLDA, BUDI]) == [("COERCE", "Polda Jatim", "Budi Santoso")]
    text = "Polda Jatim menyelidiki kasus itu. Penangkapan Budi Santoso dilakukan pada Rabu."
    assert _coded_after_first_sentence(text, [POLDA, BUDI]) == [("COERCE", "Polda Jatim", "Budi Santoso")]
    # a criticism noun's person is the critic
    text = "Kecaman Budi Santoso terhadap Polda Jatim menuai tanggapan."
    assert ("ACCUSE", "Budi Santoso", "Polda Jatim") in _coded(_events(text, [POLDA, BUDI]))
