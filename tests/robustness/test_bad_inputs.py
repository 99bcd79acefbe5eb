"""Bad input: each case gets a clear reason, and the run goes on for the other files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from warta.pipeline import analyze
from warta.store import Store

GOOD = """Menlu Retno Bertemu Menlu Singapura di Jakarta

Selasa, 14 Maret 2023 10:15 WIB

JAKARTA, KOMPAS.com - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Singapura Vivian Balakrishnan
di Jakarta pada Senin (13/3/2023) untuk membahas kerja sama ekonomi kedua negara.

"Kami sepakat memperkuat kerja sama perdagangan dan investasi," kata Retno kepada wartawan.

Penulis : Dewi Lestari
Editor : Bambang Susilo
"""

ENGLISH = """Markets Rally as Central Bank Holds Rates

NEW YORK - Stocks rose on Wednesday after the central bank kept interest rates unchanged and signalled that it
would wait for more data before deciding its next move. Investors welcomed the decision, and bond yields fell.
"We remain data dependent," the chair told reporters after the meeting, adding that inflation had eased.
"""


def _run(tmp_path: Path, files: dict[str, bytes]) -> tuple[Store, dict[str, str]]:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for name, data in files.items():
        (src / name).write_bytes(data)
    store = Store(tmp_path / "w.db")
    report = analyze([str(src)], store, progress=False)
    assert report.ok
    reasons = {Path(s.path).name + (f"#{s.record}" if s.record else ""): s.reason for s in report.skipped}
    return store, reasons


def test_each_bad_file_is_skipped_with_a_reason_and_good_ones_stored(tmp_path: Path):
    big = b"Kata demi kata. " * (4 * 1024 * 1024)  # 64 MB
    store, reasons = _run(tmp_path, {
        "good.txt": GOOD.encode(),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 10,
        "paper.html": b"%PDF-1.7\n1 0 obj\n",
        "huge.txt": big,
        "scripts.html": b"<html><head><script>var x = 1;</script></head><body><script>alert(1)</script></body></html>",
        "english.txt": ENGLISH.encode(),
    })
    assert store.article_ids() == ["good"]
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "PDF" in reasons["paper.html"]
    assert "too large" in reasons["huge.txt"]
    assert reasons["scripts.html"]  # nothing usable left
    assert "en" in reasons["english.txt"] and "lang" in reasons["english.txt"].lower()
    assert {Path(s["path"]).name for s in store.skips()} == {n.split("#")[0] for n in reasons}


def test_legacy_encodings_and_invalid_utf8_are_read(tmp_path: Path):
    latin = GOOD.replace("Retno Marsudi", "Retno Marsudí").encode("latin-1")
    broken = GOOD.encode() + b"\n\xff\xfe tambahan\n"
    store, reasons = _run(tmp_path, {"latin.txt": latin, "broken.txt": broken})
    assert not reasons, reasons
    assert sorted(store.article_ids()) == ["broken", "latin"]
    assert "Marsudí" in (store.get_article("latin").body)


def test_jsonl_with_malformed_lines_reports_line_numbers(tmp_path: Path):
    lines = [json.dumps({"id": "ok-1", "text": GOOD}), "{broken", json.dumps([1, 2]), json.dumps({"id": "x"}),
             json.dumps({"id": "ok-2", "text": GOOD.replace("Senin", "Selasa")})]
    store, reasons = _run(tmp_path, {"batch.jsonl": ("\n".join(lines) + "\n").encode()})
    assert sorted(store.article_ids()) == ["ok-1", "ok-2"]
    assert set(reasons) == {"batch.jsonl#2", "batch.jsonl#3", "batch.jsonl#4"}
    assert all(f"line {n}" in reasons[f"batch.jsonl#{n}"] for n in (2, 3, 4))


def test_warc_with_non_html_records(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    html = f"<html><head><title>Menlu Retno Bertemu Menlu Singapura</title></head><body><article>{''.join(f'<p>{p}</p>' for p in GOOD.split(chr(10) + chr(10))[2:])}</article></body></html>"
    for url, ctype, body in (("https://contoh.id/a.png", "image/png", b"\x89PNG"),
                             ("https://contoh.id/berita/1", "text/html", html.encode()),
                             ("https://contoh.id/data.json", "application/json", b"{}")):
        hdr = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hdr))
    w.write_record(w.create_warc_record("https://contoh.id/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    store, reasons = _run(tmp_path, {"crawl.warc.gz": buf.getvalue()})
    assert len(store.article_ids()) == 1
    art = store.get_article(store.article_ids()[0])
    assert art.source.url == "https://contoh.id/berita/1"
    assert "Retno" in art.body


def test_article_without_title_or_date_is_stored_with_nulls(tmp_path: Path):
    body_only = GOOD.split("\n\n", 2)[2].replace("JAKARTA, KOMPAS.com - ", "")
    store, reasons = _run(tmp_path, {"bare.txt": body_only.encode()})
    assert not reasons
    art = store.get_article("bare")
    assert art.published is None
    assert art.body


def test_file_vanishing_mid_run_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(GOOD.replace("Senin", f"Senin {i}"), encoding="utf-8")
    store = Store(tmp_path / "w.db")
    import warta.read

    list_inputs = warta.read.expand_paths
    listings = []

    def listed_then_vanished(paths):  # the reader lists the file, then it is gone before it is read
        listings.append(files := list_inputs(paths))
        if len(listings) == 1:  # analyze lists the inputs once, then reads them one by one
            (src / "a1.txt").unlink()
        return files

    monkeypatch.setattr(warta.read, "expand_paths", listed_then_vanished)
    report = analyze([str(src)], store, progress=False, jobs=1)
    assert sorted(store.article_ids()) == ["a0", "a2"]
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [("a1.txt", "file vanished before it could be read")]


def test_parallel_and_serial_runs_store_the_same(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"b{i}.txt").write_text(GOOD.replace("Senin", f"Senin {i}"), encoding="utf-8")
    results = []
    for jobs in (1, 2):
        with Store(tmp_path / f"w{jobs}.db") as store:
            analyze([str(src)], store, progress=False, jobs=jobs)
            results.append([a.to_dict() for a in store.iter_articles()])
    assert len(results[0]) == 6 and all(a["body"] for a in results[0])
    assert results[0] == results[1]
