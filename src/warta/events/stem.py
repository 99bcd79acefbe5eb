"""A light Indonesian stemmer that proposes candidate roots instead of choosing one.

Indonesian verbs and nouns are built from roots with prefixes (me-, ber-, di-, ter-, pe-, per-, ke-, se-), suffixes
(-kan, -i, -an) and clitics (-nya, -lah, -kah, -pun, -ku, -mu); the nasal prefixes me-/pe- swallow the root's first
consonant (menolak <- tolak, mengecam <- kecam, menyerang <- serang, memukul <- pukul). Without a root dictionary a
stemmer cannot know whether "mengancam" comes from "ancam" or "kancam", so `stem_candidates` returns every plausible
root and the caller keeps the first one its own dictionary knows. That is exact enough for an event lexicon, needs no
data and runs in microseconds (a full dictionary stemmer such as Sastrawi is far slower per token).
"""

from __future__ import annotations

from functools import lru_cache

MIN_ROOT = 3
_CLITICS = ("lah", "kah", "tah", "pun", "nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")


def _strip_prefix(word: str) -> list[str]:
    """Roots left after removing one derivational prefix, with the nasal's swallowed consonant restored."""
    out: list[str] = []

    def add(root: str) -> None:
        if len(root) >= MIN_ROOT:
            out.append(root)

    for double in ("memper", "diper", "mempel"):
        if word.startswith(double):
            add(word[len(double):])
    for nasal in ("menge", "penge"):
        if word.startswith(nasal):
            add(word[5:])  # mengebom <- bom
    for nasal in ("meng", "peng"):
        if word.startswith(nasal):
            rest = word[4:]
            add(rest)
            if rest[:1] in "aiueo":
                add("k" + rest)  # mengecam <- kecam
    for nasal in ("meny", "peny"):
        if word.startswith(nasal):
            add("s" + word[4:])  # menyerang <- serang
    for nasal in ("mem", "pem"):
        if word.startswith(nasal):
            rest = word[3:]
            add(rest)  # membantu <- bantu
            if rest[:1] in "aiueo":
                add("p" + rest)  # memukul <- pukul
    for nasal in ("men", "pen"):
        if word.startswith(nasal) and not word.startswith(("meng", "meny", "peng", "peny")):
            rest = word[3:]
            add(rest)  # mendukung <- dukung
            if rest[:1] in "aiueo":
                add("t" + rest)  # menolak <- tolak
    for plain in ("me", "pe"):
        if word.startswith(plain) and word[2:3] in "lrwymn":
            add(word[2:])  # melawat <- lawat, merusak <- rusak
    for plain in ("ber", "per", "ter"):
        if word.startswith(plain):
            add(word[3:])
    for plain in ("be", "te", "di", "ke", "se"):
        if word.startswith(plain):
            add(word[2:])  # bekerja <- kerja, diserang <- serang, kesepakatan <- sepakat
    return out


@lru_cache(maxsize=65536)
def stem_candidates(word: str) -> tuple[str, ...]:
    """The word itself (lower case) followed by its plausible roots, most literal first, without duplicates.

    >>> "tolak" in stem_candidates("menolak")
    True
    """
    word = word.lower()
    seen: dict[str, None] = {word: None}
    bases = [word]
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= MIN_ROOT:
            bases.append(word[: -len(clitic)])
    suffixed: list[str] = []
    for base in bases:
        suffixed.append(base)
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= MIN_ROOT:
                suffixed.append(base[: -len(suffix)])
    for form in suffixed:
        seen.setdefault(form, None)
    for form in suffixed:
        for root in _strip_prefix(form):
            seen.setdefault(root, None)
            # Two prefixes: dipertemukan -> pertemu -> temu, berkerjasama is rare but "diberangkatkan" is not.
            for inner in _strip_prefix(root):
                seen.setdefault(inner, None)
    if "-" in word:
        # Reduplicated or hyphenated forms: mewanti-wanti -> wanti-wanti, de-eskalasi stays as it is.
        head, _, tail = word.partition("-")
        for root in stem_candidates(head)[1:]:
            seen.setdefault(f"{root}-{tail}", None)
    return tuple(seen)
