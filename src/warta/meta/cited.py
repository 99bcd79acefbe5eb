"""Media an article cites ("kutip Reuters", "dikutip dari Al Jazeera", "dilaporkan Xinhua News Agency",
"lapor penyiar negara China CCTV", "Sumber : Associated Press", a credit line "REUTERS | XINHUA"), normalised to canonical names via warta/lang/id/media.json.

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
# "REUTERS | XINHUA", "(Antara)", "AFP/Reuters": a line of nothing but media names credits the wires used.
_CREDIT_SEPARATOR = re.compile(r"\s*[|/,;&]\s*|\s+dan\s+")
MAX_WIRE_CREDIT = 80
_NON_WORD = re.compile(r"\W")
WINDOW = 70


def wire_credit(line: str) -> list[str]:
    """The media a line credits when it holds nothing but media names ("REUTERS | AL JAZEERA"), else []."""
    line = line.strip()
    if len(line) > MAX_WIRE_CREDIT:
        return []
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1]
    by_alias = media().by_alias
    # Every part must name a medium: most lines fail on the first, found without splitting the whole line.
    separator = _CREDIT_SEPARATOR.search(line)
    if (line[: separator.start()] if separator else line).strip(" .") not in by_alias:
        return []
    parts = [part.strip(" .") for part in _CREDIT_SEPARATOR.split(line)]
    if not all(part in by_alias for part in parts):
        return []
    return [by_alias[part] for part in parts]


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
        # "Sumber : Reuters, Associated Press" credits each medium it names.
        names = [registry.by_alias[m.group(0)] for m in registry.pattern.finditer(source)] or [source.strip()]
        for name in names:
            if name and name not in found and len(name) <= 60:
                found.append(name)
    if exclude and found:
        excluded = _NON_WORD.sub("", exclude.lower())
        found = [name for name in found if _NON_WORD.sub("", name.lower()) != excluded]
    return found
