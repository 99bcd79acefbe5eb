"""Direct and partial quotes: a quoted span is a statement of its own when its position or a cue tells so
("…,” kata Patrushev"; "X mengatakan: “…”"; a quote opening its sentence), else a phrase of three words or more
quoted inside reported speech; shorter quoted words are scare quotes and are never reported."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .cues import Cues
from .indirect import Act
from .lexicon import Cue
from .marks import QuotedSpan
from .media import Media
from .resolve import SpeakerResolver
from .speakers import Speaker
from .text import MASK, MIN_STATEMENT_WORDS, ArticleText, Word, words_up_to

_JOINED = re.compile(r"[\s,.!?\"“”]*(?:dan|serta|atau)?[\s,\"“”]*", re.IGNORECASE)


@dataclass
class Draft:
    """A quote found, before it becomes a record."""

    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None
    cue: str | None
    cited: list[str]
    # A quote opening its paragraph with no cue and no speaker before it: the run of quote paragraphs it opens decides
    # (carry_speakers), else `fallback`, the person in focus in the narrative before it.
    carried: bool = False
    fallback: Speaker | None = None


class DirectQuotes:
    """Turns quoted spans into direct or partial quotes. `consumed` gets the cue words a direct quote uses, which
    then start no indirect speech."""

    def __init__(self, text: ArticleText, resolver: SpeakerResolver, media: Media, cues: Cues,
                 consumed: set[int]) -> None:
        self.text = text
        self.resolver = resolver
        self.media = media
        self.cues = cues
        self.consumed = consumed
        # The last speaker of each paragraph: a quote without a cue continues it.
        self.last_speaker: dict[int, Speaker | None] = {}
        self.drafts_of_sentence: list[Draft] = []  # the direct quotes found so far (the last one is what matters)

    def direct(self, span: QuotedSpan, sentence: int) -> Draft | None:
        """The span as a statement of its own (sentence: the index of the sentence it opens in), or None."""
        text = self.text
        sentence_start = text.sentences[sentence][0]
        limit = self._limit(span)
        if self._is_named(span, sentence_start):
            return None  # "dengan judul “…”": a title, not a statement
        quoted = span.text(text.body)
        words = words_up_to(quoted, MIN_STATEMENT_WORDS)  # only compared with 2 and MIN_STATEMENT_WORDS
        lead = text.masked[sentence_start : span.outer_start].strip(" \t-–—•*")
        starts_sentence = lead == ""
        trailing = self.cues.trailing_cue(span, limit) if span.close_pos is not None else None
        leading = (
            self.cues.leading_cue(span, sentence_start) if span.open_pos is not None and not starts_sentence else None
        )
        if starts_sentence and span.open_pos is not None:
            leading = self._lead_in_paragraph_before(span)
        trail_words = text.words_in(span.outer_end, limit)
        ends_clause = not trail_words or quoted.rstrip()[-1:] in ".!?…,"
        speaker: Speaker | None = None
        cue_word: Word | None = None
        carried = False
        cited = [m for _, m in self.media.cites_in(span.outer_end, limit)] + [
            m for _, m in self.media.cites_in(sentence_start, span.outer_start)
        ]
        if trailing and (starts_sentence or leading or words >= MIN_STATEMENT_WORDS or span.open_pos is None):
            _, cue_word, speaker, reported_by_media = trailing
            if reported_by_media:
                medium = self.media.media_in(
                    cue_word.end, text.phrase_end(trail_words, trail_words.index(cue_word) + 1, limit, stop_words=False)
                )
                if medium and medium not in cited:
                    cited.insert(0, medium)
                speaker = (
                    self.resolver.resolve(sentence_start, span.outer_start, subject=True) if not starts_sentence else None
                ) or self.resolver.focus.person_speaker()
        elif span.open_pos is None:
            return None
        elif leading and words >= 2 and ends_clause:
            _, cue_word, speaker = leading
        elif self._joined_to_last(span, sentence_start) and ends_clause:
            # "“Bebaskan semuanya!” dan “Garda Nasional pergi!”": the second quote goes with the first.
            last = self.drafts_of_sentence[-1]
            speaker, cue_word = last.speaker, None
        elif starts_sentence and words >= MIN_STATEMENT_WORDS and ends_clause:
            speaker, carried = self._speaker_without_cue(span)
        else:
            return None
        start, end = span.start, span.end
        while end > start and text.body[end - 1] in ", \t\n":
            end -= 1
        if end <= start or not quoted.strip(", \t\n"):
            return None  # marks around nothing but a comma ("“,”kata") quote no one
        if cue_word is not None:
            self.consumed.add(cue_word.start)
        quoted = text.body[start:end] if len(span.parts) == 1 else quoted.rstrip(", \t\n")
        if carried:
            draft = Draft(start, end, quoted, "direct", None, None, cited, True, speaker)
        else:
            draft = Draft(start, end, quoted, "direct", speaker, cue_word.lower if cue_word else None, cited)
        self.drafts_of_sentence.append(draft)
        return draft

    def _joined_to_last(self, span: QuotedSpan, sentence_start: int) -> bool:
        """The quote follows a direct quote of its sentence with nothing but "dan", "serta", "atau" or a comma
        between."""
        if not self.drafts_of_sentence or self.drafts_of_sentence[-1].start < sentence_start:
            return False
        between = self.text.gap(self.drafts_of_sentence[-1].end, span.outer_start)
        return _JOINED.fullmatch(between.replace(MASK, "")) is not None

    def _is_named(self, span: QuotedSpan, sentence_start: int) -> bool:
        """The quote follows a word that names what is quoted ("berjudul", "bertajuk", "tagar"): a title or a
        name, which nobody says as their own words."""
        before = self.text.word_before(span.outer_start)
        return (
            before is not None
            and before.start >= sentence_start
            and before.lower in self.text.lex.words["names_next"]
            and not self.text.gap(before.end, span.outer_start).strip()
        )

    def _lead_in_paragraph_before(self, span: QuotedSpan) -> tuple[Cue | None, Word | None, Speaker | None] | None:
        """A quote opening its paragraph after one that ends with a colon: "Putin mengatakan:" or "..., Nelson
        Mandela:" introduces it."""
        text = self.text
        block = text.block_of(span.outer_start)
        if not block or text.body[text.blocks[block][0] : span.outer_start].strip():
            return None
        before_start, before_end = text.blocks[block - 1]
        if not text.masked[before_start:before_end].rstrip().endswith(":"):
            return None
        return self.cues.leading_cue(span, text.sentences[text.sentence_of(before_end - 1)][0])

    def _limit(self, span: QuotedSpan) -> int:
        """Where a cue after the span may end: its closing sentence and paragraph, and the next quote."""
        text = self.text
        close_sentence = text.sentence_of(max(span.outer_end - 1, 0))
        limit = min(text.sentences[close_sentence][1], text.blocks[text.block_of(span.outer_end - 1)][1])
        following = bisect_left(text.span_starts, span.outer_end)
        if following < len(text.span_starts):
            limit = min(limit, text.span_starts[following])
        return limit

    def _speaker_without_cue(self, span: QuotedSpan) -> tuple[Speaker | None, bool]:
        """A quote with no cue continues the last speaker: of the previous paragraph (fillers such as
        "ADVERTISEMENT" skipped) when it opens a paragraph, else of its own paragraph. (speaker, carried): a
        paragraph-opening quote after narrative is carried — its run of quote paragraphs decides, else the person in
        focus (the speaker returned)."""
        text = self.text
        block = text.block_of(span.outer_start)
        block_start = text.blocks[block][0]
        focus = self.resolver.focus
        if not text.body[block_start : span.outer_start].strip():
            previous = text.previous_block(block)
            if previous in self.last_speaker:
                return self.last_speaker[previous], False
            return focus.person_speaker(), True
        if block in self.last_speaker:
            return self.last_speaker[block], False
        # "Budi memuji kinerja petani. “Panen tahun ini luar biasa.”": the person the paragraph is about.
        return (focus.person_speaker() if focus.person_block == block else None), False

    def partial(self, span: QuotedSpan, acts: list[Act]) -> Draft | None:
        """A quoted phrase of three words or more inside a sentence with a speech act, attributed to the act
        before it (else the first act with a speaker)."""
        body = self.text.body
        quoted = span.text(body)
        if span.open_pos is None or words_up_to(quoted, MIN_STATEMENT_WORDS) < MIN_STATEMENT_WORDS or not acts:
            return None
        if self._is_named(span, self.text.sentences[self.text.sentence_of(span.outer_start)][0]):
            return None
        before = [a for a in acts if a.cue_start < span.outer_start and a.speaker]
        act = max(before, key=lambda a: a.cue_start) if before else next((a for a in acts if a.speaker), None)
        if act is None:
            return None
        start, end = span.start, span.end
        while end > start and body[end - 1] in ",. \t\n":
            end -= 1
        if end <= start:
            return None
        return Draft(start, end, body[start:end] if len(span.parts) == 1 else quoted, "partial", act.speaker, act.cue,
                     act.cited)
