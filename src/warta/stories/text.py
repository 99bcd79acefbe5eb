"""Text features for story clustering: normalised Indonesian terms, TF-IDF vectors, shingles for MinHash.

Terms are lower-cased letter runs, stop words dropped, stemmed with Sastrawi so that `pertemuan`, `bertemu` and
`menemui` all count as `temu`: outlets reword the same report, and stems are what stays the same.
Entities become their own features (`@<entity id>`), so two reports naming the same people match even when the
surface forms differ ("Xi" / "Presiden Xi Jinping"); so do the kinds of event reported (`!CONSULT|CHN>RUS`), which
tell apart two happenings of the same people in the same week (a meeting, then sanctions).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from warta.events.lexicon import find_cues, tokenize
from warta.lang.id.calendar import calendar
from warta.lang.id.stemmer import stem as _sastrawi_stem

_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_WORDS = re.compile(r"\w+")
ENTITY_PREFIX = "@"
EVENT_PREFIX = "!"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """data/stopwords.txt, and the Indonesian day and month names and time zones: every story has them."""
    text = resources.files("warta.stories").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    cal = calendar()
    words.update(word.lower() for word in [*cal.indonesian_weekdays, *cal.indonesian_months, *cal.indonesian_zones])
    return frozenset(words)


def stem(word: str) -> str:
    # Sastrawi only knows plain words; reduplications ("negara-negara") are stemmed by their first half.
    return _sastrawi_stem(word.split("-")[0]) or word


def terms(text: str) -> list[str]:
    """Topic terms of a text: lower-cased, stop words out, stemmed."""
    stop = stopwords()
    out: list[str] = []
    for match in _LETTERS.finditer(text.lower()):
        word = match.group()
        if len(word) < 3 or word in stop:
            continue
        stemmed = stem(word)
        if len(stemmed) >= 3 and stemmed not in stop:
            out.append(stemmed)
    return out


def shingles(text: str, size: int = 4) -> set[bytes]:
    """Word n-grams of the raw wording (no stemming): near-duplicates share wording, not only topic."""
    words = _WORDS.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency (the scikit-learn formula)."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


def tfidf(counts: Mapping[str, float], df: Mapping[str, int], n_docs: int, top: int | None = None,
          boosts: Mapping[str, float] | None = None) -> dict[str, float]:
    """L2-normalised sublinear TF-IDF vector, optionally cut to its `top` heaviest terms. `boosts` maps a feature
    prefix (ENTITY_PREFIX, EVENT_PREFIX) to a weight factor: who and what happened say more than a word."""
    boosts = boosts or {}
    weights = {
        t: (1.0 + math.log(c)) * idf(df.get(t, 0), n_docs) * boosts.get(t[:1], 1.0)
        for t, c in counts.items() if c > 0
    }
    if top is not None and len(weights) > top:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    return normalise(weights)


def normalise(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors; `a` should be the shorter one (it is iterated)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=1)
def _preview_words() -> re.Pattern[str]:
    text = resources.files("warta.stories").joinpath("data/preview_words.txt").read_text(encoding="utf-8")
    phrases = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def is_preview(title: str | None) -> bool:
    """Whether a title announces a development still to come ("dilantik besok", "dijadwalkan buka ... hari ini")."""
    return title is not None and _preview_words().search(title.lower()) is not None


# words that open a headline's background clause, up to the next comma or colon: a relative clause ("Laptop yang
# Diusut Kejagung"), a time or cause ("Bungkam usai Diperiksa", "Deportasi Greta Setelah Bajak Kapal"), a topic
# ("Respons Menpora soal Kritik Lindswell"): what it reports is not the headline's own act
_BACKGROUND = frozenset({"yang", "setelah", "usai", "seusai", "sesudah", "sebelum", "pasca", "buntut", "imbas",
                         "akibat", "soal", "terkait", "tentang", "karena", "saat", "ketika", "jelang"})
_CLAUSE_END = re.compile(r"[,:;?!|]")


def _background(title: str) -> list[tuple[int, int]]:
    """Character spans of a headline's background clauses (`_BACKGROUND`)."""
    spans = []
    for match in _LETTERS.finditer(title):
        if match.group().lower() in _BACKGROUND:
            stop = _CLAUSE_END.search(title, match.end())
            spans.append((match.end(), stop.start() if stop else len(title)))
    return spans


def _nominal(word: str) -> bool:
    """A noun made from a verb ("penyergapan", "bantuan", "panggilan"; not "tahan" or "-kan" verbs): after a verb
    in a headline it names what the act is about ("Kecam Penyergapan": condemning, not seizing)."""
    lower = word.lower()
    return lower.endswith("an") and not lower.endswith("kan") and stem(lower) != lower


def title_acts(title: str | None) -> frozenset[str]:
    """The kinds of act a headline reports: the CAMEO roots of the event dictionary's cues in it ("Israel Deportasi
    Greta" 17 coerce, "Menlu Kecam Penyergapan" 11 disapprove, "Ranieri Tolak Tawaran" 12 reject), and of
    `data/headline_acts.txt` ("Kejagung Periksa" 09 investigate, "Kejagung Respons" 01): who did what, the
    development a report is of. Cues in a background clause (`_background`) are left out, and so are nouns made
    from verbs when the headline has a verb cue: they name what the act is about."""
    text = title or ""
    found = [(cue.start, cue.text, cue.action.cameo[:2]) for cue in find_cues(text, tokenize(text))]
    acts = _headline_acts()
    found += [(m.start(), m.group(), kind) for m in _LETTERS.finditer(text) for kind, forms in acts.items()
              if m.group().lower() in forms]
    background = _background(text)
    main = [(word, kind) for at, word, kind in found if not any(lo <= at < hi for lo, hi in background)]
    verbs = [(word, kind) for word, kind in main if not _nominal(word)]
    return frozenset(kind for _, kind in (verbs or main))


@lru_cache(maxsize=1)
def _feature_nouns() -> frozenset[str]:
    text = resources.files("warta.stories").joinpath("data/feature_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=4096)
def named_features(title: str | None) -> frozenset[tuple[str, str]]:
    """The natural features a headline names ("Gunung Semeru" -> ("gunung", "semeru")): a noun of
    data/feature_nouns.txt and the next word, when Indonesian writes that word capitalised, or the tagger's lexicon
    does not know it and it carries no affix (a headline's title case says nothing: "Sungai Meluap" is a river
    overflowing, no name)."""
    from warta.nlp.discover import writing_habit

    def is_name(word: str) -> bool:
        habit = writing_habit(word)
        return habit == "title" or (habit == "?" and stem(word.lower()) == word.lower())

    words = _LETTERS.findall(title or "")
    nouns = _feature_nouns()
    return frozenset((noun.lower(), name.lower()) for noun, name in zip(words, words[1:], strict=False)
                     if noun.lower() in nouns and is_name(name))


def other_features(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """Two headlines' `named_features` name a feature of one kind, none by the same name: "Gunung Semeru" and
    "Gunung Raung"."""
    if not a or not b or not a.isdisjoint(b):
        return False
    return not {kind for kind, _ in a}.isdisjoint({kind for kind, _ in b})


@lru_cache(maxsize=1)
def _headline_acts() -> dict[str, frozenset[str]]:
    """data/headline_acts.txt: acts headlines report that the event dictionary has no cue for (questioning someone,
    replying, admitting): kind -> word forms."""
    text = resources.files("warta.stories").joinpath("data/headline_acts.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {kind: frozenset(forms.split()) for kind, forms in rows}


@lru_cache(maxsize=1)
def _relation_words() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """data/relation_words.txt: nouns that make the name after them a possessor ("Ibu Ronald Tannur", "Stafsus
    Nadiem"): one words and two-word phrases."""
    text = resources.files("warta.stories").joinpath("data/relation_words.txt").read_text(encoding="utf-8")
    phrases = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return (frozenset(p[0] for p in phrases if len(p) == 1),
            frozenset((p[0], p[1]) for p in phrases if len(p) == 2))


def _relation_before(words: list[str], at: int) -> str | None:
    """The relational noun just before words[at] ("ibu", "kuasa hukum"), if any."""
    single, double = _relation_words()
    if at >= 2 and (words[at - 2], words[at - 1]) in double:
        return f"{words[at - 2]} {words[at - 1]}"
    if at >= 1 and words[at - 1] in single:
        return words[at - 1]
    return None


def _title_names(title: str | None, names: Mapping[str, str]) -> list[tuple[int, str]]:
    """(position, id) of each entity (id -> name) the title names by one of its words ("Nadiem" for Nadiem
    Makarim), first mention first. A name after a relational noun ("Ibu Ronald Tannur", "Mantan Stafsus Nadiem")
    stands for another person: the id becomes "<relation>~<id>", that relative's or aide's own."""
    words = [w.lower() for w in _LETTERS.findall(title or "")]
    found: list[tuple[int, str]] = []
    for eid, name in names.items():
        parts = [w.lower() for w in _LETTERS.findall(name) if len(w) >= 4]
        hits = [i for i, w in enumerate(words) if w in parts]
        if not hits:
            continue
        at = hits[0]
        while at - 1 in hits:  # the first word of the name as written ("Ronald" of "Ronald Tannur")
            at -= 1
        relation = _relation_before(words, at)
        found.append((at, f"{relation}~{eid}" if relation else eid))
    return sorted(found)


def named_in(title: str | None, names: Mapping[str, str]) -> frozenset[str]:
    """The ids of the entities (id -> name) that the title names by one of their words ("Nadiem" for Nadiem
    Makarim): a title names the person who did or said what it reports (see `_title_names` for a possessor)."""
    return frozenset(eid for _, eid in _title_names(title, names))


_ADMIN = re.compile(r"^(?:kecamatan|kelurahan|desa|kampung|dusun|jalan|jl|kota|kabupaten|kab) ")


def places_in(text: str, names: Iterable[str]) -> frozenset[str]:
    """The places (names) the text spells in full (any case), each without its administrative word ("Kecamatan
    Cengkareng" and "Cengkareng" are one place): one of a place's words ("Raya") is no sign of it."""
    words = " " + " ".join(w.lower() for w in _LETTERS.findall(text)) + " "
    found = set()
    for name in names:
        spelled = " ".join(w.lower() for w in _LETTERS.findall(name))
        if len(spelled) >= 4 and f" {spelled} " in words:
            found.add(_ADMIN.sub("", spelled))
    return frozenset(found)


_NUMBER = re.compile(r"(\w*)\W{0,2}(?<![\w.,/])(?<!\d-)(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?![\w/]|-\d)\s*(\w*)")
_NOT_QUANTITY = frozenset({"wib", "wita", "wit", "persen", "tahun", "th", "hari", "jam", "menit", "detik", "pukul",
                           "tanggal", "tgl", "pkl", "mm", "mdpl", "derajat", "celsius"})


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    months = {m.lower() for m in calendar().indonesian_months}
    return frozenset(months | {m[:3] for m in months} | _NOT_QUANTITY)


def numbers_in(text: str) -> frozenset[str]:
    """The counts and amounts a text names ("20 bus", "Rp 1,2 miliar", "GA-716"), as numbers: reports of one
    development give its figures, reports of another development of the same affair give others. Single digits,
    years, dates, clock times, percentages and durations are no sign of one development."""
    skip = _date_words()
    found = set()
    for match in _NUMBER.finditer(text):
        before, number, after = match.group(1).lower(), match.group(2), match.group(3).lower()
        digits = number.replace(".", "").replace(",", "")
        if len(digits) < 2 or before in skip or after in skip or after.isdigit():
            continue
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue
        found.add(number.replace(",", "."))
    return frozenset(found)


_QUOTED = re.compile(r'["\u201c\u201d]([^"\u201c\u201d]{15,400})["\u201c\u201d]')


def quoted_runs(text: str, size: int = 5, top: int = 80) -> frozenset[int]:
    """Runs of `size` words (letters only, lower-cased) inside the text's quotation marks, as stable hashes (the
    first `top` of them): outlets that report one statement or one announcement in other words quote the same words."""
    found: list[int] = []
    for match in _QUOTED.finditer(text):
        words = _LETTERS.findall(match.group(1).lower())
        found.extend(zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1))
    return frozenset(found[:top])


def subject_in(title: str | None, names: Mapping[str, str]) -> str | None:
    """The id of the entity (id -> name) the title names first: in an Indonesian headline, who did or said it
    ("Kejagung Periksa Stafsus Nadiem" is Kejagung's act, "Nadiem Ungkap ..." Nadiem's, "Ibu Ronald Tannur Minta
    ..." his mother's, "ibu~<id>")."""
    found = _title_names(title, names)
    return found[0][1] if found else None


def head_counts(title: str | None, body: str, lead_chars: int) -> Counter[str]:
    """Terms of the title (three times: it says who did what) and the lead: what a report is about, without the
    background paragraphs that every report of an affair repeats."""
    counts: Counter[str] = Counter(terms(body[:lead_chars]))
    for t in terms(title or ""):
        counts[t] += 3
    return counts


def term_counts(title: str | None, body: str, entities: Iterable[tuple[str, int]],
                events: Iterable[str] = ()) -> Counter[str]:
    """Term counts of an article: the title counts twice (it names the story), entities as `@id` features, the kinds
    of event it reports (type and dyad) as `!TYPE|A>B` features."""
    counts: Counter[str] = Counter(terms(body))
    if title:
        for t in terms(title):
            counts[t] += 2
    for entity_id, n_mentions in entities:
        counts[ENTITY_PREFIX + entity_id] += max(1, n_mentions)
    for kind in events:
        counts[EVENT_PREFIX + kind] += 1
    return counts
