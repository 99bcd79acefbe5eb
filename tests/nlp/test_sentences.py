from pathlib import Path

import pytest

from warta.nlp.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_splits_on_terminal_punctuation() -> None:
    assert sentences("Rusia dekat dengan China. Dia pergi! Apa kabar? Ya.") == [
        "Rusia dekat dengan China.",
        "Dia pergi!",
        "Apa kabar?",
        "Ya.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Budi Santoso hadir di acara itu.",
        "Kantornya di Jl. Merdeka Barat No. 8 Jakarta.",
        "Pertemuan di St. Petersburg berlangsung lama.",
        "Rombongan H. Ahmad tiba kemarin.",
        "Ekonomi tumbuh 5.3 persen tahun ini.",
        "Mantan presiden B. J. Habibie dikenang.",
        "Buah, sayur, dll. dijual di pasar itu.",
        "Rektor Prof. Dr. Budi Santoso, M.Si. Menyampaikan sambutan.",
        "Warga Ds. Sukamaju dan Moh. Hatta hadir.",
    ],
)
def test_abbreviations_decimals_and_initials_do_not_split(text: str) -> None:
    assert sentences(text) == [text]


def test_sentences_glued_without_a_space_are_split() -> None:
    # Scrapers that joined paragraphs without a space: "pasar.Sebaliknya", a quote opening or closing at the join.
    text = ('Harga cabai naik di pasar.Sebaliknya harga beras turun. Pedagang bingung.Mereka menunggu (10/6).Ini '
            'kata Ani."Kami rugi," ujarnya.Namun ia bertahan. "Kami bertahan."Pembeli datang?Tidak!Sepi.')
    assert sentences(text) == [
        "Harga cabai naik di pasar.", "Sebaliknya harga beras turun.", "Pedagang bingung.", "Mereka menunggu (10/6).",
        "Ini kata Ani.", '"Kami rugi," ujarnya.', "Namun ia bertahan.", '"Kami bertahan."', "Pembeli datang?",
        "Tidak!", "Sepi.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Berita dari Liputan6.com dan Detik.Com menyebut kenaikan 3.5 persen.",
        "Alamatnya www.Contoh.com dan Jl.Merdeka, dekat PT.Maju Jaya milik J.Sutrisno dan Dr.Budi.",
        "Foto itu (Foto: dok.Istimewa) diambil oleh Rektor M.Si.Kemudian.",
    ],
)
def test_glued_abbreviations_domains_and_initials_do_not_split(text: str) -> None:
    assert sentences(text) == [text]


def test_list_ender_before_capital_ends_sentence() -> None:
    assert sentences("Mereka membeli beras, gula, dll. Kemudian mereka pulang.") == [
        "Mereka membeli beras, gula, dll.",
        "Kemudian mereka pulang.",
    ]


def test_closing_quote_belongs_to_the_sentence_it_ends() -> None:
    text = "“Kami siap bekerja sama.” Menteri itu lalu pergi. \"Tidak,\" katanya."
    assert sentences(text) == ["“Kami siap bekerja sama.”", "Menteri itu lalu pergi.", '"Tidak," katanya.']


def test_quote_followed_by_lower_case_attribution_stays_one_sentence() -> None:
    text = "\"Kami tidak akan mundur.\" kata juru bicara itu."
    assert sentences(text) == [text]


def test_paragraphs_and_headings_are_hard_breaks() -> None:
    text = "Paragraf pertama tanpa titik\n\n1. Kerja sama militer\n\nParagraf kedua. Kalimat ketiga."
    assert sentences(text) == ["Paragraf pertama tanpa titik", "1. Kerja sama militer", "Paragraf kedua.", "Kalimat ketiga."]


def test_wrapped_line_is_joined_but_new_line_after_period_splits() -> None:
    text = "Presiden menyampaikan pesan\nkepada rakyat.\nMenteri lalu menjawab."
    assert sentences(text) == ["Presiden menyampaikan pesan\nkepada rakyat.", "Menteri lalu menjawab."]


def test_spans_are_trimmed_offsets_into_text() -> None:
    text = "  Satu.   Dua.  \n\n  Tiga.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Satu.", "Dua.", "Tiga."]
    assert all(0 <= s < e <= len(text) for s, e in spans)


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


def test_seed_sentences_are_ordered_and_cover_every_word() -> None:
    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared seeds not available")
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        covered = "".join(text[s:e] for s, e in spans)
        assert "".join(text.split()) == "".join(covered.split())
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


hypothesis = pytest.importorskip("hypothesis")
strategies = hypothesis.strategies


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(strategies.lists(strategies.sampled_from([*"aZ. !?\n\"”(1", "Dr.", "dll.", " \n\n", "Budi"]), max_size=40))
def test_spans_are_ordered_trimmed_and_in_bounds(pieces: list[str]) -> None:
    text = "".join(pieces)
    spans = split_sentences(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert "".join(text.split()) == "".join("".join(text[s:e] for s, e in spans).split())
