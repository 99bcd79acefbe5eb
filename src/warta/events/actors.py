"""Actors: which state (ISO alpha-3) and sector a mention in a sentence stands for.

Sources, most trusted first: the knowledge base entry of a linked entity (country, sector), the entity's own
`country`, our gazetteer (data/actors.tsv plus the Indonesian country names babel ships from CLDR), and the title
words written before a person's name ("Presiden China Xi Jinping", "diplomat China Yang Jiechi").
Countries, capitals and seats of government act as their government (GOV); other places are not actors.
"""

from __future__ import annotations

import bisect
import csv
import operator
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import compress, repeat

from warta.nlp.kb import load_kb
from warta.record import Article, Entity

TITLE_WINDOW = 40  # characters before a person's name searched for title words


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    country: str | None
    sector: str | None
    kind: str


_STATE_KINDS = frozenset({"country", "capital"})


@dataclass
class ActorMention:
    """One actor as written in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    text: str
    country: str | None
    sector: str | None
    entity_id: str | None = None
    name: str | None = None
    kind: str = "other"  # country | capital | institution | igo | person | org | pronoun
    members: list[ActorMention] = field(default_factory=list)

    def key(self) -> str:
        """What makes two actors different: their country when known, else their identity."""
        return self.country or self.entity_id or self.name or self.text

    def identity(self) -> str:
        """The entity itself, whatever its country."""
        return self.entity_id or self.name or self.text

    def same_as(self, other: ActorMention) -> bool:
        """Whether two mentions are one actor: the same entity, or a state and anything of that state ("Rusia" and
        Putin). Two named persons or bodies of one state are two actors (Newsom and Trump; KPK and a suspect), but a
        state's armed forces are the state's (military units act for it; they are not its counterpart)."""
        if self.key() != other.key():
            return False
        if self.identity() == other.identity() or self.country is None:
            return True
        return bool({self.kind, other.kind} & _STATE_KINDS or {self.sector, other.sector} & {"MIL"})


@lru_cache(maxsize=1)
def _babel_countries() -> dict[str, str]:
    """Indonesian country names (CLDR, via babel) -> ISO alpha-3."""
    from babel import Locale
    from babel.core import get_global

    alpha2_to_3: dict[str, str] = {}
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and len(targets) == 1:
            alpha2_to_3.setdefault(targets[0], code)
    names = {}
    for code, name in Locale("id").territories.items():
        if len(code) == 2 and code in alpha2_to_3 and "(" not in name:
            names[name] = alpha2_to_3[code]
    return names


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, GazetteerEntry]:
    entries = {name: GazetteerEntry(name, code, "GOV", "country") for name, code in _babel_countries().items()}
    text = resources.files("warta.events").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        country = None if row["country"] == "-" else row["country"]
        entries[row["name"]] = GazetteerEntry(row["name"], country, row["sector"] or None, row["kind"])
    return entries


@lru_cache(maxsize=1)
def _gazetteer_pattern() -> re.Pattern[str]:
    names = sorted(gazetteer(), key=len, reverse=True)
    # Case-sensitive on purpose: "AS" (United States) is not the word "as".
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


@lru_cache(maxsize=1)
def _gazetteer_patterns_by_first_character() -> dict[str, re.Pattern[str]]:
    """`_gazetteer_pattern` split by the names' first character: at a given position only the names starting with
    the character there can match, and they are tried in the same order (a third of the alternation's cost)."""
    grouped: dict[str, list[str]] = {}
    for name in sorted(gazetteer(), key=len, reverse=True):
        grouped.setdefault(name[0], []).append(name)
    return {first: re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
            for first, names in grouped.items()}


@lru_cache(maxsize=1)
def _gazetteer_first_words() -> frozenset[str]:
    return frozenset(re.split(r"[\s-]", name)[0] for name in gazetteer())


# A capitalised word with no word character before it. The capital is matched first and the lookbehind checked
# after it (the same condition: "\w then this capital" does not end here), so the engine skips to capitals quickly.
_CAPITALISED = re.compile(r"[A-Z](?<![\w][A-Z])[\w'’.]*")


def _gazetteer_matches(sentence: str) -> list[re.Match[str]]:
    """Gazetteer names in the sentence. Every name starts with a capital, so the big alternation is only tried
    where a capitalised word that begins some name stands (much faster than scanning every position)."""
    patterns = _gazetteer_patterns_by_first_character()
    first_words = _gazetteer_first_words()
    matches: list[re.Match[str]] = []
    end = 0
    words = list(_CAPITALISED.finditer(sentence))
    # Most capitalised words begin no name: the test runs over all of them in C (map/compress), not in this loop.
    starting_a_name = map(first_words.__contains__, map(str.rstrip, map(re.Match.group, words), repeat(".")))
    for word in compress(words, starting_a_name):
        if word.start() < end:
            continue
        pattern = patterns.get(sentence[word.start()])
        match = pattern.match(sentence, word.start()) if pattern is not None else None
        if match:
            matches.append(match)
            end = match.end()
    return matches


# Scraped pages lose the spaces around links: "olehIsraeldi", "WargaPalestinadi", "siberUkrainabersama". A known
# name is cut out of such a word where lower case meets its capital, and where it ends in one of these short words.
_GLUE_BEFORE = re.compile(r"(?<=[a-z])[A-Z]")
_GLUE_WORDS = frozenset({"di", "ke", "dan", "yang", "untuk", "pada", "dari", "bersama", "terkait", "dalam", "atas",
                         "oleh", "telah", "akan", "juga", "sebagai", "dengan", "terhadap", "kepada", "serta", "itu"})
_GLUED_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}[a-z]+(?![\w-])")


def _glued_end(sentence: str, end: int) -> bool:
    """Whether a name may end at `end`: at a word's end, or where a short word glued onto it starts."""
    if end == len(sentence) or not (sentence[end].isalnum() or sentence[end] == "_"):
        return True
    tail = re.match(r"[a-z]+(?![\w])", sentence[end:end + 12])
    return tail is not None and tail.group(0) in _GLUE_WORDS


def _glued_gazetteer_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of gazetteer names glued to the words around them ("olehIsraeldi" -> "Israel"; "Medandi")."""
    gaz = gazetteer()
    by_first = _gazetteer_names_by_first_character()
    spans = []
    for capital in _GLUE_BEFORE.finditer(sentence):
        start = capital.start()
        for name in by_first.get(sentence[start], ()):
            if sentence.startswith(name, start) and _glued_end(sentence, start + len(name)):
                spans.append((start, start + len(name)))
                break
    for word in _GLUED_WORD.finditer(sentence):
        text = word.group(0)
        for k in range(len(text) - 2, 2, -1):
            if text[k:] in _GLUE_WORDS and text[:k] in gaz:
                spans.append((word.start(), word.start() + k))
                break
    return spans


@lru_cache(maxsize=1)
def _gazetteer_names_by_first_character() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for name in sorted(gazetteer(), key=len, reverse=True):
        grouped.setdefault(name[0], []).append(name)
    return {first: tuple(names) for first, names in grouped.items()}


@lru_cache(maxsize=1)
def sector_keywords() -> tuple[tuple[str, str], ...]:
    text = resources.files("warta.events").joinpath("data/sectors.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = [(row["keyword"], row["sector"]) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@lru_cache(maxsize=1)
def _sector_pattern() -> re.Pattern[str]:
    words = [re.escape(k) for k, _ in sector_keywords()]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _sector_table() -> dict[str, str]:
    # Built once: rebuilding it on every call was most of sector_in's cost.
    return dict(sector_keywords())


@lru_cache(maxsize=1)
def _sector_keywords_by_first_word() -> dict[str, tuple[str, ...]]:
    """Keywords (lower case) grouped by their first word, longest first as in `_sector_pattern`."""
    grouped: dict[str, list[str]] = {}
    for keyword, _ in sector_keywords():
        grouped.setdefault(keyword.split(" ")[0], []).append(keyword)
    return {word: tuple(keywords) for word, keywords in grouped.items()}


_ASCII_WORD = re.compile(r"[a-z0-9_]+")  # what \w matches in lower-cased ASCII text


def _sector_keywords_in(text: str) -> list[str]:
    r"""The keywords `_sector_pattern().finditer(text)` finds (lower case, in order), found word by word.

    The pattern is a case-insensitive alternation of ~90 phrases tried at every position (about 15 µs per title
    window, and it runs for every person mentioned); looking up each word's keywords in a dict gives the same
    matches several times faster. That equivalence holds for ASCII text, where lower() is exactly what
    IGNORECASE compares and \w is [A-Za-z0-9_]; other text (rare) goes to the pattern itself.
    """
    if not text.isascii():
        return [_keyword_of(m.group(0)) for m in _sector_pattern().finditer(text)]
    lowered = text.lower()
    by_first = _sector_keywords_by_first_word()
    found: list[str] = []
    resume = 0  # like finditer, the next match starts after the previous one
    for word in _ASCII_WORD.finditer(lowered):
        candidates = by_first.get(word.group(0))
        if candidates is None or word.start() < resume:
            continue
        start = word.start()
        for keyword in candidates:  # longest first, as the alternation tries them
            end = start + len(keyword)
            if lowered.startswith(keyword, start) and (end == len(lowered) or not _ASCII_WORD.match(lowered, end)):
                found.append(keyword)
                resume = end
                break
    return found


def _keyword_of(matched: str) -> str:
    """The keyword a case-insensitive match stands for. Usually its lower case; "PRESİDEN" lower-cases to
    "presi̇den" (dotted I becomes two characters), which the table does not hold, so compare as the pattern did."""
    lowered = matched.lower()
    if lowered in _sector_table():
        return lowered
    return next(k for k in _sector_table() if re.fullmatch(re.escape(k), matched, re.IGNORECASE))


def sector_in(text: str, last: bool = False) -> str | None:
    """The sector named by the longest (or, with last=True, the last) keyword in `text`."""
    keywords = _sector_keywords_in(text)
    if not keywords:
        return None
    table = _sector_table()
    if last:
        return table[keywords[-1]]
    return table[max(keywords, key=len)]


def _kb_field(entity_id: str, name: str) -> str | None:
    # the packaged KB ships with warta: a missing or broken one is an installation error, reported as such
    entry = load_kb().get(entity_id)
    value = getattr(entry, name, None) if entry is not None else None
    return value if isinstance(value, str) and value else None


@lru_cache(maxsize=16384)
def _entity_profile(entity_id: str, name: str, entity_type: str, entity_country: str | None, text: str
                    ) -> tuple[str | None, str | None, str] | None:
    """(country, sector, kind) of an entity mention, or None when it cannot act; cached, as entities recur."""
    gaz = gazetteer()
    entry = gaz.get(name) or gaz.get(text)
    country = _kb_field(entity_id, "country") or entity_country or (entry.country if entry else None)
    sector = _kb_field(entity_id, "sector")
    role = (_kb_field(entity_id, "role") or "").lower()
    if entity_type == "LOC":
        # Only states and their capitals act; other places are where things happen.
        is_state = entity_id.startswith("country:") or role in ("country", "capital", "state")
        if entry is None and not is_state:
            return None
        return country, sector or (entry.sector if entry else "GOV"), entry.kind if entry else "country"
    if entity_type == "ORG":
        if entry is not None and entry.kind in ("institution", "igo"):
            sector = sector or entry.sector
        return country, sector or sector_in(name) or sector_in(text), "org"
    return country, sector, "person"


def _entity_actor(entity: Entity, start: int, end: int, text: str) -> ActorMention | None:
    profile = _entity_profile(entity.id, entity.name, entity.type, entity.country, text)
    if profile is None:
        return None
    country, sector, kind = profile
    return ActorMention(start, end, text, country, sector, entity.id, entity.name, kind)


def speaker_actors(article: Article) -> list[tuple[int, int, ActorMention]]:
    """(start, end, speaker) of the article's attributed quotes (article offsets; the actor's own offsets are 0)."""
    by_id = {e.id: e for e in article.entities}
    out = []
    for quote in article.quotes:
        if not quote.speaker:
            continue
        entity = by_id.get(quote.speaker_id or "")
        actor = _entity_actor(entity, 0, 0, quote.speaker) if entity is not None else None
        if actor is None:
            actor = ActorMention(0, 0, quote.speaker, None, None, None, quote.speaker, "person")
        out.append((quote.start, quote.end, actor))
    return out


_START, _END = operator.itemgetter(0), operator.itemgetter(1)


def entity_mentions(article: Article) -> list[tuple[int, int, Entity]]:
    """Every entity mention of the article as (start, end, entity), sorted by start (computed once per article)."""
    index = [(m.start, m.end, e) for e in article.entities for m in e.mentions]
    # Sorted by (start, -end) in two stable passes with C-level keys: longest first, then by start (a reverse sort
    # keeps equal keys in their order, so ties stay as a single sort by (start, -end) leaves them).
    index.sort(key=_END, reverse=True)
    index.sort(key=_START)
    return index


def sentence_actors(article: Article, sentence_start: int, sentence: str,
                    mentions_index: list[tuple[int, int, Entity]] | None = None) -> list[ActorMention]:
    """Actor mentions in one sentence, merged into noun phrases ("Presiden China Xi Jinping" is one actor)."""
    sentence_end = sentence_start + len(sentence)
    index = entity_mentions(article) if mentions_index is None else mentions_index
    mentions: list[ActorMention] = []
    # (start,) sorts before every (start, end, entity) with that start, and no Entity is ever compared.
    for position in range(bisect.bisect_left(index, (sentence_start,)), len(index)):
        mention_start, mention_end, entity = index[position]
        if mention_start >= sentence_end:
            break
        if mention_end <= sentence_end:
            start, end = mention_start - sentence_start, mention_end - sentence_start
            actor = _entity_actor(entity, start, end, sentence[start:end])
            if actor is not None:
                mentions.append(actor)
    gaz = gazetteer()
    # The gazetteer also runs where entities exist: it finds what the tagger missed ("Moskow-Beijing") and,
    # nested in an organisation's name ("Dewan Keamanan Rusia"), lends that organisation its country.
    for start, end in [m.span() for m in _gazetteer_matches(sentence)] + _glued_gazetteer_spans(sentence):
        entry = gaz[sentence[start:end]]
        mentions.append(ActorMention(start, end, sentence[start:end], entry.country, entry.sector, None, entry.name,
                                     entry.kind))
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    # Drop mentions nested in a longer one ("Rusia" inside "Dewan Keamanan Rusia"), lending the country upward.
    outer: list[ActorMention] = []
    for mention in mentions:
        if outer and mention.start < outer[-1].end:
            if outer[-1].country is None and mention.country:
                outer[-1].country = mention.country
            continue
        outer.append(mention)
    return _merge_phrases(outer, sentence)


_JOIN = re.compile(r"^(?:[\s,()]{0,3}|[\s,]*\([A-Z][\w.]{0,7}\)[\s,]*)$")  # "Amerika Serikat (AS) Donald Trump" is one
_PERSON_KINDS = ("person", "org")
_SPOKESPERSON = re.compile(r"\b(?:juru\s+bicara|jubir)\s+$", re.IGNORECASE)


def _merge_phrases(mentions: list[ActorMention], sentence: str) -> list[ActorMention]:
    """Join "China" + "Xi Jinping" and "Cina, Wang Yi" into one actor; keep "Rusia dan China" apart."""
    merged: list[ActorMention] = []
    for mention in mentions:
        if merged:
            previous = merged[-1]
            gap = sentence[previous.end:mention.start]
            compatible = previous.country is None or mention.country is None or previous.country == mention.country
            # Only a country/capital/org followed by a person or organisation forms one phrase: "Rusia, China" is a list.
            head_follows = mention.kind in _PERSON_KINDS and previous.kind != "person"
            if gap.strip() == "(" and sentence[mention.end:mention.end + 1] == ")" and previous.key() == mention.key():
                # "Amerika Serikat (AS)": the bracketed short form is the same actor, not the next one.
                merged[-1] = replace(previous, end=mention.end + 1, text=sentence[previous.start:mention.end + 1])
                continue
            if _JOIN.match(gap) and compatible and head_follows and _SPOKESPERSON.search(
                    sentence, max(0, previous.start - 20), previous.start):
                # "Juru bicara TPNPB Sebby Sambom": a spokesperson speaks for the body, which is the actor.
                merged[-1] = replace(previous, end=mention.end, text=sentence[previous.start:mention.end],
                                                 members=[previous, mention])
                continue
            if _JOIN.match(gap) and compatible and head_follows:
                # The person's own sector (knowledge base, title) beats the country's GOV; see below.
                head = ActorMention(previous.start, mention.end, sentence[previous.start:mention.end],
                                    mention.country or previous.country, mention.sector,
                                    mention.entity_id or previous.entity_id, mention.name or previous.name,
                                    mention.kind, [previous, mention])
                merged[-1] = head
                continue
        merged.append(mention)
    for actor in merged:
        if actor.kind in _PERSON_KINDS:
            before = sentence[max(0, actor.start - TITLE_WINDOW):actor.start]
            # The title's sector counts only for a person without one (most have one from the knowledge base).
            if actor.kind == "person" and actor.sector is None:
                title_sector = sector_in(before, last=True)
                actor.sector = title_sector or (sector_in(actor.text) if actor.members else None)
            if actor.sector is None and actor.members:
                actor.sector = actor.members[0].sector  # "Presiden China Xi Jinping" with no other clue: GOV
            if actor.country is None and actor.kind == "person":
                actor.country = _country_in_title(before)
    return merged


_TITLE_TAIL = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})[\s,]*$")


def _country_in_title(before: str) -> str | None:
    """Country named right before a person: "... Menteri Luar Negeri Cina, " -> CHN."""
    match = _TITLE_TAIL.search(before)
    if not match:
        return None
    words = match.group(1)
    gaz = gazetteer()
    for size in range(len(words.split()), 0, -1):
        candidate = " ".join(words.split()[-size:])
        entry = gaz.get(candidate)
        if entry and entry.country:
            return entry.country
    return None


# Indonesian police bodies are named by rank of command and place: "Polres Buleleng", "Polresta Banyuwangi",
# "Polda Metro Jaya", "Polsek Medan Baru". Ranks and titles after the place start a person's name ("Polres Garut
# AKP Joko").
_POLICE_RANKS = ("AKBP", "AKP", "Kompol", "Iptu", "Ipda", "Aiptu", "Aipda", "Bripka", "Brigadir", "Briptu", "Bripda",
                 "Kombes", "Kombespol", "Brigjen", "Irjen", "Komjen", "Jenderal", "Kapolres", "Kapolsek", "Kapolda",
                 "Kasat", "Kanit", "Kasi", "Kabid", "Dir", "Unit", "Sat", "Tim")
_POLICE_BODY = re.compile(
    r"(?<![\w-])(?:Ka(?=pol))?(?P<kind>[Pp]ol(?:restabes|resta|res|da|sek))\s+(?P<place>(?:Metro\s+)?(?!(?:"
    + "|".join(_POLICE_RANKS) + r")\b)[A-Z][\w-]*(?:\s+(?!(?:" + "|".join(_POLICE_RANKS)
    + r")\b)[A-Z][a-z][\w-]*){0,2})")
_POLICE_WORD = re.compile(r"(?<![\w-])(?:Ka(?=pol))?(?P<kind>[Pp]ol(?:restabes|resta|res|da|sek))(?![\w-])")
POLICE_ROLE = "Polisi"  # the name markers.json gives the bare police role words ("polisi", "pihak kepolisian")


@lru_cache(maxsize=8)
def police_bodies(body: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, kind, name) of every police body the text names, in text order ("Polres Buleleng")."""
    found = [(m.start(), _kind(m), _body_name(m)) for m in _POLICE_BODY.finditer(body)]
    found += [(m.start(), "Bareskrim", "Bareskrim Polri") for m in _BARESKRIM.finditer(body)]
    return tuple(sorted(found))


_BARESKRIM = re.compile(r"(?<![\w-])Bareskrim(?![\w-])")  # the national police's criminal investigation agency


def _kind(match: re.Match[str]) -> str:
    return "P" + match.group("kind")[1:]


def _body_name(match: re.Match[str]) -> str:
    return f"{_kind(match)} {match.group('place')}"


def _nearest_body(bodies: tuple[tuple[int, str, str], ...], at: int, kind: str | None = None) -> str | None:
    """The police body named last before `at` (of `kind` when given), else the first one named after it."""
    fitting = [b for b in bodies if kind is None or b[1] == kind]
    before = [b for b in fitting if b[0] < at]
    chosen = before[-1] if before else (fitting[0] if fitting else None)
    return chosen[2] if chosen else None


def police_body_actors(body: str, sentence_start: int, sentence: str, actors: list[ActorMention]
                       ) -> list[ActorMention]:
    """Police roles and units coded as the police body the article names, as EVENTS.md names domestic agencies:
    the bare role ("polisi", "pihak kepolisian"; "petugas" opening a clause and acting) -> the body named last
    before it ("Polres Buleleng"); a unit or
    head of a body ("Sat Res Narkoba Polrestabes Medan", "Unit Reskrim Polsek Tebing", "Kapolsek") -> that body."""
    actors = [_prosecution_short(a) for a in actors]
    bodies = police_bodies(body)
    if not bodies:
        return actors
    out = _untagged_bodies(sentence, actors)
    for actor in actors + _police_staff(sentence, actors):
        name = None
        if actor.entity_id is None and actor.name == POLICE_ROLE:
            name = _nearest_body(bodies, sentence_start + actor.start)
        elif actor.entity_id is None or load_kb().get(actor.entity_id) is None:  # not a body the KB knows
            name = _unit_body(bodies, sentence_start, sentence, actor)
        if name is None or name == actor.name:
            out.append(actor)
            continue
        out.append(replace(actor, name=name, entity_id=None, country="IDN", sector="COP", kind="institution",
                           members=[]))
    return sorted(out, key=lambda a: a.start) if len(out) > len(actors) else out


def _police_staff(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    out = []
    for found in _POLICE_STAFF.finditer(sentence) if ("etugas" in sentence or "ersonel" in sentence) else ():
        start, end = found.span("staff")
        if not any(a.start < end and start < a.end for a in actors):
            out.append(ActorMention(start, end, found.group("staff"), None, None, None, POLICE_ROLE, "institution"))
    return out


# The prosecutors' offices an article names, by the short names the news and EVENTS.md use.
_PROSECUTION_BODY = re.compile(r"(?<![\w-])(?:(?P<agung>Kejaksaan\s+Agung|Kejagung)|(?P<short>Kejari|Kejati)\s+(?P<place>"
                               r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)|Kejaksaan\s+(?P<level>Negeri|Tinggi)\s+(?P<lplace>"
                               r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?))")
# "tim kejaksaan", "pihak kejaksaan": the bare role, lower-case, with no office named after it.
_PROSECUTION_ROLE = re.compile(r"(?<![\w-])(?:(?:tim|pihak)\s+)?kejaksaan(?![\w-])(?!\s+(?:[A-Z]|negeri|tinggi|agung))")


@lru_cache(maxsize=8)
def prosecution_bodies(body: str) -> tuple[tuple[int, str], ...]:
    """(offset, name) of every prosecutors' office the text names, in text order ("Kejari Bangkalan")."""
    out = []
    for m in _PROSECUTION_BODY.finditer(body):
        if m.group("agung"):
            name = "Kejaksaan Agung"
        elif m.group("short"):
            name = f"{m.group('short')} {m.group('place')}"
        else:
            name = f"{'Kejari' if m.group('level') == 'Negeri' else 'Kejati'} {m.group('lplace')}"
        out.append((m.start(), name))
    return tuple(out)


def prosecution_role_actors(body: str, sentence_start: int, sentence: str, actors: list[ActorMention]
                            ) -> list[ActorMention]:
    """The bare prosecution role ("salut dengan tim kejaksaan") as the prosecutors' office the article names (the
    last one before it, else the first after), as the police role is the police body."""
    if "kejaksaan" not in sentence:
        return actors
    bodies = prosecution_bodies(body)
    added = []
    for found in _PROSECUTION_ROLE.finditer(sentence) if bodies else ():
        if any(a.start < found.end() and found.start() < a.end for a in actors):
            continue
        at = sentence_start + found.start()
        before = [name for offset, name in bodies if offset < at]
        name = before[-1] if before else bodies[0][1]
        added.append(ActorMention(found.start(), found.end(), found.group(0), "IDN", "JUD", None, name, "institution"))
    return sorted(actors + added, key=lambda a: a.start) if added else actors


_PROSECUTION = re.compile(r"Kejaksaan\s+(?P<level>Negeri|Tinggi)\s+(?:\((?:Kejari|Kejati)\)\s+)?(?P<place>[A-Z][\w\s-]*)$")


def _prosecution_short(actor: ActorMention) -> ActorMention:
    """A prosecutors' office the KB does not know, by its short name as the news and EVENTS.md write it:
    "Kejaksaan Negeri Bireuen" -> "Kejari Bireuen", "Kejaksaan Tinggi Kepri" -> "Kejati Kepri"."""
    found = _PROSECUTION.match(actor.name or "") if (actor.name or "").startswith("Kejaksaan ") else None
    if found is None or (actor.entity_id is not None and load_kb().get(actor.entity_id) is not None):
        return actor
    short = "Kejari" if found.group("level") == "Negeri" else "Kejati"
    return replace(actor, name=f"{short} {found.group('place').strip()}", entity_id=None)


# Officers named by their function ("petugas berhasil menyita", "Personel kemudian menangkap") in an article about a
# police body's operation: the police role (resolved to the body like "polisi"), where they open a clause and act.
_POLICE_STAFF = re.compile(r"(?:^|[,;:.\"“]\s*|\b(?:dan|lalu|kemudian|namun)\s+)(?:[Pp]ara\s+)?(?P<staff>[Pp]etugas"
                           r"|[Pp]ersonel)(?=\s+(?:(?:kemudian|lalu|pun|langsung|berhasil|segera|juga|telah)\s+)?"
                           r"(?:me|ber|men|mem|meng)[a-z]+)")


_NAME_FOLLOWS = re.compile(r"[\s,]{1,3}[A-Z]")


def _untagged_bodies(sentence: str, actors: list[ActorMention]) -> list[ActorMention]:
    """Police bodies the tagger left out ("Saya minta Kapolres Lumajang mendampingi"); a head's title followed by
    a name is the named officer's, who acts ("Kapolres Garut AKP Joko")."""
    out = []
    for found in _POLICE_BODY.finditer(sentence) if "ol" in sentence else ():
        if any(a.start < found.end() and found.start() < a.end for a in actors):
            continue
        if found.group(0).startswith("Ka") and _NAME_FOLLOWS.match(sentence, found.end()):
            continue
        if re.search(r"(?<![\w-])(?:di|ke)\s+$", sentence[max(0, found.start() - 4):found.start()]):
            continue  # "diamankan di Polres Wamena": a place (see police_body_after)
        out.append(ActorMention(found.start(), found.end(), found.group(0), "IDN", "COP", None, _body_name(found),
                                "institution"))
    return out


def _unit_body(bodies: tuple[tuple[int, str, str], ...], sentence_start: int, sentence: str, actor: ActorMention
               ) -> str | None:
    """The body a police unit or head belongs to: "Reskrim Polresta" + "Banyuwangi" -> "Polresta Banyuwangi"."""
    word = _POLICE_WORD.search(actor.text)
    if word is None:
        return None
    named = _POLICE_BODY.match(sentence, actor.start + word.start())
    if actor.kind == "person":  # only a head named by office alone ("Kapolsek", "Kapolres Lumajang"), no holder
        covered = named.end() if named is not None else actor.start + word.end()
        if word.start() != 0 or not word.group(0).startswith("Ka") or actor.end > covered:
            return None
    if named is not None:
        return _body_name(named)
    return _nearest_body(bodies, sentence_start + actor.start, _kind(word))


# A police rank right before a name makes its bearer an officer: "AKP Sigit Barazili", "Kombes Pol. Jean Calvijn".
_RANKS = (r"(?<![\w-])(?:AKBP|AKP|Kompol|Iptu|Ipda|Aiptu|Aipda|Bripka|Brigadir|Briptu|Bripda|Kombes|Kombespol|Brigjen"
          r"|Irjen|Komjen)(?:\s+Pol\.?)?\s+")
_POLICE_RANK_BEFORE = re.compile(_RANKS + r"(?:[A-Z][\w.]*\s+){0,2}$")  # "AKP Putu Edy Sukaryawan" for "Edy ..."
_RANKED_NAME = re.compile(_RANKS + r"[A-Z]")  # a name tagged with its rank: "AKP Joko Prihatin"


@lru_cache(maxsize=256)
def officer_body(body: str, name: str) -> str | None:
    """The police body an officer or unit named in the text serves ("Kasat Reskrim Polres Way Kanan, AKP Sigit
    Barazili" -> Polres Way Kanan; "Kabidhumas Polda" + "Jatim" -> Polda Jatim): for a ranked mention, the body
    named last before it. None for anyone else."""
    bodies = police_bodies(body)
    if not bodies or not name:
        return None
    for found in re.finditer(re.escape(name), body):
        if _RANKED_NAME.match(name) or _POLICE_RANK_BEFORE.search(body, max(0, found.start() - 40), found.start()):
            return _nearest_body(bodies, found.start())
        word = _POLICE_WORD.search(name)  # a unit or head named for its body: "Kabidhumas Polda" (+ "Jatim")
        if word is not None:
            named = _POLICE_BODY.match(body, found.start() + word.start())
            return _body_name(named) if named is not None else _nearest_body(bodies, found.start(), _kind(word))
    return None


def police_body_after(sentence: str, start: int, window: int = 60) -> ActorMention | None:
    """The police body named within `window` characters after `start` ("diamankan di Polres Wamena"), as an actor."""
    found = _POLICE_BODY.search(sentence, start, min(len(sentence), start + window + 40))
    if found is None or found.start() > start + window:
        return None
    name = _body_name(found)
    return ActorMention(found.start(), found.end(), found.group(0), "IDN", "COP", None, name, "institution")
