import gzip
import io
import json
from pathlib import Path

import pytest

from warta.errors import WartaError
from warta.read import Skip, decode_bytes, expand_paths, read_paths
from warta.record import Article


def _items(paths):
    return list(read_paths([str(p) for p in paths]))


def test_text_file_becomes_article_with_stem_id(tmp_path: Path):
    f = tmp_path / "kompas-001.txt"
    f.write_text("Judul\n\nIsi berita.", encoding="utf-8")
    (item,) = _items([f])
    assert isinstance(item, Article)
    assert item.id == "kompas-001"
    assert item.raw_text == "Judul\n\nIsi berita."
    assert item.source.format == "txt" and len(item.source.sha256) == 64


def test_folder_is_recursive_and_sorted(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.htm").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "ignored.pdfx").write_text("nope")
    items = _items([tmp_path])
    assert [i.id for i in items] == ["a", "z"]
    assert items[1].raw_html and items[1].source.format == "html"


def test_glob(tmp_path: Path):
    for n in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / n).write_text(n)
    assert [i.id for i in _items([tmp_path / "x*.txt"])] == ["x1", "x2"]


def test_missing_path_and_empty_folder_are_whole_run_errors(tmp_path: Path):
    with pytest.raises(WartaError, match="no such file"):
        expand_paths([str(tmp_path / "missing.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(WartaError, match="no input files"):
        expand_paths([str(tmp_path / "empty")])
    with pytest.raises(WartaError, match="no file matches"):
        expand_paths([str(tmp_path / "*.nothing")])


def test_bad_files_become_skips(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "doc.html").write_bytes(b"%PDF-1.4 ...")
    items = _items([tmp_path])
    assert all(isinstance(i, Skip) for i in items)
    reasons = {Path(i.path).name: i.reason for i in items}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["bin.txt"]
    assert "PDF" in reasons["doc.html"]


def test_legacy_encoding_is_decoded():
    text = "Presiden menegaskan bahwa kerja sama ekonomi dengan negara tetangga akan terus diperkuat tahun depan – ujarnya."
    assert decode_bytes(text.encode("cp1252")).text == text


def test_jsonl_lines_and_malformed_line_numbers(tmp_path: Path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        json.dumps({"id": "a1", "text": "Satu"}) + "\n"
        + "{not json\n"
        + json.dumps({"url": "https://contoh.id/x", "html": "<p>Dua</p>"}) + "\n"
        + json.dumps({"id": "nobody"}) + "\n",
        encoding="utf-8",
    )
    items = _items([f])
    arts = [i for i in items if isinstance(i, Article)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert [a.id for a in arts] == ["a1", "batch-3"]
    assert arts[1].source.url == "https://contoh.id/x" and arts[1].raw_html == "<p>Dua</p>"
    assert [s.record for s in skips] == [2, 4]
    assert "line 2" in skips[0].reason and "malformed" in skips[0].reason


def _warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for url, ctype, body in (
        ("https://contoh.id/berita", "text/html; charset=utf-8", "<html><body><p>Berita</p></body></html>"),
        ("https://contoh.id/logo.png", "image/png", "PNG"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body.encode()), http_headers=headers))
    return buf.getvalue()


def test_warc_keeps_html_responses_only(tmp_path: Path):
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(_warc_bytes())
    items = _items([f])
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].source.url == "https://contoh.id/berita"
    assert "Berita" in items[0].raw_html
    assert items[0].id.startswith("crawl-")


def test_not_a_warc_is_a_skip(tmp_path: Path):
    f = tmp_path / "bad.warc.gz"
    f.write_bytes(gzip.compress(b"this is not a warc"))
    items = _items([f])
    assert len(items) == 1 and isinstance(items[0], Skip)


def test_jsonl_metadata_beside_the_text_is_passed_on(tmp_path: Path):
    f = tmp_path / "crawl.jsonl"
    f.write_text(json.dumps({"id": "m1", "text": "Isi", "title": "Judul Asli", "date": "2023-03-21 14:35 WIB",
                             "author": "Andi", "extra": 5}) + "\n", encoding="utf-8")
    (art,) = _items([f])
    assert art.scratch.input_meta == {"title": "Judul Asli", "date": "2023-03-21 14:35 WIB", "author": "Andi"}


def test_stray_nul_bytes_in_a_text_file_are_dropped_and_noted(tmp_path: Path):
    # A scraped date field that ended in a NUL byte, written into a text dump: the article is read, the NUL noted.
    body = "Warga Desa Sukamaju menanam seribu pohon di lereng bukit pada Minggu pagi. " * 4
    f = tmp_path / "dump.txt"
    f.write_bytes(f"Warga Menanam Pohon\n\n07 Jun 2025\x00\n\n{body}\n".encode())
    items = list(read_paths([str(f)], notes=True))
    notes = [i for i in items if not isinstance(i, Article)]
    (article,) = [i for i in items if isinstance(i, Article)]
    assert "\x00" not in article.raw_text and "07 Jun 2025\n" in article.raw_text
    assert len(notes) == 1 and "1 stray NUL byte(s) dropped" in notes[0].reason
    assert decode_bytes(f.read_bytes()).nuls_dropped == 1


def test_many_nul_or_control_bytes_are_still_binary():
    text = "Kalimat berita biasa tentang pasar ikan. " * 10
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(text.encode("utf-16-le"))  # UTF-16 without its BOM: every other byte is NUL
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(text.encode() + bytes(range(1, 9)) * 4 + b"\x00")
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\x00" + b"\x01" * 300)


def test_page_text_size_of_a_tag_of_blanks():
    from warta.read import _page_text_size

    assert _page_text_size("<\n>abc< >") == 3  # hypothesis found "<\n>" raising IndexError
