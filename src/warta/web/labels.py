"""Entity names in the reader's language: the knowledge base names things in English ("Moscow", "General Elections
Commission"); an Indonesian reader sees the form the news use (Moskow, Komisi Pemilihan Umum), where the gazetteer or
the knowledge base has one. Search finds an entity by either (the KB's aliases)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=20_000)
def entity_label(entity_id: str | None, name: str | None, lang: str = "en") -> str:
    """The display name of an entity: its canonical name in English; in Indonesian, a place's Indonesian name (CLDR
    for countries, the first alias of the KB's place tables) or an organisation's Indonesian name (the KB's first
    alias, which its tables write in Indonesian)."""
    from warta.nlp.kb import load_kb
    from warta.places import gazetteer

    entry = load_kb().get(entity_id) if entity_id else None
    shown = name or (entry.name if entry else "") or entity_id or ""
    if lang != "id" or not entity_id:
        return shown

    place = gazetteer().get(entity_id)
    if place is not None and place.name_id:
        return place.name_id
    if entry is not None and entry.type == "ORG" and entry.aliases:
        return entry.aliases[0]
    return shown
