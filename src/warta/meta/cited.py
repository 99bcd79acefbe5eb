"""Media an article cites ("kutip Reuters", "dikutip dari Al Jazeera", "dilaporkan Xinhua News Agency",
"lapor penyiar negara China CCTV", "Sumber : Associated Press"), normalised to canonical names via data/media.json.

A medium counts only with a citing cue before it in the same sentence (or a reporting verb right after it), so a
passing mention ("wawancara dengan CNN" aside) or a photo credit does not make it a source.
"""

from __future__ import annotations

import re

from warta.meta.registry import media

_CUE_BEFORE = re.compile(
    r"(?:\b(?:di|me|ter)?(?:kutip|ngutip|lansir|laporkan|lapor|beritakan|wartakan|siarkan|kabarkan)(?:kan)?\b|"
    r"\bmengutip\b|\bmelansir\b|\bmenurut\b|\bsumber\b|\bkepada\b|\blaporan\b|\bmelalui\b|\bkata\b.{0,40}\bkepada\b)",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:me(?:laporkan|mberitakan|ngabarkan|nyebutkan|nulis|lansir|ngutip)|melaporkan)\b", re.IGNORECASE
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
WINDOW = 70


def cited_media(text: str, credit_sources: list[str] | None = None, exclude: str | None = None) -> list[str]:
    registry = media()
    found: list[str] = []
    for match in registry.pattern.finditer(text):
        before = text[max(0, match.start() - WINDOW) : match.start()]
        breaks = list(_SENTENCE_BREAK.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
        after = text[match.end() : match.end() + 30]
        if _CUE_BEFORE.search(before) or _CUE_AFTER.match(after):
            name = registry.by_alias[match.group(0)]
            if name not in found:
                found.append(name)
    for source in credit_sources or []:
        match = registry.pattern.search(source)
        name = registry.by_alias[match.group(0)] if match else source.strip()
        if name and name not in found and len(name) <= 60:
            found.append(name)
    if exclude:
        found = [name for name in found if re.sub(r"\W", "", name.lower()) != re.sub(r"\W", "", exclude.lower())]
    return found
