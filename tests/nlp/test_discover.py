"""`warta kb discover`: people with their roles and acronyms with their expansions, proposed from a stored corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.cli import main
from warta.nlp.discover import acronym_pairs, person_name, role_before, spells

# Invented names and bodies: the discovery must come from the written shapes, not from anything known.
ARTICLES = [
    ("Jakarta - Menteri Urusan Pangan Darmoko Sulistyanto meninjau gudang beras. Darmoko Sulistyanto menyebut stok "
     "aman. Badan Cadangan Pangan Nusantara (BCPN) ikut hadir.\n\nMenurut Darmoko, harga turun."),
    ("Bandung - Menteri Urusan Pangan Darmoko Sulistyanto kembali ke pasar. Badan Cadangan Pangan Nusantara (BCPN) "
     "menambah stok. Pajak Pertambahan Nilai (PPN) tidak naik."),
    "Surabaya - Kapolda Jawa Timur Irjen Wirasena Adikara menyebut pelaku ditangkap. Wirasena Adikara memuji warga.",
]


class TestPieces:
    def test_role_is_the_office_before_the_name(self) -> None:
        assert role_before("kata Menteri Luar Negeri ") == "Menteri Luar Negeri"
        assert role_before("ujar Kapolda Riau Irjen ") == "Kapolda Riau"
        assert role_before("Kapolsek Bogor Timur Kompol ") == "Kapolsek Bogor Timur"

    def test_a_rank_or_an_office_without_its_body_is_no_role(self) -> None:
        assert role_before("kata Pak ") is None
        assert role_before("kata Kapten Polisi ") is None
        assert role_before("menurut Kepala ") is None
        assert role_before("warga bernama ") is None

    def test_person_names_lose_leading_acronyms_and_forms_of_address(self) -> None:
        assert person_name("OECD Mathias Cormann") == "Mathias Cormann"
        assert person_name("Ny Tina Herry") == "Tina Herry"
        assert person_name("Sugiono") is None
        assert person_name("Badan Pangan") is None
        assert role_before("kata Ketua Umum ") is None

    def test_acronym_spelled_by_initials_or_first_syllables(self) -> None:
        assert spells("BGN", ["Badan", "Gizi", "Nasional"])
        assert spells("Bareskrim", ["Badan", "Reserse", "Kriminal"])
        assert spells("ESDM", ["Energi", "dan", "Sumber", "Daya", "Mineral"])
        assert not spells("KPK", ["Badan", "Gizi", "Nasional"])

    def test_acronym_pairs_keep_the_organisation_head(self) -> None:
        body = "Rapat dengan Kementerian Energi dan Sumber Daya Mineral (ESDM) dan warga."
        pairs = list(acronym_pairs(body))
        assert [(e, a) for e, a, _, _ in pairs] == [("Kementerian Energi dan Sumber Daya Mineral", "ESDM")]
        _, _, start, end = pairs[0]
        assert body[start:end] == "Kementerian Energi dan Sumber Daya Mineral (ESDM)"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("discover")
    rows = [{"id": f"disc-{n}", "title": f"Berita {n}", "published": f"2025-06-0{n + 1}T10:00:00+07:00", "text": body}
            for n, body in enumerate(ARTICLES)]
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    db = folder / "w.db"
    assert main(["analyze", str(source), "--db", str(db), "--quiet", "--no-stories"]) == 0
    return db


def test_discover_proposes_people_with_roles_and_acronyms(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "discover", "--db", str(corpus_db), "--format", "json"]) == 0
    proposals = json.loads(capsys.readouterr().out)
    by_name = {p["name"]: p for p in proposals}
    darmoko = by_name["Darmoko Sulistyanto"]
    assert (darmoko["kind"], darmoko["detail"], darmoko["n_articles"]) == ("person", "Menteri Urusan Pangan", 2)
    assert by_name["Wirasena Adikara"]["detail"] == "Kapolda Jawa Timur"
    agency = by_name["Badan Cadangan Pangan Nusantara"]
    assert (agency["kind"], agency["detail"], agency["type"], agency["n_articles"]) == ("acronym", "BCPN", "ORG", 2)
    article_id, offsets = agency["example"].rsplit(":", 1)
    assert article_id.startswith("disc-") and "-" in offsets
    assert "Pajak Pertambahan Nilai" not in by_name  # a tax, no body
    assert proposals[0]["n_articles"] >= proposals[-1]["n_articles"]


def test_discover_limits_and_filters(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "discover", "--db", str(corpus_db), "--kind", "acronym", "--min-articles", "2",
                 "--format", "json"]) == 0
    proposals = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in proposals] == ["Badan Cadangan Pangan Nusantara"]


def test_general_after_an_office_word_is_part_of_the_office() -> None:
    assert role_before("kata Direktur Jenderal Pajak ") == "Direktur Jenderal Pajak"
    assert role_before("kata Kapolri Jenderal ") is None  # one word of office: too little to propose
    assert role_before("kata Sekretaris Jenderal ") is None  # the body follows in the words taken for a name


def test_places_initials_and_two_word_ranks_are_no_people_or_roles() -> None:
    assert person_name("Kabupaten Indramayu") is None
    assert person_name("Edi S") is None
    assert role_before("kata Inspektur Dua ") is None


class TestRoundThree:
    """Filters and acceptance added in round three of issue 20."""

    def test_office_words_before_the_title_belong_to_the_role(self) -> None:
        assert role_before("kata Juru Bicara KPK ") == "Juru Bicara KPK"
        assert role_before("ujar Staf Khusus Menteri Pertahanan ") == "Staf Khusus Menteri Pertahanan"

    def test_parts_in_a_case_are_no_office(self) -> None:
        assert role_before("kata Terdakwa II ") is None
        assert role_before("menurut Tersangka ") is None

    def test_phrases_places_bodies_and_glued_words_are_no_names(self) -> None:
        assert person_name("Generasi Muda") is None  # words written in lower case in running text
        assert person_name("Indramayu Lucky") is None  # a regency first: the office's place, then the name
        assert person_name("Emmanuel Macronmenikahi") is None  # a known name with a verb glued on
        assert person_name("Rio Wahyu Anggoro") == "Rio Wahyu Anggoro"
        assert person_name("Nazaruddin Yahya Lc") == "Nazaruddin Yahya"  # an academic degree after the name

    def test_a_name_word_the_office_took_goes_back_to_the_name(self) -> None:
        from warta.nlp.discover import _name_cut_into_role
        from warta.nlp.kb import load_kb

        kb = load_kb()
        assert _name_cut_into_role("Bupati Raja Ampat Orideko", "Iriano Burdam", kb) == (
            "Bupati Raja Ampat",
            "Orideko Iriano Burdam",
        )
        assert _name_cut_into_role("Kapolsek Bogor Timur", "Asep Sundana", kb) == ("Kapolsek Bogor Timur", "Asep Sundana")


def test_accept_writes_discovered_entries_the_linker_loads(
    corpus_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from warta.nlp.kb import load_kb, read_entries, with_discovered

    out = tmp_path / "discovered.jsonl"
    args = ["kb", "discover", "--db", str(corpus_db), "--accept", "--min-count", "2", "--out", str(out)]
    assert main([*args, "--format", "json"]) == 0
    capsys.readouterr()
    entries = {entry.name: entry for entry in read_entries(out)}
    assert set(entries) == {"Darmoko Sulistyanto", "Badan Cadangan Pangan Nusantara"}  # Wirasena: one article
    person, agency = entries["Darmoko Sulistyanto"], entries["Badan Cadangan Pangan Nusantara"]
    assert person.discovered and person.role == "Menteri Urusan Pangan" and person.id == "person:darmoko-sulistyanto"
    assert agency.discovered and agency.aliases == ("BCPN",) and len(agency.evidence) == 2
    assert "2 articles" in (agency.source or "")
    assert all(e.split(":")[0].startswith("disc-") for e in person.evidence)
    # a second run replaces, not duplicates; the knowledge base takes what it does not already name
    assert main([*args, "--format", "json"]) == 0
    assert len(read_entries(out)) == 2
    kb = list(load_kb())
    merged = with_discovered(kb, read_entries(out))
    assert len(merged) == len(kb) + 2
    assert len(with_discovered(kb, [*read_entries(out), kb[0]])) == len(kb) + 2
