"""Template series (warta.stories.templates): one title pattern with other slot values is not one story."""

import pytest

from warta.stories import assign_stories
from warta.stories.templates import same_series, template_siblings

DAY = "2025-06-09T10:00:00+07:00"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a budget page per regency: a place and two amounts in their slots
        (
            "Posisi APBD Kab Sumedang Juni 2025: Sudah Habiskan Rp 1,2 Triliun",
            "Posisi APBD Kab Subang Juni 2025: Sudah Habiskan Rp 980 Miliar",
        ),
        # a score prediction per match
        (
            "Prediksi Skor Belanda vs Finlandia di Kualifikasi Piala Dunia",
            "Prediksi Skor Polandia vs Malta di Kualifikasi Piala Dunia",
        ),
        # a price page per day: only the date differs
        ("Harga Kripto Hari Ini 3 Juni 2025, Bitcoin Menguat", "Harga Kripto Hari Ini 4 Juni 2025, Bitcoin Menguat"),
        # an answer key per subject
        ("Kunci Jawaban Matematika Kelas 6 Halaman 45", "Kunci Jawaban IPA Kelas 6 Halaman 45"),
    ],
)
def test_one_pattern_with_other_slot_values_is_a_series(a: str, b: str) -> None:
    assert template_siblings(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same title twice, or with a spelling variant: a copy or a re-run
        ("Bupati Salurkan Hewan Kurban ke Warga", "Bupati Salurkan Hewan Qurban ke Warga"),
        ("Banjir Rendam 3 Desa di Hulu Sungai", "Banjir Rendam 3 Desa di Hulu Sungai"),
        # a relative day and function words are not slot values
        ("Ramalan Zodiak Leo Besok Selasa 10 Juni 2025", "Ramalan Zodiak Leo Hari Ini 10 Juni 2025"),
        # a rewording of one development changes a phrase, not a slot
        (
            "Gubernur Cabut Izin Tambang Pasir, Ini Alasannya Menurut Dinas",
            "Gubernur Cabut Izin Tambang Pasir, Warga Sambut Gembira Keputusan Itu",
        ),
        # different titles altogether
        ("Kebakaran Pasar Pagi Hanguskan 40 Kios", "Menteri Umumkan Jadwal Libur Sekolah"),
        ("", "Prediksi Skor Belanda vs Finlandia"),
        (None, None),
    ],
)
def test_copies_rewordings_and_other_titles_are_not_a_series(a: str | None, b: str | None) -> None:
    assert not template_siblings(a, b)


# invented pages of one outlet's budget series: the same body template, another regency and amounts in the slots
BUDGET = (
    "Pemerintah Kabupaten {place} telah membelanjakan Rp {amount} triliun dari APBD 2025 hingga awal Juni. Belanja "
    "terbesar untuk gaji pegawai, disusul belanja barang dan jasa serta belanja modal untuk jalan dan jembatan. "
    "Pendapatan daerah tercatat Rp {income} triliun, sebagian besar dari dana transfer pemerintah pusat. Data realisasi "
    "anggaran ini dihimpun dari portal keuangan daerah yang diperbarui setiap bulan oleh kementerian."
)


def test_one_outlets_template_series_are_separate_stories_and_its_copies_are_not(store, save):
    for key, place, amount, income in (
        ("p-1", "Sumedang", "1,2", "2,1"),
        ("p-2", "Subang", "0,9", "1,8"),
        ("p-3", "Ciamis", "1,1", "2,4"),
    ):
        save(
            key,
            "Tribun Jabar",
            DAY,
            f"Posisi APBD Kab {place} Juni 2025: Sudah Habiskan Rp {amount} Triliun",
            BUDGET.format(place=place, amount=amount, income=income),
            (),
        )
    # another outlet's copy of the first page is the same story
    save(
        "c-1",
        "Jabar Ekspres",
        DAY,
        "Posisi APBD Kab Sumedang Juni 2025: Sudah Habiskan Rp 1,2 Triliun",
        BUDGET.format(place="Sumedang", amount="1,2", income="2,1"),
        (),
    )
    assign_stories(store)
    story = dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())
    assert len({story["p-1"], story["p-2"], story["p-3"]}) == 3
    assert story["c-1"] == story["p-1"]


def test_series_need_one_outlet_or_a_number_swapped_when_the_outlet_is_unknown() -> None:
    budget_a, budget_b = "Posisi APBD Kab Sumedang Juni 2025", "Posisi APBD Kab Subang Juni 2025"
    assert same_series(budget_a, "Tribun Jabar", budget_b, "Tribun Jabar")
    assert not same_series(budget_a, "Tribun Jabar", budget_b, "Jabar Ekspres")
    # an unknown outlet: a swapped number (a day) is a series, a swapped word may be another outlet's rewording
    assert same_series("Harga Emas Hari Ini 3 Juni 2025", None, "Harga Emas Hari Ini 4 Juni 2025", "")
    assert not same_series(budget_a, None, budget_b, None)
