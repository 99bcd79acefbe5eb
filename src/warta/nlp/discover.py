"""New knowledge-base entries proposed from a stored corpus (`warta kb discover`).

Two kinds of evidence, both read from what `warta analyze` stored:

- **people with their roles**: a person the knowledge base does not know, written after an office
  ("Menteri Luar Negeri Sugiono", "Gubernur Jawa Timur Khofifah Indar Parawansa", "Kapolda Papua Irjen ..."): the
  role is the run of capitalised words before the name that starts with a person title of the linker's word lists;
- **acronyms with their expansions**: capitals in brackets right after a run of capitalised words whose initials or
  first syllables spell them ("Badan Gizi Nasional (BGN)", "Badan Reserse Kriminal (Bareskrim)").

Names the knowledge base already knows, one-word names, kinds of things ("Aparatur Sipil Negara (ASN)") and
model or product codes are left out. Proposals are ranked by the number of articles that carry the evidence; each
keeps an example (article id and character offsets) for review.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from warta.nlp.kb import KnowledgeBase, normalize
from warta.nlp.link import default_linker
from warta.store import Store
from warta.store.queries import article_bodies, local_mentions_with_context

# Lower-case words that may sit inside a role or an expansion ("Menteri Koordinator Bidang Perekonomian",
# "Energi dan Sumber Daya Mineral").
CONNECTORS = frozenset({"dan", "bidang", "urusan", "untuk", "of", "the", "and", "for", "&", "di", "pada", "serta"})
# Ranks and forms of address written between an office and a name ("Kapolda Riau Irjen ...", "Pak ..."): not
# part of the role.
RANKS = frozenset(["irjen", "brigjen", "kombes", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigadir", "briptu", "bripda", "bharada", "jenderal", "jend", "letjen", "mayjen", "kolonel", "letkol", "mayor", "kapten", "lettu", "letda", "serka", "serma", "pelda", "peltu", "kopda", "praka", "pol", "purn", "laksamana", "laksma", "laksda", "laksdya", "marsekal", "marsma", "marsda", "marsdya", "dr", "drs", "ir", "prof", "profesor", "h", "hj", "kh", "pak", "bapak", "bu", "ibu", "ny", "nyonya", "tuan", "sdr", "saudara", "kak", "mas", "mbak"])
# Words that leave an office unfinished ("Ketua Umum [Kamar Dagang ...]", "Deputi Bidang [Koordinasi ...]").
_OPEN_ENDS = frozenset({"umum", "bidang", "harian", "pelaksana", "wakil", "jenderal", "utama"})
# Administrative heads that open a place, not a person ("Kabupaten Indramayu" taken for a name).
_ADMIN = frozenset({"kabupaten", "kota", "provinsi", "kecamatan", "kelurahan", "desa", "kampung", "distrik"})
# Police ranks written out in two words ("Inspektur Dua"): a rank, no office.
_LONG_RANKS = frozenset({"inspektur dua", "inspektur satu", "komisaris besar", "ajun komisaris", "ajun komisaris besar",
                         "brigadir jenderal", "inspektur jenderal", "komisaris jenderal"})
# Last words of the names of bodies that every region or village has ("Organisasi Perangkat Daerah", "Dana Desa").
_EVERY_REGION = frozenset({"daerah", "desa"})
_CLAUSE_END = re.compile(r"[,.;:!?\"“”‘’()\[\]\n]")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|dan|&|untuk|of|the|and|for|bidang|serta)"
_EXPANSION = re.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,10}})[ \t]*\(([A-Z][A-Za-z]{{1,9}})\)")


@dataclass
class Proposal:
    """One proposed entry: its name, type, the role or acronym the corpus gives it, and the evidence."""

    kind: str  # "person" (name with a role) or "acronym" (name with its short form)
    name: str
    type: str
    detail: str  # the most frequent role (people) or acronym (organisations)
    n_articles: int
    n_mentions: int
    example: str  # "article_id:start-end" of one piece of evidence
    variants: list[str] = field(default_factory=list)  # other roles or acronyms seen

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "type": self.type, "detail": self.detail,
                "n_articles": self.n_articles, "n_mentions": self.n_mentions, "example": self.example,
                "variants": self.variants}


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    return default_linker().person_titles


def role_before(before: str) -> str | None:
    """The office written right before a name: "... kata Menteri Luar Negeri " -> "Menteri Luar Negeri"."""
    clause = _CLAUSE_END.split(before)[-1]
    words = clause.split()
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or word in CONNECTORS:
            run.insert(0, word)
        else:
            break
    titles = _person_titles()
    joined = [at for at in range(len(run) - 1) if run[at] == "dan" and normalize(run[at + 1]) in titles]
    if joined:  # "Menteri Perdagangan Howard Lutnick dan Perwakilan Dagang AS": the last office is this name's
        run = run[joined[-1] + 1 :]
    for index, word in enumerate(run):
        if normalize(word) in titles:
            if normalize(word) in RANKS:
                return None  # "Kapten Polisi", "Jenderal Polisi": a rank, no office
            role = run[index:]
            ranked = [  # "Direktur Jenderal", "Sekretaris Jenderal": part of the office, not a rank
                at for at, part in enumerate(role) if at and normalize(part) in RANKS and normalize(role[at - 1]) not in titles
            ]
            role = role[: ranked[0]] if ranked else role  # "Kapolsek Bogor Timur Kompol Sundana": up to the rank
            if normalize(role[-1]) in titles or normalize(role[-1]) in _OPEN_ENDS:
                return None  # "Ketua Umum", "Deputi Bidang": the office goes on in the words taken for a name
            while role and (role[-1] in CONNECTORS or normalize(role[-1]) in RANKS):
                role.pop()
            # an office needs its body: "Kepala", "Direktur" or a rank alone is no role
            if len(role) < 2 or normalize(" ".join(role)) in _LONG_RANKS:
                return None
            return " ".join(role)
    return None


def person_name(name: str) -> str | None:
    """`name` without leading acronyms, ranks or forms of address ("OECD Mathias Cormann", "Ny Tina ..."); None
    unless two to four words remain that no title starts."""
    words = name.split()
    while words and (normalize(words[0]) in RANKS or (len(words[0]) > 1 and words[0].isupper())):
        words.pop(0)
    linker = default_linker()
    if not 2 <= len(words) <= 4 or normalize(words[0]) in linker.titles or normalize(words[0]) in _ADMIN:
        return None
    if any(len(word.rstrip(".")) == 1 for word in words):
        return None  # "Edi S": an initial, not yet a name to add
    if any(entry.type == "LOC" for entry in default_linker().kb.lookup(words[0])):
        return None  # "Indramayu Lucky": the end of an office's place, then the name
    if any(
        normalize(word) in linker.org_heads or normalize(word) in linker.place_heads or linker.non_name.match(normalize(word))
        for word in words
    ):
        return None  # "Kamar Dagang", "Koordinasi Pangan": the end of an office, no one's name
    return " ".join(words)


def _known(kb: KnowledgeBase, name: str) -> bool:
    return bool(kb.lookup(name))


def person_proposals(store: Store, kb: KnowledgeBase) -> list[Proposal]:
    """People the knowledge base lacks, written after an office in at least one article."""
    roles: dict[str, Counter[str]] = {}
    names: dict[str, Counter[str]] = {}
    articles: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for row in local_mentions_with_context(store, "PER"):
        entity_id, text = row["entity_id"], row["text"]
        mentions[entity_id] += 1
        names.setdefault(entity_id, Counter())[text] += 1
        role = role_before(row["before"] or "")
        if role is None:
            continue
        roles.setdefault(entity_id, Counter())[role] += 1
        articles.setdefault(entity_id, set()).add(row["article_id"])
        examples.setdefault(entity_id, f"{row['article_id']}:{row['start']}-{row['end']}")
    proposals = []
    for entity_id, seen_roles in roles.items():
        written = max(names[entity_id], key=lambda text: (len(text.split()), names[entity_id][text]))
        name = person_name(written)
        if name is None or any(ch.isdigit() for ch in name) or _known(kb, name):
            continue
        ranked = [role for role, _ in seen_roles.most_common()]
        proposals.append(Proposal("person", name, "PER", ranked[0], len(articles[entity_id]), mentions[entity_id],
                                  examples[entity_id], ranked[1:5]))
    return proposals


def spells(acronym: str, words: list[str]) -> bool:
    """Do `words` spell `acronym` with a prefix of each word, connectors optional ("bareskrim" / Badan Reserse
    Kriminal, "esdm" / Energi dan Sumber Daya Mineral)?"""
    letters = acronym.lower()
    keys = [normalize(word).replace(" ", "") for word in words]

    @cache
    def match(i: int, j: int) -> bool:
        if j == len(keys):
            return i == len(letters)
        key = keys[j]
        if key in CONNECTORS and match(i, j + 1):
            return True
        return any(letters[i : i + size] == key[:size] and match(i + size, j + 1) for size in range(1, len(key) + 1))

    return bool(keys) and match(0, 0)


def acronym_pairs(body: str) -> Iterator[tuple[str, str, int, int]]:
    """(expansion, acronym, start, end) for each "Capitalised Words (ACRONYM)" in `body` whose words spell it; the
    expansion is the shortest run of trailing words that does, with an organisation head word before it kept."""
    linker = default_linker()
    for found in _EXPANSION.finditer(body):
        acronym = found.group(2)
        if sum(ch.isupper() for ch in acronym) < 2 and not acronym[1:].islower():
            continue
        words = found.group(1).split()
        for first in range(len(words) - 2, -1, -1):
            if not words[first][:1].isupper() or not spells(acronym, words[first:]):
                continue
            if first > 0 and normalize(words[first - 1]) in linker.org_heads:
                first -= 1
            expansion = " ".join(words[first:])
            start = found.start(1) + len(" ".join(words[:first])) + (1 if first else 0)
            yield expansion, acronym, start, found.end()
            break


def acronym_proposals(store: Store, kb: KnowledgeBase) -> list[Proposal]:
    """Organisations (and places) the knowledge base lacks, written out with their acronym in brackets."""
    linker = default_linker()
    generic = linker.generic
    heads = linker.org_heads | linker.place_heads | linker.legal_forms | {"pt", "cv"}
    acronyms: dict[str, Counter[str]] = {}
    spelled: dict[str, Counter[str]] = {}
    articles: dict[str, set[str]] = {}
    examples: dict[str, str] = {}
    for article_id, body in article_bodies(store):
        for expansion, acronym, start, end in acronym_pairs(body):
            if normalize(acronym) in generic or _known(kb, expansion) or _known(kb, acronym):
                continue
            keys = normalize(expansion).split()
            if keys[-1] in _EVERY_REGION:
                continue
            if not any(key in heads for key in keys) or any(key in linker.instrument_words for key in keys):
                continue  # taxes, indices, permits and laws ("Pajak Pertambahan Nilai (PPN)") name no body
            key = " ".join(key for key in keys if key not in CONNECTORS)
            acronyms.setdefault(key, Counter())[acronym] += 1
            spelled.setdefault(key, Counter())[expansion] += 1
            articles.setdefault(key, set()).add(article_id)
            examples.setdefault(key, f"{article_id}:{start}-{end}")
    units = _unit_kinds(store, kb, {acronym for seen in acronyms.values() for acronym in seen})
    proposals = []
    for key, seen in acronyms.items():
        if any(acronym in units for acronym in seen):
            continue  # "BPBD Garut", "PN Jakarta Selatan": a kind of office, one in every region
        name = spelled[key].most_common(1)[0][0]
        ranked = [acronym for acronym, _ in seen.most_common()]
        entity_type = "LOC" if normalize(name.split()[0]) in default_linker().place_heads else "ORG"
        proposals.append(Proposal("acronym", name, entity_type, ranked[0], len(articles[key]), sum(seen.values()),
                                  examples[key], ranked[1:5]))
    return proposals


def _unit_kinds(store: Store, kb: KnowledgeBase, acronyms: set[str]) -> set[str]:
    """The acronyms that news writes before a place ("BPBD Garut", "Kejati Sumut", "PN Jakarta Selatan"): each
    names a kind of office that every region has, not one body."""
    if not acronyms:
        return set()
    pattern = re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, acronyms), key=len, reverse=True)) + r")[ \t]+([A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+)?)"
    )
    units: set[str] = set()
    for _, body in article_bodies(store):
        for found in pattern.finditer(body):
            words = found.group(2).split()
            places = [e for size in (2, 1) for e in kb.lookup(" ".join(words[:size])) if e.type == "LOC"]
            if places:
                units.add(found.group(1))
    return units


def rank(proposals: Iterable[Proposal], min_articles: int = 1) -> list[Proposal]:
    """Most articles first, then most mentions, then name."""
    kept = [p for p in proposals if p.n_articles >= min_articles]
    return sorted(kept, key=lambda p: (-p.n_articles, -p.n_mentions, p.name))


def discover(store: Store, kb: KnowledgeBase, *, kinds: Iterable[str] = ("person", "acronym"),
             min_articles: int = 1) -> list[Proposal]:
    """Ranked proposals of the requested kinds from every article in `store`."""
    found: list[Proposal] = []
    if "person" in kinds:
        found += person_proposals(store, kb)
    if "acronym" in kinds:
        found += acronym_proposals(store, kb)
    return rank(found, min_articles)
