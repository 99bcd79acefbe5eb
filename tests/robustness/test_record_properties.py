"""Property tests over the whole record builder: it never crashes, offsets stay in the body, the body is input text."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.errors import SkipArticle
from warta.pipeline import process
from warta.record import Article, Source

WORDS = ["Rusia", "China", "Presiden", "Vladimir", "Putin", "Xi", "Jinping", "bertemu", "mengatakan", "kata", "di",
         "Moskow", "pada", "Senin", "(19/9/2022)", "sepakat", "kerja", "sama", "militer", "Baca", "Juga:", "Foto:",
         "Penulis", ":", "Editor", "WIB", "“", "”", '"', "'", ",", ".", "menurut", "dia", "tidak", "akan", "AS",
         "Beijing", "Jumat", "(30/12)", "Advertisement", "JAKARTA,", "KOMPAS.com", "-", "Tiongkok", "ujarnya", "<script>"]

line = st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=8), min_size=1, max_size=25).map(" ".join)
document = st.lists(line, min_size=1, max_size=14).map(lambda ls: "\n\n".join(ls))


def _squash(s: str) -> str:
    # the cleaner normalises Unicode (NFKC), so compare normalised text
    return "".join(unicodedata.normalize("NFKC", s).split())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_record_builder_properties(text: str):
    art = Article(id="p", source=Source(path="p.txt", format="txt", sha256="0" * 64))
    art._raw_text = text
    try:
        process(art)
    except SkipArticle:
        return
    body = art.body
    assert _is_subsequence(_squash(body), _squash(text)), "body must be made only of input text"
    for e in art.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(body) and body[m.start:m.end] == m.text
    for q in art.quotes:
        assert 0 <= q.start <= q.end <= len(body)
    for ev in art.events:
        assert 0 <= ev.start < ev.end <= len(body)
        assert body[ev.start:ev.end] == ev.text
    art.model_validate(art.to_dict())  # the record stays valid against its own schema
