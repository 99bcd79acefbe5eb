"""Property tests of the readers (issue 26): for arbitrary bytes, every reader ends in articles, skips or notes,
never an exception, and the limits and counts it reports hold."""

from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.read import Decoded, Note, Skip, _page_text_size, decode_bytes, read_blob
from warta.record import Article

_SUFFIXES = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.warc.gz"]
_FRAGMENTS = st.sampled_from(["<", ">", "<!--", "-->", "<script>", "</script>", "<p>", "</p>", "<style", "teks ",
                              "\u201c", "\xe9", "\n", '{"text": "x"}', "\x00", "\ufeff"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_decode_bytes_decodes_or_says_why(data: bytes):
    try:
        decoded = decode_bytes(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert isinstance(decoded, Decoded) and isinstance(decoded.text, str)
    assert 0 <= decoded.replaced <= len(data)
    if decoded.replaced:
        assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") >= 1


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=60).map("".join))
def test_page_text_size_is_at_most_the_page(html: str):
    assert 0 <= _page_text_size(html) <= len(html)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SUFFIXES), st.one_of(st.binary(max_size=1500), st.lists(_FRAGMENTS, max_size=40).map(
    lambda parts: "".join(parts).encode("utf-8"))), st.booleans())
def test_read_blob_never_raises(name: str, data: bytes, compress: bool):
    if compress:
        data = gzip.compress(data)
    for item in read_blob(name, data, notes=True):
        assert isinstance(item, (Article, Skip, Note))
        if isinstance(item, (Skip, Note)):
            assert item.reason
