"""Metadata on the bundled demo corpus (src/warta/demo/corpus, fictional): outlet, publication time, dateline, authors.

The expectations were read off each file by hand, as a reader would: the outlet is the registry's canonical name
when the text itself names the outlet (the corpus README names the outlet of every file, but the Sindonews files
carry no outlet evidence in their text, so null is right there); the publication time is the file's own stamp (its
date agrees with the README; null where the file prints no stamp, as IDN Times and Beritabaru demo pages do); the
dateline is the canonical city of the lead; authors are the byline as printed (a team byline such as
"Tim detikcom" is kept as written; CNN's "(pwn/bac)" initials are not names).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from warta.clean import clean_article
from warta.meta import extract_metadata
from warta.meta.registry import outlets
from warta.record import Article, Source

CORPUS = Path(__file__).resolve().parents[2] / "src" / "warta" / "demo" / "corpus"

# file stem: (outlet, published, dateline, authors)
EXPECTED: dict[str, tuple[str | None, str | None, str | None, list[str]]] = {
    "antara-2022-07-08-lavrov-g20-bali": ("ANTARA", "2022-07-08T19:30:00+07:00", "Nusa Dua", ["Putu Ardana"]),
    "antara-2022-11-22-gempa-cianjur-jokowi": ("ANTARA", "2022-11-22T15:05:00+07:00", "Cianjur", ["Dimas Saputra"]),
    "antara-2023-02-22-wang-yi-lavrov-moskow": (
        "ANTARA",
        "2023-02-22T08:12:00+07:00",
        "Moskow",
        ["Yuni Kartikasari"],
    ),
    "antara-2023-06-23-sanksi-ue-perusahaan-china": (
        "ANTARA",
        "2023-06-23T22:40:00+07:00",
        "Brussel",
        ["Raka Wirawan"],
    ),
    "beritabaru-2023-01-13-perdagangan-rusia-china": ("Berita Baru", None, "Beijing", []),
    "cnn-indonesia-2022-03-31-lavrov-wang-yi-anhui": ("CNN Indonesia", "2022-03-31T07:15:00+07:00", "Jakarta", []),
    "cnn-indonesia-2022-12-21-latihan-laut-bersama": ("CNN Indonesia", "2022-12-21T16:30:00+07:00", "Jakarta", []),
    "cnn-indonesia-2023-02-20-blinken-senjata": ("CNN Indonesia", "2023-02-20T10:20:00+07:00", "Jakarta", []),
    "detik-2022-03-30-lavrov-wang-yi-tunxi": ("detik.com", "2022-03-30T18:42:00+07:00", "Jakarta", ["Tim detikcom"]),
    "detik-2022-11-22-jokowi-tinjau-cianjur": ("detik.com", "2022-11-22T13:48:00+07:00", "Cianjur", ["Tim detikcom"]),
    "detik-2023-02-19-blinken-peringatkan-china": (
        "detik.com",
        "2023-02-19T21:05:00+07:00",
        "Jakarta",
        ["Tim detikcom"],
    ),
    "idn-times-2022-02-04-putin-beijing": ("IDN Times", None, "Beijing", ["Sekar Ayuningtyas"]),
    "idn-times-2022-11-30-patroli-pembom": ("IDN Times", None, "Beijing", ["Sekar Ayuningtyas"]),
    "idn-times-2023-11-14-nomor-urut-capres": ("IDN Times", None, "Jakarta", ["Yoga Nugraha"]),
    "ihram-2023-01-09-kuota-haji": ("Ihram", "2023-01-09T21:10:00+07:00", "Jeddah", ["Fitri Handayani"]),
    "kompas-com-2022-02-04-putin-xi-olimpiade": (
        "Kompas.com",
        "2022-02-04T21:30:00+07:00",
        "Beijing",
        ["Aditya Nugraha"],
    ),
    "kompas-com-2022-06-30-jokowi-moskow": ("Kompas.com", "2022-06-30T23:15:00+07:00", "Jakarta", ["Nabila Rahmawati"]),
    "kompas-com-2022-11-22-jokowi-cianjur": ("Kompas.com", "2022-11-22T14:20:00+07:00", "Cianjur", ["Ridwan Hakim"]),
    "kompas-com-2023-03-21-xi-putin-kremlin": ("Kompas.com", "2023-03-21T23:48:00+07:00", "Moskow", ["Aditya Nugraha"]),
    "kompas-tv-2022-12-04-erupsi-semeru": ("Kompas TV", "2022-12-04T16:05:00+07:00", "Lumajang", ["Rizky Ananda"]),
    "kompas-tv-2023-03-21-xi-moskow": ("Kompas TV", "2023-03-21T19:20:00+07:00", "Moskow", ["Hana Pertiwi"]),
    "kompas-tv-2023-10-18-putin-beijing-belt-road": (
        "Kompas TV",
        "2023-10-18T20:40:00+07:00",
        "Beijing",
        ["Hana Pertiwi"],
    ),
    "liputan6-2023-06-20-impor-minyak-china": (
        "Liputan6.com",
        "2023-06-20T19:30:00+07:00",
        "Jakarta",
        ["Arini Safitri"],
    ),
    "liputan6-2023-07-20-latihan-laut-jepang": (
        "Liputan6.com",
        "2023-07-20T18:05:00+07:00",
        "Jakarta",
        ["Tim Global Liputan6.com"],
    ),
    "liputan6-2023-08-24-bi-rate": ("Liputan6.com", "2023-08-24T14:35:00+07:00", "Jakarta", ["Bayu Aditama"]),
    # A bare name under the stamp is Okezone's byline; a bare "Antara" there credits the wire copy, not a writer.
    "okezone-2023-05-16-timnas-u22-emas": ("Okezone", "2023-05-16T22:35:00+07:00", "Phnom Penh", ["Reza Firmansyah"]),
    "okezone-2023-06-24-sanksi-ue-perusahaan-china": ("Okezone", "2023-06-24T06:15:00+07:00", "Brussel", []),
    "republika-2022-09-01-vostok-2022": ("Republika", "2022-09-01T19:25:00+07:00", "Moskow", ["Dwi Ratnasari"]),
    "republika-2023-02-20-blinken-wang-yi-munich": (
        "Republika",
        "2023-02-20T05:40:00+07:00",
        "München",
        ["Fauzan Mahardika"],
    ),
    "republika-2023-03-22-xi-putin-pernyataan-bersama": (
        "Republika",
        "2023-03-22T10:05:00+07:00",
        "Beijing",
        ["Fauzan Mahardika"],
    ),
    # The Sindonews demo pages never name their outlet (no site name, no credit, no footer): no evidence, no outlet.
    "sindonews-2022-09-15-putin-xi-samarkand": (None, "2022-09-15T21:05:00+07:00", "Samarkand", ["Dian Maharani"]),
    "sindonews-2022-12-21-latihan-angkatan-laut": (None, "2022-12-21T20:15:00+07:00", "Moskow", ["Arif Setiawan"]),
    "tempo-2022-02-05-kemitraan-tanpa-batas": ("Tempo", "2022-02-05T06:20:00+07:00", "Jakarta", ["Galih Pramudya"]),
    "tempo-2023-02-22-wang-yi-moskow": ("Tempo", "2023-02-22T21:10:00+07:00", "Jakarta", ["Dinda Larasati"]),
    "tempo-2023-11-14-kpu-nomor-urut": ("Tempo", "2023-11-14T21:45:00+07:00", "Jakarta", ["Maya Kurniasih"]),
    # Published 00.15 WITA on the 17th: UTC+8, not shifted to WIB.
    "tribunnews-2023-05-17-timnas-sea-games": ("Tribun Timur", "2023-05-17T00:15:00+08:00", "Makassar", ["Muh Faisal"]),
    "tribunnews-2023-06-20-minyak-rusia-china": (
        "Tribunnews",
        "2023-06-20T16:45:00+07:00",
        "Beijing",
        ["Yanuar Prasetyo"],
    ),
}
FIELDS = ("outlet", "published", "dateline", "authors")


def _readme_rows() -> dict[str, tuple[str, str]]:
    """file stem -> (outlet, date) from the corpus README table."""
    rows = {}
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| (\S+)\.txt \| ([^|]+) \| (\d{4}-\d\d-\d\d) \|", line)
        if match:
            rows[match.group(1)] = (match.group(2).strip(), match.group(3))
    return rows


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def extract(stem: str) -> Article:
    path = CORPUS / f"{stem}.txt"
    raw = path.read_text(encoding="utf-8")
    article = Article(
        id=stem, source=Source(path=str(path), format="txt", sha256=hashlib.sha256(raw.encode()).hexdigest())
    )
    article._raw_text = raw
    clean_article(article)
    extract_metadata(article)
    return article


def test_table_covers_the_whole_corpus_and_agrees_with_the_readme() -> None:
    readme = _readme_rows()
    assert set(EXPECTED) == {p.stem for p in CORPUS.glob("*.txt")} == set(readme)
    registry = outlets()
    for stem, (outlet, published, _dateline, _authors) in EXPECTED.items():
        readme_outlet, readme_date = readme[stem]
        if published is not None:
            assert published[:10] == readme_date, stem
        if outlet is not None:
            # The README names outlets loosely ("Antara", "Detik", "Tribunnews (Tribun-Timur)"); the table uses the
            # registry's canonical name for the same outlet.
            assert outlet in {o.name for o in registry.outlets}, stem
            named = re.search(r"\((.+)\)", readme_outlet)
            readme_key, outlet_key = _squash(named.group(1) if named else readme_outlet), _squash(outlet)
            assert readme_key.startswith(outlet_key) or outlet_key.startswith(readme_key), stem


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_demo_article_metadata(stem: str) -> None:
    article = extract(stem)
    got = (article.outlet, article.published, article.dateline, article.authors)
    wrong = {name: (g, w) for name, g, w in zip(FIELDS, got, EXPECTED[stem], strict=True) if g != w}
    assert wrong == {}


# Wire credits printed as lines of their own: Tempo's "REUTERS | AL JAZEERA" footer, Kompas TV's "Sumber : A, B",
# the "(Antara)" that marks Okezone's copy of an Antara article.
CREDITED_WIRES = {
    "tempo-2022-02-05-kemitraan-tanpa-batas": {"Reuters", "Xinhua"},
    "tempo-2023-02-22-wang-yi-moskow": {"Reuters", "Al Jazeera"},
    "kompas-tv-2023-03-21-xi-moskow": {"Reuters", "Associated Press"},
    "kompas-tv-2023-10-18-putin-beijing-belt-road": {"Xinhua", "Reuters"},
    "okezone-2023-06-24-sanksi-ue-perusahaan-china": {"ANTARA"},
}


@pytest.mark.parametrize("stem", sorted(CREDITED_WIRES))
def test_credited_wires_are_cited_sources(stem: str) -> None:
    assert CREDITED_WIRES[stem] <= set(extract(stem).cited_sources)
