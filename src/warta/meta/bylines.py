"""Author and editor credits: "Penulis : A Editor : B-C", "Rep: A/ Red: B", "IHRAM.CO.ID, Oleh: A, B, C",
"Reporter: A | Editor: B", "Laporan wartawan Tribunnews.com, A", "A - detikNews", "A Photo Verified Writer A"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warta.lang.id.calendar import calendar
from warta.meta.lookahead import longest_first_alternation
from warta.meta.registry import cities, outlet_marker_alternation, outlets

AUTHOR_LABELS = (
    "Penulis",
    "Reporter",
    "Pewarta",
    "Wartawan",
    "Jurnalis",
    "Kontributor",
    "Rep",
    "Oleh",
    "Writer",
    "Author",
    "Laporan wartawan",
    "Laporan Wartawan",
)
EDITOR_LABELS = ("Editor", "Red", "Redaktur", "Penyunting", "Editing", "Penyelaras")
SOURCE_LABELS = ("Sumber",)
OTHER_LABELS = ("Fotografer", "Foto", "Penerjemah", "Videografer", "Grafis")
MAX_CREDIT_LINE = 200
_ALL = AUTHOR_LABELS + EDITOR_LABELS + SOURCE_LABELS + OTHER_LABELS
_SHORT = {"Rep", "Red", "Oleh", "Foto"}  # need a colon (or, for Oleh, a line start) to count as a label

# Longest first ("Reporter" before "Rep"), as a trie that checks for no letter before the label after its first
# character (the pattern opens with the labels' first letters, which the engine scans for quickly).
_label_alt = longest_first_alternation(_ALL, not_after="[A-Za-z]")
# A label may be glued to the name after it when a scraper drops the space ("EditorDwifantya Aquina"), but not run on
# into a longer word ("Editorial", "Redaksi").
LABEL = re.compile(rf"(?P<label>{_label_alt})(?![a-z])\s*(?P<colon>:)?\s*")
# "Laporan wartawan Tribunnews.com, Name": the outlet between the label and the name is not a name.
_REPORT_OUTLET = re.compile(r"^[^,]{2,40},\s*")
_WRITER_BADGE = re.compile(
    r"^(?P<name>[A-Z][^\d|:]{1,60}?)\s+(?:Photo\s+)?(?:Verified\s+|Community\s+)*Writer\b", re.IGNORECASE
)
# "A, B Tim Redaksi": Kompas prints its writers above the desk credit.
_TEAM_SUFFIX = re.compile(r"^(?P<names>[A-Z][^\d|:]{2,150}?)\s+Tim Redaksi$")
_BULLET_NAME = re.compile(r"^[•·▪●\-*]\s*(?P<name>[A-Z][a-zA-Z'.]+(?:\s+[A-Z][a-zA-Z'.]+){1,4})\s*$")
_NAME_OUTLET = None  # built lazily (needs the outlet registry)
_TEAM_CREDIT = None  # built lazily (needs the outlet registry)
# A byline printed as a bare name ("Reza Firmansyah" under the stamp): two to four title-case words, nothing else.
_BARE_NAME = re.compile(r"^[A-Z][a-z'’`]+\.?(?: [A-Z][a-z'’`]+\.?){1,3}$")
_SPLIT = re.compile(r"\s*(?:,|;|&|\bdan\b|\band\b|\s/\s)\s*")
_PAIR = re.compile(r"(?<=[a-z])-(?=[A-Z])")
_TRAILING_NOISE = re.compile(r"\s*(?:\((?:[a-z]{2,5}|[A-Za-z ]+)\)|/[a-z]{2,5})\s*$")
# A credit often runs on into the stamp: "Oleh A pada 20 Sep 2023", "A Selasa, 20 September 2023 - 14:35 WIB".
_WEEKDAY = "|".join(re.escape(day) for day in calendar().weekdays)  # full names, other spellings, English
_TAIL = re.compile(rf"\s+(?:pada|on|·|\|)\s+.*$|\s*(?:{_WEEKDAY})\b.*$|\s*\d.*$")
_NAME_OK = re.compile(r"^[A-Z][A-Za-z'.`’]*(?:[ -][A-Za-z'.`’]+){0,5}$")


@dataclass
class Credits:
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def _name_outlet() -> re.Pattern[str]:
    global _NAME_OUTLET
    if _NAME_OUTLET is None:
        # "A - detikNews", "A, CNBC Indonesia", "A, Jurnalis · Senin ..." (a name, then the outlet or a job title)
        _NAME_OUTLET = re.compile(
            rf"^(?P<name>[A-Z][A-Za-z'. ]{{2,60}}?)\s*(?:\s[-–—]\s|,\s*)(?:(?:{outlet_marker_alternation()})\s*$|(?:Jurnalis|Wartawan|Kontributor|Reporter)\b)"
        )
    return _NAME_OUTLET


def _team_credit() -> re.Pattern[str]:
    global _TEAM_CREDIT
    if _TEAM_CREDIT is None:
        # "Tim Global Liputan6.com", "Tim Redaksi Kompas.com": a desk credited as a whole, kept as printed.
        _TEAM_CREDIT = re.compile(rf"^Tim(?: [A-Z][A-Za-z]*){{0,3}} (?:{outlet_marker_alternation()})$")
    return _TEAM_CREDIT


def bare_name(line: str) -> str | None:
    """A line that is only a person's name (not a city, not an outlet); the caller decides where it may stand."""
    line = line.strip()
    if not _BARE_NAME.match(line) or cities().is_known(line) or outlets().find_marker(line):
        return None
    return line


def split_names(text: str) -> list[str]:
    names: list[str] = []
    for part in _SPLIT.split(text):
        for name in _PAIR.split(part):
            name = _TRAILING_NOISE.sub("", name).strip(" .,:;|/-–—\t")
            name = re.sub(r"\s+", " ", name)
            # "Kontributor Malang, A": the city a contributor reports from is not a name. (_NAME_OK admits letters and
            # name punctuation only, so a name it accepts holds no digit.)
            if name and _NAME_OK.match(name) and not cities().is_known(name):
                names.append(name)
    return names


def _name_before_outlet(line: str) -> str | None:
    """The name in "A - detikNews" / "A, CNBC Indonesia"; not the city of a dateline ("SUKAMAJU, KOMPAS.com")."""
    match = _name_outlet().match(line)
    if not match:
        return None
    name = match.group("name").strip()
    if name.isupper() or cities().is_known(name):
        return None
    return name


def looks_like_credit(line: str) -> bool:
    """True for a line that carries author/editor/source credits (used by the cleaner to classify lines)."""
    if len(line) > MAX_CREDIT_LINE:
        return False  # a credit line is short; body paragraphs mentioning "editor" are not credits
    if _WRITER_BADGE.match(line) or _TEAM_SUFFIX.match(line) or _name_before_outlet(line):
        return True
    for match in LABEL.finditer(line):
        label = match.group("label")
        at_start = match.start() == 0 or line[: match.start()].rstrip().endswith((",", "|", "/", "-"))
        if label in _SHORT and not match.group("colon") and not (label == "Oleh" and match.start() == 0):
            continue
        if match.group("colon"):
            return True
        if at_start and len(line) <= 100 and not line.rstrip().endswith((".", "?", "!", '"', "”")):
            return True
    return False


def parse_credits(line: str) -> Credits:
    credits = Credits()
    badge = _WRITER_BADGE.match(line)
    if badge:
        credits.authors += split_names(badge.group("name"))
        return credits
    team = _TEAM_SUFFIX.match(line)
    if team:
        credits.authors += split_names(team.group("names"))
        return credits
    name = _name_before_outlet(line)
    if name:
        credits.authors += split_names(name)
        return credits
    labels = [
        m
        for m in LABEL.finditer(line)
        if not (
            m.group("label") in _SHORT and not m.group("colon") and not (m.group("label") == "Oleh" and m.start() == 0)
        )
    ]
    for index, match in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(line)
        value = line[match.end() : end].strip(" |/,")
        label = match.group("label")
        if label.lower() == "laporan wartawan":
            value = _REPORT_OUTLET.sub("", value, count=1)
        if label in AUTHOR_LABELS and _team_credit().match(value):
            credits.authors.append(value)
        elif label in AUTHOR_LABELS:
            credits.authors += split_names(_TAIL.sub("", value))
        elif label in EDITOR_LABELS:
            credits.editors += split_names(_TAIL.sub("", value))
        elif label in SOURCE_LABELS and value:
            credits.sources.append(value.strip(" .,"))
    if not labels:
        name = bare_name(line)
        if name:
            credits.authors.append(name)
    return credits


# Words of organisation and desk names, never of a person's ("Kompas Cyber Media", "PT VIVA MEDIA BARU",
# "Mediaindonesia Com Developer", "Tim Redaksi").
_ORGANISATION = re.compile(
    r"\b(?:PT|CV|Tbk|Media|Cyber|Developer|Redaksi|Network|Group|Grup|Digital|Online|Newsroom|Admin|Administrator|"
    r"Com|Corp|Inc|Ltd)\b\.?",
    re.IGNORECASE,
)


def is_person(name: str) -> bool:
    """A person's name, not an organisation, desk or outlet."""
    name = name.strip()
    if _team_credit().match(name):
        return True  # "Tim Global Liputan6.com": a desk credited by name is kept as printed
    if not name or _ORGANISATION.search(name) or any(ch.isdigit() for ch in name):
        return False
    return outlets().find_marker(name) is None and (outlets().by_name(name) is None)


def bullet_name(line: str) -> str | None:
    match = _BULLET_NAME.match(line.strip())
    return match.group("name") if match else None
