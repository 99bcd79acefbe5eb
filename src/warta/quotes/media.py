"""Media named around quotes: "kata X kepada Kompas.com", "dikutip dari Al Jazeera", "menurut CNN"."""

from __future__ import annotations

import re
from bisect import bisect_left

from .resolve import SpeakerResolver
from .text import ArticleText

# A news site named by its domain: "kepada Kompas.com", "dihubungi Kontan.co.id".
_DOMAIN = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9-]*(?:\.[a-z]{2,4}){1,2})\b")


class Media:
    """Finds the media a phrase names and the citing phrases of a stretch of text."""

    def __init__(self, text: ArticleText, resolver: SpeakerResolver) -> None:
        self.text = text
        self.lex = text.lex
        self.body = text.body
        self.resolver = resolver

    def media_in(self, start: int, end: int, *, known_only: bool = False) -> str | None:
        """The medium a phrase names ("penyiar negara China CCTV" -> CCTV), or None. With `known_only`, only a
        medium of the media list, a news site's domain or an organisation entity that is a medium."""
        domain = _DOMAIN.match(self.body, start, max(end, start + 80))
        if domain:
            return domain.group(1)
        if known_only:
            return self._known_medium(start, end)
        for mention in self.text.mentions_in(start, end):
            if mention.entity.type == "ORG":
                return mention.entity.name
        listed = self._listed_medium(start, end)
        if listed:
            return listed
        words = self.text.words_in(start, end)
        # "dikutip Sabtu (13/6)" names a day, not a medium.
        capitalised = [w for w in words if w.text[:1].isupper() and w.lower not in self.lex.calendar]
        return capitalised[-1].text if capitalised else None

    def _known_medium(self, start: int, end: int) -> str | None:
        for mention in self.text.mentions_in(start, end):
            return mention.entity.name if self.resolver.is_media_entity(mention.entity) else None
        return self._listed_medium(start, end)

    def _listed_medium(self, start: int, end: int) -> str | None:
        """The longest (then first) run of the phrase's words that the media list names."""
        words = self.text.words_in(start, end)
        for length in range(len(words), 0, -1):
            for k in range(len(words) - length + 1):
                name = self.body[words[k].start : words[k + length - 1].end]
                if self.lex.is_media(name):
                    return name
        return None

    def is_media_phrase(self, start: int, end: int) -> bool:
        if _DOMAIN.match(self.body, start, max(end, start + 80)):
            return True
        for mention in self.text.mentions_in(start, end):
            if mention.entity.type in ("PER", "LOC"):
                return False
            return self.resolver.is_media_entity(mention.entity)
        words = self.text.words_in(start, end)
        lowers = [w.lower for w in words]
        if any((self.lex.role_at(lowers, k) or ("",))[0] == "media" for k in range(len(lowers))):
            return True
        return any(
            self.lex.is_media(self.body[words[a].start : words[b].end])
            for a in range(len(words))
            for b in range(a, len(words))
        )

    def cites_in(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position, medium) of citing phrases in [start, end): "dikutip dari Al Jazeera", "kutip Reuters"."""
        text = self.text
        cite_positions = text.cite_positions
        if bisect_left(cite_positions, start) == bisect_left(cite_positions, end):
            return []  # no word that can start a citing phrase starts here (most sentences, most articles)
        first, last = text.word_range(start, end)
        # Only words that can start a citing phrase are tried (see ArticleText.cite_starts).
        candidates = text.cite_starts[bisect_left(text.cite_starts, first):bisect_left(text.cite_starts, last)]
        if not candidates:
            return []
        words = text.words[first:last]
        lowers = text.lowers
        found = []
        resume = 0  # a matched phrase's own words start no other phrase
        for k in (index - first for index in candidates):
            if k < resume:
                continue
            # Phrases with another first word cannot match here; the group keeps cite_phrases' order.
            for phrase in self.lex.cite_phrases_by_first[lowers[first + k]]:
                if first + k + len(phrase) <= last and tuple(lowers[first + k : first + k + len(phrase)]) == phrase:
                    phrase_end = text.phrase_end(words, k + len(phrase), end, stop_words=False)
                    if phrase_end > words[k + len(phrase) - 1].end:
                        known_only = phrase in self.lex.cite_if_medium
                        medium = self.media_in(words[k + len(phrase) - 1].end, phrase_end, known_only=known_only)
                        if medium:
                            found.append((words[k].start, medium))
                    resume = k + len(phrase)
                    break
        return found
