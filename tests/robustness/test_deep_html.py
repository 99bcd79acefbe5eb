"""Issue 26 item 6: HTML nested deeper than libxml2's default 256 levels lost the article (docs/robustness.md).

A page whose menu leaves 90 `<li><div><span>` items unclosed is 270 levels deep before the article starts; lxml's
default parser stopped there and the article was skipped as "no article text left after cleaning".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.clean.html import LIBXML_DEPTH, MAX_HTML_DEPTH, extract_html
from warta.errors import SkipArticle
from warta.pipeline import analyze
from warta.store import Store

PARAGRAPHS = [
    "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Singapura Vivian Balakrishnan di Jakarta pada "
    "Senin untuk membahas kerja sama ekonomi kedua negara, termasuk perdagangan, investasi dan energi terbarukan.",
    "Kedua menteri juga membahas persiapan pertemuan tingkat tinggi ASEAN yang akan digelar di Jakarta akhir tahun ini "
    "serta langkah bersama untuk menjaga stabilitas kawasan dan memperlancar arus barang di pelabuhan.",
    "Retno mengatakan kedua negara sepakat mempercepat perundingan kerja sama digital yang sudah berjalan dua tahun "
    "dan berharap perjanjian itu bisa ditandatangani dalam pertemuan berikutnya di Singapura.",
]


def _page(menu_items: int) -> str:
    menu = "<ul>" + "".join(f"<li><div><span><a href='/kanal/{i}'>Kanal {i}</a>" for i in range(menu_items))
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>Menlu Retno Bertemu Menlu Singapura</title></head><body>"
        f"{menu}<article><h1>Menlu Retno Bertemu Menlu Singapura</h1>{article}</article></body></html>"
    )


def test_a_page_nested_270_deep_keeps_its_article():
    page = _page(90)
    assert len(page) < 6_000  # the probe's page was 5.5 KB
    result, meta = extract_html(page)
    body = " ".join(result.paragraphs)
    assert "Vivian Balakrishnan" in body and "perjanjian itu bisa ditandatangani" in body
    assert meta.title == "Menlu Retno Bertemu Menlu Singapura"


def test_the_deep_page_is_stored_by_analyze(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "menu.html").write_text(_page(90), encoding="utf-8")
    store = Store(tmp_path / "w.db")
    report = analyze([str(src)], store, progress=False)
    assert not report.skipped, [s.reason for s in report.skipped]
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_a_page_beyond_the_depth_limit_says_so():
    # 3 levels per item: the article starts past MAX_HTML_DEPTH, where even huge_tree stops reading
    page = _page(MAX_HTML_DEPTH // 3 + 10)  # also far past libxml2's own 2,048 with huge_tree: _page(1000)
    with pytest.raises(SkipArticle, match="nested deeper than"):
        extract_html(page)


def test_an_ordinary_page_is_unchanged_by_the_deep_parse():
    result, _ = extract_html(_page(3))
    assert len(result.paragraphs) == len(PARAGRAPHS)


@pytest.mark.parametrize("items", [MAX_HTML_DEPTH // 3 - 5, 1000])
def test_pages_near_and_far_past_the_limit_never_raise_other_errors(items: int):
    try:
        result, _ = extract_html(_page(items))
    except SkipArticle as skip:
        assert "MAX_HTML_DEPTH" in skip.reason
    else:  # just under the limit, the article is read
        assert items * 3 < MAX_HTML_DEPTH and len(result.paragraphs) == len(PARAGRAPHS)


def test_a_deep_page_is_read_in_time_linear_in_its_elements(monkeypatch: pytest.MonkeyPatch):
    """Found by scripts/fuzz.py: a page nested to the limit with text at every level took over a minute, as the
    page's short lines were read by reading each element's whole subtree again (43,438 reads of 516 elements)."""
    import warta.clean.html as html_module

    calls = 0
    original = html_module._text_with_breaks

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(html_module, "_text_with_breaks", counted)
    page = "<html><body>" + "<li><div><span>Senin (13/3/2023)" * 100 + "</body></html>"  # 300 deep
    tree, depth = html_module._parse(page)
    assert LIBXML_DEPTH < depth < MAX_HTML_DEPTH
    elements = sum(1 for _ in tree.iter())
    html_module._page_lines(tree)
    assert calls <= 2 * elements


@pytest.mark.parametrize("page", ["<svg><p><p>", "<svg><p>" + " ".join(PARAGRAPHS)])
def test_a_page_wholly_inside_an_svg_is_no_crash(page: str):
    """Found by scripts/fuzz.py: trafilatura's date finder removed the page's root element and lxml raised
    AssertionError."""
    try:
        result, _ = extract_html(page)
    except SkipArticle as skip:
        assert skip.reason
    else:
        assert all(p.strip() for p in result.paragraphs)
