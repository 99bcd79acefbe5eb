"""Find entity mentions in a body and link them to the knowledge base, one article at a time.

How a body becomes entities:

1. Gazetteer: every knowledge-base name and alias is matched as a token sequence (longest match first, whole words
   only, hyphens and spaces interchangeable). Letter case matters where it carries meaning: an all-capital alias
   ("AS", "NATO") matches only in capitals, a capitalised alias word only a capitalised word, and an alias that is
   also a common word ("Antara") is not taken at the start of a sentence.
2. Candidate names: runs of capitalised words, and the spans of the statistical tagger when one is given. Titles
   and office words ("Presiden", "Menteri Luar Negeri") are trimmed; words the gazetteer did not explain are
   linked by descriptive variants ("Dewan Keamanan Nasional Rusia") and close misspellings ("Dewan Kemanan Rusia")
   with rapidfuzz.
3. Within the article: short forms ("Patrushev", "Xi", "Wang") and misspelt short forms ("Paturshev") resolve to a
   person named in full elsewhere in the same article.
4. What is still unexplained becomes a local entity ("local:PER:budi-santoso") when the tagger labelled it or a
   person title precedes it; otherwise it is dropped, since a capitalised word alone is weak evidence. Other
   evidence in the article makes names too: an age in brackets ("Mestiana (30)"), a cast list ("Cream (Vanesha
   Prescilla)"), a group word before a name with digits ("girl group 4EVE"), a short form in brackets that spells
   out the words before it ("Toyota Kirloskar Motor (TKM)", "PLN Indonesia Power (PLN IP)"), a place the article
   names ("Kabupaten Jepara") after a title or a known body ("Bupati Jepara ...", "Muhammadiyah Jepara"), and a
   given name that is also a title ("Putri Zulkifli Hasan" is not Zulkifli Hasan).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from warta.nlp.kb import KBEntry, KnowledgeBase, load_kb, normalize, slugify
from warta.record import Entity, Mention, trusted

TaggerSpan = tuple[int, int, str]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# Between the words of one alias: spaces, at most one hyphen or period ("Asia-Pasifik", "Washington D.C.").
_ALIAS_GAP = re.compile(r"[ \t\u00a0]*[-‐‑–.]?[ \t\u00a0]*")
# Between the words of one candidate name: spaces or one hyphen ("Jae-myung"); a spaced dash separates names
# ("Best Group - Future"); a period only after an initial ("B. J. Habibie").
_NAME_GAP = re.compile(r"[ \t\u00a0]*|[-‐‑–]")
_INITIAL_GAP = re.compile(r"\.[ \t\u00a0]*")
_ENTITY_TYPES = ("PER", "ORG", "LOC")

# Lines that are not the story: related headlines ("Baca juga: ..." and the headline line after a bare "Baca juga:"),
# channel promos ("Ayo ikuti saluran WhatsApp ...", "... WhatsApp Channel", "Klik di sini"), credit lines
# ("Penulis: ...", "Artikel ini telah tayang di ...", "(kpl/ute)"), and an outlet dateline opening a paragraph
# ("Liputan6.com, Lampung -", "KOMPAS.com -"). Their words are blanked before linking, offsets unchanged.
# "Baca juga: <headline>" (or "Simak berita lainnya:", "Baca artikel menarik lainnya:"), at a line's start or glued
# into a line; the headline runs to the line's end or to where the story's next sentence starts; after a bare
# "Baca juga:" line it is the next line.
_RELATED = re.compile(r"(?:baca|simak|lihat|tonton|saksikan)\s+(?:juga|artikel|berita|video)\b[^:\n.]{0,40}(:?)")
_WORD = re.compile(r"\S+")
# A line holding a promotion phrase, in any case.
_PROMO_PHRASE = re.compile(
    r"saluran whatsapp|whatsapp channel|google news|klik di sini|dapatkan (?:update|berita)|"
    r"berita pilihan|ikuti (?:kami|akun|saluran)|follow (?:us|akun)"
)
# _RELATED and _PROMO_PHRASE are lower case and searched for in the lower-cased text (a case-insensitive search
# was 3-5x slower). That finds what re.IGNORECASE finds in the text, at the same offsets, because for every code
# point but the three of _CASE_UNSAFE the lower case is one character, re.IGNORECASE matches it to an ASCII letter
# exactly when its lower case is that letter, and it is a word character, a space, ':', '.' or a newline exactly when
# its lower case is (tests/nlp/test_link.py checks every code point); a text holding one of the three is searched
# case-insensitively.
_CASE_UNSAFE = re.compile("[\u0130\u0131\u017f]")  # İ (lower case 'i̇', two characters), ı and ſ (matched to i, s)
_RELATED_ANY_CASE = re.compile(_RELATED.pattern, re.IGNORECASE)
_PROMO_PHRASE_ANY_CASE = re.compile(_PROMO_PHRASE.pattern, re.IGNORECASE)
# A whole line that is a credit, a desk tag or an advertisement label.
_PROMO_LINE = re.compile(
    r"^[ \t]*(?:\(\w{2,5}/\w{2,5}\)|advertisement|scroll to (?:continue|resume)[^\n]*)[ \t]*$"
    r"|^[ \t]*(?:penulis|editor|reporter|pewarta|sumber|foto|laporan wartawan|artikel ini telah tayang)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(
    r"^[ \t]*[A-Za-z0-9-]+(?:\.[A-Za-z]{2,3}){1,2}\b[^\n\-–—]{0,40}?[ \t]*[-–—]+",
    re.MULTILINE,
)
# A credit or a handle: a name glued to a web domain ("Kompas.com", "TribunManado.co.id") or an "@account".
_QUOTE_PAIRS = {"'": "'", '"': '"', "\u2018": "\u2019", "\u201c": "\u201d"}
_DOMAIN_AFTER = re.compile(r"\.(?:com|co|id|net|org|tv)\b", re.IGNORECASE)
# Words glued by scraping: "KoreaSelatan", "RIJudha" (a capital inside a capitalised word starts a new word).
_GLUED_CAPITAL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})")

# Between the words of a company name closed by a legal form: spaces, "&", or a period ("Nickel Pty. Ltd").
_COMPANY_GAP = re.compile(r"[ \t\u00a0]*[.&,]?[ \t\u00a0]*")
_LOWER_HEAD = re.compile(r"([a-z]{2,})(?=[A-Z][a-z]{2})")
# A name written with a digit first and two capitals or more: "4EVE", "2NE1", "2PM" (not "5G", "4x4").
_NUMBERED_NAME = re.compile(r"\d+[A-Z](?:[A-Za-z0-9]*[A-Z])[A-Za-z0-9]*")
# An age in brackets right after a name: "Mestiana (30)", "Kulna (73 tahun)".
_AGE_AFTER = re.compile(r"[ \t\u00a0]*\([ \t]*\d{1,3}(?:[ \t]*(?:tahun|thn|th))?[ \t]*\)", re.IGNORECASE)

FUZZY_MIN_SCORE = 88.0  # rapidfuzz ratio (0-100) for a multi-word name with one or two letters wrong
FUZZY_MIN_LENGTH = 8  # shorter multi-word names are too easy to confuse
SHORT_FORM_MIN_LENGTH = 4  # misspelt short forms shorter than this are not corrected

# Words repeat across articles, so their keys are memoised (the largest cost of linking otherwise).
_word_key = lru_cache(maxsize=1 << 16)(normalize)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    key: str

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass(slots=True)
class _Match:
    """Tokens [first, last) linked to a knowledge-base entry, or a local entity of `type`."""

    first: int
    last: int
    entry: KBEntry | None
    type: str
    local_key: str = ""
    alternatives: tuple[KBEntry, ...] = ()  # other entries sharing the matched alias, settled by article context


@dataclass(slots=True)
class _Gap:
    """Capitalised tokens [first, last) no alias explains."""

    first: int
    last: int
    label: str | None
    after_person_title: bool


@dataclass(slots=True)
class _Article:
    text: str
    tokens: list[_Token]
    sentence_initial: set[int]
    matches: list[_Match] = field(default_factory=list)
    gaps: list[_Gap] = field(default_factory=list)
    owner: list[_Match | None] = field(default_factory=list)  # token index -> the match covering it
    places: set[tuple[str, ...]] = field(default_factory=set)  # word keys the text writes after a region word

    def __post_init__(self) -> None:
        self.owner = [None] * len(self.tokens)

    def covering(self, index: int) -> _Match | None:
        return self.owner[index]

    def add(self, match: _Match) -> None:
        self.matches.append(match)
        for index in range(match.first, match.last):
            self.owner[index] = match

    def remove(self, match: _Match) -> None:
        self.matches.remove(match)
        for index in range(match.first, match.last):
            self.owner[index] = None

    def matches_within(self, first: int, last: int) -> list[_Match]:
        """Matches touching tokens [first, last), in order."""
        found: list[_Match] = []
        for index in range(first, last):
            match = self.owner[index]
            if match is not None and (not found or found[-1] is not match):
                found.append(match)
        return found

    def surface(self, first: int, last: int) -> str:
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, Any]:
    text = resources.files("warta.nlp").joinpath("data/linking.json").read_text(encoding="utf-8")
    return json.loads(text)


def _alias_word_ok(alias_word: str, text_word: str) -> bool:
    """Case rule for one alias word against the word in the text."""
    if len(alias_word) > 1 and alias_word.isupper():
        return text_word.isupper()  # acronyms: "AS" is the United States, "as" is not
    if 1 < len(text_word) <= 3 and text_word.isupper():
        return False  # a short all-capital word is an acronym or a numeral: "Komisi XI" is not Xi Jinping
    if alias_word[0].isupper():
        return text_word[0].isupper()
    return True


class Linker:
    """Gazetteer and linking rules built once from a knowledge base; `link()` runs per article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        words = _word_lists()
        self.kb = kb
        self.titles = frozenset(words["titles"]["words"])
        self.person_titles = frozenset(words["person_titles"]["words"])
        self.descriptors = frozenset(words["descriptors"]["words"])
        self.common_words = frozenset(words["common_words"]["words"])
        self.particles = frozenset(words["name_particles"]["words"])
        self.org_heads = frozenset(words["org_heads"]["words"]) | frozenset(words["weak_org_heads"]["words"])
        self.weak_org_heads = frozenset(words["weak_org_heads"]["words"])
        self.non_name = re.compile(words["non_name_pattern"]["regex"])
        self.sentence_opener = re.compile(words["sentence_opener_pattern"]["regex"])
        self.family_name_first = frozenset(words["family_name_first"]["countries"])
        self.priority = {prefix: rank for rank, prefix in enumerate(words["type_priority"]["prefixes"])}
        self.generic = frozenset(words["generic_words"]["words"])
        self.legal_forms = frozenset(words["legal_forms"]["words"])
        self.instrument_words = frozenset(words["instrument_words"]["words"])
        self.place_heads = frozenset(words["place_heads"]["words"])
        self._generic_fillers = self.generic - self.org_heads - self.place_heads - self.legal_forms - {"persero"}
        self.place_words = frozenset(words["place_heads"]["tails"])
        self.place_ends = frozenset(words["place_heads"]["ends"])
        self.glue_words = frozenset(words["glue_words"]["words"])
        self.nickname_cues = frozenset(words["nickname_cues"]["words"])
        self.mission_heads = frozenset(words["mission_heads"]["words"])
        self.platform_cues = frozenset(words["platform_cues"]["words"])
        self.numbered_words = frozenset(words["numbered_words"]["words"])
        self.given_name_titles = frozenset(words["given_name_titles"]["words"])
        self.closing_name_titles = frozenset(words["given_name_titles"]["closing"])
        self.region_heads = frozenset(words["region_heads"]["words"])
        self.institution_heads = frozenset(words["institution_heads"]["words"])
        self.group_cues = frozenset(words["group_cues"]["words"])
        self._glued: dict[str, tuple[str, ...]] = {}

        # token keys -> [(alias words as written, entry)]; prefixes let the matcher stop early.
        self._aliases: dict[tuple[str, ...], list[tuple[tuple[str, ...], KBEntry]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._first_keys: set[str] = set()
        self._entry_short_forms: dict[str, set[str]] = {}  # read-only once stored
        self._longest = 1
        # descriptor-free key -> entries, and fuzzy buckets by (first letter, word count).
        self._plain: dict[str, list[KBEntry]] = {}
        self._fuzzy_buckets: dict[tuple[str, int], list[str]] = {}
        for entry in kb:
            for surface in entry.surfaces:
                self._add_surface(entry, surface)
        self._name_words = frozenset(key for keys in self._aliases for key in keys)
        self.known_name_words = self._name_words
        # Indonesian online outlets (a web domain among their names): in their own and each other's articles they
        # are credits ("KOMPAS.com -", "kata dia kepada Tribunnews.com"), not actors. Wire agencies stay.
        self._credit_outlets = frozenset(
            entry.id
            for entry in kb
            if entry.sector == "MED" and entry.country == "IDN" and any("." in alias for alias in entry.surfaces)
        )

    # -- building -----------------------------------------------------------------------------------------------

    def _add_surface(self, entry: KBEntry, surface: str) -> None:
        words = tuple(_TOKEN.findall(surface))
        if not words:
            return
        pieces = tuple(piece for word in words for piece in _capital_pieces(word))
        if pieces != words:  # "NasDem" is written "Nasdem" too, and read as "Nas" "Dem" when glued-word split
            self._add_words(entry, pieces)
        self._add_words(entry, words)

    def _add_words(self, entry: KBEntry, words: tuple[str, ...]) -> None:
        keys = tuple(normalize(word) for word in words)
        plain = self._without_descriptors(keys)
        if plain:
            bucket = self._plain.setdefault(" ".join(plain), [])
            if entry not in bucket:
                bucket.append(entry)
            joined = " ".join(plain)
            if len(plain) >= 2 and len(joined) >= FUZZY_MIN_LENGTH:
                choices = self._fuzzy_buckets.setdefault((joined[0], len(plain)), [])
                if joined not in choices:
                    choices.append(joined)
        # "Presiden Xi" is "Xi" after a title: the title is trimmed in text, so match the bare name only.
        if len(keys) > 1 and keys[0] in self.titles and " ".join(keys[1:]) in {normalize(s) for s in entry.surfaces}:
            return
        self._aliases.setdefault(keys, []).append((words, entry))
        for size in range(1, len(keys) + 1):
            self._prefixes.add(keys[:size])
        self._first_keys.add(keys[0])
        self._longest = max(self._longest, len(keys))

    def _without_descriptors(self, keys: Sequence[str]) -> tuple[str, ...]:
        return tuple(key for key in keys if key not in self.descriptors)

    # -- helpers ------------------------------------------------------------------------------------------------

    def _choose(self, entries: Iterable[KBEntry], label: str | None, seen: set[str]) -> KBEntry:
        """Pick among entries sharing a surface: one already in the article, then the tagger's type, then priority."""
        return min(
            entries,
            key=lambda entry: (
                entry.id not in seen,
                label is not None and entry.type != label,
                self.priority.get(entry.id.split(":", 1)[0], len(self.priority)),
            ),
        )

    def short_forms(self, name: str, country: str | None) -> set[str]:
        """Keys a person may be called by alone: family name, and for Indonesians any of their names ("Haris" for
        Abdul Haris Semendawai, "Dasco" for Sufmi Dasco Ahmad)."""
        keys = [normalize(word) for word in _TOKEN.findall(name)]
        keys = [key for key in keys if key not in self.particles and key not in self.titles and len(key) > 1]
        if len(keys) < 2:
            return set(keys)
        if country in self.family_name_first:
            return {keys[0]}
        if country == "IDN" or country is None:
            return set(keys)
        return {keys[-1]}

    def _is_filler(self, token: _Token) -> bool:
        """Titles, sentence words and generic words ("IUP GAG Nikel") that no name starts or ends with."""
        key = token.key
        return key in self.titles or key in self.common_words or key in self._generic_fillers

    def _name_like(self, token: _Token) -> bool:
        """Could this word be part of a person's name? Not acronyms, office words or derived nouns."""
        key = token.key
        return (
            token.capitalised
            and not (len(token.text) > 1 and token.text.isupper())
            and key not in self.titles
            and key not in self.common_words
            and key not in self.org_heads
            and not self.non_name.match(key)
        )

    # -- tokens -------------------------------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[_Token]:
        """Word tokens, with words glued by scraping split apart ("KoreaSelatan", "Thohiringin")."""
        tokens: list[_Token] = []
        for found in _TOKEN.finditer(text):
            start = found.start()
            for piece in self._pieces(found.group()):
                tokens.append(_Token(start, start + len(piece), piece, _word_key(piece)))
                start += len(piece)
        return tokens

    def _pieces(self, word: str) -> tuple[str, ...]:
        pieces = self._glued.get(word)
        if pieces is None:
            pieces = tuple(
                part
                for head in self._split_lower_head(word)
                for piece in _capital_pieces(head)
                for part in self._unglue_word(piece)
            )
            if len(self._glued) < 1 << 16:
                self._glued[word] = pieces
        return pieces

    def _split_lower_head(self, word: str) -> tuple[str, ...]:
        """'diWay', 'diwartakanReuters': an ordinary lower-case word glued before a name ('detikSulsel' stays)."""
        found = _LOWER_HEAD.match(word)
        if found is None or (_word_key(found.group(1)),) in self._aliases:
            return (word,)
        return (found.group(1), word[found.end(1) :])

    def _unglue_word(self, piece: str) -> tuple[str, ...]:
        """'Kananmasa' -> 'Kanan', 'masa': a known name word with an ordinary word glued to its end."""
        key = _word_key(piece)
        if not piece[0].isupper() or len(key) < 6 or key in self._name_words:
            return (piece,)
        for size in range(3, len(key) - 2):
            if key[-size:] not in self.glue_words or len(piece) != len(key) or not piece[-size:].islower():
                continue
            # a known name word before any glue word; any name before a long one ("Asalasiyahresmi")
            if key[:-size] in self._name_words or (size >= 5 and len(key) - size >= 4):
                return (piece[:-size], piece[-size:])
        return (piece,)

    # -- stage 1: gazetteer -------------------------------------------------------------------------------------

    def _gazetteer(self, article: _Article) -> None:
        tokens = article.tokens
        index = 0  # the first token after the last match
        seen: set[str] = set()
        first_keys = self._first_keys
        # Only a word that starts some alias can start a match: test those alone.
        for start in [position for position, token in enumerate(tokens) if token.key in first_keys]:
            if start < index:
                continue
            index = start
            found = self._longest_alias_at(article, index)
            if found is None:
                continue
            size, entries = found
            entry = self._choose(entries, None, seen)
            seen.add(entry.id)
            first = index
            if entry.type == "PER" and not normalize(entry.name).startswith(tokens[first].key + " "):
                # "Menlu Retno", "Raja Salman": the title decided the person; the mention is the name
                # (but "Sultan Bachtiar Najamuddin" is named so: a title word opening the name itself stays).
                while first < index + size - 1 and tokens[first].key in self.titles:
                    first += 1
            others = tuple(other for other in entries if other is not entry)
            article.add(_Match(first, index + size, entry, entry.type, alternatives=others))
            index += size
        self._settle_shared_aliases(article)

    def _settle_shared_aliases(self, article: _Article) -> None:
        """An alias several entries share ("Partai Demokrat", "Garuda") goes to the entry the rest of the article
        supports: one linked unambiguously elsewhere in it, then the country it mentions most, then the first pick."""
        shared = [match for match in article.matches if match.alternatives]
        if not shared:
            return
        plain = [match.entry for match in article.matches if match.entry is not None and not match.alternatives]
        linked = {entry.id for entry in plain}
        countries = Counter(entry.country for entry in plain if entry.country)
        for match in shared:
            if match.entry is None:
                continue
            options = (match.entry, *match.alternatives)
            best = min(options, key=lambda entry: (entry.id not in linked, -countries[entry.country or ""]))
            match.entry, match.type = best, best.type

    def _longest_alias_at(self, article: _Article, index: int) -> tuple[int, list[KBEntry]] | None:
        tokens, text = article.tokens, article.text
        keys: list[str] = []
        best: tuple[int, list[KBEntry]] | None = None
        for position in range(index, min(index + self._longest, len(tokens))):
            if position > index and not _ALIAS_GAP.fullmatch(text, tokens[position - 1].end, tokens[position].start):
                break
            keys.append(tokens[position].key)
            key = tuple(keys)
            if key not in self._prefixes:
                break
            candidates = self._aliases.get(key)
            if not candidates:
                continue
            words = [token.text for token in tokens[index : position + 1]]
            entries = [entry for alias, entry in candidates if all(map(_alias_word_ok, alias, words))]
            if not entries:
                continue
            if len(key) == 1 and key[0] in self.common_words and index in article.sentence_initial:
                continue  # "Antara lain, ..." opens a sentence; "kata dia kepada Antara" names the agency
            if len(words[0]) == 1 and len(key) == 1 and not self._one_letter_named(article, index, entries):
                continue  # "Komisi X", "Pasal X": a letter or a numeral, unless "akun X" or "Twitter atau X"
            best = (len(key), list(dict.fromkeys(entries)))
        return best

    def _one_letter_named(self, article: _Article, index: int, entries: list[KBEntry]) -> bool:
        """'akun X', 'platform X', 'Twitter atau X', 'X (Twitter)': a one-letter alias after a platform word, or
        beside another one-word name of its entry."""
        tokens = article.tokens
        if index > 0 and tokens[index - 1].key in self.platform_cues:
            return True
        names = {normalize(surface) for entry in entries for surface in entry.surfaces if len(surface) > 1}
        nearby = tokens[max(0, index - 2) : index] + tokens[index + 1 : index + 3]
        return any(token.key in names for token in nearby)

    # -- stage 2: candidate names -------------------------------------------------------------------------------

    def _capitalised_runs(self, article: _Article) -> list[tuple[int, int]]:
        tokens, text = article.tokens, article.text
        runs: list[tuple[int, int]] = []
        start: int | None = None
        for index, token in enumerate(tokens):
            joined = start is not None and self._continues_name(text, tokens[index - 1], token)
            numbered = joined and token.text.isdigit() and text[tokens[index - 1].end : token.start] == "-"
            if (
                token.capitalised
                or numbered  # "Pengadilan Militer I-04 Palembang", "Timnas U-23"
                or (joined and token.key in self.particles and self._next_capitalised(tokens, index))
            ):
                if start is None or not joined:
                    if start is not None:
                        runs.append((start, index))
                    start = index
            elif start is not None:
                runs.append((start, index))
                start = None
        if start is not None:
            runs.append((start, len(tokens)))
        return runs

    @staticmethod
    def _next_capitalised(tokens: list[_Token], index: int) -> bool:
        return index + 1 < len(tokens) and tokens[index + 1].capitalised

    def _glued_on(self, previous: _Token, token: _Token) -> bool:
        """Did scraping glue a known name onto the word before it ("KejaksaanKorea Selatan", "PemprovSulut")?
        Brands written in camel case ("SelebTubeTV", "McDonald") go on: their second part starts no known name."""
        return (
            previous.end == token.start
            and len(previous.text) >= 4
            and previous.text[-1].islower()
            and token.text[:1].isupper()
            and not token.text.isupper()
            and token.key in self._first_keys
        )

    def _continues_name(self, text: str, previous: _Token, token: _Token) -> bool:
        if self._glued_on(previous, token):
            return False
        if _NAME_GAP.fullmatch(text, previous.end, token.start):
            return True
        is_initial = len(previous.text) == 1 and previous.text.isupper()
        return is_initial and bool(_INITIAL_GAP.fullmatch(text, previous.end, token.start))

    def _places_before_names(
        self, article: _Article, regions: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """'Bupati Indramayu Lucky Hakim' tagged one person: after a title, the words that the article names as a
        place elsewhere ("Kabupaten Indramayu", "Pemkab Indramayu") are that place, and the name follows them."""
        tokens, text = article.tokens, article.text
        places: set[tuple[str, ...]] = set()
        for index, token in enumerate(tokens[:-1]):
            if token.key not in self.region_heads and token.key not in self.place_heads:
                continue
            end = index + 1
            while end < len(tokens) and tokens[end].capitalised and _NAME_GAP.fullmatch(
                text, tokens[end - 1].end, tokens[end].start
            ):
                end += 1
            for size in range(1, end - index):
                places.add(tuple(t.key for t in tokens[index + 1 : index + 1 + size]))
        article.places = places
        if not places:
            return regions
        split: list[tuple[int, int, str]] = []
        for first, last, label in regions:
            if label == "PER" and first > 0 and tokens[first - 1].key in self.titles:
                size = next((n for n in range(last - first - 1, 0, -1)
                             if tuple(t.key for t in tokens[first : first + n]) in places), 0)
                rest = tokens[first + size : last]
                if size and self._name_like(rest[0]) and all(token.capitalised for token in rest):
                    split.append((first, first + size, "LOC"))
                    first += size
            split.append((first, last, label))
        return split

    def _explain_region(self, article: _Article, first: int, last: int, label: str | None, seen: set[str]) -> None:
        """Link the unexplained words of one candidate name (a capitalised run or a tagger span)."""
        tokens = article.tokens
        covered = article.owner[first:last]
        if all(match is not None or self._is_filler(tokens[first + offset]) for offset, match in enumerate(covered)):
            return
        # Trim titles and sentence openers that no alias explains ("Sekretaris", "Namun").
        while first < last and covered[0] is None and self._is_filler(tokens[first]):
            first, covered = first + 1, covered[1:]
        region_end = last  # office words may end an organisation's name: "Otoritas Jasa Keuangan"
        while last > first and covered[-1] is None and self._is_filler(tokens[last - 1]):
            if label == "PER" and self._closes_name(tokens, first, last):
                break
            last, covered = last - 1, covered[:-1]
        if first == last:
            return
        if label == "ORG" and self._branch_of_body(article, first, last):
            return
        if self._link_window(article, first, last, label, seen):
            return
        if covered[0] is None and tokens[first].key in self.org_heads:
            self._unknown_organisation(article, first, region_end, label, seen)
            return
        offset = 0
        while offset < len(covered):
            if covered[offset] is not None:
                offset += 1
                continue
            end = offset
            while end < len(covered) and covered[end] is None:
                end += 1
            self._explain_gap(article, first + offset, first + end, label, seen)
            offset = end

    def _branch_of_body(self, article: _Article, first: int, last: int) -> bool:
        """'Muhammadiyah Jepara' tagged one organisation, where the article names Jepara as a place ("Kabupaten
        Jepara"): a body the knowledge base knows, followed by that place, is the body's branch there, its own
        organisation."""
        body = article.covering(first)
        if body is None or body.entry is None or body.type != "ORG" or body.first != first or body.last >= last:
            return False
        rest = article.tokens[body.last : last]
        if tuple(token.key for token in rest) not in article.places:
            return False
        for match in article.matches_within(body.last, last):
            if match.type != "LOC" or match.first < body.last or match.last > last or (
                match.entry is not None and match.entry.id.startswith("country:")
            ):
                return False
        for match in article.matches_within(first, last):
            article.remove(match)
        article.add(_Match(first, last, None, "ORG", slugify(article.surface(first, last))))
        return True

    def _closes_name(self, tokens: list[_Token], first: int, last: int) -> bool:
        """'Lucky Hakim', 'Eko Putra': a title that is also a family name, after a name word, ends a person's name."""
        return (
            last - first >= 2
            and tokens[last - 1].key in self.closing_name_titles
            and tokens[last - 1].capitalised
            and self._name_like(tokens[last - 2])
        )

    def _unknown_organisation(
        self, article: _Article, first: int, last: int, label: str | None, seen: set[str]
    ) -> None:
        """'Kementerian Luar Negeri Jepang': a name led by an organisation head noun is one organisation."""
        tokens = article.tokens
        end = first
        while end < last:
            match = article.covering(end)
            if match is not None and (match.type == "PER" or match.last > last):
                break  # "Kementerian ... Rusia Sergey Lavrov": the person is not part of the organisation
            if match is None and any(ch.isdigit() for ch in tokens[end].text) and not (
                end > first and article.text[tokens[end - 1].end : tokens[end].start] == "-"
            ):
                break  # "PT Pupuk Iskandar Muda Rp1": amounts are not part of a name, but "Militer I-04" is
            if match is None and end > first and len(tokens[end].text) > 1 and tokens[end].text.isupper():
                rest = tokens[end + 1 : last]
                if len(rest) >= 2 and all(self._name_like(token) for token in rest):
                    end += 1  # "PT KAI Didiek Hartantyo": the acronym closes the organisation, a name follows
                    break
            end = match.last if match is not None else end + 1
        # Office words end organisation names ("Kementerian Keuangan"), so only sentence words are trimmed.
        while (
            end > first + 1
            and tokens[end - 1].key in self.common_words
            and tokens[end - 1].key not in self.place_words  # "Polsek Wewewa Selatan"
            and article.covering(end - 1) is None
        ):
            end -= 1
        own_words = [i for i in range(first + 1, end) if article.covering(i) is None and tokens[i].capitalised]
        if end - first < 2 or (not own_words and tokens[first].key in self.weak_org_heads):
            # "Pasukan Rusia" opening a sentence is Russian troops, not an organisation called that.
            self._explain_gap(article, first, end, label, seen)
            return
        for match in article.matches_within(first, end):
            article.remove(match)
        article.add(_Match(first, end, None, "ORG", slugify(article.surface(first, end))))
        if end < last:
            self._explain_region(article, end, last, label, seen)

    def _explain_gap(self, article: _Article, first: int, last: int, label: str | None, seen: set[str]) -> None:
        tokens = article.tokens
        while first < last and self._is_filler(tokens[first]):
            first += 1
        while last > first and self._is_filler(tokens[last - 1]):
            if label == "PER" and self._closes_name(tokens, first, last):
                break
            last -= 1
        if first == last:
            return
        before = article.covering(first - 1) if first > 0 else None
        after = article.covering(last) if last < len(tokens) else None
        # Neighbouring known names join the window only when they are part of the same written name.
        text = article.text
        if after and not self._continues_name(text, tokens[last - 1], tokens[last]):
            after = None
        if before and not self._continues_name(text, tokens[first - 1], tokens[first]):
            before = None
        windows = [(first, last)]
        if after:
            windows.append((first, after.last))
        if before:
            windows.append((before.first, last))
        if before and after:
            windows.append((before.first, after.last))
        for window in windows:
            if self._link_window(article, *window, label, seen):
                return
        article.gaps.append(_Gap(first, last, label, self._after_person_title(article, first)))

    def _after_person_title(self, article: _Article, index: int) -> bool:
        """True for 'Presiden X', 'Menteri Luar Negeri Rusia X', 'juru bicara Kremlin X'."""
        position = index - 1
        while position >= 0:
            match = article.covering(position)
            if match is not None and match.type in ("LOC", "ORG"):
                position = match.first - 1
                continue
            key = article.tokens[position].key
            if key in self.person_titles:
                return True
            if key not in self.titles:
                return False
            position -= 1  # "Menteri Pertahanan Filipina X": office words between the title and the name
        return False

    def _link_window(self, article: _Article, first: int, last: int, label: str | None, seen: set[str]) -> bool:
        """Link tokens [first, last) as one name when a descriptive variant or close spelling is known."""
        if last - first < 1:
            return False
        inside = article.matches_within(first, last)
        if any(match.first < first or match.last > last for match in inside):
            return False  # would cut a known name in two
        if len(inside) == 1 and inside[0].first == first and inside[0].last == last:
            return False  # already exactly one known name
        keys = [token.key for token in article.tokens[first:last]]
        entry = self._resolve(keys, [article.tokens[m.first : m.last] for m in inside], label, seen)
        if entry is None:
            return False
        for match in inside:
            article.remove(match)
        article.add(_Match(first, last, entry, entry.type))
        seen.add(entry.id)
        return True

    def _resolve(self, keys: list[str], known: list[list[_Token]], label: str | None, seen: set[str]) -> KBEntry | None:
        plain = self._without_descriptors(keys)
        if not plain:
            return None
        joined = " ".join(plain)
        entries = self._plain.get(joined)
        if entries:
            return self._choose(entries, label, seen)
        if len(plain) < 2 or len(joined) < FUZZY_MIN_LENGTH:
            return None
        choices = self._fuzzy_buckets.get((joined[0], len(plain)))
        if not choices:
            return None
        known_words = {token.key for tokens in known for token in tokens}
        for candidate, _, _ in process.extract(
            joined, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=3
        ):
            words = candidate.split()
            # Words that are names in their own right must survive: "Kementerian Luar Negeri Jepang" is not
            # Russia's ministry; and each word may differ by one slip only: "Kemanan" is "Keamanan", but
            # "Perdagangan" (trade) is not "Pertahanan" (defence) however alike the whole strings look.
            if not known_words <= set(words):
                continue
            if all(_slip(word, typed) for word, typed in zip(words, plain, strict=True)):
                return self._choose(self._plain[candidate], label, seen)
        return None

    # -- stages 3 and 4: within the article ---------------------------------------------------------------------

    def _settle_gaps(self, article: _Article) -> None:
        tokens = article.tokens
        pending: list[_Gap] = []
        # Words the tagger took for a person alone ("baby Gala"): an untagged name that opens with one is that
        # person's full name ("Gala Sky").
        named = {tokens[gap.first].key for gap in article.gaps if gap.label == "PER" and gap.last - gap.first == 1}
        # Full unknown names first (tagger label or person title), so their short forms can be resolved too.
        for gap in article.gaps:
            if any(match is not None for match in article.owner[gap.first : gap.last]):
                continue  # a later candidate (an organisation name, say) already took these words
            words = tokens[gap.first : gap.last]
            if gap.label:
                if gap.last - gap.first >= 2 and all(
                    token.capitalised or token.key in self.particles for token in words
                ):
                    self._add_local(article, gap, gap.label)
                    continue
            elif gap.after_person_title:
                name = self._name_after_title(tokens, gap)
                if name is not None:
                    self._add_local(article, name, "PER")
                    continue
            elif words[0].key in named and 2 <= len(words) <= 3 and all(self._name_like(token) for token in words):
                self._add_local(article, gap, "PER")
                continue
            if len(words) <= 3 and self._aged(article, gap):
                self._add_local(article, gap, "PER")
                continue
            pending.append(gap)
        people = self._article_people(article)
        for gap in pending:
            if any(match is not None for match in article.owner[gap.first : gap.last]):
                continue
            target = self._short_form_target(article, gap, people) if gap.last - gap.first == 1 else None
            if target is not None:
                article.add(_Match(gap.first, gap.last, target.entry, "PER", target.local_key))
            elif gap.label and self._labelled_word_is_name(article, gap.first):
                # A lone capitalised word after a title is too often an office word ("Staf Gabungan"), so only
                # the tagger's label makes it a name.
                self._add_local(article, gap, gap.label)

    def _aged(self, article: _Article, gap: _Gap) -> bool:
        """'istrinya, Mestiana (30)', 'Kulna (73)': a name followed by an age in brackets is a person."""
        words = article.tokens[gap.first : gap.last]
        if not all(self._name_like(token) and token.key not in self.numbered_words for token in words):
            return False  # "Pasal (2)": a part of a document, numbered
        if len(words) == 1 and gap.first in article.sentence_initial and self.sentence_opener.match(words[0].key):
            return False
        return _AGE_AFTER.match(article.text, words[-1].end) is not None

    def _labelled_word_is_name(self, article: _Article, index: int) -> bool:
        """Accept a one-word tagger span unless it is lower case, a common word, or an ordinary word opening a sentence."""
        token = article.tokens[index]
        if not token.capitalised or token.key in self.common_words:
            return False
        return not (index in article.sentence_initial and self.sentence_opener.match(token.key))

    def _name_after_title(self, tokens: list[_Token], gap: _Gap) -> _Gap | None:
        """The person's name closing a gap after a title: its last two or three name-like words."""
        first = gap.last
        while first > gap.first and (self._name_like(tokens[first - 1]) or tokens[first - 1].key in self.particles):
            first -= 1
        while first < gap.last and tokens[first].key in self.particles:
            first += 1
        words = sum(1 for token in tokens[first : gap.last] if token.key not in self.particles)
        if not 2 <= words <= 3:
            return None  # one word is too weak; four or more are usually an office or unit name
        return _Gap(first, gap.last, None, True)

    def _add_local(self, article: _Article, gap: _Gap, entity_type: str) -> None:
        keys = [token.key for token in article.tokens[gap.first : gap.last]]
        half = len(keys) // 2
        if len(keys) >= 4 and len(keys) % 2 == 0 and keys[:half] == keys[half:]:
            # "Deddy SuryadiDeddy Suryadi": a name scraped twice in a row is two mentions of it
            self._add_local(article, _Gap(gap.first, gap.first + half, gap.label, gap.after_person_title), entity_type)
            self._add_local(article, _Gap(gap.first + half, gap.last, gap.label, gap.after_person_title), entity_type)
            return
        surface = article.surface(gap.first, gap.last)
        article.add(_Match(gap.first, gap.last, None, entity_type, slugify(surface)))

    def _article_people(self, article: _Article) -> list[tuple[set[str], _Match]]:
        """(short forms, first full mention) of each person named in the article with two or more words."""
        people: list[tuple[set[str], _Match]] = []
        seen_keys: set[str] = set()
        for match in sorted(article.matches, key=lambda m: m.first):
            if match.type != "PER":
                continue
            identity = match.entry.id if match.entry else match.local_key
            if identity in seen_keys:
                continue
            seen_keys.add(identity)
            if match.entry is not None:
                forms = self._entry_short_forms.get(match.entry.id)
                if forms is None:  # the same for every article: computed once per entry
                    forms = self.short_forms(match.entry.name, match.entry.country)
                    for alias in match.entry.aliases:
                        forms |= self.short_forms(alias, match.entry.country)
                    self._entry_short_forms[match.entry.id] = forms
            else:
                forms = self.short_forms(article.surface(match.first, match.last), "IDN")
            people.append((forms, match))
        return people

    def _short_form_target(self, article: _Article, gap: _Gap, people: list[tuple[set[str], _Match]]) -> _Match | None:
        key = article.tokens[gap.first].key
        if key in self.common_words or key in self.titles:
            return None
        exact = [match for forms, match in people if key in forms]
        if not exact and len(key) >= SHORT_FORM_MIN_LENGTH:
            # "Paturshev" for "Patrushev": one edit (a swap counts as one) on the same first letter, for names
            # the knowledge base vouches for (a local name's first word is too often an ordinary word).
            exact = [
                match
                for forms, match in people
                if match.entry is not None
                and any(form[0] == key[0] and OSA.distance(form, key) <= 1 for form in forms if len(form) >= 4)
            ]
        if not exact and len(key) >= SHORT_FORM_MIN_LENGTH:
            # "Mirza" for Rahmat Mirzani Djausal, "Toni" for Thobahul Aftoni: an Indonesian name cut short.
            exact = [
                match
                for forms, match in people
                if (match.entry is None or match.entry.country == "IDN")
                and any(_clipped(form, key) for form in forms)
            ]
        if not exact and len(key) >= 3 and gap.first > 0 and article.tokens[gap.first - 1].key in self.nickname_cues:
            # "akrab disapa Ami": what a person named before is called, cut from one of their names (Aminah)
            exact = [
                match
                for forms, match in people
                if match.first < gap.first and any(form.startswith(key) and form != key for form in forms)
            ]
        if not exact:
            return None
        # Several people share the short form: the one named last before it.
        before = [match for match in exact if match.first < gap.first]
        return (before or exact)[-1]

    # -- entry point --------------------------------------------------------------------------------------------

    def link(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]] = (),
        tagger_spans: Iterable[TaggerSpan] | None = None,
    ) -> list[Entity]:
        """Entities of `text` with mentions (offsets into `text`), in order of first mention."""
        text = mask_boilerplate(text)  # offsets unchanged; only story lines keep their words
        tokens = self._tokens(text)
        article = _Article(text, tokens, _sentence_initial(tokens, sentences))
        self._gazetteer(article)
        seen = {match.entry.id for match in article.matches if match.entry}
        regions = self._places_before_names(article, _tagger_regions(tokens, tagger_spans or (), self._glued_on))
        for first, last, label in regions:
            self._explain_region(article, first, last, label, seen)
        for first, last in self._capitalised_runs(article):
            self._explain_region(article, first, last, None, seen)
        self._settle_gaps(article)
        self._companies_by_legal_form(article)
        self._office_designators(article)
        self._places_by_head(article)
        self._spelled_out_names(article)
        self._numbered_groups(article)
        self._cast_in_brackets(article)
        self._bracketed_acronyms(article)
        self._stock_tickers(article)
        self._titled_name_pieces(article)
        self._initials_named(article)
        self._given_name_titles(article)
        self._drop_quoted_titles(article)
        for match in [match for match in article.matches if not self._is_entity(article, match)]:
            article.remove(match)
        self._drop_untitled_single_names(article)
        self._expansions_before_acronyms(article)
        self._alias_names(article)
        self._merge_variants(article)
        return _entities(article)

    # -- stage 5: what is not an entity, and variants of one name ------------------------------------------------

    def _companies_by_legal_form(self, article: _Article) -> None:
        """'Asia Pacific Nickel Pty. Ltd': capitalised words closed by a legal form are one company, whatever
        places or names the words also spell."""
        tokens, text = article.tokens, article.text
        for index, token in enumerate(tokens):
            if token.key not in self.legal_forms or index == 0 or not token.capitalised:
                continue
            first = index
            while first > 0 and tokens[first - 1].capitalised and _COMPANY_GAP.fullmatch(
                text, tokens[first - 1].end, tokens[first].start
            ):
                if tokens[first - 1].key in self.legal_forms and first < index:
                    break  # "... Tbk. Apple Inc": the legal form closes the name before
                if first - 1 in article.sentence_initial and tokens[first - 1].key not in self._name_words:
                    break  # "Izin Asia Pacific ...": an ordinary word opening the sentence
                first -= 1
                if tokens[first].key in self.org_heads:
                    break  # "PT ..." opens the name
            leading = article.covering(first)
            if leading is not None and leading.entry is not None and leading.entry.id.startswith("country:"):
                first = leading.last  # "perusahaan Australia Asia Pacific Nickel Pty. Ltd": the country describes it
            inside = article.matches_within(first, index + 1)
            if first >= index or any(m.first < first or m.last > index + 1 for m in inside):
                continue
            if len(inside) == 1 and inside[0].type == "ORG" and inside[0].entry is not None:
                continue  # a known company with its legal form
            for match in inside:
                article.remove(match)
            article.add(_Match(first, index + 1, None, "ORG", slugify(article.surface(first, index + 1))))

    def _office_designators(self, article: _Article) -> None:
        """'Komnas HAM RI', 'Presiden RI', 'Menteri Luar Negeri RI': "RI" closing a body's name or an office title
        designates it as Indonesia's; it is part of the body's name, and no mention of the country."""
        tokens = article.tokens
        for match in list(article.matches):
            if match.last - match.first != 1 or tokens[match.first].text != "RI" or match.first == 0:
                continue
            before = article.covering(match.first - 1)
            if before is not None and before.type == "ORG":
                article.remove(match)
                article.remove(before)
                article.add(_Match(before.first, match.last, before.entry, before.type, before.local_key))
            elif before is None and tokens[match.first - 1].key in self.titles:
                article.remove(match)

    def _places_by_head(self, article: _Article) -> None:
        """'Pulau Mangkir Besar', 'Desa Buyat Barat': a place word and the capitalised words after it are one place,
        including the size and direction words that otherwise read as titles."""
        tokens, text = article.tokens, article.text
        for index, token in enumerate(tokens):
            own = article.covering(index)
            if token.key not in self.place_heads or not token.capitalised or own is not None and own.entry is not None:
                continue  # a place the knowledge base knows with its place word ("Pulau Bali")
            end = index + 1
            while (
                end < len(tokens)
                and tokens[end].capitalised
                and _NAME_GAP.fullmatch(text, tokens[end - 1].end, tokens[end].start)
                and (
                    tokens[end].key in self.place_words
                    or tokens[end].key not in self.person_titles and tokens[end].key not in self.common_words
                )
            ):
                end += 1
            inside = [match for match in article.matches_within(index, end) if match is not own]
            if end == index + 1 or any(match.first < index + 1 or match.last > end for match in inside):
                continue
            if own is not None and (own.first != index or own.last > end):
                continue
            if len(inside) == 1 and inside[0].entry is not None and (inside[0].first, inside[0].last) == (index + 1, end):
                continue  # a place the knowledge base knows: it is named after the place word
            for match in inside + ([own] if own is not None else []):
                article.remove(match)
            article.add(_Match(index, end, None, "LOC", slugify(article.surface(index, end))))

    def _spelled_out_names(self, article: _Article) -> None:
        """'Toyota Kirloskar Motor (TKM)', 'PLN Indonesia Power (PLN IP)': capitalised words that the short form in
        brackets after them spells out are one organisation, even where they begin with a name the knowledge base
        knows (a subsidiary is not its parent); the short form and the full name name it wherever they recur."""
        tokens, text = article.tokens, article.text
        for index, token in enumerate(tokens):
            if index < 2 or text[token.start - 1 : token.start] != "(":
                continue
            short = self._bracketed_short_form(article, index)
            if short is None or any(key in self.generic for key in short):
                continue  # "Aparatur Sipil Negara (ASN)": a kind of people or thing, not one body
            first = self._spelled_run(article, index, short)
            if first is None:
                continue
            inside = article.matches_within(first, index)
            if any(m.first < first or m.last > index for m in inside) or (len(inside) == 1 and (
                inside[0].first, inside[0].last) == (first, index)) or any(m.type == "PER" for m in inside):
                continue
            if not any(m.type == "ORG" for m in inside) and tokens[first].key not in self.org_heads:
                continue
            key = slugify(" ".join(token.text for token in tokens[first:index]))  # glued words apart
            for size, keys in ((index - first, [t.key for t in tokens[first:index]]), (len(short), short)):
                self._claim_all(article, keys, size, _Match(0, 0, None, "ORG", key))

    def _numbered_groups(self, article: _Article) -> None:
        """'girl group Thailand 4EVE', 'member 2NE1': a word opening with a digit, with two capitals or more, after a
        group word (a country may come between) is a group's name, and so is every other occurrence of the word."""
        tokens = article.tokens
        for index, token in enumerate(tokens):
            if index == 0 or article.covering(index) is not None or not _NUMBERED_NAME.fullmatch(token.text):
                continue
            position = index - 1
            country = article.covering(position)
            if country is not None and country.entry is not None and country.entry.id.startswith("country:"):
                position = country.first - 1
            if position < 0 or tokens[position].key not in self.group_cues:
                continue
            template = _Match(0, 0, None, "ORG", slugify(token.text))
            self._claim_all(article, [token.key], 1, template, capitalised=False)

    def _cast_in_brackets(self, article: _Article) -> None:
        """'K (Bryan Domani) dan Cream (Vanesha Prescilla)': where brackets after a name hold a person, name-like words
        filling other brackets of the same sentence are people too (a cast list: role, then actor); the name is
        theirs wherever it recurs."""
        tokens, text = article.tokens, article.text
        groups: list[tuple[int, int]] = []  # token ranges filling a pair of brackets after a capitalised word
        for index, token in enumerate(tokens[1:], start=1):
            if text[token.start - 1 : token.start] != "(" or not tokens[index - 1].capitalised:
                continue
            end = index + 1
            while end < len(tokens) and end - index < 4 and _NAME_GAP.fullmatch(text, tokens[end - 1].end, tokens[end].start):
                end += 1
            if text[tokens[end - 1].end : tokens[end - 1].end + 1] == ")":
                groups.append((index, end))
        people = [g for g in groups if (m := article.covering(g[0])) is not None and m.type == "PER"
                  and (m.first, m.last) == g]
        for first, last in groups:
            words = tokens[first:last]
            if article.matches_within(first, last) or not 2 <= len(words) <= 3:
                continue
            if not all(self._name_like(word) for word in words):
                continue
            if not any(self._same_sentence(article, first, other) for other, _ in people):
                continue
            keys = [word.key for word in words]
            self._claim_all(article, keys, len(keys), _Match(0, 0, None, "PER", slugify(article.surface(first, last))))

    @staticmethod
    def _same_sentence(article: _Article, first: int, other: int) -> bool:
        low, high = sorted((first, other))
        if high - low > 40:
            return False
        return not any(index in article.sentence_initial for index in range(low + 1, high + 1))

    def _bracketed_short_form(self, article: _Article, index: int) -> list[str] | None:
        """Word keys of a short form of one or two capitalised words filling brackets that open at token `index`."""
        tokens, text = article.tokens, article.text
        short: list[str] = []
        position = index
        while position < len(tokens) and len(short) < 2 and tokens[position].text.isupper():
            short.append(tokens[position].key)
            position += 1
            if text[tokens[position - 1].end : tokens[position - 1].end + 1] == ")":
                return short if all(2 <= len(key) <= 6 for key in short) else None
        return None

    def _spelled_run(self, article: _Article, index: int, short: list[str]) -> int | None:
        """The first token of the longest run of capitalised words right before token `index` that `short` spells:
        each short word is one of the words or the initials of the next ones."""
        tokens, text = article.tokens, article.text
        if text[tokens[index - 1].end : tokens[index].start].strip() != "(":
            return None
        first = index - 1
        while first > 0 and tokens[first - 1].capitalised and _NAME_GAP.fullmatch(
            text, tokens[first - 1].end, tokens[first].start
        ):
            first -= 1
        for start in range(first, index - 1):
            if _spells(short, [token.key for token in tokens[start:index]]):
                return start
        return None

    def _claim_all(
        self, article: _Article, keys: list[str], size: int, template: _Match, capitalised: bool = True
    ) -> None:
        """Every place where the words `keys` occur (as capitalised words unless `capitalised` is False), not inside a
        longer known name, becomes a mention of `template`'s entity."""
        tokens = article.tokens
        for start in range(len(tokens) - size + 1):
            if tokens[start].key != keys[0] or (capitalised and not tokens[start].capitalised):
                continue
            if [token.key for token in tokens[start : start + size]] != keys:
                continue
            inside = article.matches_within(start, start + size)
            if any(m.first < start or m.last > start + size for m in inside):
                continue
            for match in inside:
                article.remove(match)
            article.add(_Match(start, start + size, template.entry, template.type, template.local_key))

    def _bracketed_acronyms(self, article: _Article) -> None:
        """'PT Mulia Raymond Perkasa (MRP)': capitals in brackets right after a name, spelling its initials, are
        that name's short form even where the tagger did not mark them."""
        tokens, text = article.tokens, article.text
        for index, token in enumerate(tokens):
            word = token.text
            if index == 0 or article.covering(index) is not None or not (2 <= len(word) <= 6 and word.isupper()):
                continue
            if text[token.start - 1 : token.start] != "(" or text[token.end : token.end + 1] != ")":
                continue
            before = article.covering(index - 1)
            if before is None or text[tokens[index - 1].end : token.start - 1].strip():
                continue
            keys = [t.key for t in tokens[before.first : before.last] if t.key not in ("pt", "cv", "persero")]
            if _is_acronym([token.key], keys, self.particles):
                article.add(_Match(index, index + 1, before.entry, before.type, before.local_key))

    def _stock_tickers(self, article: _Article) -> None:
        """'PT Fast Food Indonesia Tbk (FAST)', 'PT Garuda Indonesia (Persero) Tbk (GIAA)': capitals in brackets
        right after a listed company's legal form are its stock code, a name of that company wherever it recurs."""
        tokens, text = article.tokens, article.text
        for index, token in enumerate(tokens):
            word = token.text
            if index < 2 or not (3 <= len(word) <= 5 and word.isalpha() and word.isupper()):
                continue
            if text[token.start - 1 : token.start] != "(" or text[token.end : token.end + 1] != ")":
                continue
            position, closed = index - 1, False
            while position > 0 and (tokens[position].key in self.legal_forms or tokens[position].key == "persero"):
                if text[tokens[position].end : tokens[position + 1].start].strip(" .()\u00a0") or (
                    position + 1 < index and text[tokens[position].end : tokens[position + 1].start].count("(") > 1
                ):
                    break
                closed = closed or tokens[position].key in self.legal_forms
                position -= 1
            company = article.covering(position)
            if not closed or company is None or company.type != "ORG" or company.first == index:
                continue
            bare = {"pt", "cv", "persero"} | self.legal_forms
            if all(token.key in bare for token in tokens[company.first : company.last]):
                continue  # "PT, Tbk (LPKR)": scraping lost the company's name
            ticker = article.covering(index)
            if ticker is None:
                article.add(_Match(index, index + 1, company.entry, company.type, company.local_key))
                continue
            if ticker is company or ticker.last - ticker.first != 1:
                continue
            code = _identity(ticker)
            for match in article.matches:
                if _identity(match) == code:
                    match.entry, match.type, match.local_key = company.entry, company.type, company.local_key

    def _titled_name_pieces(self, article: _Article) -> None:
        """'Bareskrim Polri Brigjen Eko Hadi Santoso': where the tagger ran a body's span on past a rank, the name
        word after the rank and the person after it are one person."""
        tokens, text = article.tokens, article.text
        for piece in sorted(article.matches, key=lambda m: m.first):
            if piece.entry is not None or piece.type == "PER" or piece.first == 0 or piece.last - piece.first > 2:
                continue
            if tokens[piece.first - 1].key not in self.person_titles:
                continue
            if not all(self._name_like(token) for token in tokens[piece.first : piece.last]):
                continue
            if piece.type == "LOC" and tuple(t.key for t in tokens[piece.first : piece.last]) in article.places:
                continue  # "Bupati Indramayu Lucky Hakim": a place the article names as one ("Pemkab Indramayu")
            person = article.covering(piece.last) if piece.last < len(tokens) else None
            if person is None or person.type != "PER" or person.entry is not None or person.first != piece.last:
                continue
            if not _NAME_GAP.fullmatch(text, tokens[piece.last - 1].end, tokens[piece.last].start):
                continue
            if person.last - piece.first > 4:
                continue
            article.remove(piece)
            article.remove(person)
            whole = _Match(piece.first, person.last, None, "PER", slugify(article.surface(piece.first, person.last)))
            for match in article.matches:  # short forms already given to the person ("Hadi")
                if _identity(match) == _identity(person):
                    match.local_key = whole.local_key
            article.add(whole)

    def _given_name_titles(self, article: _Article) -> None:
        """'Putri Zulkifli Hasan', 'Putri Maya Rumanti': a title that is also a given name, capitalised right before
        an Indonesian person's name, opens that name; the knowledge base's "Zulkifli Hasan" is another person. Alone,
        the word is then that person's short form ("ujar Putri")."""
        tokens, text = article.tokens, article.text
        named: dict[str, _Match] = {}
        for match in sorted(article.matches, key=lambda m: m.first):
            before = match.first - 1
            if match.type != "PER" or before < 0 or (match.entry is not None and match.entry.country != "IDN"):
                continue
            word = tokens[before]
            if word.key not in self.given_name_titles or not word.capitalised or article.covering(before) is not None:
                continue
            if not _NAME_GAP.fullmatch(text, word.end, tokens[match.first].start):
                continue
            whole = _Match(before, match.last, None, "PER", slugify(article.surface(before, match.last)))
            if match.entry is None:  # a local name's short forms ("Maya") are the longer name's
                for other in article.matches:
                    if _identity(other) == _identity(match):
                        other.local_key = whole.local_key
            article.remove(match)
            article.add(whole)
            named.setdefault(word.key, whole)
        for index, token in enumerate(tokens):
            person = named.get(token.key)
            if person is None or not token.capitalised or article.covering(index) is not None:
                continue
            if index + 1 < len(tokens) and tokens[index + 1].capitalised and _NAME_GAP.fullmatch(
                text, token.end, tokens[index + 1].start
            ):
                continue  # "Putri Ariani": another name
            article.add(_Match(index, index + 1, None, "PER", person.local_key))

    def _initials_named(self, article: _Article) -> None:
        """'dengan inisial ESS', 'pria berinisial AS': capitals after "(ber)inisial" are a person's initials."""
        tokens = article.tokens
        for match in article.matches:
            if match.entry is not None or match.type == "PER" or match.first == 0 or match.last - match.first != 1:
                continue
            if tokens[match.first - 1].key in ("inisial", "berinisial") and tokens[match.first].text.isupper():
                match.type = "PER"

    def _drop_quoted_titles(self, article: _Article) -> None:
        """'Girls Will Be Girls', "Locked N Loaded": capitalised words that fill a pair of quotes are the title of a
        song, film or book, not a name; a local name met so anywhere in the article is dropped."""
        tokens, text = article.tokens, article.text
        titles: set[str] = set()
        for match in article.matches:
            if match.entry is not None or match.last - match.first < 2:
                continue
            start, end = tokens[match.first].start, tokens[match.last - 1].end
            opening, closing = text[start - 1 : start], text[end : end + 1]
            if opening and closing and _QUOTE_PAIRS.get(opening) == closing:
                titles.add(_identity(match))
        for match in [match for match in article.matches if _identity(match) in titles]:
            article.remove(match)

    def _spelled_out_before(self, article: _Article, match: _Match) -> bool:
        """'Minerba One Data Indonesia (Modi)': the word in brackets is the initials of the words just before it."""
        token = article.tokens[match.first]
        text = article.text
        if match.last - match.first != 1 or text[token.start - 1 : token.start] != "(" or match.first < 2:
            return False
        key = token.key
        words: list[str] = []
        position = match.first - 1
        while position >= 0 and len(words) < len(key) and article.tokens[position].capitalised:
            words.insert(0, article.tokens[position].key)
            position -= 1
        return len(words) >= 2 and "".join(word[0] for word in words[-len(key) :]) == key

    def _is_entity(self, article: _Article, match: _Match) -> bool:
        """Not Indonesian online outlets (credits), names glued to a web domain, or kinds of things ("DPO", "IUP")."""
        entry = match.entry
        if entry is not None:
            if entry.type == "PER" and self._spelled_out_before(article, match):
                return False  # an acronym defined in the text, not the person the KB knows by that word
            return entry.id not in self._credit_outlets and self._supported(article, match)
        tokens = article.tokens[match.first : match.last]
        if _DOMAIN_AFTER.match(article.text, tokens[-1].end) or article.text[tokens[0].start - 1 : tokens[0].start] == "@":
            return False
        if match.type == "PER" and self.non_name.match(tokens[0].key):
            return False  # "Keimigrasian Kanim": a derived noun opens no person's name
        if match.type == "ORG" and any(token.key in self.instrument_words for token in tokens):
            return False  # "International Convention on ...": a law or treaty, not an organisation
        if match.type == "PER" and any(ch.isdigit() for token in tokens for ch in token.text):
            return False  # "Mini Cooper S Countryman F60", "B53": models and codes, no one's name
        if len(tokens) == 2 and tokens[0].key in self.org_heads and tokens[1].key in self.person_titles:
            return False  # "Kantor Gubernur", "Rumah Dinas": an office's building, named by no name of its own
        return not all(token.key in self.generic or token.key.isdigit() or len(token.key) == 1 for token in tokens)

    def _drop_untitled_single_names(self, article: _Article) -> None:
        """People the KB knows by one word only (Sunarto, Sugiono, Muhidin) are common Indonesian names: linked only
        when one of their mentions in the article follows a title ("Menlu Sugiono", "Ketua MA Sunarto")."""
        single: dict[str, list[_Match]] = {}
        for match in article.matches:
            entry = match.entry
            if entry is not None and entry.type == "PER" and " " not in entry.name and match.last - match.first == 1:
                single.setdefault(entry.id, []).append(match)
        for entity_id, matches in single.items():
            others = [m for m in article.matches if m.entry is not None and m.entry.id == entity_id]
            if len(others) == len(matches) and not any(self._titled(article, m.first) for m in matches):
                for match in matches:
                    article.remove(match)

    def _titled(self, article: _Article, index: int) -> bool:
        """'Menko PMK Pratikno', and the appositive 'Menteri Koordinator ... (Menko PMK), Pratikno' / 'Menteri Luar
        Negeri, Sugiono': a title right before the name, or a role phrase closed by a comma before it."""
        if self._after_person_title(article, index):
            return True
        tokens, text = article.tokens, article.text
        if index == 0:
            return False
        between = text[tokens[index - 1].end : tokens[index].start].strip()
        if between not in (",", "),"):
            return False
        position = index - 1
        if between == "),":  # the role's short form in brackets: "(Menko PMK),"
            opening = text.rfind("(", 0, tokens[position].start)
            if opening < 0 or "\n" in text[opening : tokens[index].start]:
                return False
            inside = [token for token in tokens[max(0, index - 6) : index] if token.start > opening]
            return any(token.key in self.person_titles for token in inside)
        return self._after_person_title(article, position + 1) or tokens[position].key in self.person_titles

    def _supported(self, article: _Article, match: _Match) -> bool:
        """A foreign person met only by one word ("Modi") needs a title before it, or something foreign elsewhere in
        the article (their full name, or any place, body or person of another country): "Modi" in a story about
        Indonesian mining permits is a database, not India's prime minister."""
        entry = match.entry
        if entry is None or entry.type != "PER" or entry.country in (None, "IDN") or match.last - match.first > 1:
            return True
        if self._after_person_title(article, match.first):
            return True
        return any(
            other.entry is not None
            and other is not match
            and (other.entry.id != entry.id or other.last - other.first > 1)
            and other.entry.country not in (None, "IDN")
            for other in article.matches
        )

    def _expansions_before_acronyms(self, article: _Article) -> None:
        """'kelompok kriminal bersenjata (KKB)': the words right before a bracketed acronym that spell its initials,
        in lower case or not, are a mention of the acronym's entity."""
        tokens, text = article.tokens, article.text
        for match in list(article.matches):
            token = tokens[match.first]
            if match.last - match.first != 1 or not (2 <= len(token.text) <= 6 and token.text.isupper()):
                continue
            if text[token.start - 1 : token.start] != "(" or text[token.end : token.end + 1] != ")":
                continue
            for size in range(2, len(token.text) + 3):
                first = match.first - size
                if first < 0 or text[tokens[match.first - 1].end : token.start - 1].strip():
                    break
                if not text[tokens[first].end : tokens[first + 1].start].isspace():
                    break  # words of one phrase, spaces between them
                if article.covering(first) is not None or not tokens[first].text.isalpha():
                    break
                keys = [t.key for t in tokens[first : match.first]]
                if keys[0] not in self.particles and _is_acronym([token.key], keys, self.particles):
                    article.add(_Match(first, match.first, match.entry, match.type, match.local_key))
                    break

    def _alias_names(self, article: _Article) -> None:
        """'Jaksa Agung Muda ... (Jamdatun) alias Jaksa Pengacara Negara (JPN)', 'Budi alias Bodong': the name after
        "alias" is another name of the one before it, and so is its acronym wherever it recurs."""
        tokens, text = article.tokens, article.text
        for index, token in enumerate(tokens):
            if token.text != "alias" or index == 0 or index + 1 >= len(tokens) or not tokens[index + 1].capitalised:
                continue
            position = index - 1
            if text[tokens[position].end : token.start].strip() == ")":  # "(Jamdatun) alias": the name before it
                while position > 0 and text[tokens[position].start - 1 : tokens[position].start] != "(":
                    position -= 1
                position -= 1
            named = article.covering(position) if position >= 0 else None
            end = index + 2
            while end < len(tokens) and end - index <= 6 and tokens[end].capitalised and _NAME_GAP.fullmatch(
                text, tokens[end - 1].end, tokens[end].start
            ):
                end += 1
            inside = article.matches_within(index + 1, end)
            if named is None or any(m.first < index + 1 or m.last > end for m in inside):
                continue
            others = {_identity(m) for m in inside}
            after = article.covering(end) if end < len(tokens) and text[tokens[end].start - 1] == "(" else None
            if after is not None and after.last - after.first == 1:
                others.add(_identity(after))  # "... Negara (JPN)", and "JPN" alone later
            for match in inside:
                article.remove(match)
            article.add(_Match(index + 1, end, named.entry, named.type, named.local_key))
            others.discard(_identity(named))
            if any(other.startswith("local:") is False for other in others):
                continue  # a name the knowledge base knows is not renamed
            for match in article.matches:
                if _identity(match) in others:
                    match.entry, match.type, match.local_key = named.entry, named.type, named.local_key

    def _offices_of_one_place(self, article: _Article) -> None:
        """'KJRI LA' / 'KJRI Los Angeles' / 'KBRI LA', 'Polres Jakpus' / 'Polres Jakarta Pusat': one head noun and
        the same place, however it is written, are one office (missions abroad are one, whatever their kind)."""
        first_of: dict[tuple[str, str], _Match] = {}
        for match in sorted(article.matches, key=lambda m: m.first):
            if match.entry is not None or match.type != "ORG" or match.last - match.first < 2:
                continue
            keys = [token.key for token in article.tokens[match.first : match.last]]
            if keys[0] not in self.org_heads:
                continue
            places = [entry for _, entry in self._aliases.get(tuple(keys[1:]), []) if entry.type == "LOC"]
            if not places:
                continue
            head = "mission" if keys[0] in self.mission_heads else keys[0]
            office = first_of.setdefault((head, places[0].id), match)
            if office is not match and _identity(office) != _identity(match):
                old = _identity(match)
                for other in article.matches:
                    if _identity(other) == old:
                        other.local_key = office.local_key

    def _general_into_particular(self, article: _Article) -> None:
        """'Garda Nasional' in an article about 'Garda Nasional California': a body the knowledge base knows, named
        alone where the article names its unit of one place of the same country, is that unit."""
        longest: dict[str, list[str]] = {}
        for match in article.matches:
            if match.entry is not None and match.entry.type == "ORG":
                keys = [token.key for token in article.tokens[match.first : match.last]]
                if len(keys) > len(longest.get(match.entry.id, [])):
                    longest[match.entry.id] = keys
        moves: dict[str, KBEntry] = {}
        for general, keys in longest.items():
            for particular, other in longest.items():
                tail = tuple(other[len(keys) :])
                if particular == general or other[: len(keys)] != keys or not 1 <= len(tail) <= 2:
                    continue
                places = [e for _, e in self._aliases.get(tail, []) if e.type == "LOC" and not e.id.startswith("country:")]
                unit, body = self.kb.get(particular), self.kb.get(general)
                if places and unit is not None and body is not None and body.country in (None, unit.country):
                    moves[general] = unit
        for match in article.matches:
            if match.entry is not None and match.entry.id in moves:
                match.entry = moves[match.entry.id]

    def _merge_variants(self, article: _Article) -> None:
        """Local names that are another name of the article in short: its acronym ("UBL" for Universitas Bandar
        Lampung, "SG" for Suryadi Gunawan), a part of it ("PT Gag", "Gag Nikel" for PT Gag Nikel), or a one-letter
        misspelling of a person's full name ("Ernest Prakarsa")."""
        self._one_type_per_name(article)
        self._offices_of_one_place(article)
        self._general_into_particular(article)
        for match in article.matches:
            if match.entry is None and match.type != "LOC" and article.tokens[match.last - 1].key in self.place_ends:
                match.type = "LOC"  # "Garment District", "Orange County": a place, whatever the tagger said
        groups: dict[str, list[_Match]] = {}
        for match in sorted(article.matches, key=lambda m: m.first):
            groups.setdefault(_identity(match), []).append(match)
        names = {identity: self._name_keys(article, matches) for identity, matches in groups.items()}
        for identity, matches in list(groups.items()):
            head = matches[0]
            if head.entry is not None or _identity(head) != identity:
                continue  # known to the knowledge base, or already merged into another name
            target = self._variant_of(identity, head, names, groups)
            if target is None and head.type == "ORG":
                target = self._undesignated_alias_of(names[identity], groups)
            if target is None:
                continue
            for match in matches:
                match.entry, match.type, match.local_key = target.entry, target.type, target.local_key
            groups[_identity(target)].extend(matches)

    def _undesignated_alias_of(self, keys: list[str], groups: dict[str, list[_Match]]) -> _Match | None:
        """'Kementerian Luar Negeri' in an article that links Kemlu RI: a body's name without the country that
        closes one of its aliases ("... RI", "... Indonesia") is that body when the article names it."""
        found: dict[str, _Match] = {}
        for matches in groups.values():
            entry = matches[0].entry
            if entry is None or entry.type != "ORG" or entry.country is None:
                continue
            country = self.kb.get(f"country:{entry.country}")
            designators = {normalize(s) for s in country.surfaces} if country is not None else set()
            if entry.country == "IDN":
                designators |= {"ri", "republik indonesia", "nkri"}
            for surface in entry.surfaces:
                alias = normalize(surface).split()
                for size in (1, 2, 3):
                    if len(alias) > size + 1 and " ".join(alias[-size:]) in designators and alias[:-size] == keys:
                        found[entry.id] = matches[0]
        return next(iter(found.values())) if len(found) == 1 else None

    @staticmethod
    def _one_type_per_name(article: _Article) -> None:
        """One local name is one entity: the type most of its mentions got (the first mention's on a tie)."""
        types: dict[str, list[str]] = {}
        for match in sorted(article.matches, key=lambda m: m.first):
            if match.entry is None:
                types.setdefault(match.local_key, []).append(match.type)
        for match in article.matches:
            if match.entry is None and len(set(types[match.local_key])) > 1:
                found = types[match.local_key]
                match.type = max(dict.fromkeys(found), key=found.count)

    def _is_variant(self, keys: list[str], other_keys: list[str], head: _Match, target: _Match, fewer: bool) -> bool:
        """Is the name `keys` (first met at `head`) another form of `other_keys` (first met at `target`)?"""
        # (an acronym is one word: the second list is only built for one)
        if len(keys) == 1 and (_is_acronym(keys, other_keys, self.particles) or _is_acronym(
            keys, [key for key in other_keys if key not in self.legal_forms and key not in ("pt", "cv", "persero")], self.particles
        )):
            return head.type == target.type or len(keys[0]) <= 3  # "SG" tagged ORG is Suryadi Gunawan's initials
        if head.type != target.type:
            # "Gag" tagged a person beside PT Gag Nikel: one word of an organisation or place named before it
            return (
                head.type == "PER"
                and target.type in ("ORG", "LOC")
                and len(keys) == 1
                and target.first < head.first
                and keys[0] not in self.generic
                and keys[0] not in self.org_heads
                and _is_part(keys, other_keys)
            )
        if head.type in ("ORG", "LOC"):  # "PT Gag" / PT Gag Nikel; "Korea" / Korea Selatan; "Komisi IX" / ... DPR
            if self._institution_of(keys, other_keys):
                return False
            named = [key for key in keys if key not in self.generic]
            other_named = [key for key in other_keys if key not in self.generic]
            if not set(named) - self.org_heads:
                return False
            shorter = len(keys) < len(other_keys)
            if _names_part(named, other_named, shorter):
                return True
            # unit numbers may be left out too: "Pengadilan Militer Palembang" / Pengadilan Militer I-04 Palembang
            unnumbered = [key for key in named if not _numbering(key)]
            return _names_part(unnumbered, [key for key in other_named if not _numbering(key)], shorter)
        if head.type == "PER" and len(keys) >= 2 and len(other_keys) == len(keys) and (fewer or target.first < head.first):
            joined = " ".join(keys)
            return len(joined) >= 8 and OSA.distance(joined, " ".join(other_keys)) <= 1
        return False

    def _institution_of(self, keys: list[str], other_keys: list[str]) -> bool:
        """'SMK Muhammadiyah Jepara', 'RS PKU Muhammadiyah': a school or hospital head before the whole name of a body
        is that body's institution, not another form of the body's name (but "Bank Mandiri" is "Mandiri")."""
        extra = len(other_keys) - len(keys)
        return (
            extra > 0
            and other_keys[extra:] == keys
            and keys[0] not in self.org_heads
            and all(key in self.institution_heads for key in other_keys[:extra])
        )

    def _name_keys(self, article: _Article, matches: list[_Match]) -> list[str]:
        """The longest written form of an entity, as word keys."""
        longest = max(matches, key=lambda m: (m.last - m.first, -m.first))
        return [token.key for token in article.tokens[longest.first : longest.last]]

    def _variant_of(
        self, identity: str, head: _Match, names: dict[str, list[str]], groups: dict[str, list[_Match]]
    ) -> _Match | None:
        keys = names[identity]
        if not keys:
            return None
        found: list[_Match] = []
        for other, other_keys in names.items():
            target = groups[other][0]
            if other == identity or _identity(target) in (identity, _identity(head)):
                continue
            if self._is_variant(keys, other_keys, head, target, len(groups[identity]) < len(groups[other])):
                found.append(target)
        targets = {_identity(target): target for target in found}
        return next(iter(targets.values())) if len(targets) == 1 else None


_ROMAN_NUMBER = re.compile(r"[ivx]{1,4}")


def _numbering(key: str) -> bool:
    """A unit number inside a name: "04", "I", "IV" ("Pengadilan Militer I-04 Palembang")."""
    return key.isdigit() or _ROMAN_NUMBER.fullmatch(key) is not None


def _clipped(form: str, key: str) -> bool:
    """Is `key` the name `form` with one or two letters cut off its start or end?"""
    return 0 < len(form) - len(key) <= 2 and (form.startswith(key) or form.endswith(key))


def _identity(match: _Match) -> str:
    return match.entry.id if match.entry is not None else f"local:{match.type}:{match.local_key}"


_NOT_INITIALLED = frozenset({"dan", "and", "of", "on", "the", "for", "untuk", "di", "ke", "dari"})


def _is_acronym(keys: list[str], other: list[str], particles: frozenset[str]) -> bool:
    """Is the one word `keys` the initials of the name `other` ("ubl" / universitas bandar lampung)?"""
    if len(keys) != 1 or not 2 <= len(keys[0]) <= 6 or len(other) < 2:
        return False
    initials = "".join(word[0] for word in other if word not in particles and word not in _NOT_INITIALLED)
    return keys[0] == initials


def _spells(short: list[str], words: list[str]) -> bool:
    """Does the short form `short` spell out `words` in order: each short word either one of the words ("pln") or the
    initials of as many of the next words as it has letters ("ip" / indonesia power)?"""
    if not short:
        return not words
    head, rest = short[0], short[1:]
    if words and words[0] == head and _spells(rest, words[1:]):
        return True
    size = len(head)
    return (
        len(words) >= size >= 2
        and "".join(word[0] for word in words[:size]) == head
        and _spells(rest, words[size:])
    )


def _names_part(part: list[str], whole: list[str], shorter: bool) -> bool:
    """Is `part` a part of the name `whole`, or all of it written in fewer words (`shorter`)?"""
    return bool(part) and (part == whole and shorter or _is_part(part, whole))


def _is_part(keys: list[str], other: list[str]) -> bool:
    """Are `keys` a run of words inside the longer name `other` ("gag nikel" in "gag nikel", "gag")?"""
    size = len(keys)
    return size < len(other) and any(other[i : i + size] == keys for i in range(len(other) - size + 1))


def _capital_pieces(word: str) -> tuple[str, ...]:
    """A capitalised word split where a capital starts a new word inside it ("KoreaSelatan", "RIJudha")."""
    if len(word) < 5 or not word[0].isupper():
        return (word,)
    return tuple(piece for piece in _GLUED_CAPITAL.split(word) if piece)


def mask_boilerplate(text: str) -> str:
    """`text` with related-headline, promo and credit lines and outlet datelines blanked (same length and offsets).

    Blanks are newlines, so no name can run across a blanked stretch.
    """
    if _CASE_UNSAFE.search(text) is None:
        lowered = text.lower()
        phrases, related = _PROMO_PHRASE.finditer(lowered), _RELATED.finditer(lowered)
    else:
        phrases, related = _PROMO_PHRASE_ANY_CASE.finditer(text), _RELATED_ANY_CASE.finditer(text)
    spans = [(text.rfind("\n", 0, found.start()) + 1, _line_end(text, found.end())) for found in phrases]
    for pattern in (_PROMO_LINE, _DATELINE):
        spans.extend(match.span() for match in pattern.finditer(text))
    for match in related:
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not match.group(1) and text[line_start : match.start()].strip(" \t("):
            continue  # "kita lihat juga bahwa ...": inside a sentence, without a colon
        line_end = _line_end(text, match.end())
        if not text[match.end() : line_end].strip():  # a bare "Baca juga:": the headline is the next line
            headline = _skip_blank(text, line_end)
            line_end = _line_end(text, headline)
        else:
            headline = match.end()
        spans.append((match.start(), _headline_end(text, headline, line_end)))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = "\n"
    return "".join(chars)


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position] in "\n \t":
        position += 1
    return position


def _headline_end(text: str, start: int, end: int) -> int:
    """Where a title-case headline starting at `start` ends: before the sentence whose second and third words are
    lower case ("... Naik Drastis Jadi Rp1,5 Triliun Lalu siapa saja ..."), else at `end`. Numbers are not lower
    case ("Awards 2025 dan Bagaimana" is still the headline)."""
    words = list(_WORD.finditer(text, start, end))
    for index in range(1, len(words) - 1):
        if all(_lower_word(words[i].group()) for i in (index, index + 1)):
            return words[index - 1].start()
    return end


def _lower_word(word: str) -> bool:
    first = word.lstrip("\"“'‘(")[:1]
    return first.islower()


def _slip(known: str, typed: str) -> bool:
    """Is `typed` the word `known`, or a one-letter slip of it? Short words ("I" / "XI") must match exactly."""
    if known == typed:
        return True
    return min(len(known), len(typed)) >= 4 and OSA.distance(known, typed) <= 1


def _sentence_initial(tokens: list[_Token], sentences: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the first token of every sentence (the first token of the text when no sentences are given)."""
    starts = [token.start for token in tokens]
    initial = {0} if tokens else set()
    for start, _ in sentences:
        index = bisect_right(starts, start - 1)
        if index < len(tokens):
            initial.add(index)
            if tokens[index].text.isdigit() and index + 1 < len(tokens):
                initial.add(index + 1)  # "2. Kemitraan ...": a numbered heading opens with the word after the number
    return initial


def _tagger_regions(
    tokens: list[_Token], spans: Iterable[TaggerSpan], glued: Callable[[_Token, _Token], bool]
) -> list[tuple[int, int, str]]:
    """Tagger character spans as token ranges (every token the span touches), cut where `glued` says scraping
    glued two names together."""
    starts = [token.start for token in tokens]
    regions = []
    for start, end, label in spans:
        if label not in _ENTITY_TYPES or end <= start:
            continue
        first = bisect_right(starts, start) - 1
        if first < 0 or tokens[first].end <= start:
            first += 1
        last = bisect_right(starts, end - 1)
        while last - first > 1 and tokens[last - 1].start == tokens[last - 2].end and tokens[last - 1].text[0].islower():
            last -= 1  # "Asalasiyahresmi": an ordinary word glued on after the name
        cuts = [index for index in range(first + 1, last) if glued(tokens[index - 1], tokens[index])]
        for begin, stop in zip([first, *cuts], [*cuts, last], strict=True):
            if begin < stop:  # "Blue Ivy CarterSportswoman": a span the tagger ran across scraper glue is two
                regions.append((begin, stop, label))
    return regions




def _entities(article: _Article) -> list[Entity]:
    entities: dict[str, Entity] = {}
    text, tokens = article.text, article.tokens
    for match in sorted(article.matches, key=lambda m: m.first):
        start, end = tokens[match.first].start, tokens[match.last - 1].end
        # Built without validation (`trusted`): offsets and strings come from this function, and constructing ~40
        # validated models an article was a tenth of the linking time.
        mention = trusted(Mention, {"start": start, "end": end, "text": text[start:end]})
        entry = match.entry
        key = entry.id if entry is not None else f"local:{match.type}:{match.local_key}"
        entity = entities.get(key)
        if entity is None:
            if entry is not None:
                values = {"id": key, "name": entry.name, "type": entry.type, "kb": True, "country": entry.country}
            else:
                values = {"id": key, "name": mention.text, "type": match.type, "kb": False, "country": None}
            entity = entities[key] = trusted(Entity, {**values, "mentions": []})
        entity.mentions.append(mention)
    for entity in entities.values():
        if not entity.kb:  # a local person first met by a short form is still named in full
            entity.name = max((m.text for m in entity.mentions), key=len)
    return list(entities.values())


@lru_cache(maxsize=1)
def default_linker() -> Linker:
    """The linker over the packaged knowledge base, built once per process."""
    return Linker(load_kb())


def link_entities(
    text: str,
    sentences: Sequence[tuple[int, int]] = (),
    tagger_spans: Iterable[TaggerSpan] | None = None,
) -> list[Entity]:
    """Entities in `text` linked to the packaged knowledge base (see `Linker.link`)."""
    return default_linker().link(text, sentences, tagger_spans)
