"""Indirect (reported) speech: the speech acts of a sentence — "X mengatakan (bahwa) …", "menurut X, …",
"…, kata X." — with their speaker and reported content; the first act with both is the sentence's indirect quote."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .cues import Cues
from .lexicon import Cue
from .media import Media
from .resolve import SpeakerResolver
from .speakers import Speaker
from .text import MIN_STATEMENT_WORDS, VERB_FORM, WORD, ArticleText, Word, words_up_to

_MIN_INDIRECT_WORDS = 2
_LIST_NUMBER = re.compile(r"\d{1,2}\.\s+")


@dataclass
class Act:
    """A speech act of one sentence: who spoke, with which cue, and (for indirect speech) the reported content."""

    speaker: Speaker | None
    cue: str
    cue_start: int
    content: tuple[int, int] | None = None  # None: the act only attributes quoted phrases
    cited: list[str] = field(default_factory=list)


class IndirectSpeech:
    """Finds the speech acts of sentences. `consumed`: start offsets of cue words a direct quote already used."""

    def __init__(self, text: ArticleText, resolver: SpeakerResolver, media: Media, cues: Cues,
                 consumed: set[int]) -> None:
        self.text = text
        self.lex = text.lex
        self.resolver = resolver
        self.media = media
        self.cues = cues
        self.consumed = consumed

    def acts_in(self, start: int, end: int) -> list[Act]:
        """Speech acts of a sentence (quoted words masked), in order of preference."""
        text = self.text
        if bisect_left(text.cue_starts, start) == bisect_left(text.cue_starts, end):
            return []  # speech acts start at cue words, and no cue word starts in this sentence (most have none)
        first, last = text.word_range(start, end)
        cue_indexes = text.cue_indexes_in(first, last)
        if not cue_indexes:
            return []
        words = text.words[first:last]
        cue_ks = [index - first for index in cue_indexes]
        if self.consumed and any(w.start in self.consumed for w in words):
            words = [w for w in words if w.start not in self.consumed]
            cue_ks = [k for k, w in enumerate(words) if w.lower in self.lex.cues]
        explicit: list[Act] = []
        verbs: list[tuple[bool, Act]] = []
        cited = [medium for _, medium in self.media.cites_in(start, end)]
        for k in cue_ks:  # only the cue words: the others were skipped anyway
            cue = self.lex.cues[words[k].lower]
            if cue.cls == "verb":
                act = self._verb_act(words, k, cue, start, end)
                if act:
                    verbs.append((k > 0 and words[k - 1].lower == "yang", act))
            elif cue.cls == "report":
                self._note_reporting_medium(words, k, end, cited)
            else:
                act = self._explicit_act(words, k, cue, start, end, cited)
                if act:
                    explicit.append(act)
        # A verb in a relative clause ("pemain yang meminta namanya tidak disebutkan") yields to the main verb.
        acts = explicit + [act for in_relative, act in sorted(verbs, key=lambda v: v[0])]
        for act in acts:
            act.cited = cited
        return acts

    def _explicit_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int, cited: list[str]) -> Act | None:
        """An act whose cue tells who spoke: "…, kata Biden." or "Menurut X, …"."""
        if cue.cls == "short" and k >= 1:
            return self._short_act(words, k, cue, start, end)
        if cue.cls == "according":
            return self._according_act(words, k, cue, start, end, cited)
        return None

    def _note_reporting_medium(self, words: list[Word], k: int, end: int, cited: list[str]) -> None:
        """"dilansir Reuters": the medium after a report cue joins the sentence's citations."""
        if k + 1 >= len(words):
            return
        phrase_end = self.text.phrase_end(words, k + 1, end, stop_words=False)
        medium = self.media.media_in(words[k + 1].start, phrase_end)
        if medium and medium not in cited:
            cited.append(medium)

    def _short_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int) -> Act | None:
        """ "…, kata Biden." and "Xi, kata Ushakov, mengaku …"."""
        word = words[k]
        if "," not in self.text.gap(words[k - 1].end, word.start):
            return None
        _, _, speaker, is_media = self.cues.after_cue(cue, words, k, end)
        if speaker is None or is_media:
            return None
        phrase_end = word.end if cue.pronoun_suffix else self.text.phrase_end(words, k + 1, end)
        rest = self.text.words_in(phrase_end, end)
        comma = self.text.masked.rfind(",", start, word.start)
        content = (start, comma) if not rest else (start, end)
        return Act(speaker, word.lower, word.start, self.trim(*content))

    def _name_end(self, start: int, end: int) -> int:
        words = self.text.words_in(start, end)
        if words and words[0].lower in self.lex.pronouns:
            return words[0].end
        mentions = self.text.mentions_in(start, end)
        people = [m for m in mentions if m.entity.type == "PER"]
        return (people or mentions)[0].end if mentions else end

    def _according_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int, cited: list[str]) -> Act | None:
        """"Menurut X, …", "…, menurut X." and "menurutnya"; "menurut Reuters" only cites a medium."""
        word = words[k]
        masked = self.text.masked
        before = masked[start : word.start].strip()
        if cue.opening and before and not before.endswith(","):
            return None  # "Hal itu dikatakan Budi kepada wartawan" reports nothing new
        if cue.pronoun_suffix:
            phrase_start = phrase_end = word.end
            speaker = self.resolver.nya_speaker(word.start, continues=cue.continues)
        else:
            if k + 1 >= len(words):
                return None
            if words[k + 1].lower in self.lex.words.get("document", ()):
                return None  # "menurut Pasal 1 Peraturan ...": a rule's wording, no one's statement
            phrase_start = words[k + 1].start
            phrase_end = self.text.phrase_end(words, k + 1, end, stop_words=False)
            if self.media.is_media_phrase(phrase_start, phrase_end):
                medium = self.media.media_in(phrase_start, phrase_end)
                if medium and medium not in cited:
                    cited.append(medium)
                return None
            speaker, phrase_end = self.cues.with_apposition(
                self.resolver.resolve(phrase_start, phrase_end), phrase_end, end, stop_words=False
            )
            if not masked[phrase_end:end].strip(" .!?"):
                # No comma after the name ("Menurut Budi harga beras turun"): the name ends the phrase.
                phrase_end = self._name_end(phrase_start, phrase_end)
        if speaker is None:
            return None
        after_phrase = masked[phrase_end:end].strip()
        if not before or before.endswith(",") and after_phrase.startswith(","):
            content = (phrase_end, end)  # "Menurut X, …"
        elif after_phrase.strip(".!? ") == "":
            comma = masked.rfind(",", start, word.start)  # "…, menurut X."
            if comma < 0:
                return None
            content = (start, comma)
        else:
            content = (phrase_end, end)
        return Act(speaker, word.lower, word.start, self.trim(*content))

    def _verb_act(self, words: list[Word], k: int, cue: Cue, start: int, end: int) -> Act | None:
        """"X mengatakan (bahwa) …", "X mengatakan kepada wartawan bahwa …"."""
        word = words[k]
        if self._negated(words, k):
            return None
        after = self.text.words_in(word.end, end)
        content_start = word.end
        if after and after[0].lower == "kepada":
            bahwa = next((w for w in after if w.lower in ("bahwa", "apakah")), None)
            if bahwa:
                content_start = bahwa.start
        next_text = self.text.masked[content_start:end].lstrip()
        # Case-folding is per character and never shortens one, so folding the first five characters tells whether
        # the folded rest starts with "bahwa" (without folding the whole rest of the sentence).
        clause = next_text[:1] in (":", ",") or next_text[:5].casefold().startswith("bahwa")
        speaker = self.cues.subject_before(start, word)
        if speaker is None:
            return None
        # Verbs that also take a plain object ("BPS mencatat inflasi 2,5 persen", "menyebut namanya") report speech
        # when a clause marker follows or a person is speaking; otherwise they only attribute a quoted phrase.
        person_like = speaker.is_person or speaker.entity is None and not self._names_organisation(speaker.name)
        content = None if cue.partial_only else self.trim(content_start, end)
        if content is None and not cue.partial_only and not self.text.masked[word.end : end].strip(" .!?"):
            # "Semua penumpang selamat, kementerian kemudian menambahkan.": what was said comes first.
            comma = self.text.masked.rfind(",", start, word.start)
            content = self.trim(start, comma) if comma > start else None
        if content and cue.directive and words_up_to(self.text.body, MIN_STATEMENT_WORDS, *content) < MIN_STATEMENT_WORDS:
            content = None  # "meminta maaf" is no reported request
        if content and cue.needs_clause and not clause:
            content = content if person_like and self._reads_as_clause(*content) else None
        return Act(speaker, word.lower, word.start, content)

    def _reads_as_clause(self, start: int, end: int) -> bool:
        """What follows a verb is a clause, not a plain object: it holds a clause word ("akan", "tidak", "apakah")
        or a verb of its own after its first word ("perundingan ... diluncurkan pada 18 Juli", "Bahlil justru
        bertindak cepat"), not one in a relative clause ("prosedur yang berlaku")."""
        words = self.text.words_in(start, end)
        if any(w.lower in self.lex.clause_words for w in words):
            return True
        return any(
            VERB_FORM.match(word.lower) and words[k - 1].lower != "yang" for k, word in enumerate(words) if k > 0
        )

    def _names_organisation(self, text: str) -> bool:
        """An unlinked speaker headed by an organisation word ("Kementerian", "pihak Rusia")."""
        lowers = [w.casefold() for w in WORD.findall(text)]
        return bool(lowers) and (self.lex.role_at(lowers, 0) or ("",))[0] in ("org", "side", "statement")

    def _negated(self, words: list[Word], k: int) -> bool:
        """A negation before the verb, across adverbs only: "tidak (secara spesifik) menyinggung"."""
        for index in range(k - 1, max(-1, k - 4), -1):
            if words[index].lower in self.lex.words["negation"]:
                return True
            if words[index].lower not in self.lex.words["negation_gap"]:
                return False
        return False

    def trim(self, start: int, end: int) -> tuple[int, int] | None:
        """Content without leading "bahwa"/":"/"," and without a trailing citation (", kutip Reuters")."""
        end = self._before_trailing_attribution(start, end)
        text = self.text.masked
        while True:
            stripped = text[start:end].lstrip(" \t\n,:;—–-")
            start = end - len(stripped)
            first = WORD.match(stripped)
            if first and first.group().casefold() in ("bahwa", *self.lex.words["verb_particle"]):
                start += first.end()
                continue
            number = _LIST_NUMBER.match(stripped)
            if number:
                start += number.end()
                continue
            break
        while end > start and self.text.body[end - 1] in " \t\n,.;:—–-":
            end -= 1
        if words_up_to(self.text.body, _MIN_INDIRECT_WORDS, start, end) < _MIN_INDIRECT_WORDS:
            return None
        return start, end

    def _before_trailing_attribution(self, start: int, end: int) -> int:
        """`end`, moved back before a comma that introduces a citation (", kutip Reuters") or a report or
        "according" cue (", menurut ...")."""
        text = self.text.masked
        for position, _ in self.media.cites_in(start, end):
            comma = text.rfind(",", start, position)
            if comma > start and not text[comma:position].strip(", "):
                end = min(end, comma)
        for index in self.text.cue_indexes_in(*self.text.word_range(start, end)):
            word = self.text.words[index]
            cue = self.lex.cues[word.lower]
            if cue.cls in ("report", "according") and word.start > start:
                comma = text.rfind(",", start, word.start)
                if comma > start and not text[comma + 1 : word.start].strip():
                    end = min(end, comma)
        return end
