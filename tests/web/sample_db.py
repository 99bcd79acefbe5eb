"""A small hand-made Warta database for the web tests and the web benchmark's fallback.

The articles are fictional (written for these tests); offsets are computed from the text so they always match `body`.
Nothing here depends on the NLP stages: records are built directly and saved with `Store.save_article`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from warta.record import Actor, Article, Entity, Event, Mention, Quote, Removed, Source, ThemeHit, Tone
from warta.store import Store

XSS_TITLE = '<script>alert("judul")</script> Uji <b>Tebal</b>'
XSS_BODY_SNIPPET = '<script>alert("isi")</script>'


def _span(body: str, text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return start, start + len(text)


def _mention(body: str, text: str, nth: int = 0) -> Mention:
    start, end = _span(body, text, nth)
    return Mention(start=start, end=end, text=text)


def _source(article_id: str, body: str) -> Source:
    return Source(path=f"/fixtures/{article_id}.txt", format="txt", sha256=hashlib.sha256(body.encode()).hexdigest())


def _sentence(body: str, text: str) -> tuple[int, int, str]:
    start, end = _span(body, text)
    return start, end, text


def xi_putin_article() -> Article:
    s1 = ("Presiden China Xi Jinping dan Presiden Rusia Vladimir Putin menggelar perundingan di Kremlin, Moskow, "
          "pada Selasa (21/3/2023).")
    s2 = ('"Kerja sama kedua negara akan terus kami perluas di bidang energi dan perdagangan," kata Xi kepada wartawan.')
    s3 = "Putin menyebut Rusia siap memasok lebih banyak gas ke China mulai tahun depan."
    body = f"{s1}\n\n{s2}\n\n{s3}"
    quote_text = "Kerja sama kedua negara akan terus kami perluas di bidang energi dan perdagangan,"
    q_start, q_end = _span(body, quote_text)
    e_start, e_end, e_text = _sentence(body, s1)
    return Article(
        id="kompas-2023-03-21-xi-putin",
        source=_source("kompas-2023-03-21-xi-putin", body),
        lang="id",
        title="Xi dan Putin Sepakati Perluasan Kerja Sama Energi",
        outlet="Kompas.com",
        published="2023-03-21T23:48:00+07:00",
        authors=["Rina Kartika"],
        editors=["Bayu Pratama"],
        dateline="Moskow",
        cited_sources=["AFP"],
        body=body,
        removed=[
            Removed(text="Baca juga: Xi Tiba di Moskow Disambut Karpet Merah", kind="related"),
            Removed(text="Foto: Presiden Xi dan Presiden Putin berjabat tangan. (AFP)", kind="caption"),
        ],
        entities=[
            Entity(id="person:xi-jinping", name="Xi Jinping", type="PER", kb=True, country="CHN",
                   mentions=[_mention(body, "Xi Jinping"), _mention(body, "Xi", 1)]),
            Entity(id="person:vladimir-putin", name="Vladimir Putin", type="PER", kb=True, country="RUS",
                   mentions=[_mention(body, "Vladimir Putin"), _mention(body, "Putin", 1)]),
            Entity(id="country:RUS", name="Rusia", type="LOC", kb=True, country="RUS",
                   mentions=[_mention(body, "Rusia"), _mention(body, "Rusia", 1)]),
            Entity(id="country:CHN", name="China", type="LOC", kb=True, country="CHN",
                   mentions=[_mention(body, "China"), _mention(body, "China", 1)]),
            Entity(id="place:moskow", name="Moskow", type="LOC", kb=True, country="RUS",
                   mentions=[_mention(body, "Moskow")]),
        ],
        quotes=[Quote(text=quote_text, start=q_start, end=q_end, speaker="Xi Jinping", speaker_id="person:xi-jinping",
                      kind="direct", cue="kata", cited=["AFP"])],
        events=[Event(type="CONSULT", cameo="04", goldstein=1.0, quad="verbal_coop",
                      source=Actor(entity_id="person:xi-jinping", name="Xi Jinping", country="CHN", sector="GOV"),
                      target=Actor(entity_id="person:vladimir-putin", name="Vladimir Putin", country="RUS", sector="GOV"),
                      date="2023-03-21", date_precision="day", date_text="Selasa (21/3/2023)", place="Moskow",
                      cue="perundingan", start=e_start, end=e_end, text=e_text)],
        tone=Tone(positive=0.06, negative=0.0, polarity=0.06, words=48, positive_words=3, negative_words=0),
        entity_tone={"person:xi-jinping": Tone(positive=0.05, negative=0.0, polarity=0.05, words=30),
                     "country:CHN": Tone(positive=0.04, negative=0.0, polarity=0.04, words=40)},
        themes=[ThemeHit(theme="energy", score=4.2, evidence=["energi", "gas"]),
                ThemeHit(theme="diplomatic_visit", score=2.1, evidence=["perundingan"])],
        keyphrases=["kerja sama energi", "perundingan Kremlin"],
        story_id="story-xi-moskow",
    )


def xi_putin_copy_article() -> Article:
    """The same story from a second outlet, so stories and facets have more than one source."""
    s1 = "Presiden Xi Jinping bertemu Presiden Vladimir Putin di Moskow pada 21 Maret 2023 untuk membahas energi."
    s2 = "Menurut Putin, hubungan Rusia dan China berada pada titik terbaik dalam sejarah."
    body = f"{s1}\n\n{s2}"
    e_start, e_end, e_text = _sentence(body, s1)
    q_text = "hubungan Rusia dan China berada pada titik terbaik dalam sejarah"
    q_start, q_end = _span(body, q_text)
    return Article(
        id="tempo-2023-03-22-xi-moskow",
        source=_source("tempo-2023-03-22-xi-moskow", body),
        lang="id",
        title="Xi Jinping Bertemu Putin di Moskow",
        outlet="Tempo",
        published="2023-03-22T08:10:00+07:00",
        body=body,
        entities=[
            Entity(id="person:xi-jinping", name="Xi Jinping", type="PER", kb=True, country="CHN",
                   mentions=[_mention(body, "Xi Jinping")]),
            Entity(id="person:vladimir-putin", name="Vladimir Putin", type="PER", kb=True, country="RUS",
                   mentions=[_mention(body, "Vladimir Putin"), _mention(body, "Putin", 1)]),
            Entity(id="country:RUS", name="Rusia", type="LOC", kb=True, country="RUS", mentions=[_mention(body, "Rusia")]),
            Entity(id="country:CHN", name="China", type="LOC", kb=True, country="CHN", mentions=[_mention(body, "China")]),
        ],
        quotes=[Quote(text=q_text, start=q_start, end=q_end, speaker="Vladimir Putin",
                      speaker_id="person:vladimir-putin", kind="indirect", cue="menurut")],
        events=[Event(type="CONSULT", cameo="04", goldstein=1.0, quad="verbal_coop",
                      source=Actor(entity_id="person:xi-jinping", name="Xi Jinping", country="CHN"),
                      target=Actor(entity_id="person:vladimir-putin", name="Vladimir Putin", country="RUS"),
                      date="2023-03-21", date_precision="day", date_text="21 Maret 2023", place="Moskow",
                      cue="bertemu", start=e_start, end=e_end, text=e_text)],
        tone=Tone(positive=0.04, negative=0.0, polarity=0.04, words=26),
        entity_tone={"country:CHN": Tone(positive=0.0, negative=0.0, polarity=0.0, words=11)},
        themes=[ThemeHit(theme="diplomatic_visit", score=3.8, evidence=["bertemu"])],
        story_id="story-xi-moskow",
    )


def lavrov_wang_article() -> Article:
    s1 = "Menteri Luar Negeri Rusia Sergei Lavrov bertemu Menteri Luar Negeri China Wang Yi di Tunxi, Anhui, Rabu (30/3/2022)."
    s2 = "Kedua menteri sepakat memperkuat koordinasi di forum internasional."
    body = f"{s1}\n\n{s2}"
    a_start, a_end, a_text = _sentence(body, s1)
    b_start, b_end, b_text = _sentence(body, s2)
    return Article(
        id="detik-2022-03-30-lavrov-wang-yi",
        source=_source("detik-2022-03-30-lavrov-wang-yi", body),
        lang="id",
        title="Lavrov dan Wang Yi Bertemu di Tunxi",
        outlet="detikNews",
        published="2022-03-30T15:20:00+07:00",
        body=body,
        entities=[
            Entity(id="person:sergei-lavrov", name="Sergei Lavrov", type="PER", kb=True, country="RUS",
                   mentions=[_mention(body, "Sergei Lavrov")]),
            Entity(id="person:wang-yi", name="Wang Yi", type="PER", kb=True, country="CHN",
                   mentions=[_mention(body, "Wang Yi")]),
            Entity(id="country:RUS", name="Rusia", type="LOC", kb=True, country="RUS", mentions=[_mention(body, "Rusia")]),
            Entity(id="country:CHN", name="China", type="LOC", kb=True, country="CHN", mentions=[_mention(body, "China")]),
        ],
        events=[
            Event(type="CONSULT", cameo="04", goldstein=1.0, quad="verbal_coop",
                  source=Actor(entity_id="person:sergei-lavrov", name="Sergei Lavrov", country="RUS", sector="DIP"),
                  target=Actor(entity_id="person:wang-yi", name="Wang Yi", country="CHN", sector="DIP"),
                  date="2022-03-30", date_precision="day", date_text="Rabu (30/3/2022)", place="Tunxi",
                  cue="bertemu", start=a_start, end=a_end, text=a_text),
            Event(type="AGREE", cameo="03", goldstein=4.0, quad="verbal_coop",
                  source=Actor(name="Rusia", country="RUS"), target=Actor(name="China", country="CHN"),
                  date="2022-03-30", date_precision="day", date_text="Rabu (30/3/2022)",
                  cue="sepakat", start=b_start, end=b_end, text=b_text),
        ],
        themes=[ThemeHit(theme="diplomatic_visit", score=5.0, evidence=["bertemu", "menteri luar negeri"]),
                ThemeHit(theme="geopolitics", score=2.5, evidence=["koordinasi"])],
        story_id="story-tunxi",
    )


def blinken_article() -> Article:
    s1 = "Menteri Luar Negeri AS Antony Blinken memperingatkan China agar tidak memasok senjata ke Rusia, Minggu (19/2/2023)."
    body = s1 + "\n\nPeringatan itu disampaikan di sela Konferensi Keamanan Munich."
    start, end, text = _sentence(body, s1)
    return Article(
        id="cnn-2023-02-19-blinken",
        source=_source("cnn-2023-02-19-blinken", body),
        lang="id",
        title="Blinken Peringatkan China Soal Senjata untuk Rusia",
        outlet="CNN Indonesia",
        published="2023-02-19T21:00:00+07:00",
        body=body,
        entities=[
            Entity(id="person:antony-blinken", name="Antony Blinken", type="PER", kb=True, country="USA",
                   mentions=[_mention(body, "Antony Blinken")]),
            Entity(id="country:CHN", name="China", type="LOC", kb=True, country="CHN", mentions=[_mention(body, "China")]),
            Entity(id="country:RUS", name="Rusia", type="LOC", kb=True, country="RUS", mentions=[_mention(body, "Rusia")]),
        ],
        events=[Event(type="THREATEN", cameo="13", goldstein=-4.4, quad="verbal_conflict",
                      source=Actor(entity_id="person:antony-blinken", name="Antony Blinken", country="USA"),
                      target=Actor(entity_id="country:CHN", name="China", country="CHN"),
                      date="2023-02-19", date_precision="day", date_text="Minggu (19/2/2023)",
                      cue="memperingatkan", start=start, end=end, text=text)],
        tone=Tone(positive=0.0, negative=0.1, polarity=-0.1, words=20),
        entity_tone={"country:CHN": Tone(positive=0.0, negative=0.12, polarity=-0.12, words=17)},
        themes=[ThemeHit(theme="armed_conflict", score=6.0, evidence=["senjata"]),
                ThemeHit(theme="geopolitics", score=3.0, evidence=["memperingatkan"])],
    )


def xss_article() -> Article:
    """Untrusted markup in title, body, entity names, quotes and removed text: every page must render it inert."""
    body = (f"Warga menulis {XSS_BODY_SNIPPET} di papan pengumuman <img src=x onerror=alert(1)> balai desa.\n\n"
            '"Kami tidak tahu siapa pelakunya <i>sama sekali</i>," kata Kepala Desa Sukamaju.')
    q_text = "Kami tidak tahu siapa pelakunya <i>sama sekali</i>,"
    q_start, q_end = _span(body, q_text)
    return Article(
        id="uji-xss-2023-01-05",
        source=_source("uji-xss-2023-01-05", body),
        lang="id",
        title=XSS_TITLE,
        outlet="Okezone",
        published="2023-01-05T09:00:00+07:00",
        body=body,
        removed=[Removed(text="<script>alert('removed')</script>", kind="ad")],
        entities=[Entity(id="local:LOC:<desa>", name="<b>Sukamaju</b>", type="LOC",
                         mentions=[_mention(body, "Sukamaju")])],
        quotes=[Quote(text=q_text, start=q_start, end=q_end, speaker="Kepala Desa <Sukamaju>", kind="direct", cue="kata")],
    )


def articles() -> list[Article]:
    return [xi_putin_article(), xi_putin_copy_article(), lavrov_wang_article(), blinken_article(), xss_article()]


STORIES = [
    {"id": "story-xi-moskow", "headline": "Xi Jinping berkunjung ke Moskow", "first_date": "2023-03-21",
     "last_date": "2023-03-22", "n_articles": 2, "n_outlets": 2},
    {"id": "story-tunxi", "headline": "Lavrov dan Wang Yi bertemu di Tunxi", "first_date": "2022-03-30",
     "last_date": "2022-03-30", "n_articles": 1, "n_outlets": 1},
]


def build_sample_db(path: str | Path, *, copies: int = 0) -> Path:
    """Write the sample articles (plus `copies` renamed copies of each, for load tests) and two stories."""
    path = Path(path)
    with Store(path) as store:
        for article in articles():
            store.save_article(article)
            for n in range(copies):
                clone = article.model_copy(deep=True)
                clone.id = f"{article.id}-salinan-{n + 1}"
                clone.source = clone.source.model_copy(update={"path": f"/fixtures/{clone.id}.txt"})
                store.save_article(clone)
        with store.conn:
            store.conn.executemany(
                "INSERT OR REPLACE INTO stories (id, headline, first_date, last_date, n_articles, n_outlets, data_json) "
                "VALUES (:id, :headline, :first_date, :last_date, :n_articles, :n_outlets, :data_json)",
                [{**s, "data_json": json.dumps({})} for s in STORIES],
            )
    return path
