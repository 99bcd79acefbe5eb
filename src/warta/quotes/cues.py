"""Speech cues and the frames around them: "“…,” kata Patrushev", "Putin mengatakan: “…”", "Menurut Xi, …", and the
speaker a cue points to (after it, before it, or in apposition: "ujar Direktur Utama LMAN, Basuki Purwadi")."""

from __future__ import annotations

import re

from .lexicon import Cue
from .marks import QuotedSpan
from .media import Media
from .resolve import SpeakerResolver
from .speakers import Speaker
from .text import ArticleText, Word

_CLAUSE_MARKS = re.compile(r"[()\[\],]")
_WORDS_AND_COMMAS = re.compile(r"[\w\s,-]*")
_SENTENCE_BREAK = re.compile(r"[.!?;]")  # compiled once, as text.PHRASE_BREAK

# (cue, cue word, speaker, the speaker is a medium reporting the quote)
CueFrame = tuple[Cue, Word, Speaker | None, bool]


class Cues:
    """Finds the cue of a quote or statement and the speaker it names."""

    def __init__(self, text: ArticleText, resolver: SpeakerResolver, media: Media) -> None:
        self.text = text
        self.lex = text.lex
        self.resolver = resolver
        self.media = media

    def cue_of(self, word: Word) -> Cue | None:
        return self.lex.cues.get(word.lower)

    def trailing_cue(self, span: QuotedSpan, end: int) -> CueFrame | None:
        """A speech cue right after a quote: (cue, cue word, speaker, speaker is a medium reporting it)."""
        text = self.text
        words = text.words_in(span.outer_end, end)
        if not words or _SENTENCE_BREAK.search(text.masked, span.outer_end, words[0].start):
            return None
        first = self.cue_of(words[0])
        if first and not first.partial_only:
            return self.after_cue(first, words, 0, end)
        # "“…,” Putin menambahkan." — a speaker, then the cue.
        for k in range(1, min(len(words), 6)):
            cue = self.cue_of(words[k])
            if not cue:
                continue
            if cue.cls != "verb" or cue.partial_only or "," in text.gap(words[0].start, words[k].start):
                return None
            speaker = self.resolver.resolve(words[0].start, words[k - 1].end, subject=True)
            return (cue, words[k], speaker, False) if speaker else None
        return None

    def after_cue(self, cue: Cue, words: list[Word], k: int, limit: int) -> CueFrame:
        """The speaker named after the cue words[k] ("kata Biden", "menurut juru bicara ..., Budi")."""
        cue_word = words[k]
        if cue.pronoun_suffix:
            return cue, cue_word, self.resolver.nya_speaker(cue_word.start, continues=cue.continues), False
        while k + 1 < len(words) and words[k + 1].lower in self.lex.words["after_cue"]:
            k += 1  # "demikian disampaikan oleh para pejabat"
        phrase_end = self._description_end(words, k + 1, limit)
        phrase_start = words[k + 1].start if k + 1 < len(words) else cue_word.end
        if cue.cls == "report" or (cue.cls == "according" and self.media.is_media_phrase(phrase_start, phrase_end)):
            return cue, cue_word, None, True
        role_first = self._opens_with_role(phrase_start, phrase_end)
        resolved = self.resolver.resolve(phrase_start, phrase_end)
        speaker, _ = self.with_apposition(resolved, phrase_end, limit, role_first=role_first)
        return cue, cue_word, speaker, False

    def _opens_with_role(self, start: int, end: int) -> bool:
        """The phrase opens with a role ("pemimpin proyek Net Zero Tracker"), so a name after it in apposition is
        who the role is."""
        lowers = [w.lower for w in self.text.words_in(start, end)[: self.lex.longest_role]]
        return bool(lowers) and (self.lex.role_at(lowers, 0) or ("",))[0] in ("role", "leader", "agent")

    def _description_end(self, words: list[Word], k: int, limit: int) -> int:
        """End of the speaker phrase at words[k]; a description pointing back across commas runs to its anaphoric
        word ("ujar gelandang asal klub Liga Belgia, Lommell, itu": the player in focus, not Lommell)."""
        text = self.text
        end = text.phrase_end(words, k, limit)
        if k >= len(words) or not self.lex.role_at([w.lower for w in words[k : k + self.lex.longest_role]], 0):
            return end
        tail = [w for w in words[k:] if w.end <= limit]
        last = tail[-1] if tail else None
        if last is None or last.end <= end or last.lower not in self.lex.words["anaphoric"]:
            return end
        # Only words and commas between: ", Lommell, itu".
        return last.end if _WORDS_AND_COMMAS.fullmatch(text.gap(end, last.start)) else end

    def with_apposition(
        self, speaker: Speaker | None, phrase_end: int, limit: int, *, stop_words: bool = True, role_first: bool = False
    ) -> tuple[Speaker | None, int]:
        """A role or organisation may be followed by the name in apposition: "ujar Direktur Utama LMAN, Basuki
        Purwadi", "Menurut penasihat presiden Rusia ..., Yuri Ushakov, ...". The name then speaks."""
        if speaker is not None and speaker.is_person and not role_first:
            return speaker, phrase_end
        text = self.text
        after = text.words_in(phrase_end, limit)
        if not after or text.gap(phrase_end, after[0].start).strip() != ",":
            return speaker, phrase_end
        apposition_end = text.phrase_end(after, 0, limit, stop_words=stop_words)
        named_words = text.words_in(after[0].start, apposition_end)
        named = self.resolver.resolve(after[0].start, apposition_end)
        # After an organisation or a titled person, only a name standing alone: "pemimpin proyek Net Zero Tracker,
        # John Lang", not "Menurut Kremlin, Putin dan Xi berbicara ...".
        alone = named is not None and named.is_person and self._is_person_name(after[0].start, apposition_end)
        if speaker is not None and speaker.entity is not None and not alone:
            return speaker, phrase_end
        is_name = named is not None and named != speaker and (
            named.is_person
            or named.entity is None
            and (speaker is None or speaker.entity is None)
            and 2 <= len(named_words) <= 4
            and all(w.text[:1].isupper() for w in named_words)
        )
        return (named, apposition_end) if is_name else (speaker, phrase_end)

    def leading_cue(
        self, span: QuotedSpan, sentence_start: int
    ) -> tuple[Cue | None, Word | None, Speaker | None] | None:
        """A cue introducing a quote: "Putin mengatakan: “…”", "Kata Xi, “…”", "Menurut X, “…”", or a name and a
        colon as in an interview ("Budi: “…”")."""
        words = self.text.words_in(sentence_start, span.outer_start)
        if not words:
            return None
        tail = self.text.gap(words[-1].end, span.outer_start).strip()
        last = words[-1]
        bahwa = last.lower == "bahwa" and len(words) > 1
        if bahwa:
            last = words[-2]
        elif last.lower in self.lex.words["example"] and len(words) > 2 and tail in (":", ","):
            # "meneriakkan seruan seperti, “…”": the verb a word or two before the example word.
            verb = next((w for w in reversed(words[-4:-1]) if self.cue_of(w)), None)
            last = verb or last
        cue = self.cue_of(last)
        if cue and cue.cls == "verb" and not cue.partial_only and (tail in (":", ",") or bahwa):
            return cue, last, self.subject_before(sentence_start, last)
        # "Kata Xi, “…”" / "Menurut Xi, “…”": the cue opens the sentence and the speaker follows it.
        first = self.cue_of(words[0])
        cites_a_rule = len(words) > 1 and words[1].lower in self.lex.words.get("document", ())  # "Menurut Pasal 1"
        if first and first.cls in ("short", "according") and tail == "," and not cites_a_rule:
            _, cue_word, speaker, is_media = self.after_cue(first, words, 0, span.outer_start)
            return (first, cue_word, speaker) if not is_media else None
        if tail == ":":
            clause_start = self.clauses(sentence_start, words[-1].end)[-1][0]
            speaker = self.resolver.resolve(clause_start, words[-1].end, subject=True)
            if speaker is not None and speaker.entity is not None and self._is_name_only(clause_start, words[-1].end):
                return None, None, speaker
        return None

    def _is_name_only(self, start: int, end: int) -> bool:
        """The phrase is one entity mention, perhaps after a title: "Budi", "Menteri Budi Santoso"."""
        mentions = self.text.mentions_in(start, end)
        return bool(mentions) and mentions[-1].end >= self.text.words_in(start, end)[-1].end

    def subject_before(self, sentence_start: int, cue_word: Word) -> Speaker | None:
        """The speaker before a verb cue: the nearest clause that names one ("Dalam sambutan ..., Putin mengatakan")."""
        clauses = self.clauses(sentence_start, cue_word.start)
        if not clauses:
            return None
        text, resolve = self.text, self.resolver.resolve
        last_start, last_end = clauses[-1]
        if not text.words_in(last_start, last_end) and len(clauses) > 1:
            # The verb follows an apposition: "Juru bicara Kemlu, Sri Wahyuni, mengatakan" names the person in
            # apposition; "Nikolai Patrushev, sekutu dekat Putin ..., mengatakan" has the speaker before it.
            for clause_start, clause_end in clauses[1:-1]:
                if self._is_person_name(clause_start, clause_end):
                    words = text.words_in(clause_start, clause_end)
                    named = Speaker(text.body[words[0].start : words[-1].end])
                    return resolve(clause_start, clause_end, subject=True) or named
            return resolve(*clauses[0], subject=True)
        for clause_start, clause_end in reversed(clauses):
            words = text.words_in(clause_start, clause_end)
            if words and words[0].lower == "yang":
                continue
            speaker = resolve(clause_start, clause_end, subject=True)
            if speaker:
                return speaker
            if any(w.lower not in self.lex.words["conjunction"] for w in words):
                return None
        return None

    def _is_person_name(self, start: int, end: int) -> bool:
        """The phrase is a person's name: one person mention, or (a name the nlp stage missed) one to four
        capitalised words that name no place, organisation or day ("Seorang warga, Asep, mengaku ...")."""
        words = self.text.words_in(start, end)
        if not words:
            return False
        mentions = self.text.mentions_in(start, end)
        if mentions:
            first = mentions[0]
            return first.entity.type == "PER" and first.start == words[0].start and first.end >= words[-1].end
        return len(words) <= 4 and all(w.text[:1].isupper() and w.lower not in self.lex.calendar for w in words)

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """[start, end) cut at its commas outside brackets."""
        clauses = []
        depth = 0
        clause_start = start
        # Only brackets and commas matter: visit them alone rather than every character.
        for mark in _CLAUSE_MARKS.finditer(self.text.masked, start, end):
            char = mark.group()
            if char in "([":
                depth += 1
            elif char in ")]":
                depth = max(0, depth - 1)
            elif depth == 0:
                pos = mark.start()
                clauses.append((clause_start, pos))
                clause_start = pos + 1
        clauses.append((clause_start, end))
        return clauses
