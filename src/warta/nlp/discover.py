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

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from warta.nlp.kb import KBEntry, KnowledgeBase, normalize, read_entries, slugify
from warta.nlp.link import Linker, default_linker
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
# Academic degrees written after a name ("Lc", "SH", "MSi").
_DEGREES = frozenset({"lc", "sh", "mh", "se", "mm", "msi", "mpd", "spd", "skm", "phd", "mba", "sik", "map", "ssos",
                      "ssi", "sag", "mag", "ma", "msc", "bsc", "sp", "mkes", "skep", "ners", "cpa", "ak", "spog"})
# Parts people play in a case or a story, written like titles ("Terdakwa II", "Saksi"): no office.
_NO_OFFICE = frozenset({"terdakwa", "tersangka", "saksi", "korban", "pelaku", "terpidana", "pelapor", "terlapor"})
# Heads of bodies that every region has ("Dinas Lingkungan Hidup", "Balai Besar Wilayah Sungai"), and words that
# make an expansion a kind of thing ("Sekolah Dasar", "Daerah Aliran Sungai", "Badan Usaha Jalan Tol").
_REGIONAL_HEADS = frozenset({"dinas", "balai", "sekolah", "daerah", "puskesmas", "upt", "uptd"})
_KIND_PHRASES = ("badan usaha", "lembaga manajemen", "sekolah dasar", "sekolah menengah", "badan pengurus",
                 "dewan pengurus", "dewan pimpinan")  # the last three: the boards every party or association has
# Words before an acronym that make it a kind of thing, not one body ("para LMK", "setiap SD", "sejumlah BUJT").
_QUANTIFIERS = frozenset({"para", "setiap", "tiap", "sejumlah", "seluruh", "beberapa", "banyak", "semua", "berbagai",
                          "sebuah", "suatu", "masing", "kedua", "ketiga", "antar"})
# Administrative heads that open a place, not a person ("Kabupaten Indramayu" taken for a name).
_ADMIN = frozenset({"kabupaten", "kota", "provinsi", "kecamatan", "kelurahan", "desa", "kampung", "distrik"})
# Police ranks written out in two words ("Inspektur Dua"): a rank, no office.
_LONG_RANKS = frozenset({"inspektur dua", "inspektur satu", "komisaris besar", "ajun komisaris", "ajun komisaris besar",
                         "brigadir jenderal", "inspektur jenderal", "komisaris jenderal"})
# Last words of the names of bodies that every region or village has ("Organisasi Perangkat Daerah", "Dana Desa").
_EVERY_REGION = frozenset({"daerah", "desa"})
_EVIDENCE = 5  # pieces of evidence kept per proposal
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
    evidence: list[str] = field(default_factory=list)  # up to _EVIDENCE "article_id:start-end", the example first

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "type": self.type, "detail": self.detail,
                "n_articles": self.n_articles, "n_mentions": self.n_mentions, "example": self.example,
                "variants": self.variants, "evidence": self.evidence}


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
    offices = default_linker().titles
    for index, word in enumerate(run):
        if normalize(word) in titles:
            if normalize(word) in RANKS or normalize(word) in _NO_OFFICE:
                return None  # "Kapten Polisi", "Terdakwa II": a rank or a part in a case, no office
            while index > 0 and normalize(run[index - 1]) in offices and normalize(run[index - 1]) not in RANKS:
                index -= 1  # "Juru Bicara KPK", "Staf Khusus Menteri ...": office words before the title
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


@lru_cache(maxsize=1)
def _habits() -> tuple[dict[str, str], frozenset[str]]:
    """How words are usually written in Indonesian text (the tagger's lexicon: "lower", "title", ...), and the
    places of the tagger's gazetteer (provinces, regencies)."""
    folder = resources.files("warta.nlp").joinpath("model")
    habits: dict[str, str] = {}
    places: set[str] = set()
    try:
        for line in folder.joinpath("lexicon.tsv").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                habits[parts[0]] = parts[-1]
        for line in folder.joinpath("gazetteer.tsv").read_text(encoding="utf-8").splitlines():
            places.add(normalize(line.split("\t")[0]))
    except OSError:  # the tagger's model is not shipped: no habits, no extra places
        pass
    return habits, frozenset(places)


def writing_habit(word: str) -> str:
    """How Indonesian text usually writes the word: "lower", "title", "mixed" or "?" (not in the tagger's lexicon)."""
    habits, _ = _habits()
    return habits.get(word.lower(), "?")


def _ordinary_words(words: list[str]) -> bool:
    """Mostly words Indonesian writes in lower case ("Aset Digital Global", "Generasi Muda"): a phrase, no name."""
    habits, _ = _habits()
    seen = [habits.get(word.lower(), "?") for word in words]
    return seen.count("lower") > seen.count("title") + seen.count("mixed")


def _names_something_else(words: list[str], linker: Linker) -> bool:
    """A word of the name is a place ("Indramayu Lucky"), a body the KB knows ("Ditregident Korlantas"), or a known
    name with a word glued on ("Emmanuel Macronmenikahi")."""
    _, places = _habits()
    kb = linker.kb
    if normalize(words[0]) in places or any(entry.type == "LOC" for entry in kb.lookup(words[0])):
        return True
    if any(entry.type == "ORG" for word in words if len(word) >= 4 for entry in kb.lookup(word)):
        return True
    habits, _ = _habits()
    return any(
        normalize(word[:cut]) in linker.known_name_words
        and word[cut:].islower()
        and (habits.get(word[cut:]) == "lower" or linker.sentence_opener.match(word[cut:]) is not None)
        for word in words
        for cut in range(4, len(word) - 3)
    )


def person_name(name: str) -> str | None:
    """`name` without leading acronyms, ranks or forms of address ("OECD Mathias Cormann", "Ny Tina ..."); None
    unless two to four words remain that no title starts."""
    words = name.split()
    while words and (normalize(words[0]) in RANKS or (len(words[0]) > 1 and words[0].isupper())):
        words.pop(0)
    while words and normalize(words[-1]) in _DEGREES:
        words.pop()  # "Nazaruddin Yahya Lc": an academic degree after the name
    linker = default_linker()
    if not 2 <= len(words) <= 4 or normalize(words[0]) in linker.titles or normalize(words[0]) in _ADMIN:
        return None
    if any(len(word.rstrip(".")) == 1 for word in words):
        return None  # "Edi S": an initial, not yet a name to add
    if _names_something_else(words, linker) or _ordinary_words(words):
        return None  # "Indramayu Lucky", "Ditregident Korlantas", "Generasi Muda": no one's name
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
    names: dict[str, Counter[str]] = {}
    mentions: Counter[str] = Counter()
    evidence: list[tuple[str, str, str]] = []  # (entity id, role, "article_id:start-end")
    for row in local_mentions_with_context(store, "PER"):
        entity_id, text = row["entity_id"], row["text"]
        mentions[entity_id] += 1
        names.setdefault(entity_id, Counter())[text] += 1
        role = role_before(row["before"] or "")
        if role is not None:
            evidence.append((entity_id, role, f"{row['article_id']}:{row['start']}-{row['end']}"))
    # names of people seen in the corpus: an office that contains one is that person's ("Menteri Perdagangan Howard
    # Lutnick dan Perwakilan Dagang AS" before Jamieson Greer)
    people = {normalize(text) for seen in names.values() for text in seen if len(text.split()) >= 2}
    roles: dict[str, Counter[str]] = {}
    examples: dict[str, list[str]] = {}
    for entity_id, role, example in evidence:
        if _names_a_person(role, kb, people):
            continue
        roles.setdefault(entity_id, Counter())[role] += 1
        examples.setdefault(entity_id, []).append(example)
    proposals = []
    for entity_id, seen_roles in roles.items():
        written = max(names[entity_id], key=lambda text: (len(text.split()), names[entity_id][text]))
        name = person_name(written)
        if name is None or any(ch.isdigit() for ch in name) or _known(kb, name):
            continue
        ranked = [role for role, _ in seen_roles.most_common()]
        ranked[0], name = _name_cut_into_role(ranked[0], name, kb)
        if _glued(ranked[0]) or _glued(name) or _known(kb, name):
            continue  # "Direktur UtamaERAL": scraping glued the office to something else
        found = examples[entity_id]
        proposals.append(
            Proposal("person", name, "PER", ranked[0], len({e.split(":")[0] for e in found}), mentions[entity_id],
                     found[0], ranked[1:5], found[:_EVIDENCE])
        )
    return proposals


def _names_a_person(role: str, kb: KnowledgeBase, people: set[str]) -> bool:
    words = role.split()
    pairs = [" ".join(words[at : at + 2]) for at in range(len(words) - 1)]
    return any(normalize(pair) in people or any(e.type == "PER" for e in kb.lookup(pair)) for pair in pairs)


def _glued(text: str) -> bool:
    """'UtamaERAL', 'PPdan': a word with a case change inside it that no name has."""
    return any(re.search(r"[a-z][A-Z]{2}|[A-Z]{2}[a-z]", word) for word in text.split())


def _name_cut_into_role(role: str, name: str, kb: KnowledgeBase) -> tuple[str, str]:
    """'Bupati Raja Ampat Orideko' + 'Iriano Burdam': a name word the office took, after the place or body that
    ends the office, goes back to the name ("Bupati Raja Ampat", "Orideko Iriano Burdam")."""
    words = role.split()
    last = words[-1]
    linker = default_linker()
    _, places = _habits()
    if len(words) < 3 or len(name.split()) >= 4 or last.isupper() or normalize(last) in linker.titles:
        return role, name
    if kb.lookup(last) or normalize(last) in linker.place_words or normalize(last) in places:
        return role, name  # "Kapolsek Bogor Timur", "Ketua DPD I Golkar Sulut": the office's place goes on
    for at in range(1, len(words) - 1):
        head = " ".join(words[at:-1])
        whole = " ".join(words[at:])
        if (kb.lookup(head) or normalize(head) in places) and not (kb.lookup(whole) or normalize(whole) in places):
            return " ".join(words[:-1]), f"{last} {name}"
    return role, name


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
    examples: dict[str, list[str]] = {}
    for article_id, body in article_bodies(store):
        for expansion, acronym, start, end in acronym_pairs(body):
            if normalize(acronym) in generic or _known(kb, expansion) or _known(kb, acronym):
                continue
            keys = normalize(expansion).split()
            if keys[-1] in _EVERY_REGION or keys[0] in _REGIONAL_HEADS or " ".join(keys).startswith(_KIND_PHRASES):
                continue  # "Dana Desa", "Dinas Lingkungan Hidup", "Sekolah Dasar": one in every region, or a kind
            if not any(key in heads for key in keys) or any(key in linker.instrument_words for key in keys):
                continue  # taxes, indices, permits and laws ("Pajak Pertambahan Nilai (PPN)") name no body
            key = " ".join(key for key in keys if key not in CONNECTORS)
            acronyms.setdefault(key, Counter())[acronym] += 1
            spelled.setdefault(key, Counter())[expansion] += 1
            articles.setdefault(key, set()).add(article_id)
            examples.setdefault(key, []).append(f"{article_id}:{start}-{end}")
    units = _unit_kinds(store, kb, {acronym for seen in acronyms.values() for acronym in seen})
    proposals = []
    for key, seen in acronyms.items():
        if any(acronym in units for acronym in seen):
            continue  # "BPBD Garut", "PN Jakarta Selatan": a kind of office, one in every region
        name = spelled[key].most_common(1)[0][0]
        ranked = [acronym for acronym, _ in seen.most_common()]
        _, places = _habits()
        place_word = normalize(name.split()[0]) in default_linker().place_heads
        entity_type = "LOC" if place_word or normalize(name) in places else "ORG"
        found = examples[key]
        proposals.append(
            Proposal("acronym", name, entity_type, ranked[0], len(articles[key]), sum(seen.values()), found[0],
                     ranked[1:5], found[:_EVIDENCE])
        )
    return proposals


def _unit_kinds(store: Store, kb: KnowledgeBase, acronyms: set[str]) -> set[str]:
    """The acronyms that news writes before a place ("BPBD Garut", "Kejati Sumut", "PN Jakarta Selatan"): each
    names a kind of office that every region has, not one body."""
    if not acronyms:
        return set()
    alternatives = "|".join(sorted(map(re.escape, acronyms), key=len, reverse=True))
    # "BPBD Garut" (the acronym before a place), "(DLHK) Kota Bekasi" (its bracket before a region's name); but
    # "(Unair) Surabaya" says where one body is
    pattern = re.compile(rf"\b({alternatives})(\)?)[ \t]+([A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+)?)")
    # "para LMK", "setiap SD": a kind of thing counted
    counted = re.compile(rf"\b(?i:{'|'.join(sorted(_QUANTIFIERS))})[ \t]+({alternatives})\b")
    _, gazetteer = _habits()
    units: set[str] = set()
    for _, body in article_bodies(store):
        for found in pattern.finditer(body):
            words = found.group(3).split()
            if found.group(2):
                if normalize(words[0]) in _ADMIN:
                    units.add(found.group(1))
                continue
            places = [e for size in (2, 1) for e in kb.lookup(" ".join(words[:size])) if e.type == "LOC"]
            if places or normalize(words[0]) in _ADMIN or normalize(" ".join(words)) in gazetteer:
                units.add(found.group(1))
        units.update(found.group(1) for found in counted.finditer(body))
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


def as_entry(proposal: Proposal) -> KBEntry:
    """A knowledge-base entry for an accepted proposal, marked as discovered, with its counts and evidence."""
    prefix = {"PER": "person", "LOC": "region"}.get(proposal.type, "org")
    counts = f"{proposal.n_articles} articles, {proposal.n_mentions} mentions"
    if proposal.kind == "person":
        return KBEntry(
            id=f"person:{slugify(proposal.name)}", name=proposal.name, type="PER", role=proposal.detail,
            source=f"warta kb discover: after the office in {counts}", discovered=True,
            evidence=tuple(proposal.evidence or [proposal.example]),
        )
    return KBEntry(
        id=f"{prefix}:{slugify(proposal.name)}", name=proposal.name, type=proposal.type,
        # two-letter acronyms ("NA") are too often something else to be matched on their own
        aliases=tuple(dict.fromkeys(a for a in [proposal.detail, *proposal.variants] if len(a) >= 3)),
        source=f"warta kb discover: written out with its acronym in {counts}", discovered=True,
        evidence=tuple(proposal.evidence or [proposal.example]),
    )


def accept(proposals: Iterable[Proposal], min_count: int, path: Path, kb: KnowledgeBase) -> list[KBEntry]:
    """Write the proposals seen in `min_count` or more articles to the discovered-entries file at `path` (merged
    with what it holds: a later run replaces an entry of the same id); returns the entries added or replaced.
    Names the knowledge base knows by now are left out."""
    accepted = [as_entry(p) for p in proposals if p.n_articles >= min_count and not _known(kb, p.name)]
    kept = {entry.id: entry for entry in (read_entries(path) if path.is_file() else [])}
    kept.update((entry.id, entry) for entry in accepted)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(kept[key].to_dict(), ensure_ascii=False) for key in sorted(kept)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return accepted
